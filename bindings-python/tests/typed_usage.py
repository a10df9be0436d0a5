"""Type-checked (never run) by test_typed_usage.py with ``mypy --strict``: the results of hrid are
typed all the way down, so a type checker catches a misspelt field or a wrong value."""

from typing import List, Optional

from typing_extensions import assert_type

import hrid
from hrid.types import (
    ErrorInfo,
    HealthSummary,
    HistoryReportDict,
    LifecycleEvent,
    Owner,
    ReasonCode,
    RobotStatus,
    StatusFeedReportDict,
    VerifiedAttestation,
    VerifiedPassport,
    VerifiedStatusFeed,
)


def history(verifier: hrid.Verifier, bundle: bytes) -> None:
    report = verifier.verify_history(bundle, 0)
    assert_type(report.verdict, hrid.Verdict)
    assert_type(report.failures, List[hrid.Finding])
    assert_type(report.codes, List[ReasonCode])
    assert_type(report.health, Optional[HealthSummary])
    assert_type(report.chain, List[VerifiedAttestation])
    assert_type(report.to_dict(), HistoryReportDict)
    if report.health is not None:
        status: str = report.health["status"]
        report.health["no_such_field"]  # type: ignore[typeddict-item]
        print(status)
    for entry in report.chain:
        assert_type(entry["statement"]["event"], LifecycleEvent)
        if entry["statement"]["event"]["type"] == "sold":
            print(entry["statement"]["event"]["buyer"])


def others(verifier: hrid.Verifier, passport: str) -> None:
    custody = verifier.custody(b"{}", 0, 0)
    assert_type(custody.owner, Optional[Owner])
    p = verifier.verify_passport(passport, 0)
    assert_type(p.passport, Optional[VerifiedPassport])
    d = verifier.decide_access("860042A3W0F50000000012345ZAR2", "sale", 0)
    allowed: bool = d.allowed
    verifier.decide_access("x", "export", 0)  # type: ignore[arg-type]
    audit = verifier.audit({"a": b"{}"}, 0)
    for name, robot in audit.robots:
        assert_type(robot, hrid.HistoryReport)
    print(allowed)


def status_feed(verifier: hrid.Verifier, document: bytes, bundle: bytes) -> None:
    report = verifier.verify_status_feed(document, 0, highest_seen_version=3, grace=60)
    assert_type(report, hrid.StatusFeedReport)
    assert_type(report.feed, Optional[hrid.StatusFeed])
    assert_type(report.to_dict(), StatusFeedReportDict)
    feed = report.feed
    if feed is not None:
        assert_type(feed.version, int)
        assert_type(feed.to_dict(), VerifiedStatusFeed)
        assert_type(feed.robot("860042A3W0F50000000012345ZAR2"), Optional[RobotStatus])
        d = verifier.decide_access(
            "860042A3W0F50000000012345ZAR2", "sale", 0, history=bundle, status_feed=feed,
            max_evidence_age={"sale": 3_600, "listing": 86_400},
        )
        print(d.allowed, verifier.verify_history(bundle, 0, status_feed=feed).verdict)
        verifier.decide_access("x", "sale", 0, max_evidence_age={"export": 1})  # type: ignore[dict-item]
        verifier.verify_history(bundle, 0, status_feed=feed.to_dict())  # type: ignore[arg-type]


def codes() -> None:
    report = hrid.code.check("86")
    assert_type(report.error, Optional[ErrorInfo])
    if report.error is not None:
        assert_type(report.error["code"], ReasonCode)
    for miss in hrid.code.find("text").near_misses:
        assert_type(miss.error, ReasonCode)
