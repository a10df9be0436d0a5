"""Independent expectations: every case of the signed-document vector files, through the model."""

from __future__ import annotations

from typing import Any

import pytest

from hrid_model import access, attestation, audit, custody, history, passport, status_feed, trust
from hrid_model.vectors import load, verifier_from

ATTESTATIONS = load("attestations.json")
TRUST_LISTS = load("trust-lists.json")
HISTORIES = load("histories.json")
PASSPORTS = load("passports.json")
CUSTODY = load("custody.json")
STATUS_FEED = load("status-feed.json")


def ids(cases: list[dict[str, Any]]) -> list[str]:
    return [f"tc{c['tcId']}" for c in cases]


def sorted_set(codes: list[str]) -> list[str]:
    return sorted(set(codes))


def test_every_file_has_cases() -> None:
    for f in (ATTESTATIONS, TRUST_LISTS, HISTORIES, PASSPORTS, CUSTODY, STATUS_FEED):
        assert len(f["cases"]) == f["numberOfTests"] > 0


@pytest.mark.parametrize("case", ATTESTATIONS["cases"], ids=ids(ATTESTATIONS["cases"]))
def test_attestation(case: dict[str, Any]) -> None:
    tl = ATTESTATIONS["trust_list"]
    v = verifier_from(tl, tl["at"])
    r = attestation.verify(v, case["envelope"].encode(), case["at"])
    exp = case["expected"]
    assert r.findings.verdict == exp["verdict"]
    assert r.findings.failures == exp["failures"]
    assert r.findings.warnings == exp["warnings"]
    assert r.findings.passed == exp["passed"]
    assert (r.statement.statement_hash if r.statement else None) == exp["statement_hash"]


@pytest.mark.parametrize("case", TRUST_LISTS["cases"], ids=ids(TRUST_LISTS["cases"]))
def test_trust_list(case: dict[str, Any]) -> None:
    exp = case["expected"]
    anchor = case["anchor"] or TRUST_LISTS["anchor"]
    keys = [bytes.fromhex(k) for k in anchor["keys"]]
    try:
        if case["previous"] is None:
            got = trust.verify(
                case["envelope"].encode(), keys, anchor["threshold"], case["highest_seen_version"],
                case["at"],
            )
        else:
            prev = trust.verify(case["previous"].encode(), keys, anchor["threshold"], 0, case["at"])
            got = trust.verify_update(case["envelope"].encode(), prev.trust_list, case["at"])
    except trust.TrustListError as e:
        assert exp["result"] != "accepted", e.code
        assert e.code == exp["code"]
        assert exp["result"] == ("indeterminate" if e.code == "trust_list.expired" else "rejected")
        return
    assert exp["result"] == "accepted"
    assert got.trust_list.version == exp["version"]
    assert list(got.warnings) == exp["warnings"]


def _verifier(file: dict[str, Any], case: dict[str, Any]) -> trust.Verifier:
    return verifier_from(file["trust_lists"][case["trust_list"]], case["trust_list_at"])


@pytest.mark.parametrize("case", HISTORIES["cases"], ids=ids(HISTORIES["cases"]))
def test_history(case: dict[str, Any]) -> None:
    v = _verifier(HISTORIES, case)
    exp = case["expected"]
    if case["kind"] == "history":
        r = history.verify_history(v, case["bundle"].encode(), case["at"])
        got = history.summary(r) | {
            "failures": sorted_set(r.findings.failures),
            "warnings": sorted_set(r.findings.warnings),
            "passed": sorted_set(r.findings.passed),
        }
        assert got == exp
    elif case["kind"] == "audit":
        a = audit.audit(v, [(b["name"], b["bundle"].encode()) for b in case["bundles"]], case["at"])
        assert {
            "verdict": a.verdict,
            "failures": sorted_set(a.findings.failures),
            "passed": sorted_set(a.findings.passed),
            "robots": [{"name": n, "verdict": h.verdict} for n, h in a.robots],
        } == exp
    else:
        feed = None
        if case.get("status_feed") is not None:  # verified at `at`, highest seen 0; used when accepted
            feed = status_feed.verified(status_feed.verify(v, case["status_feed"].encode(), case["at"]))
        d = access.decide_access(
            v, case["code"], case["policy"], case["at"], passport=case["passport"],
            history=case["bundle"].encode() if case["bundle"] is not None else None,
            status_feed=feed,
        )
        assert {
            "decision": d.decision,
            "status": d.status,
            "failures": sorted_set(d.findings.failures),
            "warnings": sorted_set(d.findings.warnings),
            "passed": sorted_set(d.findings.passed),
        } == exp


@pytest.mark.parametrize("case", PASSPORTS["cases"], ids=ids(PASSPORTS["cases"]))
def test_passport(case: dict[str, Any]) -> None:
    v = _verifier(PASSPORTS, case)
    r = passport.verify(
        v, case["passport"], case["at"], expected_subject=case["expected_subject"],
        newest_seen=case["newest_seen"],
    )
    pp = r.passport
    assert {
        "verdict": r.verdict,
        "failures": sorted_set(r.findings.failures),
        "warnings": sorted_set(r.findings.warnings),
        "passed": sorted_set(r.findings.passed),
        "status": pp.status if pp else None,
        "subject": pp.subject if pp else None,
        "head_seq": pp.head_seq if pp else None,
    } == case["expected"]


@pytest.mark.parametrize("case", CUSTODY["cases"], ids=ids(CUSTODY["cases"]))
def test_custody(case: dict[str, Any]) -> None:
    v = _verifier(CUSTODY, case)
    r = custody.custody(v, case["bundle"].encode(), case["at"], case["verified_at"])
    exp = case["expected"]
    got = dict(r.answers) | {
        "verdict": r.verdict,
        "history_verdict": r.history.verdict,
        "failures": sorted_set(r.findings.failures),
        "warnings": sorted_set(r.findings.warnings),
        "passed": sorted_set(r.findings.passed),
    }
    assert got == exp


@pytest.mark.parametrize("case", STATUS_FEED["cases"], ids=ids(STATUS_FEED["cases"]))
def test_status_feed(case: dict[str, Any]) -> None:
    v = _verifier(STATUS_FEED, case)
    r = status_feed.verify(
        v, case["document"].encode(), case["at"], highest_seen_version=case["highest_seen_version"],
    )
    assert {
        "verdict": r.verdict,
        "failures": sorted_set(r.findings.failures),
        "warnings": sorted_set(r.findings.warnings),
        "passed": sorted_set(r.findings.passed),
        "version": r.feed.version if r.feed else None,
    } == case["expected"]
