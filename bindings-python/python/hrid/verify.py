"""Verifying attestations against a verified trust list.

>>> # verifier = hrid.Verifier(trust_list, clock_skew=300, grace=timedelta(days=7))
>>> # report = verifier.verify(envelope_bytes, datetime.now(timezone.utc))
>>> # report.verdict in ("accepted", "rejected", "indeterminate")

A :class:`VerificationReport` is data (a :class:`hrid.Report`): ``.verdict``, ``.failures``,
``.warnings`` and ``.passed`` (lists of :class:`Finding` with ``.code``, ``.subject``,
``.evidence``, ``.detail``), and ``.to_dict()`` equal to the Rust report's JSON.
``Verifier.verify_many(envelopes, at)`` verifies a batch in one call with the GIL released.

The same :class:`Verifier` verifies histories, recall notices and fleet audits
(:mod:`hrid.history`), passports and market access (:mod:`hrid.passport`), custody at a moment
(:mod:`hrid.custody`) and the registry's status feed (:mod:`hrid.status`); their report classes
are re-exported here.
"""

from __future__ import annotations

from typing import Optional

from ._native import Verifier
from .custody import CustodyReport
from .history import AuditReport, HistoryReport, RecallReport
from .passport import AccessDecision, PassportReport
from .status import StatusFeed, StatusFeedReport
from ._types import VerificationReportDict, VerifiedAttestation
from .report import Finding, Report

__all__ = [
    "AccessDecision",
    "AuditReport",
    "CustodyReport",
    "Finding",
    "HistoryReport",
    "PassportReport",
    "RecallReport",
    "Report",
    "StatusFeed",
    "StatusFeedReport",
    "VerificationReport",
    "Verifier",
]


class VerificationReport(Report[VerificationReportDict]):
    """What ``Verifier.verify`` returns: a verdict and the findings of every check that ran."""

    #: The verified statement (``{"statement", "statement_hash", "key_id", "participant"}``),
    #: only when the verdict is ``accepted``; else None.
    statement: Optional[VerifiedAttestation]
