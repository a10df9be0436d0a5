//! Rules pinned at their edges, each stated from the docs (`docs/attestations.md`,
//! `docs/histories.md`, `docs/passport.md`, `docs/identity-code.md`), not from the code's output: the tests that kill the
//! mutants cargo-mutants found surviving (docs/testing.md, "Mutation score"). Each test's name
//! is the rule; its comment quotes or cites the sentence of the docs it checks.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::access::{decide_access, AccessOptions, Decision, Evidence, Policy};
use hrid::attestation::{Attestation, ComponentKind, EventType, LifecycleEvent, UseCategory};
use hrid::code::IdentityCode;
use hrid::envelope::{Envelope, KeyHint, PayloadType};
use hrid::history::{custody, verify_history, ChainBuilder, HistoryOptions, HistoryReport};
use hrid::keys::SigningKey;
use hrid::passport::{
    key_hint, verify_passport, Passport, PassportHead, PassportOptions, PassportStatus,
};
use hrid::reason::ReasonCode as R;
use hrid::recall::{verify_recall, RecallNotice, RecallPopulation, UnitRange};
use hrid::trust::{
    KeyStatus, Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList,
};
use hrid::verify::{Verdict, Verifier, VerifyOptions};

/// 2026-01-01T00:00:00Z.
const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
/// The verification time.
const AT: i64 = T0 + 100 * DAY;
/// The trust list's `issued_at`.
const LIST_ISSUED: i64 = T0 - DAY;
/// When `registry-old`'s key stops being valid, and `registry-leaked`'s key is compromised.
const KEY_END: i64 = T0 + 10 * DAY;

fn key(id: &str) -> SigningKey {
    let seed = match id {
        "root" => 1,
        "registry" => 10,
        "samr" => 11,
        "acme" => 12,
        "metro" => 15,
        "cityops" => 16,
        "fixit" => 17,
        "green" => 18,
        "registry-old" => 20,
        "registry-leaked" => 21,
        other => panic!("no participant {other}"),
    };
    SigningKey::from_seed([seed; 32])
}

fn participant(id: &str, roles: Vec<Role>, scope: Option<&str>) -> Participant {
    let until = if id == "registry-old" {
        KEY_END
    } else {
        T0 + 1000 * DAY
    };
    Participant {
        id: id.into(),
        name: id.to_uppercase(),
        roles,
        scope: scope.map(|m| Scope {
            manufacturers: vec![m.into()],
        }),
        keys: vec![ParticipantKey {
            public_key: key(id).verifying_key(),
            valid_from: T0 - 10 * DAY,
            valid_until: until,
            compromised_since: (id == "registry-leaked").then_some(KEY_END),
        }],
    }
}

/// The world: a registry with a good, an expired and a compromised key; a manufacturer scoped to
/// `0042`; a dealer whose scope also names `0042` and whom this list's permission table lets
/// attest a manufacture (the table may; the lifecycle rule still refuses it).
fn trust_list() -> TrustList {
    let mut permissions = TrustList::default_permissions();
    permissions
        .get_mut(&Role::Dealer)
        .unwrap()
        .push(EventType::Manufactured);
    TrustList {
        version: 1,
        issued_at: LIST_ISSUED,
        expires_at: T0 + 1000 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![key("root").verifying_key()],
        },
        participants: vec![
            participant("registry", vec![Role::Registry], None),
            participant("registry-old", vec![Role::Registry], None),
            participant("registry-leaked", vec![Role::Registry], None),
            participant("samr", vec![Role::Regulator], None),
            participant("acme", vec![Role::Manufacturer], Some("0042")),
            participant("metro", vec![Role::Dealer], Some("0042")),
            participant("cityops", vec![Role::Operator], None),
            participant("fixit", vec![Role::Maintainer], None),
            participant("green", vec![Role::Recycler], None),
        ],
        permissions,
    }
}

fn anchor() -> TrustAnchor {
    TrustAnchor::new(vec![key("root").verifying_key()], 1).unwrap()
}

fn verifier() -> Verifier {
    let envelope = trust_list().sign(&[&key("root")]).to_json();
    let options = VerifyOptions::default();
    let list = TrustList::verify(&envelope, &anchor(), 0, AT, &options).unwrap();
    Verifier::new(list, options)
}

fn skew() -> i64 {
    VerifyOptions::default().clock_skew_secs
}

fn code() -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", "12345").unwrap()
}

fn manufactured(production_date: i64) -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date,
        firmware: "1.0.0".into(),
        components: vec![],
    }
}

fn telemetry(hours: u64, cycles: u64) -> LifecycleEvent {
    LifecycleEvent::Telemetry {
        operating_hours: hours,
        battery_soh_percent: 90,
        battery_cycles: cycles,
        joints: vec![],
    }
}

/// A chain builder that signs each statement with its issuer's key.
struct Chain(ChainBuilder);

impl Chain {
    fn new() -> Chain {
        Chain(ChainBuilder::new(code()))
    }
    fn push(&mut self, time: i64, issuer: &str, event: LifecycleEvent) -> &mut Chain {
        self.0.push(time, issuer, event, &[&key(issuer)]);
        self
    }
    /// Manufactured (T0), registered (T0 + 1 day), sold, deployed: an active robot in service.
    fn in_service() -> Chain {
        let mut c = Chain::new();
        c.push(T0, "acme", manufactured(T0))
            .push(T0 + DAY, "registry", LifecycleEvent::Registered {})
            .push(
                T0 + 2 * DAY,
                "metro",
                LifecycleEvent::Sold {
                    buyer: "cityops".into(),
                },
            )
            .push(
                T0 + 3 * DAY,
                "cityops",
                LifecycleEvent::Deployed {
                    site: "warehouse-7".into(),
                    use_category: UseCategory::Industrial,
                },
            );
        c
    }
    fn bundle(&self, recalls: &[RecallNotice]) -> Vec<u8> {
        let mut b = self.0.bundle();
        b.recalls = recalls.iter().map(|n| n.sign(&[&key("acme")])).collect();
        b.to_json()
    }
    fn verify(&self, recalls: &[RecallNotice]) -> HistoryReport {
        verify_history(
            &verifier(),
            &self.bundle(recalls),
            AT,
            &HistoryOptions::default(),
        )
    }
    /// The passport head naming this chain's last statement.
    fn head(&self) -> PassportHead {
        let hash = hex::decode(self.0.head().unwrap()).unwrap();
        PassportHead {
            seq: u32::try_from(self.0.len() - 1).unwrap(),
            hash_prefix: hash[..16].try_into().unwrap(),
        }
    }
}

fn recall(issued_at: i64) -> RecallNotice {
    RecallNotice {
        recall_id: "R-PINNED".into(),
        issuer: "acme".into(),
        issued_at,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec![],
            unit_ranges: vec![],
            codes: vec![],
        },
        defect: "knee actuator may overheat".into(),
        remedy: "install knee actuator firmware 2.1".into(),
    }
}

fn passport(status: PassportStatus, head: Option<PassportHead>) -> Passport {
    Passport {
        subject: code(),
        status,
        head,
        issued_at: AT - DAY,
        expires_at: AT + DAY,
    }
}

#[track_caller]
fn assert_has(codes: &[R], code: R) {
    assert!(codes.contains(&code), "{code} missing from {codes:?}");
}

#[track_caller]
fn assert_lacks(codes: &[R], code: R) {
    assert!(!codes.contains(&code), "{code} unexpected in {codes:?}");
}

// ---------------------------------------------------------------------------------------------
// Passports: the registry key's validity (docs/passport.md section 4, step 5)

