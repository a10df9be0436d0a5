//! `test-vectors/status-feed.json`: registry status feeds with expected verdicts and codes.
//!
//! Each case states the code it exists for (`must`), written from docs/status-feed.md, and the
//! generator asserts the core reports it before it writes the file.

use hrid::envelope::{Envelope, PayloadType};
use hrid::reason::ReasonCode;
use hrid::recall::RecallNotice;
use hrid::status::{
    verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions,
};
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::{json, Value};

use crate::world::*;

/// The feed of the world at `AT`: one scrapped and one suspended robot, one recall in force.
fn feed(recall: &RecallNotice) -> StatusFeed {
    StatusFeed {
        registry: "registry".into(),
        version: 12,
        issued_at: AT - 3_600,
        expires_at: AT + DAY,
        previous: Some("5a".repeat(32)),
        recalls: vec![recall.sign(&[&key("acme")]).statement_hash()],
        robots: vec![
            RobotStatus {
                code: code("12345"),
                status: FeedStatus::Scrapped,
                head: Some(FeedHead {
                    seq: 14,
                    statement_hash: "c3".repeat(32),
                }),
                since: AT - 30 * DAY,
            },
            RobotStatus {
                code: code("12346"),
                status: FeedStatus::Suspended,
                head: None,
                since: AT - 2 * DAY,
            },
        ],
    }
}

struct Case {
    comment: &'static str,
    /// The name of the trust list (in the file's `trust_lists`) the case is verified with.
    trust_list: &'static str,
    flags: &'static [&'static str],
    document: Vec<u8>,
    at: i64,
    highest_seen_version: u64,
    must: ReasonCode,
}

