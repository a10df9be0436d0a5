"""Cross-check of the `hrid` command line against the `reedsolo` library.

The identity code (docs/identity-code.md) is a Reed-Solomon code over GF(32) = GF(2)[x]/(x^5+x^2+1)
with 4 check symbols, first consecutive root alpha^0, and the 2-symbol virtual tag `R1` = (24, 1)
prepended to the 25-symbol body. reedsolo computes the same check symbols with

    RSCodec(4, nsize=31, fcr=0, prim=0x25, generator=2, c_exp=5).encode(tag + body)

This test builds codes with reedsolo and asks the CLI to build (`hrid code new`) and check
(`hrid code check --json`) them, and compares the corrections reedsolo's decoder finds with the
CLI's suggestions.

The binary is `$HRID_BIN`, by default `<repo>/target/debug/hrid`. A missing binary is a failure,
never a skip: build it first (`cargo build -p hrid-cli`).

reedsolo 1.7.0 pitfalls handled here (see docs/identity-code.md, section 15):
- pass prim/c_exp/nsize explicitly;
- `decode` reports positions in the 31-symbol full word (tag included): subtract 2;
- `RSCodec.check()` does not reload its own field tables, so it is not used: codes are validated by
  re-encoding.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from reedsolo import RSCodec

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TAG = [24, 1]  # `R1`: never printed, typed or scanned
REPO = Path(__file__).resolve().parent.parent
SEED = 20240611
N_RANDOM = 300
N_INDIVIDUAL = 50

WORKED_EXAMPLES = [
    ("860042A3W0F50000000012345", "860042A3W0F50000000012345ZAR2"),
    ("867K2QHX100000000000000A7", "867K2QHX100000000000000A7K4DC"),
    ("0000000000000000000000000", "000000000000000000000000027GC"),
    ("86ZZZZZZZZZZZZZZZZZZZZZZZ", "86ZZZZZZZZZZZZZZZZZZZZZZZ9Q3N"),
]

RSC = RSCodec(4, nsize=31, fcr=0, prim=0x25, generator=2, c_exp=5)


def values(text: str) -> list[int]:
    return [ALPHABET.index(c) for c in text]


def text(vals) -> str:
    return "".join(ALPHABET[v] for v in vals)


def rs_code(body: str) -> str:
    """The 29-symbol code for a 25-symbol body, computed by reedsolo."""
    assert len(body) == 25
    encoded = list(RSC.encode(bytearray(TAG + values(body))))
    assert len(encoded) == 31 and encoded[:27] == TAG + values(body)
    return body + text(encoded[-4:])


def rs_is_valid(code: str) -> bool:
    """Validity by re-encoding (reedsolo's check() is unreliable, see the module docstring)."""
    return rs_code(code[:25]) == code


def rs_decode(code: str, erasures: tuple[int, ...] = ()) -> tuple[str, list[int]]:
    """reedsolo's correction of a 29-symbol word: (corrected code, changed code positions)."""
    word = bytearray(TAG + [0 if c == "?" else ALPHABET.index(c) for c in code])
    _, full, errata = RSC.decode(word, erase_pos=[p + 2 for p in erasures] or None)
    full = list(full)
    assert full[:2] == TAG, "reedsolo changed the tag: not a valid identity-code correction"
    return text(full[2:]), sorted(p - 2 for p in errata)


def random_bodies() -> list[str]:
    rnd = random.Random(SEED)
    return ["".join(rnd.choice(ALPHABET) for _ in range(25)) for _ in range(N_RANDOM)]


BODIES = [b for b, _ in WORKED_EXAMPLES] + random_bodies()


def split_body(body: str) -> dict[str, str]:
    return {
        "country": body[0:2],
        "manufacturer": body[2:6],
        "model": body[6:12],
        "unit": body[12:25],
    }


@pytest.fixture(scope="session")
def hrid() -> Path:
    path = Path(os.environ.get("HRID_BIN") or REPO / "target" / "debug" / "hrid")
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"hrid binary not found or not executable at {path}: build it with "
            "`cargo build -p hrid-cli`, or point HRID_BIN at it",
            pytrace=False,
        )
    return path


def run(hrid: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(hrid), *args], capture_output=True, text=True, timeout=120, check=False
    )


