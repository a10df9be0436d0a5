"""Shared helpers: the repository's test vectors and the third-party Ed25519 vectors.

- ``test-vectors/*.json`` are read from the repository root (two levels above this folder).
- The third-party vectors come from ``$HRID_SHARED_VECTORS`` (default ``<repo>/../shared/vectors``).
  When absent, their tests are skipped with a reason that names the test (listed by ``pytest
  -rs``), except under ``CI=true``, where a missing folder is a failure.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

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


def corpus_or_skip(name: str) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """``test-vectors/<name>`` and its cases (``numberOfTests`` checked). A file not yet in the
    corpus skips the test with a printed notice; under CI=true it is a failure."""
    doc = load_corpus(name, optional=True)
    if doc is None:
        print(f"notice: test-vectors/{name} not found; skipping", file=sys.stderr)
        pytest.skip(f"test-vectors/{name} not found")
    cases = doc["cases"]
    assert doc["numberOfTests"] == len(cases) > 0
    return doc, cases


def check_every_case(
    name: str, cases: List[Dict[str, Any]], run_one: Callable[[Dict[str, Any]], None]
) -> None:
    """``run_one`` on every case, collecting the failed assertions so that one run reports them
    all; then asserts that every case ran, and prints how many."""
    failures = []
    cases_run = 0
    for case in cases:
        try:
            run_one(case)
        except AssertionError as e:
            failures.append(f"{name} case {case['tcId']} ({case['comment']}): {e}")
        cases_run += 1
    assert not failures, "\n".join(failures)
    assert cases_run == len(cases) > 0
    print(f"{name}: {cases_run} cases run")


def case_verifier(doc: Dict[str, Any], case: Dict[str, Any]):
    """The verifier of a history-style case: its named trust list, verified at
    ``trust_list_at``."""
    import hrid

    entry = doc["trust_lists"][case["trust_list"]]
    keys = [hrid.VerifyingKey.from_hex(k) for k in entry["anchor"]["keys"]]
    trust_list = hrid.TrustList.verify(
        entry["envelope"].encode(),
        keys,
        entry["anchor"]["threshold"],
        entry["highest_seen_version"],
        case["trust_list_at"],
    )
    return hrid.Verifier(trust_list)


def shared_vectors() -> Path:
    """The third-party vectors folder, or skip (fail under CI=true)."""
    default = REPO.parent / "shared" / "vectors"
    path = Path(os.environ.get("HRID_SHARED_VECTORS", default))
    if path.is_dir():
        return path
    if in_ci():
        pytest.fail(f"shared vectors not found at {path} (set HRID_SHARED_VECTORS)")
    # The skip reason names the test: `pytest -rs` (bindings-python/test.sh) lists it in the
    # summary, where scripts/test-all.sh counts the lines "no external vectors at".
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]
    pytest.skip(
        f"{test}: no external vectors at {path} (set HRID_SHARED_VECTORS; CI=true makes this a "
        "failure)"
    )


def strip_messages(value: Any) -> Any:
    """A copy without the ``message`` keys (message text is not part of the contract)."""
    if isinstance(value, dict):
        return {k: strip_messages(v) for k, v in value.items() if k != "message"}
    if isinstance(value, list):
        return [strip_messages(v) for v in value]
    return value


# --- a small registry for the attestation tests: keys from fixed seeds, times in unix seconds ---

CODE = "860042A3W0F50000000012345ZAR2"
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
AT = T0 + 86_400


def seed_key(n: int):
    import hrid

    return hrid.SigningKey.from_seed(bytes([n]) * 32)


def trust_list_document(version: int = 1, *, expires_at: int = T0 + 365 * 86_400, roots=None):
    roots = roots or [seed_key(1)]
    maker, dealer = seed_key(2), seed_key(3)
    return {
        "version": version,
        "issued_at": T0,
        "expires_at": expires_at,
        "roots": {"threshold": 1, "keys": [k.verifying_key.to_hex() for k in roots]},
        "participants": [
            {
                "id": "acme",
                "name": "ACME Robotics",
                "roles": ["manufacturer"],
                "scope": {"manufacturers": ["0042"]},
                "keys": [
                    {
                        "public_key": maker.verifying_key.to_hex(),
                        "valid_from": T0,
                        "valid_until": T0 + 2 * 365 * 86_400,
                    }
                ],
            },
            {
                "id": "dealer-1",
                "name": "First Dealer",
                "roles": ["dealer"],
                "keys": [
                    {
                        "public_key": dealer.verifying_key.to_hex(),
                        "valid_from": T0,
                        "valid_until": T0 + 2 * 365 * 86_400,
                    }
                ],
            },
        ],
        "permissions": {
            "manufacturer": ["manufactured", "shipped", "maintained"],
            "dealer": ["received", "sold", "shipped"],
        },
    }


def statement(issuer: str = "acme", *, time: int = T0 + 3_600, event=None, seq: int = 0):
    return {
        "subject": CODE,
        "seq": seq,
        "prev": None,
        "time": time,
        "issuer": issuer,
        "event": event or {"type": "shipped", "to": "dealer-1"},
    }
