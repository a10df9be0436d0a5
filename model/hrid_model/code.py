"""The identity code (docs/identity-code.md): alphabet, normalisation, GF(32), syndromes."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
TAG = (24, 1)  # the virtual tag R1, section 6

# GF(32) = GF(2)[x]/(x^5 + x^2 + 1), section 4: the tables are built, then checked in the tests
# against the lists printed in the document.
EXP: list[int] = []
_a = 1
for _ in range(31):
    EXP.append(_a)
    _a <<= 1
    if _a & 0x20:
        _a ^= 0x25
LOG: dict[int, int] = {v: i for i, v in enumerate(EXP)}


def gf_mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return EXP[(LOG[a] + LOG[b]) % 31]


def syndromes(symbols: list[int]) -> list[int]:
    """S_j = W(alpha^j), j = 0..3, over the full word (tag first), by Horner's rule (section 8)."""
    word = list(TAG) + symbols
    result = []
    for j in range(4):
        acc = 0
        for w in word:
            acc = gf_mul(acc, EXP[j % 31]) ^ w
        result.append(acc)
    return result


def check_symbols(body: list[int]) -> list[int]:
    """The 4 check symbols of a 25-symbol body: the shift register of section 7."""
    reg = [0, 0, 0, 0]
    for m in list(TAG) + body:
        f = m ^ reg[0]
        reg = [reg[1], reg[2], reg[3], 0]
        for i, g in enumerate((15, 19, 23, 10)):
            reg[i] ^= gf_mul(f, g)
    return reg


def is_valid_canonical(text: str) -> bool:
    """Canonical form only: 29 alphabet symbols, no separators, all syndromes zero (section 3)."""
    if len(text) != 29 or any(c not in VALUE for c in text):
        return False
    return syndromes([VALUE[c] for c in text]) == [0, 0, 0, 0]


class CodeError(Exception):
    def __init__(self, code: str, position: int | None = None, found: int | None = None):
        super().__init__(code)
        self.code = code
        self.position = position
        self.found = found


def normalise(text: str) -> list[tuple[int, int]]:
    """Section 1.1: (input position, symbol value) for each symbol; separators dropped."""
    out: list[tuple[int, int]] = []
    for pos, ch in enumerate(text):
        if ch in "- ":
            continue
        up = ch.upper() if ch.isascii() else ch
        if up in ("I", "L"):
            out.append((pos, 1))
        elif up == "O":
            out.append((pos, 0))
        elif up in VALUE:
            out.append((pos, VALUE[up]))
        else:
            raise CodeError("code.invalid_character", position=pos)
    return out


def parse(text: str) -> str:
    """Section 11 stages 1 and 2: the canonical form, or CodeError with the first failing stage."""
    symbols = normalise(text)
    if not symbols:
        raise CodeError("code.empty")
    if len(symbols) != 29:
        raise CodeError("code.wrong_length", found=len(symbols))
    values = [v for _, v in symbols]
    s = syndromes(values)
    if s != [0, 0, 0, 0]:
        raise CodeError("code.check_failed", position=_single_error_position(s, symbols))
    return "".join(ALPHABET[v] for v in values)


def _single_error_position(s: list[int], symbols: list[tuple[int, int]]) -> int | None:
    """Section 12.1: one error explains S when S_j = Y * X^j with X a code position's locator."""
    if s[0] == 0:
        return None
    x = gf_mul(s[1], EXP[(31 - LOG[s[0]]) % 31]) if s[1] else 0
    if x == 0:
        return None
    if any(s[j] != gf_mul(s[0], EXP[(LOG[x] * j) % 31]) for j in (2, 3)):
        return None
    p = 28 - LOG[x]
    if not 0 <= p <= 28:
        return None
    return symbols[p][0]
