//! `hrid recall` (to be written).

use clap::Subcommand;

use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum RecallCommand {
    /// Placeholder.
    Todo,
}

pub(crate) fn run(_cmd: RecallCommand) -> Result<Outcome, CliError> {
    Err(CliError("not yet implemented".to_owned()))
}
