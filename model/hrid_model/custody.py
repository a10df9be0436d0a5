"""Custody at a moment (docs/histories.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import compat
from .attestation import Statement
from .findings import Findings
from .history import HistoryReport, remedy_of, status_of, verify_history
from .trust import Verifier

ENDS_OPERATION = ("sold", "transferred", "decommissioned", "scrapped", "dismantled")


@dataclass
class CustodyReport:
    findings: Findings
    history: HistoryReport
    answers: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return self.findings.verdict


def _last(sts: list[Statement], *types: str) -> Statement | None:
    return next((s for s in reversed(sts) if s.type in types), None)


def status_with_proof(sts: list[Statement]) -> tuple[str, Statement] | None:
    """The health status over `sts` and the statement that set it."""
    if not sts:
        return None
    status = status_of(sts)
    if status in ("dismantled", "scrapped", "decommissioned"):
        return status, _last(sts, status)  # type: ignore[return-value]
    if status == "unregistered":
        made = _last(sts, "manufactured")
        return (status, made) if made is not None else None
    if status == "suspended":
        return status, _last(sts, "suspended")  # type: ignore[return-value]
    return status, _last(sts, "registered", "reinstated")  # type: ignore[return-value]


def custody(verifier: Verifier, bundle: bytes, at: int, verified_at: int) -> CustodyReport:
    h = verify_history(verifier, bundle, verified_at)
    f = Findings()
    if h.verdict != "accepted":
        f.indeterminate("custody.history_unverified")
    sts = [s for s in h.chain if s.time <= at]
    a: dict[str, Any] = {"statements_considered": len(sts)}
    made = next((s for s in sts if s.type == "manufactured"), None)
    a["manufacturer"] = made and {"who": made.issuer, "model": made.event["model"], "statement_hash": made.statement_hash}
    if made is None:
        f.warn("custody.before_manufacture")
    sale = _last(sts, "sold", "transferred")
    if sale is not None:
        who = sale.event["buyer"] if sale.type == "sold" else sale.event["to"]
        a["owner"] = {"who": who, "basis": sale.type, "statement_hash": sale.statement_hash}
    elif made is not None:
        a["owner"] = {"who": made.issuer, "basis": "manufactured", "statement_hash": made.statement_hash}
    else:
        a["owner"] = None
        f.warn("custody.no_owner")
    dep = _last(sts, "deployed")
    if dep is not None and any(s.type in ENDS_OPERATION for s in sts[sts.index(dep) + 1:]):
        dep = None
    a["operator"] = dep and {"who": dep.issuer, "site": dep.event["site"], "statement_hash": dep.statement_hash}
    if dep is None:
        f.warn("custody.no_operator")
    mnt = _last(sts, "maintained", "part_replaced")
    a["last_maintenance"] = mnt and {"who": mnt.issuer, "kind": mnt.type, "statement_hash": mnt.statement_hash}
    if mnt is None:
        f.warn("custody.no_maintenance")
    fw = next((s for s in reversed(sts) if s.type == "software_updated" and s.event["component"] == "firmware"), None)
    # Section 7: the firmware of the last statement that installs one (a manufacture after an
    # update installs the factory firmware again).
    if fw is not None and made is not None and sts.index(_last(sts, "manufactured")) > sts.index(fw):  # type: ignore[arg-type]
        fw = None
    if fw is not None:
        a["firmware"] = {"installed_by": fw.issuer, "version": fw.event["version"], "statement_hash": fw.statement_hash}
    elif made is not None:
        a["firmware"] = {"installed_by": made.issuer, "version": made.event["firmware"], "statement_hash": made.statement_hash}
    else:
        a["firmware"] = None
    ai = next((s for s in reversed(sts) if s.type == "software_updated" and s.event["component"] == "ai_profile"), None)
    a["ai_profile"] = ai and {"installed_by": ai.issuer, "version": ai.event["version"], "statement_hash": ai.statement_hash}
    if ai is None:
        f.warn("custody.no_ai_profile")
    recalls = []
    for n in h.notices:
        if h.subject is None or not n.covers(h.subject) or n.issued_at > at:
            continue
        fix = remedy_of(n, sts)
        recalls.append({
            "recall_id": n.recall_id, "state": "remedied" if fix else "open",
            "statement_hash": n.statement_hash,
            "remedy_statement_hash": fix.statement_hash if fix else None,
        })
        if fix is None:
            f.warn("custody.recall_open")
    a["recalls"] = recalls
    before = _last(sts, "telemetry")
    after = next((s for s in h.chain if s.type == "telemetry" and s.time > at), None)
    a["telemetry_before"] = before and before.statement_hash
    a["telemetry_after"] = after and after.statement_hash
    if before is None:
        f.warn("custody.no_telemetry")
    st = status_with_proof(sts)
    a["status"] = st and {"status": st[0], "statement_hash": st[1].statement_hash}
    if st is not None and st[0] in ("scrapped", "dismantled", "decommissioned"):
        f.fail("custody.operated_while_scrapped")
    if st is not None and st[0] == "suspended":
        f.fail("custody.operated_while_suspended")
    if sts:
        f.ok("custody.answered")
    return CustodyReport(f, h, a)
