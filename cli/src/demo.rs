//! `hrid demo`: the main job, on embedded defaults.
//!
//! A registry and five participants, two robots and their whole lives, signed and verified
//! offline: manufacture, registration, shipping, sale, deployment, telemetry, a recall and its
//! remedy, an AI profile update, scrap and dismantling; then a resale attempt after scrap and a
//! second robot fitted with an actuator harvested from the scrapped one. Every key comes from a
//! fixed seed, every time from a fixed clock, so the output is the same on every machine. The
//! files go to a folder so each step can be replayed with the other commands.

use std::path::PathBuf;

use clap::Args;
use hrid::access::{decide_access, Evidence, Policy};
use hrid::attestation::{
    Component, ComponentKind, JointReport, LifecycleEvent, SoftwareComponent, UseCategory,
};
use hrid::audit::audit;
use hrid::code::{self, CheckOptions, IdentityCode};
use hrid::history::{custody, verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::passport::{Passport, PassportOptions};
use hrid::reason::ReasonCode;
use hrid::recall::{RecallNotice, RecallPopulation, RecallState, UnitRange};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Finding, Verdict, Verifier, VerifyOptions};

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  hrid demo            # writes ./hrid-demo\n  hrid demo --out /tmp/demo"
)]
pub(crate) struct DemoArgs {
    /// The folder to write the demo's files to (trust list, keys, histories, passports, labels).
    #[arg(long, default_value = "hrid-demo")]
    out: PathBuf,
}

/// 2026-01-01T00:00:00Z: the demo's fixed clock starts here.
const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

fn key(name: &str) -> SigningKey {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("hrid demo key: {name}").as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    SigningKey::from_seed(seed)
}

struct Actor {
    id: &'static str,
    name: &'static str,
    role: Role,
    scope: Option<&'static str>,
    key: SigningKey,
}

fn actor(id: &'static str, name: &'static str, role: Role, scope: Option<&'static str>) -> Actor {
    Actor {
        id,
        name,
        role,
        scope,
        key: key(id),
    }
}

fn day(t: i64) -> String {
    util::show_time(t).get(..10).unwrap_or_default().to_owned()
}

fn digest(label: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(label.as_bytes()))
}

struct Demo {
    out: PathBuf,
    written: Vec<PathBuf>,
}

impl Demo {
    fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), CliError> {
        let path = self.out.join(rel);
        util::write(&path, bytes)?;
        self.written.push(path);
        Ok(())
    }
}

fn finding_line(f: &Finding) -> String {
    format!("{}  {}", f.detail, dim(&format!("[{}]", f.code)))
}

fn verdict_label(v: Verdict) -> String {
    crate::verify::label(v)
}

