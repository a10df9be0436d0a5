#!/usr/bin/env bash
# The JVM benchmark (not a test): hrid through Kotlin/JNA against BouncyCastle and the JDK's
# Ed25519, with a release build of the library. Arguments go to cn.hrid.bench.VerifyBenchmark:
#   bindings-kotlin/bench.sh                                   # its own messages
#   bindings-kotlin/bench.sh --inputs FILE --json OUT [--quick] # bench/run.sh's shared inputs
# Generates the Kotlin bindings first when bindings-kotlin/test.sh has not.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
build="$root/bindings-kotlin/build"
# HRID_BENCH_PROFILE=debug (bench/run.sh --smoke) reuses the library bindings-kotlin/test.sh built.
profile="${HRID_BENCH_PROFILE:-release}"
if [ "$profile" = release ]; then
  cargo build --locked --release -q -p hrid-kotlin
else
  cargo build --locked -q -p hrid-kotlin
fi
if [ ! -d "$build/generated/uniffi" ]; then
  cargo build --locked -q -p uniffi-bindgen
  "$target/debug/uniffi-bindgen" generate --library "$target/$profile/libhrid_kotlin.so" --language kotlin \
    --no-format --out-dir "$build/generated/uniffi"
fi
mvn -B -q -Dstyle.color=never -f bindings-kotlin/pom.xml test-compile exec:java \
  -Djna.library.path="$target/$profile" -Dexec.args="$*"
