//! `hrid verify-history`: verify a robot's whole history bundle against a trust list.

use std::path::PathBuf;

use crate::output::{self, bad, dim, heading};
use crate::status_feed::{self, FeedArgs};
use crate::util::{self, HistoryFlags, VerifyAtArgs};
use crate::verify::{label, outcome, print_findings, print_passed};
use crate::{CliError, Outcome};
use clap::Args;
use hrid::history::{verify_history, HealthSummary, HistoryReport};
use hrid::recall::RecallState;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hrid verify-history robot.history.json --trust-list list.dsse.json --root-key registry.pub.pem --at 2026-06-01T00:00:00Z\n  hrid verify-history robot.history.json --status-feed feed.json --trust-list list.dsse.json --root-key registry.pub.pem\n\nWith --status-feed the bundle is held against the registry's feed: its recall notices in force apply\nwhether or not the bundle carries them, and a bundle that stops short of the feed's head for the robot,\nor shows alive a robot the feed says ended, is history.registry_conflict."
)]
pub(crate) struct VerifyHistoryArgs {
    /// The history bundle (JSON: subject, attestations, recalls, passport).
    bundle: PathBuf,
    #[command(flatten)]
    check: VerifyAtArgs,
    #[command(flatten)]
    feed: FeedArgs,
    #[command(flatten)]
    flags: HistoryFlags,
}

pub(crate) fn run(args: &VerifyHistoryArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let verifier = util::verifier(&args.check.trust, at)?;
    let bytes = util::read_limited(&args.bundle, hrid::json::Limits::DEFAULT.max_history_bytes)?;
    let feed = match status_feed::load(&args.feed, &verifier, at, args.flags.json)? {
        Ok(feed) => feed,
        Err(refused) => return Ok(refused),
    };
    let report = verify_history(&verifier, &bytes, at, &args.flags.options(feed));
    if args.flags.json {
        output::line(&report.to_json());
    } else {
        print_history(&args.bundle.display().to_string(), &report);
    }
    Ok(outcome(report.verdict))
}

/// Print a history report for people: verdict, findings, then the robot's health.
pub(crate) fn print_history(what: &str, report: &HistoryReport) {
    let about = report.subject.as_deref().unwrap_or(what);
    output::line(&format!(
        "{}  history of {about}: {} of {} statements verified",
        label(report.verdict),
        report.events_verified,
        report.events
    ));
    print_findings("  ", &report.failures, &report.warnings);
    print_passed(&report.passed);
    if let Some(health) = &report.health {
        print_health(health);
    }
    for r in &report.recalls {
        let state = match r.state {
            RecallState::Open => bad("OPEN"),
            RecallState::Remedied => output::good("remedied"),
        };
        output::line(&format!(
            "  recall {} by {}: {state}  {}",
            r.recall_id,
            r.issuer,
            dim(&r.defect)
        ));
    }
}

fn or_unknown(value: Option<String>) -> String {
    value.unwrap_or_else(|| dim("unknown"))
}

/// Print a short health summary.
pub(crate) fn print_health(h: &HealthSummary) {
    output::line(&format!("  {}", heading("health:")));
    let status = h.status.as_str();
    output::line(&format!("    status        {status}"));
    if let Some(model) = &h.model {
        output::line(&format!("    model         {model}"));
    }
    output::line(&format!(
        "    owner         {}",
        or_unknown(h.owner.clone())
    ));
    let deployment = h.deployment.as_ref().map(|d| {
        format!(
            "{} ({}), operated by {} since {}",
            d.site,
            util::json_name(d.use_category),
            d.operator,
            util::show_time(d.since)
        )
    });
    output::line(&format!("    deployment    {}", or_unknown(deployment)));
    output::line(&format!(
        "    hours         {}",
        or_unknown(h.operating_hours.map(|n| n.to_string()))
    ));
    let battery = match (h.battery_soh_percent, h.battery_cycles) {
        (None, None) => None,
        (soh, cycles) => Some(format!(
            "{} health, {} cycles",
            soh.map(|s| format!("{s}%")).unwrap_or_else(|| "?".into()),
            cycles.map(|c| c.to_string()).unwrap_or_else(|| "?".into())
        )),
    };
    output::line(&format!("    battery       {}", or_unknown(battery)));
    output::line(&format!(
        "    firmware      {}",
        or_unknown(h.firmware.as_ref().map(|s| s.version.clone()))
    ));
    output::line(&format!(
        "    AI profile    {}",
        or_unknown(h.ai_profile.as_ref().map(|s| s.version.clone()))
    ));
    let recalls = if h.open_recalls.is_empty() {
        "none".to_owned()
    } else {
        bad(&h.open_recalls.join(", "))
    };
    output::line(&format!("    open recalls  {recalls}"));
}
