"""Strict Ed25519 through the Python API, held to third-party vectors (see shared/vectors/README.md)."""

import json

import pytest

import hrid
from hrid.keys import SigningKey, VerifyingKey

from conftest import shared_vectors


def accepts(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Accepted exactly when the key imports and the strict verification succeeds."""
    try:
        key = VerifyingKey.from_bytes(public_key)
    except hrid.InvalidKey:
        return False
    return key.verify(message, signature)


def test_wycheproof_151_of_151():
    doc = json.loads((shared_vectors() / "wycheproof" / "ed25519_test.json").read_text())
    cases_run = 0
    disagreements = []
    for group in doc["testGroups"]:
        pk = bytes.fromhex(group["publicKey"]["pk"])
        for t in group["tests"]:
            expected = {"valid": True, "invalid": False}[t["result"]]
            got = accepts(pk, bytes.fromhex(t["msg"]), bytes.fromhex(t["sig"]))
            if got != expected:
                disagreements.append(t["tcId"])
            cases_run += 1
    assert disagreements == []
    assert cases_run == doc["numberOfTests"] == 151


def test_speccheck_only_case_3_is_accepted():
    cases = json.loads((shared_vectors() / "ed25519-speccheck" / "cases.json").read_text())
    assert len(cases) == 12
    got = [
        accepts(
            bytes.fromhex(c["pub_key"]), bytes.fromhex(c["message"]), bytes.fromhex(c["signature"])
        )
        for c in cases
    ]
    # ed25519-dalek verify_strict's row of the table in shared/vectors/README.md.
    assert got == [i == 3 for i in range(12)]


def test_djb_sign_input_1024_lines_sign_identically_and_verify():
    lines = (shared_vectors() / "djb-ed25519" / "sign.input").read_text().splitlines()
    cases_run = 0
    for n, line in enumerate(lines):
        fields = line.split(":")
        assert len(fields) == 5, f"line {n}"
        sk, pk, msg, sig_msg = (bytes.fromhex(f) for f in fields[:4])
        key = SigningKey.from_seed(sk[:32])
        assert key.verifying_key.to_bytes() == pk, f"line {n}"
        sig = key.sign(msg)
        assert sig == sig_msg[:64], f"line {n}"
        public = VerifyingKey.from_bytes(pk)
        assert public.verify(msg, sig), f"line {n}"
        assert not public.verify(msg + b"\x00", sig), f"line {n}"
        cases_run += 1
    assert cases_run == len(lines) == 1024


def test_openssl_key_files_import():
    d = shared_vectors() / "djb-ed25519"
    der = (d / "ed25519-pkcs8.der").read_bytes()
    pem = (d / "ed25519-pkcs8.pem").read_text()
    pub_der = (d / "ed25519-pub.der").read_bytes()
    pub_pem = (d / "ed25519-pub.pem").read_text()
    from_der = SigningKey.from_der(der)
    assert from_der.key_id == SigningKey.from_pem(pem).key_id
    public = VerifyingKey.from_der(pub_der)
    assert from_der.verifying_key == public == VerifyingKey.from_pem(pub_pem)
    # RFC 8032's first test key; our SPKI export is byte-identical to OpenSSL's.
    assert public.to_hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    assert public.to_der() == pub_der
    assert public.to_pem() == pub_pem
    with pytest.raises(hrid.InvalidKey) as info:
        SigningKey.from_der(pub_der)
    assert info.value.code == "key.malformed"
    with pytest.raises(hrid.InvalidKey) as info:
        VerifyingKey.from_der(der)
    assert info.value.code == "key.malformed"
