//! `test-vectors/histories.json`: history bundles, fleet audits and market-access decisions,
//! with expected verdicts and reason codes.

use hrid::access::{decide_access, Evidence, Policy};
use hrid::attestation::{
    Attestation, ComponentKind, LifecycleEvent, SoftwareComponent, UseCategory,
};
use hrid::audit::audit;
use hrid::code::IdentityCode;
use hrid::history::verify_history;
use hrid::keys::SigningKey;
use hrid::passport::Passport;
use hrid::reason::ReasonCode;
use serde_json::{json, Value};

use crate::world::*;

pub(crate) struct Cases {
    cases: Vec<Value>,
}

/// A market-access case: the evidence, the policy, the trust list (one of the file's
/// `trust_lists`) and the codes the case exists for (checked at generation).
pub(crate) struct AccessCase<'a> {
    pub(crate) comment: &'a str,
    pub(crate) flags: &'a [&'a str],
    pub(crate) code: &'a str,
    pub(crate) policy: Policy,
    pub(crate) passport: Option<String>,
    pub(crate) bundle: Option<Vec<u8>>,
    /// A status-feed document; the replay verifies it at `at` (highest seen version 0) with the
    /// case's trust list and hands it to the decision only when accepted.
    pub(crate) status_feed: Option<Vec<u8>>,
    pub(crate) list: (&'a str, &'a hrid::trust::TrustList),
    pub(crate) must: &'a [ReasonCode],
}

impl Cases {
    /// A fleet-audit case over (file name, robot) pairs; `must` is checked at generation.
    pub(crate) fn audit(
        &mut self,
        comment: &str,
        flags: &[&str],
        fleet: &[(&str, &Life)],
        must: ReasonCode,
    ) {
        let v = verifier();
        let bundles: Vec<(String, Vec<u8>)> = fleet
            .iter()
            .map(|(name, l)| ((*name).to_owned(), l.bundle()))
            .collect();
        let r = audit(&v, &bundles, AT, &options());
        let batch = audit(
            &v,
            &bundles,
            AT,
            &hrid::history::HistoryOptions {
                batch: true,
                ..hrid::history::HistoryOptions::DEFAULT
            },
        );
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            serde_json::to_string(&batch).unwrap()
        );
        let has = r.failures.iter().chain(&r.passed).any(|f| f.code == must);
        assert!(has, "{comment}: {:?}", r.failures);
        self.push(json!({
            "kind": "audit",
            "comment": comment,
            "flags": flags,
            "trust_list": "default",
            "trust_list_at": AT,
            "at": AT,
            "bundles": bundles.iter().map(|(n, b)| json!({"name": n, "bundle": String::from_utf8_lossy(b)})).collect::<Vec<_>>(),
            "expected": {
                "verdict": r.verdict.as_str(),
                "failures": codes(&r.failures),
                "passed": codes(&r.passed),
                "robots": r.robots.iter().map(|x| json!({"name": x.name, "verdict": x.report.verdict.as_str()})).collect::<Vec<_>>(),
            },
        }));
    }

    pub(crate) fn access(&mut self, a: AccessCase<'_>) {
        let v = hrid::verify::Verifier::new(
            verified_list_of(a.list.1, AT),
            hrid::verify::VerifyOptions::default(),
        );
        let feed = a.status_feed.as_ref().and_then(|doc| {
            let r = hrid::status::verify_status_feed(
                &v,
                doc,
                AT,
                &hrid::status::StatusFeedOptions::default(),
            );
            r.feed
        });
        let evidence = Evidence {
            passport: a.passport.as_deref(),
            history: a.bundle.as_deref(),
            status_feed: feed.as_ref(),
        };
        let d = decide_access(
            &v,
            a.code,
            &evidence,
            a.policy,
            AT,
            &hrid::access::AccessOptions::default(),
        );
        for must in a.must {
            assert!(
                d.has(*must),
                "{}: expected {must}, got {:?}",
                a.comment,
                d.codes()
            );
        }
        self.push(json!({
            "kind": "access",
            "comment": a.comment,
            "flags": a.flags,
            "trust_list": a.list.0,
            "trust_list_at": AT,
            "at": AT,
            "code": a.code,
            "policy": a.policy.as_str(),
            "passport": a.passport,
            "bundle": a.bundle.map(|b| String::from_utf8_lossy(&b).into_owned()),
            "status_feed": a.status_feed.map(|b| String::from_utf8_lossy(&b).into_owned()),
            "expected": expected(&d, json!({
                "decision": d.decision.as_str(),
                "status": d.status.map(|s| s.as_str()),
            })),
        }));
    }

    fn push(&mut self, mut case: Value) {
        let id = self.cases.len() + 1;
        case.as_object_mut()
            .unwrap()
            .insert("tcId".into(), json!(id));
        self.cases.push(case);
    }

    /// A history case that must report every code of `must`, which is not empty (checked here, at
    /// generation).
    pub(crate) fn history_all(
        &mut self,
        comment: &str,
        flags: &[&str],
        bundle: &[u8],
        must: &[ReasonCode],
    ) {
        let r = verify_history(&verifier_at(AT), bundle, AT, &options());
        for code in must {
            assert!(
                r.has(*code),
                "{comment}: expected {code}, got {:?}",
                r.codes()
            );
        }
        self.history(comment, flags, bundle, must[0]);
    }

    /// A history case; `must` is the code the case exists for (checked here, at generation).
    fn history(&mut self, comment: &str, flags: &[&str], bundle: &[u8], must: ReasonCode) {
        self.history_at(comment, flags, bundle, must, AT);
    }

    fn history_at(
        &mut self,
        comment: &str,
        flags: &[&str],
        bundle: &[u8],
        must: ReasonCode,
        at: i64,
    ) {
        self.history_on(("default", &trust_list()), comment, flags, bundle, must, at);
    }

    /// A history case verified with the named trust list (one of the file's `trust_lists`).
    fn history_on(
        &mut self,
        (list_name, list): (&str, &hrid::trust::TrustList),
        comment: &str,
        flags: &[&str],
        bundle: &[u8],
        must: ReasonCode,
        at: i64,
    ) {
        let v = hrid::verify::Verifier::new(
            verified_list_of(list, at.min(AT)),
            hrid::verify::VerifyOptions::default(),
        );
        let r = verify_history(&v, bundle, at, &options());
        // The batch and the single path agree.
        let single = verify_history(
            &v,
            bundle,
            at,
            &hrid::history::HistoryOptions {
                batch: false,
                ..hrid::history::HistoryOptions::DEFAULT
            },
        );
        assert_eq!(r.to_json(), single.to_json(), "{comment}");
        assert!(
            r.has(must),
            "{comment}: expected {must}, got {:?}",
            r.codes()
        );
        self.push(json!({
            "kind": "history",
            "comment": comment,
            "flags": flags,
            "trust_list": list_name,
            "trust_list_at": at.min(AT),
            "at": at,
            "bundle": String::from_utf8_lossy(bundle),
            "expected": expected(&r, json!({
                "verdict": r.verdict.as_str(),
                "status": r.health.as_ref().map(|h| h.status.as_str()),
                "head_seq": r.head.as_ref().map(|h| h.seq),
                "open_recalls": r.health.as_ref().map(|h| h.open_recalls.clone()).unwrap_or_default(),
            })),
        }));
    }
}

