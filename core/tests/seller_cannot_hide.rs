//! Issue #18's six situations, each built here through the public API and denied (or flagged)
//! with the codes docs/histories.md and docs/status-feed.md name: what a seller hands over is not
//! what the verifier believes.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use std::sync::Arc;

use hrid::access::{decide_access, AccessOptions, Evidence, Policy};
use hrid::attestation::{Component, ComponentKind, LifecycleEvent as E, UseCategory};
use hrid::audit::audit;
use hrid::code::IdentityCode;
use hrid::envelope::Envelope;
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::passport::{Passport, PassportStatus};
use hrid::reason::ReasonCode;
use hrid::recall::{RecallNotice, RecallPopulation};
use hrid::status::{
    verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions,
    VerifiedStatusFeed,
};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};

const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const NOW: i64 = T0 + 200 * DAY;

fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

/// (id, role, key seed)
const WHO: [(&str, Role, u8); 6] = [
    ("registry", Role::Registry, 3),
    ("acme", Role::Manufacturer, 4),
    ("metro", Role::Dealer, 5),
    ("cityops", Role::Operator, 6),
    ("green", Role::Recycler, 7),
    ("fixit", Role::Maintainer, 8),
];

fn seed(id: &str) -> u8 {
    WHO.iter().find(|w| w.0 == id).unwrap().2
}

/// The trust list; the registry's key (seed 3) reported compromised from `compromised`, with a
/// second registry key (seed 9) valid from then.
fn verifier_with(compromised: Option<i64>) -> Verifier {
    let participants = WHO
        .iter()
        .map(|(id, role, n)| {
            let mut keys = vec![ParticipantKey {
                public_key: key(*n).verifying_key(),
                valid_from: T0,
                valid_until: T0 + 1000 * DAY,
                compromised_since: None,
            }];
            if let (Role::Registry, Some(since)) = (role, compromised) {
                keys[0].compromised_since = Some(since);
                keys.push(ParticipantKey {
                    public_key: key(9).verifying_key(),
                    valid_from: since,
                    valid_until: T0 + 1000 * DAY,
                    compromised_since: None,
                });
            }
            Participant {
                id: (*id).into(),
                name: id.to_uppercase(),
                roles: vec![*role],
                scope: (*role == Role::Manufacturer).then(|| Scope {
                    manufacturers: vec!["0042".into()],
                }),
                keys,
            }
        })
        .collect();
    let list = TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 365 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![key(1).verifying_key()],
        },
        participants,
        permissions: TrustList::default_permissions(),
    };
    let anchor = TrustAnchor::new(vec![key(1).verifying_key()], 1).unwrap();
    let opts = VerifyOptions::default();
    let verified =
        TrustList::verify(&list.sign(&[&key(1)]).to_json(), &anchor, 0, NOW, &opts).unwrap();
    Verifier::new(verified, opts)
}

fn verifier() -> Verifier {
    verifier_with(None)
}

fn code(unit: &str) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", unit).unwrap()
}

/// A robot's chain: one event a day from T0, each signed by its issuer.
struct Life {
    chain: ChainBuilder,
    day: i64,
}

impl Life {
    fn new(unit: &str) -> Life {
        Life {
            chain: ChainBuilder::new(code(unit)),
            day: 0,
        }
    }

    fn ev(&mut self, who: &str, event: E) -> &mut Life {
        self.chain
            .push(T0 + self.day * DAY, who, event, &[&key(seed(who))]);
        self.day += 1;
        self
    }

    fn at_day(&mut self, day: i64) -> &mut Life {
        self.day = day;
        self
    }

    /// Manufactured with `parts`, registered, sold, deployed.
    fn in_service(&mut self, parts: &[&str]) -> &mut Life {
        let components = parts
            .iter()
            .map(|s| Component {
                kind: ComponentKind::Actuator,
                serial: (*s).into(),
            })
            .collect();
        self.ev(
            "acme",
            E::Manufactured {
                model: "A3W0F5".into(),
                production_date: T0,
                firmware: "1.0.0".into(),
                components,
            },
        )
        .ev("registry", E::Registered {})
        .ev(
            "metro",
            E::Sold {
                buyer: "cityops".into(),
            },
        )
        .ev(
            "cityops",
            E::Deployed {
                site: "warehouse".into(),
                use_category: UseCategory::Industrial,
            },
        )
    }

    fn bundle(&self) -> Vec<u8> {
        self.chain.bundle().to_json()
    }

