"""Every case of test-vectors/codes.json, through the Python API (the same file Rust reads)."""

from collections import Counter

import pytest

import hrid
from hrid import code

from conftest import check_every_case, load_corpus, strip_messages


def run_case(case):
    kind = case["kind"]
    expected = case["expected"]
    if kind == "check":
        text = case["input"]
        options = case["options"]
        report = code.check(
            text, two_errors=options["two_errors"], structure_only=options["structure_only"]
        )
        got = strip_messages(report.to_dict())
        assert got.pop("input") == text
        assert got == expected
        # The attributes agree with the dict.
        assert report.valid == expected["valid"]
        assert report.canonical == expected.get("canonical")
        assert [s.to_dict() for s in report.suggestions] == expected.get("suggestions", [])
        if not options["structure_only"]:
            assert code.is_valid(text) == expected["valid"]
            assert code.validate_many([text]) == [expected["valid"]]
            if expected["valid"]:
                assert str(code.validate(text)) == expected["canonical"]
                assert code.format(text) == expected["display"]
            else:
                with pytest.raises(hrid.InvalidCode) as info:
                    code.validate(text)
                assert info.value.code == expected["error"]["code"]
                assert info.value.position == expected["error"]["position"]
                assert [s.to_dict() for s in info.value.suggestions] == [
                    s for s in expected["suggestions"] if s["tier"] == "A"
                ]
    elif kind == "build":
        f = case["fields"]
        try:
            built = hrid.IdentityCode.from_fields(
                f["country"], f["manufacturer"], f["model"], f["unit"]
            )
            got = {"valid": True, "code": str(built)}
        except hrid.InvalidCode as e:
            got = {"valid": False, "error": {"code": e.code, "position": e.position}}
        assert got == expected
    elif kind == "find":
        scan = code.find(case["text"])
        got = {
            "found": [{"code": str(f.code), "start": f.start, "end": f.end} for f in scan.found],
            "near_misses": [
                {
                    "start": m.start,
                    "end": m.end,
                    "error": m.error,
                    "suggestions": [str(s.code) for s in m.suggestions],
                }
                for m in scan.near_misses
            ],
        }
        assert got == expected
        # Spans index Python characters.
        for f in scan.found:
            assert case["text"][f.start : f.end] == f.text
    else:
        pytest.fail(f"case {case['tcId']}: unknown kind {kind}")


def test_every_code_case():
    doc = load_corpus("codes.json")
    cases = doc["cases"]
    assert doc["numberOfTests"] == len(cases)
    ids = Counter(c["tcId"] for c in cases)
    assert max(ids.values()) == 1, "duplicate tcId"
    check_every_case("codes.json", cases, run_case)
