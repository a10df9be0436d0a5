"""The worked examples printed in the docs, read by the model."""

from __future__ import annotations

from hrid_model import code, passport
from hrid_model.envelope import pae

EXAMPLE = ("HP1:040M3002151Y07JG00000000H1J2ZNC100000007K8FG0GKQ23Q028T5CY4TQKFF01MNBE80D5YMC05031F7K2T9MQYGE6"
           "MBD2F5P4G7KSDTD3S1EQAX8R7BQZ71D6NX523QVWVQ0KWGP5DY0W5V8XFA4AD25X7JH6YPRZ6P6KFDSH4PD9MD9AH6JR40")


def test_gf32_tables_match_the_document() -> None:
    assert code.EXP == [1, 2, 4, 8, 16, 5, 10, 20, 13, 26, 17, 7, 14, 28, 29, 31, 27, 19, 3, 6, 12, 24, 21,
                        15, 30, 25, 23, 11, 22, 9, 18]
    assert code.gf_mul(15, 19) == 26
    assert code.check_symbols([code.VALUE[c] for c in "860042A3W0F50000000012345"]) == [31, 10, 24, 2]


def test_passport_worked_example() -> None:
    pp = passport.parse(EXAMPLE)
    assert (pp.status, pp.subject, pp.head_seq) == ("active", "860042A3W0F50000000012345ZAR2", 7)
    assert pp.head_hash_prefix.hex() == "9a1f00427710ee0123456789abcdef00"
    assert (pp.issued_at, pp.expires_at, pp.key_hint.hex()) == (1767225600, 1769817600, "a0185e79")
    assert pp.signed[2:21].hex() == "4180020943e01e50000000000088642fd58100"
    assert passport.sign(pp.signed, bytes([3]) * 32) == EXAMPLE


def test_pae_example() -> None:
    assert pae("http://example.com/HelloWorld", b"hello world") == b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
