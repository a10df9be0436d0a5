"""The code report, building from fields and finding codes in text (docs/identity-code.md
sections 2, 3, 11 and 13), in the shape of test-vectors/codes.json's `expected`."""

from __future__ import annotations

from typing import Any

from .code import VALUE, CodeError, normalise, parse
from .suggest import suggest


def fields(canonical: str) -> dict[str, str]:
    return {"country": canonical[:2], "manufacturer": canonical[2:6], "model": canonical[6:12],
            "unit": canonical[12:25], "check": canonical[25:]}


def display(canonical: str) -> str:
    f = fields(canonical)
    return "-".join((f["country"], f["manufacturer"], f["model"], f["unit"], f["check"]))


def check(text: str, two_errors: bool = False, structure_only: bool = False) -> dict[str, Any]:
    if structure_only:
        try:
            symbols = normalise(text)
            if not symbols:
                raise CodeError("code.empty")
            if len(symbols) != 29:
                raise CodeError("code.wrong_length")
        except CodeError as e:
            return {"valid": False, "structure_only": True, "error": {"code": e.code, "position": e.position}}
        canonical = "".join("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[v] for _, v in symbols)
        return {"valid": False, "structure_only": True, "canonical": canonical, "display": display(canonical),
                "fields": fields(canonical), "warning": {"code": "code.structure_only", "position": None}}
    try:
        canonical = parse(text)
    except CodeError as e:
        return {"valid": False, "error": {"code": e.code, "position": e.position},
                "suggestions": [{"code": s.code, "tier": s.tier, "repair": s.repair,
                                 "changed_positions": list(s.changed_positions)} for s in suggest(text, two_errors)]}
    return {"valid": True, "canonical": canonical, "display": display(canonical), "fields": fields(canonical)}


def build(country: str, manufacturer: str, model: str, unit: str) -> dict[str, Any]:
    """Section 2: fields of exact length (unit 1..13, padded with 0); normalised, no separators."""
    from .build import code as code_of  # the check characters of section 7

    parts = []
    for text, length in ((country, 2), (manufacturer, 4), (model, 6), (unit, 13)):
        out = ""
        for i, ch in enumerate(text):
            up = ch.upper() if ch.isascii() else ch
            up = "1" if up in "IL" else "0" if up == "O" else up
            if up not in VALUE:
                return {"valid": False, "error": {"code": "code.field_invalid", "position": i}}
            out += up
        if (length == 13 and not 1 <= len(out) <= 13) or (length != 13 and len(out) != length):
            return {"valid": False, "error": {"code": "code.field_invalid", "position": None}}
        parts.append(out)
    code = code_of(parts[1], parts[2], parts[3]) if parts[0] == "86" else None
    if code is None:
        from .code import ALPHABET, check_symbols
        body = parts[0] + parts[1] + parts[2] + parts[3].rjust(13, "0")
        code = body + "".join(ALPHABET[v] for v in check_symbols([VALUE[c] for c in body]))
    return {"valid": True, "code": code}


def _is_code(text: str) -> bool:
    try:
        parse(text)
    except CodeError:
        return False
    return True


def find(text: str) -> dict[str, Any]:
    tokens: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if text[i].isascii() and text[i].isalnum():
            j = i
            while j < len(text) and text[j].isascii() and text[j].isalnum():
                j += 1
            tokens.append((i, j))
            i = j
        else:
            i += 1
    found: list[dict[str, Any]] = []
    near: list[dict[str, Any]] = []
    t = 0
    while t < len(tokens):
        count, hyphens_only = 0, True
        hit = miss = None
        for u in range(t, len(tokens)):
            if u > t:
                gap = text[tokens[u - 1][1]:tokens[u][0]]
                if gap not in ("-", " "):
                    break
                hyphens_only = hyphens_only and gap == "-"
            count += tokens[u][1] - tokens[u][0]
            if count > 30:
                break
            start, end = tokens[t][0], tokens[u][1]
            sub = text[start:end]
            if count == 29 and _is_code(sub):
                hit = (u, {"code": parse(sub), "start": start, "end": end})
                break
            if miss is None and 28 <= count <= 30 and hyphens_only and sum(c.isdigit() for c in sub) >= 3 and not _is_code(sub):
                report = check(sub)
                miss = (u, {"start": start, "end": end, "error": report["error"]["code"],
                            "suggestions": [s["code"] for s in report["suggestions"] if s["tier"] == "A"]})
        if hit is not None:
            found.append(hit[1])
            t = hit[0] + 1
        elif miss is not None:
            near.append(miss[1])
            t = miss[0] + 1
        else:
            t += 1
    return {"found": found, "near_misses": near}
