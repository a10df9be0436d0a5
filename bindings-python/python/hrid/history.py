"""Histories, fleet audits and recall notices (docs/histories.md).

``Verifier.verify_history(bundle, at)`` -> :class:`HistoryReport` (``verify_histories`` for many
bundles in one call), ``Verifier.audit({name: bundle}, at)`` -> :class:`AuditReport` (the
histories and the rules across robots), ``Verifier.verify_recall(envelope, at)`` ->
:class:`RecallReport`; :func:`sign_recall` signs a recall notice.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import List, Optional, Tuple, Union, cast

from ._native import sign_recall
from ._types import (
    AuditReportDict,
    ChainHead,
    HealthSummary,
    HistoryReportDict,
    RecallReportDict,
    RecallStatus,
    Verdict,
    VerifiedAttestation,
    VerifiedRecall,
)
from .report import Report

__all__ = ["AuditReport", "HistoryReport", "RecallReport", "sign_recall"]


class HistoryReport(Report[HistoryReportDict]):
    """What ``Verifier.verify_history`` returns. Rely on ``health`` and ``recalls`` only when the
    verdict is ``accepted``."""

    #: The bundle's subject, when readable.
    subject: Optional[str]
    #: Attestations in the bundle.
    events: int
    #: Attestations that verified.
    events_verified: int
    #: The chain's head ``{"seq", "statement_hash"}``, or None.
    head: Optional[ChainHead]
    #: The robot's health summary (status, owner, deployment, software, open recalls, ...).
    health: Optional[HealthSummary]
    #: The recalls that cover the robot.
    recalls: List[RecallStatus]
    #: The passport text found in the bundle (not verified here).
    passport: Optional[str]

    def __init__(
        self,
        core: Union[str, HistoryReportDict],
        chain: Union[str, List[VerifiedAttestation]],
        verdict: Optional[Verdict] = None,
    ) -> None:
        super().__init__(core, verdict)
        self.__dict__["_chain"] = chain

    @cached_property
    def chain(self) -> List[VerifiedAttestation]:
        """The verified statements of the chain, in order (what remains after the chain rules of
        docs/histories.md section 2.1, also for a rejected history): each ``{"statement",
        "statement_hash", "key_id", "participant"}`` as in ``VerificationReport.statement``.
        Fleet rules across robots read these. Not part of ``to_dict()``."""
        chain = self.__dict__["_chain"]
        return cast(List[VerifiedAttestation], json.loads(chain) if isinstance(chain, str) else chain)


class AuditReport(Report[AuditReportDict]):
    """What ``Verifier.audit`` returns: every robot's history report, and the cross-robot
    findings (``audit.*``); the verdict is no better than any robot's. ``to_dict()`` also holds
    the counts of histories ``accepted``, ``rejected`` and ``indeterminate``."""

    def __init__(self, core: str, chains: str, verdict: Optional[Verdict] = None) -> None:
        super().__init__(core, verdict)
        self.__dict__["_chains"] = chains

    @cached_property
    def _robots(self) -> Tuple[Tuple[str, HistoryReport], ...]:
        chains = json.loads(self.__dict__["_chains"])
        return tuple(
            (r["name"], HistoryReport(r["report"], chain))
            for r, chain in zip(self._data["robots"], chains)
        )

    @property
    def robots(self) -> List[Tuple[str, HistoryReport]]:
        """``(name, HistoryReport)`` for every bundle, in input order."""
        return list(self._robots)

    def __repr__(self) -> str:
        failures = [f.code for f in self.failures]
        robots = len(self._robots)
        return f"AuditReport(verdict={self.verdict!r}, robots={robots}, failures={failures!r})"


class RecallReport(Report[RecallReportDict]):
    """What ``Verifier.verify_recall`` returns."""

    #: The notice (``{"notice", "statement_hash"}``), when accepted.
    recall: Optional[VerifiedRecall]
