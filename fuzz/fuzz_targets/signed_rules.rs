//! Fuzzing past the signature: the fuzzer chooses the fields of every statement of two robots'
//! chains, a passport and a status feed; the harness signs them with the participants' real keys,
//! so the rules behind the signature (chain, lifecycle, recalls, freshness, feed conflicts, part
//! timelines, custody) run on every input. Invariants: nothing panics; a decision is allowed
//! exactly when it has no failure; a history with a failure is never accepted; batch and single
//! verification agree; an audit is never accepted when one of its robots is rejected.
#![no_main]
use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use hrid::access::{decide_access, AccessOptions, Evidence, Policy};
use hrid::attestation::{Component, ComponentKind, JointReport, LifecycleEvent as E, SoftwareComponent, UseCategory};
use hrid::audit::audit;
use hrid::code::IdentityCode;
use hrid::history::{custody, verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::passport::{Passport, PassportHead, PassportStatus};
use hrid::recall::{RecallNotice, RecallPopulation};
use hrid::status::{verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};
use libfuzzer_sys::fuzz_target;

const T0: i64 = 1_767_225_600;
const AT: i64 = T0 + 400 * 86_400;
/// (id, role, key seed)
const WHO: [(&str, Role, u8); 7] = [
    ("registry", Role::Registry, 2),
    ("acme", Role::Manufacturer, 3),
    ("metro", Role::Dealer, 4),
    ("cityops", Role::Operator, 5),
    ("fixit", Role::Maintainer, 6),
    ("green", Role::Recycler, 7),
    ("samr", Role::Regulator, 8),
];

fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let participants = WHO
            .iter()
            .map(|(id, role, n)| Participant {
                id: (*id).into(),
                name: (*id).into(),
                roles: vec![*role],
                scope: (*role == Role::Manufacturer).then(|| Scope { manufacturers: vec!["0042".into()] }),
                keys: vec![ParticipantKey {
                    public_key: key(*n).verifying_key(),
                    valid_from: T0 - 86_400,
                    valid_until: T0 + 1_000 * 86_400,
                    compromised_since: (*n == 4).then_some(T0 + 300 * 86_400),
                }],
            })
            .collect();
        let list = TrustList {
            version: 1,
            issued_at: T0,
            expires_at: T0 + 800 * 86_400,
            roots: RootKeys { threshold: 1, keys: vec![key(1).verifying_key()] },
            participants,
            permissions: TrustList::default_permissions(),
        };
        let anchor = TrustAnchor::new(vec![key(1).verifying_key()], 1).expect("anchor");
        let verified = TrustList::verify(&list.sign(&[&key(1)]).to_json(), &anchor, 0, AT, &VerifyOptions::default()).expect("trust list");
        Verifier::new(verified, VerifyOptions::default())
    })
}

#[derive(Arbitrary, Debug)]
enum Ev {
    Manufactured { parts: Vec<u8>, production_offset: i16 },
    Registered,
    Shipped,
    Received,
    Sold,
    Transferred,
    Deployed,
    Telemetry { hours: u16, soh: u16, cycles: u16, wear: u16 },
    Maintained,
    PartReplaced { serial_in: u8, serial_out: u8, battery: bool },
    Software { ai: bool, digest: u8, previous: Option<u8> },
    Remedied { recall: u8 },
    Suspended,
    Reinstated,
    Decommissioned,
    Scrapped,
    Dismantled { harvested: Vec<u8> },
}

#[derive(Arbitrary, Debug)]
struct Statement {
    issuer: u8,
    /// Seconds after the previous statement (negative: back in time).
    gap: i32,
    event: Ev,
    /// Break the chain: 0 keeps it; otherwise a wrong seq or prev.
    tamper: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    robots: [Vec<Statement>; 2],
    recall_units: Option<(u8, u8)>,
    recall_in_bundle: bool,
    passport: Option<(u8, i32, u32, u8, u8)>,
    feed: Option<(Vec<(bool, u8, Option<u8>)>, bool, i32, u16)>,
    policy: u8,
    at_offset: i32,
    custody_day: u16,
    cut: u8,
}

