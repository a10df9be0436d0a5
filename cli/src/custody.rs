//! `hrid custody`: who was responsible for a robot at a given moment, each answer with the signed
//! statement that proves it.

use std::path::PathBuf;

use clap::Args;
use hrid::code::IdentityCode;
use hrid::history::{
    custody, verify_history, CustodyReport, HistoryOptions, Proof, TelemetryAtMoment,
};
use hrid::recall::RecallState;
use hrid::verify::Verdict;

use crate::output::{self, bad, dim, good, heading, warn};
use crate::status_feed::{self, FeedArgs};
use crate::util::{self, TrustArgs};
use crate::verify::{outcome, print_findings};
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hrid custody 860042A3W0F50000000012345ZAR2 --history robot.history.json --at 2027-02-04T10:30:00Z --trust-list list.dsse.json --root-key root.pub.pem\n  hrid custody 860042A3W0F50000000012345ZAR2 --history robot.history.json --status-feed feed.json --at 2027-02-04T10:30:00Z --trust-list list.dsse.json --root-key root.pub.pem\n\nThe history is verified as of --verified-at (default now), held against the registry's feed when --status-feed\nis given (verified at the same time); the questions are answered for the moment --at.\nExit 0: answered; 1: the robot should not have been operating then (scrapped, decommissioned, suspended); 3: the history did not verify completely."
)]
pub(crate) struct CustodyArgs {
    /// The identity code of the robot.
    code: String,
    /// The robot's history bundle (JSON).
    #[arg(long, value_name = "BUNDLE")]
    history: PathBuf,
    /// The moment asked about (unix seconds or RFC 3339), e.g. the time of an incident.
    #[arg(long)]
    at: String,
    /// Verify the history as of this time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    verified_at: Option<String>,
    #[command(flatten)]
    feed: FeedArgs,
    #[command(flatten)]
    trust: TrustArgs,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &CustodyArgs) -> Result<Outcome, CliError> {
    let code = IdentityCode::parse(&args.code)
        .map_err(|e| CliError(format!("{:?} is not a valid identity code: {e}", args.code)))?;
    let at = util::parse_time(&args.at)?;
    let verified_at = util::time(args.verified_at.as_deref())?;
    let verifier = util::verifier(&args.trust, verified_at)?;
    let bytes = util::read_limited(&args.history, hrid::json::Limits::DEFAULT.max_history_bytes)?;
    let status_feed = match status_feed::load(&args.feed, &verifier, verified_at, args.json)? {
        Ok(feed) => feed,
        Err(refused) => return Ok(refused),
    };
    let options = HistoryOptions {
        status_feed,
        ..HistoryOptions::DEFAULT
    };
    let history = verify_history(&verifier, &bytes, verified_at, &options);
    if let Some(subject) = &history.subject {
        if subject != code.as_str() {
            return Err(CliError(format!(
                "the history in {} is about {subject}, not {}",
                args.history.display(),
                code.as_str()
            )));
        }
    }
    let report = custody(&history, at);
    if args.json {
        output::line(&report.to_json());
    } else {
        print_custody(&code, &report);
    }
    Ok(outcome(report.verdict))
}

fn proof_line(p: &Proof) {
    let seq = p.seq.map(|s| format!("seq {s} ")).unwrap_or_default();
    output::line(&format!(
        "                   {}",
        dim(&format!(
            "proof: {seq}{} {} signed by {} (key {}) on {}",
            p.event,
            p.statement_hash,
            p.issuer,
            p.key_id,
            util::show_time(p.time)
        ))
    ));
}

fn row(name: &str, value: &str, proof: Option<&Proof>) {
    output::line(&format!("  {} {value}", heading(&format!("{name:<16}"))));
    if let Some(p) = proof {
        proof_line(p);
    }
}

fn gap(name: &str, what: &str) {
    row(name, &dim(&format!("— {what}")), None);
}

/// A row for the answer `name` (its text and the proof behind it), or the gap if there is none.
fn answer<T>(name: &str, answer: Option<&T>, missing: &str, show: impl Fn(&T) -> (String, &Proof)) {
    match answer {
        Some(a) => {
            let (value, proof) = show(a);
            row(name, &value, Some(proof));
        }
        None => gap(name, missing),
    }
}

/// Print a custody report for people: each answer, then the statement that proves it.
pub(crate) fn print_custody(code: &IdentityCode, r: &CustodyReport) {
    print_verdict(code, r);
    print_parties(r);
    print_software(r);
    print_recalls(r);
    print_telemetry(r);
    answer("status", r.status.as_ref(), "unknown", |s| {
        (s.status.as_str().to_owned(), &s.proof)
    });
    print_findings("  ", &r.failures, &r.warnings);
}

