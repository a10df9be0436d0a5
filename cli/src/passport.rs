//! `hrid passport`: issue a compact QR passport (the registry) and verify one (anyone, offline).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use hrid::code::IdentityCode;
use hrid::history::{verify_history, HistoryOptions};
use hrid::passport::{
    verify_passport, Passport, PassportHead, PassportOptions, PassportReport, PassportStatus,
};
use hrid::verify::Verdict;

use crate::output;
use crate::util::{self, TrustArgs, VerifyAtArgs};
use crate::verify::{label, outcome, print_findings, print_passed};
use crate::verify_history::print_history;
use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum PassportCommand {
    /// Sign a passport with the registry's key, from stated fields or from a verified history.
    Issue(IssueArgs),
    /// Verify a passport text offline against the trust list (exit 0 accepted, 1 rejected, 3 indeterminate).
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    hrid passport issue --key registry.pem --subject 860042A3W0F50000000012345ZAR2 --status active --valid-days 30 --out robot.passport\n  \
    hrid passport issue --key registry.pem --from-history robot.history.json --trust-list list.dsse.json --root-key root.pub.pem")]
pub(crate) struct IssueArgs {
    /// The registry's private key (file or hex seed).
    #[arg(long)]
    key: String,
    /// The robot's identity code (not with --from-history).
    #[arg(
        long,
        required_unless_present = "from_history",
        conflicts_with = "from_history"
    )]
    subject: Option<String>,
    /// The status: unregistered, active, suspended, recalled_open, decommissioned, scrapped,
    /// dismantled (not with --from-history).
    #[arg(
        long,
        required_unless_present = "from_history",
        conflicts_with = "from_history"
    )]
    status: Option<String>,
    /// The history head's seq (with --head-hash).
    #[arg(long, requires = "head_hash", conflicts_with = "from_history")]
    head_seq: Option<u32>,
    /// The history head's statement hash (64 hex digits, or its first 32).
    #[arg(long, requires = "head_seq", conflicts_with = "from_history")]
    head_hash: Option<String>,
    /// Derive subject, status and head from this history bundle, verified first (needs --trust-list).
    #[arg(long, value_name = "BUNDLE", requires = "trust_list")]
    from_history: Option<PathBuf>,
    /// The signed trust list to verify the history with (with --from-history).
    #[arg(long, value_name = "FILE", requires = "from_history")]
    trust_list: Option<PathBuf>,
    /// A root public key you trust (file or hex); repeat for each root (with --from-history).
    #[arg(long = "root-key", value_name = "KEY", requires = "from_history")]
    root_keys: Vec<String>,
    /// How many distinct root keys must have signed the trust list (required with several).
    #[arg(long)]
    threshold: Option<usize>,
    /// The highest trust-list version you have seen (rollback guard).
    #[arg(long, default_value_t = 0)]
    highest_seen_version: u64,
    /// Issue time (unix seconds or RFC 3339; default now). Also the time the history is verified at.
    #[arg(long)]
    issued_at: Option<String>,
    /// How many days the passport stays fresh.
    #[arg(long, default_value_t = 30)]
    valid_days: u32,
    /// Write the passport text here instead of printing it.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  hrid passport verify robot.passport --trust-list list.dsse.json --root-key root.pub.pem --expected-subject 860042A3W0F50000000012345ZAR2"
)]
pub(crate) struct VerifyArgs {
    /// The passport text (`HP1:...`) or a file holding it.
    passport: String,
    #[command(flatten)]
    check: VerifyAtArgs,
    /// The code of the robot in front of you: a passport for another code fails.
    #[arg(long)]
    expected_subject: Option<String>,
    /// The newest signed time you have seen (detects a clock set back).
    #[arg(long)]
    newest_seen: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(cmd: PassportCommand) -> Result<Outcome, CliError> {
    match cmd {
        PassportCommand::Issue(args) => issue(&args),
        PassportCommand::Verify(args) => verify(&args),
    }
}

/// A passport text given inline or in a file.
pub(crate) fn passport_text(arg: &str) -> Result<String, CliError> {
    let path = Path::new(arg);
    if !arg.starts_with("HP1:") && path.exists() {
        let bytes = util::read(path)?;
        return String::from_utf8(bytes)
            .map(|s| s.trim().to_owned())
            .map_err(|_| CliError(format!("{arg} is not a text file")));
    }
    Ok(arg.trim().to_owned())
}

fn parse_status(text: &str) -> Result<PassportStatus, CliError> {
    PassportStatus::ALL
        .iter()
        .copied()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = PassportStatus::ALL.iter().map(|s| s.as_str()).collect();
            CliError(format!(
                "unknown status {text:?}: use one of {}",
                names.join(", ")
            ))
        })
}