pub(crate) fn generate() -> Value {
    let recall = recall("R-2026-001", "acme", "0042");
    let recall_envelope = recall.sign(&[&key("acme")]);
    let good = feed(&recall);
    let signed = |f: &StatusFeed, signer: &str| {
        f.document(&[&key(signer)], std::slice::from_ref(&recall_envelope))
    };
    let with = |change: fn(&mut StatusFeed)| {
        let mut f = good.clone();
        change(&mut f);
        signed(&f, "registry")
    };
    let case = |comment, flags, document, at, highest_seen_version, must| Case {
        comment,
        trust_list: "default",
        flags,
        document,
        at,
        highest_seen_version,
        must,
    };
    let mut cases = vec![
        case(
            "an authentic, current feed",
            &["valid"][..],
            signed(&good, "registry"),
            AT,
            12,
            ReasonCode::StatusFeedValid,
        ),
        case(
            "at its expiry second: current",
            &["freshness"],
            signed(&good, "registry"),
            good.expires_at,
            0,
            ReasonCode::StatusFeedCurrent,
        ),
        case(
            "one second after expiry: within the grace (warning)",
            &["freshness"],
            signed(&good, "registry"),
            good.expires_at + 1,
            0,
            ReasonCode::StatusFeedExpiredGrace,
        ),
        case(
            "at the end of the grace of 3600 seconds",
            &["freshness"],
            signed(&good, "registry"),
            good.expires_at + 3_600,
            0,
            ReasonCode::StatusFeedExpiredGrace,
        ),
        case(
            "beyond the grace: indeterminate",
            &["freshness", "indeterminate"],
            signed(&good, "registry"),
            good.expires_at + 3_601,
            0,
            ReasonCode::StatusFeedExpired,
        ),
        case(
            "a version below the highest seen: rolled back",
            &["rollback", "adversarial"],
            signed(&good, "registry"),
            AT,
            13,
            ReasonCode::StatusFeedRollback,
        ),
        case(
            "signed by a manufacturer, naming itself as the registry",
            &["signer", "adversarial"],
            with_registry(&good, "acme", &recall_envelope),
            AT,
            0,
            ReasonCode::StatusFeedSignerNotRegistry,
        ),
        case(
            "naming the registry, signed by a manufacturer's key",
            &["signer", "adversarial"],
            signed(&good, "acme"),
            AT,
            0,
            ReasonCode::SignerIssuerMismatch,
        ),
        case(
            "issued for another registry",
            &["registry", "adversarial"],
            with_registry(&good, "registry-of-elsewhere", &recall_envelope),
            AT,
            0,
            ReasonCode::StatusFeedOtherRegistry,
        ),
        case(
            "a named recall notice left out of the document",
            &["recall", "adversarial"],
            good.document(&[&key("registry")], &[]),
            AT,
            0,
            ReasonCode::StatusFeedRecallMissing,
        ),
        case(
            "robots out of order",
            &["malformed"],
            with(|f| f.robots.reverse()),
            AT,
            0,
            ReasonCode::StatusFeedMalformed,
        ),
        case(
            "expires_at equal to issued_at",
            &["malformed"],
            with(|f| f.expires_at = f.issued_at),
            AT,
            0,
            ReasonCode::StatusFeedMalformed,
        ),
        case(
            "dated after the verification time beyond the clock skew",
            &["time"],
            with(|f| f.issued_at = AT + 301),
            AT,
            0,
            ReasonCode::StatusFeedIssuedInFuture,
        ),
        case(
            "signed by a key no trust list knows",
            &["signer", "indeterminate"],
            good.document(&[&stranger()], std::slice::from_ref(&recall_envelope)),
            AT,
            0,
            ReasonCode::SignerUnknown,
        ),
        case(
            "not a feed document",
            &["malformed"],
            b"{\"feed\":{}}".to_vec(),
            AT,
            0,
            ReasonCode::EnvelopeMalformed,
        ),
    ];
    cases.extend(more_cases(&good, &recall, &recall_envelope, &case));
    // Appended last so earlier case IDs stay stable.
    cases.push(case(
        "verified after the trust list expired beyond its grace: indeterminate, and its recall notices are not called missing",
        &["indeterminate"][..],
        signed(&good, "registry"),
        T0 + 800 * DAY,
        0,
        ReasonCode::TrustListExpired,
    ));
    let lists = trust_lists();
    let out: Vec<Value> = cases
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let options = StatusFeedOptions {
                highest_seen_version: c.highest_seen_version,
                ..StatusFeedOptions::default()
            };
            let list = &lists
                .iter()
                .find(|(name, _)| *name == c.trust_list)
                .unwrap()
                .1;
            let verifier = Verifier::new(verified_list_of(list, AT), VerifyOptions::default());
            let r = verify_status_feed(&verifier, &c.document, c.at, &options);
            assert!(r.has(c.must), "{}: {:?}", c.comment, r.codes());
            json!({
                "tcId": i + 1,
                "comment": c.comment,
                "flags": c.flags,
                "trust_list": c.trust_list,
                "trust_list_at": AT,
                "at": c.at,
                "highest_seen_version": c.highest_seen_version,
                "document": String::from_utf8_lossy(&c.document),
                "expected": expected(&r, json!({
                    "verdict": r.verdict.as_str(),
                    "version": r.feed.as_ref().map(|f| f.version()),
                })),
            })
        })
        .collect();
    json!({
        "algorithm": "hrid-status-feed-v1",
        "generator": "cargo xtask vectors (xtask/src/status_feed.rs)",
        "schema": "see docs/status-feed.md",
        "numberOfTests": out.len(),
        "notes": {
            "valid": "an authentic, current feed whose recall notices travel with it",
            "freshness": "current until expires_at, expired within a grace of 3600 seconds (warning), then indeterminate",
            "rollback": "the caller passes the highest version it has accepted; a lower one is refused",
            "signer": "only a registry participant's key signs a feed, and the registry the feed names signs it",
            "registry": "a feed names its registry, a registry participant of the trust list",
            "recall": "every recall notice the feed names is shipped beside it and verifies",
            "malformed": "the document or the payload breaks a rule of form",
            "time": "a feed dated after the verification time beyond the clock skew",
            "indeterminate": "neither accepted nor rejected: get a current feed or trust list",
            "adversarial": "an attack on the feed: a seller's or a thief's",
            "key": "the key rule at the feed's issued_at: the registry's key reported compromised before it (failure) or after it (warning)",
        },
        "trust_lists": lists
            .iter()
            .map(|(name, list)| ((*name).to_owned(), trust_entry_of(list)))
            .collect::<serde_json::Map<String, Value>>(),
        "cases": out,
    })
}

fn with_registry(feed: &StatusFeed, registry: &str, recall: &hrid::envelope::Envelope) -> Vec<u8> {
    let mut f = feed.clone();
    f.registry = registry.into();
    let signer = if registry == "acme" {
        "acme"
    } else {
        "registry"
    };
    f.document(&[&key(signer)], std::slice::from_ref(recall))
}

