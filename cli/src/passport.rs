//! `hrid passport` (to be written).

use clap::Subcommand;

use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum PassportCommand {
    /// Placeholder.
    Todo,
}

pub(crate) fn run(_cmd: PassportCommand) -> Result<Outcome, CliError> {
    Err(CliError("not yet implemented".to_owned()))
}
