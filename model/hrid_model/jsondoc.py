"""The JSON pre-check (docs/attestations.md section 6): one value, UTF-8, no lone surrogate,
no repeated key anywhere, depth at most max_depth, no floats."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32


class JsonProblem(Exception):
    """kind: "malformed", "duplicate_key" or "too_deep"."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class _Duplicate(Exception):
    pass


class _NotInteger(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for k, v in pairs:
        if k in obj:
            raise _Duplicate()
        obj[k] = v
    return obj


def _no_float(_: str) -> Any:
    raise _NotInteger()


def depth(value: Any) -> int:
    """Nesting of containers: the outermost value is depth 1, an object or array inside n
    containers has depth n + 1; scalars add nothing (docs/attestations.md section 6, clarified)."""
    best = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            best = max(best, d)
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return max(best, 1)


def _strings_ok(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(v, dict):
            for k, x in v.items():
                stack.append(k)
                stack.append(x)
        elif isinstance(v, list):
            stack.extend(v)
    return True


def load(data: bytes, max_depth: int = MAX_DEPTH, floats: bool = False) -> Any:
    """`floats=True` leaves numbers unjudged (a container whose members are judged by their own
    readers: the status-feed document, docs/status-feed.md section 1)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonProblem("malformed") from None
    try:
        value = json.loads(
            text, object_pairs_hook=_pairs, parse_float=float if floats else _no_float,
            parse_constant=_no_float,
        )
    except _Duplicate:
        raise JsonProblem("duplicate_key") from None
    except RecursionError:
        raise JsonProblem("too_deep") from None
    except (ValueError, _NotInteger):
        raise JsonProblem("malformed") from None
    if depth(value) > max_depth:
        raise JsonProblem("too_deep")
    if not _strings_ok(value):
        raise JsonProblem("malformed")
    return value


def is_int(v: Any, lo: int, hi: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


I64 = (-(2**63), 2**63 - 1)
U64 = (0, 2**64 - 1)


def member_span(text: bytes, key: str) -> bytes | None:
    """The exact bytes of the value under `key` of the outermost object (the status feed's
    envelope is read from its own bytes, docs/status-feed.md section 1)."""
    found = _member(text, key)
    return None if found is None else text[found[0]:found[1]].rstrip(b" \t\r\n")


def element_spans(text: bytes, key: str) -> list[bytes] | None:
    """The exact bytes of each element of the array under `key` of the outermost object
    (the bundle's envelopes are read from their own bytes, docs/histories.md section 1)."""
    found = _member(text, key)
    if found is None:
        return None
    i, v_end = found
    n = len(text)
    if text[i] != 0x5B:
        return None
    spans = []
    j = _skip_ws(text, i + 1)
    while j < v_end and text[j] != 0x5D:
        e = _end_of_value(text, j)
        spans.append(text[j:e].rstrip(b" \t\r\n"))
        j = _skip_ws(text, e)
        if j < n and text[j] == 0x2C:
            j = _skip_ws(text, j + 1)
    return spans


def _skip_ws(text: bytes, j: int) -> int:
    while j < len(text) and text[j] in b" \t\r\n":
        j += 1
    return j


def _end_of_value(text: bytes, j: int) -> int:
    n = len(text)
    level = 0
    while j < n:
        c = text[j]
        if c == 0x22:  # a string
            j += 1
            while text[j] != 0x22:
                j += 2 if text[j] == 0x5C else 1
            j += 1
            if level == 0:
                return j
            continue
        if c in b"[{":
            level += 1
        elif c in b"]}":
            if level == 0:
                return j
            level -= 1
            if level == 0:
                return j + 1
        elif c == 0x2C and level == 0:
            return j
        j += 1
    return j


def _member(text: bytes, key: str) -> tuple[int, int] | None:
    """Where the value under `key` of the outermost object starts and ends (None: no such
    member). Only for text that already passed `load`."""
    n = len(text)
    i = _skip_ws(text, 0)
    if i >= n or text[i] != 0x7B:
        return None
    i += 1
    while True:
        i = _skip_ws(text, i)
        if i < n and text[i] == 0x7D:
            return None
        k_end = _end_of_value(text, i)
        name = json.loads(text[i:k_end])
        i = _skip_ws(text, k_end)
        i = _skip_ws(text, i + 1)  # the colon
        v_end = _end_of_value(text, i)
        if name == key:
            return i, v_end
        i = _skip_ws(text, v_end)
        if i < n and text[i] == 0x2C:
            i += 1
        else:
            return None