/// "that key valid at `issued_at`, by the one key rule": a passport the registry signed after its
/// key's `valid_until` is rejected with `key.expired`, and denies market access; the same key
/// before its end verifies.
#[test]
fn a_passport_signed_with_an_expired_registry_key_is_rejected() {
    let v = verifier();
    let options = PassportOptions::default();
    let mut p = passport(PassportStatus::Active, None);
    p.issued_at = KEY_END;
    p.expires_at = p.issued_at + 90 * DAY; // the longest lifetime allowed
    let text = p.sign(&key("registry-old")).unwrap();
    let r = verify_passport(&v, &text, AT, &options);
    assert_eq!(r.verdict, Verdict::Rejected, "{}", r.to_json());
    assert_has(&r.codes(), R::KeyExpired);
    let d = decide_access(
        &v,
        code().as_str(),
        &Evidence {
            passport: Some(&text),
            history: None,
            status_feed: None,
        },
        Policy::Sale,
        AT,
        &AccessOptions {
            passport: options.clone(),
            ..AccessOptions::default()
        },
    );
    assert!(!d.is_allowed());
    assert_eq!(d.decision, Decision::Denied);
    // One second earlier the key was valid.
    p.issued_at = KEY_END - 1;
    p.expires_at = p.issued_at + 90 * DAY;
    let r = verify_passport(&v, &p.sign(&key("registry-old")).unwrap(), AT, &options);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_has(&r.codes(), R::KeyValid);
}

/// "`key.compromised`; warning `key.compromised_later` when the key was reported compromised
/// after `issued_at`": a passport signed at or after the compromise is rejected; one signed before
/// it is accepted with the warning.
#[test]
fn a_passport_signed_with_a_compromised_registry_key_is_rejected() {
    let v = verifier();
    let options = PassportOptions::default();
    let mut p = passport(PassportStatus::Active, None);
    p.issued_at = KEY_END;
    p.expires_at = p.issued_at + 90 * DAY; // the longest lifetime allowed
    let text = p.sign(&key("registry-leaked")).unwrap();
    let r = verify_passport(&v, &text, AT, &options);
    assert_eq!(r.verdict, Verdict::Rejected, "{}", r.to_json());
    assert_has(&r.codes(), R::KeyCompromised);
    let d = decide_access(
        &v,
        code().as_str(),
        &Evidence {
            passport: Some(&text),
            history: None,
            status_feed: None,
        },
        Policy::Deployment,
        AT,
        &AccessOptions {
            passport: options.clone(),
            ..AccessOptions::default()
        },
    );
    assert!(!d.is_allowed());
    p.issued_at = KEY_END - 1;
    p.expires_at = p.issued_at + 90 * DAY;
    let r = verify_passport(&v, &p.sign(&key("registry-leaked")).unwrap(), AT, &options);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_has(&r.codes(), R::KeyCompromisedLater);
}

/// docs/passport.md section 4, step 3: only a key of a participant with the **registry** role
/// signs passports; the manufacturer's key is not one (`signer.unknown`).
#[test]
fn a_passport_signed_by_a_non_registry_participant_is_not_trusted() {
    let text = passport(PassportStatus::Active, None)
        .sign(&key("acme"))
        .unwrap();
    let r = verify_passport(&verifier(), &text, AT, &PassportOptions::default());
    assert_eq!(r.verdict, Verdict::Indeterminate, "{}", r.to_json());
    assert_has(&r.codes(), R::SignerUnknown);
}

// ---------------------------------------------------------------------------------------------
// Market access: the most restrictive status wins (docs/histories.md section 5, step 6)

/// The statuses from least to most restrictive, as docs/histories.md section 5 orders them.
const ORDER: [PassportStatus; 7] = [
    PassportStatus::Active,
    PassportStatus::RecalledOpen,
    PassportStatus::Suspended,
    PassportStatus::Unregistered,
    PassportStatus::Decommissioned,
    PassportStatus::Scrapped,
    PassportStatus::Dismantled,
];

fn denial(status: PassportStatus) -> Option<R> {
    match status {
        PassportStatus::Active => None,
        PassportStatus::RecalledOpen => Some(R::AccessRecallOpen),
        PassportStatus::Suspended => Some(R::AccessSuspended),
        PassportStatus::Unregistered => Some(R::AccessNotRegistered),
        PassportStatus::Decommissioned => Some(R::AccessDecommissioned),
        PassportStatus::Scrapped | PassportStatus::Dismantled => Some(R::AccessScrapped),
    }
}

/// A suspended passport beside an active history is denied (`access.suspended`): the status is
/// the most restrictive of the accepted evidence, whichever piece of evidence carries it.
#[test]
fn a_suspended_passport_beside_an_active_history_is_denied() {
    let v = verifier();
    let chain = Chain::in_service();
    let history = chain.bundle(&[]);
    let text = passport(PassportStatus::Suspended, Some(chain.head()))
        .sign(&key("registry"))
        .unwrap();
    for policy in [Policy::Listing, Policy::Sale, Policy::Deployment] {
        let d = decide_access(
            &v,
            code().as_str(),
            &Evidence {
                passport: Some(&text),
                history: Some(&history),
                status_feed: None,
            },
            policy,
            AT,
            &AccessOptions {
                passport: PassportOptions::default(),
                ..AccessOptions::default()
            },
        );
        assert_eq!(d.status, Some(PassportStatus::Suspended));
        assert_eq!(d.decision, Decision::Denied);
        assert!(!d.is_allowed());
        assert_has(&d.codes(), R::AccessSuspended);
        assert_lacks(&d.codes(), R::AccessAllowed);
    }
}

/// Every passport status beside an active history, and beside a suspended one: the status is
/// the later of the two in the order active < recalled_open < suspended < unregistered <
/// decommissioned < scrapped < dismantled, and it alone decides.
#[test]
fn the_most_restrictive_status_wins_in_the_documented_order() {
    let v = verifier();
    let active = Chain::in_service();
    let mut suspended = Chain::in_service();
    suspended.push(
        T0 + 4 * DAY,
        "samr",
        LifecycleEvent::Suspended {
            reason: "inspection".into(),
        },
    );
    for (chain, history_status) in [
        (&active, PassportStatus::Active),
        (&suspended, PassportStatus::Suspended),
    ] {
        let history = chain.bundle(&[]);
        let h = ORDER.iter().position(|s| *s == history_status).unwrap();
        for (p, passport_status) in ORDER.iter().enumerate() {
            let text = passport(*passport_status, Some(chain.head()))
                .sign(&key("registry"))
                .unwrap();
            let d = decide_access(
                &v,
                code().as_str(),
                &Evidence {
                    passport: Some(&text),
                    history: Some(&history),
                    status_feed: None,
                },
                Policy::Sale,
                AT,
                &AccessOptions {
                    passport: PassportOptions::default(),
                    ..AccessOptions::default()
                },
            );
            let expected = ORDER[p.max(h)];
            assert_eq!(
                d.status,
                Some(expected),
                "passport {passport_status:?}, history {history_status:?}"
            );
            assert_eq!(d.is_allowed(), expected == PassportStatus::Active);
            match denial(expected) {
                Some(code) => assert_has(&d.codes(), code),
                None => assert_has(&d.codes(), R::AccessAllowed),
            }
        }
    }
}

/// `allowed` exactly when no finding is a failure or indeterminate: an active passport with its
/// active history is allowed, and `is_allowed` says so; a scrapped one is not.
#[test]
fn is_allowed_is_true_exactly_when_the_decision_is_allowed() {
    let v = verifier();
    let chain = Chain::in_service();
    let history = chain.bundle(&[]);
    for (status, allowed) in [
        (PassportStatus::Active, true),
        (PassportStatus::Scrapped, false),
    ] {
        let text = passport(status, Some(chain.head()))
            .sign(&key("registry"))
            .unwrap();
        let d = decide_access(
            &v,
            code().as_str(),
            &Evidence {
                passport: Some(&text),
                history: Some(&history),
                status_feed: None,
            },
            Policy::Deployment,
            AT,
            &AccessOptions {
                passport: PassportOptions::default(),
                ..AccessOptions::default()
            },
        );
        assert_eq!(d.is_allowed(), allowed, "{}", d.to_json());
        assert_eq!(d.decision == Decision::Allowed, allowed);
        assert_eq!(d.verdict == Verdict::Accepted, allowed);
    }
}

// ---------------------------------------------------------------------------------------------
// Recalls: a passport issued from the history of a robot with an open recall

