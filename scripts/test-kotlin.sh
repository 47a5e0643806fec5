#!/usr/bin/env bash
# The Kotlin (JVM) lane: generates the bindings, compiles them with the shell
# (android-demo/shell) and its tests in one kotlinc call, and runs the tests on
# a plain JVM with JNA. Exits with the test runner's status; any missing piece
# fails the lane. The jar is rebuilt only when its sources change.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

say() { echo "[kotlin] $*"; }
die() { echo "[kotlin] FAILED: $*" >&2; exit 1; }

OUT=build/kotlin
SHELL_DIR=android-demo/shell
JNA_JAR=/usr/share/java/jna.jar
MAIN_CLASS=app.tandem.shell.TestMainKt

say "setup: kotlinc and JNA (scripts/setup-kotlin.sh)"
KDIR=$(bash scripts/setup-kotlin.sh | tail -n 1)
KOTLINC="$KDIR/bin/kotlinc"
STDLIB="$KDIR/lib/kotlin-stdlib.jar"
[ -x "$KOTLINC" ] || die "no kotlinc at $KOTLINC"
[ -f "$STDLIB" ] || die "no kotlin-stdlib.jar at $STDLIB"
[ -f "$JNA_JAR" ] || die "no JNA at $JNA_JAR"
command -v java >/dev/null || die "no java on PATH"

say "bindings: build libtandem_ffi and generate (scripts/gen-bindings.sh)"
LIBDIR=$(bash scripts/gen-bindings.sh | tail -n 1)
[ -f "$LIBDIR/libtandem_ffi.so" ] || die "no libtandem_ffi.so in '$LIBDIR'"
GENERATED=build/bindings/kotlin/app/tandem/ffi/tandem_ffi.kt
[ -f "$GENERATED" ] || die "gen-bindings.sh wrote no $GENERATED"

# Snapshot the generated source: other lanes rerun gen-bindings.sh, which
# empties build/bindings while we compile.
rm -rf "$OUT/gen"
mkdir -p "$OUT/gen"
cp -R build/bindings/kotlin/. "$OUT/gen/"
[ -f "$OUT/gen/app/tandem/ffi/tandem_ffi.kt" ] || die "no generated Kotlin in $OUT/gen"

mapfile -t SOURCES < <(find "$OUT/gen" "$SHELL_DIR/src/main/kotlin" "$SHELL_DIR/src/test/kotlin" -name '*.kt' | LC_ALL=C sort)
[ "${#SOURCES[@]}" -ge 3 ] || die "expected bindings, shell and test sources; found ${SOURCES[*]:-none}"
[ -n "$(find "$SHELL_DIR/src/test/kotlin" -name '*.kt')" ] || die "no tests in $SHELL_DIR/src/test/kotlin"

JAR="$OUT/tandem-shell-tests.jar"
STAMP="$OUT/tandem-shell-tests.sha256"
HASH=$( { echo "$KDIR"; for f in "${SOURCES[@]}"; do echo "$f"; cat "$f"; done; } | sha256sum | cut -d' ' -f1)
if [ -f "$JAR" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
  say "compile: sources unchanged, reusing $JAR"
else
  say "compile: ${#SOURCES[@]} files in one kotlinc call -> $JAR"
  rm -f "$JAR" "$STAMP"
  # -nowarn: the generated bindings alone print dozens of warnings.
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$JNA_JAR" -d "$JAR" "${SOURCES[@]}" \
    || die "kotlinc failed"
  [ -f "$JAR" ] || die "kotlinc wrote no $JAR"
  echo "$HASH" > "$STAMP"
fi

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
[ -n "$VERSION" ] || die "no workspace version in Cargo.toml"

say "run: $MAIN_CLASS"
set +e
java -Djna.library.path="$LIBDIR" -Dtandem.expectedVersion="$VERSION" \
  -cp "$JAR:$STDLIB:$JNA_JAR" "$MAIN_CLASS"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  say "FAILED (exit $status)"
else
  say "passed"
fi
exit "$status"
