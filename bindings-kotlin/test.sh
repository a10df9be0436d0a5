#!/usr/bin/env bash
# The Kotlin binding's tests, from a fresh clone:
#   1. build the native library (cargo build -p hrid-kotlin, dev profile) and the pinned
#      uniffi-bindgen, generate the Kotlin bindings (package cn.hrid.ffi, and uniffi.hrid for the
#      core's own records and enums);
#   2. put the library on the classpath as linux-x86-64/libhrid_kotlin.so;
#   3. mvn test (and install, for the example) of bindings-kotlin/pom.xml: the shared test vectors,
#      the external Ed25519 vectors, the error paths; prints "kotlin: N passed, N failed";
#   4. the scanner example's tests (examples/android-scanner): runs `hrid demo` and `hrid label`
#      to render the labels (a live robot's passport, a scrapped robot's, a tampered one, and
#      nameplates), decodes the PNGs with ZXing and checks the decisions; prints
#      "scanner: N passed, N failed". The hrid binary is $HRID_BIN when set (scripts/test-all.sh
#      passes the one `cargo test --workspace` built), else built here with cargo build -p hrid-cli.
# Maven downloads its plugins and libraries from Maven Central on the first run only.
# Usage: bindings-kotlin/test.sh     (CI=true makes missing external vectors an error)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export HRID_SHARED_VECTORS="${HRID_SHARED_VECTORS:-$root/../shared/vectors}"
target="${CARGO_TARGET_DIR:-$root/target}"
build="$root/bindings-kotlin/build"

step() { printf '\n==> %s\n' "$*"; }

step "Kotlin: Java and Maven"
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq default-jdk-headless maven >/dev/null
  else
    echo "Java 17+ (javac) and Maven are needed: install them first" >&2
    exit 2
  fi
fi
java -version 2>&1 | sed -n 1p
mvn -v 2>/dev/null | sed -n 1p

step "Kotlin: native library and generated bindings"
cargo build --locked -p hrid-kotlin
cargo build --locked -p uniffi-bindgen
lib="$target/debug/libhrid_kotlin.so"
rm -rf "$build/generated" "$build/native"
"$target/debug/uniffi-bindgen" generate --library "$lib" --language kotlin --no-format \
  --out-dir "$build/generated/uniffi"   # reads bindings-kotlin/uniffi.toml (the crate's root)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86-64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  *) echo "this script builds for Linux hosts only" >&2; exit 2 ;;
esac
mkdir -p "$build/native/$platform"
cp "$lib" "$build/native/$platform/"

step "Kotlin: binding tests (JUnit 5, shared and external vectors)"
mvn -B -q -Dstyle.color=never -f bindings-kotlin/pom.xml install -Djna.library.path="$build/native/$platform"

step "Kotlin: scanner example tests (ZXing, PNG labels rendered by hrid demo and hrid label)"
if [ -z "${HRID_BIN:-}" ]; then
  cargo build --locked -p hrid-cli
  HRID_BIN="$target/debug/hrid"
fi
mvn -B -q -Dstyle.color=never -f examples/android-scanner/pom.xml test -Dhrid.bin="$HRID_BIN"

step "Kotlin: all passed"