def check_json(hrid: Path, codes: list[str], *flags: str) -> tuple[int, list[dict]]:
    proc = run(hrid, "code", "check", "--json", *flags, *codes)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == len(codes), (
        f"expected {len(codes)} JSON lines, got {len(lines)}; exit {proc.returncode}; "
        f"stderr: {proc.stderr!r}"
    )
    return proc.returncode, [json.loads(line) for line in lines]


def first_suggestion(bad: str, result: dict) -> dict:
    """The CLI's first suggestion for `bad`; it must make one."""
    first = (result.get("suggestions") or [None])[0]
    assert first is not None, f"no suggestion for {bad}: {result}"
    return first


def assert_no_suggestions(hrid: Path, bads: list[str], what: str) -> None:
    """Without the two-errors confirmation, the CLI suggests nothing for any of `bads`."""
    _, unconfirmed = check_json(hrid, bads)
    for result in unconfirmed:
        assert not result.get("suggestions"), f"{what} without confirmation: {result}"


# --- reedsolo side alone -------------------------------------------------------------------------


@pytest.mark.parametrize("body,code", WORKED_EXAMPLES)
def test_reedsolo_reproduces_worked_examples(body: str, code: str) -> None:
    assert rs_code(body) == code
    assert rs_is_valid(code)


def test_reedsolo_generator_is_the_specified_one() -> None:
    assert list(RSC.gen[4]) == [1, 15, 19, 23, 10]


# --- CLI against reedsolo -----------------------------------------------------------------------


@pytest.mark.parametrize("body", BODIES[: len(WORKED_EXAMPLES) + N_INDIVIDUAL])
def test_code_new_matches_reedsolo(hrid: Path, body: str) -> None:
    fields = split_body(body)
    proc = run(
        hrid,
        "code",
        "new",
        "--country",
        fields["country"],
        "--manufacturer",
        fields["manufacturer"],
        "--model",
        fields["model"],
        "--unit",
        fields["unit"],
    )
    assert proc.returncode == 0, f"exit {proc.returncode}; stderr: {proc.stderr!r}"
    assert proc.stdout.splitlines() == [rs_code(body)], f"stdout: {proc.stdout!r}"


def test_code_check_accepts_every_reedsolo_code(hrid: Path) -> None:
    codes = [rs_code(b) for b in BODIES]
    rc, results = check_json(hrid, codes)
    bad = [(c, r) for c, r in zip(codes, results) if r.get("valid") is not True or r.get("canonical") != c]
    assert not bad, f"{len(bad)} reedsolo codes not accepted, first: {bad[0]}"
    assert rc == 0


def test_code_check_normalises_display_spellings(hrid: Path) -> None:
    codes = [rs_code(b) for b in BODIES[:40]]
    spelled = [
        "-".join([c[0:2], c[2:6], c[6:12], c[12:25], c[25:29]]).lower() for c in codes
    ]
    rc, results = check_json(hrid, spelled)
    assert [r.get("valid") for r in results] == [True] * len(codes)
    assert [r.get("canonical") for r in results] == codes
    assert rc == 0


def test_code_check_rejects_corrupted_reedsolo_codes(hrid: Path) -> None:
    rnd = random.Random(SEED + 1)
    corrupted = []
    for body in BODIES[:60]:
        code = list(rs_code(body))
        p = rnd.randrange(29)
        code[p] = rnd.choice([c for c in ALPHABET if c != code[p]])
        corrupted.append("".join(code))
    assert not any(rs_is_valid(c) for c in corrupted)
    rc, results = check_json(hrid, corrupted)
    assert [r.get("valid") for r in results] == [False] * len(corrupted)
    assert {r["error"]["code"] for r in results} == {"code.check_failed"}
    assert rc == 1


def _single_error_cases(n: int) -> list[tuple[str, str, int]]:
    rnd = random.Random(SEED + 2)
    cases = []
    for body in BODIES[len(WORKED_EXAMPLES) : len(WORKED_EXAMPLES) + n]:
        good = rs_code(body)
        p = rnd.randrange(29)
        bad = good[:p] + rnd.choice([c for c in ALPHABET if c != good[p]]) + good[p + 1 :]
        cases.append((good, bad, p))
    # The first worked example with its last check character mistyped, and with a unit digit.
    cases.append(("860042A3W0F50000000012345ZAR2", "860042A3W0F50000000012345ZARX", 28))
    cases.append(("860042A3W0F50000000012345ZAR2", "860042A3W0F50000000012845ZAR2", 22))
    return cases


