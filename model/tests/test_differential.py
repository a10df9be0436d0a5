"""Differential testing: random signed worlds, judged by the model and by the core."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from .differential import differences, known_disagreement
from .worlds import worlds

RECORD = os.environ.get("HRID_MODEL_RECORD")  # a folder: record disagreements, do not fail
STATS: dict[str, float] = {"worlds": 0, "seconds": 0.0, "disagreements": 0, "known": 0}


@pytest.fixture(scope="module", autouse=True)
def report_rate() -> Any:
    """Print (and with HRID_MODEL_STATS, append to that file) how many worlds ran, how fast."""
    yield
    rate = STATS["worlds"] / STATS["seconds"] if STATS["seconds"] else 0.0
    line = {**STATS, "worlds_per_second": round(rate, 1)}
    print(f"\ndifferential: {json.dumps(line)}")
    if os.environ.get("HRID_MODEL_STATS"):
        with open(os.environ["HRID_MODEL_STATS"], "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")


@given(worlds())
def test_model_and_core_agree(world: dict[str, Any]) -> None:
    start = time.perf_counter()
    diffs = differences(world)
    STATS["worlds"] += 1
    STATS["seconds"] += time.perf_counter() - start
    if diffs and known_disagreement(world, diffs):
        STATS["known"] += 1
        return
    if diffs and RECORD:
        STATS["disagreements"] += 1
        key = "_".join(sorted(diffs))[:120]
        path = Path(RECORD) / f"{abs(hash(key)) % 10**8:08d}-{int(STATS['worlds'])}.json"
        path.write_text(json.dumps({"diffs": {k: list(v) for k, v in diffs.items()}, "world": world}, default=str))
        return
    assert not diffs, json.dumps({k: list(v) for k, v in diffs.items()}, default=str)[:3000]
