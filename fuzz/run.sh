#!/usr/bin/env bash
# Run fuzz targets with cargo-fuzz (libFuzzer) on the stable toolchain.
#   fuzz/run.sh                 every target for 20 seconds
#   fuzz/run.sh 10              every target for 10 seconds (what scripts/test-all.sh runs)
#   fuzz/run.sh 600             every target for 10 minutes
#   fuzz/run.sh 600 code_parse  one target for 10 minutes
# Seeds live in fuzz/corpus/<target>/seed-*; new corpus entries are not committed.
# Prints one line per target: target, executions, result.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-20}"
shift || true
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
# HRID_FUZZ_DEV=1: an unoptimised build (compiles in about half the time; executes slower):
# what the test command's brief smoke run uses. Long runs keep the default optimised build.
flags=(--sanitizer none)
[ "${HRID_FUZZ_DEV:-0}" = 1 ] && flags+=(--dev)
cargo fuzz build "${flags[@]}"
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log=$(mktemp)
  if cargo fuzz run "${flags[@]}" "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
    tail -n 40 "$log"
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || grep -oE '#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  echo "fuzz: $t ran ${seconds}s, ${execs:-?} executions, $result"
  rm -f "$log"
done
exit $status
