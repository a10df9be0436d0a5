//! Scene 1: identity codes. A clerk mistypes robot 1's code; the check characters catch the typo
//! and suggest the code meant.

use hrid::code::{self, CheckOptions, IdentityCode};

use crate::output::{self, bad, dim, good, heading};
use crate::CliError;

/// Show the typo caught; the codes of robot 1 and robot 2.
pub(super) fn show_a_typo() -> Result<(IdentityCode, IdentityCode), CliError> {
    let robot = IdentityCode::from_fields("86", "0042", "A3W0F5", "12345")
        .map_err(|e| CliError(e.to_string()))?;
    let donor_target = IdentityCode::from_fields("86", "0042", "A3W0F5", "12346")
        .map_err(|e| CliError(e.to_string()))?;
    let mut typo = robot.to_string();
    typo.replace_range(20..21, "7");
    let report = code::check(&typo, CheckOptions::default());
    output::line(&format!(
        "{}  a clerk types {typo}",
        heading("1. Identity codes")
    ));
    if let (Some(e), Some(s)) = (
        &report.error,
        report.suggestions.as_ref().and_then(|s| s.first()),
    ) {
        output::line(&format!(
            "   {}  {}  {}",
            bad("INVALID"),
            e.message,
            dim(&format!("[{}]", e.code))
        ));
        output::line(&format!("   did you mean {}?", good(&s.code)));
    }
    Ok((robot, donor_target))
}
