//! Every input limit of `docs/limits.md`, exercised exactly at its boundary with the default
//! limits: a document at the limit is accepted (or, where no valid document can sit at the limit,
//! fails for another reason), and one unit over is rejected with the documented reason code.
//!
//! The world is the one of `test-vectors/histories.json`: its trust list, and participant keys
//! from the seeds named in `xtask/src/world.rs`.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::attestation::{
    Attestation, Component, ComponentKind, JointReport, LifecycleEvent, UseCategory,
};
use hrid::code::{self, IdentityCode};
use hrid::envelope::{Envelope, PayloadType};
use hrid::history::{verify_history, ChainBuilder, HistoryBundle, HistoryOptions};
use hrid::json::Limits;
use hrid::keys::{SigningKey, VerifyingKey};
use hrid::passport::{verify_passport, Passport, PassportOptions, PassportStatus, TEXT_LEN};
use hrid::reason::ReasonCode;
use hrid::recall::{RecallNotice, RecallPopulation, UnitRange};
use hrid::trust::{TrustAnchor, TrustList, VerifiedTrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};
use serde_json::Value;

/// 2026-01-01T00:00:00Z, as in `xtask/src/world.rs`.
const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
/// The verification time of the histories corpus.
const AT: i64 = T0 + 365 * DAY;
/// The trust list of the histories corpus expires at T0 + 730 days.
const LIST_EXPIRES: i64 = T0 + 730 * DAY;
const DEFAULT: Limits = Limits::DEFAULT;

/// Participant key seeds of `xtask/src/world.rs`.
fn key(id: &str) -> SigningKey {
    let seed = match id {
        "registry" => 10,
        "acme" => 12,
        "swift" => 14,
        "metro" => 15,
        "cityops" => 16,
        other => panic!("no participant {other}"),
    };
    SigningKey::from_seed([seed; 32])
}

fn root() -> SigningKey {
    SigningKey::from_seed([1; 32])
}

fn corpus_trust_list() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../test-vectors/histories.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["trust_lists"]["default"].clone()
}

fn list_envelope() -> Vec<u8> {
    corpus_trust_list()["envelope"]
        .as_str()
        .unwrap()
        .as_bytes()
        .to_vec()
}

fn anchor() -> TrustAnchor {
    let keys: Vec<VerifyingKey> = corpus_trust_list()["anchor"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| VerifyingKey::from_hex(k.as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(keys, vec![root().verifying_key()]);
    TrustAnchor::new(keys, 1).unwrap()
}

fn verify_list(envelope: &[u8], at: i64) -> Result<VerifiedTrustList, hrid::trust::TrustListError> {
    TrustList::verify(envelope, &anchor(), 0, at, &VerifyOptions::default())
}

fn verifier() -> Verifier {
    Verifier::new(
        verify_list(&list_envelope(), AT).unwrap(),
        VerifyOptions::default(),
    )
}

fn subject(unit: &str) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", unit).unwrap()
}

fn manufactured(time: i64) -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date: time,
        firmware: "1.0.0".into(),
        components: vec![Component {
            kind: ComponentKind::Actuator,
            serial: "ACT-LIMITS".into(),
        }],
    }
}

/// A manufacture statement by acme at `time`, signed.
fn attestation(time: i64) -> Envelope {
    Attestation {
        subject: subject("70001"),
        seq: 0,
        prev: None,
        time,
        issuer: "acme".into(),
        event: manufactured(time),
    }
    .sign(&[&key("acme")])
}

/// `bytes` followed by spaces up to `len` bytes in all (JSON allows trailing whitespace).
fn padded(bytes: &[u8], len: usize) -> Vec<u8> {
    assert!(bytes.len() <= len);
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(bytes);
    out.resize(len, b' ');
    out
}

fn nested(depth: usize) -> Vec<u8> {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
}

/// A robot put in service (seq 0 to 5), then telemetry reports until the chain holds `events`.
fn chain(unit: &str, events: usize) -> ChainBuilder {
    let mut c = ChainBuilder::new(subject(unit));
    let mut t = T0;
    let mut push = |c: &mut ChainBuilder, issuer: &str, event: LifecycleEvent| {
        c.push(t, issuer, event, &[&key(issuer)]);
        t += 60;
    };
    push(&mut c, "acme", manufactured(T0));
    push(&mut c, "registry", LifecycleEvent::Registered {});
    push(
        &mut c,
        "swift",
        LifecycleEvent::Shipped { to: "metro".into() },
    );
    push(
        &mut c,
        "metro",
        LifecycleEvent::Received {
            from: "swift".into(),
        },
    );
    push(
        &mut c,
        "metro",
        LifecycleEvent::Sold {
            buyer: "cityops".into(),
        },
    );
    push(
        &mut c,
        "cityops",
        LifecycleEvent::Deployed {
            site: "warehouse-7".into(),
            use_category: UseCategory::Industrial,
        },
    );
    let mut hours = 0;
    while c.len() < events {
        hours += 1;
        push(
            &mut c,
            "cityops",
            LifecycleEvent::Telemetry {
                operating_hours: hours,
                battery_soh_percent: 97,
                battery_cycles: hours,
                joints: vec![JointReport {
                    joint: "left_knee".into(),
                    wear_percent: 3,
                    performance_percent: 99,
                }],
            },
        );
    }
    c
}

