//! `hrid demo`: the main job, on embedded defaults.

use clap::Args;
use hrid::code::{self, CheckOptions, IdentityCode};

use crate::output::{self, bad, dim, good, heading};
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {}

pub(crate) fn run(_args: &DemoArgs) -> Result<Outcome, CliError> {
    output::line(&heading("hrid demo: identity codes"));
    let units = ["12345", "12346", "12347"];
    let mut issued = Vec::new();
    for unit in units {
        let code = IdentityCode::from_fields("86", "0042", "A3W0F5", unit)
            .map_err(|e| CliError(e.to_string()))?;
        output::line(&format!("  issued   {}", code.display_form()));
        issued.push(code);
    }
    let Some(first) = issued.first() else {
        return Ok(Outcome::Ok);
    };
    let mut typo = first.to_string();
    typo.replace_range(20..21, "7");
    output::line(&format!("  a clerk types {typo}"));
    let report = code::check(&typo, CheckOptions::default());
    match (
        report.error,
        report.suggestions.and_then(|s| s.into_iter().next()),
    ) {
        (Some(e), Some(s)) => {
            output::line(&format!(
                "  {}  {} {}",
                bad("INVALID"),
                e.message,
                dim(&format!("[{}]", e.code))
            ));
            output::line(&format!("  did you mean {}?", good(&s.code)));
        }
        _ => return Err(CliError("the demo typo was not caught".to_owned())),
    }
    Ok(Outcome::Ok)
}
