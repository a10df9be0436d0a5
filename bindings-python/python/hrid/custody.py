"""Custody at a moment: who was responsible for a robot at time ``at`` (docs/histories.md §7).

``Verifier.custody(bundle, at, verified_at)`` -> :class:`CustodyReport`: who made, owned,
operated, maintained and updated the robot at the moment, which recalls were open, each answer
with its ``proof`` (the signed statement it rests on); gaps are warnings.
"""

from __future__ import annotations

from typing import List, Optional

from ._types import (
    CustodyReportDict,
    Maintenance,
    Manufacture,
    Operation,
    Owner,
    RecallAtMoment,
    SoftwareAtMoment,
    StatusAtMoment,
    TelemetryAtMoment,
    Verdict,
)
from .report import Report

__all__ = ["CustodyReport"]


class CustodyReport(Report[CustodyReportDict]):
    """What ``Verifier.custody`` returns. The verdict: ``accepted`` (answered; gaps are
    warnings), ``rejected`` (the robot should not have been operating: scrapped or suspended at
    the moment) or ``indeterminate`` (the history did not verify completely)."""

    #: The robot, when readable.
    subject: Optional[str]
    #: The moment asked about, unix seconds.
    at: int
    #: The history's own verdict.
    history_verdict: Verdict
    #: Verified statements dated at or before the moment.
    statements_considered: int
    #: ``{"manufacturer_code", "manufacturer", "model", "production_date", "proof"}`` or None.
    manufacture: Optional[Manufacture]
    #: ``{"owner", "basis", "since", "proof"}`` or None (a gap).
    owner: Optional[Owner]
    #: ``{"operator", "site", "use_category", "since", "proof"}`` or None (a gap).
    operation: Optional[Operation]
    #: ``{"maintainer", "kind", "summary", "time", "proof"}`` or None (a gap).
    last_maintenance: Optional[Maintenance]
    #: ``{"version", "digest", "dataset_digest", "installed_by", "since", "proof"}`` or None.
    firmware: Optional[SoftwareAtMoment]
    #: Like ``firmware``, for the AI training profile; None is a gap.
    ai_profile: Optional[SoftwareAtMoment]
    #: Recalls issued by the moment: ``state`` ``open`` or ``remedied`` then, with their proofs.
    recalls: List[RecallAtMoment]
    #: The telemetry report nearest before (or at) the moment, or None.
    telemetry_before: Optional[TelemetryAtMoment]
    #: The first telemetry report after the moment, or None.
    telemetry_after: Optional[TelemetryAtMoment]
    #: The lifecycle status at the moment ``{"status", "proof"}``, or None.
    status: Optional[StatusAtMoment]

    def __repr__(self) -> str:
        owner = self.owner["owner"] if self.owner else None
        return (
            f"CustodyReport(subject={self.subject!r}, at={self.at}, verdict={self.verdict!r}, "
            f"owner={owner!r})"
        )
