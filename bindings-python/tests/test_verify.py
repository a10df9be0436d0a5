"""Trust lists, signing and the Verifier through the Python API: verdicts are data."""

import json
from datetime import datetime, timedelta, timezone

import pytest

import hrid

from conftest import AT, CODE, T0, seed_key, statement, trust_list_document

ROOT = seed_key(1)
MAKER = seed_key(2)
DEALER = seed_key(3)
STRANGER = seed_key(9)


@pytest.fixture(scope="module")
def trust_list():
    envelope = hrid.TrustList.sign(trust_list_document(), [ROOT])
    return hrid.TrustList.verify(envelope, [ROOT.verifying_key], 1, 0, AT)


@pytest.fixture(scope="module")
def verifier(trust_list):
    return hrid.Verifier(trust_list)


def test_accepts_a_good_attestation(verifier):
    envelope = hrid.sign_attestation(statement(), [MAKER])
    assert isinstance(envelope, bytes)
    report = verifier.verify(envelope, AT)
    assert report.verdict == "accepted" and report.accepted
    assert report.failures == [] and report.warnings == []
    assert [f.code for f in report.passed] == [
        "trust_list.current",
        "envelope.well_formed",
        "signature.valid",
        "statement.well_formed",
        "signer.known",
        "key.valid",
        "role.permitted",
        "scope.within",
        "time.not_in_future",
    ]
    assert report.has("signature.valid") and not report.has("signature.invalid")
    with pytest.raises(ValueError):
        report.has("no.such_code")
    # to_dict is the core's JSON; the attributes agree with it.
    as_dict = report.to_dict()
    assert as_dict == json.loads(report.to_json())
    assert as_dict["verdict"] == report.verdict
    assert as_dict["passed"] == [f.to_dict() for f in report.passed]
    assert report.statement["statement"] == statement()
    assert report.statement["participant"] == "acme"
    assert report.statement["key_id"] == MAKER.key_id
    finding = report.passed[-1]
    assert finding.subject == CODE
    assert finding.severity == "passed"
    assert isinstance(finding.evidence, dict) and "statement_hash" in finding.evidence


def test_verdicts_for_failures(verifier):
    # Unknown signer: indeterminate, and nothing read from the payload.
    report = verifier.verify(hrid.sign_attestation(statement(), STRANGER), AT)
    assert report.verdict == "indeterminate"
    assert [f.code for f in report.failures] == ["signer.unknown"]
    assert report.statement is None
    # Tampered payload: rejected.
    env = json.loads(hrid.sign_attestation(statement(), MAKER))
    other = hrid.sign_attestation(statement(time=T0 + 7_200), MAKER)
    env["payload"] = json.loads(other)["payload"]
    report = verifier.verify(json.dumps(env), AT)
    assert report.verdict == "rejected"
    assert "signature.invalid" in report.codes
    # The dealer may not attest manufacturing; a future event is rejected too.
    event = {
        "type": "manufactured",
        "model": "A3W0F5",
        "production_date": T0,
        "firmware": "1.0",
        "components": [],
    }
    report = verifier.verify(hrid.sign_attestation(statement("dealer-1", event=event), DEALER), AT)
    assert report.verdict == "rejected"
    assert [f.code for f in report.failures] == ["role.not_permitted"]
    report = verifier.verify(hrid.sign_attestation(statement(time=AT + 3_600), MAKER), AT)
    assert [f.code for f in report.failures] == ["time.in_future"]
    # Issuer named falsely.
    report = verifier.verify(hrid.sign_attestation(statement("dealer-1"), MAKER), AT)
    assert [f.code for f in report.failures] == ["signer.issuer_mismatch"]


def test_malformed_envelopes_are_data_not_exceptions(verifier):
    for envelope, code in [
        (b"not json", "envelope.malformed"),
        (b"\xff\xfe\x00", "envelope.malformed"),
        ("[" * 1_000, "envelope.too_deep"),
        (b'{"payloadType":"x","payloadType":"y"}', "envelope.duplicate_key"),
        (b" " * 70_000, "envelope.too_large"),
    ]:
        report = verifier.verify(envelope, AT)
        assert report.verdict == "rejected", envelope[:20]
        assert [f.code for f in report.failures] == [code]


def test_times_are_aware_datetimes_or_unix_seconds(verifier):
    envelope = hrid.sign_attestation(statement(), MAKER)
    aware = datetime.fromtimestamp(AT, timezone.utc)
    in_beijing = aware.astimezone(timezone(timedelta(hours=8)))
    by_int = verifier.verify(envelope, AT).to_dict()
    assert verifier.verify(envelope, aware).to_dict() == by_int
    assert verifier.verify(envelope, in_beijing).to_dict() == by_int
    with pytest.raises(ValueError, match="naive datetime"):
        verifier.verify(envelope, datetime(2026, 1, 2))
    with pytest.raises(TypeError):
        verifier.verify(envelope, "2026-01-02")
    with pytest.raises(TypeError):
        verifier.verify(envelope, True)
    # A second before the epoch floors to -1.
    before = datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=timezone.utc)
    future = hrid.sign_attestation(statement(time=-1 + 301), MAKER)
    assert verifier.verify(future, before).verdict == verifier.verify(future, -1).verdict