fn parse_hash_prefix(text: &str) -> Result<[u8; 16], CliError> {
    let err = || CliError(format!("--head-hash {text:?}: give 32 or 64 hex digits"));
    if text.len() != 32 && text.len() != 64 {
        return Err(err());
    }
    let digits = text.get(..32).ok_or_else(err)?.as_bytes();
    let mut out = [0u8; 16];
    for (byte, pair) in out.iter_mut().zip(digits.chunks(2)) {
        let pair = std::str::from_utf8(pair).map_err(|_| err())?;
        *byte = u8::from_str_radix(pair, 16).map_err(|_| err())?;
    }
    Ok(out)
}

fn issue(args: &IssueArgs) -> Result<Outcome, CliError> {
    let key = util::signing_key(&args.key)?;
    let issued_at = util::time(args.issued_at.as_deref())?;
    let expires_at = issued_at + i64::from(args.valid_days) * 86_400;
    let passport = match (&args.from_history, &args.trust_list) {
        (Some(bundle), Some(trust_list)) => {
            let trust = TrustArgs {
                trust_list: trust_list.clone(),
                root_keys: args.root_keys.clone(),
                threshold: args.threshold,
                anchor: None,
                insecure_trust_own_roots: false,
                highest_seen_version: args.highest_seen_version,
            };
            let verifier = util::verifier(&trust, issued_at)?;
            let report = verify_history(
                &verifier,
                &util::read(bundle)?,
                issued_at,
                &HistoryOptions::default(),
            );
            if report.verdict != Verdict::Accepted {
                output::error("the history does not verify: no passport issued");
                print_history(&bundle.display().to_string(), &report);
                return Ok(outcome(report.verdict));
            }
            let health = report.health.as_ref().ok_or_else(|| {
                CliError("the history has no health summary to derive a passport from".into())
            })?;
            Passport::from_health(health, issued_at, expires_at).ok_or_else(|| {
                CliError(
                    "cannot derive a passport from this history (seq or subject out of range)"
                        .into(),
                )
            })?
        }
        (Some(_), None) => {
            return Err(CliError("--from-history needs --trust-list".into()));
        }
        (None, _) => {
            let subject = args
                .subject
                .as_deref()
                .ok_or_else(|| CliError("give --subject or --from-history".into()))?;
            let subject = IdentityCode::parse(subject)
                .map_err(|e| CliError(format!("--subject {subject}: {e} [{}]", e.code())))?;
            let status = parse_status(
                args.status
                    .as_deref()
                    .ok_or_else(|| CliError("give --status".into()))?,
            )?;
            let head = match (args.head_seq, &args.head_hash) {
                (Some(seq), Some(hash)) => Some(PassportHead {
                    seq,
                    hash_prefix: parse_hash_prefix(hash)?,
                }),
                _ => None,
            };
            Passport {
                subject,
                status,
                head,
                issued_at,
                expires_at,
            }
        }
    };
    let text = passport
        .sign(&key)
        .map_err(|e| CliError(format!("cannot issue the passport: {e} [{}]", e.code())))?;
    match &args.out {
        Some(path) => {
            util::write(path, format!("{text}\n").as_bytes())?;
            output::line(&format!(
                "passport for {} ({}, valid until {}) written to {}",
                passport.subject.display_form(),
                passport.status.as_str(),
                util::show_time(expires_at),
                path.display()
            ));
        }
        None => output::line(&text),
    }
    Ok(Outcome::Ok)
}

fn verify(args: &VerifyArgs) -> Result<Outcome, CliError> {
    let at = args.check.at()?;
    let text = passport_text(&args.passport)?;
    let verifier = util::verifier(&args.check.trust, at)?;
    let expected_subject = match &args.expected_subject {
        Some(code) => Some(
            IdentityCode::parse(code)
                .map_err(|e| CliError(format!("--expected-subject {code}: {e} [{}]", e.code())))?,
        ),
        None => None,
    };
    let newest_seen = util::optional_time(args.newest_seen.as_deref())?;
    let passport_options = PassportOptions {
        newest_seen,
        expected_subject,
        ..PassportOptions::default()
    };
    let report = verify_passport(&verifier, &text, at, &passport_options);
    if args.json {
        output::json(&report);
    } else {
        print_passport(&report);
    }
    Ok(outcome(report.verdict))
}

/// Print a passport report for people.
pub(crate) fn print_passport(report: &PassportReport) {
    let about = report
        .passport
        .as_ref()
        .map(|p| {
            format!(
                "passport of {}: {}, issued {} by {}, expires {}",
                p.subject,
                p.status.as_str(),
                util::show_time(p.issued_at),
                p.participant,
                util::show_time(p.expires_at)
            )
        })
        .unwrap_or_else(|| "passport".to_owned());
    output::line(&format!("{}  {about}", label(report.verdict)));
    if let Some(p) = &report.passport {
        if let (Some(seq), Some(hash)) = (p.head_seq, &p.head_hash_prefix) {
            output::line(&format!("  history head: seq {seq}, hash {hash}…"));
        }
    }
    print_findings("  ", &report.failures, &report.warnings);
    print_passed(&report.passed);
}
