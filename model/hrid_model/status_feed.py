"""The registry's status feed (docs/status-feed.md sections 1 to 3): the document, its payload,
and `verify_status_feed`'s ten checks with their reason codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import envelope, jsondoc, recall, trust
from .attestation import attribute, authenticate
from .code import is_valid_canonical
from .findings import Findings, Verdict
from .history import FeedEntry
from .recall import RecallNotice
from .trust import Verifier

FEED_STATUSES = (
    "unregistered", "suspended", "recalled_open", "decommissioned", "scrapped", "dismantled",
)
HEX64 = re.compile(r"[0-9a-f]{64}")
MAX_RECALL_NOTICES = 1_000
GRACE = 3_600  # StatusFeedOptions' grace_secs


@dataclass(frozen=True)
class Head:
    seq: int
    statement_hash: str


@dataclass(frozen=True)
class Robot:
    code: str
    status: str
    head: Head | None
    since: int


@dataclass(frozen=True)
class StatusFeed:
    registry: str
    version: int
    issued_at: int
    expires_at: int
    previous: str | None
    recalls: tuple[str, ...]
    robots: tuple[Robot, ...]

    def robot(self, code: str) -> Robot | None:
        return next((r for r in self.robots if r.code == code), None)


class Malformed(Exception):
    """`status_feed.malformed` (or, with `code`, `status_feed.too_large`)."""

    def __init__(self, code: str = "status_feed.malformed"):
        super().__init__(code)
        self.code = code


# ---- section 1: the document ----------------------------------------------------------------

def read_document(data: bytes) -> tuple[bytes, list[bytes]]:
    """Check 1: the feed's exact bytes and each shipped recall element's exact bytes."""
    if len(data) > envelope.MAX_STATUS_FEED_BYTES:
        raise Malformed("status_feed.too_large")
    try:
        doc = jsondoc.load(data, floats=True)  # numbers are judged by the members' readers
    except jsondoc.JsonProblem:
        raise Malformed() from None
    if not isinstance(doc, dict) or "feed" not in doc or not set(doc) <= {"feed", "recalls"}:
        raise Malformed()
    if "recalls" in doc:
        if not isinstance(doc["recalls"], list) or len(doc["recalls"]) > MAX_RECALL_NOTICES:
            raise Malformed()
        recalls = jsondoc.element_spans(data, "recalls")
        assert recalls is not None and len(recalls) == len(doc["recalls"])
    else:
        recalls = []  # absent reads as []
    feed = jsondoc.member_span(data, "feed")
    assert feed is not None
    return feed, recalls


# ---- section 2: the payload -----------------------------------------------------------------

def _object(v: Any, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    if not isinstance(v, dict) or not required <= set(v) <= required | optional:
        raise Malformed()
    return v


def _int(v: Any, bounds: tuple[int, int]) -> int:
    if not jsondoc.is_int(v, *bounds):
        raise Malformed()
    return int(v)


def _hash(v: Any) -> str:
    if not isinstance(v, str) or not HEX64.fullmatch(v):
        raise Malformed()
    return v


def _robot(v: Any) -> Robot:
    r = _object(v, {"code", "status", "since"}, frozenset({"head"}))
    if not isinstance(r["code"], str) or not is_valid_canonical(r["code"]):
        raise Malformed()
    if r["status"] not in FEED_STATUSES:
        raise Malformed()
    head = None
    if r.get("head") is not None:  # absent reads as null
        h = _object(r["head"], {"seq", "statement_hash"})
        head = Head(_int(h["seq"], jsondoc.U64), _hash(h["statement_hash"]))
    return Robot(r["code"], r["status"], head, _int(r["since"], jsondoc.I64))


def read_payload(payload: bytes) -> StatusFeed:
    """Check 3: pre-check, shape and the rules of section 2, all `status_feed.malformed`."""
    try:
        doc = jsondoc.load(payload)
    except jsondoc.JsonProblem:
        raise Malformed() from None
    d = _object(
        doc, {"registry", "version", "issued_at", "expires_at", "recalls", "robots"},
        frozenset({"previous"}),
    )
    if not isinstance(d["registry"], str):
        raise Malformed()
    version = _int(d["version"], jsondoc.U64)
    issued_at, expires_at = _int(d["issued_at"], jsondoc.I64), _int(d["expires_at"], jsondoc.I64)
    if version < 1 or expires_at <= issued_at:
        raise Malformed()
    previous = None if d.get("previous") is None else _hash(d["previous"])
    if not isinstance(d["recalls"], list) or not isinstance(d["robots"], list):
        raise Malformed()
    recalls = tuple(_hash(h) for h in d["recalls"])
    if any(a >= b for a, b in zip(recalls, recalls[1:])):
        raise Malformed()  # strictly ascending
    robots = tuple(_robot(r) for r in d["robots"])
    if any(a.code >= b.code for a, b in zip(robots, robots[1:])):
        raise Malformed()  # strictly ascending by code
    return StatusFeed(d["registry"], version, issued_at, expires_at, previous, recalls, robots)


# ---- section 3: verification ----------------------------------------------------------------

@dataclass
class StatusFeedReport:
    findings: Findings
    feed: StatusFeed | None = None  # only when accepted
    recalls: list[RecallNotice] = field(default_factory=list)  # the named notices, verified

    @property
    def verdict(self) -> Verdict:
        return self.findings.verdict


def verify(
    verifier: Verifier, data: bytes, at: int, highest_seen_version: int = 0, grace: int = GRACE,
) -> StatusFeedReport:
    """verify_status_feed(verifier, document, at, {highest_seen_version, grace_secs})."""
    f = Findings()
    report = StatusFeedReport(f)
    trust.record_standing(f, verifier.standing(at))  # first, always
    try:
        feed_bytes, shipped = read_document(data)  # 1
    except Malformed as p:
        f.fail(p.code)
        return report
    auth = authenticate(  # 2
        verifier, feed_bytes, envelope.STATUS_FEED, at, f, standing=False,
        max_bytes=envelope.MAX_STATUS_FEED_BYTES,
    )
    if auth is None:
        return report
    try:
        feed = read_payload(auth.envelope.payload)  # 3
    except Malformed as p:
        f.fail(p.code)
        return report
    if verifier.trust_list.participant(feed.registry) is None:  # 4
        f.fail("status_feed.other_registry")
        return report
    owner = attribute(verifier, auth, feed.registry)  # 5
    if owner is None:
        f.fail("signer.issuer_mismatch")
        return report
    f.ok("signer.known")
    participant, keys = owner
    trust.apply_key_rule(f, keys, feed.issued_at)
    if "registry" not in participant.roles:  # 6
        f.fail("status_feed.signer_not_registry")
    if feed.version < highest_seen_version:  # 7
        f.fail("status_feed.rollback")
    if feed.issued_at > at + verifier.clock_skew:  # 8
        f.fail("status_feed.issued_in_future")
    if at <= feed.expires_at:  # 9
        f.ok("status_feed.current")
    elif at <= feed.expires_at + grace:
        f.warn("status_feed.expired_grace")
    else:
        f.indeterminate("status_feed.expired")
    verified = [n for n in (recall.verify(verifier, b, at).notice for b in shipped) if n]  # 10
    # (not with the trust list expired beyond its grace: the feed is indeterminate already)
    for h in feed.recalls if verifier.standing(at) != "trust_list.expired" else ():
        found = next((n for n in verified if n.statement_hash == h), None)
        if found is None:
            f.fail("status_feed.recall_missing")
        else:
            report.recalls.append(found)
    if f.verdict == "accepted":
        f.ok("status_feed.valid")
        report.feed = feed
    else:
        report.recalls = []
    return report


# ---- section 4: what decisions read of a verified feed ---------------------------------------

@dataclass
class VerifiedFeed:
    """An accepted feed as histories and market access read it (docs/status-feed.md section 4)."""
    feed: StatusFeed
    recall_notices: list[RecallNotice]
    usable_until: int  # expires_at + the grace it was verified with
    signer_compromised: bool  # its key reported compromised after issued_at

    @property
    def issued_at(self) -> int:
        return self.feed.issued_at

    def robot(self, code: str) -> FeedEntry | None:
        r = self.feed.robot(code)
        if r is None:
            return None
        return FeedEntry(r.status, r.head.seq if r.head else None, r.head.statement_hash if r.head else None)


def verified(report: StatusFeedReport, grace: int = GRACE) -> VerifiedFeed | None:
    """The feed of an accepted report, for the decisions; None otherwise."""
    if report.feed is None:
        return None
    return VerifiedFeed(
        report.feed, list(report.recalls), report.feed.expires_at + grace,
        "key.compromised_later" in report.findings.warnings,
    )
