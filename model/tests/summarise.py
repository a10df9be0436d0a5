"""Group recorded disagreements (HRID_MODEL_RECORD) by the fields that differ."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

groups: dict[str, list[Path]] = collections.defaultdict(list)
for p in sorted(Path(sys.argv[1]).glob("*.json")):
    d = json.loads(p.read_text())
    sig = "; ".join(f"{k}: {json.dumps(v[0])[:150]} vs {json.dumps(v[1])[:150]}" for k, v in sorted(d["diffs"].items()))
    groups[sig].append(p)
for sig, paths in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    print(len(paths), paths[0].name, "|", sig[:700])
