#!/usr/bin/env bash
# The Kotlin (JVM) lane: generates the bindings, compiles them with the shell
# (android-demo/shell) and its JUnit 5 tests in one kotlinc call, and runs the
# tests on a plain JVM with JNA through the JUnit Platform console launcher
# (Debian's junit5). The jar is rebuilt only when its sources change.
#
# Usage: scripts/test-kotlin.sh [CLASS...]
#   With no argument every test class runs. Each CLASS (e.g. PauseTests, or
#   app.tandem.shell.PauseTests) runs only that class; CLASS#method runs one
#   test method (its Kotlin name).
# Ends with one line "N passed, N failed"; exits nonzero when a test fails,
# when the launcher reports any other error, or when no test ran.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

say() { echo "[kotlin] $*"; }
die() { echo "[kotlin] FAILED: $*" >&2; exit 1; }

OUT=build/kotlin
SHELL_DIR=android-demo/shell
PACKAGE=app.tandem.shell
JNA_JAR=/usr/share/java/jna.jar
JUNIT_LAUNCHER=/usr/share/java/junit-platform-console-standalone.jar
JUNIT_API=/usr/share/java/junit-jupiter-api.jar
OPENTEST4J=/usr/share/java/opentest4j.jar
APIGUARDIAN=/usr/share/java/apiguardian-api.jar

# Selectors: every class on the test jar, or the classes / methods given.
SELECTORS=()
for arg in "$@"; do
  case "$arg" in
    -*) die "unknown option '$arg' (usage: scripts/test-kotlin.sh [CLASS[#method]...])" ;;
    *.*) qualified=$arg ;;
    *) qualified="$PACKAGE.$arg" ;;
  esac
  if [[ "$qualified" == *"#"* ]]; then
    SELECTORS+=("--select-method=$qualified")
  else
    SELECTORS+=("--select-class=$qualified")
  fi
done

say "setup: kotlinc, JNA and JUnit 5 (scripts/setup-kotlin.sh)"
KDIR=$(bash scripts/setup-kotlin.sh | tail -n 1) || die "scripts/setup-kotlin.sh failed (see its message above)"
KOTLINC="$KDIR/bin/kotlinc"
STDLIB="$KDIR/lib/kotlin-stdlib.jar"
KOTLIN_TEST="$KDIR/lib/kotlin-test.jar"
KOTLIN_TEST_JUNIT5="$KDIR/lib/kotlin-test-junit5.jar"
[ -x "$KOTLINC" ] || die "no kotlinc at $KOTLINC"
for jar in "$STDLIB" "$KOTLIN_TEST" "$KOTLIN_TEST_JUNIT5" "$JNA_JAR" "$JUNIT_LAUNCHER" "$JUNIT_API" "$OPENTEST4J" "$APIGUARDIAN"; do
  [ -f "$jar" ] || die "missing $jar (scripts/setup-kotlin.sh should have installed it)"
done
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
[ -n "$(find "$SHELL_DIR/src/test/kotlin" -name '*Tests.kt')" ] || die "no test classes (*Tests.kt) in $SHELL_DIR/src/test/kotlin"

COMPILE_CP="$JNA_JAR:$JUNIT_API:$OPENTEST4J:$APIGUARDIAN:$KOTLIN_TEST:$KOTLIN_TEST_JUNIT5"
JAR="$OUT/tandem-shell-tests.jar"
STAMP="$OUT/tandem-shell-tests.sha256"
HASH=$( { echo "$KDIR $COMPILE_CP"; for f in "${SOURCES[@]}"; do echo "$f"; cat "$f"; done; } | sha256sum | cut -d' ' -f1)
if [ -f "$JAR" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
  say "compile: sources unchanged, reusing $JAR"
else
  say "compile: ${#SOURCES[@]} files in one kotlinc call -> $JAR"
  rm -f "$JAR" "$STAMP"
  # -nowarn: the generated bindings alone print dozens of warnings.
  "$KOTLINC" -nowarn -jvm-target 17 -cp "$COMPILE_CP" -d "$JAR" "${SOURCES[@]}" \
    || die "kotlinc failed"
  [ -f "$JAR" ] || die "kotlinc wrote no $JAR"
  echo "$HASH" > "$STAMP"
fi

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n 1)
[ -n "$VERSION" ] || die "no workspace version in Cargo.toml"

# A class filter must name a test class of the jar (the launcher's own error
# for an unknown class is a page of usage text and a stack trace).
command -v jar >/dev/null || die "no jar tool on PATH (it comes with the JDK)"
mapfile -t CLASSES < <(jar tf "$JAR" | sed -n 's#^\(app/tandem/shell/[A-Za-z0-9]*Tests\)\.class$#\1#p' | tr / . | LC_ALL=C sort)
[ "${#CLASSES[@]}" -gt 0 ] || die "no *Tests classes in $JAR"
for sel in "${SELECTORS[@]}"; do
  cls=${sel#--select-*=}
  cls=${cls%%#*}
  printf '%s\n' "${CLASSES[@]}" | grep -qxF "$cls" \
    || die "no test class $cls; the classes are: $(printf '%s ' "${CLASSES[@]##*.}")"
done
[ "${#SELECTORS[@]}" -gt 0 ] || SELECTORS=("--scan-class-path=$JAR")
REPORTS="$OUT/test-reports"
rm -rf "$REPORTS"
LOG="$OUT/junit.log"
say "run: JUnit Platform console launcher (${SELECTORS[*]})"
set +e
java -Djna.library.path="$LIBDIR" -Dtandem.expectedVersion="$VERSION" \
  -jar "$JUNIT_LAUNCHER" \
  --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii \
  --include-engine=junit-jupiter --fail-if-no-tests \
  --class-path="$JAR:$STDLIB:$JNA_JAR:$KOTLIN_TEST:$KOTLIN_TEST_JUNIT5" \
  --reports-dir="$REPORTS" \
  "${SELECTORS[@]}" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e

# The launcher's summary: "[       134 tests successful      ]" etc.
count() { sed -n "s/^\[ *\([0-9][0-9]*\) $1 *\]\$/\1/p" "$LOG" | tail -n 1; }
passed=$(count "tests successful")
failed=$(count "tests failed")
aborted=$(count "tests aborted")
containers_failed=$(count "containers failed")
found=$(count "tests found")
if [ -z "$passed" ] || [ -z "$failed" ]; then
  say "FAILED: no test summary from the launcher (exit $status); see $LOG"
  echo "0 passed, 0 failed"
  exit 1
fi
problem=
[ "$status" -eq 0 ] || problem="the launcher exited with status $status"
[ "${aborted:-0}" -eq 0 ] || problem="$aborted tests aborted"
[ "${containers_failed:-0}" -eq 0 ] || problem="$containers_failed test classes failed (setup or lifecycle errors)"
[ "$failed" -eq 0 ] || problem="$failed of ${found:-?} tests failed"
[ "$passed" -gt 0 ] || problem="no test ran"
if [ -n "$problem" ]; then
  say "FAILED: $problem (reports in $REPORTS)"
  status=1
else
  say "passed (reports in $REPORTS)"
fi
echo "$passed passed, $failed failed"
exit "$status"