/// docs/passport.md section 4: "`Passport::from_health` (status from the health summary; an
/// active robot with an open recall is `recalled_open`; head from the chain's head)"; once the
/// recall is remedied the robot is `active` again.
#[test]
fn a_passport_issued_from_a_history_with_an_open_recall_is_recalled_open() {
    let notice = recall(T0 + 5 * DAY);
    let chain = Chain::in_service();
    let r = chain.verify(std::slice::from_ref(&notice));
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    let health = r.health.as_ref().unwrap();
    assert_eq!(health.open_recalls, vec!["R-PINNED".to_owned()]);
    let p = Passport::from_health(health, AT - DAY, AT + DAY).unwrap();
    assert_eq!(p.status, PassportStatus::RecalledOpen);
    assert_eq!(p.subject, code());
    assert_eq!(p.head, Some(chain.head()));
    assert_eq!((p.issued_at, p.expires_at), (AT - DAY, AT + DAY));
    // The registry's passport verifies, and denies a sale with access.recall_open.
    let text = p.sign(&key("registry")).unwrap();
    let history = chain.bundle(std::slice::from_ref(&notice));
    let d = decide_access(
        &verifier(),
        code().as_str(),
        &Evidence {
            passport: Some(&text),
            history: Some(&history),
            status_feed: None,
        },
        Policy::Sale,
        AT,
        &AccessOptions {
            passport: PassportOptions::default(),
            ..AccessOptions::default()
        },
    );
    assert_eq!(d.status, Some(PassportStatus::RecalledOpen));
    assert_has(&d.codes(), R::AccessRecallOpen);

    // Remedied: active.
    let mut remedied = Chain::in_service();
    remedied.push(
        T0 + 6 * DAY,
        "fixit",
        LifecycleEvent::RecallRemedied {
            recall_id: "R-PINNED".into(),
        },
    );
    let r = remedied.verify(std::slice::from_ref(&notice));
    let health = r.health.as_ref().unwrap();
    assert!(health.open_recalls.is_empty());
    let p = Passport::from_health(health, AT - DAY, AT + DAY).unwrap();
    assert_eq!(p.status, PassportStatus::Active);
}

/// docs/histories.md section 4: the passport's status follows the health summary's for every
/// other status (a suspended robot with an open recall is `suspended`, the more restrictive).
#[test]
fn a_passport_issued_from_a_history_takes_its_status() {
    let notice = recall(T0 + 5 * DAY);
    let mut suspended = Chain::in_service();
    suspended.push(
        T0 + 6 * DAY,
        "samr",
        LifecycleEvent::Suspended {
            reason: "inspection".into(),
        },
    );
    let r = suspended.verify(std::slice::from_ref(&notice));
    let p = Passport::from_health(r.health.as_ref().unwrap(), AT - DAY, AT + DAY).unwrap();
    assert_eq!(p.status, PassportStatus::Suspended);
    let mut unregistered = Chain::new();
    unregistered.push(T0, "acme", manufactured(T0));
    let r = unregistered.verify(&[]);
    let p = Passport::from_health(r.health.as_ref().unwrap(), AT - DAY, AT + DAY).unwrap();
    assert_eq!(p.status, PassportStatus::Unregistered);
    assert_eq!(p.head.unwrap().seq, 0);
}

// ---------------------------------------------------------------------------------------------
// Equal times and equal counters (docs/histories.md sections 2.1, 2.2, 3)

/// Chain rule 6: "its `time` is not before the `(i-1)`-th's": two events in the same second are
/// in order; one second earlier is `chain.time_decreasing`.
#[test]
fn two_events_in_the_same_second_are_in_order() {
    let mut same = Chain::new();
    same.push(T0, "acme", manufactured(T0))
        .push(T0, "registry", LifecycleEvent::Registered {});
    let r = same.verify(&[]);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_has(&r.codes(), R::ChainIntact);
    assert_lacks(&r.codes(), R::ChainTimeDecreasing);

    let mut earlier = Chain::new();
    earlier.push(T0, "acme", manufactured(T0 - 1)).push(
        T0 - 1,
        "registry",
        LifecycleEvent::Registered {},
    );
    let r = earlier.verify(&[]);
    assert_has(&r.codes(), R::ChainTimeDecreasing);
    assert_lacks(&r.codes(), R::ChainIntact);
}

/// "`manufactured.production_date` is not after the `registered` statement's `time`": produced
/// and registered in the same second is consistent; produced one second after is not.
#[test]
fn a_robot_registered_in_the_second_it_was_produced_is_consistent() {
    let mut same = Chain::new();
    same.push(T0, "acme", manufactured(T0))
        .push(T0, "registry", LifecycleEvent::Registered {});
    let r = same.verify(&[]);
    assert_has(&r.codes(), R::LifecycleConsistent);
    let mut after = Chain::new();
    after.push(T0, "acme", manufactured(T0 + 1)).push(
        T0,
        "registry",
        LifecycleEvent::Registered {},
    );
    let r = after.verify(&[]);
    assert_has(&r.codes(), R::LifecycleProductionAfterRegistration);
}

/// docs/histories.md section 3: "remedied when the chain holds a `recall_remedied` with this
/// `recall_id` and `time >= issued_at`": a remedy at exactly the notice's time remedies it; one
/// second before the notice does not.
#[test]
fn a_remedy_at_exactly_the_notices_time_remedies_it() {
    let issued = T0 + 5 * DAY;
    let notice = recall(issued);
    for (remedy_time, remedied) in [(issued, true), (issued - 1, false)] {
        let mut chain = Chain::in_service();
        chain.push(
            remedy_time,
            "fixit",
            LifecycleEvent::RecallRemedied {
                recall_id: "R-PINNED".into(),
            },
        );
        let r = chain.verify(std::slice::from_ref(&notice));
        let codes = r.codes();
        let open = r.health.as_ref().unwrap().open_recalls.clone();
        if remedied {
            assert_has(&codes, R::RecallRemedied);
            assert_lacks(&codes, R::RecallOpen);
            assert!(open.is_empty());
        } else {
            assert_has(&codes, R::RecallOpen);
            assert_lacks(&codes, R::RecallRemedied);
            assert_eq!(open, vec!["R-PINNED".to_owned()]);
        }
    }
}

/// "`telemetry.operating_hours` never below the highest earlier value" and the same for battery
/// cycles: an idle robot reports the same hours and cycles twice, which is not odometer fraud.
#[test]
fn telemetry_with_unchanged_hours_and_cycles_is_not_a_decrease() {
    let mut idle = Chain::in_service();
    idle.push(T0 + 4 * DAY, "cityops", telemetry(100, 40)).push(
        T0 + 5 * DAY,
        "cityops",
        telemetry(100, 40),
    );
    let r = idle.verify(&[]);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_has(&r.codes(), R::LifecycleConsistent);
    assert_lacks(&r.codes(), R::TelemetryHoursDecreased);
    assert_lacks(&r.codes(), R::TelemetryBatteryCyclesDecreased);
    let h = r.health.as_ref().unwrap();
    assert_eq!((h.operating_hours, h.battery_cycles), (Some(100), Some(40)));
}

/// One hour or one cycle fewer is a decrease, reported with the previous and the found value.
#[test]
fn telemetry_one_below_the_previous_value_is_a_decrease() {
    let mut hours = Chain::in_service();
    hours
        .push(T0 + 4 * DAY, "cityops", telemetry(100, 40))
        .push(T0 + 5 * DAY, "cityops", telemetry(99, 40));
    let r = hours.verify(&[]);
    assert_has(&r.codes(), R::TelemetryHoursDecreased);
    assert_lacks(&r.codes(), R::TelemetryBatteryCyclesDecreased);
    let f = r
        .failures
        .iter()
        .find(|f| f.code == R::TelemetryHoursDecreased)
        .unwrap();
    assert_eq!(f.evidence["previous"], "100");
    assert_eq!(f.evidence["found"], "99");

    let mut cycles = Chain::in_service();
    cycles
        .push(T0 + 4 * DAY, "cityops", telemetry(100, 40))
        .push(T0 + 5 * DAY, "cityops", telemetry(100, 39));
    let r = cycles.verify(&[]);
    assert_has(&r.codes(), R::TelemetryBatteryCyclesDecreased);
    assert_lacks(&r.codes(), R::TelemetryHoursDecreased);
}

