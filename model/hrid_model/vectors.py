"""Reading test-vectors/*.json into the model's inputs (shared by the tests)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import trust

ROOT = Path(__file__).resolve().parents[2]
VECTORS = Path(os.environ.get("HRID_VECTORS", ROOT / "test-vectors"))  # another corpus to judge


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return data


def verifier_from(entry: dict[str, Any], at: int) -> trust.Verifier:
    """A trust-list entry {envelope, anchor{keys, threshold}, highest_seen_version?} at `at`."""
    verified = trust.verify(
        entry["envelope"].encode(), [bytes.fromhex(k) for k in entry["anchor"]["keys"]],
        entry["anchor"]["threshold"], entry.get("highest_seen_version", 0), at,
    )
    return trust.Verifier(verified.trust_list)
