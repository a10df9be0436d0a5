//! One test (at least) per check of the Verifier, each able to fail.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::attestation::{Attestation, LifecycleEvent};
use hrid::code::IdentityCode;
use hrid::envelope::{statement_hash, Envelope, PayloadType};
use hrid::keys::SigningKey;
use hrid::reason::ReasonCode as R;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, VerificationReport, Verifier, VerifyOptions};

const AT: i64 = 10_000;
const CODE: &str = "860042A3W0F50000000012345ZAR2";

fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}
fn root() -> SigningKey {
    key(1)
}
fn maker() -> SigningKey {
    key(2)
}
fn dealer() -> SigningKey {
    key(3)
}
fn fixit_old() -> SigningKey {
    key(4)
}
fn expired_co() -> SigningKey {
    key(5)
}
fn stranger() -> SigningKey {
    key(9)
}

fn pk(k: &SigningKey, from: i64, until: i64, compromised: Option<i64>) -> ParticipantKey {
    ParticipantKey {
        public_key: k.verifying_key(),
        valid_from: from,
        valid_until: until,
        compromised_since: compromised,
    }
}

fn participant(
    id: &str,
    roles: Vec<Role>,
    scope: Option<&str>,
    keys: Vec<ParticipantKey>,
) -> Participant {
    Participant {
        id: id.into(),
        name: id.to_uppercase(),
        roles,
        scope: scope.map(|m| Scope {
            manufacturers: vec![m.into()],
        }),
        keys,
    }
}

fn trust_list(expires_at: i64) -> TrustList {
    TrustList {
        version: 1,
        issued_at: 500,
        expires_at,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root().verifying_key()],
        },
        participants: vec![
            participant(
                "acme",
                vec![Role::Manufacturer],
                Some("0042"),
                vec![pk(&maker(), 1000, 100_000, None)],
            ),
            participant(
                "dealer-1",
                vec![Role::Dealer],
                None,
                vec![pk(&dealer(), 0, 100_000, None)],
            ),
            participant(
                "fixit",
                vec![Role::Maintainer],
                None,
                vec![pk(&fixit_old(), 0, 100_000, Some(5000))],
            ),
            participant(
                "old-co",
                vec![Role::Maintainer],
                None,
                vec![pk(&expired_co(), 0, 3000, None)],
            ),
        ],
        permissions: TrustList::default_permissions(),
    }
}

fn verifier_with(expires_at: i64, verify_at: i64) -> Verifier {
    let anchor = TrustAnchor::new(vec![root().verifying_key()], 1).unwrap();
    let env = trust_list(expires_at).sign(&[&root()]).to_json();
    let options = VerifyOptions::default();
    let verified = TrustList::verify(&env, &anchor, 0, verify_at, &options).unwrap();
    Verifier::new(verified, options)
}

fn verifier() -> Verifier {
    verifier_with(50_000, AT)
}

fn statement(issuer: &str, time: i64, event: LifecycleEvent) -> Attestation {
    Attestation {
        subject: CODE.parse().unwrap(),
        seq: 0,
        prev: None,
        time,
        issuer: issuer.into(),
        event,
    }
}

fn manufactured() -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date: 2000,
        firmware: "1.0.0".into(),
        components: vec![],
    }
}

fn maintained() -> LifecycleEvent {
    LifecycleEvent::Maintained {
        summary: "joint service".into(),
    }
}

fn run(envelope: &Envelope) -> VerificationReport {
    verifier().verify(&envelope.to_json(), AT)
}

fn failure_codes(r: &VerificationReport) -> Vec<&'static str> {
    r.failures.iter().map(|f| f.code.as_str()).collect()
}

#[track_caller]
fn assert_rejected_with(r: &VerificationReport, code: R) {
    assert_eq!(r.verdict, Verdict::Rejected, "{}", r.to_json());
    assert!(
        r.failures.iter().any(|f| f.code == code),
        "{code} missing: {}",
        r.to_json()
    );
    assert!(r.statement.is_none());
}