def test_verify_many_matches_verify(verifier):
    envelopes = [
        hrid.sign_attestation(statement(), MAKER),
        hrid.sign_attestation(statement(), STRANGER),
        b"garbage",
        hrid.sign_attestation(statement(), MAKER).decode(),
    ]
    many = verifier.verify_many(envelopes, AT)
    assert [r.to_dict() for r in many] == [verifier.verify(e, AT).to_dict() for e in envelopes]
    assert [r.verdict for r in many] == ["accepted", "indeterminate", "rejected", "accepted"]
    assert verifier.verify_many(iter(()), AT) == []
    with pytest.raises(TypeError):
        verifier.verify_many([1], AT)


def test_verifier_options(trust_list):
    v = hrid.Verifier(trust_list, clock_skew=timedelta(minutes=10), grace=0)
    assert (v.clock_skew, v.grace) == (600, 0)
    assert v.trust_list.version == 1
    envelope = hrid.sign_attestation(statement(time=AT + 500), MAKER)
    assert v.verify(envelope, AT).verdict == "accepted"
    assert hrid.Verifier(trust_list).verify(envelope, AT).verdict == "rejected"
    # After expiry: within the grace a warning, beyond it indeterminate.
    late = trust_list.expires_at + 3_600
    env = hrid.sign_attestation(statement(), MAKER)
    assert hrid.Verifier(trust_list, grace=timedelta(days=1)).verify(env, late).warnings[0].code == (
        "trust_list.expired_grace"
    )
    assert hrid.Verifier(trust_list, grace=60).verify(env, late).verdict == "indeterminate"


def test_trust_list_verification_errors_carry_codes(trust_list):
    assert trust_list.version == 1
    assert trust_list.threshold == 1
    assert trust_list.anchor_keys == [ROOT.verifying_key]
    assert trust_list.to_dict()["participants"][0]["id"] == "acme"
    assert trust_list.participant("dealer-1")["roles"] == ["dealer"]
    assert trust_list.participant("nobody") is None
    assert len(trust_list.statement_hash) == 64
    envelope = hrid.TrustList.sign(trust_list_document(), [ROOT])
    cases = [
        (lambda: hrid.TrustList.verify(envelope, [STRANGER.verifying_key], 1, 0, AT),
         "trust_list.threshold_not_met"),
        (lambda: hrid.TrustList.verify(envelope, [ROOT.verifying_key], 1, 2, AT),
         "trust_list.rollback"),
        (lambda: hrid.TrustList.verify(envelope, [ROOT.verifying_key], 2, 0, AT),
         "trust_list.anchor_invalid"),
        (lambda: hrid.TrustList.verify(envelope, [ROOT.verifying_key], 1, 0, T0 - 3_600),
         "trust_list.not_yet_valid"),
        (lambda: hrid.TrustList.verify(b"{}", [ROOT.verifying_key], 1, 0, AT),
         "envelope.malformed"),
        (lambda: hrid.TrustList.verify(hrid.sign_attestation(statement(), ROOT), ROOT.verifying_key, 1, 0, AT),
         "envelope.payload_type_unexpected"),
    ]
    for call, code in cases:
        with pytest.raises(hrid.InvalidDocument) as info:
            call()
        assert info.value.code == code
        assert isinstance(info.value, hrid.HridError) and isinstance(info.value, ValueError)


def test_trust_list_update_needs_the_previous_roots(trust_list):
    new_root = seed_key(7)
    v2 = trust_list_document(2, roots=[new_root])
    updated = trust_list.verify_update(hrid.TrustList.sign(v2, [ROOT, new_root]), AT)
    assert updated.version == 2
    assert updated.anchor_keys == [new_root.verifying_key]
    with pytest.raises(hrid.InvalidDocument) as info:
        trust_list.verify_update(hrid.TrustList.sign(v2, [new_root]), AT)
    assert info.value.code == "trust_list.threshold_not_met"
    v3 = trust_list_document(3, roots=[ROOT])
    with pytest.raises(hrid.InvalidDocument) as info:
        trust_list.verify_update(hrid.TrustList.sign(v3, [ROOT]), AT)
    assert info.value.code == "trust_list.version_skipped"


def test_signing_checks_documents_like_verifiers_do():
    bad = statement()
    bad["subject"] = "860042A3W0F50000000012345ZAR3"
    cases = [
        (bad, "statement.subject_invalid"),
        ({**statement(), "extra": 1}, "statement.malformed"),
        ({**statement(), "prev": "abc"}, "statement.field_invalid"),
        ('{"subject": 1, "subject": 2}', "statement.duplicate_key"),
        ("[" * 50 + "]" * 50, "statement.too_deep"),
        ({1: "a", "1": "b"}, "statement.duplicate_key"),
    ]
    for document, code in cases:
        with pytest.raises(hrid.InvalidDocument) as info:
            hrid.sign_attestation(document, MAKER)
        assert info.value.code == code, document
    # JSON text signs the same bytes as the dict.
    text = json.dumps(statement(), separators=(",", ":"))
    assert json.loads(hrid.sign_attestation(text, MAKER))["payload"] == json.loads(
        hrid.sign_attestation(statement(), MAKER)
    )["payload"]
    doc = trust_list_document()
    doc["participants"][0]["scope"] = None
    del doc["participants"][0]["scope"]
    with pytest.raises(hrid.InvalidDocument) as info:
        hrid.TrustList.sign(doc, ROOT)
    assert info.value.code == "trust_list.invalid"
    with pytest.raises(TypeError):
        hrid.sign_attestation(statement(), ["not a key"])
