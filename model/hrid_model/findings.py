"""Findings, severities and the verdict rule (docs/attestations.md section 5, "Verdict")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["failure", "indeterminate", "warning", "passed"]
Verdict = Literal["accepted", "rejected", "indeterminate"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    index: int | None = None  # position in a bundle's `attestations`, when one is meant


@dataclass
class Findings:
    """An ordered list of findings, in the order the checks ran."""

    items: list[Finding] = field(default_factory=list)

    def fail(self, code: str, index: int | None = None) -> None:
        self.items.append(Finding(code, "failure", index))

    def indeterminate(self, code: str, index: int | None = None) -> None:
        self.items.append(Finding(code, "indeterminate", index))

    def warn(self, code: str, index: int | None = None) -> None:
        self.items.append(Finding(code, "warning", index))

    def ok(self, code: str, index: int | None = None) -> None:
        self.items.append(Finding(code, "passed", index))

    def extend(self, other: Findings) -> None:
        self.items.extend(other.items)

    @property
    def failures(self) -> list[str]:
        """Failures and indeterminate findings, as the reports list them."""
        return [f.code for f in self.items if f.severity in ("failure", "indeterminate")]

    @property
    def warnings(self) -> list[str]:
        return [f.code for f in self.items if f.severity == "warning"]

    @property
    def passed(self) -> list[str]:
        return [f.code for f in self.items if f.severity == "passed"]

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.items)


def verdict_of(items: list[Finding]) -> Verdict:
    """`rejected` if any failure, else `indeterminate` if any indeterminate, else `accepted`."""
    if any(f.severity == "failure" for f in items):
        return "rejected"
    if any(f.severity == "indeterminate" for f in items):
        return "indeterminate"
    return "accepted"
