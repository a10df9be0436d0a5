//! `hrid verify-history` (to be written).

use clap::Args;

use crate::{CliError, Outcome};

#[derive(Debug, Args)]
pub(crate) struct VerifyHistoryArgs {}

pub(crate) fn run(_args: &VerifyHistoryArgs) -> Result<Outcome, CliError> {
    Err(CliError("not yet implemented".to_owned()))
}
