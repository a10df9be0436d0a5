"""The 29-character identity code, with python-stdnum's verbs.

>>> from hrid import code
>>> code.compact("86-0042-a3w0f5-0000000012345-zar2")
'860042A3W0F50000000012345ZAR2'
>>> code.format("860042A3W0F50000000012345ZAR2")
'86-0042-A3W0F5-0000000012345-ZAR2'
>>> code.is_valid("860042A3W0F50000000012345ZARX")
False
>>> [s.code.canonical for s in code.suggest("860042A3W0F50000000012345ZARX")]
['860042A3W0F50000000012345ZAR2']
>>> code.validate_many(["860042A3W0F50000000012345ZAR2", "nope"])
[True, False]

``validate`` raises :class:`hrid.InvalidCode` (a ``ValueError``) with ``.code``, ``.position``
and ``.suggestions`` (the core decides which corrections to offer). Positions index the
characters of the ``str`` as given (separators included), so ``text[e.position]`` is the
character the error points at.

``validate_many`` and ``check_many`` take any iterable of ``str`` (a million codes in one call):
the strings are copied into the core first, then checked with the GIL released.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import List, Optional, Union, cast

from ._native import (
    ALPHABET,
    LENGTH,
    IdentityCode,
    InvalidCode,
    check,
    check_many,
    compact,
    find,
    format,
    is_valid,
    suggest,
    validate,
    validate_many,
)
from ._types import (
    CodeFields,
    CodeReportDict,
    ErrorInfo,
    FindResult,
    FoundCode,
    NearMissDict,
    ReasonCode,
    SuggestionDict,
)
from .report import CoreData

__all__ = [
    "ALPHABET",
    "LENGTH",
    "CodeReport",
    "Found",
    "IdentityCode",
    "InvalidCode",
    "NearMiss",
    "Scan",
    "Suggestion",
    "check",
    "check_many",
    "compact",
    "find",
    "format",
    "is_valid",
    "suggest",
    "validate",
    "validate_many",
]


@dataclass(frozen=True)
class Suggestion:
    """A proposed correction. Never applied automatically."""

    #: The valid code proposed.
    code: IdentityCode
    #: ``"A"`` (offer it) or ``"B"`` (only after the person confirms two characters look wrong).
    tier: str
    #: ``substitution``, ``transposition``, ``erasure_fill``, ``insertion`` or ``deletion``.
    repair: str
    #: Positions in the proposed code that differ from what was typed.
    changed_positions: List[int]

    def to_dict(self) -> SuggestionDict:
        """``{"code", "tier", "repair", "changed_positions"}`` as in the core's JSON."""
        data = {
            "code": self.code.canonical,
            "tier": self.tier,
            "repair": self.repair,
            "changed_positions": list(self.changed_positions),
        }
        return cast(SuggestionDict, data)

    @classmethod
    def _of(cls, data: SuggestionDict) -> Suggestion:
        code = IdentityCode(data["code"])
        return cls(code, data["tier"], data["repair"], list(data["changed_positions"]))


def _suggestions(text: str) -> List[Suggestion]:
    """Suggestions from the core's JSON of a list of them."""
    return [Suggestion._of(s) for s in json.loads(text)]


class CodeReport(CoreData[CodeReportDict]):
    """The result of :func:`check`: what ``hrid code check --json`` prints for one input."""

    #: The input as given.
    input: str
    #: True only when the check characters verified.
    valid: bool
    #: The canonical form, when the shape is right.
    canonical: Optional[str]
    #: The display form, when the shape is right.
    display: Optional[str]
    #: ``{"country", "manufacturer", "model", "unit", "check"}``, when the shape is right.
    fields: Optional[CodeFields]
    #: ``{"code", "message", "position"}`` when the input is not valid, else None.
    error: Optional[ErrorInfo]
    #: ``{"code", "message", "position"}`` (structure-only mode: ``code.structure_only``).
    warning: Optional[ErrorInfo]

    def __init__(
        self,
        core: Union[str, CodeReportDict],
        valid: Optional[bool] = None,
        canonical: Optional[str] = None,
    ) -> None:
        """``core`` is the core's JSON text, or data already read from it. The native module
        passes ``valid`` and ``canonical`` beside the JSON: a bulk check reads them without
        reading each report's JSON."""
        super().__init__(core)
        if valid is not None:
            self.__dict__.update(valid=valid, canonical=canonical)

    @property
    def structure_only(self) -> bool:
        """True in structure-only mode (the check characters were not verified)."""
        return bool(self._data.get("structure_only"))

    @cached_property
    def _suggestions(self) -> List[Suggestion]:
        return [Suggestion._of(s) for s in self._data.get("suggestions") or []]

    @property
    def suggestions(self) -> List[Suggestion]:
        """Suggestions, best first (empty when valid or hopeless)."""
        return list(self._suggestions)

    def __repr__(self) -> str:
        if self.error is not None:
            return f"CodeReport(input={self.input!r}, valid=False, error={self.error['code']!r})"
        canonical = self.canonical
        return f"CodeReport(input={self.input!r}, valid={self.valid}, canonical={canonical!r})"


@dataclass(frozen=True)
class Found:
    """A valid code found in text. ``start``/``end`` index Python characters."""

    code: IdentityCode
    #: The text as written.
    text: str
    start: int
    end: int

    def to_dict(self) -> FoundCode:
        """``{"code", "text", "start", "end"}``."""
        code, text = self.code.canonical, self.text
        return {"code": code, "text": text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class NearMiss:
    """Code-like text that does not verify, with its error and tier-A suggestions."""

    #: The text as written.
    text: str
    start: int
    end: int
    #: The reason code, for example ``code.check_failed``.
    error: ReasonCode
    #: Where the error points within ``text``, when known.
    position: Optional[int]
    #: The error for people.
    message: str
    suggestions: List[Suggestion]

    def to_dict(self) -> NearMissDict:
        """``{"text", "start", "end", "error": {"code", "message", "position"}, "suggestions"}``."""
        error: ErrorInfo = {"code": self.error, "message": self.message, "position": self.position}
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "error": error,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(frozen=True)
class Scan:
    """The result of :func:`find`."""

    #: Valid codes, in text order.
    found: List[Found]
    #: Code-like text that does not verify, in text order: the first 1,000.
    near_misses: List[NearMiss]
    #: Near misses beyond the first 1,000, counted and not reported.
    near_misses_omitted: int = 0

    def to_dict(self) -> FindResult:
        """``{"found": [...], "near_misses": [...], "near_misses_omitted": n}``."""
        return {
            "found": [f.to_dict() for f in self.found],
            "near_misses": [m.to_dict() for m in self.near_misses],
            "near_misses_omitted": self.near_misses_omitted,
        }

    def __repr__(self) -> str:
        return f"Scan(found={len(self.found)}, near_misses={len(self.near_misses)})"


def _scan(text: str) -> Scan:
    """A scan from the binding's JSON of the core's ``Scan`` (docs/schema/FindResult)."""
    data: FindResult = json.loads(text)
    found = [Found(IdentityCode(f["code"]), f["text"], f["start"], f["end"]) for f in data["found"]]
    near_misses = [
        NearMiss(
            m["text"], m["start"], m["end"], m["error"]["code"], m["error"]["position"],
            m["error"]["message"], [Suggestion._of(s) for s in m["suggestions"]],
        )
        for m in data["near_misses"]
    ]
    return Scan(found, near_misses, data["near_misses_omitted"])
