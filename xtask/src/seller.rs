//! What a seller cannot hide (issue #18), appended to `test-vectors/histories.json` so earlier
//! case IDs stay stable: the registry's status feed beside a trimmed bundle, the freshness of
//! the registry's word, the passport lifetime, a compromised registry key, the end of life, and
//! each part's timeline across robots. Each case names the codes it exists for, written from
//! docs/histories.md section 5 and docs/status-feed.md section 4; the generator asserts that
//! the core reports them.

use hrid::access::Policy;
use hrid::attestation::{ComponentKind, LifecycleEvent as E, UseCategory};
use hrid::envelope::Envelope;
use hrid::history::ChainBuilder;
use hrid::keys::SigningKey;
use hrid::passport::{key_hint, Passport};
use hrid::reason::ReasonCode;
use hrid::recall::RecallNotice;
use hrid::status::{FeedHead, FeedStatus, RobotStatus, StatusFeed};
use hrid::trust::{ParticipantKey, TrustList};

use crate::histories::{AccessCase, Cases};
use crate::world::*;

/// The registry's key after the rotation (the old one reported compromised).
fn new_registry_key() -> SigningKey {
    SigningKey::from_seed([77; 32])
}

/// The default list, version 2: the registry's key reported compromised from `since`, and a
/// new registry key valid from then.
fn registry_rotated(since: i64) -> TrustList {
    let mut list = trust_list();
    list.version = 2;
    for p in list.participants.iter_mut().filter(|p| p.id == "registry") {
        for k in &mut p.keys {
            k.compromised_since = Some(since);
        }
        p.keys.push(ParticipantKey {
            public_key: new_registry_key().verifying_key(),
            valid_from: since,
            valid_until: T0 + 1825 * DAY,
            compromised_since: None,
        });
    }
    list
}

/// A status-feed document: version 1 of the registry's feed, issued at `issued_at`, valid for
/// `lifetime` seconds, listing `robots` and the recall notices in force, signed with `signer`.
fn feed(
    robots: Vec<RobotStatus>,
    recalls: &[&RecallNotice],
    (issued_at, lifetime): (i64, i64),
    signer: &SigningKey,
) -> Vec<u8> {
    let envelopes: Vec<Envelope> = recalls.iter().map(|r| r.sign(&[&key(&r.issuer)])).collect();
    let mut hashes: Vec<String> = envelopes.iter().map(Envelope::statement_hash).collect();
    hashes.sort();
    let mut robots = robots;
    robots.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    StatusFeed {
        registry: "registry".into(),
        version: 1,
        issued_at,
        expires_at: issued_at + lifetime,
        previous: None,
        recalls: hashes,
        robots,
    }
    .document(&[signer], &envelopes)
}

/// The feed's entry for `life`: its status, and its head unless `head` is false.
fn entry(life: &Life, status: FeedStatus, head: bool) -> RobotStatus {
    RobotStatus {
        code: life.chain.bundle().subject,
        status,
        head: head.then(|| FeedHead {
            seq: life.chain.len() as u64 - 1,
            statement_hash: life.head().unwrap(),
        }),
        since: AT - 2 * DAY,
    }
}

/// The registry's passport for `life`'s verified history, issued at `issued_at`, valid for
/// `lifetime` seconds, signed with `key`. A lifetime beyond the maximum is signed as raw frame
/// bytes (the issuer refuses it).
fn passport(life: &Life, issued_at: i64, lifetime: i64, key: &SigningKey) -> String {
    let r = hrid::history::verify_history(&verifier(), &life.bundle(), AT, &options());
    let legal =
        Passport::from_health(r.health.as_ref().unwrap(), issued_at, issued_at + DAY).unwrap();
    let mut frame = legal.signed_bytes(key_hint(&key.verifying_key())).unwrap();
    let expires = u32::try_from(issued_at + lifetime).unwrap();
    frame[45..49].copy_from_slice(&expires.to_be_bytes());
    hrid::passport::sign_frame(frame, key)
}

/// The first `n` statements of `life`'s chain, with `passport` in the bundle.
fn trimmed(life: &Life, n: usize, passport: Option<String>) -> Vec<u8> {
    let mut chain = ChainBuilder::new(life.chain.bundle().subject);
    for e in &life.chain.envelopes()[..n] {
        chain.push_envelope(e.clone());
    }
    let mut b = chain.bundle();
    b.passport = passport;
    b.to_json()
}

