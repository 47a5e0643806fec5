#!/usr/bin/env bash
# The app's Robolectric tests (android-demo/app/src/test), called by
# scripts/test-android.sh after it compiled and linked the app:
#   test-android-robolectric.sh OUT M2 KDIR LIBDIR
# OUT holds app.jar and link/app-res.apk; M2 the Maven Central jars;
# KDIR the Kotlin compiler; LIBDIR libtandem_ffi.so. Offline: Robolectric
# takes Android 15's runtime jar (android-all-instrumented) from M2.
# JUnit 4 (JUnitCore) runs them; ends "N passed, N failed".
set -euo pipefail
OUT=$1 M2=$2 KDIR=$3 LIBDIR=$4
say() { echo "[android] $*"; }
TESTS=android-demo/app/src/test/kotlin
mapfile -t SOURCES < <(find "$TESTS" -name '*.kt' | LC_ALL=C sort)
[ "${#SOURCES[@]}" -gt 0 ] || { say "FAILED: no tests in $TESTS"; echo "0 passed, 1 failed"; exit 1; }
ROBO=""
for a in robolectric annotations junit nativeruntime nativeruntime-dist-compat pluginapi plugins-maven-dependency-resolver \
  resources sandbox shadowapi shadows-framework utils utils-reflector; do
  v=4.16; [ "$a" = nativeruntime-dist-compat ] && v=1.0.18
  ROBO="$ROBO:$M2/$a-$v.jar"
done
for j in monitor-1.8.0 espresso-idling-resource-3.7.0 sqlite4java-1.0.392 auto-value-annotations-1.11.0 error_prone_annotations-2.36.0 \
  guava-33.4.8-jre failureaccess-1.0.3 icu4j-77.1 javax.annotation-api-1.3.2 javax.inject-1 bcprov-jdk18on-1.81 \
  conscrypt-openjdk-uber-2.5.2 jspecify-1.0.0 asm-9.8 asm-commons-9.8 asm-tree-9.8 snakeyaml-2.4 junit-4.13.2 hamcrest-core-1.3; do
  ROBO="$ROBO:$M2/$j.jar"
done
ROBO=${ROBO#:}
BASE="$OUT/app.jar:$KDIR/lib/kotlin-stdlib.jar:/usr/share/java/jna.jar:$M2/core-3.5.3.jar"
say "robolectric: compile ${#SOURCES[@]} test files"
# As AGP compiles unit tests: friends of the module under test, so they see
# its `internal` declarations (the controller's core) without reflection.
"$KDIR/bin/kotlinc" -nowarn -jvm-target 17 -Xfriend-paths="$OUT/app.jar" -cp "$M2/android-all-15-robolectric-13954326.jar:$BASE:$ROBO" -d "$OUT/app-tests.jar" "${SOURCES[@]}" \
  || { say "FAILED: kotlinc on the tests"; echo "0 passed, 1 failed"; exit 1; }
# In place of AGP's unitTests.isIncludeAndroidResources: the linked manifest and resources.
CONF="$OUT/robolectric-config"
mkdir -p "$CONF/com/android/tools"
printf 'android_merged_manifest=%s\nandroid_resource_apk=%s\nandroid_custom_package=app.tandem.android\n' \
  "$(pwd)/$OUT/link/AndroidManifest.xml" "$(pwd)/$OUT/link/app-res.apk" >"$CONF/com/android/tools/test_config.properties"
mapfile -t CLASSES < <(unzip -Z1 "$OUT/app-tests.jar" | sed -n 's#^\(app/tandem/android/[A-Za-z]*Tests\)\.class$#\1#p' | tr / .)
[ "${#CLASSES[@]}" -gt 0 ] || { say "FAILED: no *Tests classes"; echo "0 passed, 1 failed"; exit 1; }
say "robolectric: run ${CLASSES[*]##*.}"
LOG="$OUT/robolectric.log"
set +e
java -Djna.library.path="$LIBDIR" -Drobolectric.offline=true -Drobolectric.dependency.dir="$M2" \
  -Drobolectric.logging.enabled=false \
  -cp "$CONF:$OUT/app-tests.jar:$BASE:$ROBO:$M2/android-all-15-robolectric-13954326.jar" org.junit.runner.JUnitCore "${CLASSES[@]}" >"$LOG" 2>&1
status=$?
set -e
grep -vE '^\s+at |^\.+$' "$LOG" | head -n 80
run=$(sed -n 's/^Tests run: \([0-9]*\),.*/\1/p; s/^OK (\([0-9]*\) tests\{0,1\})/\1/p' "$LOG" | tail -n 1)
failed=$(sed -n 's/^Tests run: [0-9]*,  Failures: \([0-9]*\).*/\1/p' "$LOG" | tail -n 1)
run=${run:-0}; failed=${failed:-0}
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$run" -eq 0 ]; then
  say "FAILED: robolectric (exit $status; full log $LOG)"
  [ "$failed" -eq 0 ] && failed=1
  echo "$((run - failed < 0 ? 0 : run - failed)) passed, $failed failed"
  exit 1
fi
say "robolectric: passed"
echo "$run passed, 0 failed"
