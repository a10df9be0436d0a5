#!/usr/bin/env bash
# One benchmark run across every surface, on one machine, with the same inputs everywhere.
#
#   bench/run.sh            full run (about 10 minutes): writes bench/out/{results.json,results.md}
#                           and the chart docs/benchmarks-chart.png
#   bench/run.sh --smoke    tiny counts, every step once (the test command runs this so the
#                           benchmark cannot rot); writes bench/out/ only. Not a timed test.
#
# Steps: the shared inputs (one key, 64 messages with signatures, a trust list, 64 attestation
# envelopes, 10,000 codes: core/examples/surface_bench.rs), then Rust (release build; and
# instruction counts with callgrind when valgrind is installed), Node/WASM, Python and the JVM
# (each against the verifiers users of that language would otherwise pick), then bench/report.py
# (table, JSON, chart, targets as ratios within this run). Medians of repeated runs everywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mode=full
[ "${1:-}" = "--smoke" ] && mode=smoke
out="${HRID_BENCH_OUT:-$root/bench/out}"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$out"
rm -f "$out"/{rust,node,python,jvm,machine,results}.json
quick=()
[ "$mode" = smoke ] && quick=(--quick)
step() { printf '\n==> bench: %s\n' "$*"; }

step "machine"
python3 - "$out/machine.json" <<'PY'
import json, os, platform, subprocess, sys, datetime
def run(*cmd):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=True)
        return r.stdout.strip().splitlines()[0]
    except Exception:
        return None
cpu = None
try:
    for line in open("/proc/cpuinfo", encoding="utf-8"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "cpu": cpu, "cores": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2),
    "os": platform.platform(), "rustc": run("rustc", "--version"), "node": run("node", "--version"),
    "python": platform.python_version(), "java": run("java", "-version"),
}, open(sys.argv[1], "w"), indent=1)
PY
cat "$out/machine.json"

# The smoke run reuses the test command's debug builds (the core is optimised in them too): it
# checks that every step still runs, not how fast.
profile=release
[ "$mode" = smoke ] && profile=debug
export HRID_BENCH_PROFILE="$profile"

step "shared inputs and Rust"
if [ "$profile" = release ]; then
  cargo build --locked --release -q -p hrid --example surface_bench
else
  cargo build --locked -q -p hrid --example surface_bench
fi
bench="$target/$profile/examples/surface_bench"
"$bench" inputs "$out/inputs.json"
"$bench" run "$out/inputs.json" "${quick[@]}" > "$out/rust.json"
if command -v valgrind >/dev/null 2>&1; then
  # Instructions per operation: repeatable on a shared machine, unlike times.
  n=$([ "$mode" = smoke ] && echo 8 || echo 200)
  count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" profile "$out/inputs.json" "$@" 2>&1 \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  base=$(count setup 0)
  python3 - "$out/rust.json" "$n" "$base" "$(count raw "$n")" "$(count attestation "$n")" \
    "$(count history_build "$n")" "$(count history_single "$n")" "$(count history_batch "$n")" <<'PY'
import json, sys
path, n, base, raw, att, build, hs, hb = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
doc = json.load(open(path))
per = lambda total, minus=base: (total - minus) / n
doc["instructions_per_op"] = {"raw_verify_strict": per(raw), "attestation_verify": per(att),
                              "history_single_per_event": per(hs, build),
                              "history_batch_per_event": per(hb, build)}
json.dump(doc, open(path, "w"), indent=1)
PY
else
  echo "valgrind not installed: no instruction counts"
fi

step "Node / WebAssembly"
if [ ! -f bindings-wasm/pkg/node/hrid.js ] && [ ! -d bindings-wasm/pkg ]; then bash bindings-wasm/build.sh; fi
[ -d bindings-wasm/node_modules ] || (cd bindings-wasm && npm ci --silent --no-audit --no-fund >/dev/null)
node bindings-wasm/bench/bench.mjs --inputs "$out/inputs.json" --json "$out/node.json" "${quick[@]}"

step "Python"
[ -x .venv/bin/python ] || python3 -m venv .venv
py=.venv/bin/python
"$py" -c 'import hrid' 2>/dev/null || "$py" -m pip install --quiet ./bindings-python
"$py" -m pip install --quiet -r bindings-python/bench/requirements.txt -r bench/requirements.txt
"$py" bindings-python/bench/bench.py --inputs "$out/inputs.json" --json "$out/python.json" "${quick[@]}"

step "JVM / Kotlin"
bash bindings-kotlin/bench.sh --inputs "$out/inputs.json" --json "$out/jvm.json" "${quick[@]}"

step "report"
chart=()
[ "$mode" = full ] && chart=(--chart docs/benchmarks-chart.png)
[ "$mode" = smoke ] && chart=(--chart "$out/chart.png")
"$py" bench/report.py "$out" "${chart[@]}"
