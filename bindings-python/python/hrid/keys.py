"""Ed25519 keys and key IDs (strict verification, the same rule in every binding).

>>> from hrid.keys import SigningKey
>>> key = SigningKey.from_seed(bytes(32))
>>> signature = key.sign(b"hello")
>>> key.verifying_key.verify(b"hello", signature)
True
>>> key.verifying_key.verify(b"hellO", signature)
False
>>> len(key.key_id)
16
"""

from ._native import InvalidKey, SigningKey, VerifyingKey

__all__ = ["InvalidKey", "SigningKey", "VerifyingKey"]
