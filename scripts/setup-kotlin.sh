#!/usr/bin/env bash
# Installs what the Kotlin lane needs: the JVM Kotlin compiler (npm package
# kotlin-compiler, whose lib/ also has kotlin-test and kotlin-test-junit5) into
# a cache outside the repository, and JNA and JUnit 5 (the console launcher)
# from Debian. Idempotent: a second run finds everything and returns at once.
set -euo pipefail
KOTLIN_VERSION=2.4.20
CACHE=${TANDEM_CACHE:-/var/cache/tandem}
KDIR="$CACHE/kotlinc-$KOTLIN_VERSION"

if [ ! -f /usr/share/java/jna.jar ]; then
  echo "[setup-kotlin] installing libjna-java from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq libjna-java >/dev/null
fi
# JUnit 5 (Debian's junit5, 5.9.2): the console launcher runs the tests and
# the jupiter API jar is on the compile classpath.
JUNIT_LAUNCHER=/usr/share/java/junit-platform-console-standalone.jar
JUNIT_API=/usr/share/java/junit-jupiter-api.jar
if [ ! -f "$JUNIT_LAUNCHER" ] || [ ! -f "$JUNIT_API" ]; then
  echo "[setup-kotlin] installing junit5 (JUnit Platform console launcher) from Debian"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq \
      && apt-get -o DPkg::Lock::Timeout=600 install -y -qq junit5 >/dev/null; }; then
    echo "[setup-kotlin] FAILED: could not install Debian's junit5 (needs root and a Debian mirror); the Kotlin tests cannot run without $JUNIT_LAUNCHER" >&2
    exit 1
  fi
  for jar in "$JUNIT_LAUNCHER" "$JUNIT_API"; do
    if [ ! -f "$jar" ]; then
      echo "[setup-kotlin] FAILED: junit5 is installed but $jar is missing (dpkg -L junit5 lists what it has)" >&2
      exit 1
    fi
  done
fi
if ! command -v java >/dev/null; then
  echo "[setup-kotlin] installing a JDK from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq openjdk-17-jdk-headless >/dev/null
fi

if [ ! -x "$KDIR/bin/kotlinc" ]; then
  echo "[setup-kotlin] fetching kotlin-compiler@$KOTLIN_VERSION from npm"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
  mkdir -p "$tmp/x"
  tar -xzf "$tmp"/kotlin-compiler-*.tgz -C "$tmp/x"
  mkdir -p "$CACHE"
  rm -rf "$KDIR.partial"
  mv "$tmp/x/package" "$KDIR.partial"
  chmod +x "$KDIR.partial"/bin/*
  mv "$KDIR.partial" "$KDIR"
fi
echo "$KDIR"
