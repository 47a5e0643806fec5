#!/usr/bin/env bash
# Installs what the Android lane needs, into caches outside the repository:
#  - the Kotlin compiler, JNA and JUnit 5 (scripts/setup-kotlin.sh);
#  - jars from Maven Central into $CACHE/maven (Maven-named files), each
#    checked against the sha1 pinned below: the Android 15 (API 35)
#    framework classes (org.robolectric:android-all, the compile classpath),
#    Robolectric 4.16 and its runtime jar (android-all-instrumented), JUnit 4,
#    and ZXing's core (the app's QR decoder);
#  - aapt2 with the framework resources it links against, in a small Debian
#    trixie chroot ($CACHE/aapt-trixie): no Debian aapt2 reads API 35's
#    resource table (android-all's resources.arsc uses sparse entries: "entry
#    offsets overlap"), bookworm's framework-res is API 29 (no
#    android:dataExtractionRules), trixie's is API 34, which has every
#    attribute the manifest uses.
# Idempotent: a second run finds everything and returns at once. Prints the
# maven folder, then the chroot, as its last two lines.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${TANDEM_CACHE:-/var/cache/tandem}
M2="$CACHE/maven"
CHROOT="$CACHE/aapt-trixie"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CENTRAL=${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}
say() { echo "[setup-android] $*" >&2; }

bash "$ROOT/scripts/setup-kotlin.sh" >&2

# group:artifact:version[:ext] sha1
JARS="
org.robolectric:android-all:15-robolectric-13954326 78f2fb1d753164d153cf9e5bb60003fa8d57b0a1
org.robolectric:android-all-instrumented:15-robolectric-13954326-i7 d684f4e55d30465793a4a9e783f50266097b84df
org.robolectric:robolectric:4.16 1308bff8347ce88f4eada7e5ef7835a02ac91401
org.robolectric:annotations:4.16 b4c9c7e12a9e369e31d5cdea950e6747894dc550
org.robolectric:junit:4.16 27955f36adfeed53ad689655eb23a833482a52d4
org.robolectric:nativeruntime:4.16 b51065f110f64556aae3f5c777a603d2ddbeaaec
org.robolectric:nativeruntime-dist-compat:1.0.18 a966cdb1df961a0df69acec8f98bb10d3ebf5f66
org.robolectric:pluginapi:4.16 0b3d7f28e7910dd93aa857624bea3aa25610eca9
org.robolectric:plugins-maven-dependency-resolver:4.16 1a4da192cdbd17aba8f57c384c10a5b425c29a53
org.robolectric:resources:4.16 d945ed43eb8f2b2a699ba1d230ca47cf59c2cbf4
org.robolectric:sandbox:4.16 8e971019c9a6f73d707ea8619d5514a172e93f3c
org.robolectric:shadowapi:4.16 3842ae2f350deeb5bd54e29b0f0d9dad640d75ee
org.robolectric:shadows-framework:4.16 589baf21979893c4159a8e7b166c59d95a54c519
org.robolectric:utils:4.16 4cae28ee6437bce88689803d9393a738c594fccc
org.robolectric:utils-reflector:4.16 6f96a3808f51cc290f0bcb3d15ac8aa490773c65
androidx.test:monitor:1.8.0:aar 3b49e700fa301ccfc2126d60d0a2064836cfec85
androidx.test.espresso:espresso-idling-resource:3.7.0:aar 70b1e522e90b228d9d1aad1b22409ebb7657f43e
com.almworks.sqlite4java:sqlite4java:1.0.392 d6234e08ff4e1607ff5321da2579571f05ff778d
com.google.auto.value:auto-value-annotations:1.11.0 f0d047931d07cfbc6fa4079854f181ff62891d6f
com.google.errorprone:error_prone_annotations:2.36.0 227d4d4957ccc3dc5761bd897e3a0ee587e750a7
com.google.guava:guava:33.4.8-jre e70a3268e6cd3e7d458aa15787ce6811c34e96ae
com.google.guava:failureaccess:1.0.3 aeaffd00d57023a2c947393ed251f0354f0985fc
com.google.zxing:core:3.5.3 ca1349214a356cd7958651b2d5a0e1f3811a9c4b
com.ibm.icu:icu4j:77.1 38693cf0b1d7362a8b726af74dc06026a7c23809
javax.annotation:javax.annotation-api:1.3.2 934c04d3cfef185a8008e7bf34331b79730a9d43
javax.inject:javax.inject:1 6975da39a7040257bd51d21a231b76c915872d38
org.bouncycastle:bcprov-jdk18on:1.81 d17c094daef57dbd80af71687a475aa6df7cbe54
org.conscrypt:conscrypt-openjdk-uber:2.5.2 d858f142ea189c62771c505a6548d8606ac098fe
org.jspecify:jspecify:1.0.0 7425a601c1c7ec76645a78d22b8c6a627edee507
org.ow2.asm:asm:9.8 dc19ecb3f7889b7860697215cae99c0f9b6f6b4b
org.ow2.asm:asm-commons:9.8 36e4d212970388e5bd2c5180292012502df461bb
org.ow2.asm:asm-tree:9.8 018419ca5b77a2f81097c741e7872e6ab8d2f40d
org.yaml:snakeyaml:2.4 e0666b825b796f85521f02360e77f4c92c5a7a07
junit:junit:4.13.2 8ac9e16d933b6fb43bc7f576336b8f4d7eb5ba12
org.hamcrest:hamcrest-core:1.3 42a25dc3219429f0e5d060061f71acb49bf010a0
"
command -v curl >/dev/null || { say "installing curl"; apt-get -o DPkg::Lock::Timeout=600 install -y -qq curl >/dev/null; }
command -v unzip >/dev/null || { say "installing unzip"; apt-get -o DPkg::Lock::Timeout=600 install -y -qq unzip >/dev/null; }
mkdir -p "$M2"
while read -r coord sha; do
  [ -n "$coord" ] || continue
  IFS=: read -r group artifact version ext <<<"$coord"
  ext=${ext:-jar}
  file="$M2/$artifact-$version.$ext"
  if [ -f "$file" ] && [ "$(sha1sum "$file" | cut -c1-40)" = "$sha" ]; then continue; fi
  url="$CENTRAL/${group//.//}/$artifact/$version/$artifact-$version.$ext"
  say "fetching $coord"
  curl -fsSL --retry 3 -o "$file.part" "$url" || { say "FAILED: could not fetch $url"; exit 1; }
  got=$(sha1sum "$file.part" | cut -c1-40)
  if [ "$got" != "$sha" ]; then
    rm -f "$file.part"
    say "FAILED: $url has sha1 $got, pinned $sha"
    exit 1
  fi
  mv "$file.part" "$file"
