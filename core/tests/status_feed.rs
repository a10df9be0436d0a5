//! The registry's status feed: each rule of docs/status-feed.md, at its boundary, with the
//! reason code the spec names (expectations from the spec, not from the code's output).

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::envelope::Envelope;
use hrid::keys::SigningKey;
use hrid::reason::ReasonCode;
use hrid::recall::{RecallNotice, RecallPopulation};
use hrid::status::{
    verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions,
};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};

const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const NOW: i64 = T0 + 100 * DAY;

fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

fn participant(id: &str, role: Role, n: u8) -> Participant {
    Participant {
        id: id.into(),
        name: id.to_uppercase(),
        roles: vec![role],
        scope: (role == Role::Manufacturer).then(|| Scope {
            manufacturers: vec!["0042".into()],
        }),
        keys: vec![ParticipantKey {
            public_key: key(n).verifying_key(),
            valid_from: T0,
            valid_until: T0 + 1000 * DAY,
            compromised_since: None,
        }],
    }
}

fn verifier() -> Verifier {
    let list = TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 365 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![key(1).verifying_key()],
        },
        participants: vec![
            participant("registry", Role::Registry, 3),
            participant("acme", Role::Manufacturer, 4),
        ],
        permissions: TrustList::default_permissions(),
    };
    let anchor = TrustAnchor::new(vec![key(1).verifying_key()], 1).unwrap();
    let opts = VerifyOptions::default();
    let verified = TrustList::verify(&list.sign(&[&key(1)]).to_json(), &anchor, 0, NOW, &opts);
    Verifier::new(verified.unwrap(), opts)
}

fn recall() -> Envelope {
    RecallNotice {
        recall_id: "R-1".into(),
        issuer: "acme".into(),
        issued_at: NOW - 5 * DAY,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec![],
            unit_ranges: vec![],
            codes: vec![],
        },
        defect: "knee".into(),
        remedy: "firmware".into(),
    }
    .sign(&[&key(4)])
}

fn feed() -> StatusFeed {
    StatusFeed {
        registry: "registry".into(),
        version: 5,
        issued_at: NOW - 3600,
        expires_at: NOW + DAY,
        previous: None,
        recalls: vec![recall().statement_hash()],
        robots: vec![
            RobotStatus {
                code: "860042A3W0F50000000012345ZAR2".parse().unwrap(),
                status: FeedStatus::Scrapped,
                head: Some(FeedHead {
                    seq: 9,
                    statement_hash: "ab".repeat(32),
                }),
                since: NOW - 10 * DAY,
            },
            RobotStatus {
                code: "860042A3W0F50000000012346ET4W".parse().unwrap(),
                status: FeedStatus::Suspended,
                head: None,
                since: NOW - DAY,
            },
        ],
    }
}

fn verify(doc: &[u8], at: i64, highest: u64) -> hrid::status::StatusFeedReport {
    let options = StatusFeedOptions {
        highest_seen_version: highest,
        ..StatusFeedOptions::default()
    };
    verify_status_feed(&verifier(), doc, at, &options)
}

fn doc(feed: &StatusFeed, signer: u8) -> Vec<u8> {
    feed.document(&[&key(signer)], &[recall()])
}

#[test]
fn an_authentic_current_feed_is_accepted_and_answers_by_code() {
    let r = verify(&doc(&feed(), 3), NOW, 5);
    assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.codes());
    assert!(r.has(ReasonCode::StatusFeedValid) && r.has(ReasonCode::StatusFeedCurrent));
    let f = r.feed.as_ref().unwrap();
    let scrapped = f.robot(&"860042A3W0F50000000012345ZAR2".parse().unwrap());
    assert_eq!(scrapped.map(|r| r.status), Some(FeedStatus::Scrapped));
    assert!(f
        .robot(
            &"860042A3W0F50000000012347KFQX".parse().unwrap_or_else(|_| {
                hrid::code::IdentityCode::from_fields("86", "0042", "A3W0F5", "12347").unwrap()
            })
        )
        .is_none());
    let code = "860042A3W0F50000000012346ET4W".parse().unwrap();
    assert_eq!(f.recalls_covering(&code).count(), 1);
}

#[test]
fn a_version_below_the_highest_seen_is_a_rollback() {
    assert!(verify(&doc(&feed(), 3), NOW, 6).has(ReasonCode::StatusFeedRollback));
    assert_eq!(verify(&doc(&feed(), 3), NOW, 6).verdict, Verdict::Rejected);
}

