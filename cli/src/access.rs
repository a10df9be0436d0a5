//! `hrid access` (to be written).

use clap::Args;

use crate::{CliError, Outcome};

#[derive(Debug, Args)]
pub(crate) struct AccessArgs {}

pub(crate) fn run(_args: &AccessArgs) -> Result<Outcome, CliError> {
    Err(CliError("not yet implemented".to_owned()))
}
