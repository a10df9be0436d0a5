//! `hrid trust-list new|add-participant|sign|verify`: the registry's signed list of participants.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use hrid::reason::Severity;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::VerifyOptions;

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util;
use crate::verify::finding_text;
use crate::{CliError, Outcome};

const DAY: i64 = 24 * 3600;

#[derive(Debug, Subcommand)]
pub(crate) enum TrustListCommand {
    /// Start an unsigned trust-list draft with its root keys and the default permissions table.
    #[command(
        after_help = "Example:\n  hrid trust-list new --root-key root1.pem --root-key root2.pem --threshold 2 --out list.json"
    )]
    New(NewArgs),
    /// Add a participant (with roles, scope and keys) to a draft.
    #[command(
        after_help = "Example:\n  hrid trust-list add-participant list.json --id acme --name 'Acme Robotics' \\\n    --role manufacturer --manufacturer 0042 --key acme.pem"
    )]
    AddParticipant(AddArgs),
    /// Sign a draft with root keys, producing the DSSE envelope that is published.
    #[command(
        after_help = "Example:\n  hrid trust-list sign list.json --key root1.pem --key root2.pem --out list.dsse.json"
    )]
    Sign(SignArgs),
    /// Verify a signed trust list against root keys you trust.
    #[command(
        after_help = "Example:\n  hrid trust-list verify list.dsse.json --root-key root1.pub.pem --threshold 1"
    )]
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// A root public key (file or hex); repeat for each root.
    #[arg(long = "root-key", required = true, value_name = "KEY")]
    root_keys: Vec<String>,
    /// How many distinct root keys must sign.
    #[arg(long, default_value_t = 1)]
    threshold: u32,
    /// The list's version (increase by one for each new list).
    #[arg(long, default_value_t = 1)]
    version: u64,
    /// Issue time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    issued_at: Option<String>,
    /// How many days the list is valid.
    #[arg(long, default_value_t = 365)]
    valid_days: i64,
    /// Where to write the draft.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The draft to edit in place.
    list: PathBuf,
    /// Participant ID (a-z, 0-9, '.', '_', '-').
    #[arg(long)]
    id: String,
    /// Name for people.
    #[arg(long)]
    name: String,
    /// Role: registry, regulator, manufacturer, parts_supplier, logistics, dealer, operator,
    /// maintainer, recycler; repeat for several.
    #[arg(long = "role", required = true)]
    roles: Vec<String>,
    /// A manufacturer code (4 characters) the participant may speak for; repeat for several.
    #[arg(long = "manufacturer")]
    manufacturers: Vec<String>,
    /// A public key of the participant (file or hex); repeat for several.
    #[arg(long = "key", required = true)]
    keys: Vec<String>,
    /// Keys valid from (default: the list's issue time).
    #[arg(long)]
    valid_from: Option<String>,
    /// Keys valid until (default: the list's expiry).
    #[arg(long)]
    valid_until: Option<String>,
    /// The keys are known to be compromised since this time.
    #[arg(long)]
    compromised_since: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The draft.
    list: PathBuf,
    /// A root private key; repeat to reach the threshold.
    #[arg(long = "key", required = true)]
    keys: Vec<String>,
    /// Where to write the signed envelope.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signed trust list.
    envelope: PathBuf,
    /// A root public key you trust; repeat for each.
    #[arg(long = "root-key", required = true, value_name = "KEY")]
    root_keys: Vec<String>,
    /// How many distinct root keys must have signed (required with several).
    #[arg(long)]
    threshold: Option<usize>,
    /// The highest version you have seen (rollback guard).
    #[arg(long, default_value_t = 0)]
    highest_seen_version: u64,
    /// Verify as of this time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    at: Option<String>,
    /// Print a JSON object.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(cmd: TrustListCommand) -> Result<Outcome, CliError> {
    match cmd {
        TrustListCommand::New(a) => new(&a),
        TrustListCommand::AddParticipant(a) => add(&a),
        TrustListCommand::Sign(a) => sign(&a),
        TrustListCommand::Verify(a) => verify(&a),
    }
}

fn read_draft(path: &std::path::Path) -> Result<TrustList, CliError> {
    serde_json::from_slice(&util::read(path)?)
        .map_err(|e| CliError(format!("{} is not a trust-list draft: {e}", path.display())))
}

fn write_draft(path: &std::path::Path, list: &TrustList) -> Result<(), CliError> {
    let mut text = serde_json::to_string_pretty(list).map_err(|e| CliError(e.to_string()))?;
    text.push('\n');
    util::write(path, text.as_bytes())
}

fn new(args: &NewArgs) -> Result<Outcome, CliError> {
    let issued_at = util::time(args.issued_at.as_deref())?;
    let keys = args
        .root_keys
        .iter()
        .map(|k| util::verifying_key(k))
        .collect::<Result<Vec<_>, _>>()?;
    let list = TrustList {
        version: args.version,
        issued_at,
        expires_at: issued_at.saturating_add(args.valid_days.saturating_mul(DAY)),
        roots: RootKeys {
            threshold: args.threshold,
            keys,
        },
        participants: Vec::new(),
        permissions: TrustList::default_permissions(),
    };
    write_draft(&args.out, &list)?;
    output::line(&format!(
        "{} {} (version {}, {} root keys, threshold {})",
        heading("wrote draft"),
        args.out.display(),
        list.version,
        list.roots.keys.len(),
        list.roots.threshold
    ));
    Ok(Outcome::Ok)
}

