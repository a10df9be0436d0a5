"""Every case of test-vectors/custody.json through ``Verifier.custody``: the whole report equals
the core's, and every answer's proof names a statement of the bundle."""

import hashlib
import base64
import json

import pytest

import hrid

from conftest import case_verifier, corpus_or_skip


def statement_hash(envelope):
    """SHA-256 of the DSSE pre-authentication encoding: what a proof's statement_hash names."""
    payload = base64.b64decode(envelope["payload"])
    kind = envelope["payloadType"].encode()
    pae = b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)
    return hashlib.sha256(pae).hexdigest()


def test_every_custody_case():
    doc, cases = corpus_or_skip("custody.json")
    run = 0
    for case in cases:
        v = case_verifier(doc, case)
        report = v.custody(case["bundle"], case["at"], case["verified_at"])
        tc = case["tcId"]
        assert isinstance(report, hrid.CustodyReport)
        assert report.to_dict() == case["report"], tc
        assert json.loads(report.to_json()) == case["report"], tc
        e = case["expected"]
        assert report.verdict == e["verdict"], tc
        assert report.history_verdict == e["history_verdict"], tc
        assert sorted({f.code for f in report.failures}) == e["failures"], tc
        assert sorted({f.code for f in report.warnings}) == e["warnings"], tc
        for field, key in (("owner", "owner"), ("operation", "operator"), ("ai_profile", "ai_profile")):
            got = getattr(report, field)
            want = e[key]
            assert (got is None) == (want is None), (tc, field)
            if got is not None:
                assert got["proof"]["statement_hash"] == want["statement_hash"], (tc, field)
        assert [r["state"] for r in report.recalls] == [r["state"] for r in e["recalls"]], tc
        bundle = json.loads(case["bundle"])
        hashes = {statement_hash(x) for x in bundle["attestations"] + bundle["recalls"]}
        for answer in (report.owner, report.operation, report.ai_profile, report.firmware):
            if answer is not None:
                assert answer["proof"]["statement_hash"] in hashes, tc
        run += 1
    assert run == len(cases) > 0


def test_custody_times_and_bad_input():
    doc, cases = corpus_or_skip("custody.json")
    case = cases[10]  # exactly at the recall notice: the recall is open
    v = case_verifier(doc, case)
    from datetime import datetime, timezone

    at = datetime.fromtimestamp(case["at"], timezone.utc)
    verified = datetime.fromtimestamp(case["verified_at"], timezone.utc)
    report = v.custody(case["bundle"].encode(), at, verified)
    assert report.to_dict() == case["report"]
    assert report.owner["owner"] == "cityops" and report.recalls[0]["state"] == "open"
    assert "custody.recall_open" in report.codes
    # A bundle that is not one: data, not an exception.
    bad = v.custody(b"{not json", at, verified)
    assert bad.verdict == "indeterminate" and bad.owner is None
    assert "custody.history_unverified" in bad.codes
    with pytest.raises(ValueError):
        v.custody(case["bundle"], datetime(2026, 1, 1), verified)  # naive time
    with pytest.raises(TypeError):
        v.custody(case["bundle"], "yesterday", verified)
