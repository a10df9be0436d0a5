//! Property tests of every parser of untrusted input (the identity code has its own, in
//! `code_properties.rs`): arbitrary input never panics and is never accepted, and what hrid
//! writes reads back to the same value.
//!
//! Case counts stay modest (signing and verifying cost tens of microseconds each); the fuzz
//! targets in `fuzz/` run the same parsers for much longer.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::attestation::{Attestation, JointReport, LifecycleEvent, UseCategory};
use hrid::code::IdentityCode;
use hrid::envelope::{Envelope, PayloadType};
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::json::Limits;
use hrid::keys::{SigningKey, VerifyingKey};
use hrid::passport::{verify_passport, Passport, PassportHead, PassportOptions, PassportStatus};
use hrid::recall::RecallNotice;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};
use proptest::prelude::*;

const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

// --- strategies ---------------------------------------------------------------------------

fn symbols(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".to_vec()),
        n,
    )
    .prop_map(|v| v.into_iter().map(char::from).collect())
}

fn any_code() -> impl Strategy<Value = IdentityCode> {
    (symbols(2), symbols(4), symbols(6), symbols(13))
        .prop_map(|(c, m, p, u)| IdentityCode::from_fields(&c, &m, &p, &u).unwrap())
}

fn hash() -> impl Strategy<Value = String> {
    "[0-9a-f]{64}"
}

/// Any text, including non-ASCII, quotes and escapes.
fn text() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

fn event() -> impl Strategy<Value = LifecycleEvent> {
    prop_oneof![
        Just(LifecycleEvent::Registered {}),
        text().prop_map(|to| LifecycleEvent::Shipped { to }),
        text().prop_map(|from| LifecycleEvent::Received { from }),
        text().prop_map(|buyer| LifecycleEvent::Sold { buyer }),
        text().prop_map(|to| LifecycleEvent::Transferred { to }),
        text().prop_map(|site| LifecycleEvent::Deployed {
            site,
            use_category: UseCategory::Industrial
        }),
        (
            any::<u64>(),
            0u8..=100,
            any::<u64>(),
            text(),
            0u8..=100,
            0u8..=100
        )
            .prop_map(
                |(h, soh, cycles, joint, wear, perf)| LifecycleEvent::Telemetry {
                    operating_hours: h,
                    battery_soh_percent: soh,
                    battery_cycles: cycles,
                    joints: vec![JointReport {
                        joint,
                        wear_percent: wear,
                        performance_percent: perf,
                    }],
                }
            ),
        text().prop_map(|summary| LifecycleEvent::Maintained { summary }),
        Just(LifecycleEvent::Scrapped {}),
        Just(LifecycleEvent::Decommissioned {}),
    ]
}

fn statement() -> impl Strategy<Value = Attestation> {
    (
        any_code(),
        any::<u64>(),
        proptest::option::of(hash()),
        any::<i64>(),
        "[a-z][a-z0-9._-]{0,20}",
        event(),
    )
        .prop_map(|(subject, seq, prev, time, issuer, event)| Attestation {
            subject,
            seq,
            prev,
            time,
            issuer,
            event,
        })
}

fn seed() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>()
}

// --- a fixed world for verification ------------------------------------------------------

fn root() -> SigningKey {
    SigningKey::from_seed([1; 32])
}

fn maker() -> SigningKey {
    SigningKey::from_seed([2; 32])
}

fn registry() -> SigningKey {
    SigningKey::from_seed([3; 32])
}

fn participant(id: &str, role: Role, scope: Option<&str>, key: &SigningKey) -> Participant {
    Participant {
        id: id.into(),
        name: id.into(),
        roles: vec![role],
        scope: scope.map(|m| Scope {
            manufacturers: vec![m.into()],
        }),
        keys: vec![ParticipantKey {
            public_key: key.verifying_key(),
            valid_from: T0 - DAY,
            valid_until: T0 + 1000 * DAY,
            compromised_since: None,
        }],
    }
}

fn world_list() -> TrustList {
    TrustList {
        version: 1,
        issued_at: T0 - DAY,
        expires_at: T0 + 1000 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root().verifying_key()],
        },
        participants: vec![
            participant("maker", Role::Manufacturer, Some("0042"), &maker()),
            participant("registry", Role::Registry, None, &registry()),
        ],
        permissions: TrustList::default_permissions(),
    }
}

