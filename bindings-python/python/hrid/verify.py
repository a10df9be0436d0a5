"""Verifying attestations against a verified trust list.

>>> # verifier = hrid.Verifier(trust_list, clock_skew=300, grace=timedelta(days=7))
>>> # report = verifier.verify(envelope_bytes, datetime.now(timezone.utc))
>>> # report.verdict in ("accepted", "rejected", "indeterminate")

A :class:`VerificationReport` is data: ``.verdict``, ``.failures``, ``.warnings`` and ``.passed``
(lists of :class:`Finding` with ``.code``, ``.subject``, ``.evidence``, ``.detail``), and
``.to_dict()`` equal to the Rust report's JSON. ``Verifier.verify_many(envelopes, at)`` verifies
a batch in one call with the GIL released.

Histories, passports, market access and fleet audits (docs/histories.md, docs/passport.md):
``Verifier.verify_history(bundle, at)`` -> :class:`HistoryReport`,
``Verifier.verify_passport(text, at, expected_subject=..., newest_seen=...)`` ->
:class:`PassportReport`, ``Verifier.decide_access(code, "sale", at, passport=..., history=...)``
-> :class:`AccessDecision`, ``Verifier.audit({name: bundle}, at)`` -> :class:`AuditReport`,
``Verifier.custody(bundle, at, verified_at)`` -> :class:`CustodyReport` (who owned, operated,
maintained and updated the robot at the moment ``at``, each answer with its proving statement).
"""

from ._native import (
    AccessDecision,
    AuditReport,
    CustodyReport,
    Finding,
    HistoryReport,
    PassportReport,
    VerificationReport,
    Verifier,
)

__all__ = [
    "AccessDecision",
    "AuditReport",
    "CustodyReport",
    "Finding",
    "HistoryReport",
    "PassportReport",
    "VerificationReport",
    "Verifier",
]
