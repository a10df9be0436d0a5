"""Passports and market access (docs/passport.md, docs/histories.md).

``Verifier.verify_passport(text, at, expected_subject=..., newest_seen=...)`` ->
:class:`PassportReport`; ``Verifier.decide_access(code, "sale", at, passport=..., history=...)``
-> :class:`AccessDecision`.
"""

from __future__ import annotations

from typing import Any, Dict, Literal, Optional

from .report import Report

__all__ = ["AccessDecision", "PassportReport"]


class PassportReport(Report[Dict[str, Any]]):
    """What ``Verifier.verify_passport`` returns."""

    #: The passport (``subject``, ``status``, ``head_seq``, times, ``key_id``, ...) when its
    #: signature verified, else None. Rely on it only when the verdict is ``accepted``.
    passport: Optional[Dict[str, Any]]


class AccessDecision(Report[Dict[str, Any]]):
    """What ``Verifier.decide_access`` returns: the decision and the findings behind it (the
    verdict is ``accepted`` exactly when the robot is allowed)."""

    #: ``allowed`` or ``denied``.
    decision: Literal["allowed", "denied"]
    #: ``listing``, ``sale`` or ``deployment``.
    policy: Literal["listing", "sale", "deployment"]
    #: The code asked about, as given.
    code: str
    #: The robot's status as established by the evidence, or None.
    status: Optional[str]
    #: The verified passport, when one was given and verified.
    passport: Optional[Dict[str, Any]]
    #: The health summary of the verified history, when one was given and accepted.
    health: Optional[Dict[str, Any]]

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
