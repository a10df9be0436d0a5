"""Shared helpers: the repository's test vectors and the third-party Ed25519 vectors.

- ``test-vectors/*.json`` are read from the repository root (two levels above this folder).
- The third-party vectors come from ``$HRID_SHARED_VECTORS`` (default ``<repo>/../shared/vectors``).
  When absent, their tests are skipped with a printed notice, except under ``CI=true``, where a
  missing folder is a failure.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "test-vectors"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def load_corpus(name: str, *, optional: bool = False) -> Optional[Dict[str, Any]]:
    """``test-vectors/<name>``; with ``optional``, None when the file does not exist yet (a
    failure under CI=true)."""
    path = VECTORS / name
    if not path.exists():
        if optional and not in_ci():
            return None
        pytest.fail(f"test vectors not found: {path}")
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def shared_vectors() -> Path:
    """The third-party vectors folder, or skip (fail under CI=true)."""
    default = REPO.parent / "shared" / "vectors"
    path = Path(os.environ.get("HRID_SHARED_VECTORS", default))
    if path.is_dir():
        return path
    message = f"shared vectors not found at {path} (set HRID_SHARED_VECTORS)"
    if in_ci():
        pytest.fail(message)
    print(f"notice: {message}; skipping", file=sys.stderr)
    pytest.skip(message)


def strip_messages(value: Any) -> Any:
    """A copy without the ``message`` keys (message text is not part of the contract)."""
    if isinstance(value, dict):
        return {k: strip_messages(v) for k, v in value.items() if k != "message"}
    if isinstance(value, list):
        return [strip_messages(v) for v in value]
    return value
