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
    after_help = "Examples:\n  hrid audit fleet/ --trust-list list.dsse.json --root-key root.pub.pem --at 2026-06-01T00:00:00Z\n  hrid audit fleet/ --status-feed feed.json --trust-list list.dsse.json --root-key root.pub.pem\n\nEvery *.json file in the folder is audited as a history bundle, named by its file stem, except\nsigned envelopes (the trust list, recall notices) and status feeds, which are listed on stderr;\na file that is not a readable bundle is reported by the core (history.malformed), never skipped.\nWith --status-feed every bundle is held against the registry's feed (history.registry_conflict)."
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

/// What a `*.json` file of the folder is, read without building a JSON tree (memory bounded by
/// the parser's depth, not the file's size).
#[derive(serde::Deserialize)]
struct Kind {
    #[serde(rename = "payloadType")]
    payload_type: Option<serde::de::IgnoredAny>,
    feed: Option<serde::de::IgnoredAny>,
}

/// Another hrid document than a bundle (a signed envelope: trust list, recall notice, statement;
/// or a status-feed document): named, and left out of the audit.
fn other_document(bytes: &[u8]) -> Option<&'static str> {
    let kind: Kind = serde_json::from_slice(bytes).ok()?;
    match (kind.payload_type, kind.feed) {
        (Some(_), _) => Some("a signed envelope (trust list, recall notice or statement)"),
        (None, Some(_)) => Some("a status feed"),
        (None, None) => None,
    }
}

/// A folder's bundles `(name, bytes)` and its other hrid documents `(name, what)`.
type Folder = (Vec<(String, Vec<u8>)>, Vec<(String, &'static str)>);

/// The `*.json` files of a folder, sorted: each either a bundle `(file stem, bytes)`, or
/// another hrid document, listed with what it is. A file that is neither (not JSON, a UTF-8
/// byte-order mark, trailing bytes, too deep, no attestations) goes to the audit as a bundle, so
/// the core reports it (`history.malformed`, `history.too_large`, ...): nothing is skipped
/// silently. Each file is read up to one byte past the history limit, never more.
fn bundles(dir: &Path) -> Result<Folder, CliError> {
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
    let limit = hrid::json::Limits::DEFAULT.max_history_bytes;
    let (mut out, mut others) = (Vec::new(), Vec::new());
    for path in paths {
        let bytes = util::read_limited(&path, limit)?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match other_document(&bytes) {
            Some(what) => others.push((name, what)),
            None => out.push((name, bytes)),
        }
    }
    Ok((out, others))
}

pub(crate) fn run(args: &AuditArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let (bundles, others) = bundles(&args.dir)?;
    for (name, what) in &others {
        output::warn_line(&format!(
            "{name}.json is {what}, not a history bundle: not audited"
        ));
    }
    if bundles.is_empty() {
        return Err(CliError(format!(
            "no history bundles (*.json) in {}",
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
