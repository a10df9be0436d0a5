"""Market access (docs/histories.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass

from . import passport as passports
from .code import CodeError, parse
from .findings import Findings
from .history import verify_history
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


def decide_access(
    verifier: Verifier, code: str, policy: str, at: int, passport: str | None = None,
    history: bytes | None = None, grace: int = passports.GRACE,
) -> AccessDecision:
    assert policy in POLICIES  # the policies differ in name only (section 5)
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
    pp_ok = None
    if passport is not None:
        pr = passports.verify(verifier, passport, at, expected_subject=subject, grace=grace)
        f.items.extend(x for x in pr.findings.items if x.severity != "passed")  # all, accepted or not
        if pr.passport is not None and pr.passport.subject != subject:
            f.fail("access.evidence_other_subject")
        elif pr.verdict != "accepted":
            f.fail("access.evidence_unverifiable")
        else:
            pp_ok = pr.passport
            statuses.append(pr.passport.status if pr.passport else "")
    hist = None
    if history is not None:
        hr = verify_history(verifier, history, at)
        if hr.subject is not None and hr.subject != subject:
            f.fail("access.evidence_other_subject")
        elif hr.verdict != "accepted":
            _report(f, hr.findings)
            f.fail("access.evidence_unverifiable")
        else:
            _report(f, hr.findings)
            hist = hr
            h = hr.health
            if h is not None:
                statuses.append("recalled_open" if h.status == "active" and h.open_recalls else h.status)
    if pp_ok is not None and hist is not None and pp_ok.head_seq is not None:  # no head: nothing to match
        if not any(
            s.seq == pp_ok.head_seq and bytes.fromhex(s.statement_hash)[:16] == pp_ok.head_hash_prefix
            for s in hist.chain
        ):
            f.fail("access.evidence_conflict")
    status = max(statuses, key=RANK.index) if statuses else None
    if status is not None and status in DENIAL:
        f.fail(DENIAL[status])
    if f.verdict == "accepted":
        f.ok("access.allowed")
    return AccessDecision(f, status)
