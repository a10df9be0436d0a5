//! Scene 3: a robot's life. Robot 1's story, its history verified (every signature, the chain,
//! the lifecycle rules, the recall), its health, and the passport the registry issues from it.

use hrid::envelope::Envelope;
use hrid::history::{verify_history, HealthSummary, HistoryOptions, HistoryReport};
use hrid::passport::Passport;

use super::life::Life;
use super::{day, history_file, passports, Demo, DAY, NOW};
use crate::output::{self, dim, heading};
use crate::util;
use crate::verify::{finding_text, label};
use crate::CliError;

/// Robot 1's history as written, and its verification report.
pub(super) struct Verified {
    pub(super) bundle: Vec<u8>,
    pub(super) report: HistoryReport,
}

/// Tell the story, verify the history with the recall in it, issue the passport; write the
/// history.
pub(super) fn show(demo: &mut Demo, life: &Life, recall: &Envelope) -> Result<Verified, CliError> {
    output::line("");
    output::line(&format!(
        "{}  {}",
        heading("3. A robot's life"),
        demo.robot.display_form()
    ));
    for (t, who, what) in &life.log {
        output::line(&format!("   {}  {:<11} {what}", day(*t), who));
    }
    let mut bundle = life.chain.bundle();
    bundle.recalls.push(recall.clone());
    let bundle = bundle.to_json();
    let report = verify_history(&demo.verifier, &bundle, NOW, &HistoryOptions::default());
    output::line(&format!(
        "   {}  {} statements, every signature strict-verified, chain intact",
        label(report.verdict),
        report.events_verified
    ));
    for f in report.failures.iter().chain(&report.warnings) {
        output::line(&format!("     {}", finding_text(f)));
    }
    if let Some(h) = &report.health {
        show_health(h);
        let passport = Passport::from_health(h, NOW, NOW + 30 * DAY)
            .ok_or_else(|| CliError("no passport for the demo robot".to_owned()))?;
        let robot = demo.robot;
        let text = passports::issue(demo, &robot, &passport)?;
        output::line(&format!(
            "   passport ({} characters, one QR alphanumeric segment): {}",
            text.len(),
            dim(&text)
        ));
    }
    demo.files.write(&history_file(&demo.robot), &bundle)?;
    Ok(Verified { bundle, report })
}

/// The health the history proves, on one line.
fn show_health(h: &HealthSummary) {
    output::line(&format!(
        "   health: status {}, owner {}, {} h, battery {}% after {} cycles, AI profile {}, open recalls: {}",
        util::json_name(h.status),
        h.owner.as_deref().unwrap_or("none on record"),
        h.operating_hours.unwrap_or_default(),
        h.battery_soh_percent.unwrap_or_default(),
        h.battery_cycles.unwrap_or_default(),
        h.ai_profile.as_ref().map(|s| s.version.as_str()).unwrap_or("none"),
        if h.open_recalls.is_empty() { "none".to_owned() } else { h.open_recalls.join(", ") },
    ));
}