done <<<"$JARS"
# An .aar's classes.jar is what the JVM loads.
for aar in "$M2"/*.aar; do
  jar="${aar%.aar}.jar"
  if [ ! -f "$jar" ] || [ "$aar" -nt "$jar" ]; then
    unzip -p "$aar" classes.jar >"$jar.part" && mv "$jar.part" "$jar"
  fi
done

if [ ! -f "$CHROOT/.tandem-ready" ] || ! chroot "$CHROOT" /usr/bin/test -x /usr/bin/aapt2 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null
  fi
  if [ -d "$CHROOT.partial" ]; then # unmount what a debootstrap that died left mounted
    findmnt -rn -o TARGET | grep -F "$CHROOT.partial/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  fi
  rm -rf "$CHROOT.partial"
  say "debootstrap trixie with aapt and android-framework-res (about a minute, once)"
  debootstrap --variant=minbase --include=aapt,android-framework-res trixie "$CHROOT.partial" "$MIRROR" \
    >"$CACHE/aapt-debootstrap.log" 2>&1 || {
    say "FAILED: debootstrap; last lines of $CACHE/aapt-debootstrap.log:"
    tail -n 30 "$CACHE/aapt-debootstrap.log" >&2
    exit 1
  }
  rm -rf "$CHROOT"
  mv "$CHROOT.partial" "$CHROOT"
  touch "$CHROOT/.tandem-ready"
fi
[ -f "$CHROOT/usr/share/android-framework-res/framework-res.apk" ] || { say "FAILED: no framework-res.apk in $CHROOT"; exit 1; }
echo "$M2"
echo "$CHROOT"
