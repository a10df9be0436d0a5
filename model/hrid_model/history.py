"""Histories (docs/histories.md sections 1, 2 and 4): bundle, chain, lifecycle, recalls, health."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import attestation, jsondoc, recall, trust
from .attestation import Statement
from .code import is_valid_canonical
from .findings import Finding, Findings
from .recall import RecallNotice
from .trust import Verifier

MAX_HISTORY_BYTES = 67_108_864
MAX_HISTORY_EVENTS = 10_000
MAX_RECALL_NOTICES = 1_000


@dataclass
class FeedEntry:
    """The registry's word on one robot (docs/status-feed.md): its status and head."""
    status: str
    head_seq: int | None
    head_hash: str | None


class FeedView(Protocol):
    """What a history needs of a verified status feed (docs/histories.md section 2.3)."""

    @property
    def recall_notices(self) -> list[RecallNotice]: ...

    def robot(self, code: str) -> FeedEntry | None: ...


@dataclass
class Health:
    status: str
    open_recalls: list[str]
    head_seq: int
    head_hash: str


@dataclass
class HistoryReport:
    findings: Findings
    subject: str | None = None
    chain: list[Statement] = field(default_factory=list)
    notices: list[RecallNotice] = field(default_factory=list)  # accepted notices
    health: Health | None = None
    passport: str | None = None  # the bundle's passport field, not verified here

    @property
    def verdict(self) -> str:
        return self.findings.verdict


def _bundle(data: bytes, f: Findings) -> tuple[str, list[bytes], list[bytes], str | None] | None:
    """Section 1: the bundle itself; None when a failure of the bundle ends the verification."""
    if len(data) > MAX_HISTORY_BYTES:
        f.fail("history.too_large")
        return None
    try:
        doc = jsondoc.load(data)
    except jsondoc.JsonProblem:
        f.fail("history.malformed")
        return None
    if not isinstance(doc, dict) or not {"subject", "attestations"} <= set(doc) <= {
        "subject", "attestations", "recalls", "passport",
    }:
        f.fail("history.malformed")
        return None
    atts, recs = doc["attestations"], doc.get("recalls", [])
    if not isinstance(doc["subject"], str) or not isinstance(atts, list) or not isinstance(recs, list):
        f.fail("history.malformed")
        return None
    if any(not isinstance(e, dict) for e in atts + recs):
        f.fail("history.malformed")
        return None
    if doc.get("passport") is not None and not isinstance(doc["passport"], str):
        f.fail("history.malformed")
        return None
    if len(atts) > MAX_HISTORY_EVENTS or len(recs) > MAX_RECALL_NOTICES:
        f.fail("history.too_many_events")
        return None
    if not is_valid_canonical(doc["subject"]):
        f.fail("history.subject_invalid")
        return None
    raw_atts = jsondoc.element_spans(data, "attestations")
    raw_recs = jsondoc.element_spans(data, "recalls") if "recalls" in doc else []
    if raw_atts is None or raw_recs is None or len(raw_atts) != len(atts):
        # keys spelled with escapes: fall back to a compact re-serialisation
        raw_atts = [json.dumps(e, separators=(",", ":")).encode() for e in atts]
        raw_recs = [json.dumps(e, separators=(",", ":")).encode() for e in recs]
    return doc["subject"], raw_atts, raw_recs, doc.get("passport")


