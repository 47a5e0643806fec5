#!/usr/bin/env bash
# The Swift lane: generates the bindings, copies them into ios-demo/, and runs
# `swift test` for the ios-demo package inside the Debian trixie chroot that
# scripts/setup-swift.sh provides (Debian's swiftlang; no Swift on the host).
# Extra arguments go to `swift test` (e.g. `--filter ControllerTests`).
# Exits with swift test's status. ios-demo/.build is kept between runs.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PKG="$REPO/ios-demo"
say() { echo "[swift] $*" >&2; }
die() { echo "[swift] ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap chroot, mount, chroot)"
for tool in unshare chroot mount cmp; do
  command -v "$tool" >/dev/null || die "missing host tool: $tool"
done
[ -f "$PKG/Package.swift" ] || die "missing $PKG/Package.swift"

say "chroot: scripts/setup-swift.sh"
ROOT=$(bash "$REPO/scripts/setup-swift.sh" | tail -n 1) || die "scripts/setup-swift.sh failed"
[ -n "$ROOT" ] && chroot "$ROOT" /usr/bin/test -x /usr/bin/swift \
  || die "no swift in chroot '$ROOT'"

say "bindings: scripts/gen-bindings.sh"
LIBDIR=$(bash "$REPO/scripts/gen-bindings.sh" | tail -n 1) || die "scripts/gen-bindings.sh failed"
GEN="$REPO/build/bindings/swift"
for f in "$LIBDIR/libtandem_ffi.so" "$GEN/TandemKit.swift" "$GEN/TandemFFI.h" "$GEN/TandemFFI.modulemap"; do
  [ -s "$f" ] || die "missing generated file: $f"
done

# Snapshot of the library: only the .so (so -ltandem_ffi cannot pick the .a),
# and immune to a concurrent cargo build rewriting target/debug mid-test.
LIBSNAP=$(mktemp -d /tmp/tandem-swift-lib.XXXXXX)
trap 'rm -rf "$LIBSNAP"' EXIT
cp -p "$LIBDIR/libtandem_ffi.so" "$LIBSNAP/"

say "copy: generated files into ios-demo/Sources"
# Copy only when changed, so an unchanged API does not recompile TandemKit.
install_if_changed() {
  mkdir -p "$(dirname "$2")"
  cmp -s "$1" "$2" || cp "$1" "$2"
}
install_if_changed "$GEN/TandemFFI.h" "$PKG/Sources/TandemFFI/TandemFFI.h"
install_if_changed "$GEN/TandemFFI.modulemap" "$PKG/Sources/TandemFFI/module.modulemap"
install_if_changed "$GEN/TandemKit.swift" "$PKG/Sources/TandemKit/Generated/TandemKit.swift"

mkdir -p "$ROOT/src" "$ROOT/lib-tandem" "$PKG/.build/home"
say "test: swift test in $ROOT (private mount namespace)"
rc=0
ROOT="$ROOT" PKG="$PKG" LIBSNAP="$LIBSNAP" \
unshare --mount --propagation private -- bash -euo pipefail -c '
  mount -t proc proc "$ROOT/proc"
  mount --bind "$PKG" "$ROOT/src"
  mount --bind "$LIBSNAP" "$ROOT/lib-tandem"
  # The core reads zone rules from /usr/share/zoneinfo. A chroot cached
  # before setup-swift.sh installed tzdata may lack it: bind the host copy in.
  if [ ! -e "$ROOT/usr/share/zoneinfo/Europe/Berlin" ] && [ -d /usr/share/zoneinfo ]; then
    mkdir -p "$ROOT/usr/share/zoneinfo"
    mount --bind -o ro /usr/share/zoneinfo "$ROOT/usr/share/zoneinfo"
  fi
  [ -f "$ROOT/src/Package.swift" ] || { echo "[swift] ERROR: bind mount of ios-demo failed" >&2; exit 1; }
  [ -f "$ROOT/lib-tandem/libtandem_ffi.so" ] || { echo "[swift] ERROR: bind mount of the library failed" >&2; exit 1; }
  exec chroot "$ROOT" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/src/.build/home TMPDIR=/tmp LANG=C.UTF-8 TERM=dumb \
    LD_LIBRARY_PATH=/lib-tandem \
    /bin/sh -c "cd /src && exec swift test -Xlinker -L/lib-tandem \"\$@\"" swift-test "$@"
' tandem-swift "$@" || rc=$?

if [ "$rc" -ne 0 ]; then
  say "FAILED: swift test (or the chroot around it) exited with status $rc"
  exit "$rc"
fi
say "passed"
