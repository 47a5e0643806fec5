#!/usr/bin/env bash
# Builds ios-demo/TandemFFI.xcframework (the Rust core as static libraries
# for iPhone and the simulators, with the uniffi C header and modulemap) and
# copies the generated Swift into Sources/TandemKit/Generated/.
# For a Mac with Xcode 15+ and rustup. NOT RUN in this repository's Linux
# environment: written from the uniffi and Xcode documentation.
# Usage: bash ios-demo/build-xcframework.sh   (from anywhere)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PKG="$REPO/ios-demo"
OUT="$REPO/build/ios"
cd "$REPO"

[ "$(uname)" = Darwin ] || { echo "needs macOS with Xcode" >&2; exit 1; }
command -v xcodebuild >/dev/null || { echo "missing xcodebuild (install Xcode)" >&2; exit 1; }

DEVICE=aarch64-apple-ios
SIMS=(aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "$DEVICE" "${SIMS[@]}"
rustup component add rust-src

# 1. The static library for each target (profile "mobile": size-optimised,
#    LTO, the standard library built with it as scripts/build-mobile.sh
#    builds the Android stand-in: -Zbuild-std needs RUSTC_BOOTSTRAP on stable).
export IPHONEOS_DEPLOYMENT_TARGET=16.0
for t in "$DEVICE" "${SIMS[@]}"; do
  RUSTC_BOOTSTRAP=1 cargo build --profile mobile -p tandem-ffi --lib --target "$t" \
    -Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind,optimize_for_size
done

# 2. One simulator library for both Mac architectures.
mkdir -p "$OUT/sim"
lipo -create \
  "target/aarch64-apple-ios-sim/mobile/libtandem_ffi.a" \
  "target/x86_64-apple-ios/mobile/libtandem_ffi.a" \
  -output "$OUT/sim/libtandem_ffi.a"

# 3. The Swift bindings, exactly as scripts/gen-bindings.sh makes them for
#    the Linux lane (library mode over a host build, which keeps the uniffi
#    metadata; bindings/uniffi.toml: module TandemKit, ffi module TandemFFI).
cargo build -q -p tandem-ffi --features cli --lib --bin uniffi-bindgen
HOSTLIB=$(ls target/debug/libtandem_ffi.dylib)
rm -rf "$OUT/swift" && mkdir -p "$OUT/swift"
cargo run -q -p tandem-ffi --features cli --bin uniffi-bindgen -- \
  generate --library "$HOSTLIB" --language swift --out-dir "$OUT/swift"

# 4. Headers for the XCFramework: the C header and a module.modulemap.
rm -rf "$OUT/headers" && mkdir -p "$OUT/headers"
cp "$OUT/swift/TandemFFI.h" "$OUT/headers/"
cp "$OUT/swift/TandemFFI.modulemap" "$OUT/headers/module.modulemap"

# 5. The XCFramework, replacing the previous one.
rm -rf "$PKG/TandemFFI.xcframework"
xcodebuild -create-xcframework \
  -library "target/$DEVICE/mobile/libtandem_ffi.a" -headers "$OUT/headers" \
  -library "$OUT/sim/libtandem_ffi.a" -headers "$OUT/headers" \
  -output "$PKG/TandemFFI.xcframework"

# 6. The generated Swift goes where TandemKit compiles it (never committed).
mkdir -p "$PKG/Sources/TandemKit/Generated"
cp "$OUT/swift/TandemKit.swift" "$PKG/Sources/TandemKit/Generated/TandemKit.swift"

echo "built $PKG/TandemFFI.xcframework; switch Package.swift to the binaryTarget (ios-demo/README.md, Building the app)"
