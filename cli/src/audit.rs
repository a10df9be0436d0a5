//! `hrid audit`: verify a folder of history bundles, every robot and across robots.

use std::path::{Path, PathBuf};

use clap::Args;
use hrid::audit::{audit, AuditReport};

use crate::output::{self, dim, good, heading};
use crate::status_feed::{self, FeedArgs};
use crate::util::{self, HistoryFlags, VerifyAtArgs};
use crate::verify::{label, outcome, print_findings};
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hrid audit fleet/ --trust-list list.dsse.json --root-key root.pub.pem --at 2026-06-01T00:00:00Z\n  hrid audit fleet/ --status-feed feed.json --trust-list list.dsse.json --root-key root.pub.pem\n\nEvery *.json file in the folder with a top-level \"attestations\" key is a history bundle,\nnamed by its file stem; other files (the trust list, recall notices, a status feed) are skipped.\nWith --status-feed every bundle is held against the registry's feed (history.registry_conflict)."
)]
pub(crate) struct AuditArgs {
    /// The folder of history bundles.
    dir: PathBuf,
    #[command(flatten)]
    check: VerifyAtArgs,
    #[command(flatten)]
    feed: FeedArgs,
    #[command(flatten)]
    flags: HistoryFlags,
}

/// True when the bytes are a JSON object with an "attestations" key.
fn is_bundle(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.contains_key("attestations")))
        .unwrap_or(false)
}

/// The history bundles in a folder, `(file stem, bytes)`, sorted by name.
fn bundles(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, CliError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| CliError(format!("cannot read the folder {}: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| CliError(format!("cannot read the folder {}: {e}", dir.display())))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let bytes = util::read(&path)?;
        if !is_bundle(&bytes) {
            continue;
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        out.push((name, bytes));
    }
    Ok(out)
}

pub(crate) fn run(args: &AuditArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let bundles = bundles(&args.dir)?;
    if bundles.is_empty() {
        return Err(CliError(format!(
            "no history bundles (*.json with \"attestations\") in {}",
            args.dir.display()
        )));
    }
    let verifier = util::verifier(&args.check.trust, at)?;
    let feed = match status_feed::load(&args.feed, &verifier, at, args.flags.json)? {
        Ok(feed) => feed,
        Err(refused) => return Ok(refused),
    };
    let report = audit(&verifier, &bundles, at, &args.flags.options(feed));
    if args.flags.json {
        output::json(&report);
    } else {
        print_audit(&report);
    }
    Ok(outcome(report.verdict))
}

fn print_audit(report: &AuditReport) {
    output::line(&format!(
        "{}  audit of {} robots: {} accepted, {} rejected, {} indeterminate",
        label(report.verdict),
        report.robots.len(),
        report.accepted,
        report.rejected,
        report.indeterminate
    ));
    for robot in &report.robots {
        let r = &robot.report;
        let status = r
            .health
            .as_ref()
            .map(|h| format!(", {}", h.status.as_str()))
            .unwrap_or_default();
        output::line(&format!(
            "  {}  {}  {}{}",
            label(r.verdict),
            robot.name,
            dim(r.subject.as_deref().unwrap_or("(no valid subject)")),
            dim(&status)
        ));
        print_findings("      ", &r.failures, &r.warnings);
    }
    output::line(&format!("  {}", heading("across robots:")));
    if report.failures.is_empty() {
        output::line(&format!(
            "    {} no scrapped part reused, no cloned code, no part in two robots",
            good("✓")
        ));
    } else {
        // The core can report one reuse twice (a part both installed at scrapping and listed
        // as harvested): show each distinct finding once; --json keeps the core's list as is.
        let mut distinct: Vec<hrid::verify::Finding> = Vec::new();
        for f in &report.failures {
            if !distinct
                .iter()
                .any(|d| d.code == f.code && d.detail == f.detail)
            {
                distinct.push(f.clone());
            }
        }
        print_findings("    ", &distinct, &[]);
    }
}