    /// The first `n` statements, with `passport` in the bundle.
    fn cut(&self, n: usize, passport: Option<String>) -> Vec<u8> {
        let mut b = self.chain.bundle();
        b.attestations.truncate(n);
        b.passport = passport;
        b.to_json()
    }

    fn head(&self) -> FeedHead {
        FeedHead {
            seq: self.chain.len() as u64 - 1,
            statement_hash: self.chain.head().unwrap().to_owned(),
        }
    }
}

fn recall() -> RecallNotice {
    RecallNotice {
        recall_id: "R-1".into(),
        issuer: "acme".into(),
        issued_at: T0 + 10 * DAY,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![],
            codes: vec![],
        },
        defect: "knee actuator overheats".into(),
        remedy: "firmware 2.1".into(),
    }
}

/// The registry's feed, issued at `issued_at`, valid a day, signed with key `signer`.
fn feed_with(
    v: &Verifier,
    robots: Vec<RobotStatus>,
    recalls: &[Envelope],
    (signer, issued_at): (u8, i64),
) -> VerifiedStatusFeed {
    let feed = StatusFeed {
        registry: "registry".into(),
        version: 1,
        issued_at,
        expires_at: issued_at + DAY,
        previous: None,
        recalls: recalls.iter().map(Envelope::statement_hash).collect(),
        robots,
    };
    let report = verify_status_feed(
        v,
        &feed.document(&[&key(signer)], recalls),
        NOW,
        &StatusFeedOptions::default(),
    );
    report.feed.expect("the test's feed verifies")
}

fn feed(v: &Verifier, robots: Vec<RobotStatus>, recalls: &[Envelope]) -> VerifiedStatusFeed {
    feed_with(v, robots, recalls, (3, NOW - 3_600))
}

fn sale(v: &Verifier, unit: &str, evidence: Evidence<'_>) -> Vec<ReasonCode> {
    let d = decide_access(
        v,
        code(unit).as_str(),
        &evidence,
        Policy::Sale,
        NOW,
        &AccessOptions::default(),
    );
    assert_eq!(d.is_allowed(), d.failures.is_empty());
    d.codes()
}

fn passport_of(v: &Verifier, life: &Life, issued_at: i64, lifetime: i64, signer: u8) -> String {
    let report = verify_history(v, &life.bundle(), NOW, &HistoryOptions::default());
    let health = report.health.unwrap();
    let legal = Passport::from_health(&health, issued_at, issued_at + DAY).unwrap();
    let signer = key(signer);
    let mut frame = legal
        .signed_bytes(hrid::passport::key_hint(&signer.verifying_key()))
        .unwrap();
    let expires = u32::try_from(issued_at + lifetime).unwrap();
    frame[45..49].copy_from_slice(&expires.to_be_bytes());
    let sig = signer.sign(&hrid::envelope::pae(
        hrid::envelope::PayloadType::Passport.as_str(),
        &frame,
    ));
    frame.extend_from_slice(&sig);
    format!(
        "HP1:{}",
        base32::encode(base32::Alphabet::Crockford, &frame)
    )
}

#[test]
fn a_recall_stripped_from_the_bundle_still_applies_from_the_registrys_feed() {
    let v = verifier();
    let mut robot = Life::new("10001");
    robot.in_service(&["ACT-1"]);
    let notice = recall().sign(&[&key(seed("acme"))]);
    let bundle = robot.bundle(); // carries no recall notice
                                 // Alone, the stripped bundle is not the registry's word either.
    let alone = sale(
        &v,
        "10001",
        Evidence {
            history: Some(&bundle),
            ..Evidence::default()
        },
    );
    assert!(
        alone.contains(&ReasonCode::AccessEvidenceStale),
        "{alone:?}"
    );
    assert!(!alone.contains(&ReasonCode::AccessRecallOpen), "{alone:?}");
    // Beside the feed, whose recall notice covers the robot: denied for the open recall.
    let f = feed(&v, vec![], std::slice::from_ref(&notice));
    let codes = sale(
        &v,
        "10001",
        Evidence {
            history: Some(&bundle),
            status_feed: Some(&f),
            ..Evidence::default()
        },
    );
    assert!(codes.contains(&ReasonCode::AccessRecallOpen), "{codes:?}");
    assert!(
        !codes.contains(&ReasonCode::AccessEvidenceStale),
        "{codes:?}"
    );
    // With the remedy on the chain, the same feed allows the sale.
    // (A remedy counts from the notice's time on: docs/histories.md section 3.)
    robot.at_day(11).ev(
        "fixit",
        E::RecallRemedied {
            recall_id: "R-1".into(),
        },
    );
    let remedied = robot.bundle();
    let codes = sale(
        &v,
        "10001",
        Evidence {
            history: Some(&remedied),
            status_feed: Some(&f),
            ..Evidence::default()
        },
    );
    assert_eq!(codes, vec![ReasonCode::AccessAllowed]);
}

