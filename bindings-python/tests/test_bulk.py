"""The bulk paths give exactly the per-item results, in order, whatever the batch holds."""

import random

import hrid
from hrid import code

GOOD = "860042A3W0F50000000012345ZAR2"


def sample(n: int, seed: int = 3):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = "".join(rng.choice(code.ALPHABET) for _ in range(25))
        c = str(hrid.IdentityCode.from_fields(body[:2], body[2:6], body[6:12], body[12:]))
        if i % 7 == 0:
            c = c[:-1] + ("0" if c[-1] != "0" else "1")
        if i % 11 == 0:
            c = hrid.IdentityCode(c).display_form.lower() if i % 7 else c
        out.append(c)
    return out


def test_validate_many_equals_is_valid_on_a_large_batch():
    codes = sample(50_000)
    assert code.validate_many(codes) == [code.is_valid(c) for c in codes]
    assert code.validate_many(tuple(codes)) == code.validate_many(iter(codes))


def test_batches_that_defeat_the_joined_fast_path():
    codes = sample(10_000)
    for odd in ["86\n0042", GOOD + "\n", "\n", "860042A3W0F5000000001234\udc80ZAR2", ""]:
        batch = codes[:5_000] + [odd] + codes[5_000:]
        expected = [code.is_valid(c) for c in batch]
        assert code.validate_many(batch) == expected
        reports = code.check_many(batch)
        assert [r.valid for r in reports] == expected
        assert [r.input for r in reports[4_999:5_002]] == [
            r.input for r in (code.check(c) for c in batch[4_999:5_002])
        ]
    assert code.validate_many([]) == [] and code.check_many(()) == []


def test_check_many_equals_check():
    codes = sample(2_000) + ["", "86", GOOD]
    for two_errors in (False, True):
        assert [r.to_dict() for r in code.check_many(codes, two_errors=two_errors)] == [
            code.check(c, two_errors=two_errors).to_dict() for c in codes
        ]
    assert [r.to_dict() for r in code.check_many(codes, structure_only=True)] == [
        code.check(c, structure_only=True).to_dict() for c in codes
    ]


def _child_checks(codes):
    return code.validate_many(codes)


def test_bulk_calls_still_work_in_a_forked_child():
    import multiprocessing
    import sys

    if not sys.platform.startswith("linux"):
        return
    codes = sample(40_000)
    expected = code.validate_many(codes)  # uses worker threads in the parent
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        assert pool.apply_async(_child_checks, (codes,)).get(timeout=60) == expected