def verify_history(verifier: Verifier, data: bytes, at: int, feed: FeedView | None = None) -> HistoryReport:
    f = Findings()
    bundle = _bundle(data, f)
    if bundle is None:
        return HistoryReport(f)
    subject, atts, recs, passport = bundle
    f.ok("history.well_formed")
    report = HistoryReport(f, subject, passport=passport)
    if not atts:
        f.fail("history.empty")  # ends nothing: the recall notices are still read
    standing = verifier.standing(at)
    if atts and standing != "trust_list.current":
        trust.record_standing(f, standing)
    accepted: list[Statement] = []
    for index, raw in enumerate(atts):
        r = attestation.verify(verifier, raw, at)
        for x in r.findings.items:
            if x.severity != "passed" and not x.code.startswith("trust_list."):
                f.items.append(Finding(x.code, x.severity, index))
        if r.statement is not None:
            accepted.append(r.statement)
    if atts and len(accepted) == len(atts):
        f.ok("history.attestations_verified")
    report.chain = _chain(subject, accepted, f)
    if report.chain:
        _lifecycle(subject, report.chain, verifier, f)
    for raw in recs:
        rr = recall.verify(verifier, raw, at)
        for x in rr.findings.items:
            if x.code.startswith("trust_list."):
                continue
            if x.severity != "passed" or x.code == "recall.valid":
                f.items.append(x)
        if rr.notice is not None:
            report.notices.append(rr.notice)
    if feed is not None:  # step 5: the feed's notices in force, as if the bundle carried them (once)
        carried = {n.statement_hash for n in report.notices}
        report.notices += [n for n in feed.recall_notices if n.statement_hash not in carried]
    open_ids = _recall_states(subject, report.chain, report.notices, f)
    if report.chain:
        head = report.chain[-1]
        report.health = Health(status_of(report.chain), open_ids, head.seq, head.statement_hash)
        if feed is not None:
            _registry_word(feed.robot(subject), report.chain, report.health.status, f)
    return report


ENDED = {"decommissioned": 1, "scrapped": 2, "dismantled": 3}  # none of these is ever undone


def _registry_word(entry: FeedEntry | None, chain: list[Statement], status: str, f: Findings) -> None:
    """Section 2.3: the feed's head is on the chain; its status has not gone further."""
    if entry is None:
        return
    if entry.head_seq is not None:
        at = chain[entry.head_seq] if entry.head_seq < len(chain) else None
        if at is None or at.statement_hash != entry.head_hash:
            f.fail("history.registry_conflict")
    if ENDED.get(entry.status, 0) > ENDED.get(status, 0):
        f.fail("history.registry_conflict")


# ---- 2.1 chain rules ------------------------------------------------------------------------

def _chain(subject: str, accepted: list[Statement], f: Findings) -> list[Statement]:
    kept: list[Statement] = []
    hashes: set[str] = set()
    prevs: set[str | None] = set()
    dropped: set[str] = set()
    broken = False
    for st in accepted:
        if st.subject != subject:
            f.fail("history.subject_mismatch")
            broken = True
            continue
        if st.statement_hash in hashes:
            f.fail("chain.duplicate")
            broken = True
            continue
        if st.prev is not None and st.prev in dropped:
            dropped.add(st.statement_hash)  # continues a dropped fork
            hashes.add(st.statement_hash)
            continue
        if st.prev in prevs:
            f.fail("chain.fork")
            broken = True
            dropped.add(st.statement_hash)
            hashes.add(st.statement_hash)
            continue
        hashes.add(st.statement_hash)
        prevs.add(st.prev)
        kept.append(st)
    for i, st in enumerate(kept):
        if st.seq != i:
            f.fail("chain.seq_gap")
            broken = True
        expected_prev = kept[i - 1].statement_hash if i > 0 else None
        if st.prev != expected_prev:
            f.fail("chain.prev_mismatch")
            broken = True
        if i > 0 and st.time < kept[i - 1].time:
            f.fail("chain.time_decreasing")
            broken = True
    if kept and not broken:
        f.ok("chain.intact")
    return kept


# ---- 2.2 lifecycle rules --------------------------------------------------------------------

AFTER_SCRAP = {
    "sold": "lifecycle.sale_after_scrap",
    "transferred": "lifecycle.transfer_after_scrap",
    "deployed": "lifecycle.deployment_after_scrap",
    "telemetry": "lifecycle.telemetry_after_scrap",
}


