"""Attestation statements and their verification (docs/attestations.md sections 3 and 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import ed25519, envelope, jsondoc, trust
from .code import is_valid_canonical
from .envelope import Envelope, EnvelopeProblem
from .findings import Findings
from .trust import Key, Participant, Verifier

COMPONENT_KINDS = (
    "actuator", "battery_pack", "main_controller", "compute_module", "sensor", "hand", "other",
)
USE_CATEGORIES = (
    "industrial", "commercial_service", "household", "healthcare", "education", "research",
    "public_service", "other",
)
HEX64 = re.compile(r"[0-9a-f]{64}")

S, I64, U64, PCT, HEX, HEX_OR_NULL, COMPONENTS, JOINTS, STRINGS, KIND, USE, SOFTWARE = (
    "str", "i64", "u64", "pct", "hex", "hex?", "components", "joints", "strings", "kind", "use",
    "software",
)
EVENT_FIELDS: dict[str, dict[str, str]] = {
    "manufactured": {"model": S, "production_date": I64, "firmware": S, "components": COMPONENTS},
    "registered": {},
    "shipped": {"to": S},
    "received": {"from": S},
    "sold": {"buyer": S},
    "transferred": {"to": S},
    "deployed": {"site": S, "use_category": USE},
    "telemetry": {
        "operating_hours": U64, "battery_soh_percent": PCT, "battery_cycles": U64, "joints": JOINTS,
    },
    "maintained": {"summary": S},
    "part_replaced": {"serial_in": S, "serial_out": S, "kind": KIND},
    "software_updated": {
        "component": SOFTWARE, "version": S, "digest": HEX, "previous_digest": HEX_OR_NULL,
        "dataset_digest": HEX_OR_NULL,
    },
    "recall_remedied": {"recall_id": S},
    "suspended": {"reason": S},
    "reinstated": {},
    "decommissioned": {},
    "scrapped": {},
    "dismantled": {"harvested_serials": STRINGS},
}


@dataclass(frozen=True)
class Statement:
    subject: str
    seq: int
    prev: str | None
    time: int
    issuer: str
    event: dict[str, Any]
    statement_hash: str

    @property
    def type(self) -> str:
        return str(self.event["type"])


class StatementProblem(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _malformed() -> StatementProblem:
    return StatementProblem("statement.malformed")


def _check_value(kind: str, v: Any) -> bool:
    """Shape (type) of one field; False is `statement.malformed`. Ranges come later."""
    if kind in (S,):
        return isinstance(v, str)
    if kind == I64:
        return jsondoc.is_int(v, *jsondoc.I64)
    if kind in (U64, PCT):
        return jsondoc.is_int(v, *jsondoc.U64)
    if kind == HEX:
        return isinstance(v, str)
    if kind == HEX_OR_NULL:
        return v is None or isinstance(v, str)
    if kind == KIND:
        return v in COMPONENT_KINDS
    if kind == USE:
        return v in USE_CATEGORIES
    if kind == SOFTWARE:
        return v in ("firmware", "ai_profile")
    if kind == STRINGS:
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if kind == COMPONENTS:
        return isinstance(v, list) and all(
            isinstance(c, dict) and set(c) == {"kind", "serial"} and c["kind"] in COMPONENT_KINDS
            and isinstance(c["serial"], str) for c in v
        )
    if kind == JOINTS:
        return isinstance(v, list) and all(
            isinstance(j, dict) and set(j) == {"joint", "wear_percent", "performance_percent"}
            and isinstance(j["joint"], str) and _check_value(PCT, j["wear_percent"])
            and _check_value(PCT, j["performance_percent"]) for j in v
        )
    raise AssertionError(kind)


def _fields_in_range(event: dict[str, Any]) -> bool:
    for name, kind in EVENT_FIELDS[event["type"]].items():
        v = event[name]
        if kind == PCT and v > 100:
            return False
        if kind in (HEX, HEX_OR_NULL) and v is not None and not HEX64.fullmatch(v):
            return False
        if kind == JOINTS and any(j["wear_percent"] > 100 or j["performance_percent"] > 100 for j in v):
            return False
    return True


def read_statement(payload: bytes, statement_hash: str) -> Statement:
    """Check 5: pre-check, shape (`statement.malformed`), subject, field rules."""
    try:
        doc = jsondoc.load(payload)
    except jsondoc.JsonProblem as p:
        raise StatementProblem("statement." + p.kind) from None
    if not isinstance(doc, dict) or set(doc) != {"subject", "seq", "prev", "time", "issuer", "event"}:
        raise _malformed()
    if not isinstance(doc["subject"], str) or not isinstance(doc["issuer"], str):
        raise _malformed()
    if not jsondoc.is_int(doc["seq"], *jsondoc.U64) or not jsondoc.is_int(doc["time"], *jsondoc.I64):
        raise _malformed()
    if doc["prev"] is not None and not isinstance(doc["prev"], str):
        raise _malformed()
    event = doc["event"]
    if not isinstance(event, dict) or event.get("type") not in EVENT_FIELDS:
        raise _malformed()
    fields = EVENT_FIELDS[event["type"]]
    if set(event) != {"type", *fields}:
        raise _malformed()
    if not all(_check_value(kind, event[name]) for name, kind in fields.items()):
        raise _malformed()
    if not is_valid_canonical(doc["subject"]):
        raise StatementProblem("statement.subject_invalid")
    if doc["prev"] is not None and not HEX64.fullmatch(doc["prev"]):
        raise StatementProblem("statement.field_invalid")
    if doc["issuer"] == "" or not _fields_in_range(event):
        raise StatementProblem("statement.field_invalid")
    return Statement(
        doc["subject"], doc["seq"], doc["prev"], doc["time"], doc["issuer"], event, statement_hash
    )


@dataclass
class Authenticated:
    """What the authentication step (checks 1 to 4) hands on: the envelope and its verified keys."""

    envelope: Envelope
    keys: set[bytes]


def authenticate(
    verifier: Verifier, data: bytes, expected_type: str, at: int, findings: Findings,
    standing: bool = True, max_bytes: int = envelope.MAX_ENVELOPE_BYTES,
) -> Authenticated | None:
    """Checks 1 to 4, common to every signed document (None: the checks end here)."""
    if standing:
        trust.record_standing(findings, verifier.standing(at))
    try:
        env = envelope.parse(data, expected_type, max_bytes)
    except EnvelopeProblem as p:
        findings.fail(p.code)
        return None
    findings.ok("envelope.well_formed")
    candidates = verifier.signer_keys()
    # a participant's signature names its key (docs/attestations.md section 1): no keyid, no key
    if not any(any(ed25519.key_id(k) == keyid for k in candidates) for keyid, _ in env.signatures):
        findings.indeterminate("signer.unknown")
        return None
    good, _ = trust.verified_keys(env, candidates, empty_names_any=False)
    if not good:
        findings.fail("signature.invalid")
        return None
    findings.ok("signature.valid")
    return Authenticated(env, good)


def attribute(verifier: Verifier, auth: Authenticated, issuer: str) -> tuple[Participant, list[Key]] | None:
    """Check 6: the named issuer owns a key that verified."""
    p = verifier.trust_list.participant(issuer)
    if p is None:
        return None
    keys = [k for k in p.keys if k.public_key in auth.keys]
    return (p, keys) if keys else None


@dataclass
class AttestationReport:
    findings: Findings
    statement: Statement | None  # only when accepted

    @property
    def verdict(self) -> str:
        return self.findings.verdict


def verify(verifier: Verifier, data: bytes, at: int, standing: bool = True) -> AttestationReport:
    """Verifier::verify(envelope_json, at): the 10 checks of section 5."""
    f = Findings()
    auth = authenticate(verifier, data, envelope.ATTESTATION, at, f, standing)
    if auth is None:
        return AttestationReport(f, None)
    try:
        st = read_statement(auth.envelope.payload, auth.envelope.statement_hash)
    except StatementProblem as p:
        f.fail(p.code)
        return AttestationReport(f, None)
    f.ok("statement.well_formed")
    owner = attribute(verifier, auth, st.issuer)
    if owner is None:
        f.fail("signer.issuer_mismatch")
        return AttestationReport(f, None)
    f.ok("signer.known")
    participant, keys = owner
    trust.apply_key_rule(f, keys, st.time)
    if verifier.trust_list.permitted(participant, st.type):
        f.ok("role.permitted")
    else:
        f.fail("role.not_permitted")
    if participant.in_scope(st.subject[2:6]):
        f.ok("scope.within")
    else:
        f.fail("scope.outside")
    if st.time <= at + verifier.clock_skew:
        f.ok("time.not_in_future")
    else:
        f.fail("time.in_future")
    return AttestationReport(f, st if f.verdict == "accepted" else None)