fn verifier_at(at: i64) -> hrid::verify::Verifier {
    hrid::verify::Verifier::new(
        verified_list(at.min(AT)),
        hrid::verify::VerifyOptions::default(),
    )
}

fn life(unit: &str) -> Life {
    Life::new(code(unit))
}

/// The bundle of robot `unit`'s life as `live` writes it.
fn lived(unit: &str, live: impl FnOnce(&mut Life) -> &mut Life) -> Vec<u8> {
    let mut l = life(unit);
    live(&mut l).bundle()
}

/// Robot `unit`, manufactured and registered: the start of the chain-rule cases.
fn registered(unit: &str) -> Life {
    let mut l = life(unit);
    l.manufactured(&["ACT-30"]).registered();
    l
}

/// Appends a shipment by the logistics firm to `to`, at the life's current time, with `subject`,
/// `seq` and `prev` as given (right or wrong) and signed by `signer`.
fn append_shipment(
    l: &mut Life,
    (subject, seq, prev): (IdentityCode, u64, Option<String>),
    to: &str,
    signer: &SigningKey,
) {
    let statement = Attestation {
        subject,
        seq,
        prev,
        time: l.time,
        issuer: "swift".into(),
        event: shipped(to),
    };
    l.chain.push_envelope(statement.sign(&[signer]));
}