/// The trust lists the cases name: the default one, and the registry's key reported compromised
/// before and after the feed's `issued_at`.
fn trust_lists() -> Vec<(&'static str, hrid::trust::TrustList)> {
    vec![
        ("default", trust_list()),
        (
            "registry_compromised_earlier",
            trust_list_compromising("registry", AT - DAY),
        ),
        (
            "registry_compromised_later",
            trust_list_compromising("registry", AT),
        ),
    ]
}

/// The cases the reference model asked about (docs/status-feed.md sections 1 and 3): the
/// document's optional `recalls`, a shipped notice that does not verify, the payload type, a
/// repeated key in the payload, an unknown member, the key rule, several late failures at once.
fn more_cases(
    good: &StatusFeed,
    recall: &RecallNotice,
    recall_envelope: &Envelope,
    case: &dyn Fn(&'static str, &'static [&'static str], Vec<u8>, i64, u64, ReasonCode) -> Case,
) -> Vec<Case> {
    let registry = key("registry");
    let feed_only = |f: &StatusFeed| {
        let mut d = b"{\"feed\":".to_vec();
        d.extend_from_slice(&f.sign(&[&registry]).to_json());
        d.push(b'}');
        d
    };
    let mut no_recalls = good.clone();
    no_recalls.recalls.clear();
    let payload = String::from_utf8(good.to_json()).unwrap();
    let raw = |payload_type: PayloadType, payload: &str, extra: &str| {
        let mut d = b"{\"feed\":".to_vec();
        d.extend_from_slice(
            &Envelope::sign(payload_type, payload.as_bytes(), &[&registry]).to_json(),
        );
        d.extend_from_slice(b",\"recalls\":[");
        d.extend_from_slice(&recall_envelope.to_json());
        d.extend_from_slice(format!("]{extra}}}").as_bytes());
        d
    };
    // The notice signed by the registry in acme's name: it does not verify.
    let forged = recall.sign(&[&registry]);
    let with_recall = |f: &StatusFeed, shipped: &Envelope| {
        f.document(&[&registry], std::slice::from_ref(shipped))
    };
    let mut late = good.clone();
    late.issued_at = AT + 301;
    vec![
        case(
            "no recalls member, and the feed names none",
            &["valid"],
            feed_only(&no_recalls),
            AT,
            0,
            ReasonCode::StatusFeedValid,
        ),
        case(
            "no recalls member, but the feed names one",
            &["recall", "adversarial"],
            feed_only(good),
            AT,
            0,
            ReasonCode::StatusFeedRecallMissing,
        ),
        case(
            "the named notice shipped, but signed by the registry in the manufacturer's name",
            &["recall", "adversarial"],
            with_recall(good, &forged),
            AT,
            0,
            ReasonCode::StatusFeedRecallMissing,
        ),
        case(
            "the feed's payload in an envelope of the recall type",
            &["malformed", "adversarial"],
            raw(PayloadType::Recall, &payload, ""),
            AT,
            0,
            ReasonCode::EnvelopePayloadTypeUnexpected,
        ),
        case(
            "a repeated key in the signed payload",
            &["malformed", "adversarial"],
            raw(
                PayloadType::StatusFeed,
                &payload.replacen("\"version\":12,", "\"version\":12,\"version\":13,", 1),
                "",
            ),
            AT,
            0,
            ReasonCode::StatusFeedMalformed,
        ),
        case(
            "an unknown member in the document",
            &["malformed"],
            raw(PayloadType::StatusFeed, &payload, ",\"note\":1"),
            AT,
            0,
            ReasonCode::StatusFeedMalformed,
        ),
        Case {
            trust_list: "registry_compromised_earlier",
            ..case(
                "the registry's key reported compromised before issued_at",
                &["key", "adversarial"],
                with_recall(good, recall_envelope),
                AT,
                0,
                ReasonCode::KeyCompromised,
            )
        },
        Case {
            trust_list: "registry_compromised_later",
            ..case(
                "the registry's key reported compromised after issued_at: a warning",
                &["key"],
                with_recall(good, recall_envelope),
                AT,
                0,
                ReasonCode::KeyCompromisedLater,
            )
        },
        case(
            "rolled back and dated in the future: both reported",
            &["rollback", "time", "adversarial"],
            with_recall(&late, recall_envelope),
            AT,
            13,
            ReasonCode::StatusFeedRollback,
        ),
    ]
}