fn serial(n: u8) -> String {
    format!("P-{}", n % 8)
}

fn event(e: &Ev) -> E {
    match e {
        Ev::Manufactured { parts, production_offset } => E::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0 + i64::from(*production_offset) * 3_600,
            firmware: "1.0".into(),
            components: parts.iter().take(4).map(|p| Component { kind: ComponentKind::Actuator, serial: serial(*p) }).collect(),
        },
        Ev::Registered => E::Registered {},
        Ev::Shipped => E::Shipped { to: "metro".into() },
        Ev::Received => E::Received { from: "acme".into() },
        Ev::Sold => E::Sold { buyer: "cityops".into() },
        Ev::Transferred => E::Transferred { to: "green".into() },
        Ev::Deployed => E::Deployed { site: "site".into(), use_category: UseCategory::Industrial },
        Ev::Telemetry { hours, soh, cycles, wear } => E::Telemetry {
            operating_hours: u64::from(*hours),
            battery_soh_percent: u8::try_from(*soh % 120).unwrap_or(0),
            battery_cycles: u64::from(*cycles),
            joints: vec![JointReport { joint: "knee".into(), wear_percent: u8::try_from(*wear % 120).unwrap_or(0), performance_percent: 90 }],
        },
        Ev::Maintained => E::Maintained { summary: "service".into() },
        Ev::PartReplaced { serial_in, serial_out, battery } => E::PartReplaced {
            serial_in: serial(*serial_in),
            serial_out: serial(*serial_out),
            kind: if *battery { ComponentKind::BatteryPack } else { ComponentKind::Actuator },
        },
        Ev::Software { ai, digest, previous } => E::SoftwareUpdated {
            component: if *ai { SoftwareComponent::AiProfile } else { SoftwareComponent::Firmware },
            version: "2".into(),
            digest: format!("{:02x}", digest).repeat(32),
            previous_digest: previous.map(|p| format!("{:02x}", p).repeat(32)),
            dataset_digest: None,
        },
        Ev::Remedied { recall } => E::RecallRemedied { recall_id: format!("R-{}", recall % 3) },
        Ev::Suspended => E::Suspended { reason: "inspection".into() },
        Ev::Reinstated => E::Reinstated {},
        Ev::Decommissioned => E::Decommissioned {},
        Ev::Scrapped => E::Scrapped {},
        Ev::Dismantled { harvested } => E::Dismantled { harvested_serials: harvested.iter().take(4).map(|p| serial(*p)).collect() },
    }
}

fn code(i: usize) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", if i == 0 { "10001" } else { "10002" }).expect("code")
}

