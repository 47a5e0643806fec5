#!/usr/bin/env bash
# Builds (once) a Debian trixie chroot with Debian's swiftlang, at a fixed cache
# path outside the repository; later runs reuse it. Prints the chroot's path.
set -euo pipefail
CACHE=${TANDEM_CACHE:-/var/cache/tandem}
ROOT="$CACHE/swift-trixie"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

# /usr/bin/swift is an absolute symlink that only resolves inside the root.
if [ -f "$ROOT/.tandem-ready" ] && chroot "$ROOT" /usr/bin/test -x /usr/bin/swift 2>/dev/null; then
  echo "$ROOT"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v debootstrap >/dev/null; then
  echo "[setup-swift] installing debootstrap" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null
fi
mkdir -p "$CACHE"
# A debootstrap that died (or a second one run at the same time) leaves
# /proc and friends mounted inside the partial root: unmount them first,
# or the removal fails on them.
if [ -d "$ROOT.partial" ]; then
  findmnt -rn -o TARGET | grep -F "$ROOT.partial/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
fi
rm -rf "$ROOT.partial"
echo "[setup-swift] debootstrap trixie with swiftlang (a few minutes, once)" >&2
# tzdata: the Rust core reads zone rules from the system's database
# (/usr/share/zoneinfo); Swift pulls it in today only through Python.
debootstrap --variant=minbase --include=swiftlang,libc6-dev,tzdata trixie "$ROOT.partial" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
  echo "[setup-swift] debootstrap failed; last lines of $CACHE/debootstrap.log:" >&2
  tail -n 30 "$CACHE/debootstrap.log" >&2
  exit 1
}
rm -rf "$ROOT"
mv "$ROOT.partial" "$ROOT"
touch "$ROOT/.tandem-ready"
echo "$ROOT"
