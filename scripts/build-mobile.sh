#!/usr/bin/env bash
# Builds the mobile library the way it ships (profile "mobile": opt-level z,
# fat LTO, one codegen unit), for the host (x86-64 Linux: the stand-in for
# arm64 Android that issue 18 measures), strips a copy into
# build/mobile/libtandem_ffi.so and prints its size. With --check it fails
# when the stripped library is over the limit (2.0 MB, LIMIT_BYTES overrides).
#
# How, and why each part (figures: README "The mobile library's size"):
# - `cargo rustc --crate-type cdylib`: only the .so, not tandem-ffi's
#   staticlib and rlib in the same rustc run (the CLI, tests and iOS need
#   those; building them together made the .so larger).
# - `-z pack-relative-relocs` (lld, glibc 2.36+): relative relocations as
#   DT_RELR. Android (API 28+, NDK's lld) takes `-Wl,--pack-dyn-relocs=android`
#   (API 30+: `=relr` too); iOS links the static library into the app, whose
#   linker (ld64, chained fixups on iOS 15+) packs them already.
# - Both are flags of this one final rustc call, so they never change the
#   dependencies' fingerprints (a RUSTFLAGS change would rebuild everything).
# - SQLite's trimmed configuration comes from .cargo/config.toml; here it is
#   also compiled without unwind tables (about 85 KB): no Rust panic unwinds
#   through SQLite's frames (rusqlite catches them in its callbacks, and an
#   `extern "C"` boundary aborts an unwind), so they were never read.
# - The standard library is built with it (`-Zbuild-std`), rather than
#   linked as rustup ships it (opt-level 3, every feature): at opt-level z,
#   in the same fat LTO, with std's `optimize_for_size` algorithms, and
#   without its backtrace symbolizer (`backtrace`: gimli, addr2line, a
#   decompressor; a panic still unwinds to uniffi and reaches the app as a
#   typed error, its message and location intact; only the frame list
#   printed with RUST_BACKTRACE is gone, and a phone has nowhere to print
#   it). About 300 KB. `-Z` flags need RUSTC_BOOTSTRAP=1 on the stable
#   toolchain the tests use (TOOLCHAIN.md, as for cargo fuzz), std's
#   sources the `rust-src` component (installed here when missing), and an
#   explicit `--target` (the host's triple).
# - scripts/mobile-link.sh links it, exporting the FFI's functions only,
#   not uniffi's metadata statics (about 107 KB; the bindings are generated
#   from the debug build). The library is then loaded and every checksum
#   function called, as the bindings do first, so a symbol gone too many is
#   found here, not on a phone.
#
# Usage: scripts/build-mobile.sh [--check]
# Prints the stripped library's path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT_BYTES=${LIMIT_BYTES:-2000000}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

HOST=$(rustc -vV | sed -n 's/^host: //p')
if [ ! -f "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  echo "[setup] std's sources missing; installing the rust-src component" >&2
  rustup component add rust-src >&2 || {
    echo "FAILED: cannot install rust-src, which -Zbuild-std needs" >&2
    exit 1
  }
fi

RUSTC_BOOTSTRAP=1 CFLAGS="${CFLAGS:-} -fno-asynchronous-unwind-tables -fno-unwind-tables" \
  cargo rustc -q -p tandem-ffi --lib --profile mobile --crate-type cdylib \
  --target "$HOST" -Zbuild-std=std,panic_unwind \
  -Zbuild-std-features=panic-unwind,optimize_for_size -- \
  -C link-arg=-Wl,-z,pack-relative-relocs \
  -C linker="$(pwd)/scripts/mobile-link.sh" -C linker-flavor=gcc >&2

mkdir -p build/mobile
OUT=build/mobile/libtandem_ffi.so
cp "$TARGET_DIR/$HOST/mobile/libtandem_ffi.so" "$OUT"
strip "$OUT"
# A symbol the library needs but does not define, beyond the system's own
# versioned ones (libc, the unwinder): Android's linker refuses to load such
# a library. SQLite's OMIT options that change its grammar leave these (the
# amalgamation's parser still calls VACUUM, ATTACH, virtual tables...).
unresolved=$(nm -D --undefined-only "$OUT" | awk '$1 == "U" && $2 !~ /@/ { print $2 }')
if [ -n "$unresolved" ]; then
  echo "FAILED: the mobile library needs symbols nothing defines:" $unresolved >&2
  exit 1
fi
# A panic must unwind to uniffi's catch (a typed error, not an ended app):
# std built here (-Zbuild-std) must still raise it through the unwinder.
if ! nm -D --undefined-only "$OUT" | grep -q '_Unwind_RaiseException'; then
  echo "FAILED: the mobile library cannot unwind a panic (no _Unwind_RaiseException)" >&2
  exit 1
fi
if nm -D --defined-only "$OUT" | grep -q UNIFFI_META_; then
  echo "FAILED: the mobile library exports uniffi's metadata (scripts/mobile-link.sh)" >&2
  exit 1
fi
# Load it as a phone does and call what the bindings call first: the
# contract version and each function's checksum.
cat > build/mobile/load.c <<'C'
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  uint32_t (*contract)(void) = (uint32_t (*)(void))dlsym(lib, "ffi_tandem_ffi_uniffi_contract_version");
  if (!contract || contract() == 0) { fprintf(stderr, "no contract version\n"); return 1; }
  for (int i = 2; i < argc; i++) {
    uint16_t (*checksum)(void) = (uint16_t (*)(void))dlsym(lib, argv[i]);
    if (!checksum) { fprintf(stderr, "missing %s\n", argv[i]); return 1; }
    checksum();
  }
  printf("loaded: contract %u, %d checksums\n", contract(), argc - 2);
  return 0;
}
C
cc -o build/mobile/load build/mobile/load.c -ldl
checksums=$(nm -D --defined-only "$OUT" | awk '$3 ~ /^uniffi_tandem_ffi_checksum_/ { print $3 }')
if [ -z "$checksums" ]; then
  echo "FAILED: the mobile library exports no uniffi checksum functions" >&2
  exit 1
fi
# shellcheck disable=SC2086
build/mobile/load "$(pwd)/$OUT" $checksums >&2
bytes=$(stat -c %s "$OUT")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')
echo "mobile library (stripped): $bytes bytes = $mib MiB (limit $LIMIT_BYTES bytes)" >&2
if [ "${1:-}" = --check ] && [ "$bytes" -gt "$LIMIT_BYTES" ]; then
  echo "FAILED: the mobile library is $((bytes - LIMIT_BYTES)) bytes over the limit" >&2
  exit 1
fi
echo "$(pwd)/$OUT"
