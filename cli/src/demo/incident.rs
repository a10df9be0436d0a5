//! Scene 5: an incident. Robot 1 fell against a resident while the recall was open: who owned
//! it, who operated it, which AI profile ran it, and which recall was open, each with the signed
//! statement that proves it. The report is written, with the command that replays it.

use hrid::history::{custody, CustodyReport, HistoryReport};
use hrid::recall::RecallState;

use super::{history_file, Demo, DAY, NOW, T0};
use crate::output::{self, dim, heading};
use crate::util;
use crate::CliError;

/// 2026-05-16T10:30:00Z: after the recall notice, before its remedy.
const INCIDENT_AT: i64 = T0 + 135 * DAY + 10 * 3600 + 30 * 60;

/// Answer who was responsible at the moment from robot 1's verified history; write the report.
pub(super) fn investigate(demo: &mut Demo, report: &HistoryReport) -> Result<(), CliError> {
    let robot = demo.robot;
    output::line("");
    output::line(&format!(
        "{}  robot {} fell against a resident at {}: who was responsible?",
        heading("5. An incident"),
        robot.display_form(),
        util::show_time(INCIDENT_AT)
    ));
    let custody_report = custody(report, INCIDENT_AT);
    if !is_answered(&custody_report) {
        return Err(CliError(
            "the demo's incident report lacks its owner, operator, AI profile or open recall"
                .to_owned(),
        ));
    }
    crate::custody::print_custody(&robot, &custody_report);
    let incident_file = format!("incidents/{}-{INCIDENT_AT}.custody.json", robot.as_str());
    demo.files
        .write(&incident_file, custody_report.to_json().as_bytes())?;
    let out = demo.files.out.display();
    output::line(&dim(&format!(
        "   replay: hrid custody {} --history {out}/{} --at {} --verified-at {NOW} --trust-list {out}/trust-list.dsse.json --root-key {out}/keys/root-1.pub.pem",
        robot.as_str(),
        history_file(&robot),
        util::show_time(INCIDENT_AT),
    )));
    Ok(())
}

/// The demo's incident has every answer: owner, operator, AI profile, and an open recall.
fn is_answered(r: &CustodyReport) -> bool {
    r.owner.is_some()
        && r.operation.is_some()
        && r.ai_profile.is_some()
        && r.recalls
            .iter()
            .any(|r| r.recall.state == RecallState::Open)
}
