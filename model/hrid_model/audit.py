"""Fleet audits (docs/histories.md section 6)."""

from __future__ import annotations

from dataclasses import dataclass

from .attestation import Statement
from .findings import Findings
from .history import HistoryReport, status_of, verify_history
from .trust import Verifier


@dataclass
class AuditReport:
    findings: Findings
    robots: list[tuple[str, HistoryReport]]

    @property
    def verdict(self) -> str:
        """Rejected when a history is rejected or a rule fires, indeterminate when a history is."""
        verdicts = [h.verdict for _, h in self.robots]
        if self.findings.failures or "rejected" in verdicts:
            return "rejected"
        return "indeterminate" if "indeterminate" in verdicts else "accepted"


def components(chain: list[Statement]) -> list[str]:
    """Section 4 `components`: manufactured, minus serial_out plus serial_in, minus harvested."""
    serials: list[str] = []
    for s in chain:
        if s.type == "manufactured":
            serials += [c["serial"] for c in s.event["components"]]
        elif s.type == "part_replaced":
            serials = [x for x in serials if x != s.event["serial_out"]] + [s.event["serial_in"]]
        elif s.type == "dismantled":
            serials = [x for x in serials if x not in s.event["harvested_serials"]]
    return serials


def audit(verifier: Verifier, bundles: list[tuple[str, bytes]], at: int) -> AuditReport:
    robots = [(name, verify_history(verifier, b, at)) for name, b in bundles]
    f = Findings()
    for x, (_, hx) in enumerate(robots):
        scrap = next((i for i, s in enumerate(hx.chain) if s.type == "scrapped"), None)
        dismantling = next((s for s in hx.chain if s.type == "dismantled"), None)
        if scrap is None and dismantling is None:
            continue
        # the scrap time; a robot dismantled without a scrapped statement: the dismantling's
        when = hx.chain[scrap].time if scrap is not None else dismantling.time  # type: ignore[union-attr]
        donated = set(components(hx.chain[:scrap])) if scrap is not None else set()
        for s in hx.chain:
            if s.type == "dismantled":
                donated |= set(s.event["harvested_serials"])
        for y, (_, hy) in enumerate(robots):
            if y == x or hy.subject == hx.subject:  # another robot: another identity code
                continue
            for s in hy.chain:
                used = [c["serial"] for c in s.event["components"]] if s.type == "manufactured" else (
                    [s.event["serial_in"]] if s.type == "part_replaced" else [])
                if s.time >= when and donated & set(used):
                    f.fail("audit.scrapped_part_reused")
    for x in range(len(robots)):
        for y in range(x + 1, len(robots)):
            hx, hy = robots[x][1], robots[y][1]
            if hx.subject is None or hx.subject != hy.subject:
                continue
            if any(a.statement_hash != b.statement_hash for a, b in zip(hx.chain, hy.chain)):
                f.fail("audit.cloned_code")
    owners: dict[str, set[str]] = {}  # serial -> identity codes (two bundles of one code: one robot)
    for _, hx in robots:
        if not hx.chain or hx.subject is None or status_of(hx.chain) in ("scrapped", "dismantled"):
            continue
        for serial in set(components(hx.chain)):
            owners.setdefault(serial, set()).add(hx.subject)
    for serial, xs in owners.items():
        if len(xs) > 1:
            f.fail("audit.part_in_two_robots")
    report = AuditReport(f, robots)
    if report.verdict == "accepted":
        f.ok("audit.consistent")
    return report
