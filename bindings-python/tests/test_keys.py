"""Keys: import, export, key IDs and errors with reason codes."""

import pickle

import pytest

import hrid
from hrid.keys import SigningKey, VerifyingKey

# RFC 8032 section 7.1, test 1.
SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
SIG_EMPTY = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
    "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def test_rfc8032_test_1():
    key = SigningKey.from_hex(SEED)
    assert key.to_hex() == SEED
    assert SigningKey.from_seed(bytes.fromhex(SEED)).key_id == key.key_id
    assert SigningKey.from_seed(bytearray.fromhex(SEED)).key_id == key.key_id
    public = key.verifying_key
    assert public.to_hex() == PUBLIC
    assert bytes(public) == public.to_bytes() == bytes.fromhex(PUBLIC)
    assert key.sign(b"").hex() == SIG_EMPTY
    assert public.verify(b"", bytes.fromhex(SIG_EMPTY))
    assert public.verify(memoryview(b""), bytearray.fromhex(SIG_EMPTY))
    assert not public.verify(b"x", bytes.fromhex(SIG_EMPTY))
    assert not public.verify(b"", bytes.fromhex(SIG_EMPTY)[:63])
    assert len(public.key_id) == 16 and public.key_id == key.key_id


def test_round_trips_and_value_semantics():
    key = SigningKey.generate()
    assert SigningKey.generate().key_id != key.key_id
    assert SigningKey.from_pem(key.to_pem()).key_id == key.key_id
    assert key.to_pem().startswith("-----BEGIN PRIVATE KEY-----\n")
    assert SigningKey.from_der(key.to_der()).key_id == key.key_id
    public = key.verifying_key
    assert VerifyingKey.from_pem(public.to_pem()) == public
    assert VerifyingKey.from_der(public.to_der()) == public
    assert VerifyingKey.from_hex(public.to_hex().upper()) == public
    assert len({public, VerifyingKey.from_bytes(public.to_bytes())}) == 1
    assert pickle.loads(pickle.dumps(public)) == public
    # The secret never shows in repr.
    assert key.key_id in repr(key) and key.to_hex() not in repr(key)


def test_errors_carry_reason_codes():
    identity = bytes([1]) + bytes(31)  # the identity point: small order
    cases = [
        (lambda: SigningKey.from_hex("zz"), "key.malformed"),
        (lambda: SigningKey.from_hex("00"), "key.wrong_length"),
        (lambda: SigningKey.from_seed(b"short"), "key.wrong_length"),
        (lambda: SigningKey.from_pem("nope"), "key.malformed"),
        (lambda: SigningKey.from_der(b"\x30\x00"), "key.malformed"),
        (lambda: VerifyingKey.from_hex(PUBLIC[:62]), "key.wrong_length"),
        (lambda: VerifyingKey.from_bytes(identity), "key.weak"),
        (lambda: VerifyingKey.from_pem("nope"), "key.malformed"),
    ]
    for call, code in cases:
        with pytest.raises(hrid.InvalidKey) as info:
            call()
        assert info.value.code == code
        assert isinstance(info.value, hrid.HridError)
    a, b = SigningKey.from_seed(bytes([1]) * 32), SigningKey.from_seed(bytes([2]) * 32)
    der = bytearray(a.to_der())
    der[-32:] = b.verifying_key.to_bytes()
    with pytest.raises(hrid.InvalidKey) as info:
        SigningKey.from_der(bytes(der))
    assert info.value.code == "key.mismatch"
