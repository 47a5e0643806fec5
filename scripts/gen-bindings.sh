#!/usr/bin/env bash
# Builds libtandem_ffi (debug, unstripped: bindgen reads its metadata) and the
# uniffi-bindgen binary, then generates the Kotlin and Swift bindings in
# library mode into build/bindings/{kotlin,swift}. Prints the library's dir.
set -euo pipefail
cd "$(dirname "$0")/.."
# CARGO_TARGET_DIR is honoured (a second checkout builds beside the first).
TARGET_DIR=$(realpath -m "${CARGO_TARGET_DIR:-target}")
cargo build -q -p tandem-ffi --features cli --lib --bin uniffi-bindgen >&2
LIB=$TARGET_DIR/debug/libtandem_ffi.so
OUT=build/bindings
rm -rf "$OUT"
mkdir -p "$OUT/kotlin" "$OUT/swift"
"$TARGET_DIR/debug/uniffi-bindgen" generate --library "$LIB" --language kotlin --out-dir "$OUT/kotlin" --no-format >&2
"$TARGET_DIR/debug/uniffi-bindgen" generate --library "$LIB" --language swift --out-dir "$OUT/swift" --no-format >&2
echo "$TARGET_DIR/debug"