#[test]
fn a_bundle_cut_short_before_its_scrapping_contradicts_the_feed() {
    let v = verifier();
    let mut robot = Life::new("10002");
    robot
        .in_service(&["ACT-2"])
        .ev(
            "green",
            E::Received {
                from: "cityops".into(),
            },
        )
        .ev("green", E::Scrapped {});
    let cut = robot.cut(4, None); // manufactured .. deployed: reads as an intact, active life
    let f = feed(
        &v,
        vec![RobotStatus {
            code: code("10002"),
            status: FeedStatus::Scrapped,
            head: Some(robot.head()),
            since: T0 + 5 * DAY,
        }],
        &[],
    );
    let codes = sale(
        &v,
        "10002",
        Evidence {
            history: Some(&cut),
            status_feed: Some(&f),
            ..Evidence::default()
        },
    );
    for expected in [
        ReasonCode::HistoryRegistryConflict,
        ReasonCode::AccessEvidenceConflict,
        ReasonCode::AccessScrapped,
    ] {
        assert!(codes.contains(&expected), "{expected}: {codes:?}");
    }
    // The whole bundle agrees with the feed: only the scrapping denies.
    let whole = robot.bundle();
    let codes = sale(
        &v,
        "10002",
        Evidence {
            history: Some(&whole),
            status_feed: Some(&f),
            ..Evidence::default()
        },
    );
    assert!(codes.contains(&ReasonCode::AccessScrapped), "{codes:?}");
    assert!(
        !codes.contains(&ReasonCode::AccessEvidenceConflict),
        "{codes:?}"
    );
    // An audit held against the feed rejects the cut bundle too.
    let options = HistoryOptions {
        status_feed: Some(Arc::new(f)),
        ..HistoryOptions::DEFAULT
    };
    let r = audit(&v, &[("cut.json".into(), cut)], NOW, &options);
    assert!(r.robots[0].report.has(ReasonCode::HistoryRegistryConflict));
    assert!(!r.is_accepted());
}

#[test]
fn the_passport_a_trimmed_bundle_carries_is_verified_and_compared() {
    let v = verifier();
    let mut robot = Life::new("10003");
    robot
        .in_service(&["ACT-3"])
        .ev("cityops", E::Transferred { to: "green".into() });
    let passport = passport_of(&v, &robot, NOW - 3_600, 30 * DAY, 3);
    let trimmed = robot.cut(3, Some(passport.clone()));
    let codes = sale(
        &v,
        "10003",
        Evidence {
            history: Some(&trimmed),
            ..Evidence::default()
        },
    );
    assert!(
        codes.contains(&ReasonCode::AccessEvidenceConflict),
        "{codes:?}"
    );
    // The same passport beside the whole bundle: allowed (it is fresh and the heads agree).
    let whole = robot.cut(robot.chain.len(), Some(passport));
    let codes = sale(
        &v,
        "10003",
        Evidence {
            history: Some(&whole),
            ..Evidence::default()
        },
    );
    assert_eq!(codes, vec![ReasonCode::AccessAllowed]);
}

/// "every passport is verified: the one given, and the one the bundle carries when it is
/// another text (the same text is verified once)" (docs/histories.md section 5, step 4).
#[test]
fn a_bundle_carrying_another_passport_than_the_one_given_has_both_verified() {
    let v = verifier();
    let mut robot = Life::new("10012");
    robot.in_service(&["ACT-13"]);
    let mut other = Life::new("10013");
    other.in_service(&["ACT-14"]);
    let given = passport_of(&v, &robot, NOW - 3_600, 30 * DAY, 3);
    let foreign = passport_of(&v, &other, NOW - 3_600, 30 * DAY, 3);
    let carrying_foreign = robot.cut(robot.chain.len(), Some(foreign));
    let d = decide_access(
        &v,
        code("10012").as_str(),
        &Evidence {
            passport: Some(&given),
            history: Some(&carrying_foreign),
            ..Evidence::default()
        },
        Policy::Sale,
        NOW,
        &AccessOptions::default(),
    );
    assert!(
        d.has(ReasonCode::AccessEvidenceOtherSubject),
        "{:?}",
        d.codes()
    );
    assert!(!d.is_allowed());
    // The same passport given and carried: verified once (a stale one warns once).
    let stale = passport_of(&v, &robot, NOW - 2 * DAY, DAY, 3);
    let carrying_same = robot.cut(robot.chain.len(), Some(format!(" {stale}\n")));
    let d = decide_access(
        &v,
        code("10012").as_str(),
        &Evidence {
            passport: Some(&stale),
            history: Some(&carrying_same),
            ..Evidence::default()
        },
        Policy::Deployment,
        NOW,
        &AccessOptions::default(),
    );
    let stale_warnings = d
        .warnings
        .iter()
        .filter(|f| f.code == ReasonCode::PassportStale)
        .count();
    assert_eq!(stale_warnings, 1, "{:?}", d.codes());
    assert!(d.is_allowed(), "{:?}", d.codes());
}

