//! `hrid attest`: sign one lifecycle event about one robot.

use std::path::PathBuf;

use clap::Args;
use hrid::attestation::{Attestation, LifecycleEvent};
use hrid::code::IdentityCode;

use crate::output::{self, dim, heading};
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
hrid attest --key dealer.pem --issuer dealer --subject 860042A3W0F50000000012345ZAR2 --seq 3 \\\n    \
--prev 5f1c...e2 --time 2026-05-01T09:00:00Z --event '{\"type\":\"sold\",\"buyer\":\"customer-881\"}' --out sold.dsse.json\n  \
hrid attest --key acme.pem --statement statement.json --out manufactured.dsse.json")]
pub(crate) struct AttestArgs {
    /// The issuer's private key (PKCS#8 PEM/DER or hex seed).
    #[arg(long)]
    key: String,
    /// A complete statement as JSON (subject, seq, prev, time, issuer, event); replaces the flags.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["issuer", "subject", "seq", "prev", "time", "event"])]
    statement: Option<PathBuf>,
    /// The issuer's participant ID in the trust list.
    #[arg(long, required_unless_present = "statement")]
    issuer: Option<String>,
    /// The robot's identity code.
    #[arg(long, required_unless_present = "statement")]
    subject: Option<String>,
    /// Position in the robot's chain, from 0.
    #[arg(long, required_unless_present = "statement")]
    seq: Option<u64>,
    /// Statement hash of the previous attestation (omit for the first).
    #[arg(long)]
    prev: Option<String>,
    /// When the event happened (unix seconds or RFC 3339; default now).
    #[arg(long)]
    time: Option<String>,
    /// The event as JSON, e.g. '{"type":"sold","buyer":"customer-881"}' (or @FILE).
    #[arg(long, required_unless_present = "statement")]
    event: Option<String>,
    /// Where to write the signed envelope (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementFile {
    subject: String,
    seq: u64,
    prev: Option<String>,
    time: serde_json::Value,
    issuer: String,
    event: LifecycleEvent,
}

fn parse_event(text: &str) -> Result<LifecycleEvent, CliError> {
    let text = match text.strip_prefix('@') {
        Some(path) => {
            String::from_utf8_lossy(&util::read(std::path::Path::new(path))?).into_owned()
        }
        None => text.to_owned(),
    };
    serde_json::from_str(&text)
        .map_err(|e| CliError(format!("the event is not a lifecycle event: {e}")))
}

fn parse_subject(text: &str) -> Result<IdentityCode, CliError> {
    IdentityCode::parse(text).map_err(|e| CliError(format!("subject {text:?}: {e} [{}]", e.code())))
}

pub(crate) fn run(args: &AttestArgs) -> Result<Outcome, CliError> {
    let key = util::signing_key(&args.key)?;
    let statement = match &args.statement {
        Some(path) => {
            let s: StatementFile = serde_json::from_slice(&util::read(path)?)
                .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
            let time = match &s.time {
                serde_json::Value::Number(n) => n
                    .as_i64()
                    .ok_or_else(|| CliError("time is out of range".to_owned()))?,
                serde_json::Value::String(t) => util::parse_time(t)?,
                _ => {
                    return Err(CliError(
                        "time must be unix seconds or an RFC 3339 string".to_owned(),
                    ))
                }
            };
            Attestation {
                subject: parse_subject(&s.subject)?,
                seq: s.seq,
                prev: s.prev,
                time,
                issuer: s.issuer,
                event: s.event,
            }
        }
        None => Attestation {
            subject: parse_subject(args.subject.as_deref().unwrap_or_default())?,
            seq: args.seq.unwrap_or_default(),
            prev: args.prev.clone(),
            time: util::time(args.time.as_deref())?,
            issuer: args.issuer.clone().unwrap_or_default(),
            event: parse_event(args.event.as_deref().unwrap_or_default())?,
        },
    };
    statement
        .check_fields()
        .map_err(|e| CliError(format!("the statement is not valid: {e} [{}]", e.code())))?;
    let envelope = statement.sign(&[&key]);
    let json = envelope.to_json();
    match &args.out {
        Some(path) => {
            util::write(path, &json)?;
            output::line(&format!(
                "{} {}: {} of {} (seq {}), signed by {} with key {}",
                heading("wrote"),
                path.display(),
                statement.event.event_type(),
                statement.subject.display_form(),
                statement.seq,
                statement.issuer,
                key.key_id().as_str()
            ));
            output::line(&dim(&format!(
                "statement hash {}",
                hrid::envelope::statement_hash(
                    hrid::envelope::PayloadType::Attestation,
                    &statement.to_json()
                )
            )));
        }
        None => output::line(&String::from_utf8_lossy(&json)),
    }
    Ok(Outcome::Ok)
}