pub(crate) fn run(args: &DemoArgs) -> Result<Outcome, CliError> {
    let mut demo = Demo {
        out: args.out.clone(),
        written: Vec::new(),
    };
    output::line(&heading("hrid demo: the life of a humanoid robot, signed by everyone who touched it and verified offline"));
    output::line("");

    // A typo first: the check characters at work.
    let robot = IdentityCode::from_fields("86", "0042", "A3W0F5", "12345")
        .map_err(|e| CliError(e.to_string()))?;
    let donor_target = IdentityCode::from_fields("86", "0042", "A3W0F5", "12346")
        .map_err(|e| CliError(e.to_string()))?;
    let mut typo = robot.to_string();
    typo.replace_range(20..21, "7");
    let report = code::check(&typo, CheckOptions::default());
    output::line(&format!(
        "{}  a clerk types {typo}",
        heading("1. Identity codes")
    ));
    if let (Some(e), Some(s)) = (
        &report.error,
        report.suggestions.as_ref().and_then(|s| s.first()),
    ) {
        output::line(&format!(
            "   {}  {}  {}",
            bad("INVALID"),
            e.message,
            dim(&format!("[{}]", e.code))
        ));
        output::line(&format!("   did you mean {}?", good(&s.code)));
    }

    // The registry's trust list: 2 of 3 root keys sign it.
    let roots = [key("root-1"), key("root-2"), key("root-3")];
    let registry = actor(
        "registry",
        "National Humanoid Robot Registry",
        Role::Registry,
        None,
    );
    let acme = actor("acme", "Acme Robotics", Role::Manufacturer, Some("0042"));
    let fastship = actor("fastship", "FastShip Logistics", Role::Logistics, None);
    let robomart = actor("robomart", "RoboMart Dealers", Role::Dealer, None);
    let citycare = actor("citycare", "CityCare Elder Services", Role::Operator, None);
    let greencycle = actor("greencycle", "GreenCycle Recycling", Role::Recycler, None);
    let actors = [
        &registry,
        &acme,
        &fastship,
        &robomart,
        &citycare,
        &greencycle,
    ];
    let list = TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 5 * 365 * DAY,
        roots: RootKeys {
            threshold: 2,
            keys: roots.iter().map(SigningKey::verifying_key).collect(),
        },
        participants: actors
            .iter()
            .map(|a| Participant {
                id: a.id.to_owned(),
                name: a.name.to_owned(),
                roles: vec![a.role],
                scope: a.scope.map(|m| Scope {
                    manufacturers: vec![m.to_owned()],
                }),
                keys: vec![ParticipantKey {
                    public_key: a.key.verifying_key(),
                    valid_from: T0,
                    valid_until: T0 + 5 * 365 * DAY,
                    compromised_since: None,
                }],
            })
            .collect(),
        permissions: TrustList::default_permissions(),
    };
    let list_envelope = list.sign(&[&roots[0], &roots[1]]).to_json();
    demo.write("trust-list.dsse.json", &list_envelope)?;
    for (i, r) in roots.iter().enumerate() {
        let pem = r
            .verifying_key()
            .to_public_key_pem()
            .map_err(|e| CliError(e.to_string()))?;
        demo.write(&format!("keys/root-{}.pub.pem", i + 1), pem.as_bytes())?;
    }
    for a in actors {
        let pem = a.key.to_pkcs8_pem().map_err(|e| CliError(e.to_string()))?;
        demo.write(&format!("keys/{}.pem", a.id), pem.as_bytes())?;
    }
    let now = T0 + 400 * DAY;
    let anchor = TrustAnchor::new(roots.iter().map(SigningKey::verifying_key).collect(), 2)
        .map_err(|e| CliError(e.to_string()))?;
    let verified_list =
        TrustList::verify(&list_envelope, &anchor, 0, now, &VerifyOptions::default())
            .map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    let verifier = Verifier::new(verified_list, VerifyOptions::default());
    output::line("");
    output::line(&format!(
        "{}  version 1, signed by 2 of 3 registry root keys",
        heading("2. Trust list")
    ));
    for a in actors {
        output::line(&format!(
            "   {:<11} {:<34} {}",
            a.id,
            a.name,
            dim(&format!(
                "{}{}",
                a.role.as_str(),
                a.scope
                    .map(|m| format!(", manufacturer code {m}"))
                    .unwrap_or_default()
            ))
        ));
    }

    // Robot 1: a whole life.
    let actuator = "ACT-0042-000001";
    let mut chain = ChainBuilder::new(robot);
    let mut log: Vec<(i64, &str, String)> = Vec::new();
    let mut push =
        |chain: &mut ChainBuilder, t: i64, who: &Actor, event: LifecycleEvent, what: String| {
            chain.push(t, who.id, event, &[&who.key]);
            log.push((t, who.id, what));
        };
    let ai_v1 = digest("acme ai profile care-assist 1.0");
    let ai_v2 = digest("acme ai profile care-assist 2.0");
    let components = vec![
        Component {
            kind: ComponentKind::Actuator,
            serial: actuator.to_owned(),
        },
        Component {
            kind: ComponentKind::BatteryPack,
            serial: "BAT-0042-000001".to_owned(),
        },
        Component {
            kind: ComponentKind::MainController,
            serial: "MCU-0042-000001".to_owned(),
        },
    ];
    push(
        &mut chain,
        T0 + 10 * DAY,
        &acme,
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0 + 9 * DAY,
            firmware: "3.1.0".into(),
            components,
        },
        format!("manufactured, actuator {actuator}"),
    );
    push(
        &mut chain,
        T0 + 12 * DAY,
        &registry,
        LifecycleEvent::Registered {},
        "registered: market access granted".into(),
    );
    push(
        &mut chain,
        T0 + 13 * DAY,
        &acme,
        LifecycleEvent::SoftwareUpdated {
            component: SoftwareComponent::AiProfile,
            version: "care-assist 1.0".into(),
            digest: ai_v1.clone(),
            previous_digest: None,
            dataset_digest: Some(digest("dataset 2025-q4")),
        },
        "AI profile care-assist 1.0 installed".into(),
    );
    push(
        &mut chain,
        T0 + 15 * DAY,
        &fastship,
        LifecycleEvent::Shipped {
            to: "robomart".into(),
        },
        "shipped to RoboMart".into(),
    );
    push(
        &mut chain,
        T0 + 17 * DAY,
        &robomart,
        LifecycleEvent::Received {
            from: "fastship".into(),
        },
        "received by the dealer".into(),
    );
    push(
        &mut chain,
        T0 + 30 * DAY,
        &robomart,
        LifecycleEvent::Sold {
            buyer: "citycare".into(),
        },
        "sold to CityCare".into(),
    );
    push(
        &mut chain,
        T0 + 35 * DAY,
        &citycare,
        LifecycleEvent::Deployed {
            site: "Shanghai Elder Care Centre 3".into(),
            use_category: UseCategory::Healthcare,
        },
        "deployed in elder care".into(),
    );
    let joints = |wear: u8| {
        vec![JointReport {
            joint: "left_knee".into(),
            wear_percent: wear,
            performance_percent: 100 - wear / 2,
        }]
    };
    push(
        &mut chain,
        T0 + 120 * DAY,
        &citycare,
        LifecycleEvent::Telemetry {
            operating_hours: 1_850,
            battery_soh_percent: 96,
            battery_cycles: 240,
            joints: joints(8),
        },
        "telemetry: 1,850 h, battery 96%".into(),
    );
    // The recall: Acme recalls units 12000..12999 of model A3W0F5 for a knee actuator defect.
    let recall = RecallNotice {
        recall_id: "ACME-2026-007".into(),
        issuer: "acme".into(),
        issued_at: T0 + 130 * DAY,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![UnitRange {
                first: "0000000012000".into(),
                last: "0000000012999".into(),
            }],
            codes: vec![],
        },
        defect: "knee actuator firmware may overheat under sustained load".into(),
        remedy: "update actuator firmware to 3.2.1".into(),
    };
    let recall_envelope = recall.sign(&[&acme.key]);
    demo.write(
        "recalls/ACME-2026-007.dsse.json",
        &recall_envelope.to_json(),
    )?;
    push(
        &mut chain,
        T0 + 140 * DAY,
        &acme,
        LifecycleEvent::RecallRemedied {
            recall_id: "ACME-2026-007".into(),
        },
        "recall ACME-2026-007 remedied".into(),
    );
    push(
        &mut chain,
        T0 + 150 * DAY,
        &acme,
        LifecycleEvent::SoftwareUpdated {
            component: SoftwareComponent::AiProfile,
            version: "care-assist 2.0".into(),
            digest: ai_v2,
            previous_digest: Some(ai_v1),
            dataset_digest: Some(digest("dataset 2026-q2")),
        },
        "AI profile updated to care-assist 2.0".into(),
    );
    push(
        &mut chain,
        T0 + 240 * DAY,
        &citycare,
        LifecycleEvent::Telemetry {
            operating_hours: 4_020,
            battery_soh_percent: 88,
            battery_cycles: 610,
            joints: joints(21),
        },
        "telemetry: 4,020 h, battery 88%".into(),
    );
    push(
        &mut chain,
        T0 + 300 * DAY,
        &citycare,
        LifecycleEvent::Transferred {
            to: "greencycle".into(),
        },
        "handed to GreenCycle for recycling".into(),
    );
    push(
        &mut chain,
        T0 + 305 * DAY,
        &greencycle,
        LifecycleEvent::Received {
            from: "citycare".into(),
        },
        "received by the recycler".into(),
    );
    push(
        &mut chain,
        T0 + 310 * DAY,
        &greencycle,
        LifecycleEvent::Scrapped {},
        "scrapped".into(),
    );
    push(
        &mut chain,
        T0 + 315 * DAY,
        &greencycle,
        LifecycleEvent::Dismantled {
            harvested_serials: vec![actuator.to_owned()],
        },
        format!("dismantled; actuator {actuator} harvested"),
    );

    output::line("");
    output::line(&format!(
        "{}  {}",
        heading("3. A robot's life"),
        robot.display_form()
    ));
    for (t, who, what) in &log {
        output::line(&format!("   {}  {:<11} {what}", day(*t), who));
    }
    let mut bundle = chain.bundle();
    bundle.recalls.push(recall_envelope.clone());
    let report = verify_history(
        &verifier,
        &bundle.to_json(),
        now,
        &HistoryOptions::default(),
    );
    let history_file = format!("histories/{}.json", robot.as_str());
    output::line(&format!(
        "   {}  {} statements, every signature strict-verified, chain intact",
        verdict_label(report.verdict),
        report.events_verified
    ));
    for f in report.failures.iter().chain(&report.warnings) {
        output::line(&format!("     {}", finding_line(f)));
    }
    if let Some(h) = &report.health {
        output::line(&format!(
            "   health: status {}, owner {}, {} h, battery {}% after {} cycles, AI profile {}, open recalls: {}",
            serde_json::to_value(h.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            h.owner.as_deref().unwrap_or("none on record"),
            h.operating_hours.unwrap_or_default(),
            h.battery_soh_percent.unwrap_or_default(),
            h.battery_cycles.unwrap_or_default(),
            h.ai_profile.as_ref().map(|s| s.version.as_str()).unwrap_or("none"),
            if h.open_recalls.is_empty() { "none".to_owned() } else { h.open_recalls.join(", ") },
        ));
        let passport = Passport::from_health(h, now, now + 30 * DAY)
            .ok_or_else(|| CliError("no passport for the demo robot".to_owned()))?;
        let text = passport
            .sign(&registry.key)
            .map_err(|e| CliError(e.to_string()))?;
        demo.write(
            &format!("passports/{}.txt", robot.as_str()),
            format!("{text}\n").as_bytes(),
        )?;
        write_labels(&mut demo, &robot, Some(&text))?;
        output::line(&format!(
            "   passport ({} characters, one QR alphanumeric segment): {}",
            text.len(),
            dim(&text)
        ));
    }
    demo.write(&history_file, &bundle.to_json())?;

    // Robot 2: healthy, registered, sold and deployed, then fitted with the harvested actuator.
    let mut second = ChainBuilder::new(donor_target);
    second.push(
        T0 + 20 * DAY,
        acme.id,
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0 + 19 * DAY,
            firmware: "3.1.0".into(),
            components: vec![Component {
                kind: ComponentKind::Actuator,
                serial: "ACT-0042-000002".into(),
            }],
        },
        &[&acme.key],
    );
    second.push(
        T0 + 21 * DAY,
        registry.id,
        LifecycleEvent::Registered {},
        &[&registry.key],
    );
    second.push(
        T0 + 40 * DAY,
        robomart.id,
        LifecycleEvent::Sold {
            buyer: "citycare".into(),
        },
        &[&robomart.key],
    );
    second.push(
        T0 + 45 * DAY,
        citycare.id,
        LifecycleEvent::Deployed {
            site: "Shanghai Elder Care Centre 3".into(),
            use_category: UseCategory::Healthcare,
        },
        &[&citycare.key],
    );
    second.push(
        T0 + 320 * DAY,
        acme.id,
        LifecycleEvent::RecallRemedied {
            recall_id: "ACME-2026-007".into(),
        },
        &[&acme.key],
    );
    second.push(
        T0 + 330 * DAY,
        acme.id,
        LifecycleEvent::PartReplaced {
            serial_in: actuator.to_owned(),
            serial_out: "ACT-0042-000002".into(),
            kind: ComponentKind::Actuator,
        },
        &[&acme.key],
    );
    let mut second_bundle = second.bundle();
    second_bundle.recalls.push(recall_envelope);
    demo.write(
        &format!("histories/{}.json", donor_target.as_str()),
        &second_bundle.to_json(),
    )?;
    let second_report = verify_history(
        &verifier,
        &second_bundle.to_json(),
        now,
        &HistoryOptions::default(),
    );
    if let Some(h) = &second_report.health {
        if let Some(p) = Passport::from_health(h, now, now + 30 * DAY) {
            let text = p.sign(&registry.key).map_err(|e| CliError(e.to_string()))?;
            demo.write(
                &format!("passports/{}.txt", donor_target.as_str()),
                format!("{text}\n").as_bytes(),
            )?;
            write_labels(&mut demo, &donor_target, Some(&text))?;
        }
    }

    // The resale attempt: after scrap, RoboMart signs a sale of robot 1.
    let mut resale = chain.clone();
    resale.push(
        T0 + 360 * DAY,
        robomart.id,
        LifecycleEvent::Sold {
            buyer: "a buyer abroad".into(),
        },
        &[&robomart.key],
    );
    let resale_bundle = resale.bundle().to_json();
    demo.write(
        &format!("attempts/{}-resale-after-scrap.json", robot.as_str()),
        &resale_bundle,
    )?;

    // Decisions, as a marketplace, an ERP and a scanner would ask.
    output::line("");
    output::line(&heading("4. Market-access decisions"));
    let popts = PassportOptions::default();
    let decisions = [
        (
            robot,
            Policy::Listing,
            Some(bundle.to_json()),
            "robot 1, listed for sale with its history",
        ),
        (
            donor_target,
            Policy::Deployment,
            Some(second_bundle.to_json()),
            "robot 2, deployment with its history",
        ),
        (
            IdentityCode::from_fields("86", "0042", "A3W0F5", "99999")
                .map_err(|e| CliError(e.to_string()))?,
            Policy::Listing,
            None,
            "an uncoded robot, no evidence",
        ),
    ];
    for (code, policy, history, what) in &decisions {
        let d = decide_access(
            &verifier,
            code.as_str(),
            &Evidence {
                passport: None,
                history: history.as_deref(),
            },
            *policy,
            now,
            &popts,
        );
        let label = if d.is_allowed() {
            good("ALLOWED")
        } else {
            bad("DENIED ")
        };
        let why: Vec<String> = d
            .failures
            .iter()
            .map(|f| f.code.as_str().to_owned())
            .collect();
        output::line(&format!(
            "   {label}  {what}{}",
            if why.is_empty() {
                String::new()
            } else {
                dim(&format!("  [{}]", why.join(", ")))
            }
        ));
    }

    // The fleet audit: both robots together.
    let fleet = vec![
        (robot.to_string(), bundle.to_json()),
        (donor_target.to_string(), second_bundle.to_json()),
    ];
    let audit_report = audit(&verifier, &fleet, now, &HistoryOptions::default());

    // An incident: who was responsible for robot 1 at that moment, with proof.
    let incident_at = T0 + 135 * DAY + 10 * 3600 + 30 * 60;
    output::line("");
    output::line(&format!(
        "{}  robot {} fell against a resident at {}: who was responsible?",
        heading("5. An incident"),
        robot.display_form(),
        util::show_time(incident_at)
    ));
    let custody_report = custody(&report, incident_at);
    let answered = custody_report.owner.is_some()
        && custody_report.operation.is_some()
        && custody_report.ai_profile.is_some()
        && custody_report
            .recalls
            .iter()
            .any(|r| r.state == RecallState::Open);
    if !answered {
        return Err(CliError(
            "the demo's incident report lacks its owner, operator, AI profile or open recall"
                .to_owned(),
        ));
    }
    crate::custody::print_custody(&robot, &custody_report);
    let incident_file = format!("incidents/{}-{incident_at}.custody.json", robot.as_str());
    demo.write(&incident_file, custody_report.to_json().as_bytes())?;
    output::line(&dim(&format!(
        "   replay: hrid custody {} --history {}/{history_file} --at {} --verified-at {now} --trust-list {}/trust-list.dsse.json --root-key {}/keys/root-1.pub.pem",
        robot.as_str(),
        args.out.display(),
        util::show_time(incident_at),
        args.out.display(),
        args.out.display()
    )));

    output::line("");
    output::line(&format!("{}  written to {}/ (replay: hrid verify-history {}/{history_file} --trust-list {}/trust-list.dsse.json --root-key {}/keys/root-1.pub.pem --threshold 1)", heading("6. Files"), args.out.display(), args.out.display(), args.out.display(), args.out.display()));
    output::line(&dim(&format!(
        "   {} files: trust list, keys, recall notice, histories, passports, labels, incident report",
        demo.written.len()
    )));

    // The two attempts the registry exists to stop.
    output::line("");
    output::line(&heading("7. What the registry stops"));
    let resale_report = verify_history(&verifier, &resale_bundle, now, &HistoryOptions::default());
    let resale_decision = decide_access(
        &verifier,
        robot.as_str(),
        &Evidence {
            passport: None,
            history: Some(&resale_bundle),
        },
        Policy::Sale,
        now,
        &popts,
    );
    let sale_after_scrap = resale_report
        .failures
        .iter()
        .find(|f| f.code == ReasonCode::LifecycleSaleAfterScrap);
    let reused = audit_report
        .failures
        .iter()
        .find(|f| f.code == ReasonCode::AuditScrappedPartReused);
    match sale_after_scrap {
        Some(f) if !resale_decision.is_allowed() => {
            output::line(&format!(
                "   {}  resale of scrapped robot {} by robomart",
                bad("DENIED"),
                robot.display_form()
            ));
            output::line(&format!("           {}", finding_line(f)));
        }
        _ => {
            return Err(CliError(
                "the demo's resale after scrap was not caught".to_owned(),
            ))
        }
    }
    match reused {
        Some(f) => {
            output::line(&format!(
                "   {}  actuator {actuator} from scrapped robot {} installed in {}",
                bad("REUSED"),
                robot.display_form(),
                donor_target.display_form()
            ));
            output::line(&format!("           {}", finding_line(f)));
        }
        None => {
            return Err(CliError(
                "the demo's reused scrapped actuator was not caught".to_owned(),
            ))
        }
    }
    if audit_report.verdict == Verdict::Accepted {
        output::line(&warn("   (unexpected: the fleet audit accepted)"));
    }
    Ok(Outcome::Ok)
}

fn write_labels(
    demo: &mut Demo,
    code: &IdentityCode,
    passport: Option<&str>,
) -> Result<(), CliError> {
    let fail = |e: hrid_label::LabelError| CliError(format!("{e} [{}]", e.code()));
    let nameplate = hrid_label::Label::for_code(code).map_err(fail)?;
    demo.write(
        &format!("labels/{}.nameplate.svg", code.as_str()),
        nameplate.to_svg().as_bytes(),
    )?;
    demo.write(
        &format!("labels/{}.nameplate.png", code.as_str()),
        &nameplate.to_png(8).map_err(fail)?,
    )?;
    if let Some(text) = passport {
        let label = hrid_label::Label::for_passport(text, code).map_err(fail)?;
        demo.write(
            &format!("labels/{}.passport.svg", code.as_str()),
            label.to_svg().as_bytes(),
        )?;
        demo.write(
            &format!("labels/{}.passport.png", code.as_str()),
            &label.to_png(8).map_err(fail)?,
        )?;
    }
    Ok(())
}
