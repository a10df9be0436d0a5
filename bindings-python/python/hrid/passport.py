"""Passports and market access (docs/passport.md, docs/histories.md).

``Verifier.verify_passport(text, at, expected_subject=..., newest_seen=...)`` ->
:class:`PassportReport`; ``Verifier.decide_access(code, "sale", at, passport=..., history=...,
status_feed=..., max_evidence_age={"sale": 86400})`` -> :class:`AccessDecision` (the registry's
word, a passport or a current status feed, must be recent enough for the policy:
``access.evidence_stale``).
"""

from __future__ import annotations

from typing import Optional

from ._types import (
    AccessDecisionDict,
    Decision,
    HealthSummary,
    PassportReportDict,
    PassportStatus,
    Policy,
    VerifiedPassport,
)
from .report import Report

__all__ = ["AccessDecision", "PassportReport"]


class PassportReport(Report[PassportReportDict]):
    """What ``Verifier.verify_passport`` returns."""

    #: The passport (``subject``, ``status``, ``head_seq``, times, ``key_id``, ...) when its
    #: signature verified, else None. Rely on it only when the verdict is ``accepted``.
    passport: Optional[VerifiedPassport]


class AccessDecision(Report[AccessDecisionDict]):
    """What ``Verifier.decide_access`` returns: the decision and the findings behind it (the
    verdict is ``accepted`` exactly when the robot is allowed)."""

    #: ``allowed`` or ``denied``.
    decision: Decision
    #: ``listing``, ``sale`` or ``deployment``.
    policy: Policy
    #: The code asked about, as given.
    code: str
    #: The robot's status as established by the evidence, or None.
    status: Optional[PassportStatus]
    #: The verified passport, when one was given and verified.
    passport: Optional[VerifiedPassport]
    #: The health summary of the verified history, when one was given and accepted.
    health: Optional[HealthSummary]

    @property
    def allowed(self) -> bool:
        """True when allowed."""
        return self.decision == "allowed"

    def __repr__(self) -> str:
        failures = [f.code for f in self.failures]
        return (
            f"AccessDecision(decision={self.decision!r}, policy={self.policy!r}, "
            f"failures={failures!r})"
        )