#[test]
fn a_back_dated_passport_of_a_stolen_registry_key_is_not_enough() {
    let since = NOW - 1_800;
    let v = verifier_with(Some(since));
    let mut robot = Life::new("10004");
    robot.in_service(&["ACT-4"]);
    // Dated just before the compromise, valid ten years: the lifetime gives it away.
    let long = passport_of(&v, &robot, since - 600, 3_650 * DAY, 3);
    let codes = sale(
        &v,
        "10004",
        Evidence {
            passport: Some(&long),
            ..Evidence::default()
        },
    );
    for expected in [
        ReasonCode::PassportLifetimeTooLong,
        ReasonCode::AccessEvidenceUnverifiable,
    ] {
        assert!(codes.contains(&expected), "{expected}: {codes:?}");
    }
    // A normal lifetime: still not enough alone.
    let short = passport_of(&v, &robot, since - 600, 30 * DAY, 3);
    let codes = sale(
        &v,
        "10004",
        Evidence {
            passport: Some(&short),
            ..Evidence::default()
        },
    );
    assert!(
        codes.contains(&ReasonCode::AccessPassportKeyCompromised),
        "{codes:?}"
    );
    // Corroborated by a current feed signed with the registry's new key: allowed.
    let fresh = feed_with(&v, vec![], &[], (9, NOW - 600));
    let codes = sale(
        &v,
        "10004",
        Evidence {
            passport: Some(&short),
            status_feed: Some(&fresh),
            ..Evidence::default()
        },
    );
    // Allowed, the passport's key warning kept.
    assert_eq!(
        codes,
        vec![ReasonCode::KeyCompromisedLater, ReasonCode::AccessAllowed],
        "{codes:?}"
    );
}

#[test]
fn a_dismantled_robot_stays_at_the_end_of_its_life() {
    let v = verifier();
    let mut robot = Life::new("10005");
    robot
        .in_service(&["ACT-5"])
        .ev(
            "green",
            E::Received {
                from: "cityops".into(),
            },
        )
        .ev(
            "green",
            E::Dismantled {
                harvested_serials: vec!["ACT-5".into()],
            },
        )
        .ev(
            "metro",
            E::Sold {
                buyer: "someone".into(),
            },
        )
        .ev(
            "cityops",
            E::Deployed {
                site: "elsewhere".into(),
                use_category: UseCategory::Industrial,
            },
        );
    let r = verify_history(&v, &robot.bundle(), NOW, &HistoryOptions::default());
    assert!(
        r.has(ReasonCode::LifecycleSaleAfterScrap),
        "{:?}",
        r.codes()
    );
    assert!(
        r.has(ReasonCode::LifecycleDeploymentAfterScrap),
        "{:?}",
        r.codes()
    );
    assert!(!r.is_accepted());
    assert_eq!(
        r.health.map(|h| PassportStatus::of_health(&h)),
        Some(PassportStatus::Dismantled)
    );
}

/// "after the end of life (the first scrapped or dismantled), only the other recycling step,
/// once" (docs/histories.md section 2.2): each order of the two steps is consistent; a step
/// repeated, or anything after both, is an event after the end of life.
#[test]
fn after_the_end_of_life_only_the_other_recycling_step_once() {
    let v = verifier();
    let dismantled = || E::Dismantled {
        harvested_serials: vec![],
    };
    let end = |unit: &str, steps: Vec<E>| {
        let mut robot = Life::new(unit);
        robot.in_service(&["ACT-20"]).ev(
            "green",
            E::Received {
                from: "cityops".into(),
            },
        );
        for step in steps {
            robot.ev("green", step);
        }
        verify_history(&v, &robot.bundle(), NOW, &HistoryOptions::default())
    };
    for (unit, steps) in [
        ("10020", vec![E::Scrapped {}, dismantled()]),
        ("10021", vec![dismantled(), E::Scrapped {}]),
        ("10022", vec![E::Scrapped {}]),
        ("10023", vec![dismantled()]),
    ] {
        let r = end(unit, steps);
        assert!(
            r.has(ReasonCode::LifecycleConsistent),
            "{unit}: {:?}",
            r.codes()
        );
    }
    for (unit, steps) in [
        ("10024", vec![E::Scrapped {}, E::Scrapped {}]),
        ("10025", vec![dismantled(), dismantled()]),
        ("10026", vec![E::Scrapped {}, dismantled(), E::Scrapped {}]),
        ("10027", vec![dismantled(), E::Scrapped {}, dismantled()]),
    ] {
        let r = end(unit, steps);
        assert!(
            r.has(ReasonCode::LifecycleEventAfterScrap),
            "{unit}: {:?}",
            r.codes()
        );
        assert!(!r.has(ReasonCode::LifecycleConsistent), "{unit}");
    }
}