pub(crate) fn generate() -> Value {
    let mut c = Cases { cases: Vec::new() };
    use LifecycleEvent as E;

    // --- valid lives ---
    let mut full = life("12345");
    full.put_in_service(&["ACT-1", "ACT-2"])
        .telemetry(100, 10)
        .ev("fixit", software(SoftwareComponent::AiProfile, 1, None))
        .telemetry(250, 24)
        .at(T0 + 25 * DAY)
        .ev("fixit", remedied("R-2026-001"))
        .ev("fixit", software(SoftwareComponent::AiProfile, 2, Some(1)))
        .telemetry(400, 40);
    let r1 = recall("R-2026-001", "acme", "0042");
    c.history(
        "a whole life in service, a recall remedied, two AI profile updates",
        &["valid"],
        &full.bundle_with(&[&r1], None),
        ReasonCode::RecallRemedied,
    );
    c.history(
        "the same life without recall notices",
        &["valid"],
        &full.bundle(),
        ReasonCode::LifecycleConsistent,
    );

    let mut scrapped = life("12346");
    scrapped
        .put_in_service(&["ACT-3"])
        .telemetry(900, 80)
        .ev("cityops", transferred("green"))
        .ev("green", received("cityops"))
        .ev("green", E::Scrapped {})
        .ev(
            "green",
            E::Dismantled {
                harvested_serials: vec!["ACT-3".into()],
            },
        );
    c.history(
        "a life that ends in scrapping and dismantling",
        &["valid"],
        &scrapped.bundle(),
        ReasonCode::ChainIntact,
    );

    // --- recall notices, about one robot in service ---
    let mut open = life("12347");
    open.put_in_service(&["ACT-4"]).telemetry(10, 1);
    let regulator_recall = recall("R-SAMR-7", "samr", "0042");
    let mut outside = recall("R-2026-002", "acme", "0042");
    outside.population.unit_ranges[0].first = "0000000020000".into();
    outside.population.unit_ranges[0].last = "0000000029999".into();
    let mut malformed = recall("R-BAD-1", "acme", "0042");
    malformed.population.manufacturer = None;
    for (comment, notice, must) in [
        (
            "a robot in an open recall (manufacturer's notice)",
            &r1,
            ReasonCode::RecallOpen,
        ),
        (
            "a robot in an open recall issued by the regulator",
            &regulator_recall,
            ReasonCode::RecallOpen,
        ),
        (
            "a manufacturer recalls robots of another manufacturer",
            &recall("R-BOLT-1", "bolt", "0042"),
            ReasonCode::RecallScopeOutside,
        ),
        (
            "a recall whose unit range does not cover the robot",
            &outside,
            ReasonCode::LifecycleConsistent,
        ),
        (
            "a recall notice with unit ranges but no manufacturer",
            &malformed,
            ReasonCode::RecallMalformed,
        ),
        (
            "a dealer issues a recall",
            &recall("R-METRO-1", "metro", "0042"),
            ReasonCode::RecallIssuerNotPermitted,
        ),
    ] {
        let bundle = open.bundle_with(&[notice], None);
        c.history(comment, &["recall"], &bundle, must);
    }
    c.history(
        "a remedy for a recall notice that is not supplied",
        &["recall"],
        &lived("12348", |l| {
            l.put_in_service(&["ACT-5"]).ev("fixit", remedied("R-NOPE"))
        }),
        ReasonCode::RecallRemedyUnknown,
    );

    lifecycle(&mut c);
    chain_rules(&mut c);
    signatures(&mut c);
    bundle_shape(&mut c);
    c.history_at(
        "a history verified long after the trust list expired",
        &["indeterminate"],
        &full.bundle(),
        ReasonCode::TrustListExpired,
        T0 + 800 * DAY,
    );

    audits(&mut c, &full, &scrapped);
    access(&mut c, &full, &scrapped, &open);
    adversarial(&mut c);

    // The regulator's key reported compromised after it signed its notice (list
    // `regulator_compromised`): the notice still counts, with the warning; a notice the same key
    // signed at or after the compromise is rejected.
    let samr_compromised = regulator_recall.issued_at + DAY;
    let samr_list = trust_list_compromising("samr", samr_compromised);
    c.history_on(
        ("regulator_compromised", &samr_list),
        "a recall notice signed before its issuer's key was reported compromised: the recall counts, with key.compromised_later",
        &["recall", "compromised_later"],
        &open.bundle_with(&[&regulator_recall], None),
        ReasonCode::KeyCompromisedLater,
        AT,
    );
    let late_notice = hrid::recall::RecallNotice {
        issued_at: samr_compromised,
        ..recall("R-SAMR-8", "samr", "0042")
    };
    c.history_on(
        ("regulator_compromised", &samr_list),
        "a recall notice signed when its issuer's key was already reported compromised: rejected",
        &["recall", "compromised", "adversarial"],
        &open.bundle_with(&[&late_notice], None),
        ReasonCode::KeyCompromised,
        AT,
    );
    let extra_lists = crate::seller::cases(&mut c, &full, &scrapped, &open);
    let n = c.cases.len();
    let mut trust_lists = json!({
        "default": trust_entry(),
        "regulator_compromised": trust_entry_of(&samr_list),
    });
    for (name, list) in &extra_lists {
        trust_lists[*name] = trust_entry_of(list);
    }
    json!({
        "algorithm": "hrid-history-v1",
        "generator": "cargo xtask vectors (xtask/src/histories.rs)",
        "schema": "see docs/histories.md, section 9",
        "numberOfTests": n,
        "notes": {
            "valid": "a history that follows every rule",
            "recall": "recall notices: who may issue them, whom they cover, open or remedied",
            "compromised_later": "signed before the key's compromised_since: counts, with the warning key.compromised_later",
            "compromised": "signed at or after the key's compromised_since: rejected",
            "lifecycle": "one lifecycle rule broken (docs/histories.md, table 2.2)",
            "after_scrap": "an event after the end of life (scrapped or dismantled) other than the one recycling step left",
            "registry_evidence": "the registry's word beside the seller's evidence: the status feed (a recall it carries applies; a bundle that contradicts it is a conflict), the age of the passport or feed for the policy, the passport a bundle carries, a passport of a compromised registry key",
            "part_timeline": "each part in at most one robot at any moment, across every robot of the audit",
            "suspension": "a suspension blocks sales and deployments until reinstated",
            "telemetry": "counters that only grow (odometer-rollback fraud)",
            "software": "software lineage: each update names the image it replaced",
            "chain": "seq, prev, forks, duplicates, time order",
            "fork": "two statements with the same predecessor (equivocation)",
            "signature": "a statement whose signature or trust checks fail is not evaluated",
            "indeterminate": "an unknown signer or an expired trust list: neither accepted nor rejected",
            "bundle": "the bundle document itself",
            "audit": "several bundles verified together, rules across robots",
            "cloned_code": "one code with two different chains (a copied label)",
            "harvested_part": "a part of a scrapped robot installed in another robot",
            "access": "a market-access decision for a policy on the evidence given (passport, bundle, and status_feed: verified at `at` with highest seen version 0 and the case's trust list, and handed to the decision only when accepted)",
            "moved_signature": "a valid signature of the same key over another robot's statement, moved onto this one",
            "replay": "a valid statement of this chain presented again at another position",
            "removed_event": "a statement taken out of the middle of the chain",
            "reordered": "two statements of the chain swapped",
            "adversarial": "a case for an attack listed in hardening issue #9; docs/threat-model.md maps each to its adversary",
        },
        "trust_lists": trust_lists,
        "cases": c.cases,
    })
}

