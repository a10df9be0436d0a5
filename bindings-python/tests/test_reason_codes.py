"""The Python catalogue is exactly test-vectors/reason-codes.json."""

import typing

import hrid
from hrid import reason

from conftest import load_corpus


def test_catalogue_equals_the_corpus():
    doc = load_corpus("reason-codes.json")
    listed = doc["codes"]
    assert len(listed) > 0
    ours = [
        {"code": c, "severity": reason.severity(c), "summary": reason.summary(c)}
        for c in hrid.REASON_CODES
    ]
    assert ours == listed
    assert list(hrid.REASON_CODES) == [c["code"] for c in listed]


def test_literal_aliases_match_the_catalogue():
    assert typing.get_args(reason.ReasonCode) == hrid.REASON_CODES
    assert set(typing.get_args(reason.Severity)) == {s for s, _ in reason.CATALOGUE.values()}
    assert typing.get_args(reason.Verdict) == ("accepted", "rejected", "indeterminate")