#[test]
fn a_harvested_part_never_lives_again_whatever_time_its_installation_claims() {
    let v = verifier();
    let mut donor = Life::new("10006");
    donor
        .in_service(&["ACT-6"])
        .at_day(10)
        .ev(
            "green",
            E::Received {
                from: "cityops".into(),
            },
        )
        .ev("green", E::Scrapped {});
    let mut taker = Life::new("10007");
    taker.in_service(&["ACT-7"]).at_day(5).ev(
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-6".into(),
            serial_out: "ACT-7".into(),
            kind: ComponentKind::Actuator,
        },
    );
    // The installation claims day 5, the scrapping was day 11.
    let fleet = [
        ("donor.json".to_owned(), donor.bundle()),
        ("taker.json".to_owned(), taker.bundle()),
    ];
    let r = audit(&v, &fleet, NOW, &HistoryOptions::default());
    assert!(
        r.has(ReasonCode::AuditScrappedPartReused),
        "{:?}",
        r.codes()
    );
    assert!(!r.is_accepted());
    // A part honestly moved: out of one robot at day 5, into the other the same second.
    let mut giver = Life::new("10008");
    giver.in_service(&["ACT-8"]).at_day(5).ev(
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-9".into(),
            serial_out: "ACT-8".into(),
            kind: ComponentKind::Actuator,
        },
    );
    let mut receiver = Life::new("10009");
    receiver.in_service(&["ACT-10"]).at_day(5).ev(
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-8".into(),
            serial_out: "ACT-10".into(),
            kind: ComponentKind::Actuator,
        },
    );
    let fleet = [
        ("giver.json".to_owned(), giver.bundle()),
        ("receiver.json".to_owned(), receiver.bundle()),
    ];
    let r = audit(&v, &fleet, NOW, &HistoryOptions::default());
    assert!(r.is_accepted(), "{:?}", r.codes());
    // The receiver takes it a second early: one part in two bodies.
    let mut early = Life::new("10010");
    early.in_service(&["ACT-11"]);
    early.chain.push(
        T0 + 5 * DAY - 1,
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-8".into(),
            serial_out: "ACT-11".into(),
            kind: ComponentKind::Actuator,
        },
        &[&key(seed("fixit"))],
    );
    let fleet = [
        ("giver.json".to_owned(), giver.bundle()),
        ("early.json".to_owned(), early.bundle()),
    ];
    let r = audit(&v, &fleet, NOW, &HistoryOptions::default());
    assert!(r.has(ReasonCode::AuditPartInTwoRobots), "{:?}", r.codes());
}

#[test]
fn the_registrys_word_must_be_young_enough_for_the_policy() {
    let v = verifier();
    let mut robot = Life::new("10011");
    robot.in_service(&["ACT-12"]);
    let decide = |passport: &str, policy: Policy| {
        decide_access(
            &v,
            code("10011").as_str(),
            &Evidence {
                passport: Some(passport),
                ..Evidence::default()
            },
            policy,
            NOW,
            &AccessOptions::default(),
        )
    };
    let day_old = passport_of(&v, &robot, NOW - DAY, 30 * DAY, 3);
    let older = passport_of(&v, &robot, NOW - DAY - 1, 30 * DAY, 3);
    assert!(decide(&day_old, Policy::Sale).is_allowed());
    assert!(decide(&older, Policy::Sale).has(ReasonCode::AccessEvidenceStale));
    assert!(decide(&older, Policy::Listing).is_allowed());
    let week_old = passport_of(&v, &robot, NOW - 7 * DAY - 1, 30 * DAY, 3);
    assert!(decide(&week_old, Policy::Listing).has(ReasonCode::AccessEvidenceStale));
    assert!(decide(&week_old, Policy::Deployment).is_allowed());
}
