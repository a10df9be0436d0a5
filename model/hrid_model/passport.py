"""Passports (docs/passport.md): text, frame, signature, key rule, subject, clock, freshness."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import ed25519, envelope, trust
from .code import ALPHABET, VALUE, is_valid_canonical
from .findings import Findings
from .trust import Verifier

PREFIX = "HP1:"
STATUSES = (
    "unregistered", "active", "suspended", "recalled_open", "decommissioned", "scrapped",
    "dismantled",
)
NO_HEAD = 0xFFFFFFFF
FRAME_BYTES = 117
SIGNED_BYTES = 53
GRACE = 604_800
MAX_LIFETIME = 90 * 86_400  # docs/passport.md section 4, lifetime
ASCII_WHITESPACE = " \t\n\r\f\v"


@dataclass(frozen=True)
class Passport:
    status: str
    subject: str
    head_seq: int | None
    head_hash_prefix: bytes
    issued_at: int
    expires_at: int
    key_hint: bytes
    signature: bytes
    signed: bytes  # frame[0..53]


class PassportProblem(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def decode_base32(text: str) -> bytes:
    """188 canonical characters -> 117 bytes; the 4 bits after the frame must be zero."""
    if len(text) != 188 or any(c not in VALUE for c in text):
        raise PassportProblem("passport.malformed")
    value = 0
    for c in text:
        value = (value << 5) | VALUE[c]
    if value & 0xF:
        raise PassportProblem("passport.malformed")
    return (value >> 4).to_bytes(FRAME_BYTES, "big")


def encode_base32(frame: bytes) -> str:
    return ed25519.crockford(frame)


def subject_of(raw: bytes) -> str:
    bits = int.from_bytes(raw, "big")  # 152 bits: 145 code bits then 7 zero bits (see README)
    if bits & 0x7F:
        raise PassportProblem("passport.malformed")
    bits >>= 7
    code = "".join(ALPHABET[(bits >> (5 * (28 - i))) & 31] for i in range(29))
    if not is_valid_canonical(code):
        raise PassportProblem("passport.malformed")
    return code


def parse(text: str) -> Passport:
    text = text.strip(ASCII_WHITESPACE)
    if not text.startswith(PREFIX):
        raise PassportProblem("passport.malformed")
    frame = decode_base32(text[len(PREFIX):])
    if frame[0] != 1:
        raise PassportProblem("passport.version_unknown")
    if frame[1] >= len(STATUSES):
        raise PassportProblem("passport.malformed")
    subject = subject_of(frame[2:21])
    head_seq = int.from_bytes(frame[21:25], "big")
    head_hash = frame[25:41]
    if head_seq == NO_HEAD and head_hash != bytes(16):
        raise PassportProblem("passport.malformed")
    issued_at = int.from_bytes(frame[41:45], "big")
    expires_at = int.from_bytes(frame[45:49], "big")
    if expires_at <= issued_at:
        raise PassportProblem("passport.malformed")
    return Passport(
        STATUSES[frame[1]], subject, None if head_seq == NO_HEAD else head_seq, head_hash,
        issued_at, expires_at, frame[49:53], frame[53:117], frame[:53],
    )


def frame_bytes(
    status: str, subject: str, head_seq: int | None, head_hash_prefix: bytes, issued_at: int,
    expires_at: int, public_key: bytes, version: int = 1,
) -> bytes:
    """The 53 signed bytes of section 2 (for building passports in tests)."""
    bits = 0
    for c in subject:
        bits = (bits << 5) | VALUE[c]
    return (
        bytes([version, STATUSES.index(status) if status in STATUSES else 7])
        + (bits << 7).to_bytes(19, "big")
        + (NO_HEAD if head_seq is None else head_seq).to_bytes(4, "big")
        + (bytes(16) if head_seq is None else head_hash_prefix)
        + issued_at.to_bytes(4, "big") + expires_at.to_bytes(4, "big")
        + ed25519.key_digest(public_key)[:4]
    )


def sign(signed: bytes, seed: bytes) -> str:
    sig = ed25519.sign(seed, envelope.pae(envelope.PASSPORT, signed))
    return PREFIX + encode_base32(signed + sig)


@dataclass
class PassportReport:
    findings: Findings
    passport: Passport | None  # once the signature verified

    @property
    def verdict(self) -> str:
        return self.findings.verdict


def verify(
    verifier: Verifier, text: str, at: int, expected_subject: str | None = None,
    newest_seen: int | None = None, grace: int = GRACE,
) -> PassportReport:
    f = Findings()
    trust.record_standing(f, verifier.standing(at))
    try:
        pp = parse(text)
    except PassportProblem as p:
        f.fail(p.code)
        return PassportReport(f, None)
    registry_keys = [
        k for p in verifier.trust_list.participants if "registry" in p.roles for k in p.keys
        if ed25519.key_digest(k.public_key)[:4] == pp.key_hint
    ]
    if not registry_keys:
        f.indeterminate("signer.unknown")
        return PassportReport(f, None)
    message = envelope.pae(envelope.PASSPORT, pp.signed)
    good = [k for k in registry_keys if ed25519.verify_strict(k.public_key, message, pp.signature)]
    if not good:
        f.fail("signature.invalid")
        return PassportReport(f, None)
    f.ok("signature.valid")
    trust.apply_key_rule(f, good, pp.issued_at)
    if expected_subject is not None and pp.subject != expected_subject:
        f.fail("passport.subject_mismatch")
    now = at
    if newest_seen is not None and newest_seen > at + verifier.clock_skew:
        f.warn("passport.clock_set_back")
        now = newest_seen
    if pp.issued_at > now + verifier.clock_skew:
        f.fail("passport.issued_in_future")
    if pp.expires_at - pp.issued_at > MAX_LIFETIME:
        f.fail("passport.lifetime_too_long")
    if now <= pp.expires_at:
        f.ok("passport.fresh")
    elif now <= pp.expires_at + grace:
        f.warn("passport.stale")
    else:
        f.fail("passport.expired")
    return PassportReport(f, pp)
