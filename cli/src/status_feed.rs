//! `hrid status-feed`: issue the registry's signed status feed (the registry) and verify one
//! (anyone); and `--status-feed FILE`, the feed the commands that decide on evidence hold beside
//! it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};
use hrid::code::IdentityCode;
use hrid::envelope::{Envelope, PayloadType};
use hrid::json::Limits;
use hrid::status::{
    verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions,
    StatusFeedReport, VerifiedStatusFeed,
};
use hrid::verify::{Verdict, Verifier};

use crate::output::{self, dim};
use crate::util::{self, VerifyAtArgs};
use crate::verify::{label, outcome, print_findings, print_passed};
use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum StatusFeedCommand {
    /// Sign the registry's status feed: every robot that is not active, and the recall notices
    /// in force.
    Issue(IssueArgs),
    /// Verify a status feed against the trust list (exit 0 accepted, 1 rejected, 3 indeterminate).
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    hrid status-feed issue --key registry.pem --registry registry --version 8 \\\n    \
    --robot 860042A3W0F50000000012345ZAR2=scrapped --recall R-2026-001.dsse.json --out feed.json\n  \
    hrid status-feed issue --key registry.pem --registry registry --version 9 --robots robots.json \\\n    \
    --previous 3f9c...e1 --valid-hours 24 --out feed.json\n\n\
    --robots FILE is a JSON array of the feed's robot entries, in any order:\n  \
    [{\"code\": \"860042A3W0F50000000012345ZAR2\", \"status\": \"scrapped\",\n    \
    \"head\": {\"seq\": 14, \"statement_hash\": \"<64 hex>\"}, \"since\": 1801785600}]\n\
    (\"head\" and \"since\" may be left out: no head, since the issue time). Statuses: unregistered,\n\
    suspended, recalled_open, decommissioned, scrapped, dismantled (an active robot is not listed).")]
pub(crate) struct IssueArgs {
    /// The registry's private key (file or hex seed).
    #[arg(long)]
    key: String,
    /// The registry's participant ID in the trust list (it signs the feed).
    #[arg(long)]
    registry: String,
    /// The feed's version: from 1, one more for every feed published.
    #[arg(long)]
    version: u64,
    /// A JSON file: an array of robot entries (see below).
    #[arg(long, value_name = "FILE")]
    robots: Option<PathBuf>,
    /// A robot that is not active, CODE=STATUS (no head, since the issue time); repeat.
    #[arg(long = "robot", value_name = "CODE=STATUS")]
    robot: Vec<String>,
    /// A recall notice in force (a signed envelope, as `hrid recall issue` writes); repeat. The
    /// feed names it and carries it.
    #[arg(long = "recall", value_name = "FILE")]
    recalls: Vec<PathBuf>,
    /// The statement hash of the previous version (64 lowercase hex digits).
    #[arg(long, value_name = "HASH")]
    previous: Option<String>,
    /// Issue time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    issued_at: Option<String>,
    /// How many hours the feed stays current (feeds are short-lived).
    #[arg(long, default_value_t = 24)]
    valid_hours: u32,
    /// Where to write the feed document.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  hrid status-feed verify feed.json --trust-list list.dsse.json --root-key root.pub.pem --highest-seen-feed-version 7\n\nPersist the version of every feed you accept and pass it as --highest-seen-feed-version: an older\nfeed is then refused (status_feed.rollback). A feed is current until its expiry, usable for an\nhour after it with a warning, then indeterminate (exit 3): get a current one."
)]
pub(crate) struct VerifyArgs {
    /// The status-feed document (JSON: the signed feed and the recall notices it names).
    document: PathBuf,
    #[command(flatten)]
    check: VerifyAtArgs,
    /// The highest feed version you have accepted before (rollback guard; 0: none).
    #[arg(long, default_value_t = 0)]
    highest_seen_feed_version: u64,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// `--status-feed FILE`: the registry's feed, for the commands that verify or decide on a
/// robot's evidence.
#[derive(Debug, Args)]
pub(crate) struct FeedArgs {
    /// The registry's status feed (from `hrid status-feed issue`), verified first at the same
    /// time and with the same trust list; when it is not accepted, nothing else is done and its
    /// report is printed (exit 1 or 3).
    #[arg(long, value_name = "FILE")]
    status_feed: Option<PathBuf>,
    /// The highest feed version you have accepted before (rollback guard; with --status-feed).
    #[arg(long, default_value_t = 0, requires = "status_feed")]
    highest_seen_feed_version: u64,
}

pub(crate) fn run(cmd: StatusFeedCommand) -> Result<Outcome, CliError> {
    match cmd {
        StatusFeedCommand::Issue(args) => issue(&args),
        StatusFeedCommand::Verify(args) => verify(&args),
    }
}

fn options(highest_seen_version: u64) -> StatusFeedOptions {
    StatusFeedOptions {
        highest_seen_version,
        ..StatusFeedOptions::default()
    }
}

/// A robot entry as `--robots` gives it: any accepted spelling of the code; `head` and `since`
/// optional.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RobotEntry {
    code: String,
    status: FeedStatus,
    #[serde(default)]
    head: Option<FeedHead>,
    #[serde(default)]
    since: Option<i64>,
}