/// One lifecycle rule broken per case (docs/histories.md, table 2.2), and the valid lives next
/// to them.
fn lifecycle(c: &mut Cases) {
    use LifecycleEvent as E;
    c.history(
        "the first statement is not the manufacture",
        &["lifecycle"],
        &lived("20001", |l| l.registered().manufactured(&["ACT-6"])),
        ReasonCode::LifecycleFirstNotManufactured,
    );
    c.history(
        "the manufacture is attested by a parts supplier, not the code's manufacturer",
        &["lifecycle"],
        &lived("20002", |l| {
            l.ev("partsco", made(T0, &["ACT-7"])).registered()
        }),
        ReasonCode::LifecycleManufacturerNotOwner,
    );
    c.history(
        "shipped before registration: registration is not second",
        &["lifecycle"],
        &lived("20003", |l| {
            l.manufactured(&["ACT-8"])
                .ev("acme", shipped("metro"))
                .registered()
        }),
        ReasonCode::LifecycleRegistrationNotSecond,
    );
    c.history(
        "registered by the regulator, not the registry",
        &["lifecycle"],
        &lived("20004", |l| {
            l.manufactured(&["ACT-9"]).ev("samr", E::Registered {})
        }),
        ReasonCode::LifecycleRegistrarNotRegistry,
    );
    c.history(
        "sold before registration: no code, no market access",
        &["lifecycle"],
        &lived("20005", |l| {
            l.manufactured(&["ACT-10"])
                .ev("metro", sold("someone"))
                .registered()
        }),
        ReasonCode::LifecycleMarketBeforeRegistration,
    );
    c.history(
        "the production date is after the registration",
        &["lifecycle"],
        &lived("20006", |l| {
            l.ev("acme", made(T0 + 5 * DAY, &["ACT-11"])).registered()
        }),
        ReasonCode::LifecycleProductionAfterRegistration,
    );

    let after_scrap: [(&str, &str, LifecycleEvent, ReasonCode); 5] = [
        (
            "20007",
            "metro",
            sold("reseller"),
            ReasonCode::LifecycleSaleAfterScrap,
        ),
        (
            "20008",
            "cityops",
            transferred("reseller"),
            ReasonCode::LifecycleTransferAfterScrap,
        ),
        (
            "20009",
            "cityops",
            deployed("mall", UseCategory::CommercialService),
            ReasonCode::LifecycleDeploymentAfterScrap,
        ),
        (
            "20010",
            "cityops",
            telemetry(1000, 90),
            ReasonCode::LifecycleTelemetryAfterScrap,
        ),
        (
            "20011",
            "fixit",
            E::Maintained {
                summary: "oil".into(),
            },
            ReasonCode::LifecycleEventAfterScrap,
        ),
    ];
    for (unit, who, event, rc) in after_scrap {
        let bundle = lived(unit, |l| {
            l.put_in_service(&["ACT-12"])
                .ev("green", E::Scrapped {})
                .ev(who, event)
        });
        c.history(
            &format!("{} after scrapping", rc.as_str()),
            &["lifecycle", "after_scrap"],
            &bundle,
            rc,
        );
    }

    c.history(
        "sold while suspended",
        &["lifecycle", "suspension"],
        &lived("20012", |l| {
            l.manufactured(&["ACT-13"])
                .registered()
                .ev("samr", suspended("unsafe gait"))
                .ev("metro", sold("someone"))
        }),
        ReasonCode::LifecycleSaleWhileSuspended,
    );
    c.history(
        "deployed while suspended",
        &["lifecycle", "suspension"],
        &lived("20013", |l| {
            l.manufactured(&["ACT-14"])
                .registered()
                .ev("registry", suspended("unsafe gait"))
                .ev("cityops", deployed("school", UseCategory::Education))
        }),
        ReasonCode::LifecycleDeploymentWhileSuspended,
    );
    c.history(
        "suspended, reinstated, then sold",
        &["valid", "suspension"],
        &lived("20014", |l| {
            l.manufactured(&["ACT-15"])
                .registered()
                .ev("samr", suspended("unsafe gait"))
                .ev("samr", E::Reinstated {})
                .ev("metro", sold("someone"))
        }),
        ReasonCode::LifecycleConsistent,
    );
    c.history(
        "suspended and not reinstated: a valid history of a suspended robot",
        &["valid", "suspension"],
        &lived("20015", |l| {
            l.manufactured(&["ACT-16"])
                .registered()
                .ev("samr", suspended("pending inspection"))
        }),
        ReasonCode::LifecycleConsistent,
    );
    c.history(
        "deployed after decommissioning",
        &["lifecycle"],
        &lived("20016", |l| {
            l.put_in_service(&["ACT-17"])
                .ev("cityops", E::Decommissioned {})
                .ev("cityops", deployed("farm", UseCategory::Other))
        }),
        ReasonCode::LifecycleDeploymentAfterDecommission,
    );

    // Counters that only grow: the second report turns one back.
    for (unit, serial, comment, (hours, cycles), rc) in [
        (
            "20017",
            "ACT-18",
            "operating hours turned back (odometer fraud)",
            (120, 51),
            ReasonCode::TelemetryHoursDecreased,
        ),
        (
            "20018",
            "ACT-19",
            "battery cycle count turned back",
            (510, 20),
            ReasonCode::TelemetryBatteryCyclesDecreased,
        ),
    ] {
        let bundle = lived(unit, |l| {
            l.put_in_service(&[serial])
                .telemetry(500, 50)
                .telemetry(hours, cycles)
        });
        c.history(comment, &["telemetry"], &bundle, rc);
    }
    c.history(
        "battery replaced: the cycle count starts again",
        &["valid", "telemetry"],
        &lived("20019", |l| {
            l.put_in_service(&["ACT-20"])
                .telemetry(500, 50)
                .ev(
                    "fixit",
                    E::PartReplaced {
                        serial_in: "BAT-2".into(),
                        serial_out: "BAT-1".into(),
                        kind: ComponentKind::BatteryPack,
                    },
                )
                .telemetry(510, 2)
        }),
        ReasonCode::LifecycleConsistent,
    );

    // Software lineage: the second update does not follow from the first.
    for (unit, serial, comment, component, previous, rc) in [
        (
            "20020",
            "ACT-21",
            "a firmware update that does not follow from the installed firmware",
            SoftwareComponent::Firmware,
            (3, Some(2)),
            ReasonCode::SoftwareLineageBroken,
        ),
        (
            "20021",
            "ACT-22",
            "an AI profile update that does not name the profile it replaced",
            SoftwareComponent::AiProfile,
            (2, None),
            ReasonCode::SoftwarePreviousDigestMissing,
        ),
    ] {
        let bundle = lived(unit, |l| {
            l.put_in_service(&[serial])
                .ev("fixit", software(component, 1, None))
                .ev("fixit", software(component, previous.0, previous.1))
        });
        c.history(comment, &["software"], &bundle, rc);
    }
}