def _lifecycle(subject: str, chain: list[Statement], verifier: Verifier, f: Findings) -> None:
    before = len(f.items)
    tl = verifier.trust_list
    registered = suspended = decommissioned = False
    ended: set[str] = set()  # the recycling steps taken: the end of life is the first of them
    production_date: int | None = None
    max_hours: int | None = None
    max_cycles: int | None = None
    installed: dict[str, str] = {}
    for pos, st in enumerate(chain):
        t, ev = st.type, st.event
        if ended:
            # after the end of life only the other recycling step, once (section 2.2)
            if t in ("scrapped", "dismantled") and t not in ended:
                ended.add(t)
            else:
                f.fail(AFTER_SCRAP.get(t, "lifecycle.event_after_scrap"))
            continue
        if pos == 0 and t != "manufactured":
            f.fail("lifecycle.first_not_manufactured")
        if pos == 1 and t != "registered":
            f.fail("lifecycle.registration_not_second")
        issuer = tl.participant(st.issuer)
        roles = issuer.roles if issuer else ()
        if t == "manufactured":
            if "manufacturer" not in roles or issuer is None or issuer.scope is None or (
                subject[2:6] not in issuer.scope
            ):
                f.fail("lifecycle.manufacturer_not_owner")
            if production_date is None:
                production_date = ev["production_date"]
        if t == "registered":
            if "registry" not in roles:
                f.fail("lifecycle.registrar_not_registry")
            if production_date is not None and production_date > st.time:
                f.fail("lifecycle.production_after_registration")
            registered = True
        if t in ("sold", "transferred", "deployed") and not registered:
            f.fail("lifecycle.market_before_registration")
        if suspended and t in ("sold", "transferred"):
            f.fail("lifecycle.sale_while_suspended")
        if suspended and t == "deployed":
            f.fail("lifecycle.deployment_while_suspended")
        if decommissioned and t == "deployed":
            f.fail("lifecycle.deployment_after_decommission")
        if t == "suspended":
            suspended = True
        elif t == "reinstated":
            suspended = False
        elif t == "decommissioned":
            decommissioned = True
        elif t in ("scrapped", "dismantled"):
            ended.add(t)
        elif t == "part_replaced" and ev["kind"] == "battery_pack":
            max_cycles = None
        elif t == "telemetry":
            if max_hours is not None and ev["operating_hours"] < max_hours:
                f.fail("telemetry.hours_decreased")
            if max_cycles is not None and ev["battery_cycles"] < max_cycles:
                f.fail("telemetry.battery_cycles_decreased")
            max_hours = max(max_hours or 0, ev["operating_hours"])
            max_cycles = max(max_cycles or 0, ev["battery_cycles"])
        elif t == "software_updated":
            have = installed.get(ev["component"])
            if have is not None and ev["previous_digest"] is None:
                f.fail("software.previous_digest_missing")
            elif have is not None and ev["previous_digest"] != have:
                f.fail("software.lineage_broken")
            installed[ev["component"]] = ev["digest"]
    if len(f.items) == before:
        f.ok("lifecycle.consistent")


# ---- section 3: open or remedied --------------------------------------------------------------

def _recall_states(
    subject: str, chain: list[Statement], notices: list[RecallNotice], f: Findings
) -> list[str]:
    open_ids: list[str] = []
    for n in notices:
        if not n.covers(subject):
            continue
        if remedy_of(n, chain) is not None:
            f.ok("recall.remedied")
        else:
            f.warn("recall.open")
            open_ids.append(n.recall_id)
    known = {n.recall_id for n in notices if n.covers(subject)}
    for st in chain:
        if st.type == "recall_remedied" and st.event["recall_id"] not in known:
            f.warn("recall.remedy_unknown")
    return open_ids


def remedy_of(n: RecallNotice, chain: list[Statement]) -> Statement | None:
    return next(
        (s for s in chain if s.type == "recall_remedied" and s.event["recall_id"] == n.recall_id
         and s.time >= n.issued_at),
        None,
    )


# ---- section 4: status ----------------------------------------------------------------------

def status_of(chain: list[Statement]) -> str:
    types = [s.type for s in chain]
    for terminal in ("dismantled", "scrapped", "decommissioned"):
        if terminal in types:
            return terminal
    if "registered" not in types:
        return "unregistered"
    last_suspended = max((i for i, t in enumerate(types) if t == "suspended"), default=-1)
    last_reinstated = max((i for i, t in enumerate(types) if t == "reinstated"), default=-1)
    return "suspended" if last_suspended > last_reinstated else "active"


def summary(report: HistoryReport) -> dict[str, Any]:
    """The fields the tests compare."""
    h = report.health
    return {
        "verdict": report.verdict,
        "status": h.status if h else None,
        "head_seq": h.head_seq if h else None,
        "open_recalls": h.open_recalls if h else [],
    }
