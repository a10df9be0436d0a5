"""Building signed documents from plain dicts with keys from seeds (for the differential tests).

Independent of the core: statements are serialised as docs/attestations.md section 3 says,
signed with `cryptography`, framed as DSSE by hand.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import ed25519, envelope
from .code import ALPHABET, VALUE, check_symbols

T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86_400


def seed(name: str) -> bytes:
    return hashlib.sha256(b"hrid model key: " + name.encode()).digest()


def public(name: str) -> bytes:
    return ed25519.public_key_of(seed(name))


def code(manufacturer: str, model: str, unit: str) -> str:
    body = "86" + manufacturer + model + unit.rjust(13, "0")
    return body + "".join(ALPHABET[v] for v in check_symbols([VALUE[c] for c in body]))


def compact(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_envelope(
    payload_type: str, payload: bytes, signers: list[str], keyids: list[str] | None = None
) -> str:
    message = envelope.pae(payload_type, payload)
    sigs = []
    for i, name in enumerate(signers):
        kid = ed25519.key_id(public(name)) if keyids is None else keyids[i]
        sigs.append((kid, ed25519.sign(seed(name), message)))
    return envelope.write(payload_type, payload, sigs)


def statement_hash(payload_type: str, payload: bytes) -> str:
    return hashlib.sha256(envelope.pae(payload_type, payload)).hexdigest()


def bundle(subject: str, attestations: list[str], recalls: list[str], passport: str | None = None) -> str:
    return (
        '{"subject":' + json.dumps(subject) + ',"attestations":[' + ",".join(attestations)
        + '],"recalls":[' + ",".join(recalls) + '],"passport":' + json.dumps(passport) + "}"
    )
