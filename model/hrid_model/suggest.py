"""Suggestions (docs/identity-code.md section 12) by exhaustive search instead of a decoder.

A Reed-Solomon decoder (Berlekamp-Massey, Chien, Forney) is what the core runs; this model asks
the same question by brute force over the syndromes, which are linear: a change of value `v` at
code position `p` adds v * X_p^j to S_j, with X_p = alpha^(28 - p). Within the radius
2e + f <= 4 at most one code exists (distance 5), so "the code with the fewest wrong symbols"
is the decoder's answer; the tag positions are never searched, so the tag is never corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from .code import ALPHABET, EXP, TAG, VALUE, gf_mul, syndromes

Syndrome = tuple[int, int, int, int]


def _contribution(p: int, v: int) -> Syndrome:
    x = EXP[(28 - p) % 31]
    out, xj = [], 1
    for _ in range(4):
        out.append(gf_mul(v, xj))
        xj = gf_mul(xj, x)
    return (out[0], out[1], out[2], out[3])


C = [[_contribution(p, v) for v in range(32)] for p in range(29)]


def _add(a: Syndrome, b: Syndrome) -> Syndrome:
    return (a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3])


@dataclass(frozen=True)
class Suggestion:
    code: str
    tier: str
    repair: str
    changed_positions: tuple[int, ...]


def slots_of(text: str) -> list[int | None]:
    """Section 12.2: known symbols and erasures (rejected characters); separators dropped."""
    out: list[int | None] = []
    for ch in text:
        if ch in "- ":
            continue
        up = ch.upper() if ch.isascii() else ch
        out.append(1 if up in "IL" else 0 if up == "O" else VALUE.get(up))
    return out


def decode(slots: list[int | None]) -> tuple[list[int], int, list[int]] | None:
    """(code values, e, changed positions) with the fewest errors e, 2e + f <= 4; else None."""
    erased = [p for p, v in enumerate(slots) if v is None]
    f = len(erased)
    base = [v or 0 for v in slots]
    s = syndromes(base)
    target: Syndrome = (s[0], s[1], s[2], s[3])
    for e in range(0, (4 - f) // 2 + 1):
        found = _search(target, erased, e)
        if found is not None:
            word = list(base)
            for p, v in found:
                word[p] ^= v
            return word, e, sorted(p for p, _ in found)
    return None


def _search(target: Syndrome, erased: list[int], e: int) -> list[tuple[int, int]] | None:
    """Values for the erasures and e (position, non-zero delta) errors whose sum is `target`."""
    free = [p for p in range(29) if p not in erased]
    zero: Syndrome = (0, 0, 0, 0)
    half = len(erased) // 2
    first, second = erased[:half], erased[half:]
    table: dict[Syndrome, list[tuple[int, int]]] = {}
    for values in product(range(32), repeat=len(second)):
        acc = zero
        for p, v in zip(second, values):
            acc = _add(acc, C[p][v])
        table.setdefault(acc, list(zip(second, values)))
    errors: list[list[tuple[int, int]]] = [[]]
    if e == 1:
        errors = [[(p, v)] for p in free for v in range(1, 32)]
    elif e == 2:  # then f = 0
        return _two_errors(target, free)
    for err in errors:
        acc = target
        for p, v in err:
            acc = _add(acc, C[p][v])
        for values in product(range(32), repeat=len(first)):
            rest = acc
            for p, v in zip(first, values):
                rest = _add(rest, C[p][v])
            if rest in table:
                return err + list(zip(first, values)) + table[rest]
    return None


def _two_errors(target: Syndrome, free: list[int]) -> list[tuple[int, int]] | None:
    single = {C[p][v]: (p, v) for p in free for v in range(1, 32)}
    for p in free:
        for v in range(1, 32):
            rest = _add(target, C[p][v])
            q = single.get(rest)
            if q is not None and q[0] != p:
                return [(p, v), q]
    return None


def _text(values: list[int]) -> str:
    return "".join(ALPHABET[v] for v in values)


def _valid(values: list[int]) -> bool:
    return syndromes(values) == [0, 0, 0, 0]


def suggest(text: str, two_errors: bool = False) -> list[Suggestion]:
    slots = slots_of(text)
    erasures = sum(v is None for v in slots)
    out: list[Suggestion] = []
    if len(slots) == 29:
        if erasures == 0 and _valid([v or 0 for v in slots]):
            return []
        tier_b: list[Suggestion] = []
        d = decode(slots)
        if d is not None:
            word, e, changed = d
            tier = "A" if (e == 1 and erasures == 0) or (e == 0 and erasures in (1, 2)) else "B"
            repair = "substitution" if erasures == 0 else "erasure_fill"
            sug = Suggestion(_text(word), tier, repair, tuple(changed))
            (out if tier == "A" else tier_b).append(sug)
        if erasures == 0:
            vals = [v or 0 for v in slots]
            for i in range(28):
                if vals[i] != vals[i + 1]:
                    w = vals[:i] + [vals[i + 1], vals[i]] + vals[i + 2:]
                    if _valid(w):
                        out.append(Suggestion(_text(w), "A", "transposition", (i, i + 1)))
        return out + (tier_b if two_errors else [])
    if len(slots) == 28 and erasures == 0:
        codes: dict[str, int] = {}
        for i in range(29):
            d = decode(slots[:i] + [None] + slots[i:])
            if d is not None and d[1] == 0:
                codes.setdefault(_text(d[0]), i)
        if len(codes) == 1:
            (code, i), = codes.items()
            return [Suggestion(code, "A", "insertion", (i,))]
        return []
    if len(slots) == 30:
        found: dict[str, int] = {}
        for i in range(30):
            rest = slots[:i] + slots[i + 1:]
            if all(v is not None for v in rest) and _valid([v or 0 for v in rest]):
                found.setdefault(_text([v or 0 for v in rest]), i)
        if len(found) == 1:
            (code, i), = found.items()
            return [Suggestion(code, "A", "deletion", (i,))]
    return []


assert TAG == (24, 1)
