//! `hrid verify`: verify one signed attestation against a trust list.

use std::path::PathBuf;

use clap::Args;
use hrid::verify::{Finding, Verdict, VerificationReport};

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util::{self, VerifyAtArgs};
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  hrid verify sold.dsse.json --trust-list list.dsse.json --root-key registry.pub.pem --at 2026-06-01T00:00:00Z"
)]
pub(crate) struct VerifyArgs {
    /// The signed attestation (DSSE envelope JSON).
    envelope: PathBuf,
    #[command(flatten)]
    check: VerifyAtArgs,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &VerifyArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let verifier = util::verifier(&args.check.trust, at)?;
    let report = verifier.verify(&util::read(&args.envelope)?, at);
    if args.json {
        output::line(&report.to_json());
    } else {
        print_report(&args.envelope.display().to_string(), &report);
    }
    Ok(outcome(report.verdict))
}

/// The exit outcome of a verdict.
pub(crate) fn outcome(verdict: Verdict) -> Outcome {
    match verdict {
        Verdict::Accepted => Outcome::Ok,
        Verdict::Rejected => Outcome::Rejected,
        Verdict::Indeterminate => Outcome::Indeterminate,
    }
}

/// The verdict as a coloured label.
pub(crate) fn label(verdict: Verdict) -> String {
    match verdict {
        Verdict::Accepted => good("ACCEPTED"),
        Verdict::Rejected => bad("REJECTED"),
        Verdict::Indeterminate => warn("INDETERMINATE"),
    }
}

/// A finding for people: what happened, then its reason code.
pub(crate) fn finding_text(f: &Finding) -> String {
    format!("{}  {}", f.detail, dim(&format!("[{}]", f.code)))
}

/// Print failures (with what each code means) and warnings, one per line.
pub(crate) fn print_findings(indent: &str, failures: &[Finding], warnings: &[Finding]) {
    for f in failures {
        output::line(&format!("{indent}{} {}", bad("✗"), finding_text(f)));
        output::line(&format!("{indent}    {}", dim(f.code.summary())));
    }
    for f in warnings {
        output::line(&format!("{indent}{} {}", warn("!"), finding_text(f)));
    }
}

/// Print the codes of the checks that passed, on one line (nothing if none did).
pub(crate) fn print_passed(passed: &[Finding]) {
    if !passed.is_empty() {
        let names: Vec<&str> = passed.iter().map(|f| f.code.as_str()).collect();
        output::line(&format!(
            "  {} {}",
            heading("passed:"),
            dim(&names.join(", "))
        ));
    }
}

/// Print a report for people: what was checked, what failed and why, with the reason codes.
pub(crate) fn print_report(what: &str, report: &VerificationReport) {
    let about = report
        .statement
        .as_ref()
        .map(|s| {
            let a = s.attestation();
            format!(
                "{} of {} (seq {}) by {}",
                a.event.event_type(),
                a.subject.display_form(),
                a.seq,
                s.participant()
            )
        })
        .unwrap_or_else(|| what.to_owned());
    output::line(&format!("{}  {about}", label(report.verdict)));
    print_findings("  ", &report.failures, &report.warnings);
    print_passed(&report.passed);
}