fn anchor() -> TrustAnchor {
    TrustAnchor::new(vec![root().verifying_key()], 1).unwrap()
}

fn verifier() -> Verifier {
    let envelope = world_list().sign(&[&root()]).to_json();
    let list = TrustList::verify(&envelope, &anchor(), 0, T0, &VerifyOptions::default()).unwrap();
    Verifier::new(list, VerifyOptions::default())
}

fn our_code(unit: &str) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", unit).unwrap()
}

/// Bytes that are often JSON-shaped: arbitrary bytes, or JSON-ish text.
fn document() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        "[\\[\\]{}\",:0-9a-zA-Z ]{0,128}".prop_map(String::into_bytes),
        "\\{\"(payloadType|payload|signatures|subject|attestations|recalls|passport)\":\\PC{0,64}\\}"
            .prop_map(String::into_bytes),
    ]
}

// --- properties --------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn envelope_from_json_never_panics(doc in document()) {
        let _ = Envelope::from_json(&doc, Limits::DEFAULT.max_envelope_bytes, &Limits::DEFAULT);
    }

    #[test]
    fn statement_from_json_never_panics(doc in document()) {
        let _ = Attestation::from_json(&doc, &Limits::DEFAULT);
    }

    #[test]
    fn trust_list_from_json_never_panics(doc in document()) {
        let _ = TrustList::from_json(&doc, &Limits::DEFAULT);
    }

    #[test]
    fn recall_from_json_never_panics(doc in document()) {
        let _ = RecallNotice::from_json(&doc, &Limits::DEFAULT);
    }

    #[test]
    fn keys_never_panic_on_any_input(s in "\\PC{0,160}", der in proptest::collection::vec(any::<u8>(), 0..96)) {
        let _ = SigningKey::from_hex(&s);
        let _ = VerifyingKey::from_hex(&s);
        let _ = SigningKey::from_pkcs8_pem(&s);
        let _ = VerifyingKey::from_public_key_pem(&s);
        let _ = SigningKey::from_pkcs8_der(&der);
        let _ = VerifyingKey::from_public_key_der(&der);
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{s}\n-----END PUBLIC KEY-----\n");
        let _ = VerifyingKey::from_public_key_pem(&pem);
        let pem = format!("-----BEGIN PRIVATE KEY-----\n{s}\n-----END PRIVATE KEY-----\n");
        let _ = SigningKey::from_pkcs8_pem(&pem);
    }

    #[test]
    fn passport_parse_never_panics(s in "\\PC{0,200}", body in "[0-9A-HJKMNP-TV-Z]{188}") {
        let _ = Passport::parse(&s);
        // The right prefix and length, the right alphabet: reaches the frame decoding.
        let _ = Passport::parse(&format!("HP1:{body}"));
    }

    #[test]
    fn statement_round_trip(s in statement()) {
        let json = s.to_json();
        prop_assert_eq!(Attestation::from_json(&json, &Limits::DEFAULT).unwrap(), s);
    }

    #[test]
    fn recall_round_trip(
        id in "[!-~]{1,64}",
        unit in symbols(13),
        defect in text(),
        remedy in text(),
        codes in proptest::collection::vec(any_code(), 0..3),
        issued_at in any::<i64>(),
    ) {
        let notice = RecallNotice {
            recall_id: id,
            issuer: "maker".into(),
            issued_at,
            population: hrid::recall::RecallPopulation {
                manufacturer: Some("0042".into()),
                models: vec!["A3W0F5".into()],
                unit_ranges: vec![hrid::recall::UnitRange { first: unit.clone(), last: unit }],
                codes: codes.iter().map(|c| c.to_string()).collect(),
            },
            defect,
            remedy,
        };
        prop_assert_eq!(RecallNotice::from_json(&notice.to_json(), &Limits::DEFAULT).unwrap(), notice);
    }
}