fn codes(findings: &[hrid::verify::Finding]) -> Vec<ReasonCode> {
    findings.iter().map(|f| f.code).collect()
}

#[test]
fn the_documented_defaults() {
    // docs/limits.md lists these values; a change here is a change of the format.
    assert_eq!(DEFAULT.max_envelope_bytes, 65_536);
    assert_eq!(DEFAULT.max_trust_list_bytes, 4_194_304);
    assert_eq!(DEFAULT.max_depth, 32);
    assert_eq!(DEFAULT.max_signatures, 16);
    assert_eq!(DEFAULT.max_history_bytes, 67_108_864);
    assert_eq!(DEFAULT.max_history_events, 10_000);
    assert_eq!(DEFAULT.max_recall_notices, 1_000);
    assert_eq!(Limits::default(), DEFAULT);
    assert_eq!(VerifyOptions::default().limits, DEFAULT);
    assert_eq!(VerifyOptions::default().clock_skew_secs, 300);
    assert_eq!(VerifyOptions::default().trust_list_grace_secs, 604_800);
    assert_eq!(PassportOptions::default().grace_secs, 604_800);
    assert_eq!(TEXT_LEN, 192);
    assert_eq!(code::LENGTH, 29);
}

#[test]
fn attestation_envelope_bytes() {
    let v = verifier();
    let json = attestation(T0).to_json();
    let at_limit = padded(&json, DEFAULT.max_envelope_bytes);
    let r = v.verify(&at_limit, AT);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    let over = padded(&json, DEFAULT.max_envelope_bytes + 1);
    let r = v.verify(&over, AT);
    assert_eq!(codes(&r.failures), [ReasonCode::EnvelopeTooLarge]);
}

#[test]
fn trust_list_envelope_bytes() {
    let json = list_envelope();
    let at_limit = padded(&json, DEFAULT.max_trust_list_bytes);
    assert!(verify_list(&at_limit, AT).is_ok());
    let over = padded(&json, DEFAULT.max_trust_list_bytes + 1);
    assert_eq!(
        verify_list(&over, AT).unwrap_err().code(),
        "envelope.too_large"
    );
}

#[test]
fn recall_envelope_bytes() {
    let notice = recall_notice().sign(&[&key("acme")]).to_json();
    let v = verifier();
    let at_limit = padded(&notice, DEFAULT.max_envelope_bytes);
    let r = hrid::recall::verify_recall(&v, &at_limit, AT);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    let over = padded(&notice, DEFAULT.max_envelope_bytes + 1);
    let r = hrid::recall::verify_recall(&v, &over, AT);
    assert!(
        codes(&r.failures).contains(&ReasonCode::EnvelopeTooLarge),
        "{:?}",
        codes(&r.failures)
    );
}

