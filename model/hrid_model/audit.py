"""Fleet audits (docs/histories.md section 6)."""

from __future__ import annotations

from dataclasses import dataclass

from .attestation import Statement
from .findings import Findings
from .history import FeedView, HistoryReport, verify_history
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


FOREVER = 2**63 - 1


@dataclass
class Holding:
    """A part in a robot from `start` to `end` (docs/histories.md section 6, holdings)."""
    serial: str
    subject: str
    start: int
    end: int = FOREVER
    dead_since: int | None = None


def holdings(subject: str, chain: list[Statement]) -> list[Holding]:
    done: list[Holding] = []
    held: dict[str, Holding] = {}
    died: int | None = None
    for s in chain:
        if s.type in ("scrapped", "dismantled"):
            if died is None:
                died = s.time
            for serial in s.event.get("harvested_serials", []):
                held.setdefault(serial, Holding(serial, subject, s.time))
            for h in held.values():
                h.dead_since = died
        elif died is not None:
            continue  # after the end of life nothing comes in or goes out
        elif s.type == "manufactured":
            for c in s.event["components"]:
                held.setdefault(c["serial"], Holding(c["serial"], subject, s.time))
        elif s.type == "part_replaced":
            out = held.pop(s.event["serial_out"], None)
            if out is not None:
                out.end = s.time
                done.append(out)
            held.setdefault(s.event["serial_in"], Holding(s.event["serial_in"], subject, s.time))
    return done + list(held.values())


def audit(verifier: Verifier, bundles: list[tuple[str, bytes]], at: int, feed: FeedView | None = None) -> AuditReport:
    robots = [(name, verify_history(verifier, b, at, feed)) for name, b in bundles]
    f = Findings()
    for x in range(len(robots)):
        for y in range(x + 1, len(robots)):
            hx, hy = robots[x][1], robots[y][1]
            if hx.subject is None or hx.subject != hy.subject:
                continue
            if any(a.statement_hash != b.statement_hash for a, b in zip(hx.chain, hy.chain)):
                f.fail("audit.cloned_code")
    everything = [h for _, r in robots if r.subject is not None for h in holdings(r.subject, r.chain)]
    for a in everything:
        for b in everything:
            if a.serial != b.serial or a.subject == b.subject:
                continue
            # b holds the part after a's end of life, a part dead in a
            if a.dead_since is not None and b.end > a.dead_since:
                f.fail("audit.scrapped_part_reused")
            # both alive and holding it at once
            a_alive = a.end if a.dead_since is None else min(a.end, a.dead_since)
            b_alive = b.end if b.dead_since is None else min(b.end, b.dead_since)
            if a.start < b_alive and b.start < a_alive and a.start < a_alive and b.start < b_alive:
                f.fail("audit.part_in_two_robots")
    report = AuditReport(f, robots)
    if report.verdict == "accepted":
        f.ok("audit.consistent")
    return report