SINGLE_ERRORS = _single_error_cases(20)


def test_single_errors_reedsolo_and_hrid_agree(hrid: Path) -> None:
    rc, results = check_json(hrid, [bad for _, bad, _ in SINGLE_ERRORS])
    assert rc == 1
    for (good, bad, p), result in zip(SINGLE_ERRORS, results):
        fixed, changed = rs_decode(bad)
        assert (fixed, changed) == (good, [p]), f"reedsolo on {bad}"
        assert result["valid"] is False, result
        assert result["error"]["code"] == "code.check_failed", result
        assert result["error"].get("position") == p, result
        first = first_suggestion(bad, result)
        assert (first["code"], first["tier"], first["changed_positions"]) == (fixed, "A", changed), result
        assert first.get("repair", "substitution") == "substitution", result


def _erasure_cases(counts: list[int]) -> list[tuple[str, str, tuple[int, ...]]]:
    rnd = random.Random(SEED + 3 + sum(counts))
    cases = []
    bodies = BODIES[len(WORKED_EXAMPLES) : len(WORKED_EXAMPLES) + len(counts)]
    for body, count in zip(bodies, counts):
        good = rs_code(body)
        erased = tuple(sorted(rnd.sample(range(29), count)))
        bad = "".join("?" if i in erased else c for i, c in enumerate(good))
        cases.append((good, bad, erased))
    return cases


def assert_erasures_filled(
    cases: list[tuple[str, str, tuple[int, ...]]], results: list[dict], tier: str
) -> None:
    """reedsolo fills each case's erasures back to the code, and the CLI's first suggestion does
    the same, in `tier`."""
    for (good, bad, erased), result in zip(cases, results):
        fixed, changed = rs_decode(bad, erased)
        assert fixed == good, f"reedsolo on {bad}"
        assert set(changed) == set(erased)
        first = first_suggestion(bad, result)
        assert (first["code"], first["tier"], first["changed_positions"]) == (
            good,
            tier,
            list(erased),
        ), result


def test_erasures_reedsolo_and_hrid_agree(hrid: Path) -> None:
    """One or two unreadable symbols: filled in tier A, as reedsolo fills them."""
    cases = _erasure_cases([1, 2] * 5)
    rc, results = check_json(hrid, [bad for _, bad, _ in cases])
    assert rc == 1
    assert_erasures_filled(cases, results, "A")


def test_many_erasures_only_when_confirmed(hrid: Path) -> None:
    """Three or four unreadable symbols use the redundancy up: tier B, offered only on request."""
    cases = _erasure_cases([3, 4] * 4)
    bads = [bad for _, bad, _ in cases]
    assert_no_suggestions(hrid, bads, "3-4 erasures filled")
    rc, results = check_json(hrid, bads, "--two-errors")
    assert rc == 1
    assert_erasures_filled(cases, results, "B")


def test_two_errors_reedsolo_and_hrid_agree_only_when_confirmed(hrid: Path) -> None:
    rnd = random.Random(SEED + 4)
    cases = []
    for body in BODIES[len(WORKED_EXAMPLES) : len(WORKED_EXAMPLES) + 10]:
        good = rs_code(body)
        while True:
            p, q = sorted(rnd.sample(range(29), 2))
            if q - p > 1:  # an adjacent pair could also read as a tier-A swap
                break
        bad = list(good)
        for i in (p, q):
            bad[i] = rnd.choice([c for c in ALPHABET if c != good[i]])
        cases.append((good, "".join(bad), [p, q]))
    bads = [bad for _, bad, _ in cases]
    assert_no_suggestions(hrid, bads, "two-symbol fix offered")
    rc, results = check_json(hrid, bads, "--two-errors")
    assert rc == 1
    for (good, bad, positions), result in zip(cases, results):
        fixed, changed = rs_decode(bad)
        assert (fixed, changed) == (good, positions), f"reedsolo on {bad}"
        first = first_suggestion(bad, result)
        assert (first["code"], first["tier"], first["changed_positions"]) == (good, "B", positions), result