#[test]
fn accepts_a_good_attestation_and_reports_every_check() {
    let s = statement("acme", 2000, manufactured());
    let env = s.sign(&[&maker()]);
    let r = run(&env);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert!(r.failures.is_empty() && r.warnings.is_empty());
    let passed: Vec<R> = r.passed.iter().map(|f| f.code).collect();
    assert_eq!(
        passed,
        vec![
            R::TrustListCurrent,
            R::EnvelopeWellFormed,
            R::SignatureValid,
            R::StatementWellFormed,
            R::SignerKnown,
            R::KeyValid,
            R::RolePermitted,
            R::ScopeWithin,
            R::TimeNotInFuture,
        ]
    );
    assert!(passed
        .iter()
        .all(|c| c.severity() == hrid::reason::Severity::Passed));
    let v = r.statement.as_ref().unwrap();
    assert_eq!(v.attestation(), &s);
    assert_eq!(v.participant(), "acme");
    assert_eq!(v.key_id(), maker().key_id());
    assert_eq!(
        v.statement_hash(),
        statement_hash(PayloadType::Attestation, &s.to_json())
    );
    // Evidence carries the key ID and the statement hash.
    let sig = &r.passed[2];
    assert_eq!(sig.evidence["key_id"], maker().key_id().as_str());
    assert_eq!(sig.evidence["statement_hash"], v.statement_hash());
    assert_eq!(r.passed[3].subject.as_deref(), Some(CODE));
}

#[test]
fn report_serialises_codes_as_strings() {
    let r = run(&statement("acme", 2000, manufactured()).sign(&[&maker()]));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["verdict"], "accepted");
    assert_eq!(json["passed"][0]["code"], "trust_list.current");
    assert_eq!(json["statement"]["statement"]["subject"], CODE);
    assert_eq!(json["statement"]["participant"], "acme");
    let r = verifier().verify(b"{}", AT);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["verdict"], "rejected");
    assert_eq!(json["failures"][0]["code"], "envelope.malformed");
    assert!(json["statement"].is_null());
}