/// seq, prev, forks, duplicates and time order.
fn chain_rules(c: &mut Cases) {
    let mut l = registered("30001");
    let head = l.head();
    append_shipment(&mut l, (code("30001"), 3, head), "x", &key("swift"));
    c.history(
        "seq skips a number",
        &["chain", "adversarial"],
        &l.bundle(),
        ReasonCode::ChainSeqGap,
    );
    let mut l = registered("30002");
    append_shipment(
        &mut l,
        (code("30002"), 2, Some(digest(9))),
        "x",
        &key("swift"),
    );
    c.history(
        "prev names a statement that is not the previous one",
        &["chain", "adversarial"],
        &l.bundle(),
        ReasonCode::ChainPrevMismatch,
    );
    let mut l = registered("30003");
    let head = l.head();
    l.ev("swift", shipped("metro"));
    append_shipment(&mut l, (code("30003"), 2, head), "elsewhere", &key("swift"));
    c.history(
        "two statements claim seq 2 (a fork: equivocation)",
        &["chain", "fork", "adversarial"],
        &l.bundle(),
        ReasonCode::ChainFork,
    );
    let mut l = registered("30004");
    let dup = l.chain.envelopes()[1].clone();
    l.chain.push_envelope(dup);
    c.history(
        "the same statement twice",
        &["chain", "adversarial"],
        &l.bundle(),
        ReasonCode::ChainDuplicate,
    );
    let mut l = registered("30005");
    let t = l.time;
    l.at(t - 10 * DAY).ev("swift", shipped("metro"));
    c.history(
        "an event dated before the one preceding it",
        &["chain"],
        &l.bundle(),
        ReasonCode::ChainTimeDecreasing,
    );
    let mut l = registered("30006");
    let head = l.head();
    append_shipment(&mut l, (code("99999"), 2, head), "x", &key("swift"));
    c.history(
        "a statement about another robot inside the history",
        &["chain", "adversarial"],
        &l.bundle(),
        ReasonCode::HistorySubjectMismatch,
    );
}

