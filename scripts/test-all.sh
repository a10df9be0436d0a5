#!/usr/bin/env bash
# Every test of every language, from a fresh clone: installs what it needs, then runs
#   1. Rust: format, clippy with the workspace lints on all targets (-D warnings), cargo test
#      --workspace (includes the test-vector drift check, the limits at their boundaries, the
#      property tests and the external Ed25519 vectors), then every fuzz target briefly
#      (fuzz/run.sh; HRID_FUZZ_SECONDS per target, default 10, 0 skips; installs cargo-fuzz);
#   2. Python: the independent Reed-Solomon cross-check (reedsolo) against the hrid CLI;
#   3. WebAssembly: bindings-wasm/test.sh (builds the npm package, node tests over the shared
#      vectors, the marketplace page in Chromium; installs chromium and wasm-bindgen-cli if missing);
#   4. the Python binding: built and installed with pip, then its pytest suite (every test vector,
#      the external Ed25519 vectors, error paths, stubtest) via bindings-python/test.sh.
#   5. the reference model (model/test.sh): mypy --strict, the model replays every vector and
#      compares itself with the core on a bounded number of random signed worlds;
#   6. the Spark fleet audit: examples/spark-audit/requirements.txt (pinned PySpark) into .venv,
#      then its pytest (a 400-robot synthetic fleet in Spark local mode: every seeded violation
#      found, nothing else, equal to the core's single-process audit; about a minute);
#   7. Kotlin: bindings-kotlin/test.sh (uniffi binding, JUnit over the shared vectors, the scanner
#      example's PNG labels rendered by hrid demo / hrid label; needs Java 17+ and Maven, which it
#      installs with apt when missing).
#   8. bench/run.sh --smoke: the cross-surface benchmark with tiny counts, so it cannot rot (its
#      figures mean nothing; the real run is bench/run.sh).
# The summary at the end counts and names, per language, the tests skipped for want of the
# external vectors (../shared/vectors, $HRID_SHARED_VECTORS).
# Usage: scripts/test-all.sh        (CI=true makes missing external vectors an error;
#                                    HRID_FUZZ_SECONDS=60 fuzzes each target for a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export HRID_SHARED_VECTORS="${HRID_SHARED_VECTORS:-$root/../shared/vectors}"

step() { printf '\n==> %s\n' "$*"; }

# Each language's test output is also kept in $logs/<language>.log, so that the closing summary
# can count and name the tests that skipped because the external vectors are absent (outside CI;
# under CI=true they fail instead). Every language reports such a skip with a line holding
# "no external vectors at": Rust `SKIPPED: <binary>::<test>: ...` on stderr (core/tests/common),
# Python and the model in pytest's -rs summary, JS in the spec reporter's skip line, Kotlin
# `SKIPPED: <Class>.<method>: ...` from the summary listener.
logs="${CARGO_TARGET_DIR:-$root/target}/test-all-logs"
mkdir -p "$logs"
rm -f "$logs"/*.log
logged() { local name=$1; shift; "$@" 2>&1 | tee -a "$logs/$name.log"; }
external_vector_skips() {
  step "External-vector tests skipped (outside CI only; CI=true makes them failures)"
  local lang n total=0
  for lang in rust js python model kotlin; do
    n=0
    [ -f "$logs/$lang.log" ] && n=$(grep -c "no external vectors at" "$logs/$lang.log" || true)
    total=$((total + n))
    echo "$lang: $n skipped"
    [ "$n" -gt 0 ] && grep "no external vectors at" "$logs/$lang.log" | sed 's/^.*SKIPPED/SKIPPED/; s/^/  /'
  done
  echo "external-vector tests skipped: $total"
}

step "Rust toolchain"
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust with rustup first" >&2
  exit 2
fi
rustup component add clippy rustfmt >/dev/null 2>&1 || true
cargo --version

step "Rust: format and lints"
cargo fmt --all -- --check
# uniffi-bindgen is the code generator (a large build that has nothing to lint or test).
cargo clippy --workspace --exclude uniffi-bindgen --all-targets --locked -- -D warnings

step "Rust: tests"
logged rust cargo test --workspace --exclude uniffi-bindgen --locked

fuzz_seconds="${HRID_FUZZ_SECONDS:-10}"
if [ "$fuzz_seconds" -gt 0 ]; then
  step "Rust: every fuzz target for ${fuzz_seconds} s (fuzz/run.sh, stable toolchain, no sanitizer)"
  # An unoptimised fuzz build unless HRID_FUZZ_DEV=0: this is a smoke run, and the build is
  # most of its cost on a fresh machine.
  HRID_FUZZ_DEV="${HRID_FUZZ_DEV:-1}" fuzz/run.sh "$fuzz_seconds"
else
  step "Rust: fuzzing skipped (HRID_FUZZ_SECONDS=0)"
fi

step "Python: tools in .venv"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r crosscheck/requirements.txt

step "Python: Reed-Solomon cross-check (reedsolo vs hrid code new/check)"
# `cargo test --workspace` above built the binary; a `-p hrid-cli` build would recompile many
# crates under different feature unification.
bin_dir="${CARGO_TARGET_DIR:-$root/target}/debug"
[ -x "$bin_dir/hrid" ] || cargo build --locked -p hrid-cli
HRID_BIN="$bin_dir/hrid" .venv/bin/python -m pytest crosscheck -q

step "WebAssembly: bindings-wasm/test.sh"
logged js bindings-wasm/test.sh

step "Python binding: pip install ./bindings-python, pytest, stubtest (bindings-python/test.sh)"
logged python bindings-python/test.sh

step "Reference model: model/test.sh (the normative rules written from the docs, differential tests against the core, every vector's expectation replayed)"
# After bindings-python/test.sh: the same .venv; the binding's build is cached.
logged model model/test.sh

step "Spark fleet audit: examples/spark-audit (PySpark local[2], a small synthetic fleet)"
# After bindings-python/test.sh: .venv holds the hrid wheel and pytest. PySpark needs Java 17+.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq default-jdk-headless >/dev/null
  else
    echo "Java 17+ is needed for the Spark test: install it first" >&2
    exit 2
  fi
fi
.venv/bin/python -m pip install --quiet -r examples/spark-audit/requirements.txt
status=0
SPARK_LOCAL_IP=127.0.0.1 .venv/bin/python -m pytest examples/spark-audit/tests -q || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 5 ] && echo "pytest collected no Spark test: failing" >&2
  exit 1
fi

step "Kotlin: binding and scanner example"
# The scanner's tests render labels with the hrid binary built above.
logged kotlin env HRID_BIN="$bin_dir/hrid" bindings-kotlin/test.sh

step "Benchmark smoke run: bench/run.sh --smoke (every surface once, tiny counts; not timed)"
HRID_BENCH_OUT="${CARGO_TARGET_DIR:-$root/target}/bench-smoke" bench/run.sh --smoke

external_vector_skips

step "All suites passed"