fn add(args: &AddArgs) -> Result<Outcome, CliError> {
    let mut list = read_draft(&args.list)?;
    let roles = args
        .roles
        .iter()
        .map(|r| {
            serde_json::from_value::<Role>(serde_json::Value::String(r.clone()))
                .map_err(|_| CliError(format!("unknown role {r:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let valid_from = util::optional_time(args.valid_from.as_deref())?.unwrap_or(list.issued_at);
    let valid_until = util::optional_time(args.valid_until.as_deref())?.unwrap_or(list.expires_at);
    let compromised_since = util::optional_time(args.compromised_since.as_deref())?;
    let keys = args
        .keys
        .iter()
        .map(|k| {
            util::verifying_key(k).map(|public_key| ParticipantKey {
                public_key,
                valid_from,
                valid_until,
                compromised_since,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let scope = (!args.manufacturers.is_empty()).then(|| Scope {
        manufacturers: args
            .manufacturers
            .iter()
            .map(|m| m.to_ascii_uppercase())
            .collect(),
    });
    list.participants.retain(|p| p.id != args.id);
    list.participants.push(Participant {
        id: args.id.clone(),
        name: args.name.clone(),
        roles,
        scope,
        keys,
    });
    list.validate()
        .map_err(|e| CliError(format!("the draft would not be valid: {e} [{}]", e.code())))?;
    write_draft(&args.list, &list)?;
    output::line(&format!(
        "{} {} to {}",
        heading("added"),
        args.id,
        args.list.display()
    ));
    Ok(Outcome::Ok)
}

fn sign(args: &SignArgs) -> Result<Outcome, CliError> {
    let list = read_draft(&args.list)?;
    list.validate()
        .map_err(|e| CliError(format!("the draft is not valid: {e} [{}]", e.code())))?;
    let keys = args
        .keys
        .iter()
        .map(|k| util::signing_key(k))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&hrid::keys::SigningKey> = keys.iter().collect();
    let envelope = list.sign(&refs);
    util::write(&args.out, &envelope.to_json())?;
    output::line(&format!(
        "{} {} (version {}, {} signatures)",
        heading("signed"),
        args.out.display(),
        list.version,
        keys.len()
    ));
    Ok(Outcome::Ok)
}

fn verify(args: &VerifyArgs) -> Result<Outcome, CliError> {
    let at = util::time(args.at.as_deref())?;
    let bytes = util::read(&args.envelope)?;
    let keys = args
        .root_keys
        .iter()
        .map(|k| util::verifying_key(k))
        .collect::<Result<Vec<_>, _>>()?;
    let threshold = util::threshold(args.threshold, keys.len())?;
    let anchor =
        TrustAnchor::new(keys, threshold).map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    match TrustList::verify(
        &bytes,
        &anchor,
        args.highest_seen_version,
        at,
        &VerifyOptions::default(),
    ) {
        Ok(verified) => {
            let list = verified.trust_list();
            if args.json {
                output::json(&serde_json::json!({
                    "verdict": "accepted", "version": list.version, "issued_at": list.issued_at,
                    "expires_at": list.expires_at, "statement_hash": verified.statement_hash(),
                    "participants": list.participants.iter().map(|p| &p.id).collect::<Vec<_>>(),
                    "warnings": verified.warnings(),
                }));
            } else {
                output::line(&format!(
                    "{}  trust list version {}, issued {}, expires {}",
                    good("ACCEPTED"),
                    list.version,
                    util::show_time(list.issued_at),
                    util::show_time(list.expires_at)
                ));
                for w in verified.warnings() {
                    output::line(&format!("  {} {}", warn("warning"), finding_text(w)));
                }
                for p in &list.participants {
                    let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
                    output::line(&format!(
                        "  {:<16} {:<32} {}",
                        p.id,
                        p.name,
                        dim(&roles.join(", "))
                    ));
                }
            }
            Ok(Outcome::Ok)
        }
        Err(e) => {
            let reason = e.reason();
            let (verdict, outcome) = if reason.severity() == Severity::Indeterminate {
                ("indeterminate", Outcome::Indeterminate)
            } else {
                ("rejected", Outcome::Rejected)
            };
            if args.json {
                output::json(
                    &serde_json::json!({"verdict": verdict, "error": {"code": e.code(), "message": e.to_string()}}),
                );
            } else {
                let label = if outcome == Outcome::Indeterminate {
                    warn("INDETERMINATE")
                } else {
                    bad("REJECTED")
                };
                output::line(&format!(
                    "{label}  the trust list cannot be used: {e}  {}",
                    dim(&format!("[{}]", e.code()))
                ));
                output::line(&format!("  {}", reason.summary()));
            }
            Ok(outcome)
        }
    }
}
