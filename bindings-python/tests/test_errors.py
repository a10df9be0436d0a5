"""Error paths: the exception hierarchy, and hostile input that must end in typed errors or data.

No call may raise pyo3's PanicException (a BaseException that escapes ``except Exception``).
"""

import pickle
from datetime import datetime, timezone

import pytest

import hrid
from hrid import code

from conftest import AT, seed_key, statement, trust_list_document

GOOD = "860042A3W0F50000000012345ZAR2"


def outcome(call):
    """The result, or the exception, of ``call``; fails on anything not an ``Exception``."""
    try:
        return call()
    except Exception as e:  # noqa: BLE001 - the point is what escapes this
        return e
    except BaseException as e:  # PanicException and friends
        pytest.fail(f"{type(e).__module__}.{type(e).__name__} escaped: {e}")


def test_hierarchy_and_attributes():
    for cls in (hrid.InvalidCode, hrid.InvalidKey, hrid.InvalidDocument):
        assert issubclass(cls, hrid.HridError)
        assert cls.__module__ == "hrid"
    assert issubclass(hrid.HridError, ValueError)
    with pytest.raises(ValueError) as info:
        hrid.code.validate("860042A3W0F50000000012345ZARX")
    e = info.value
    assert type(e) is hrid.InvalidCode
    assert (e.code, e.position) == ("code.check_failed", 28)
    assert [str(s.code) for s in e.suggestions] == [GOOD]
    assert "position 28" in str(e)
    # Each verb raises with the code of the first stage that failed.
    for text, reason in [
        ("", "code.empty"),
        ("860042", "code.wrong_length"),
        ("86-0042-A3W0F5-000000001234U-ZAR2", "code.invalid_character"),
    ]:
        for verb in (code.validate, code.format, hrid.IdentityCode):
            with pytest.raises(hrid.InvalidCode) as info:
                verb(text)
            assert info.value.code == reason
    with pytest.raises(hrid.InvalidCode) as info:
        code.compact("860042")
    assert info.value.code == "code.wrong_length"
    assert code.compact("860042A3W0F50000000012345ZARX") == "860042A3W0F50000000012345ZARX"
    with pytest.raises(hrid.InvalidCode) as info:
        hrid.IdentityCode.from_fields("86", "0042", "A3U0F5", "1")
    assert (info.value.code, info.value.position, info.value.suggestions) == (
        "code.field_invalid",
        2,
        [],
    )


def test_wrong_types_are_type_errors():
    for call in [
        lambda: code.validate(None),
        lambda: code.is_valid(b"860042A3W0F50000000012345ZAR2"),
        lambda: code.validate_many([GOOD, 42]),
        lambda: code.validate_many(42),
        lambda: hrid.SigningKey.from_seed(3),
    ]:
        assert isinstance(outcome(call), TypeError)


def test_identity_code_value_semantics():
    a = hrid.IdentityCode("86-0042-a3w0f5-0000000012345-zar2")
    b = code.validate(GOOD)
    assert a == b and hash(a) == hash(b) and str(a) == GOOD
    assert a != GOOD  # a code is not a str
    assert repr(a) == f"IdentityCode('{GOOD}')"
    assert pickle.loads(pickle.dumps(a)) == a
    other = hrid.IdentityCode.from_fields("86", "0042", "A3W0F5", "12346")
    assert sorted([other, a]) == [a, other]
    assert (a.country, a.manufacturer, a.model, a.unit, a.check_characters) == (
        "86",
        "0042",
        "A3W0F5",
        "0000000012345",
        "ZAR2",
    )
    assert a.display_form == "86-0042-A3W0F5-0000000012345-ZAR2"
    with pytest.raises(AttributeError):
        a.country = "87"  # frozen


