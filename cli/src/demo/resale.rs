//! The resale after scrap: RoboMart signs a sale of robot 1 after it was scrapped. The attempt
//! is written with the other files; scene 7 shows the registry denying it.

use hrid::access::{decide_access, Evidence, Policy};
use hrid::attestation::LifecycleEvent;
use hrid::history::{verify_history, HistoryOptions};
use hrid::reason::ReasonCode;

use super::life::Life;
use super::{Demo, DAY, NOW, T0};
use crate::output::{self, bad};
use crate::verify::finding_text;
use crate::CliError;

/// Robot 1's history with the sale after scrap appended, written to `attempts/`; its bytes.
pub(super) fn attempt(demo: &mut Demo, life: &Life) -> Result<Vec<u8>, CliError> {
    let mut resale = life.chain.clone();
    let robomart = &demo.cast.robomart;
    resale.push(
        T0 + 360 * DAY,
        robomart.id,
        LifecycleEvent::Sold {
            buyer: "a buyer abroad".into(),
        },
        &[&robomart.key],
    );
    let resale_bundle = resale.bundle().to_json();
    demo.files.write(
        &format!("attempts/{}-resale-after-scrap.json", demo.robot.as_str()),
        &resale_bundle,
    )?;
    Ok(resale_bundle)
}

/// The sale is denied, and the history names the sale after scrap; an error if either is not so.
pub(super) fn deny(demo: &Demo, resale_bundle: &[u8]) -> Result<(), CliError> {
    let resale_report = verify_history(
        &demo.verifier,
        resale_bundle,
        NOW,
        &HistoryOptions::default(),
    );
    let resale_decision = decide_access(
        &demo.verifier,
        demo.robot.as_str(),
        &Evidence {
            passport: None,
            history: Some(resale_bundle),
            status_feed: None,
        },
        Policy::Sale,
        NOW,
        &hrid::access::AccessOptions::default(),
    );
    let sale_after_scrap = resale_report
        .failures
        .iter()
        .find(|f| f.code == ReasonCode::LifecycleSaleAfterScrap);
    match sale_after_scrap {
        Some(f) if !resale_decision.is_allowed() => {
            output::line(&format!(
                "   {}  resale of scrapped robot {} by robomart",
                bad("DENIED"),
                demo.robot.display_form()
            ));
            output::line(&format!("           {}", finding_text(f)));
            Ok(())
        }
        _ => Err(CliError(
            "the demo's resale after scrap was not caught".to_owned(),
        )),
    }
}