/// Statements whose signature or trust checks fail.
fn signatures(c: &mut Cases) {
    let mut l = registered("30007");
    l.ev("swift", shipped("metro"))
        .ev("metro", received("swift"));
    let json = String::from_utf8(l.bundle()).unwrap();
    let envelopes: Vec<String> = l
        .chain
        .envelopes()
        .iter()
        .map(|e| String::from_utf8(e.to_json()).unwrap())
        .collect();
    let tampered_env = {
        let forged = Attestation {
            subject: code("30007"),
            seq: 2,
            prev: l.chain.envelopes().get(1).map(|e| e.statement_hash()),
            time: T0 + 2 * DAY,
            issuer: "swift".into(),
            event: shipped("thief"),
        };
        let mut v: Value = serde_json::from_str(&envelopes[2]).unwrap();
        v["payload"] = json!(base64_of(&forged.to_json()));
        serde_json::to_string(&v).unwrap()
    };
    c.history(
        "a statement altered after signing (signature fails; nothing of it is evaluated)",
        &["signature"],
        json.replace(&envelopes[2], &tampered_env).as_bytes(),
        ReasonCode::SignatureInvalid,
    );
    let mut l = registered("30008");
    let head = l.head();
    append_shipment(&mut l, (code("30008"), 2, head), "x", &stranger());
    c.history(
        "the last statement is signed by a key the trust list does not know",
        &["signature", "indeterminate"],
        &l.bundle(),
        ReasonCode::SignerUnknown,
    );
    let mut l = registered("30009");
    l.ev(
        "swift",
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0,
            firmware: "1".into(),
            components: vec![],
        },
    );
    c.history(
        "a logistics firm attests a manufacture (role not permitted)",
        &["signature"],
        &l.bundle(),
        ReasonCode::RoleNotPermitted,
    );
}

