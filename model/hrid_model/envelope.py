"""DSSE envelopes (docs/attestations.md section 2): shape, strict base64, PAE, statement hash."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from . import jsondoc

ATTESTATION = "application/vnd.hrid.attestation.v1+json"
TRUST_LIST = "application/vnd.hrid.trust-list.v1+json"
RECALL = "application/vnd.hrid.recall.v1+json"
PASSPORT = "application/vnd.hrid.passport.v1"
STATUS_FEED = "application/vnd.hrid.status-feed.v1+json"
PAYLOAD_TYPES = (ATTESTATION, TRUST_LIST, RECALL, PASSPORT, STATUS_FEED)

MAX_ENVELOPE_BYTES = 65_536
MAX_TRUST_LIST_BYTES = 4_194_304
MAX_STATUS_FEED_BYTES = 268_435_456
MAX_SIGNATURES = 16


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    signatures: tuple[tuple[str, bytes], ...]  # (keyid, 64-byte signature)

    @property
    def pae(self) -> bytes:
        return pae(self.payload_type, self.payload)

    @property
    def statement_hash(self) -> str:
        return hashlib.sha256(self.pae).hexdigest()


def pae(payload_type: str, body: bytes) -> bytes:
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


class EnvelopeProblem(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def b64decode_strict(text: str) -> bytes:
    """Standard alphabet, `=` padding, canonical (re-encoding gives the same text)."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise EnvelopeProblem("envelope.bad_encoding") from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise EnvelopeProblem("envelope.bad_encoding")
    return raw


def parse(data: bytes, expected_type: str, max_bytes: int = MAX_ENVELOPE_BYTES) -> Envelope:
    """Check 2 of docs/attestations.md section 5, in the order the table names:
    size, depth and duplicate keys, shape, signature count, encoding, signature length, type."""
    if len(data) > max_bytes:
        raise EnvelopeProblem("envelope.too_large")
    try:
        doc = jsondoc.load(data)
    except jsondoc.JsonProblem as p:
        raise EnvelopeProblem("envelope." + p.kind) from None
    if not isinstance(doc, dict) or set(doc) != {"payloadType", "payload", "signatures"}:
        raise EnvelopeProblem("envelope.malformed")
    ptype, payload, sigs = doc["payloadType"], doc["payload"], doc["signatures"]
    if not isinstance(ptype, str) or not isinstance(payload, str) or not isinstance(sigs, list):
        raise EnvelopeProblem("envelope.malformed")
    for s in sigs:
        if not isinstance(s, dict) or "sig" not in s or not set(s) <= {"keyid", "sig"}:
            raise EnvelopeProblem("envelope.malformed")
        if not isinstance(s["sig"], str) or not isinstance(s.get("keyid", ""), str):
            raise EnvelopeProblem("envelope.malformed")
    if not sigs:
        raise EnvelopeProblem("envelope.no_signatures")
    if len(sigs) > MAX_SIGNATURES:
        raise EnvelopeProblem("envelope.too_many_signatures")
    body = b64decode_strict(payload)
    signatures = tuple((s.get("keyid", ""), b64decode_strict(s["sig"])) for s in sigs)
    if any(len(sig) != 64 for _, sig in signatures):
        raise EnvelopeProblem("signature.malformed")
    if ptype not in PAYLOAD_TYPES:
        raise EnvelopeProblem("envelope.payload_type_unknown")
    if ptype != expected_type:
        raise EnvelopeProblem("envelope.payload_type_unexpected")
    return Envelope(ptype, body, signatures)


def write(payload_type: str, payload: bytes, signatures: list[tuple[str, bytes]]) -> str:
    """Compact JSON in the field order of section 2 (what hrid writes)."""
    return json.dumps(
        {
            "payloadType": payload_type,
            "payload": base64.b64encode(payload).decode("ascii"),
            "signatures": [
                {"keyid": k, "sig": base64.b64encode(s).decode("ascii")} for k, s in signatures
            ],
        },
        separators=(",", ":"),
    )
