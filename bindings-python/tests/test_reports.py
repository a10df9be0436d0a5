"""Every report is a ``hrid.Report`` read from the core's JSON, and the bulk and recall calls give
what the single calls give (test-vectors/histories.json)."""

import dataclasses
import json

import pytest

import hrid

from conftest import case_verifier
from test_history_vectors import history_corpus

REPORTS = (
    hrid.VerificationReport,
    hrid.HistoryReport,
    hrid.PassportReport,
    hrid.AccessDecision,
    hrid.AuditReport,
    hrid.CustodyReport,
    hrid.RecallReport,
)


def check_report(report):
    """What the base class promises, on any report."""
    assert isinstance(report, hrid.Report)
    as_dict = report.to_dict()
    assert as_dict == json.loads(report.to_json())
    assert report.to_dict() is not as_dict  # a fresh copy
    assert as_dict["verdict"] == report.verdict
    for bucket in ("failures", "warnings", "passed"):
        findings = getattr(report, bucket)
        assert [f.to_dict() for f in findings] == as_dict[bucket]
        assert all(isinstance(f, hrid.Finding) for f in findings)
    assert report.codes == [f.code for f in report.failures + report.warnings + report.passed]
    assert report.accepted == (report.verdict == "accepted")
    assert all(report.has(c) for c in report.codes)
    with pytest.raises(ValueError):
        report.has("no.such_code")
    with pytest.raises(AttributeError):
        report.verdict = "accepted"
    with pytest.raises(AttributeError):
        report.no_such_field  # noqa: B018
    assert repr(report).startswith(type(report).__name__ + "(")


def test_every_report_class_is_a_report():
    assert all(issubclass(cls, hrid.Report) for cls in REPORTS)
    assert dataclasses.is_dataclass(hrid.Finding)


def test_bulk_histories_recalls_and_audits_agree_with_single_calls():
    doc, cases = history_corpus("histories.json")
    histories = [c for c in cases if c["kind"] == "history"]
    recalls_run = 0
    for case in histories:
        v = case_verifier(doc, case)
        at = case["at"]
        one = v.verify_history(case["bundle"], at)
        check_report(one)
        for batch in (False, True):
            many = v.verify_histories([case["bundle"], case["bundle"].encode()], at, batch=batch)
            assert [r.to_dict() for r in many] == [one.to_dict()] * 2, case["tcId"]
            assert [r.chain for r in many] == [one.chain] * 2, case["tcId"]
        # An audit of one robot holds the same history report, chain included.
        [(name, robot)] = v.audit([("r", case["bundle"])], at).robots
        assert (name, robot.to_dict(), robot.chain) == ("r", one.to_dict(), one.chain)
        assert json.loads(robot.to_json()) == one.to_dict()
        # Every recall notice of an accepted history verifies on its own.
        try:
            bundle = json.loads(case["bundle"])
        except ValueError:
            continue
        if one.verdict == "accepted" and isinstance(bundle.get("recalls"), list):
            ids = set()
            for notice in bundle["recalls"]:
                r = v.verify_recall(json.dumps(notice), at)
                check_report(r)
                assert r.verdict == "accepted", r.failures
                ids.add(r.recall["notice"]["recall_id"])
                recalls_run += 1
            assert {s["recall_id"] for s in one.recalls} <= ids
    assert recalls_run > 0
    v = case_verifier(doc, histories[0])
    assert v.verify_histories([], histories[0]["at"]) == []
    with pytest.raises(TypeError):
        v.verify_histories([1], histories[0]["at"])
    bad = v.verify_recall(b"{", histories[0]["at"])
    assert bad.verdict == "rejected" and bad.recall is None


def test_other_reports_keep_the_base_promises():
    doc, cases = history_corpus("histories.json")
    for case in cases:
        v = case_verifier(doc, case)
        if case["kind"] == "audit":
            check_report(v.audit([(b["name"], b["bundle"]) for b in case["bundles"]], case["at"]))
        elif case["kind"] == "access":
            d = v.decide_access(case["code"], case["policy"], case["at"], history=case.get("bundle"))
            check_report(d)
            assert d.allowed == d.accepted
    doc, cases = history_corpus("passports.json")
    for case in cases:
        check_report(case_verifier(doc, case).verify_passport(case["passport"], case["at"]))
