"""Recall notices (docs/histories.md section 3): shape, verification, coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import envelope, jsondoc, trust
from .attestation import attribute, authenticate
from .code import VALUE, is_valid_canonical
from .findings import Findings
from .trust import Verifier


@dataclass(frozen=True)
class RecallNotice:
    recall_id: str
    issuer: str
    issued_at: int
    manufacturer: str | None
    models: tuple[str, ...]
    unit_ranges: tuple[tuple[str, str], ...]
    codes: tuple[str, ...]
    statement_hash: str

    def covers(self, code: str) -> bool:
        if code in self.codes:
            return True
        return (
            self.manufacturer == code[2:6]
            and (not self.models or code[6:12] in self.models)
            and (not self.unit_ranges or any(a <= code[12:25] <= b for a, b in self.unit_ranges))
        )


class Malformed(Exception):
    pass


def _code_chars(v: Any, n: int) -> str:
    if not isinstance(v, str) or len(v) != n or any(c not in VALUE for c in v):
        raise Malformed()
    return v


def read(payload: bytes, statement_hash: str) -> RecallNotice:
    try:
        doc = jsondoc.load(payload)
    except jsondoc.JsonProblem:
        raise Malformed() from None
    keys = {"recall_id", "issuer", "issued_at", "population", "defect", "remedy"}
    if not isinstance(doc, dict) or set(doc) != keys:
        raise Malformed()
    pop = doc["population"]
    if not isinstance(pop, dict) or set(pop) != {"manufacturer", "models", "unit_ranges", "codes"}:
        raise Malformed()
    rid = doc["recall_id"]
    if not isinstance(rid, str) or not 1 <= len(rid) <= 64 or any(not 0x21 <= ord(c) <= 0x7E for c in rid):
        raise Malformed()
    if not isinstance(doc["issuer"], str) or not jsondoc.is_int(doc["issued_at"], *jsondoc.I64):
        raise Malformed()
    if not isinstance(doc["defect"], str) or not isinstance(doc["remedy"], str):
        raise Malformed()
    manufacturer = None if pop["manufacturer"] is None else _code_chars(pop["manufacturer"], 4)
    if not isinstance(pop["models"], list) or not isinstance(pop["unit_ranges"], list):
        raise Malformed()
    if not isinstance(pop["codes"], list):
        raise Malformed()
    models = tuple(_code_chars(m, 6) for m in pop["models"])
    ranges = []
    for r in pop["unit_ranges"]:
        if not isinstance(r, dict) or set(r) != {"first", "last"}:
            raise Malformed()
        first, last = _code_chars(r["first"], 13), _code_chars(r["last"], 13)
        if first > last:
            raise Malformed()
        ranges.append((first, last))
    codes = tuple(pop["codes"])
    if not all(isinstance(c, str) and is_valid_canonical(c) for c in codes):
        raise Malformed()
    if (models or ranges) and manufacturer is None:
        raise Malformed()
    if manufacturer is None and not codes:
        raise Malformed()
    return RecallNotice(
        rid, doc["issuer"], doc["issued_at"], manufacturer, models, tuple(ranges), codes,
        statement_hash,
    )


@dataclass
class RecallReport:
    findings: Findings
    notice: RecallNotice | None  # only when accepted


def verify(verifier: Verifier, data: bytes, at: int, standing: bool = True) -> RecallReport:
    """verify_recall: the authentication step, then the recall's own rules."""
    f = Findings()
    auth = authenticate(verifier, data, envelope.RECALL, at, f, standing)
    if auth is None:
        return RecallReport(f, None)
    try:
        notice = read(auth.envelope.payload, auth.envelope.statement_hash)
    except Malformed:
        f.fail("recall.malformed")
        return RecallReport(f, None)
    owner = attribute(verifier, auth, notice.issuer)
    if owner is None:
        f.fail("signer.issuer_mismatch")
        return RecallReport(f, None)
    participant, keys = owner
    before = len(f.items)
    trust.apply_key_rule(f, keys, notice.issued_at)
    roles = participant.roles
    if "regulator" not in roles and "manufacturer" not in roles:
        f.fail("recall.issuer_not_permitted")
    elif "regulator" not in roles:
        wanted = ([notice.manufacturer] if notice.manufacturer else []) + [c[2:6] for c in notice.codes]
        if not all(participant.in_scope(m) for m in wanted):
            f.fail("recall.scope_outside")
    if notice.issued_at > at + verifier.clock_skew:
        f.fail("time.in_future")
    if not any(x.severity == "failure" for x in f.items[before:]):
        f.ok("recall.valid")
    return RecallReport(f, notice if f.verdict == "accepted" else None)