/// The verdict, the moment, and what the answers rest on.
fn print_verdict(code: &IdentityCode, r: &CustodyReport) {
    let label = match r.verdict {
        Verdict::Accepted => good("ANSWERED"),
        Verdict::Rejected => bad("FLAGGED"),
        Verdict::Indeterminate => warn("PARTIAL"),
    };
    output::line(&format!(
        "{label}  custody of {} at {}",
        code.display_form(),
        util::show_time(r.at)
    ));
    output::line(&format!(
        "  {}",
        dim(&format!(
            "history {}; {} verified statements at or before the moment",
            r.history_verdict.as_str(),
            r.statements_considered
        ))
    ));
}

/// Who made it, owned it, operated it and last maintained it.
fn print_parties(r: &CustodyReport) {
    answer(
        "manufacturer",
        r.manufacture.as_ref(),
        "no manufacture on record before the moment",
        |m| {
            let value = format!(
                "{} (code {}), model {}, produced {}",
                m.manufacturer,
                m.manufacturer_code,
                m.model,
                util::show_time(m.production_date)
            );
            (value, &m.proof)
        },
    );
    answer("owner", r.owner.as_ref(), "no owner on record", |o| {
        let value = format!(
            "{} (by {}, since {})",
            o.owner,
            o.basis,
            util::show_time(o.since)
        );
        (value, &o.proof)
    });
    answer(
        "operator",
        r.operation.as_ref(),
        "not deployed at that moment: no operator or site on record",
        |o| {
            let value = format!(
                "{} at site {} ({}), since {}",
                o.operator,
                o.site,
                util::json_name(o.use_category),
                util::show_time(o.since)
            );
            (value, &o.proof)
        },
    );
    answer(
        "last maintained",
        r.last_maintenance.as_ref(),
        "no maintenance on record",
        |m| {
            let value = format!(
                "by {} on {}: {} ({})",
                m.maintainer,
                util::show_time(m.time),
                m.summary,
                m.kind
            );
            (value, &m.proof)
        },
    );
}

/// The firmware and the AI profile in effect.
fn print_software(r: &CustodyReport) {
    for (name, s) in [("firmware", &r.firmware), ("AI profile", &r.ai_profile)] {
        answer(name, s.as_ref(), "none on record", |s| {
            let value = format!(
                "{} installed by {} on {}{}",
                s.version,
                s.installed_by,
                util::show_time(s.since),
                s.dataset_digest
                    .as_ref()
                    .map(|d| format!(", dataset {d}"))
                    .unwrap_or_default()
            );
            (value, &s.proof)
        });
    }
}

/// Each recall issued by the moment, open or remedied then, with the remedy's proof.
fn print_recalls(r: &CustodyReport) {
    if r.recalls.is_empty() {
        row("recalls", "none issued by that moment", None);
    }
    for at_moment in &r.recalls {
        let c = &at_moment.recall;
        let state = match (c.state, c.remedied_at) {
            (RecallState::Open, _) => bad("OPEN at that moment"),
            (RecallState::Remedied, Some(t)) => good(&format!("remedied {}", util::show_time(t))),
            (RecallState::Remedied, None) => good("remedied"),
        };
        row(
            "recall",
            &format!(
                "{} by {}, issued {}: {} — {state}",
                c.recall_id,
                c.issuer,
                util::show_time(c.issued_at),
                c.defect
            ),
            Some(&at_moment.proof),
        );
        if let Some(p) = &at_moment.remedy_proof {
            proof_line(p);
        }
    }
}

/// The telemetry nearest before the moment (or its gap) and the first after it (if any).
fn print_telemetry(r: &CustodyReport) {
    match &r.telemetry_before {
        Some(t) => telemetry_row("telemetry before", t),
        None => gap("telemetry before", "no report on record"),
    }
    if let Some(t) = &r.telemetry_after {
        telemetry_row("telemetry after", t);
    }
}

fn telemetry_row(name: &str, t: &TelemetryAtMoment) {
    let joints: Vec<String> = t
        .joints
        .iter()
        .map(|j| format!("{} wear {}%", j.joint, j.wear_percent))
        .collect();
    row(
        name,
        &format!(
            "{} h, battery {}% / {} cycles{}, reported by {} on {}",
            t.operating_hours,
            t.battery_soh_percent,
            t.battery_cycles,
            if joints.is_empty() {
                String::new()
            } else {
                format!(", {}", joints.join(", "))
            },
            t.reported_by,
            util::show_time(t.proof.time)
        ),
        Some(&t.proof),
    );
}
