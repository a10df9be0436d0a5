"""Market access (docs/histories.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from . import passport as passports
from .code import CodeError, parse
from .findings import Findings
from .history import FeedView, verify_history
from .trust import Verifier

RANK = (
    "active", "recalled_open", "suspended", "unregistered", "decommissioned", "scrapped",
    "dismantled",
)
DENIAL = {
    "recalled_open": "access.recall_open",
    "suspended": "access.suspended",
    "unregistered": "access.not_registered",
    "decommissioned": "access.decommissioned",
    "scrapped": "access.scrapped",
    "dismantled": "access.scrapped",
}
POLICIES = ("listing", "sale", "deployment")


@dataclass
class AccessDecision:
    findings: Findings
    status: str | None

    @property
    def decision(self) -> str:
        return "allowed" if self.findings.verdict == "accepted" else "denied"


def _report(f: Findings, evidence: Findings) -> None:
    """A history contributes its failures when not accepted, its warnings when accepted."""
    if evidence.verdict == "accepted":
        f.items.extend(x for x in evidence.items if x.severity == "warning")
    else:
        f.items.extend(x for x in evidence.items if x.severity in ("failure", "indeterminate"))


# Section 5 step 7: how old the registry's word may be, per policy.
MAX_AGE = {"sale": 86_400, "listing": 7 * 86_400, "deployment": 30 * 86_400}


class FeedForAccess(FeedView, Protocol):
    """A verified status feed as market access reads it (docs/histories.md section 5)."""

    @property
    def issued_at(self) -> int: ...

    @property
    def usable_until(self) -> int: ...  # expires_at + the grace it was verified with

    @property
    def signer_compromised(self) -> bool: ...  # its key reported compromised (key.compromised_later)


def decide_access(
    verifier: Verifier, code: str, policy: str, at: int, passport: str | None = None,
    history: bytes | None = None, grace: int = passports.GRACE,
    status_feed: FeedForAccess | None = None, newest_seen: int | None = None,
    max_age: dict[str, int] | None = None,
) -> AccessDecision:
    assert policy in POLICIES
    f = Findings()
    try:
        subject = parse(code)
    except CodeError:
        f.fail("access.code_invalid")
        return AccessDecision(f, None)
    if passport is None and history is None:
        f.fail("access.no_evidence")
        return AccessDecision(f, None)
    statuses: list[str] = []
    # step 3: the history, with the feed
    hist = None
    texts: list[str] = [] if passport is None else [passport]
    if history is not None:
        hr = verify_history(verifier, history, at, status_feed)
        if hr.subject is not None and hr.subject != subject:
            f.fail("access.evidence_other_subject")
        elif hr.verdict != "accepted":
            _report(f, hr.findings)
            conflict = "history.registry_conflict" in hr.findings.failures
            f.fail("access.evidence_conflict" if conflict else "access.evidence_unverifiable")
        else:
            _report(f, hr.findings)
            hist = hr
            h = hr.health
            if h is not None:
                statuses.append("recalled_open" if h.status == "active" and h.open_recalls else h.status)
        # step 4: the bundle's own passport, when it is another text
        if hr.passport is not None and (passport is None or hr.passport.strip() != passport.strip()):
            texts.append(hr.passport)
    # step 4: every passport
    accepted: list[tuple[passports.Passport, bool]] = []  # (passport, its key reported compromised)
    for text in texts:
        pr = passports.verify(verifier, text, at, expected_subject=subject, newest_seen=newest_seen, grace=grace)
        f.items.extend(x for x in pr.findings.items if x.severity != "passed")  # all, accepted or not
        if pr.passport is not None and pr.passport.subject != subject:
            f.fail("access.evidence_other_subject")
        elif pr.verdict != "accepted" or pr.passport is None:
            f.fail("access.evidence_unverifiable")
        else:
            accepted.append((pr.passport, "key.compromised_later" in pr.findings.warnings))
            statuses.append(pr.passport.status)
    # step 5: each accepted passport's head on the accepted history
    for pp, _ in accepted:
        if hist is not None and pp.head_seq is not None and not any(
            s.seq == pp.head_seq and bytes.fromhex(s.statement_hash)[:16] == pp.head_hash_prefix
            for s in hist.chain
        ):
            f.fail("access.evidence_conflict")
    # step 6: the feed's entry
    entry = status_feed.robot(subject) if status_feed is not None else None
    if entry is not None:
        statuses.append(entry.status)
    # step 7: the registry's word, young enough for the policy
    now = at if newest_seen is None else max(at, newest_seen)
    limit = (max_age or MAX_AGE)[policy]
    feed_counts = status_feed is not None and (
        status_feed.issued_at <= now + verifier.clock_skew and now <= status_feed.usable_until
        and now - status_feed.issued_at <= limit and not status_feed.signer_compromised
    )
    young = [compromised for pp, compromised in accepted if now - pp.issued_at <= limit]
    if not feed_counts and not any(not c for c in young):
        f.fail("access.passport_key_compromised" if young else "access.evidence_stale")
    # step 8: the most restrictive status
    status = max(statuses, key=RANK.index) if statuses else None
    if status is not None and status in DENIAL:
        f.fail(DENIAL[status])
    if f.verdict == "accepted":
        f.ok("access.allowed")
    return AccessDecision(f, status)
