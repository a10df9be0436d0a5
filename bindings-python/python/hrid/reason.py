"""The catalogue of stable reason codes: the machine-readable names of errors and findings.

The strings are identical in Rust, Python, JavaScript and Kotlin. ``REASON_CODES``, ``CATALOGUE``,
``severity`` and ``summary`` come from the native core at import time; ``ReasonCode``,
``Severity`` and ``Verdict`` are ``Literal`` types for type checkers, generated from
``test-vectors/reason-codes.json`` and the core's JSON Schemas into ``hrid._types`` (the tests
check that both equal the catalogue).
"""

from __future__ import annotations

from typing import Dict, Tuple

from . import _native
from ._types import ReasonCode, Severity, Verdict

__all__ = [
    "CATALOGUE",
    "REASON_CODES",
    "ReasonCode",
    "Severity",
    "Verdict",
    "severity",
    "summary",
]

#: Every reason code, in catalogue order.
REASON_CODES: Tuple[ReasonCode, ...] = tuple(code for code, _, _ in _native.reason_catalogue())

#: ``code -> (severity, summary)``, in catalogue order.
CATALOGUE: Dict[str, Tuple[Severity, str]] = {
    code: (sev, text) for code, sev, text in _native.reason_catalogue()
}


def severity(code: str) -> Severity:
    """How ``code`` is normally reported: ``failure``, ``warning``, ``indeterminate`` or ``passed``.

    Raises ``KeyError`` for an unknown code.
    """
    return CATALOGUE[code][0]


def summary(code: str) -> str:
    """One sentence, in words a clerk understands, of what ``code`` means.

    Raises ``KeyError`` for an unknown code.
    """
    return CATALOGUE[code][1]