/// The cases; returns the extra trust lists they use, for the file's `trust_lists`.
pub(crate) fn cases(
    c: &mut Cases,
    full: &Life,
    scrapped: &Life,
    open: &Life,
) -> Vec<(&'static str, TrustList)> {
    let registry = key("registry");
    let default = trust_list();
    let r1 = recall("R-2026-001", "acme", "0042");
    let current = (AT - 3_600, DAY);
    let sale = |comment: &'static str,
                code: &'static str,
                passport: Option<String>,
                bundle: Option<Vec<u8>>,
                feed: Option<Vec<u8>>,
                must: &'static [ReasonCode]| {
        (comment, code, Policy::Sale, passport, bundle, feed, must)
    };
    let full_code: &'static str = code("12345").to_string().leak();
    let scrapped_code: &'static str = code("12346").to_string().leak();
    let open_code: &'static str = code("12347").to_string().leak();
    let scrapped_len = scrapped.chain.len();
    let mut on_default = vec![
        sale(
            "a bundle whose recall notices were removed, beside the registry's current feed that carries the notice: the recall applies",
            open_code,
            None,
            Some(open.bundle()),
            Some(feed(vec![], &[&r1], current, &registry)),
            &[ReasonCode::RecallOpen, ReasonCode::AccessRecallOpen],
        ),
        sale(
            "an active robot's history beside the registry's current feed: the feed is the registry's word",
            full_code,
            None,
            Some(full.bundle()),
            Some(feed(vec![], &[&r1], current, &registry)),
            &[ReasonCode::AccessAllowed],
        ),
        sale(
            "a bundle cut short before its scrapping, beside the feed that says dismantled with its head",
            scrapped_code,
            None,
            Some(trimmed(scrapped, scrapped_len - 2, None)),
            Some(feed(vec![entry(scrapped, FeedStatus::Dismantled, true)], &[], current, &registry)),
            &[ReasonCode::HistoryRegistryConflict, ReasonCode::AccessEvidenceConflict, ReasonCode::AccessScrapped],
        ),
        sale(
            "a bundle cut short before its scrapping, beside a feed that says scrapped without a head",
            scrapped_code,
            None,
            Some(trimmed(scrapped, scrapped_len - 2, None)),
            Some(feed(vec![entry(scrapped, FeedStatus::Scrapped, false)], &[], current, &registry)),
            &[ReasonCode::HistoryRegistryConflict, ReasonCode::AccessScrapped],
        ),
        sale(
            "a bundle cut short before its scrapping, alone: a history is not the registry's word",
            scrapped_code,
            None,
            Some(trimmed(scrapped, scrapped_len - 2, None)),
            None,
            &[ReasonCode::AccessEvidenceStale],
        ),
        sale(
            "a trimmed bundle that carries the registry's passport of the whole history: the bundle's passport is verified and compared",
            full_code,
            None,
            Some(trimmed(full, 6, Some(passport(full, AT - 3_600, 30 * DAY, &registry)))),
            None,
            &[ReasonCode::AccessEvidenceConflict],
        ),
        sale(
            "the feed says suspended, the bundle (from before the suspension) says active: the most restrictive wins",
            full_code,
            None,
            Some(full.bundle()),
            Some(feed(vec![entry(full, FeedStatus::Suspended, false)], &[&r1], current, &registry)),
            &[ReasonCode::AccessSuspended],
        ),
        sale(
            "a passport issued exactly one day ago, for sale: young enough",
            full_code,
            Some(passport(full, AT - DAY, 30 * DAY, &registry)),
            None,
            None,
            &[ReasonCode::AccessAllowed],
        ),
        sale(
            "a passport issued one day and one second ago, for sale: too old",
            full_code,
            Some(passport(full, AT - DAY - 1, 30 * DAY, &registry)),
            None,
            None,
            &[ReasonCode::AccessEvidenceStale],
        ),
        sale(
            "a current feed issued two days ago beside the history, for sale: too old",
            full_code,
            None,
            Some(full.bundle()),
            Some(feed(vec![], &[], (AT - 2 * DAY, 3 * DAY), &registry)),
            &[ReasonCode::AccessEvidenceStale],
        ),
        sale(
            "a feed that expired beyond its grace is not used: the history alone",
            full_code,
            None,
            Some(full.bundle()),
            Some(feed(vec![], &[], (AT - 3 * DAY, DAY), &registry)),
            &[ReasonCode::AccessEvidenceStale],
        ),
    ];
    let listing = (
        "a passport issued six days ago, for listing: young enough (a week)",
        full_code,
        Policy::Listing,
        Some(passport(full, AT - 6 * DAY, 30 * DAY, &registry)),
        None,
        None,
        &[ReasonCode::AccessAllowed][..],
    );
    on_default.push(listing);
    for (comment, code, policy, passport, bundle, status_feed, must) in on_default {
        c.access(AccessCase {
            comment,
            flags: &["access", "registry_evidence"],
            code,
            policy,
            passport,
            bundle,
            status_feed,
            list: ("default", &default),
            must,
        });
    }

    // The registry's key stolen: reported compromised half an hour before AT, a new key since.
    let since = AT - 1_800;
    let rotated = registry_rotated(since);
    let stolen = |issued_at: i64, lifetime: i64| passport(full, issued_at, lifetime, &registry);
    for (comment, passport, status_feed, must) in [
        (
            "a passport signed with the registry's stolen key, dated just before the compromise, valid ten years",
            stolen(since - 600, 3_650 * DAY),
            None,
            &[ReasonCode::KeyCompromisedLater, ReasonCode::PassportLifetimeTooLong, ReasonCode::AccessEvidenceUnverifiable][..],
        ),
        (
            "a fresh passport signed with a registry key since reported compromised, alone",
            stolen(since - 600, 30 * DAY),
            None,
            &[ReasonCode::AccessPassportKeyCompromised][..],
        ),
        (
            "the same passport corroborated by a current feed signed with the registry's new key",
            stolen(since - 600, 30 * DAY),
            Some(feed(vec![], &[], (AT - 600, DAY), &new_registry_key())),
            &[ReasonCode::AccessAllowed][..],
        ),
        (
            "the same passport beside a feed signed with the compromised key: no corroboration",
            stolen(since - 600, 30 * DAY),
            Some(feed(vec![], &[], (since - 300, DAY), &registry)),
            &[ReasonCode::AccessPassportKeyCompromised][..],
        ),
    ] {
        c.access(AccessCase {
            comment,
            flags: &["access", "registry_evidence", "compromised_later", "adversarial"],
            code: full_code,
            policy: Policy::Sale,
            passport: Some(passport),
            bundle: None,
            status_feed,
            list: ("registry_rotated", &rotated),
            must,
        });
    }

    // The end of life is terminal: dismantled (without scrapping), then sold and deployed.
    let mut dismantled = Life::new(code("40010"));
    dismantled
        .put_in_service(&["ACT-70"])
        .ev("green", received("cityops"))
        .ev(
            "green",
            E::Dismantled {
                harvested_serials: vec!["ACT-70".into()],
            },
        )
        .ev("metro", sold("grey-market"))
        .ev("cityops", deployed("site-9", UseCategory::Industrial));
    c.history_all(
        "a robot dismantled without scrapping, then sold and deployed: the end of life is terminal",
        &["lifecycle", "after_scrap", "adversarial"],
        &dismantled.bundle(),
        &[
            ReasonCode::LifecycleSaleAfterScrap,
            ReasonCode::LifecycleDeploymentAfterScrap,
        ],
    );

    // Each part has one body at a time, and a dead part none.
    let mut backdated = Life::new(code("40011"));
    backdated.put_in_service(&["ACT-71"]).at(T0 + 7 * DAY).ev(
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-3".into(),
            serial_out: "ACT-71".into(),
            kind: ComponentKind::Actuator,
        },
    );
    c.audit(
        "a part of a scrapped robot installed in another, the installation back-dated before the scrapping",
        &["audit", "harvested_part", "adversarial"],
        &[("scrapped.json", scrapped), ("backdated.json", &backdated)],
        ReasonCode::AuditScrappedPartReused,
    );
    let mut borrower = Life::new(code("40012"));
    borrower
        .put_in_service(&["ACT-72"])
        .ev(
            "fixit",
            E::PartReplaced {
                serial_in: "ACT-1".into(),
                serial_out: "ACT-72".into(),
                kind: ComponentKind::Actuator,
            },
        )
        .ev(
            "fixit",
            E::PartReplaced {
                serial_in: "ACT-73".into(),
                serial_out: "ACT-1".into(),
                kind: ComponentKind::Actuator,
            },
        );
    c.audit(
        "a part in a second robot for a while, although its first robot never gave it up",
        &["audit", "part_timeline", "adversarial"],
        &[("a.json", full), ("borrower.json", &borrower)],
        ReasonCode::AuditPartInTwoRobots,
    );
    vec![("registry_rotated", rotated)]
}