/// "never below the **highest** earlier value": after 100, 50, a report of 70 is still below 100.
#[test]
fn telemetry_is_compared_with_the_highest_earlier_value() {
    let mut c = Chain::in_service();
    c.push(T0 + 4 * DAY, "cityops", telemetry(100, 40))
        .push(T0 + 5 * DAY, "cityops", telemetry(50, 20))
        .push(T0 + 6 * DAY, "cityops", telemetry(70, 30));
    let r = c.verify(&[]);
    let hours: Vec<_> = r
        .failures
        .iter()
        .filter(|f| f.code == R::TelemetryHoursDecreased)
        .map(|f| (f.evidence["previous"].clone(), f.evidence["found"].clone()))
        .collect();
    assert_eq!(
        hours,
        vec![
            ("100".to_owned(), "50".to_owned()),
            ("100".to_owned(), "70".to_owned())
        ]
    );
    let cycles = r
        .failures
        .iter()
        .filter(|f| f.code == R::TelemetryBatteryCyclesDecreased)
        .count();
    assert_eq!(cycles, 2);
}

/// "since the last `part_replaced` of kind `battery_pack` (a new battery starts its own count)":
/// fewer cycles after a new battery pack is no decrease; after another part it is.
#[test]
fn a_new_battery_pack_starts_its_own_cycle_count() {
    for (kind, decrease) in [
        (ComponentKind::BatteryPack, false),
        (ComponentKind::Actuator, true),
    ] {
        let mut c = Chain::in_service();
        c.push(T0 + 4 * DAY, "cityops", telemetry(100, 400))
            .push(
                T0 + 5 * DAY,
                "fixit",
                LifecycleEvent::PartReplaced {
                    serial_in: "NEW-1".into(),
                    serial_out: "OLD-1".into(),
                    kind,
                },
            )
            .push(T0 + 6 * DAY, "cityops", telemetry(101, 3));
        let r = c.verify(&[]);
        assert_eq!(
            r.codes().contains(&R::TelemetryBatteryCyclesDecreased),
            decrease,
            "{kind:?}: {:?}",
            r.codes()
        );
        assert_lacks(&r.codes(), R::TelemetryHoursDecreased);
    }
}

// ---------------------------------------------------------------------------------------------
// expires_at == issued_at, and the clock skew at its edge (docs/passport.md sections 2, 4)

/// "issuing with ... `expires_at <= issued_at` ... is `passport.field_invalid`": a passport that
/// expires the second it is issued cannot be signed; one second later it can.
#[test]
fn a_passport_that_expires_when_it_is_issued_is_refused() {
    let mut p = passport(PassportStatus::Active, None);
    p.expires_at = p.issued_at;
    let e = p.sign(&key("registry")).unwrap_err();
    assert_eq!(e.reason(), R::PassportFieldInvalid);
    assert_eq!(e.code(), "passport.field_invalid");
    p.expires_at = p.issued_at + 1;
    assert!(p.sign(&key("registry")).is_ok());
}

/// The frame's `expires_at` is "greater than `issued_at` (else `passport.malformed`)": a frame
/// with the two equal does not parse, whoever signed it.
#[test]
fn a_passport_frame_with_expires_at_equal_to_issued_at_is_malformed() {
    let mut p = passport(PassportStatus::Active, None);
    p.expires_at = p.issued_at + 1;
    let text = p.sign(&key("registry")).unwrap();
    let mut frame = base32_decode(&text[4..]);
    let issued = frame[41..45].to_vec();
    frame[45..49].copy_from_slice(&issued);
    let forged = format!("HP1:{}", base32_encode(&frame));
    assert_eq!(forged.len(), text.len());
    // The round trip is exact: unchanged, the frame still parses.
    assert_eq!(
        format!("HP1:{}", base32_encode(&base32_decode(&text[4..]))),
        text
    );
    let e = Passport::parse(&forged).unwrap_err();
    assert_eq!(e.code(), "passport.malformed");
}

/// A trust list's `issued_at` < `expires_at` (docs/attestations.md section 4): equal is
/// `trust_list.invalid`.
#[test]
fn a_trust_list_that_expires_when_it_is_issued_is_invalid() {
    let mut list = trust_list();
    list.expires_at = list.issued_at;
    assert_eq!(list.validate().unwrap_err().code(), "trust_list.invalid");
    list.expires_at = list.issued_at + 1;
    assert!(list.validate().is_ok());
}

/// Step 8: "`issued_at <= now + clock_skew_secs`": a passport dated exactly the skew ahead of the
/// clock is accepted; one second more is `passport.issued_in_future`.
#[test]
fn a_passport_dated_exactly_the_clock_skew_ahead_is_accepted() {
    let v = verifier();
    let options = PassportOptions::default();
    let mut p = passport(PassportStatus::Active, None);
    p.issued_at = AT + skew();
    let r = verify_passport(&v, &p.sign(&key("registry")).unwrap(), AT, &options);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_lacks(&r.codes(), R::PassportIssuedInFuture);
    p.issued_at = AT + skew() + 1;
    let r = verify_passport(&v, &p.sign(&key("registry")).unwrap(), AT, &options);
    assert_eq!(r.verdict, Verdict::Rejected);
    assert_has(&r.codes(), R::PassportIssuedInFuture);
}

/// Step 7: "when `newest_seen > at + clock_skew_secs`" the clock was set back, and freshness is
/// judged at `newest_seen`: a time seen exactly the skew ahead is no setback; one second more is.
#[test]
fn a_newest_seen_time_exactly_the_clock_skew_ahead_is_no_setback() {
    let v = verifier();
    let p = passport(PassportStatus::Active, None);
    let text = p.sign(&key("registry")).unwrap();
    let at = p.expires_at - skew();
    let mut options = PassportOptions {
        newest_seen: Some(at + skew()),
        ..PassportOptions::default()
    };
    let r = verify_passport(&v, &text, at, &options);
    assert_lacks(&r.codes(), R::PassportClockSetBack);
    assert_has(&r.codes(), R::PassportFresh);
    // One second more: set back, and judged at newest_seen, one second after expiry: stale.
    options.newest_seen = Some(at + skew() + 1);
    let r = verify_passport(&v, &text, at, &options);
    assert_has(&r.codes(), R::PassportClockSetBack);
    assert_has(&r.codes(), R::PassportStale);
    assert_lacks(&r.codes(), R::PassportFresh);
}

/// Step 9: "`now <= expires_at` fresh; `expires_at < now <= expires_at + grace_secs` stale; later
/// expired", at each edge.
#[test]
fn passport_freshness_at_each_edge() {
    let v = verifier();
    let options = PassportOptions::default();
    let p = passport(PassportStatus::Active, None);
    let text = p.sign(&key("registry")).unwrap();
    let cases = [
        (p.expires_at, R::PassportFresh, Verdict::Accepted),
        (p.expires_at + 1, R::PassportStale, Verdict::Accepted),
        (
            p.expires_at + options.grace_secs,
            R::PassportStale,
            Verdict::Accepted,
        ),
        (
            p.expires_at + options.grace_secs + 1,
            R::PassportExpired,
            Verdict::Rejected,
        ),
    ];
    for (at, code, verdict) in cases {
        let r = verify_passport(&v, &text, at, &options);
        assert_has(&r.codes(), code);
        assert_eq!(r.verdict, verdict, "at {at}");
    }
}

/// docs/histories.md section 3: "`issued_at <= at + clock_skew_secs` (`time.in_future`)" for a
/// recall notice, at the edge.
#[test]
fn a_recall_dated_exactly_the_clock_skew_ahead_is_valid() {
    let v = verifier();
    let r = verify_recall(&v, &recall(AT + skew()).sign(&[&key("acme")]).to_json(), AT);
    assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
    assert_has(&r.codes(), R::RecallValid);
    let r = verify_recall(
        &v,
        &recall(AT + skew() + 1).sign(&[&key("acme")]).to_json(),
        AT,
    );
    assert_eq!(r.verdict, Verdict::Rejected);
    assert_has(&r.codes(), R::TimeInFuture);
}

