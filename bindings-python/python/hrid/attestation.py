"""Lifecycle attestations: signed statements about one robot.

A statement is a dict (or JSON text) of the shape in ``docs/attestations.md``::

    {"subject": "860042A3W0F50000000012345ZAR2", "seq": 0, "prev": None,
     "time": 1767225600, "issuer": "acme-robotics", "event": {"type": "registered"}}

:func:`sign` checks it exactly as verifiers will and returns the DSSE envelope's JSON bytes.
"""

from typing import Iterable, Mapping, Union

from ._native import InvalidDocument, SigningKey, sign_attestation
from ._types import Attestation

__all__ = ["InvalidDocument", "sign", "sign_attestation"]


def sign(
    statement: Union[Attestation, Mapping[str, object], str, bytes, bytearray],
    keys: Union[SigningKey, Iterable[SigningKey]],
) -> bytes:
    """Sign ``statement`` (a dict, or JSON ``str``/``bytes``) with ``keys``: the envelope's JSON.

    Raises :class:`hrid.InvalidDocument` (``statement.*`` codes) when the statement is not one a
    verifier would read.
    """
    return sign_attestation(statement, keys)