#[test]
fn expiry_is_graded_at_its_edges() {
    let f = feed();
    let at = |t| verify(&doc(&f, 3), t, 0);
    assert!(at(f.expires_at).has(ReasonCode::StatusFeedCurrent));
    let grace = at(f.expires_at + 1);
    assert!(grace.has(ReasonCode::StatusFeedExpiredGrace) && grace.is_accepted());
    assert!(at(f.expires_at + 3600).has(ReasonCode::StatusFeedExpiredGrace));
    let expired = at(f.expires_at + 3601);
    assert_eq!(expired.verdict, Verdict::Indeterminate);
    assert!(expired.has(ReasonCode::StatusFeedExpired) && expired.feed.is_none());
}

/// The feed naming `registry`, signed by the key of seed `signer`.
fn naming(registry: &str, signer: u8) -> hrid::status::StatusFeedReport {
    let mut f = feed();
    f.registry = registry.into();
    verify(&doc(&f, signer), NOW, 0)
}

#[test]
fn a_feed_signed_by_a_non_registry_participant_is_refused() {
    let r = naming("acme", 4);
    assert_eq!(r.verdict, Verdict::Rejected);
    assert!(
        r.has(ReasonCode::StatusFeedSignerNotRegistry),
        "{:?}",
        r.codes()
    );
    // Naming the registry but signed by the manufacturer: the issuer does not own the key.
    let r = verify(&doc(&feed(), 4), NOW, 0);
    assert!(r.has(ReasonCode::SignerIssuerMismatch), "{:?}", r.codes());
}

#[test]
fn a_feed_for_another_registry_is_refused() {
    let r = naming("registry-of-elsewhere", 3);
    assert_eq!(r.verdict, Verdict::Rejected);
    assert!(r.has(ReasonCode::StatusFeedOtherRegistry));
}

#[test]
fn a_named_recall_must_travel_with_the_feed() {
    let document = feed().document(&[&key(3)], &[]);
    let r = verify(&document, NOW, 0);
    assert_eq!(r.verdict, Verdict::Rejected);
    assert!(r.has(ReasonCode::StatusFeedRecallMissing));
}

#[test]
fn rules_of_the_payload() {
    let cases: [fn(&mut StatusFeed); 5] = [
        |f| f.version = 0,
        |f| f.expires_at = f.issued_at,
        |f| f.robots.reverse(),
        |f| f.recalls.push(f.recalls[0].clone()),
        |f| f.previous = Some("XY".into()),
    ];
    for (i, mutate) in cases.iter().enumerate() {
        let mut f = feed();
        mutate(&mut f);
        let r = verify(&doc(&f, 3), NOW, 0);
        assert!(
            r.has(ReasonCode::StatusFeedMalformed),
            "case {i}: {:?}",
            r.codes()
        );
    }
    let r = verify(b"{\"feed\":1,\"recalls\":[],\"x\":1}", NOW, 0);
    assert!(r.has(ReasonCode::StatusFeedMalformed));
}

#[test]
fn the_size_limit_applies_before_parsing() {
    let document = doc(&feed(), 3);
    let tight = VerifyOptions {
        limits: hrid::json::Limits {
            max_status_feed_bytes: document.len() - 1,
            ..hrid::json::Limits::DEFAULT
        },
        ..VerifyOptions::default()
    };
    let v = Verifier::new(verifier().trust_list().clone(), tight);
    let r = verify_status_feed(&v, &document, NOW, &StatusFeedOptions::default());
    assert!(r.has(ReasonCode::StatusFeedTooLarge), "{:?}", r.codes());
    let exact = VerifyOptions {
        limits: hrid::json::Limits {
            max_status_feed_bytes: document.len(),
            ..hrid::json::Limits::DEFAULT
        },
        ..VerifyOptions::default()
    };
    let v = Verifier::new(verifier().trust_list().clone(), exact);
    assert!(verify_status_feed(&v, &document, NOW, &StatusFeedOptions::default()).is_accepted());
}

#[test]
fn a_feed_from_the_future_is_refused() {
    let mut f = feed();
    f.issued_at = NOW + 301;
    f.expires_at = NOW + 2 * DAY;
    assert!(verify(&doc(&f, 3), NOW, 0).has(ReasonCode::StatusFeedIssuedInFuture));
    f.issued_at = NOW + 300;
    assert!(!verify(&doc(&f, 3), NOW, 0).has(ReasonCode::StatusFeedIssuedInFuture));
}
