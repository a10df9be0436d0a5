"""The kept cases (model/cases/*.json): disagreements found by the differential tests, expected
to fail until the core (or the docs, and then the model) changes, and answers the docs now give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hrid_model import compat

from .differential import differences

CASES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((Path(__file__).parents[1] / "cases").glob("*.json"))]


def params() -> list[Any]:
    out = []
    for c in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=f"{c['id']} in model/DISAGREEMENTS.md: {c['title']}")] if c["kind"] == "disagreement" else []
        out.append(pytest.param(c, id=c["id"], marks=marks))
    return out


def test_there_are_cases() -> None:
    assert len(CASES) > 0


@pytest.mark.parametrize("case", params())
def test_model_and_core_agree_on_kept_case(case: dict[str, Any]) -> None:
    diffs = differences(case["world"])
    assert not diffs, json.dumps({k: list(v) for k, v in diffs.items()}, default=str)


def test_known_disagreements_are_the_kept_ones() -> None:
    """The switches of compat.py are exactly the disagreement cases kept (none open today)."""
    assert set(compat.KNOWN) == {c["id"] for c in CASES if c["kind"] == "disagreement"}


def test_disagreement_is_exactly_the_one_described() -> None:
    """With the model switched to the core's behaviour for one disagreement alone, they agree."""
    for case in (c for c in CASES if c["kind"] == "disagreement"):
        compat.CORE_BEHAVIOUR.add(case["id"])
        try:
            diffs = differences(case["world"])
        finally:
            compat.CORE_BEHAVIOUR.clear()
        assert not diffs, (case["id"], json.dumps({k: list(v) for k, v in diffs.items()}, default=str))