#[test]
fn envelope_checks() {
    let v = verifier();
    let r = v.verify(b"not json", AT);
    assert_rejected_with(&r, R::EnvelopeMalformed);
    let r = v.verify(br#"{"payloadType":"a","payloadType":"b"}"#, AT);
    assert_rejected_with(&r, R::EnvelopeDuplicateKey);
    let big = vec![b' '; VerifyOptions::default().limits.max_envelope_bytes + 1];
    assert_rejected_with(&v.verify(&big, AT), R::EnvelopeTooLarge);
    // A trust list is not an attestation.
    let env = trust_list(50_000).sign(&[&root()]);
    assert_rejected_with(&run(&env), R::EnvelopePayloadTypeUnexpected);
    let unknown = String::from_utf8(
        statement("acme", 2000, manufactured())
            .sign(&[&maker()])
            .to_json(),
    )
    .unwrap()
    .replace("vnd.hrid.attestation.v1", "vnd.hrid.attestation.v2");
    assert_rejected_with(
        &v.verify(unknown.as_bytes(), AT),
        R::EnvelopePayloadTypeUnknown,
    );
}

#[test]
fn unknown_signer_is_indeterminate_and_reads_nothing() {
    let r = run(&statement("acme", 2000, manufactured()).sign(&[&stranger()]));
    assert_eq!(r.verdict, Verdict::Indeterminate);
    assert_eq!(failure_codes(&r), vec!["signer.unknown"]);
    assert!(!r.has(R::StatementWellFormed));
    assert!(r.statement.is_none());
}

#[test]
fn bad_signature_is_rejected_before_the_payload_is_read() {
    // Claims to be acme's key but is signed by a stranger, over a payload that is not even a
    // statement: only the signature failure may be reported.
    let mut json = String::from_utf8(
        Envelope::sign(
            PayloadType::Attestation,
            b"{\"subject\":\"garbage\"}",
            &[&stranger()],
        )
        .to_json(),
    )
    .unwrap();
    json = json.replace(stranger().key_id().as_str(), maker().key_id().as_str());
    let r = verifier().verify(json.as_bytes(), AT);
    assert_rejected_with(&r, R::SignatureInvalid);
    assert_eq!(failure_codes(&r), vec!["signature.invalid"]);
    assert!(r
        .codes()
        .iter()
        .all(|c| !c.as_str().starts_with("statement.")));

    // A genuine signature over other bytes.
    let good = statement("acme", 2000, manufactured()).sign(&[&maker()]);
    let other = statement("acme", 2001, manufactured()).sign(&[&maker()]);
    let good_json = String::from_utf8(good.to_json()).unwrap();
    let other_json = String::from_utf8(other.to_json()).unwrap();
    let sig_of = |j: &str| j[j.find("\"sig\":").unwrap()..].to_owned();
    let spliced = good_json.replace(&sig_of(&good_json), &sig_of(&other_json));
    assert_rejected_with(
        &verifier().verify(spliced.as_bytes(), AT),
        R::SignatureInvalid,
    );
}

#[test]
fn statement_shape_checks_run_on_verified_bytes() {
    let sign =
        |payload: &str| Envelope::sign(PayloadType::Attestation, payload.as_bytes(), &[&maker()]);
    assert_rejected_with(&run(&sign("[1,2]")), R::StatementMalformed);
    let dup = format!(
        r#"{{"subject":"{CODE}","seq":0,"prev":null,"time":2000,"issuer":"acme","issuer":"dealer-1","event":{{"type":"registered"}}}}"#
    );
    assert_rejected_with(&run(&sign(&dup)), R::StatementDuplicateKey);
    let bad_subject = r#"{"subject":"860042A3W0F50000000012345ZAR3","seq":0,"prev":null,"time":2000,"issuer":"acme","event":{"type":"shipped","to":"x"}}"#;
    assert_rejected_with(&run(&sign(bad_subject)), R::StatementSubjectInvalid);
    let bad_prev = format!(
        r#"{{"subject":"{CODE}","seq":0,"prev":"00","time":2000,"issuer":"acme","event":{{"type":"shipped","to":"x"}}}}"#
    );
    assert_rejected_with(&run(&sign(&bad_prev)), R::StatementFieldInvalid);
    let deep = format!("{}{}", "[".repeat(33), "]".repeat(33));
    assert_rejected_with(&run(&sign(&deep)), R::StatementTooDeep);
}

#[test]
fn issuer_must_own_the_signing_key() {
    let r = run(
        &statement("dealer-1", 2000, LifecycleEvent::Sold { buyer: "c".into() }).sign(&[&maker()]),
    );
    assert_rejected_with(&r, R::SignerIssuerMismatch);
    assert_eq!(r.failures[0].evidence["participant"], "acme");
    // Both sign; issuer is dealer-1: the dealer's key is the one checked.
    let r = run(
        &statement("dealer-1", 2000, LifecycleEvent::Sold { buyer: "c".into() })
            .sign(&[&maker(), &dealer()]),
    );
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_eq!(r.statement.unwrap().key_id(), dealer().key_id());
}

#[test]
fn key_validity_at_the_event_time() {
    // acme's key is valid from 1000.
    let r = run(&statement("acme", 999, manufactured()).sign(&[&maker()]));
    assert_rejected_with(&r, R::KeyNotYetValid);
    assert!(run(&statement("acme", 1000, manufactured()).sign(&[&maker()])).is_accepted());
    // old-co's key is valid until 3000 (exclusive).
    assert!(run(&statement("old-co", 2999, maintained()).sign(&[&expired_co()])).is_accepted());
    assert_rejected_with(
        &run(&statement("old-co", 3000, maintained()).sign(&[&expired_co()])),
        R::KeyExpired,
    );
    // fixit's key is compromised from 5000.
    assert_rejected_with(
        &run(&statement("fixit", 5000, maintained()).sign(&[&fixit_old()])),
        R::KeyCompromised,
    );
    let r = run(&statement("fixit", 4999, maintained()).sign(&[&fixit_old()]));
    assert_eq!(r.verdict, Verdict::Accepted);
    assert_eq!(r.warnings[0].code, R::KeyCompromisedLater);
    assert_eq!(r.warnings[0].evidence["compromised_since"], "5000");
}

#[test]
fn role_must_permit_the_event() {
    let r = run(&statement("dealer-1", 2000, manufactured()).sign(&[&dealer()]));
    assert_rejected_with(&r, R::RoleNotPermitted);
    assert_eq!(r.failures[0].evidence["event_type"], "manufactured");
    assert!(run(
        &statement("dealer-1", 2000, LifecycleEvent::Sold { buyer: "b".into() }).sign(&[&dealer()])
    )
    .is_accepted());
}

#[test]
fn scope_limits_a_manufacturer_to_its_codes() {
    let mut s = statement("acme", 2000, manufactured());
    s.subject = IdentityCode::from_fields("86", "0043", "A3W0F5", "12345").unwrap();
    let r = run(&s.sign(&[&maker()]));
    assert_rejected_with(&r, R::ScopeOutside);
    assert_eq!(r.failures[0].evidence["manufacturer"], "0043");
    // An unscoped dealer may sell it.
    let mut s = statement("dealer-1", 2000, LifecycleEvent::Sold { buyer: "b".into() });
    s.subject = IdentityCode::from_fields("86", "0043", "A3W0F5", "12345").unwrap();
    assert!(run(&s.sign(&[&dealer()])).is_accepted());
}

#[test]
fn event_time_may_not_be_in_the_future() {
    let skew = VerifyOptions::default().clock_skew_secs;
    assert!(run(&statement("acme", AT + skew, manufactured()).sign(&[&maker()])).is_accepted());
    let r = run(&statement("acme", AT + skew + 1, manufactured()).sign(&[&maker()]));
    assert_rejected_with(&r, R::TimeInFuture);
}

#[test]
fn several_failures_are_all_reported() {
    let mut s = statement("dealer-1", AT + 10_000, manufactured());
    s.subject = IdentityCode::from_fields("86", "0043", "A3W0F5", "12345").unwrap();
    let r = run(&s.sign(&[&dealer()]));
    assert_eq!(r.verdict, Verdict::Rejected);
    assert_eq!(
        failure_codes(&r),
        vec!["role.not_permitted", "time.in_future"]
    );
}

#[test]
fn trust_list_expiry_is_graded() {
    let options = VerifyOptions::default();
    let v = verifier_with(AT, AT);
    let env = statement("acme", 2000, manufactured())
        .sign(&[&maker()])
        .to_json();
    assert!(v.verify(&env, AT).is_accepted());
    let r = v.verify(&env, AT + 1);
    assert_eq!(r.verdict, Verdict::Accepted);
    assert_eq!(r.warnings[0].code, R::TrustListExpiredGrace);
    let r = v.verify(&env, AT + options.trust_list_grace_secs + 1);
    assert_eq!(r.verdict, Verdict::Indeterminate, "{}", r.to_json());
    assert_eq!(failure_codes(&r), vec!["trust_list.expired"]);
    assert!(r.statement.is_none());
    // A failure still outranks an outdated list.
    let bad = statement("dealer-1", 2000, manufactured())
        .sign(&[&dealer()])
        .to_json();
    assert_eq!(
        v.verify(&bad, AT + options.trust_list_grace_secs + 1)
            .verdict,
        Verdict::Rejected
    );
}

#[test]
fn verdict_rules_follow_severity() {
    for code in R::ALL {
        let s = code.severity();
        let name = code.as_str();
        if name.ends_with(".valid") || name.ends_with(".current") || name.ends_with(".well_formed")
        {
            assert_eq!(s, hrid::reason::Severity::Passed, "{name}");
        }
    }
    assert_eq!(
        R::SignerUnknown.severity(),
        hrid::reason::Severity::Indeterminate
    );
    assert_eq!(
        R::TrustListExpired.severity(),
        hrid::reason::Severity::Indeterminate
    );
}
