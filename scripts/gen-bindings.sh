#!/usr/bin/env bash
# Builds libtandem_ffi (debug, unstripped: bindgen reads its metadata) and the
# uniffi-bindgen binary, then generates the Kotlin and Swift bindings in
# library mode into build/bindings/{kotlin,swift}. Prints the library's dir.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p tandem-ffi --features cli --lib --bin uniffi-bindgen >&2
LIB=target/debug/libtandem_ffi.so
OUT=build/bindings
rm -rf "$OUT"
mkdir -p "$OUT/kotlin" "$OUT/swift"
./target/debug/uniffi-bindgen generate --library "$LIB" --language kotlin --out-dir "$OUT/kotlin" --no-format >&2
./target/debug/uniffi-bindgen generate --library "$LIB" --language swift --out-dir "$OUT/swift" --no-format >&2
echo "$(pwd)/target/debug"
