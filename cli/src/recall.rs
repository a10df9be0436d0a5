//! `hrid recall`: issue a signed recall notice (a manufacturer or the regulator).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use hrid::recall::{RecallNotice, RecallPopulation, UnitRange};

use crate::output;
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum RecallCommand {
    /// Build, check and sign a recall notice (a DSSE envelope to publish and add to histories).
    Issue(IssueArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  \
    hrid recall issue --key acme.pem --issuer acme --recall-id R-2026-001 \\\n    \
    --defect \"left knee actuator may overheat\" --remedy \"replace the actuator\" \\\n    \
    --manufacturer 0042 --model A3W0F5 --units 0000000000000-0000000099999 --out R-2026-001.dsse.json")]
pub(crate) struct IssueArgs {
    /// The issuer's private key (file or hex seed).
    #[arg(long)]
    key: String,
    /// The issuing participant's ID in the trust list (a manufacturer or the regulator).
    #[arg(long)]
    issuer: String,
    /// The recall's ID (1 to 64 printable ASCII characters).
    #[arg(long)]
    recall_id: String,
    /// What is wrong, for people.
    #[arg(long)]
    defect: String,
    /// What must be done, for people.
    #[arg(long)]
    remedy: String,
    /// The manufacturer field (4 characters) whose robots are recalled.
    #[arg(long)]
    manufacturer: Option<String>,
    /// A model field (6 characters); repeat for several; none: every model.
    #[arg(long = "model", value_name = "MODEL")]
    models: Vec<String>,
    /// An inclusive range of unit numbers FIRST-LAST (13 characters each); repeat; none: every unit.
    #[arg(long = "units", value_name = "FIRST-LAST")]
    units: Vec<String>,
    /// An identity code recalled individually; repeat for several.
    #[arg(long = "code", value_name = "CODE")]
    codes: Vec<String>,
    /// Issue time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    issued_at: Option<String>,
    /// Where to write the signed notice.
    #[arg(long)]
    out: PathBuf,
}

pub(crate) fn run(cmd: RecallCommand) -> Result<Outcome, CliError> {
    match cmd {
        RecallCommand::Issue(args) => issue(&args),
    }
}

fn unit_range(text: &str) -> Result<UnitRange, CliError> {
    let (first, last) = text
        .split_once('-')
        .ok_or_else(|| CliError(format!("--units {text:?}: write FIRST-LAST")))?;
    Ok(UnitRange {
        first: first.trim().to_owned(),
        last: last.trim().to_owned(),
    })
}

fn canonical_code(text: &str) -> Result<String, CliError> {
    hrid::code::IdentityCode::parse(text)
        .map(|c| c.as_str().to_owned())
        .map_err(|e| CliError(format!("--code {text}: {e} [{}]", e.code())))
}

fn issue(args: &IssueArgs) -> Result<Outcome, CliError> {
    let key = util::signing_key(&args.key)?;
    let notice = RecallNotice {
        recall_id: args.recall_id.clone(),
        issuer: args.issuer.clone(),
        issued_at: util::time(args.issued_at.as_deref())?,
        population: RecallPopulation {
            manufacturer: args.manufacturer.clone(),
            models: args.models.clone(),
            unit_ranges: args
                .units
                .iter()
                .map(|u| unit_range(u))
                .collect::<Result<_, _>>()?,
            codes: args
                .codes
                .iter()
                .map(|c| canonical_code(c))
                .collect::<Result<_, _>>()?,
        },
        defect: args.defect.clone(),
        remedy: args.remedy.clone(),
    };
    notice.validate().map_err(|e| {
        CliError(format!(
            "the recall notice is not valid: {e} [recall.malformed]"
        ))
    })?;
    let envelope = notice.sign(&[&key]);
    util::write(&args.out, &envelope.to_json())?;
    output::line(&format!(
        "recall {} by {} signed and written to {}",
        notice.recall_id,
        notice.issuer,
        args.out.display()
    ));
    Ok(Outcome::Ok)
}