/// docs/attestations.md 4.1 step 6: "`issued_at <= at + clock_skew_secs`
/// (`trust_list.not_yet_valid`)", at the edge.
#[test]
fn a_trust_list_issued_exactly_the_clock_skew_ahead_is_valid() {
    let envelope = trust_list().sign(&[&key("root")]).to_json();
    let options = VerifyOptions::default();
    let at = LIST_ISSUED - skew();
    assert!(TrustList::verify(&envelope, &anchor(), 0, at, &options).is_ok());
    let e = TrustList::verify(&envelope, &anchor(), 0, at - 1, &options).unwrap_err();
    assert_eq!(e.code(), "trust_list.not_yet_valid");
}

// ---------------------------------------------------------------------------------------------
// Participant IDs (docs/attestations.md section 4)

/// "`participants[].id`: 1 to 64 of `a-z 0-9 . _ -`, first a letter or digit": anything else is
/// `trust_list.invalid`.
#[test]
fn a_participant_id_with_forbidden_characters_or_over_64_characters_is_refused() {
    let with_id = |id: &str| {
        let mut list = trust_list();
        list.participants[0].id = id.to_owned();
        list.validate()
    };
    let good = ["a", "0", "a.b_c-d", "9lives", &"a".repeat(64)];
    for id in good {
        assert!(with_id(id).is_ok(), "{id:?} refused");
    }
    let bad = [
        "",
        &"a".repeat(65),
        "Acme",
        "acme corp",
        "acme/eu",
        "acme:1",
        "acmé",
        ".acme",
        "-acme",
        "_acme",
        "acme\n",
    ];
    for id in bad {
        let e = with_id(id).unwrap_err();
        assert_eq!(e.code(), "trust_list.invalid", "{id:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Who attests a manufacture (docs/histories.md section 2.2)

/// "a `manufactured` issuer has the `manufacturer` role and a scope that lists the code's
/// manufacturer field: the permission table may let others attest it, this rule does not": a
/// dealer whose scope names the maker, permitted by the table, is refused
/// (`lifecycle.manufacturer_not_owner`) although its attestation verifies.
#[test]
fn a_non_manufacturer_whose_scope_names_the_maker_may_not_attest_a_manufacture() {
    let mut c = Chain::new();
    c.push(T0, "metro", manufactured(T0))
        .push(T0 + DAY, "registry", LifecycleEvent::Registered {});
    let r = c.verify(&[]);
    assert_has(&r.codes(), R::HistoryAttestationsVerified);
    assert_has(&r.codes(), R::LifecycleManufacturerNotOwner);
    assert_eq!(r.verdict, Verdict::Rejected);
    // The manufacturer itself is the owner.
    let mut c = Chain::new();
    c.push(T0, "acme", manufactured(T0))
        .push(T0 + DAY, "registry", LifecycleEvent::Registered {});
    let r = c.verify(&[]);
    assert_lacks(&r.codes(), R::LifecycleManufacturerNotOwner);
    assert_has(&r.codes(), R::LifecycleConsistent);
}

// ---------------------------------------------------------------------------------------------
// Several keys of one participant (docs/attestations.md section 5, step 7; `ParticipantKey::best_at`)

fn pkey(seed: u8, from: i64, until: i64, compromised: Option<i64>) -> ParticipantKey {
    ParticipantKey {
        public_key: SigningKey::from_seed([seed; 32]).verifying_key(),
        valid_from: from,
        valid_until: until,
        compromised_since: compromised,
    }
}

/// `best_at`: "of several keys that verified one statement, the one whose status at `time` is
/// best (valid over valid-but-compromised-later over the first key's problem)".
#[test]
fn of_several_keys_the_best_status_is_used() {
    let t = T0;
    let expired = pkey(40, t - 20, t - 10, None);
    let not_yet = pkey(41, t + 10, t + 20, None);
    let valid = pkey(42, t - 10, t + 10, None);
    let later = pkey(43, t - 10, t + 10, Some(t + 5));
    let compromised = pkey(44, t - 10, t + 10, Some(t - 5));
    let id = |k: &ParticipantKey| k.public_key.key_id().to_string();
    let best = |keys: &[&ParticipantKey]| {
        let (k, s) = ParticipantKey::best_at(keys.iter().copied(), t).unwrap();
        (id(k), s)
    };
    // A valid key wins over any problem, wherever it stands.
    for problem in [&expired, &not_yet, &compromised] {
        assert_eq!(best(&[problem, &valid]), (id(&valid), KeyStatus::Valid));
        assert_eq!(best(&[&valid, problem]), (id(&valid), KeyStatus::Valid));
        assert_eq!(
            best(&[problem, &later]),
            (id(&later), KeyStatus::ValidCompromisedLater(t + 5))
        );
    }
    // Valid over valid-but-compromised-later, in either order.
    assert_eq!(best(&[&later, &valid]), (id(&valid), KeyStatus::Valid));
    assert_eq!(best(&[&valid, &later]), (id(&valid), KeyStatus::Valid));
    // No valid key: the first key's problem.
    assert_eq!(
        best(&[&expired, &not_yet]),
        (id(&expired), KeyStatus::Expired)
    );
    assert_eq!(
        best(&[&not_yet, &expired]),
        (id(&not_yet), KeyStatus::NotYetValid)
    );
    assert_eq!(
        best(&[&compromised, &expired]),
        (id(&compromised), KeyStatus::Compromised(t - 5))
    );
    assert!(ParticipantKey::best_at([], t).is_none());
}

/// docs/attestations.md section 5: "If the issuer has several verified keys, step 7 uses a valid
/// one if any": a statement signed with a participant's expired key and its current key is
/// accepted, under the current key.
#[test]
fn a_statement_signed_with_an_old_and_a_new_key_uses_the_valid_one() {
    let old = SigningKey::from_seed([50; 32]);
    let new = SigningKey::from_seed([51; 32]);
    let mut list = trust_list();
    let acme = list
        .participants
        .iter_mut()
        .find(|p| p.id == "acme")
        .unwrap();
    acme.keys = vec![
        ParticipantKey {
            public_key: old.verifying_key(),
            valid_from: T0 - 10 * DAY,
            valid_until: T0 - DAY,
            compromised_since: None,
        },
        ParticipantKey {
            public_key: new.verifying_key(),
            valid_from: T0 - DAY,
            valid_until: T0 + 1000 * DAY,
            compromised_since: None,
        },
    ];
    let envelope = list.sign(&[&key("root")]).to_json();
    let options = VerifyOptions::default();
    let v = Verifier::new(
        TrustList::verify(&envelope, &anchor(), 0, AT, &options).unwrap(),
        options,
    );
    let statement = Attestation {
        subject: code(),
        seq: 0,
        prev: None,
        time: T0,
        issuer: "acme".into(),
        event: manufactured(T0),
    };
    for signers in [[&old, &new], [&new, &old]] {
        let r = v.verify(&statement.sign(&signers).to_json(), AT);
        assert_eq!(r.verdict, Verdict::Accepted, "{}", r.to_json());
        assert_eq!(r.statement.unwrap().key_id(), new.key_id());
    }
    // Signed with the old key alone: expired.
    let r = v.verify(&statement.sign(&[&old]).to_json(), AT);
    assert_has(&r.codes(), R::KeyExpired);
}

// ---------------------------------------------------------------------------------------------
// Statement hashes (docs/attestations.md section 2)

/// "The **statement hash** of an envelope is `hex(SHA-256(PAE(payloadType, payload)))`", computed
/// here from the PAE's definition; a verified trust list reports the hash of its own envelope.
fn pae_hash(payload_type: &str, payload: &[u8]) -> String {
    use sha2::Digest;
    let mut pae = format!(
        "DSSEv1 {} {payload_type} {} ",
        payload_type.len(),
        payload.len()
    )
    .into_bytes();
    pae.extend_from_slice(payload);
    hex::encode(sha2::Sha256::digest(&pae))
}

#[test]
fn a_verified_trust_list_reports_the_statement_hash_of_its_envelope() {
    let list = trust_list();
    let envelope = list.sign(&[&key("root")]);
    let verified = TrustList::verify(
        &envelope.to_json(),
        &anchor(),
        0,
        AT,
        &VerifyOptions::default(),
    )
    .unwrap();
    let expected = pae_hash("application/vnd.hrid.trust-list.v1+json", &list.to_json());
    assert_eq!(verified.statement_hash(), expected);
    assert_eq!(envelope.statement_hash(), expected);
}

/// docs/attestations.md section 2: an envelope carries one signature per signer, each with the
/// signer's key ID as `keyid` and an Ed25519 signature over `PAE(type, body)`; reading the JSON
/// back gives the same signatures.
#[test]
fn an_envelope_carries_one_signature_per_signer_over_the_pae() {
    use ed25519_dalek::Verifier as _;
    let signers = [key("acme"), key("registry")];
    let body = br#"{"hello":"world"}"#;
    let envelope = Envelope::sign(PayloadType::Attestation, body, &[&signers[0], &signers[1]]);
    let sigs = envelope.signatures();
    assert_eq!(sigs.len(), 2);
    let pae = format!(
        "DSSEv1 40 application/vnd.hrid.attestation.v1+json {} {}",
        body.len(),
        std::str::from_utf8(body).unwrap()
    );
    for (sig, signer) in sigs.iter().zip(&signers) {
        assert_eq!(sig.keyid, signer.key_id().as_str());
        let public =
            ed25519_dalek::VerifyingKey::from_bytes(&signer.verifying_key().to_bytes()).unwrap();
        public
            .verify(
                pae.as_bytes(),
                &ed25519_dalek::Signature::from_bytes(&sig.sig),
            )
            .unwrap();
    }
    let read = Envelope::from_json(
        &envelope.to_json(),
        VerifyOptions::default().limits.max_envelope_bytes,
        &VerifyOptions::default().limits,
    )
    .unwrap();
    assert_eq!(read.signatures(), sigs);
}

/// A signature nobody in the trust list can have made is `signer.unknown`, and the finding
/// names the hints it could not match (evidence `key_id`): a DSSE `keyid` as written, a
/// passport's 4-byte key hint in lowercase hex (docs/passport.md section 2: `key_hint`).
#[test]
fn an_unknown_signer_is_named_by_its_key_hint() {
    let stranger = SigningKey::from_seed([99; 32]);
    assert_eq!(
        KeyHint::KeyId(stranger.key_id().as_str()).to_text(),
        stranger.key_id().as_str()
    );
    assert_eq!(
        KeyHint::Prefix([0xa0, 0x18, 0x5e, 0x79]).to_text(),
        "a0185e79"
    );
    let statement = Attestation {
        subject: code(),
        seq: 0,
        prev: None,
        time: T0,
        issuer: "acme".into(),
        event: manufactured(T0),
    };
    let r = verifier().verify(&statement.sign(&[&stranger]).to_json(), AT);
    let f = r
        .failures
        .iter()
        .find(|f| f.code == R::SignerUnknown)
        .unwrap();
    assert_eq!(f.evidence["key_id"], stranger.key_id().as_str());

    let text = passport(PassportStatus::Active, None)
        .sign(&stranger)
        .unwrap();
    let r = verify_passport(&verifier(), &text, AT, &PassportOptions::default());
    let f = r
        .failures
        .iter()
        .find(|f| f.code == R::SignerUnknown)
        .unwrap();
    assert_eq!(
        f.evidence["key_id"],
        hex::encode(key_hint(&stranger.verifying_key()))
    );
}

/// An envelope's `Debug` is a summary (payload type, payload length, number of signatures), not
/// a dump of the payload or the signatures.
#[test]
fn an_envelope_debugs_as_a_summary() {
    let envelope = Envelope::sign(PayloadType::Attestation, b"{\"secret\":1}", &[&key("acme")]);
    let debug = format!("{envelope:?}");
    assert!(debug.starts_with("Envelope {"), "{debug}");
    assert!(debug.contains("payload_len: 12"), "{debug}");
    assert!(debug.contains("signatures: 1"), "{debug}");
    assert!(!debug.contains("secret"), "{debug}");
}

// ---------------------------------------------------------------------------------------------
// Recall notices: the field rules and coverage (docs/histories.md section 3)

fn limits() -> hrid::json::Limits {
    VerifyOptions::default().limits
}

/// Parse a notice's JSON as verifiers do; `Err` carries the error's text.
fn read_notice(notice: &RecallNotice) -> Result<RecallNotice, String> {
    RecallNotice::from_json(&notice.to_json(), &limits()).map_err(|e| {
        assert_eq!(e.code(), R::RecallMalformed);
        e.to_string()
    })
}

/// "`recall_id`: 1 to 64 printable ASCII characters (0x21..0x7E)".
#[test]
fn a_recall_id_is_1_to_64_printable_ascii_characters() {
    let with_id = |id: &str| {
        let mut n = recall(T0);
        n.recall_id = id.to_owned();
        read_notice(&n)
    };
    for good in ["R", "!", "~", "R-2026/001#a", &"R".repeat(64)] {
        assert!(with_id(good).is_ok(), "{good:?} refused");
    }
    for bad in ["", &"R".repeat(65), "R 1", "R\u{7f}", "R\t1", "Ré"] {
        let e = with_id(bad).unwrap_err();
        assert!(e.starts_with("malformed recall notice: "), "{e}");
        assert!(e.contains("recall_id"), "{e}");
    }
}

/// "`population.manufacturer`: required, 4 code characters or `null`"; "`population.models`:
/// 6-character model fields"; "`population.unit_ranges`: `{first, last}` 13-character unit
/// fields, `first <= last`"; "non-empty requires `manufacturer`"; "A `null` manufacturer with no
/// codes is empty and refused"; `population.codes`: canonical identity codes.
#[test]
fn a_recall_population_follows_the_field_rules() {
    let base = || {
        let mut n = recall(T0);
        n.population = RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![UnitRange {
                first: "0000000010000".into(),
                last: "0000000019999".into(),
            }],
            codes: vec![code().to_string()],
        };
        n
    };
    assert!(read_notice(&base()).is_ok());
    let mut single = base();
    single.population.unit_ranges[0].last = single.population.unit_ranges[0].first.clone();
    assert!(read_notice(&single).is_ok(), "first == last is a range");
    let mut only_codes = base();
    only_codes.population.manufacturer = None;
    only_codes.population.models.clear();
    only_codes.population.unit_ranges.clear();
    assert!(read_notice(&only_codes).is_ok(), "codes alone");

    type Breaks = Box<dyn Fn(&mut RecallNotice)>;
    let broken: Vec<(&str, Breaks)> = vec![
        (
            "3-character manufacturer",
            Box::new(|n| n.population.manufacturer = Some("004".into())),
        ),
        (
            "5-character manufacturer",
            Box::new(|n| n.population.manufacturer = Some("00420".into())),
        ),
        (
            "manufacturer outside the alphabet",
            Box::new(|n| n.population.manufacturer = Some("00I2".into())),
        ),
        (
            "lowercase manufacturer",
            Box::new(|n| n.population.manufacturer = Some("00a2".into())),
        ),
        (
            "models without manufacturer",
            Box::new(|n| {
                n.population.manufacturer = None;
                n.population.unit_ranges.clear();
            }),
        ),
        (
            "ranges without manufacturer",
            Box::new(|n| {
                n.population.manufacturer = None;
                n.population.models.clear();
            }),
        ),
        (
            "empty population",
            Box::new(|n| {
                n.population = RecallPopulation {
                    manufacturer: None,
                    models: vec![],
                    unit_ranges: vec![],
                    codes: vec![],
                };
            }),
        ),
        (
            "5-character model",
            Box::new(|n| n.population.models = vec!["A3W0F".into()]),
        ),
        (
            "7-character model",
            Box::new(|n| n.population.models = vec!["A3W0F55".into()]),
        ),
        (
            "model outside the alphabet",
            Box::new(|n| n.population.models = vec!["A3W0FU".into()]),
        ),
        (
            "12-character first",
            Box::new(|n| n.population.unit_ranges[0].first = "000000001000".into()),
        ),
        (
            "14-character last",
            Box::new(|n| n.population.unit_ranges[0].last = "00000000199999".into()),
        ),
        (
            "first outside the alphabet",
            Box::new(|n| n.population.unit_ranges[0].first = "000000001000O".into()),
        ),
        (
            "last outside the alphabet",
            Box::new(|n| n.population.unit_ranges[0].last = "000000001999O".into()),
        ),
        (
            "first > last",
            Box::new(|n| n.population.unit_ranges[0].first = "0000000020000".into()),
        ),
        (
            "a code with a wrong check",
            Box::new(|n| n.population.codes = vec!["860042A3W0F50000000012345ZAR3".into()]),
        ),
        (
            "a lowercase code",
            Box::new(|n| n.population.codes = vec!["860042a3w0f50000000012345zar2".into()]),
        ),
        (
            "a spaced code",
            Box::new(|n| n.population.codes = vec!["860042 A3W0F5 0000000012345 ZAR2".into()]),
        ),
    ];
    for (what, breaks) in broken {
        let mut n = base();
        breaks(&mut n);
        assert!(read_notice(&n).is_err(), "{what} accepted");
    }
}

/// "A code is covered when it is in `codes`, or when `manufacturer` equals its manufacturer
/// field, `models` is empty or contains its model field, and `unit_ranges` is empty or some range
/// has `first <= unit <= last`": both ends of a range are inside it.
#[test]
fn a_recall_covers_a_unit_range_including_both_ends() {
    let unit = |u: &str| IdentityCode::from_fields("86", "0042", "A3W0F5", u).unwrap();
    let mut n = recall(T0);
    n.population.models = vec!["A3W0F5".into()];
    n.population.unit_ranges = vec![UnitRange {
        first: "0000000010000".into(),
        last: "0000000019999".into(),
    }];
    for (u, covered) in [
        ("9999", false),
        ("10000", true),
        ("15000", true),
        ("19999", true),
        ("20000", false),
    ] {
        assert_eq!(n.covers(&unit(u)), covered, "unit {u}");
    }
    // Another model, another manufacturer: not covered; named in codes: covered.
    let other_model = IdentityCode::from_fields("86", "0042", "B3W0F5", "15000").unwrap();
    let other_maker = IdentityCode::from_fields("86", "0043", "A3W0F5", "15000").unwrap();
    assert!(!n.covers(&other_model));
    assert!(!n.covers(&other_maker));
    n.population.codes = vec![other_maker.to_string()];
    assert!(n.covers(&other_maker));
    // Codes only: nothing else is covered.
    n.population.manufacturer = None;
    n.population.models.clear();
    n.population.unit_ranges.clear();
    assert!(n.covers(&other_maker));
    assert!(!n.covers(&unit("15000")));
}

// ---------------------------------------------------------------------------------------------
// Identity-code suggestions (docs/identity-code.md section 12)

/// Section 12.4: for `erasure_fill`, `changed_positions` is "every filled erasure", even one
/// whose value turns out to be `0` (the value an unread slot is decoded from): the person must
/// still check what was filled in.
#[test]
fn every_filled_erasure_is_a_changed_position() {
    use hrid::code::{suggest, Repair, SuggestOptions, Tier};
    let code = "860042A3W0F50000000012345ZAR2";
    // Positions 12 and 13 hold `0`; 20 holds `1`; 28 holds `2`.
    for (input, positions) in [
        ("860042A3W0F5?000000012345ZAR2", vec![12]),
        ("860042A3W0F5??00000012345ZAR2", vec![12, 13]),
        ("860042A3W0F500000000U2345ZAR?", vec![20, 28]),
        ("860042A3W0F5?0000000U2345ZAR2", vec![12, 20]),
    ] {
        let s = suggest(input, SuggestOptions::default());
        assert_eq!(s.len(), 1, "{input}: {s:?}");
        assert_eq!(s[0].code.as_str(), code, "{input}");
        assert_eq!(s[0].tier, Tier::A, "{input}");
        assert_eq!(s[0].repair, Repair::ErasureFill, "{input}");
        assert_eq!(s[0].changed_positions, positions, "{input}");
    }
}

/// Section 12.1: "With e errors at unknown positions and f erasures (known positions, unknown
/// values) it recovers the original whenever 2e + f ≤ 4": random codes, random positions, every
/// (e, f) within the radius; the original is among the suggestions (tier B allowed).
#[test]
fn the_decoder_recovers_the_original_within_the_radius() {
    use hrid::code::{suggest, SuggestOptions, ALPHABET};
    use rand::{Rng, SeedableRng};
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
    for (e, f) in [
        (1, 0),
        (2, 0),
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (1, 1),
        (1, 2),
    ] {
        for _ in 0..150 {
            let unit: String = (0..13).map(|_| alphabet[rng.gen_range(0..32)]).collect();
            let code = IdentityCode::from_fields("86", "0042", "A3W0F5", &unit).unwrap();
            let mut chars: Vec<char> = code.as_str().chars().collect();
            let mut positions: Vec<usize> = Vec::new();
            while positions.len() < e + f {
                let p = rng.gen_range(0..29);
                if !positions.contains(&p) {
                    positions.push(p);
                }
            }
            for (i, &p) in positions.iter().enumerate() {
                if i < e {
                    let wrong = loop {
                        let c = alphabet[rng.gen_range(0..32)];
                        if c != chars[p] {
                            break c;
                        }
                    };
                    chars[p] = wrong;
                } else {
                    chars[p] = '?';
                }
            }
            let input: String = chars.into_iter().collect();
            let found = suggest(&input, SuggestOptions::with_two_errors());
            assert!(
                found.iter().any(|s| s.code == code),
                "e={e} f={f}: {input} should give back {code}: {found:?}"
            );
        }
    }
}

/// Section 12.3: an `erasure_fill` repairs "one or two unreadable symbols" (tier A), "one wrong
/// symbol besides erasures" (f = 1 or 2, tier B) or "three or four unreadable symbols" (tier B):
/// whatever the input, a suggestion never fills erasures and corrects more than one other symbol,
/// nor corrects any with three or more erasures (2e + f ≤ 4). Inputs: one erasure and two or
/// three wrong symbols, beyond the radius.
#[test]
fn an_erasure_fill_never_corrects_beyond_the_radius() {
    use hrid::code::{suggest, Repair, SuggestOptions, ALPHABET};
    use rand::{Rng, SeedableRng};
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(18);
    let mut offered = 0;
    for _ in 0..1500 {
        let unit: String = (0..13).map(|_| alphabet[rng.gen_range(0..32)]).collect();
        let code = IdentityCode::from_fields("86", "0042", "A3W0F5", &unit).unwrap();
        let mut chars: Vec<char> = code.as_str().chars().collect();
        let errors = rng.gen_range(2..=3);
        let mut positions: Vec<usize> = Vec::new();
        while positions.len() < errors + 1 {
            let p = rng.gen_range(0..29);
            if !positions.contains(&p) {
                positions.push(p);
            }
        }
        let erased = positions[0];
        chars[erased] = '?';
        for &p in &positions[1..] {
            chars[p] = loop {
                let c = alphabet[rng.gen_range(0..32)];
                if c != chars[p] {
                    break c;
                }
            };
        }
        let input: String = chars.into_iter().collect();
        for s in suggest(&input, SuggestOptions::with_two_errors()) {
            if s.repair != Repair::ErasureFill {
                continue;
            }
            offered += 1;
            assert!(s.changed_positions.contains(&erased), "{input}: {s:?}");
            let corrected = s.changed_positions.iter().filter(|p| **p != erased).count();
            assert!(corrected <= 1, "{input}: {s:?}");
        }
    }
    // Some inputs do lie within the radius of another code: the check above was exercised.
    assert!(offered > 0);
}

/// An invalid code reads as its error (`validate_or_suggest`'s error is the parse error, with the
/// tier-A suggestions beside it).
#[test]
fn an_invalid_code_reads_as_its_error() {
    let e = hrid::code::validate_or_suggest("860042A3W0F50000000012345ZARX").unwrap_err();
    assert_eq!(e.error.code(), "code.check_failed");
    assert!(!e.to_string().is_empty());
    assert_eq!(e.to_string(), e.error.to_string());
    assert_eq!(
        e.suggestions[0].code.as_str(),
        "860042A3W0F50000000012345ZAR2"
    );
}

/// Section 2's layout table: field names and the positions each field holds.
#[test]
fn the_fields_of_a_code_follow_the_layout_table() {
    use hrid::code::Field;
    let table = [
        (Field::Country, "country", 0..2),
        (Field::Manufacturer, "manufacturer", 2..6),
        (Field::Model, "model", 6..12),
        (Field::Unit, "unit", 12..25),
        (Field::Check, "check", 25..29),
    ];
    for (field, name, range) in table {
        assert_eq!(field.name(), name);
        assert_eq!(field.to_string(), name);
        assert_eq!(field.range(), range);
        for p in range {
            assert_eq!(Field::at(p), Some(field), "position {p}");
        }
    }
    assert_eq!(Field::at(29), None);
    let code = IdentityCode::parse("860042A3W0F50000000012345ZAR2").unwrap();
    assert_eq!(code.field(Field::Manufacturer), "0042");
    assert_eq!(code.field(Field::Check), "ZAR2");
    assert_eq!(AsRef::<str>::as_ref(&code), code.as_str());
    // A code debugs as what it is, in canonical form.
    assert_eq!(
        format!("{code:?}"),
        "IdentityCode(860042A3W0F50000000012345ZAR2)"
    );
}

// ---------------------------------------------------------------------------------------------
// The passport frame (docs/passport.md section 2)

/// "`subject`: the 29 code symbols (values 0..31 in the code alphabet), 5 bits each, big-endian
/// bit order, 145 bits then 7 zero bits (19 bytes = 152 bits)": the frame's bytes 2..21 are
/// exactly that, for codes ending in every check symbol, and read back to the same code.
#[test]
fn a_passport_frame_packs_the_subject_as_29_five_bit_symbols() {
    use hrid::code::ALPHABET;
    use rand::{Rng, SeedableRng};
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(19);
    let registry = key("registry");
    let hint = key_hint(&registry.verifying_key());
    let mut last_symbols = std::collections::BTreeSet::new();
    for _ in 0..300 {
        let unit: String = (0..13).map(|_| alphabet[rng.gen_range(0..32)]).collect();
        let subject = IdentityCode::from_fields("86", "0042", "A3W0F5", &unit).unwrap();
        last_symbols.insert(subject.as_str().chars().last().unwrap());
        // The 152 bits, from the spec.
        let mut bits: Vec<u8> = subject
            .as_str()
            .chars()
            .flat_map(|c| {
                let v = alphabet.iter().position(|a| *a == c).unwrap() as u8;
                (0..5).rev().map(move |i| (v >> i) & 1)
            })
            .collect();
        bits.resize(152, 0);
        let expected: Vec<u8> = bits
            .chunks(8)
            .map(|c| c.iter().fold(0u8, |acc, b| (acc << 1) | b))
            .collect();
        let mut p = passport(PassportStatus::Active, None);
        p.subject = subject;
        assert_eq!(
            p.signed_bytes(hint).unwrap()[2..21],
            expected[..],
            "{subject}"
        );
        let text = p.sign(&registry).unwrap();
        assert_eq!(Passport::parse(&text).unwrap().passport.subject, subject);
    }
    assert_eq!(last_symbols.len(), 32, "every last symbol was tried");
}

/// "Times are u32 (until 2106); issuing with a time outside `0..2^32-1`, `expires_at <=
/// issued_at` or a head `seq` of `2^32-1` is `passport.field_invalid`" (`0xFFFFFFFF` means no
/// history).
#[test]
fn a_passport_with_a_head_seq_of_2_32_minus_1_or_times_beyond_u32_is_refused() {
    let registry = key("registry");
    let head = |seq: u32| PassportHead {
        seq,
        hash_prefix: [7; 16],
    };
    let refused = |p: &Passport| p.sign(&registry).unwrap_err().code();
    assert_eq!(
        refused(&passport(PassportStatus::Active, Some(head(u32::MAX)))),
        "passport.field_invalid"
    );
    assert!(passport(PassportStatus::Active, Some(head(u32::MAX - 1)))
        .sign(&registry)
        .is_ok());
    let mut p = passport(PassportStatus::Active, None);
    p.issued_at = -1;
    p.expires_at = DAY;
    assert_eq!(refused(&p), "passport.field_invalid");
    p.issued_at = 0;
    assert!(p.sign(&registry).is_ok());
    p.issued_at = i64::from(u32::MAX) - DAY;
    p.expires_at = i64::from(u32::MAX) + 1;
    assert_eq!(refused(&p), "passport.field_invalid");
    p.expires_at = i64::from(u32::MAX);
    assert!(p.sign(&registry).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Custody at a moment (docs/histories.md section 7)

/// "A statement dated **exactly** `at` is in effect at `at`", and telemetry answers "the last
/// report at or before `at` (`telemetry_before`) and the first after (`telemetry_after`)": a report
/// dated exactly `at` is the one before, and the one after is the next.
#[test]
fn custody_reads_a_telemetry_report_dated_exactly_at_as_before() {
    let at = T0 + 5 * DAY;
    let mut c = Chain::in_service();
    c.push(at - DAY, "cityops", telemetry(10, 1))
        .push(at, "cityops", telemetry(20, 2))
        .push(at + DAY, "cityops", telemetry(30, 3));
    let r = custody(&c.verify(&[]), at);
    assert_eq!(r.telemetry_before.as_ref().unwrap().operating_hours, 20);
    assert_eq!(r.telemetry_after.as_ref().unwrap().operating_hours, 30);
    // With no later report there is none after.
    let mut c = Chain::in_service();
    c.push(at, "cityops", telemetry(20, 2));
    let r = custody(&c.verify(&[]), at);
    assert_eq!(r.telemetry_before.as_ref().unwrap().operating_hours, 20);
    assert!(r.telemetry_after.is_none());
}

/// "last maintenance: the last `maintained` or `part_replaced`, its issuer the maintainer".
#[test]
fn custody_counts_a_part_replacement_as_maintenance() {
    let mut c = Chain::in_service();
    c.push(
        T0 + 4 * DAY,
        "fixit",
        LifecycleEvent::Maintained {
            summary: "joint service".into(),
        },
    )
    .push(
        T0 + 5 * DAY,
        "fixit",
        LifecycleEvent::PartReplaced {
            serial_in: "ACT-2".into(),
            serial_out: "ACT-1".into(),
            kind: ComponentKind::Actuator,
        },
    );
    let m = custody(&c.verify(&[]), T0 + 6 * DAY)
        .last_maintenance
        .unwrap();
    assert_eq!(m.kind, "part_replaced");
    assert_eq!(m.maintainer, "fixit");
    assert!(
        m.summary.contains("ACT-1") && m.summary.contains("ACT-2"),
        "{}",
        m.summary
    );
}

// ---------------------------------------------------------------------------------------------
// Crockford base32 of docs/passport.md section 1, written here from the spec (not the core's).

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn base32_encode(bytes: &[u8]) -> String {
    let bits: Vec<u8> = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1))
        .collect();
    bits.chunks(5)
        .map(|c| {
            let v = (0..5).fold(0u8, |acc, i| (acc << 1) | c.get(i).copied().unwrap_or(0));
            ALPHABET[v as usize] as char
        })
        .collect()
}

fn base32_decode(text: &str) -> Vec<u8> {
    let bits: Vec<u8> = text
        .bytes()
        .flat_map(|ch| {
            let v = ALPHABET.iter().position(|a| *a == ch).unwrap() as u8;
            (0..5).rev().map(move |i| (v >> i) & 1)
        })
        .collect();
    bits.chunks_exact(8)
        .map(|c| c.iter().fold(0u8, |acc, b| (acc << 1) | b))
        .collect()
}
