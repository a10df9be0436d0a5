"""Strict Ed25519 (docs/attestations.md section 1) and key IDs.

`cryptography` (OpenSSL) checks the cofactorless equation [S]B = R + [k]A by re-encoding the
computed R and comparing bytes, and refuses S >= L. It accepts small-order and non-canonical
public keys and small-order R (ed25519-speccheck cases 0, 1, 2 and 11), which the strict rule
refuses. So before calling it, this module decodes A and R itself (RFC 8032 section 5.1.3) and
refuses: a non-canonical encoding (y >= p, or x = 0 with the sign bit set), a point not on the
curve, a point of small order ([8]P is the identity), and S >= L.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

Point = tuple[int, int, int, int]  # extended coordinates (X, Y, Z, T)


def decode_point(encoded: bytes) -> Point | None:
    """RFC 8032 5.1.3, refusing non-canonical encodings; None when not a canonical curve point."""
    if len(encoded) != 32:
        return None
    y = int.from_bytes(encoded, "little") & ((1 << 255) - 1)
    sign = encoded[31] >> 7
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        if sign:
            return None
        return (0, y, 1, 0)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


def _double(p: Point) -> Point:
    x1, y1, z1, _ = p
    a = x1 * x1 % P
    b = y1 * y1 % P
    c = 2 * z1 * z1 % P
    h = (a + b) % P
    e = (h - (x1 + y1) * (x1 + y1)) % P
    g = (a - b) % P
    f = (c + g) % P
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def is_small_order(p: Point) -> bool:
    """[8]P is the identity (X = 0, Y = Z)."""
    q = _double(_double(_double(p)))
    return q[0] % P == 0 and (q[1] - q[2]) % P == 0


@lru_cache(maxsize=4096)
def is_usable_public_key(public_key: bytes) -> bool:
    point = decode_point(public_key)
    return point is not None and not is_small_order(point)


@lru_cache(maxsize=65536)
def verify_strict(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(signature) != 64 or not is_usable_public_key(public_key):
        return False
    r = decode_point(signature[:32])
    if r is None or is_small_order(r):
        return False
    if int.from_bytes(signature[32:], "little") >= L:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_of(seed: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw
    )


def sign(seed: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def crockford(data: bytes) -> str:
    """Big-endian bit string, 5 bits per character from the most significant, zero-padded."""
    bits = len(data) * 8
    value = int.from_bytes(data, "big")
    chars = (bits + 4) // 5
    value <<= chars * 5 - bits
    return "".join(CROCKFORD[(value >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def key_digest(public_key: bytes) -> bytes:
    return hashlib.sha256(b"hrid-key-id-v1\x00" + public_key).digest()


@lru_cache(maxsize=4096)
def key_id(public_key: bytes) -> str:
    return crockford(key_digest(public_key)[:10])
