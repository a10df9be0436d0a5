"""The model's strict Ed25519 (hrid_model/ed25519.py) against external vectors with provenance:
ed25519-speccheck (exactly case 3 accepted, docs/attestations.md section 1) and Wycheproof.
They live in ../shared/vectors ($HRID_SHARED_VECTORS); outside CI a missing folder is a visible
skip, under CI=true a failure."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from hrid_model import ed25519

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("HRID_SHARED_VECTORS", ROOT.parent / "shared" / "vectors"))


def _load(name: str) -> Any:
    path = SHARED / name
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing")
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]  # listed by -rs
        pytest.skip(
            f"{test}: no external vectors at {path} (set HRID_SHARED_VECTORS; CI=true makes this "
            "a failure)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def test_speccheck_accepts_exactly_case_3() -> None:
    cases = _load("ed25519-speccheck/cases.json")
    accepted = [i for i, c in enumerate(cases) if ed25519.verify_strict(
        bytes.fromhex(c["pub_key"]), bytes.fromhex(c["message"]), bytes.fromhex(c["signature"]))]
    assert len(cases) == 12
    assert accepted == [3]


def test_wycheproof() -> None:
    data = _load("wycheproof/ed25519_test.json")
    run = 0
    for group in data["testGroups"]:
        pk = bytes.fromhex(group["publicKey"]["pk"])
        for t in group["tests"]:
            got = ed25519.verify_strict(pk, bytes.fromhex(t["msg"]), bytes.fromhex(t["sig"]))
            assert got == (t["result"] == "valid"), t["tcId"]
            run += 1
    assert run == data["numberOfTests"] > 0


def test_key_id_of_the_worked_example() -> None:
    """docs/passport.md section 3: seed 03 x 32 -> key ID M0C5WYBVZ81TQQ7A, hint a0185e79."""
    public = ed25519.public_key_of(bytes([3]) * 32)
    assert public.hex() == "ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1"
    assert ed25519.key_id(public) == "M0C5WYBVZ81TQQ7A"
    assert ed25519.key_digest(public)[:4].hex() == "a0185e79"