/// The bundle document itself.
fn bundle_shape(c: &mut Cases) {
    let good = String::from_utf8(registered("30010").bundle()).unwrap();
    c.history(
        "a bundle that repeats a key",
        &["bundle", "adversarial"],
        good.replacen(
            "{\"subject\":",
            "{\"subject\":\"860042A3W0F50000000012345ZAR2\",\"subject\":",
            1,
        )
        .as_bytes(),
        ReasonCode::HistoryMalformed,
    );
    c.history(
        "a bundle with an unknown field",
        &["bundle"],
        good.replacen("{\"subject\":", "{\"extra\":1,\"subject\":", 1)
            .as_bytes(),
        ReasonCode::HistoryMalformed,
    );
    c.history(
        "an empty history",
        &["bundle"],
        format!(
            "{{\"subject\":\"{}\",\"attestations\":[],\"recalls\":[],\"passport\":null}}",
            code("30011")
        )
        .as_bytes(),
        ReasonCode::HistoryEmpty,
    );
    c.history(
        "a subject that is not a valid code",
        &["bundle"],
        good.replacen(
            code("30010").as_str(),
            concat!("860042A3W0F50000000030010", "XX", "XX"),
            1,
        )
        .as_bytes(),
        ReasonCode::HistorySubjectInvalid,
    );
    c.history(
        "not JSON",
        &["bundle"],
        b"{\"subject\":",
        ReasonCode::HistoryMalformed,
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn audits(c: &mut Cases, full: &Life, scrapped: &Life) {
    use LifecycleEvent as E;
    let mut run = |comment: &str, flags: &[&str], fleet: [(&str, &Life); 2], must: ReasonCode| {
        c.audit(comment, flags, &fleet, must);
    };
    run(
        "a clean fleet of two",
        &["audit", "valid"],
        [("a.json", full), ("b.json", scrapped)],
        ReasonCode::AuditConsistent,
    );
    // Robot B gets robot A's harvested actuator ACT-3 after A was scrapped and dismantled.
    let mut b = Life::new(code("40001"));
    b.put_in_service(&["ACT-40"]).at(T0 + 30 * DAY).ev(
        "fixit",
        E::PartReplaced {
            serial_in: "ACT-3".into(),
            serial_out: "ACT-40".into(),
            kind: ComponentKind::Actuator,
        },
    );
    run(
        "an actuator harvested from a scrapped robot is installed in another",
        &["audit", "harvested_part"],
        [("scrapped.json", scrapped), ("reuser.json", &b)],
        ReasonCode::AuditScrappedPartReused,
    );
    let mut m = Life::new(code("40002"));
    m.at(T0 + 30 * DAY).manufactured(&["ACT-3"]).registered();
    run(
        "a new robot is built with a part of a scrapped robot",
        &["audit", "harvested_part"],
        [("scrapped.json", scrapped), ("new.json", &m)],
        ReasonCode::AuditScrappedPartReused,
    );
    // Two chains for one code.
    let mut clone = Life::new(code("12345"));
    clone
        .manufactured(&["ACT-1", "ACT-2"])
        .registered()
        .ev("swift", shipped("grey-market"));
    run(
        "the same code with two different chains (a cloned label)",
        &["audit", "cloned_code"],
        [("original.json", full), ("copy.json", &clone)],
        ReasonCode::AuditClonedCode,
    );
    let mut twin = Life::new(code("40003"));
    twin.put_in_service(&["ACT-1"]);
    run(
        "the same actuator serial in two robots in service",
        &["audit"],
        [("a.json", full), ("twin.json", &twin)],
        ReasonCode::AuditPartInTwoRobots,
    );
}

fn access(c: &mut Cases, full: &Life, scrapped: &Life, open: &Life) {
    let v = verifier();
    let registry = key("registry");
    let passport_for = |l: &Life, at_issue: i64| -> String {
        let r = verify_history(&v, &l.bundle(), AT, &options());
        let p = Passport::from_health(r.health.as_ref().unwrap(), at_issue, at_issue + 30 * DAY)
            .unwrap();
        p.sign(&registry).unwrap()
    };
    let mut run = |comment: &str,
                   code_text: &str,
                   policy: Policy,
                   passport: Option<String>,
                   history: Option<Vec<u8>>,
                   must: ReasonCode| {
        c.access(AccessCase {
            comment,
            flags: &["access"],
            code: code_text,
            policy,
            passport,
            bundle: history,
            status_feed: None,
            list: ("default", &trust_list()),
            must: &[must],
        });
    };
    let full_code = code("12345").to_string();
    let scrapped_code = code("12346").to_string();
    let open_code = code("12347").to_string();
    let r1 = recall("R-2026-001", "acme", "0042");
    let now = AT - DAY;
    run(
        "no evidence at all: no code, no market access",
        &full_code,
        Policy::Listing,
        None,
        None,
        ReasonCode::AccessNoEvidence,
    );
    run(
        "an invalid code",
        "860042A3W0F50000000012345ZAR3",
        Policy::Sale,
        None,
        Some(full.bundle()),
        ReasonCode::AccessCodeInvalid,
    );
    run(
        "an active robot's history alone, for sale: a history is not the registry's word",
        &full_code,
        Policy::Sale,
        None,
        Some(full.bundle_with(&[&r1], None)),
        ReasonCode::AccessEvidenceStale,
    );
    run(
        "an active robot's passport, for deployment",
        &full_code,
        Policy::Deployment,
        Some(passport_for(full, now)),
        None,
        ReasonCode::AccessAllowed,
    );
    run(
        "passport and history together, consistent",
        &full_code,
        Policy::Sale,
        Some(passport_for(full, now)),
        Some(full.bundle()),
        ReasonCode::AccessAllowed,
    );
    run(
        "a scrapped robot's history, for sale",
        &scrapped_code,
        Policy::Sale,
        None,
        Some(scrapped.bundle()),
        ReasonCode::AccessScrapped,
    );
    run(
        "a scrapped robot's passport, for listing",
        &scrapped_code,
        Policy::Listing,
        Some(passport_for(scrapped, now)),
        None,
        ReasonCode::AccessScrapped,
    );
    run(
        "another robot's passport",
        &full_code,
        Policy::Sale,
        Some(passport_for(scrapped, now)),
        None,
        ReasonCode::AccessEvidenceOtherSubject,
    );
    run(
        "another robot's history",
        &full_code,
        Policy::Sale,
        None,
        Some(scrapped.bundle()),
        ReasonCode::AccessEvidenceOtherSubject,
    );
    run(
        "an open recall blocks a sale",
        &open_code,
        Policy::Sale,
        None,
        Some(open.bundle_with(&[&r1], None)),
        ReasonCode::AccessRecallOpen,
    );
    run(
        "an open recall blocks a listing too: marketplaces refuse recalled robots",
        &open_code,
        Policy::Listing,
        None,
        Some(open.bundle_with(&[&r1], None)),
        ReasonCode::AccessRecallOpen,
    );
    let mut suspended_robot = Life::new(code("50001"));
    suspended_robot
        .manufactured(&["ACT-50"])
        .registered()
        .ev("samr", suspended("inspection"));
    run(
        "a suspended robot, for deployment",
        code("50001").as_str(),
        Policy::Deployment,
        None,
        Some(suspended_robot.bundle()),
        ReasonCode::AccessSuspended,
    );
    let mut unregistered = Life::new(code("50002"));
    unregistered.manufactured(&["ACT-51"]);
    run(
        "a manufactured robot that was never registered",
        code("50002").as_str(),
        Policy::Listing,
        None,
        Some(unregistered.bundle()),
        ReasonCode::AccessNotRegistered,
    );
    run(
        "an expired passport",
        &full_code,
        Policy::Sale,
        Some(passport_for(full, AT - 60 * DAY)),
        None,
        ReasonCode::AccessEvidenceUnverifiable,
    );
    let mut decommissioned = Life::new(code("50003"));
    decommissioned
        .put_in_service(&["ACT-52"])
        .ev("cityops", LifecycleEvent::Decommissioned {});
    run(
        "a decommissioned robot, for sale",
        code("50003").as_str(),
        Policy::Sale,
        None,
        Some(decommissioned.bundle()),
        ReasonCode::AccessDecommissioned,
    );
    let mut other_chain = Life::new(code("12345"));
    other_chain.manufactured(&["ACT-1", "ACT-2"]).registered();
    run(
        "a passport naming a history head the presented history does not contain",
        &full_code,
        Policy::Sale,
        Some(passport_for(full, now)),
        Some(other_chain.bundle()),
        ReasonCode::AccessEvidenceConflict,
    );
    let mut resold = scrapped.chain.clone();
    resold.push(
        T0 + 100 * DAY,
        "metro",
        sold("grey-market"),
        &[&key("metro")],
    );
    run(
        "a resale after scrapping: the history is rejected",
        &scrapped_code,
        Policy::Sale,
        None,
        Some(resold.bundle().to_json()),
        ReasonCode::LifecycleSaleAfterScrap,
    );
}

/// The adversarial chains of issue #9 that the sections above lack, appended so earlier case IDs
/// stay stable. Each robot is put in service (manufactured, registered, shipped, received, sold,
/// deployed: seq 0 to 5) and then attacked.
fn adversarial(c: &mut Cases) {
    let in_service = |unit: &str| {
        let mut l = life(unit);
        l.put_in_service(&["ACT-60"]);
        l
    };
    let envelope_json =
        |l: &Life, i: usize| String::from_utf8(l.chain.envelopes()[i].to_json()).unwrap();

    // The dealer's signature over robot 30014's sale, moved onto robot 30013's sale: same key,
    // same event, same time; only the subject (and so the prev hashes) differ.
    let this = in_service("30013");
    let other = in_service("30014");
    let sale = envelope_json(&this, 4);
    let mut moved: Value = serde_json::from_str(&sale).unwrap();
    let donor: Value = serde_json::from_str(&envelope_json(&other, 4)).unwrap();
    assert_ne!(moved["signatures"], donor["signatures"]);
    moved["signatures"] = donor["signatures"].clone();
    let bundle = String::from_utf8(this.bundle()).unwrap();
    assert_eq!(bundle.matches(sale.as_str()).count(), 1);
    c.history(
        "a signature moved from another robot's sale (same dealer key, same event) onto this robot's sale",
        &["signature", "moved_signature", "adversarial"],
        bundle.replace(sale.as_str(), &moved.to_string()).as_bytes(),
        ReasonCode::SignatureInvalid,
    );

    // The sale (seq 4) presented again after the deployment and a telemetry report: a second
    // sale from one signature.
    let mut l = in_service("30015");
    l.telemetry(10, 1);
    let sold = l.chain.envelopes()[4].clone();
    l.chain.push_envelope(sold);
    c.history(
        "a replay: the sale (seq 4) presented again at the end of the chain, after deployment and telemetry",
        &["chain", "replay", "adversarial"],
        &l.bundle(),
        ReasonCode::ChainDuplicate,
    );

    // The shipment (seq 2) taken out of the middle.
    let l = in_service("30016");
    let mut b = l.chain.bundle();
    b.attestations.remove(2);
    c.history_all(
        "an event removed from the middle of the chain: the shipment (seq 2) is missing",
        &["chain", "removed_event", "adversarial"],
        &b.to_json(),
        &[ReasonCode::ChainSeqGap, ReasonCode::ChainPrevMismatch],
    );

    // The receipt (seq 3) and the sale (seq 4) swapped.
    let l = in_service("30017");
    let mut b = l.chain.bundle();
    b.attestations.swap(3, 4);
    c.history_all(
        "a reordered chain: the receipt (seq 3) and the sale (seq 4) swapped",
        &["chain", "reordered", "adversarial"],
        &b.to_json(),
        &[ReasonCode::ChainSeqGap, ReasonCode::ChainPrevMismatch],
    );
}
