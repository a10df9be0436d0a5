"""Every case of test-vectors/histories.json and passports.json through the Python API (access
cases with the registry's status feed they carry), compared exactly as
core/tests/history_vectors.rs compares them in Rust (the same fields of the expected result;
finding codes as sorted sets). A file not yet in the corpus skips its test with a notice;
under CI=true a missing file is a failure."""

import pytest

import hrid

from conftest import case_verifier, check_every_case, corpus_or_skip

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def history_corpus(name):
    """``corpus_or_skip``, and every case id unique, every flag explained in the notes."""
    doc, cases = corpus_or_skip(name)
    ids = [c["tcId"] for c in cases]
    assert len(set(ids)) == len(ids), "duplicate tcId"
    for c in cases:
        for flag in c["flags"]:
            assert flag in doc["notes"], f"flag {flag} is not explained in notes"
    return doc, cases


def codes(findings):
    """The set of codes, sorted (the Rust test compares a BTreeSet)."""
    return sorted({f.code for f in findings})


def buckets(report):
    """The finding buckets as the corpus lists them: codes as sorted sets."""
    return {
        "failures": codes(report.failures),
        "warnings": codes(report.warnings),
        "passed": codes(report.passed),
    }


def case_status_feed(v, case):
    """The status feed of an access case, as core/tests/common/corpus.rs reads it: its document
    verified at the case's ``at`` with the defaults (highest seen version 0, grace one hour),
    handed on only when accepted (the report's ``feed`` is None otherwise)."""
    document = case.get("status_feed")
    if document is None:
        return None
    report = v.verify_status_feed(document, case["at"])
    assert (report.feed is not None) == (report.verdict == "accepted"), report
    return report.feed


def history_got(report):
    health = report.health
    head = report.head
    got = {
        "verdict": report.verdict,
        **buckets(report),
        "status": health["status"] if health is not None else None,
        "head_seq": head["seq"] if head is not None else None,
        "open_recalls": health["open_recalls"] if health is not None else [],
    }
    # The report's dict is the core's JSON, and agrees with the attributes.
    as_dict = report.to_dict()
    assert as_dict["verdict"] == report.verdict
    assert [f["code"] for f in as_dict["failures"]] == [f.code for f in report.failures]
    assert as_dict["health"] == health and as_dict["head"] == head
    # The chain ends at the head, each statement in seq order naming the one before.
    chain = report.chain
    assert (chain[-1]["statement_hash"] if chain else None) == (head["statement_hash"] if head else None)
    assert all(c["statement"]["subject"] == report.subject for c in chain)
    return got


def test_every_history_case():
    doc, cases = history_corpus("histories.json")

    def run_one(case):
        v = case_verifier(doc, case)
        at = case["at"]
        expected = case["expected"]
        kind = case["kind"]
        if kind == "history":
            bundle = case["bundle"].encode()
            for batch in (True, False):
                got = history_got(v.verify_history(bundle, at, batch=batch))
                assert got == expected, f"(batch {batch}) got {got}"
            # str is read as UTF-8, like bytes.
            assert history_got(v.verify_history(case["bundle"], at)) == expected
        elif kind == "audit":
            pairs = [(b["name"], b["bundle"].encode()) for b in case["bundles"]]
            for batch in (True, False):
                r = v.audit(pairs, at, batch=batch)
                got = {
                    "verdict": r.verdict,
                    "failures": codes(r.failures),
                    "passed": codes(r.passed),
                    "robots": [{"name": n, "verdict": x.verdict} for n, x in r.robots],
                }
                assert got == expected, f"(batch {batch}) got {got}"
                d = r.to_dict()
                assert d["verdict"] == r.verdict
                assert [x["name"] for x in d["robots"]] == [n for n, _ in r.robots]
            names = [n for n, _ in pairs]
            if len(set(names)) == len(names):
                # A mapping of name to bundle is the same audit as the list of pairs.
                assert v.audit(dict(pairs), at).to_dict() == v.audit(pairs, at).to_dict()
        elif kind == "access":
            history = case.get("bundle")
            d = v.decide_access(
                case["code"],
                case["policy"],
                at,
                passport=case.get("passport"),
                history=history.encode() if history is not None else None,
                status_feed=case_status_feed(v, case),
            )
            got = {"decision": d.decision, "status": d.status, **buckets(d)}
            assert got == expected, f"got {got}"
            assert d.allowed == (d.decision == "allowed")
            as_dict = d.to_dict()
            assert as_dict["decision"] == d.decision and as_dict["policy"] == case["policy"]
        else:
            raise AssertionError(f"unknown kind {kind}")

    check_every_case("histories.json", cases, run_one)


def test_every_passport_case():
    doc, cases = history_corpus("passports.json")

    def run_one(case):
        v = case_verifier(doc, case)
        text = case["passport"]
        r = v.verify_passport(
            text,
            case["at"],
            expected_subject=case.get("expected_subject"),
            newest_seen=case.get("newest_seen"),
        )
        p = r.passport
        got = {
            "verdict": r.verdict,
            **buckets(r),
            "status": p["status"] if p is not None else None,
            "subject": p["subject"] if p is not None else None,
            "head_seq": p["head_seq"] if p is not None else None,
        }
        assert got == case["expected"], f"got {got}"
        assert r.to_dict()["passport"] == p
        # Every passport fits one QR alphanumeric segment of at most 200 characters.
        if p is not None:
            assert len(text) <= 200
            assert set(text) <= QR_ALPHANUMERIC

    check_every_case("passports.json", cases, run_one)


def test_argument_errors():
    doc, cases = history_corpus("histories.json")
    case = next(c for c in cases if c["kind"] == "history")
    v = case_verifier(doc, case)
    with pytest.raises(ValueError):
        v.decide_access("860042A3W0F50000000012345ZAR2", "export", case["at"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        v.verify_history(12, case["at"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        v.audit([("a",)], case["at"])  # type: ignore[list-item]
    with pytest.raises(hrid.InvalidCode):
        v.verify_passport("HP1:X", case["at"], expected_subject="not a code")
    # No evidence is a decision, not an exception.
    d = v.decide_access("860042A3W0F50000000012345ZAR2", "sale", case["at"])
    assert d.decision == "denied" and "access.no_evidence" in d.codes