fuzz_target!(|input: Input| {
    let v = verifier();
    let at = AT + i64::from(input.at_offset % 2_000_000);
    let notice = input.recall_units.map(|(a, _)| RecallNotice {
        recall_id: format!("R-{}", a % 3),
        issuer: "acme".into(),
        issued_at: T0 + 10 * 86_400,
        population: RecallPopulation { manufacturer: Some("0042".into()), models: vec![], unit_ranges: vec![], codes: vec![] },
        defect: "d".into(),
        remedy: "r".into(),
    });
    let notice_env = notice.as_ref().map(|n| n.sign(&[&key(3)]));
    let mut bundles = Vec::new();
    let mut chains = Vec::new();
    for (i, statements) in input.robots.iter().enumerate() {
        let mut chain = ChainBuilder::new(code(i));
        let mut t = T0;
        for st in statements.iter().take(24) {
            t = t.saturating_add(i64::from(st.gap % 10_000_000));
            let (who, _, n) = WHO[usize::from(st.issuer) % WHO.len()];
            let statement = hrid::attestation::Attestation {
                subject: code(i),
                seq: chain.len() as u64 + u64::from(st.tamper == 1),
                prev: if st.tamper == 2 { None } else { chain.head().map(str::to_owned) },
                time: t,
                issuer: who.into(),
                event: event(&st.event),
            };
            chain.push_envelope(statement.sign(&[&key(n)]));
        }
        let mut bundle = chain.bundle();
        if input.recall_in_bundle {
            bundle.recalls.extend(notice_env.clone());
        }
        bundles.push((format!("r{i}"), bundle.to_json()));
        chains.push(chain);
    }
    // The registry's feed: entries for the robots, its recall notice.
    let feed = input.feed.as_ref().and_then(|(entries, with_recall, issued, life)| {
        let mut robots: Vec<RobotStatus> = entries
            .iter()
            .take(2)
            .map(|(second, status, head)| {
                let i = usize::from(*second);
                let chain = &chains[i];
                RobotStatus {
                    code: code(i),
                    status: [FeedStatus::Unregistered, FeedStatus::Suspended, FeedStatus::RecalledOpen, FeedStatus::Decommissioned, FeedStatus::Scrapped, FeedStatus::Dismantled][usize::from(*status) % 6],
                    head: head.and_then(|h| {
                        let seq = u64::from(h) % (chain.len() as u64 + 2);
                        Some(FeedHead { seq, statement_hash: chain.head().map_or("ab".repeat(32), str::to_owned) })
                    }),
                    since: T0,
                }
            })
            .collect();
        robots.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
        robots.dedup_by(|a, b| a.code == b.code);
        let shipped: Vec<_> = if *with_recall { notice_env.iter().cloned().collect() } else { vec![] };
        let issued_at = at + i64::from(*issued % 200_000);
        let doc = StatusFeed {
            registry: "registry".into(),
            version: 1,
            issued_at,
            expires_at: issued_at + 1 + i64::from(*life) * 10,
            previous: None,
            recalls: shipped.iter().map(|e| e.statement_hash()).collect(),
            robots,
        }
        .document(&[&key(2)], &shipped);
        let r = verify_status_feed(v, &doc, at, &StatusFeedOptions::default());
        assert_eq!(r.feed.is_some(), r.verdict != Verdict::Rejected && r.verdict != Verdict::Indeterminate);
        r.feed
    });
    let passport = input.passport.and_then(|(status, issued, life, head, signer)| {
        let issued_at = at + i64::from(issued % 40_000_000);
        let p = Passport {
            subject: code(0),
            status: PassportStatus::ALL[usize::from(status) % PassportStatus::ALL.len()],
            head: Some(PassportHead { seq: u32::from(head % 30), hash_prefix: [head; 16] }),
            issued_at,
            expires_at: issued_at + 1 + i64::from(life % 8_000_000),
        };
        p.sign(&key(2 + signer % 3)).ok()
    });
    let options = HistoryOptions { status_feed: feed.clone().map(Arc::new), ..HistoryOptions::DEFAULT };
    for (_, b) in &bundles {
        let single = verify_history(v, b, at, &options);
        let batched = verify_history(v, b, at, &HistoryOptions { batch: true, ..options.clone() });
        assert_eq!(single.verdict, batched.verdict);
        assert!(single.failures.iter().all(|f| f.code.severity() != hrid::reason::Severity::Failure) || single.verdict == Verdict::Rejected);
        let c = custody(&single, T0 + i64::from(input.custody_day) * 3_600);
        let _ = c.to_json();
    }
    let report = audit(v, &bundles, at, &options);
    if report.robots.iter().any(|r| r.report.verdict == Verdict::Rejected) {
        assert_eq!(report.verdict, Verdict::Rejected);
    }
    let cut = bundles[0].1.clone();
    let policy = [Policy::Listing, Policy::Sale, Policy::Deployment][usize::from(input.policy) % 3];
    let evidence = Evidence {
        passport: passport.as_deref(),
        history: if input.cut % 2 == 0 { Some(&cut) } else { None },
        status_feed: feed.as_ref(),
    };
    let d = decide_access(v, code(0).as_str(), &evidence, policy, at, &AccessOptions::default());
    assert_eq!(d.is_allowed(), d.failures.is_empty());
    assert_eq!(d.is_allowed(), d.verdict == Verdict::Accepted);
});
