"""The report vocabulary every verification shares: :class:`Report`, :class:`Finding`.

Every result of the core crosses from Rust as the core's JSON (what ``to_json()`` of the Rust
report writes) and is read once, when first used, into Python data. :class:`CoreData` gives each
result class its typed, read-only attributes from that data (declared as annotations, nothing
else), ``to_dict()`` and ``to_json()``; :class:`Report` adds what every report has, because every
core report serialises its findings flat beside its own fields: ``verdict``, ``failures``,
``warnings``, ``passed``, ``accepted``, ``codes``, ``has()``.

>>> # report = verifier.verify(envelope, at)
>>> # report.verdict, [f.code for f in report.failures], report.has("signature.valid")
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, dataclass
from functools import cached_property
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    FrozenSet,
    Generic,
    List,
    Mapping,
    Optional,
    Set,
    Tuple,
    TypeVar,
    Union,
    cast,
)

from ._types import FindingDict, ReasonCode, Severity, Verdict
from .reason import REASON_CODES, severity

__all__ = ["CoreData", "Finding", "Report"]

_KNOWN_CODES = frozenset(REASON_CODES)

#: The TypedDict of a class's JSON.
D = TypeVar("D", bound=Mapping[str, Any])


class CoreData(Generic[D]):
    """A value of the core, read from its JSON: frozen, with typed attributes.

    A subclass declares its fields as annotations (``subject: Optional[str]``); each reads the
    key of the same name in the core's JSON (None when the core leaves it out). Fields that need
    more than that (a list of :class:`Finding`, say) are properties.
    """

    _fields: ClassVar[FrozenSet[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        names: Set[str] = set()
        for klass in cls.__mro__:
            names.update(getattr(klass, "__annotations__", {}))
        cls._fields = frozenset(n for n in names if not n.startswith("_") and not hasattr(cls, n))

    #: The core's JSON, read when first needed.
    _data: D

    def __init__(self, core: Union[str, D]) -> None:
        """``core`` is the core's JSON text, or data already read from it."""
        self.__dict__["_json" if isinstance(core, str) else "_data"] = core

    if not TYPE_CHECKING:  # to type checkers, the declared fields are plain attributes

        def __getattr__(self, name):
            # Only for what the instance does not hold yet: `_data` (the JSON, read once) and
            # each declared field (read from it once).
            held = self.__dict__
            if name == "_data" and "_json" in held:
                value = held["_data"] = json.loads(held["_json"])
                return value
            if name in type(self)._fields:
                data = held.get("_data")
                if data is None:
                    data = held["_data"] = json.loads(held["_json"])
                value = held[name] = data.get(name)
                return value
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | type(self)._fields)

    def to_json(self) -> str:
        """The core's JSON text."""
        text: Optional[str] = self.__dict__.get("_json")
        if text is None:
            text = json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))
        return text

    def to_dict(self) -> D:
        """The core's JSON as plain Python data (a new copy on every call)."""
        return cast(D, json.loads(self.to_json()))


@dataclass(frozen=True)
class Finding:
    """One check's result: a stable reason code, the robot it concerns, evidence and a sentence."""

    #: The stable reason code, for example ``signature.invalid``.
    code: ReasonCode
    #: The robot's identity code, when known.
    subject: Optional[str]
    #: Machine-readable context: ``key_id``, ``participant``, ``statement_hash``, times, ...
    evidence: Dict[str, str]
    #: A sentence for people (may change between versions; the code does not).
    detail: str

    @property
    def severity(self) -> Severity:
        """``failure``, ``warning``, ``indeterminate`` or ``passed``: how the code is reported."""
        return severity(self.code)

    def to_dict(self) -> FindingDict:
        """``{"code", "subject", "evidence", "detail"}`` as in the core's JSON."""
        return {
            "code": self.code,
            "subject": self.subject,
            "evidence": dict(self.evidence),
            "detail": self.detail,
        }

    @classmethod
    def _of(cls, data: FindingDict) -> Finding:
        return cls(data["code"], data["subject"], dict(data["evidence"]), data["detail"])


def _findings(text: str) -> List[Finding]:
    """Findings from the core's JSON of a list of them (trust-list warnings)."""
    return [Finding._of(f) for f in json.loads(text)]


class Report(CoreData[D]):
    """What every report has: a verdict and the findings of every check that ran.

    ``to_dict()`` is the core's JSON of the report, ``to_json()`` its text.
    """

    #: ``accepted``, ``rejected`` or ``indeterminate``.
    verdict: Verdict

    def __init__(self, core: Union[str, D], verdict: Optional[Verdict] = None) -> None:
        """``core`` is the core's JSON text, or data already read from it; ``verdict`` the
        report's verdict when known (the native module passes it beside the JSON, so that
        reading it, which nearly every caller does, reads no JSON)."""
        super().__init__(core)
        if verdict is not None:
            self.__dict__["verdict"] = verdict

    @cached_property
    def _failures(self) -> Tuple[Finding, ...]:
        return tuple(Finding._of(f) for f in self._data["failures"])

    @cached_property
    def _warnings(self) -> Tuple[Finding, ...]:
        return tuple(Finding._of(f) for f in self._data["warnings"])

    @cached_property
    def _passed(self) -> Tuple[Finding, ...]:
        return tuple(Finding._of(f) for f in self._data["passed"])

    @property
    def failures(self) -> List[Finding]:
        """Failed or incomplete checks (severity ``failure`` or ``indeterminate``), in order."""
        return list(self._failures)

    @property
    def warnings(self) -> List[Finding]:
        """Warnings."""
        return list(self._warnings)

    @property
    def passed(self) -> List[Finding]:
        """Passed checks."""
        return list(self._passed)

    @property
    def accepted(self) -> bool:
        """True when the verdict is ``accepted``."""
        return self.verdict == "accepted"

    @property
    def codes(self) -> List[ReasonCode]:
        """Every finding's code: failures, then warnings, then passed."""
        return [f.code for f in self._failures + self._warnings + self._passed]

    def has(self, code: str) -> bool:
        """True when some finding has this reason code; raises ValueError for an unknown code."""
        if code not in _KNOWN_CODES:
            raise ValueError(f"unknown reason code {code!r}")
        return code in self.codes

    def __repr__(self) -> str:
        failures = [f.code for f in self._failures]
        return f"{type(self).__name__}(verdict={self.verdict!r}, failures={failures!r})"