fn code(text: &str, what: &str) -> Result<IdentityCode, CliError> {
    IdentityCode::parse(text).map_err(|e| CliError(format!("{what} {text}: {e} [{}]", e.code())))
}

fn feed_status(text: &str) -> Result<FeedStatus, CliError> {
    FeedStatus::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = FeedStatus::ALL.iter().map(|s| s.as_str()).collect();
        CliError(format!(
            "unknown status {text:?}: use one of {} (an active robot is not listed)",
            names.join(", ")
        ))
    })
}

/// The robots of `--robots` and `--robot`, in ascending order of code; a code given twice is an
/// error.
fn robots(args: &IssueArgs, issued_at: i64) -> Result<Vec<RobotStatus>, CliError> {
    let mut out = Vec::new();
    if let Some(path) = &args.robots {
        let entries: Vec<RobotEntry> = serde_json::from_slice(&util::read(path)?).map_err(|e| {
            CliError(format!(
                "{}: not a list of robot entries: {e}",
                path.display()
            ))
        })?;
        for e in entries {
            out.push(RobotStatus {
                code: code(&e.code, "robot")?,
                status: e.status,
                head: e.head,
                since: e.since.unwrap_or(issued_at),
            });
        }
    }
    for text in &args.robot {
        let (c, status) = text
            .split_once('=')
            .ok_or_else(|| CliError(format!("--robot {text:?}: write CODE=STATUS")))?;
        out.push(RobotStatus {
            code: code(c.trim(), "--robot")?,
            status: feed_status(status.trim())?,
            head: None,
            since: issued_at,
        });
    }
    out.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    if let Some(w) = out
        .windows(2)
        .find(|w| matches!(w, [a, b] if a.code == b.code))
    {
        let twice = w.first().map(|r| r.code.as_str()).unwrap_or_default();
        return Err(CliError(format!("robot {twice} is listed twice")));
    }
    Ok(out)
}

/// The recall notices of `--recall`, read as envelopes of recall notices.
fn recall_envelopes(paths: &[PathBuf]) -> Result<Vec<Envelope>, CliError> {
    let limits = Limits::DEFAULT;
    paths
        .iter()
        .map(|path| {
            let envelope =
                Envelope::from_json(&util::read(path)?, limits.max_envelope_bytes, &limits)
                    .and_then(|e| e.expect_type(PayloadType::Recall).map(|()| e))
                    .map_err(|e| {
                        CliError(format!(
                            "{} is not a recall notice: {e} [{}]",
                            path.display(),
                            e.code()
                        ))
                    })?;
            Ok(envelope)
        })
        .collect()
}

fn issue(args: &IssueArgs) -> Result<Outcome, CliError> {
    let key = util::signing_key(&args.key)?;
    let issued_at = util::time(args.issued_at.as_deref())?;
    let recalls = recall_envelopes(&args.recalls)?;
    let mut hashes: Vec<String> = recalls.iter().map(Envelope::statement_hash).collect();
    hashes.sort();
    hashes.dedup();
    let feed = StatusFeed {
        registry: args.registry.clone(),
        version: args.version,
        issued_at,
        expires_at: issued_at.saturating_add(i64::from(args.valid_hours) * 3_600),
        previous: args.previous.clone(),
        recalls: hashes,
        robots: robots(args, issued_at)?,
    };
    feed.validate().map_err(|e| {
        CliError(format!(
            "the status feed is not valid: {e} [status_feed.malformed]"
        ))
    })?;
    util::write(&args.out, &feed.document(&[&key], &recalls))?;
    output::line(&format!(
        "status feed version {} of {}: {} robots not active, {} recall notices, valid until {}; written to {}",
        feed.version,
        feed.registry,
        feed.robots.len(),
        feed.recalls.len(),
        util::show_time(feed.expires_at),
        args.out.display()
    ));
    Ok(Outcome::Ok)
}

