#!/usr/bin/env bash
# The long differential run: ROUNDS x 20,000 worlds (HYPOTHESIS_PROFILE=deep), each round with its
# own seed; disagreements are recorded as JSON under $RECORD (not failed), figures appended to
# $RECORD/stats.jsonl. Usage: model/run_deep.sh [ROUNDS] [RECORD]   (from the repository root,
# after model/test.sh has built the venv)
set -euo pipefail
rounds="${1:-5}"
record="${2:-/tmp/hrid-model-deep}"
mkdir -p "$record"
for i in $(seq 1 "$rounds"); do
  HYPOTHESIS_PROFILE=deep HRID_MODEL_RECORD="$record" HRID_MODEL_STATS="$record/stats.jsonl" \
    .venv/bin/python -m pytest model/tests/test_differential.py -q -p no:cacheprovider \
    --hypothesis-seed="$((1000 + i))" -s | grep -E "differential:|passed|failed"
done
python3 - "$record/stats.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
w = sum(r["worlds"] for r in rows); s = sum(r["seconds"] for r in rows)
print(f"total: {int(w)} worlds in {s:.0f} s of comparison ({w / s:.1f} per second), "
      f"{int(sum(r['disagreements'] for r in rows))} new disagreements, {int(sum(r['known'] for r in rows))} known")
PY
