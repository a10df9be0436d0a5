"""Independent expectations for test-vectors/codes.json and keys.json, through the model."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from hrid_model import codecheck, ed25519
from hrid_model.vectors import load

CODES = load("codes.json")
KEYS = load("keys.json")


@pytest.mark.parametrize("case", CODES["cases"], ids=[f"tc{c['tcId']}" for c in CODES["cases"]])
def test_code(case: dict[str, Any]) -> None:
    if case["kind"] == "check":
        got = codecheck.check(case["input"], **case["options"])
    elif case["kind"] == "build":
        got = codecheck.build(**case["fields"])
    else:
        got = codecheck.find(case["text"])
    assert got == case["expected"]


def import_key(case: dict[str, Any]) -> dict[str, Any]:
    """docs/attestations.md section 1: hex seeds and keys, PKCS#8 (v1, v2) and SPKI, DER or PEM."""
    text, private, fmt = case["input"], case["private"], case["format"]
    if fmt == "hex":
        if not re.fullmatch(r"[0-9a-fA-F]*", text) or len(text) % 2:
            return {"ok": False, "code": "key.malformed"}
        raw = bytes.fromhex(text)
        if len(raw) != 32:
            return {"ok": False, "code": "key.wrong_length"}
        public = ed25519.public_key_of(raw) if private else raw
    else:
        der = text.encode() if fmt == "pem" else bytes.fromhex(text)
        raw_der = base64.b64decode("".join(text.splitlines()[1:-1])) if fmt == "pem" else der
        if private and raw_der[-35:-32] == b"\x81\x21\x00" and raw_der[14:16] == b"\x04\x20":
            # PKCS#8 v2: its [1] publicKey must belong to the seed (OpenSSL refuses it unnamed)
            if ed25519.public_key_of(raw_der[16:48]) != raw_der[-32:]:
                return {"ok": False, "code": "key.mismatch"}
        try:
            if private:
                loader = serialization.load_pem_private_key if fmt == "pem" else serialization.load_der_private_key
                key = loader(der, password=None)
                assert isinstance(key, Ed25519PrivateKey)
                public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            else:
                loader_p = serialization.load_pem_public_key if fmt == "pem" else serialization.load_der_public_key
                pkey = loader_p(der)
                assert isinstance(pkey, Ed25519PublicKey)
                public = pkey.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        except (ValueError, TypeError, AssertionError):
            return {"ok": False, "code": "key.malformed"}
    point = ed25519.decode_point(public)
    if point is None:
        return {"ok": False, "code": "key.malformed"}
    if ed25519.is_small_order(point):
        return {"ok": False, "code": "key.weak"}
    return {"ok": True, "public_key": public.hex(), "key_id": ed25519.key_id(public)}


@pytest.mark.parametrize("case", KEYS["cases"], ids=[f"tc{c['tcId']}" for c in KEYS["cases"]])
def test_key(case: dict[str, Any]) -> None:
    assert import_key(case) == case["expected"]
