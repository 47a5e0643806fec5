#!/usr/bin/env bash
# The Android lane. No Android SDK here, so it checks the app the way the
# SDK's build would, with the pieces this machine has:
#   1. refusal fixtures: a Kotlin file that does not compile against the
#      classpath below (it imports AndroidX, which is not on it, and calls a
#      method Notification.Builder lacks) must fail kotlinc, and a manifest
#      naming an attribute Android does not have must fail aapt2 link;
#   2. compiles EVERY app source (android-demo/app) with the shell's
#      sources and the generated uniffi bindings in one kotlinc call,
#      against Android 15's framework classes (org.robolectric:android-all,
#      API 35), JNA and ZXing's core: any error fails the lane;
#   3. links the manifest and resources with aapt2 (Debian's, in a trixie
#      chroot, against its framework-res) at minSdk 28 / targetSdk 35;
#   4. runs the app's Robolectric tests (android-demo/app/src/test) on the
#      real framework classes (android-all-instrumented), offline, with the
#      linked manifest and resources.
# Everything it needs comes from scripts/setup-android.sh (Maven Central
# jars with pinned sha1s, the aapt2 chroot). Ends "N passed, N failed".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { echo "[android] $*"; }
die() { echo "[android] FAILED: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

OUT=build/android
APP=android-demo/app
SHELL_DIR=android-demo/shell
rm -rf "$OUT"
mkdir -p "$OUT"

say "setup: kotlinc, Maven Central jars, the aapt2 chroot (scripts/setup-android.sh)"
mapfile -t SETUP < <(bash scripts/setup-android.sh | tail -n 2)
M2=${SETUP[0]:-}
CHROOT=${SETUP[1]:-}
[ -d "$M2" ] && [ -d "$CHROOT" ] || die "scripts/setup-android.sh failed (see above)"
KDIR=$(bash scripts/setup-kotlin.sh | tail -n 1)
KOTLINC="$KDIR/bin/kotlinc"
STDLIB="$KDIR/lib/kotlin-stdlib.jar"
JNA_JAR=/usr/share/java/jna.jar
ANDROID_ALL="$M2/android-all-15-robolectric-13954326.jar"
ZXING="$M2/core-3.5.3.jar"
for f in "$KOTLINC" "$STDLIB" "$JNA_JAR" "$ANDROID_ALL" "$ZXING"; do [ -e "$f" ] || die "missing $f"; done
APP_CP="$ANDROID_ALL:$JNA_JAR:$ZXING"

# ---- 1. the fixtures: the lane must be able to fail ----
FIX="$OUT/fixture"
mkdir -p "$FIX"
cat >"$FIX/Bad.kt" <<'KT'
package app.tandem.android
import android.app.Notification
import android.content.Context
import androidx.core.app.NotificationCompat
fun bad(context: Context): Notification = Notification.Builder(context, "RITUALS").setNoSuchThing(true).build()
KT
say "fixture: a Kotlin file that must not compile"
if "$KOTLINC" -nowarn -jvm-target 17 -cp "$APP_CP" -d "$FIX/bad.jar" "$FIX/Bad.kt" >"$FIX/kotlinc.log" 2>&1; then
  die "kotlinc compiled the bad fixture: the lane cannot tell a broken app from a good one"
fi
grep -qi "unresolved reference 'androidx'" "$FIX/kotlinc.log" || { cat "$FIX/kotlinc.log" >&2; die "kotlinc failed the fixture, but not on the AndroidX import"; }
grep -q "setNoSuchThing" "$FIX/kotlinc.log" || { cat "$FIX/kotlinc.log" >&2; die "kotlinc failed the fixture, but not on the missing method"; }
say "fixture refused by kotlinc: $(grep -c 'error:' "$FIX/kotlinc.log") errors (AndroidX is not on the classpath; Notification.Builder has no setNoSuchThing)"

# ---- 2. compile every app source ----
say "bindings: build libtandem_ffi and generate (scripts/gen-bindings.sh)"
LIBDIR=$(bash scripts/gen-bindings.sh | tail -n 1)
[ -f "$LIBDIR/libtandem_ffi.so" ] || die "no libtandem_ffi.so in '$LIBDIR'"
mkdir -p "$OUT/gen"
cp -R build/bindings/kotlin/. "$OUT/gen/"
mapfile -t SOURCES < <(find "$OUT/gen" "$SHELL_DIR/src/main/kotlin" "$APP/src/main/kotlin" -name '*.kt' | LC_ALL=C sort)
APP_COUNT=$(find "$APP/src/main/kotlin" -name '*.kt' | wc -l)
[ "$APP_COUNT" -gt 0 ] || die "no app sources under $APP/src/main/kotlin"
say "compile: $APP_COUNT app files with the shell and the bindings (${#SOURCES[@]} files) against android-all API 35"
"$KOTLINC" -nowarn -jvm-target 17 -cp "$APP_CP" -d "$OUT/app.jar" "${SOURCES[@]}" 2>&1 | tee "$OUT/kotlinc.log"
[ "${PIPESTATUS[0]}" -eq 0 ] && [ -f "$OUT/app.jar" ] || die "kotlinc failed on the app (see $OUT/kotlinc.log)"
for cls in MainActivity TandemApp AlarmScheduler ReminderReceiver SystemEventsReceiver SyncFilesProvider KeystoreKeyProvider BiometricAuthenticator QrScanner; do
  unzip -l "$OUT/app.jar" "app/tandem/android/$cls.class" >/dev/null || die "no $cls.class in $OUT/app.jar"
done

# ---- 3. link the manifest and resources ----
# What AGP's manifest merger would do: the namespace as package, ${applicationId} filled in.
LINK="$OUT/link"
mkdir -p "$LINK"
sed -e 's#<manifest xmlns:android="http://schemas.android.com/apk/res/android">#<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="app.tandem.android">#' \
  -e 's#${applicationId}#app.tandem.android#g' "$APP/src/main/AndroidManifest.xml" >"$LINK/AndroidManifest.xml"
grep -q 'package="app.tandem.android"' "$LINK/AndroidManifest.xml" || die "could not set the manifest's package"
cp -R "$APP/src/main/res" "$LINK/res"
sed -e 's#android:label=#android:noSuchAttribute="x" android:label=#' "$LINK/AndroidManifest.xml" >"$LINK/Bad.xml"
aapt() { # runs aapt2 in the chroot on $LINK
  unshare --mount --propagation private -- bash -c 'mkdir -p "$1/work" && mount --bind "$2" "$1/work" && shift 2 && exec chroot "$0" /usr/bin/env -i PATH=/usr/bin:/bin sh -c "cd /work && $*"' \
    "$CHROOT" "$CHROOT" "$(cd "$LINK" && pwd)" "$@"
}
FW=/usr/share/android-framework-res/framework-res.apk
LINKARGS="-I $FW --min-sdk-version 28 --target-sdk-version 35 --version-code 1 --version-name 0.1.0"
say "fixture: a manifest attribute Android does not have must fail aapt2 link"
aapt "aapt2 compile --dir res -o res.zip" >"$LINK/compile.log" 2>&1 || { cat "$LINK/compile.log" >&2; die "aapt2 compile failed on $APP/src/main/res"; }
if aapt "aapt2 link $LINKARGS --manifest Bad.xml -o bad.apk res.zip" >"$LINK/bad.log" 2>&1; then
  die "aapt2 linked a manifest with android:noSuchAttribute"
fi
grep -q "noSuchAttribute" "$LINK/bad.log" || { cat "$LINK/bad.log" >&2; die "aapt2 refused the bad manifest, but not for its attribute"; }
say "link: manifest and resources with aapt2 ($(aapt 'aapt2 version' 2>&1 | head -n 1)) against framework-res"
aapt "aapt2 link $LINKARGS --manifest AndroidManifest.xml -o app-res.apk res.zip" 2>&1 | tee "$LINK/link.log"
[ "${PIPESTATUS[0]}" -eq 0 ] && [ -s "$LINK/app-res.apk" ] || die "aapt2 link failed (see $LINK/link.log)"
aapt "aapt2 dump xmltree --file AndroidManifest.xml app-res.apk" >"$LINK/manifest.txt" 2>&1 || die "aapt2 could not read back the linked manifest"
for attr in dataExtractionRules fullBackupContent targetSdkVersion; do
  grep -q "android:$attr" "$LINK/manifest.txt" || die "the linked manifest has no android:$attr"
done
say "compiled and linked: $OUT/app.jar, $LINK/app-res.apk"

bash scripts/test-android-robolectric.sh "$OUT" "$M2" "$KDIR" "$LIBDIR"