proptest! {
    // Each case signs and verifies: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn signed_envelope_round_trip(s in statement(), seeds in proptest::collection::vec(seed(), 1..4)) {
        let keys: Vec<SigningKey> = seeds.into_iter().map(SigningKey::from_seed).collect();
        let refs: Vec<&SigningKey> = keys.iter().collect();
        let envelope = s.sign(&refs);
        let json = envelope.to_json();
        let back = Envelope::from_json(&json, usize::MAX, &Limits::DEFAULT).unwrap();
        prop_assert_eq!(back.statement_hash(), envelope.statement_hash());
        prop_assert_eq!(back.to_json(), json);
        let trusted: Vec<VerifyingKey> = keys.iter().map(SigningKey::verifying_key).collect();
        let verified = back.verify_with(&trusted).unwrap();
        prop_assert_eq!(verified.payload_type(), PayloadType::Attestation);
        let hash = envelope.statement_hash();
        prop_assert_eq!(verified.statement_hash(), hash.as_str());
        prop_assert_eq!(Attestation::from_json(verified.payload(), &Limits::DEFAULT).unwrap(), s);
    }

    #[test]
    fn arbitrary_documents_are_never_accepted(doc in document(), at in T0..T0 + 900 * DAY) {
        let v = verifier();
        prop_assert_ne!(v.verify(&doc, at).verdict, Verdict::Accepted);
        prop_assert!(TrustList::verify(&doc, &anchor(), 0, at, &VerifyOptions::default()).is_err());
        prop_assert_ne!(hrid::recall::verify_recall(&v, &doc, at).verdict, Verdict::Accepted);
        let r = verify_history(&v, &doc, at, &HistoryOptions::default());
        prop_assert_ne!(r.verdict, Verdict::Accepted);
        let batched = verify_history(&v, &doc, at, &HistoryOptions { batch: true, ..HistoryOptions::DEFAULT });
        prop_assert_eq!(batched.to_json(), r.to_json());
    }

    #[test]
    fn arbitrary_passports_are_never_accepted(s in "\\PC{0,200}", body in "[0-9A-HJKMNP-TV-Z]{188}") {
        let v = verifier();
        for text in [s, format!("HP1:{body}")] {
            let r = verify_passport(&v, &text, T0, &PassportOptions::default());
            prop_assert_ne!(r.verdict, Verdict::Accepted);
        }
    }

    #[test]
    fn passport_sign_parse_round_trip(
        subject in any_code(),
        status in proptest::sample::select(PassportStatus::ALL.to_vec()),
        head in proptest::option::of((0u32..u32::MAX, any::<[u8; 16]>())),
        issued_at in 0i64..=i64::from(u32::MAX) - 1,
        lifetime in 1i64..=400 * DAY,
        seed in seed(),
    ) {
        let p = Passport {
            subject,
            status,
            head: head.map(|(seq, hash_prefix)| PassportHead { seq, hash_prefix }),
            issued_at,
            expires_at: (issued_at + lifetime).min(i64::from(u32::MAX)),
        };
        let key = SigningKey::from_seed(seed);
        if p.expires_at - p.issued_at > hrid::passport::MAX_LIFETIME_SECS {
            // The issuer refuses a lifetime beyond the maximum (docs/passport.md section 2).
            let refused = matches!(p.sign(&key), Err(hrid::passport::PassportError::FieldInvalid { field: "expires_at", .. }));
            prop_assert!(refused);
            return Ok(());
        }
        let text = p.sign(&key).unwrap();
        prop_assert_eq!(text.len(), hrid::passport::TEXT_LEN);
        let parsed = Passport::parse(&text).unwrap();
        prop_assert_eq!(&parsed.passport, &p);
        prop_assert_eq!(parsed.key_hint, hrid::passport::key_hint(&key.verifying_key()));
    }

    #[test]
    fn passports_of_the_registry_verify(subject in any_code(), offset in 0i64..30 * DAY) {
        let p = Passport {
            subject,
            status: PassportStatus::Active,
            head: None,
            issued_at: T0 + offset,
            expires_at: T0 + offset + 30 * DAY,
        };
        let text = p.sign(&registry()).unwrap();
        let r = verify_passport(&verifier(), &text, T0 + offset, &PassportOptions::default());
        prop_assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.codes());
    }

    #[test]
    fn key_export_import_round_trip(seed in seed()) {
        let k = SigningKey::from_seed(seed);
        let public = k.verifying_key();
        prop_assert_eq!(SigningKey::from_hex(&k.to_hex()).unwrap().verifying_key(), public.clone());
        let der = k.to_pkcs8_der().unwrap();
        prop_assert_eq!(SigningKey::from_pkcs8_der(&der).unwrap().verifying_key(), public.clone());
        let pem = k.to_pkcs8_pem().unwrap();
        prop_assert_eq!(SigningKey::from_pkcs8_pem(&pem).unwrap().verifying_key(), public.clone());
        prop_assert_eq!(VerifyingKey::from_hex(&public.to_hex()).unwrap(), public.clone());
        let spki = public.to_public_key_der().unwrap();
        prop_assert_eq!(VerifyingKey::from_public_key_der(&spki).unwrap(), public.clone());
        let spki_pem = public.to_public_key_pem().unwrap();
        prop_assert_eq!(VerifyingKey::from_public_key_pem(&spki_pem).unwrap(), public.clone());
        prop_assert_eq!(k.key_id(), public.key_id());
    }

    #[test]
    fn trust_list_sign_verify_round_trip(
        version in 1u64..1_000_000,
        issued_at in T0 - 100 * DAY..T0,
        lifetime in 1i64..1000 * DAY,
        root_seeds in proptest::collection::btree_set(1u8..=200, 1..4),
        threshold in 1u32..4,
        names in proptest::collection::vec(text(), 0..4),
    ) {
        let roots: Vec<SigningKey> = root_seeds.iter().map(|s| SigningKey::from_seed([*s; 32])).collect();
        let threshold = threshold.min(roots.len() as u32);
        let participants = names
            .iter()
            .enumerate()
            .map(|(i, name)| Participant {
                name: name.clone(),
                ..participant(&format!("p{i}"), Role::Dealer, None, &SigningKey::from_seed([201 + i as u8; 32]))
            })
            .collect();
        let list = TrustList {
            version,
            issued_at,
            expires_at: issued_at + lifetime,
            roots: RootKeys { threshold, keys: roots.iter().map(SigningKey::verifying_key).collect() },
            participants,
            permissions: TrustList::default_permissions(),
        };
        prop_assert_eq!(TrustList::from_json(&list.to_json(), &Limits::DEFAULT).unwrap(), list.clone());
        let signers: Vec<&SigningKey> = roots.iter().take(threshold as usize).collect();
        let envelope = list.sign(&signers).to_json();
        let anchor = TrustAnchor::new(roots.iter().map(SigningKey::verifying_key).collect(), threshold as usize).unwrap();
        let verified = TrustList::verify(&envelope, &anchor, version, issued_at, &VerifyOptions::default()).unwrap();
        prop_assert_eq!(verified.trust_list(), &list);
        // One signature short of the threshold never verifies.
        if threshold > 1 {
            let short = list.sign(&signers[..signers.len() - 1]).to_json();
            prop_assert!(TrustList::verify(&short, &anchor, 0, issued_at, &VerifyOptions::default()).is_err());
        }
    }
}

