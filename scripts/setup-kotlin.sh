#!/usr/bin/env bash
# Installs what the Kotlin lane needs: the JVM Kotlin compiler (npm package
# kotlin-compiler) into a cache outside the repository, and JNA from Debian.
# Idempotent: a second run finds both and returns at once.
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
