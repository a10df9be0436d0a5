//! `hrid audit` (to be written).

use clap::Args;

use crate::{CliError, Outcome};

#[derive(Debug, Args)]
pub(crate) struct AuditArgs {}

pub(crate) fn run(_args: &AuditArgs) -> Result<Outcome, CliError> {
    Err(CliError("not yet implemented".to_owned()))
}