proptest! {
    // Each case signs and verifies a whole chain.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn built_chains_verify(unit in symbols(13), reports in proptest::collection::vec(1u64..1000, 0..6), batch in any::<bool>()) {
        let code = our_code(&unit);
        let mut chain = ChainBuilder::new(code);
        let mut t = T0;
        chain.push(t, "maker", LifecycleEvent::Manufactured {
            model: "A3W0F5".into(), production_date: t, firmware: "1".into(), components: vec![],
        }, &[&maker()]);
        t += 60;
        chain.push(t, "registry", LifecycleEvent::Registered {}, &[&registry()]);
        let mut hours = 0;
        for step in &reports {
            t += 60;
            hours += step;
            chain.push(t, "maker", LifecycleEvent::Telemetry {
                operating_hours: hours, battery_soh_percent: 90, battery_cycles: hours, joints: vec![],
            }, &[&maker()]);
        }
        let json = chain.bundle().to_json();
        let r = verify_history(&verifier(), &json, t + DAY, &HistoryOptions { batch, ..HistoryOptions::DEFAULT });
        prop_assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.codes());
        prop_assert_eq!(r.events, reports.len() + 2);
        let head = r.head.unwrap();
        prop_assert_eq!(head.seq, reports.len() as u64 + 1);
        prop_assert_eq!(Some(head.statement_hash.as_str()), chain.head());
        prop_assert_eq!(r.subject, Some(code.to_string()));
    }
}