fn verify(args: &VerifyArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let verifier = util::verifier(&args.check.trust, at)?;
    let document = util::read(&args.document)?;
    let report = verify_status_feed(
        &verifier,
        &document,
        at,
        &options(args.highest_seen_feed_version),
    );
    if args.json {
        output::line(&report.to_json());
    } else {
        print_feed(&args.document.display().to_string(), &report);
    }
    Ok(outcome(report.verdict))
}

/// How many robots a human report lists before it only counts them.
const ROBOTS_SHOWN: usize = 20;

/// Print a status-feed report for people: the verdict, what the feed says, the findings.
pub(crate) fn print_feed(what: &str, report: &StatusFeedReport) {
    let Some(verified) = &report.feed else {
        output::line(&format!("{}  status feed {what}", label(report.verdict)));
        print_findings("  ", &report.failures, &report.warnings);
        print_passed(&report.passed);
        return;
    };
    let feed = verified.feed();
    output::line(&format!(
        "{}  status feed version {} of {}: {} robots not active, {} recall notices in force",
        label(report.verdict),
        feed.version,
        feed.registry,
        feed.robots.len(),
        feed.recalls.len()
    ));
    output::line(&format!(
        "  issued {}, expires {} (usable until {})",
        util::show_time(feed.issued_at),
        util::show_time(feed.expires_at),
        util::show_time(verified.usable_until())
    ));
    output::line(&format!(
        "  {}",
        dim(&format!("statement hash {}", verified.statement_hash()))
    ));
    print_findings("  ", &report.failures, &report.warnings);
    print_passed(&report.passed);
    for r in feed.robots.iter().take(ROBOTS_SHOWN) {
        let head = r
            .head
            .as_ref()
            .map(|h| format!(", head #{}", h.seq))
            .unwrap_or_default();
        output::line(&format!(
            "  {}  {} since {}{}",
            r.code.display_form(),
            r.status,
            util::show_time(r.since),
            dim(&head)
        ));
    }
    if feed.robots.len() > ROBOTS_SHOWN {
        output::line(&format!(
            "  … and {} more",
            feed.robots.len() - ROBOTS_SHOWN
        ));
    }
    for r in verified.recalls() {
        let n = r.notice();
        output::line(&format!(
            "  recall {} by {}: {}",
            n.recall_id,
            n.issuer,
            dim(&n.defect)
        ));
    }
}

/// The feed of `--status-feed`, verified at `at` with `verifier`: `Ok(None)` without the option,
/// `Ok(Some(feed))` when accepted; when it is not accepted, its report is printed (as JSON with
/// `json`) and `Err(outcome)` is what the command exits with.
pub(crate) fn load(
    args: &FeedArgs,
    verifier: &Verifier,
    at: i64,
    json: bool,
) -> Result<Result<Option<Arc<VerifiedStatusFeed>>, Outcome>, CliError> {
    let Some(path) = &args.status_feed else {
        return Ok(Ok(None));
    };
    let report = verify_status_feed(
        verifier,
        &util::read(path)?,
        at,
        &options(args.highest_seen_feed_version),
    );
    match (&report.verdict, report.feed.clone()) {
        (Verdict::Accepted, Some(feed)) => Ok(Ok(Some(Arc::new(feed)))),
        _ => Ok(Err(refuse(path, &report, json))),
    }
}

/// Say that the feed at `path` is not used, show why, and the outcome to exit with.
fn refuse(path: &Path, report: &StatusFeedReport, json: bool) -> Outcome {
    output::error(&format!(
        "the status feed {} is not accepted ({}): nothing was decided without it; get a current feed or leave --status-feed out",
        path.display(),
        report.verdict.as_str()
    ));
    if json {
        output::line(&report.to_json());
    } else {
        print_feed(&path.display().to_string(), report);
    }
    match outcome(report.verdict) {
        Outcome::Ok => Outcome::Indeterminate,
        other => other,
    }
}