/// No valid document nests 32 deep (the deepest is 5 levels), so at the limit each reader fails
/// on the shape, not the depth; one level more fails on the depth.
#[test]
fn depth_of_every_document() {
    let max = DEFAULT.max_depth;
    let v = verifier();
    // The envelope itself.
    let envelope_code = |doc: &[u8]| codes(&v.verify(doc, AT).failures);
    assert_eq!(envelope_code(&nested(max)), [ReasonCode::EnvelopeMalformed]);
    assert_eq!(
        envelope_code(&nested(max + 1)),
        [ReasonCode::EnvelopeTooDeep]
    );
    // A signed statement.
    let statement_code = |payload: &[u8]| {
        let e = Envelope::sign(PayloadType::Attestation, payload, &[&key("acme")]);
        codes(&v.verify(&e.to_json(), AT).failures)
    };
    assert_eq!(
        statement_code(&nested(max)),
        [ReasonCode::StatementMalformed]
    );
    assert_eq!(
        statement_code(&nested(max + 1)),
        [ReasonCode::StatementTooDeep]
    );
    // A signed trust list.
    let list_code = |payload: &[u8]| {
        let e = Envelope::sign(PayloadType::TrustList, payload, &[&root()]);
        verify_list(&e.to_json(), AT).unwrap_err().code()
    };
    assert_eq!(list_code(&nested(max)), "trust_list.malformed");
    assert_eq!(list_code(&nested(max + 1)), "trust_list.too_deep");
    // A history bundle: both are history.malformed; the detail names the depth only over it.
    let history = |doc: &[u8]| verify_history(&v, doc, AT, &HistoryOptions::default());
    let r = history(&nested(max));
    assert_eq!(codes(&r.failures), [ReasonCode::HistoryMalformed]);
    assert!(!r.failures[0].detail.contains("deeper"));
    let r = history(&nested(max + 1));
    assert_eq!(codes(&r.failures), [ReasonCode::HistoryMalformed]);
    assert!(r.failures[0].detail.contains("deeper than 32"));
    // A recall notice read as issuers and verifiers read it.
    let e = RecallNotice::from_json(&nested(max), &DEFAULT).unwrap_err();
    assert!(!e.0.contains("deeper"), "{e}");
    let e = RecallNotice::from_json(&nested(max + 1), &DEFAULT).unwrap_err();
    assert!(e.0.contains("deeper than 32"), "{e}");
    assert_eq!(e.code(), ReasonCode::RecallMalformed);
}

/// Copies of one valid signature: at the limit the envelope verifies; one more is refused before
/// any signature is checked.
fn with_signatures(envelope: &[u8], n: usize) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(envelope).unwrap();
    let one = doc["signatures"][0].clone();
    doc["signatures"] = Value::Array(vec![one; n]);
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn signatures_per_envelope() {
    let max = DEFAULT.max_signatures;
    let v = verifier();
    let json = attestation(T0).to_json();
    let r = v.verify(&with_signatures(&json, max), AT);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    let r = v.verify(&with_signatures(&json, max + 1), AT);
    assert_eq!(codes(&r.failures), [ReasonCode::EnvelopeTooManySignatures]);

    let list = list_envelope();
    assert!(verify_list(&with_signatures(&list, max), AT).is_ok());
    assert_eq!(
        verify_list(&with_signatures(&list, max + 1), AT)
            .unwrap_err()
            .code(),
        "envelope.too_many_signatures"
    );
}

#[test]
fn history_bundle_bytes() {
    let v = verifier();
    let bundle = chain("70002", 6).bundle().to_json();
    let at_limit = padded(&bundle, DEFAULT.max_history_bytes);
    let r = verify_history(&v, &at_limit, AT, &HistoryOptions::default());
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    drop(at_limit);
    let over = padded(&bundle, DEFAULT.max_history_bytes + 1);
    let r = verify_history(&v, &over, AT, &HistoryOptions::default());
    assert_eq!(codes(&r.failures), [ReasonCode::HistoryTooLarge]);
}

#[test]
fn history_events() {
    let max = DEFAULT.max_history_events;
    let v = verifier();
    let mut c = chain("70003", max);
    let r = verify_history(&v, &c.bundle().to_json(), AT, &HistoryOptions::default());
    assert_eq!(r.events, max);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    c.push(
        AT - DAY,
        "cityops",
        LifecycleEvent::Decommissioned {},
        &[&key("cityops")],
    );
    let r = verify_history(&v, &c.bundle().to_json(), AT, &HistoryOptions::default());
    assert_eq!(codes(&r.failures), [ReasonCode::HistoryTooManyEvents]);
}

fn recall_notice() -> RecallNotice {
    RecallNotice {
        recall_id: "R-LIMITS".into(),
        issuer: "acme".into(),
        issued_at: T0 + 20 * DAY,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![UnitRange {
                first: "0000000070000".into(),
                last: "0000000079999".into(),
            }],
            codes: vec![],
        },
        defect: "knee actuator may overheat".into(),
        remedy: "install knee actuator firmware 2.1".into(),
    }
}

#[test]
fn recall_notices_per_bundle() {
    let max = DEFAULT.max_recall_notices;
    let v = verifier();
    let notice = recall_notice().sign(&[&key("acme")]);
    let bundle = |n: usize| HistoryBundle {
        recalls: vec![notice.clone(); n],
        ..chain("70004", 6).bundle()
    };
    let r = verify_history(&v, &bundle(max).to_json(), AT, &HistoryOptions::default());
    assert!(!r.has(ReasonCode::HistoryTooManyEvents));
    assert!(r.has(ReasonCode::HistoryWellFormed));
    assert!(r.has(ReasonCode::RecallOpen), "{:?}", r.codes());
    let r = verify_history(
        &v,
        &bundle(max + 1).to_json(),
        AT,
        &HistoryOptions::default(),
    );
    assert_eq!(codes(&r.failures), [ReasonCode::HistoryTooManyEvents]);
}

