//! The reused scrapped actuator: the fleet audit, across both robots' histories, finds robot 1's
//! harvested actuator installed in robot 2 after robot 1 was scrapped (scene 7).

use hrid::audit::audit;
use hrid::history::HistoryOptions;
use hrid::reason::ReasonCode;
use hrid::verify::Verdict;

use super::{Demo, ACTUATOR, NOW};
use crate::output::{self, bad, warn};
use crate::verify::finding_text;
use crate::CliError;

/// Audit both robots and show the reuse; an error if the audit does not find it.
pub(super) fn catch(demo: &Demo, first: &[u8], second: &[u8]) -> Result<(), CliError> {
    let fleet = vec![
        (demo.robot.to_string(), first.to_vec()),
        (demo.donor_target.to_string(), second.to_vec()),
    ];
    let audit_report = audit(&demo.verifier, &fleet, NOW, &HistoryOptions::default());
    let reused = audit_report
        .failures
        .iter()
        .find(|f| f.code == ReasonCode::AuditScrappedPartReused);
    let Some(f) = reused else {
        return Err(CliError(
            "the demo's reused scrapped actuator was not caught".to_owned(),
        ));
    };
    output::line(&format!(
        "   {}  actuator {ACTUATOR} from scrapped robot {} installed in {}",
        bad("REUSED"),
        demo.robot.display_form(),
        demo.donor_target.display_form()
    ));
    output::line(&format!("           {}", finding_text(f)));
    if audit_report.verdict == Verdict::Accepted {
        output::line(&warn("   (unexpected: the fleet audit accepted)"));
    }
    Ok(())
}
