"""The 29-character identity code, with python-stdnum's verbs.

>>> from hrid import code
>>> code.compact("86-0042-a3w0f5-0000000012345-zar2")
'860042A3W0F50000000012345ZAR2'
>>> code.format("860042A3W0F50000000012345ZAR2")
'86-0042-A3W0F5-0000000012345-ZAR2'
>>> code.is_valid("860042A3W0F50000000012345ZARX")
False
>>> [s.code.canonical for s in code.suggest("860042A3W0F50000000012345ZARX")]
['860042A3W0F50000000012345ZAR2']
>>> code.validate_many(["860042A3W0F50000000012345ZAR2", "nope"])
[True, False]

``validate`` raises :class:`hrid.InvalidCode` (a ``ValueError``) with ``.code``, ``.position``
and ``.suggestions``. Positions index the characters of the ``str`` as given (separators
included), so ``text[e.position]`` is the character the error points at.

``validate_many`` and ``check_many`` take any iterable of ``str`` (a million codes in one call):
the strings are copied into the core first, then checked with the GIL released.
"""

from ._native import (
    CodeReport,
    Found,
    IdentityCode,
    InvalidCode,
    NearMiss,
    Scan,
    Suggestion,
    check,
    check_many,
    compact,
    find,
    format,
    is_valid,
    suggest,
    validate,
    validate_many,
)

#: The code alphabet (Crockford base32): a symbol's value is its index.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

#: Number of symbols in a code.
LENGTH = 29

__all__ = [
    "ALPHABET",
    "LENGTH",
    "CodeReport",
    "Found",
    "IdentityCode",
    "InvalidCode",
    "NearMiss",
    "Scan",
    "Suggestion",
    "check",
    "check_many",
    "compact",
    "find",
    "format",
    "is_valid",
    "suggest",
    "validate",
    "validate_many",
]