def test_hostile_code_input_gives_typed_errors_or_data():
    huge = "8" * 10_000_000
    surrogates = "860042A3W0F5000000001234\udc80ZAR2"
    for call in [
        lambda: code.validate(huge),
        lambda: code.check(huge),
        lambda: code.suggest(huge, two_errors=True),
        lambda: code.find(huge + " " + GOOD),
        lambda: code.validate(surrogates),
        lambda: code.validate("\x00" * 29),
        lambda: code.validate("💥" * 29),
    ]:
        result = outcome(call)
        assert not isinstance(result, BaseException) or isinstance(result, hrid.InvalidCode), result
    assert code.validate_many([huge, surrogates, GOOD]) == [False, False, True]
    # A lone surrogate reads as one unreadable character, at its Python position.
    e = outcome(lambda: code.validate(surrogates))
    assert (e.code, e.position) == ("code.invalid_character", 24)
    assert [str(s.code) for s in e.suggestions] == [GOOD]
    assert code.check(surrogates).to_dict()["error"]["position"] == 24
    assert len(code.find(huge + " " + GOOD).found) == 1


def test_hostile_documents_give_typed_errors_or_data():
    root, maker = seed_key(1), seed_key(2)
    trust_list = hrid.TrustList.verify(
        hrid.TrustList.sign(trust_list_document(), root), root.verifying_key, 1, 0, AT
    )
    verifier = hrid.Verifier(trust_list)
    nested_list = "[" * 200_000 + "]" * 200_000
    nested_dict = {}
    inner = nested_dict
    for _ in range(100_000):
        inner["a"] = {}
        inner = inner["a"]
    hostile = [
        b"\x80\x81\x82\xff" * 1000,
        "\udc80{}",
        nested_list,
        nested_list.encode(),
        b"{" * 10_000_000,
        b"",
        b"null",
    ]
    for document in hostile:
        report = outcome(lambda: verifier.verify(document, AT))
        assert isinstance(report, hrid.VerificationReport) and report.verdict == "rejected"
        err = outcome(lambda: hrid.TrustList.verify(document, root.verifying_key, 1, 0, AT))
        assert isinstance(err, hrid.InvalidDocument), err
        for sign in (hrid.sign_attestation, hrid.TrustList.sign):
            err = outcome(lambda: sign(document, maker))
            assert isinstance(err, hrid.InvalidDocument), (sign, document[:10], err)
    for sign, reason in [
        (hrid.sign_attestation, "statement.too_deep"),
        (hrid.TrustList.sign, "trust_list.too_deep"),
    ]:
        err = outcome(lambda: sign(nested_dict, maker))
        assert isinstance(err, hrid.InvalidDocument) and err.code == reason
        err = outcome(lambda: sign(nested_list, maker))
        assert isinstance(err, hrid.InvalidDocument) and err.code == reason
    assert isinstance(outcome(lambda: hrid.sign_attestation({"x": float("nan")}, maker)), ValueError)
    assert isinstance(outcome(lambda: hrid.sign_attestation({"x": object()}, maker)), TypeError)
    # Times far outside any calendar are typed errors too.
    assert isinstance(outcome(lambda: verifier.verify(b"{}", 2**70)), OverflowError)
    assert verifier.verify(b"{}", datetime.max.replace(tzinfo=timezone.utc)).verdict == "rejected"
    assert verifier.verify(b"{}", -(2**63)).verdict == "rejected"
    assert hrid.sign_attestation(statement(), maker)


def test_recall_notices_are_checked_before_signing():
    key = seed_key(7)
    good = {
        "recall_id": "R-1",
        "issuer": "acme",
        "issued_at": 1767225600,
        "population": {"manufacturer": "0042", "models": [], "unit_ranges": [], "codes": []},
        "defect": "knee",
        "remedy": "replace",
    }
    envelope = hrid.sign_recall(good, key)
    assert b"application/vnd.hrid.recall.v1+json" in envelope
    for bad in (
        {**good, "recall_id": ""},
        {**good, "population": {**good["population"], "manufacturer": "00"}},
        {**good, "extra": 1},
        '{"recall_id":"R-1","recall_id":"R-2"}',
        b"\xff",
    ):
        e = outcome(lambda: hrid.sign_recall(bad, key))
        assert isinstance(e, hrid.InvalidDocument) and isinstance(e, ValueError), bad
        assert e.code == "recall.malformed", (bad, e.code)