#[test]
fn passport_text_length() {
    let p = Passport {
        subject: subject("70005"),
        status: PassportStatus::Active,
        head: None,
        issued_at: AT - DAY,
        expires_at: AT + DAY,
    };
    let text = p.sign(&key("registry")).unwrap();
    assert_eq!(text.len(), TEXT_LEN);
    assert!(Passport::parse(&text).is_ok());
    let v = verifier();
    let opts = PassportOptions::default();
    assert_eq!(
        verify_passport(&v, &text, AT, &opts).verdict,
        Verdict::Accepted
    );
    for wrong in [format!("{text}0"), text[..TEXT_LEN - 1].to_owned()] {
        assert_eq!(
            Passport::parse(&wrong).unwrap_err().code(),
            "passport.malformed"
        );
    }
    // The grace after expiry: stale at its last second, expired one second later.
    let end = p.expires_at + opts.grace_secs;
    let r = verify_passport(&v, &text, end, &opts);
    assert!(
        r.codes().contains(&ReasonCode::PassportStale),
        "{:?}",
        r.codes()
    );
    let r = verify_passport(&v, &text, end + 1, &opts);
    assert!(
        r.codes().contains(&ReasonCode::PassportExpired),
        "{:?}",
        r.codes()
    );
}

#[test]
fn identity_code_length() {
    let c = subject("70006").to_string();
    assert!(code::is_valid(&c));
    assert_eq!(
        code::validate(&format!("{c}0")).unwrap_err().code(),
        "code.wrong_length"
    );
    assert_eq!(
        code::validate(&c[..28]).unwrap_err().code(),
        "code.wrong_length"
    );
    // Separators do not count: reading is linear in the input, whatever its length.
    let spaced: String = c.chars().flat_map(|ch| [ch, ' ', '-']).collect();
    assert!(code::is_valid(&spaced));
    // The unit field holds at most 13 symbols.
    assert!(IdentityCode::from_fields("86", "0042", "A3W0F5", &"1".repeat(13)).is_ok());
    assert_eq!(
        IdentityCode::from_fields("86", "0042", "A3W0F5", &"1".repeat(14))
            .unwrap_err()
            .code(),
        "code.field_invalid"
    );
}

#[test]
fn clock_skew_and_trust_list_grace() {
    let v = verifier();
    let skew = VerifyOptions::default().clock_skew_secs;
    // An event up to the skew after the verification time is accepted; one second more is not.
    let r = v.verify(&attestation(AT - DAY + skew).to_json(), AT - DAY);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", codes(&r.failures));
    let r = v.verify(&attestation(AT - DAY + skew + 1).to_json(), AT - DAY);
    assert_eq!(codes(&r.failures), [ReasonCode::TimeInFuture]);
    // A trust list within its grace is accepted with a warning; one second later it is expired.
    let grace = VerifyOptions::default().trust_list_grace_secs;
    let list = verify_list(&list_envelope(), LIST_EXPIRES + grace).unwrap();
    assert_eq!(codes(list.warnings()), [ReasonCode::TrustListExpiredGrace]);
    assert_eq!(
        verify_list(&list_envelope(), LIST_EXPIRES + grace + 1)
            .unwrap_err()
            .code(),
        "trust_list.expired"
    );
}

/// A participant's signature must name its key: one without a key ID is tried against no key
/// (docs/attestations.md section 1), so a flood of them costs nothing but parsing; the same
/// signature with its key ID verifies.
#[test]
fn a_signature_without_a_key_id_is_tried_against_no_participant_key() {
    let v = verifier();
    let honest = attestation(T0 + DAY);
    assert_eq!(v.verify(&honest.to_json(), AT).verdict, Verdict::Accepted);
    let mut anonymous: Value = serde_json::from_slice(&honest.to_json()).unwrap();
    anonymous["signatures"][0]["keyid"] = Value::from("");
    let r = v.verify(&serde_json::to_vec(&anonymous).unwrap(), AT);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    assert!(r.has(ReasonCode::SignerUnknown), "{:?}", r.codes());
    // Fifteen anonymous signatures beside the honest one: still accepted on the honest one.
    let mut flooded: Value = serde_json::from_slice(&honest.to_json()).unwrap();
    let bogus = anonymous["signatures"][0].clone();
    for _ in 0..15 {
        flooded["signatures"]
            .as_array_mut()
            .unwrap()
            .push(bogus.clone());
    }
    let r = v.verify(&serde_json::to_vec(&flooded).unwrap(), AT);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.codes());
}
