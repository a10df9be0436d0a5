//! The recall: Acme recalls units 12000..12999 of model A3W0F5 for a knee actuator defect, and
//! publishes the signed notice that goes into every affected robot's history.

use hrid::envelope::Envelope;
use hrid::recall::{RecallNotice, RecallPopulation, UnitRange};

use super::cast::Actor;
use super::files::Files;
use super::{DAY, T0};
use crate::CliError;

/// The recall notice's ID, which the remedies name.
pub(super) const RECALL_ID: &str = "ACME-2026-007";

/// Sign the notice with the manufacturer's key and write it; the signed notice.
pub(super) fn issue(files: &mut Files, acme: &Actor) -> Result<Envelope, CliError> {
    let recall = RecallNotice {
        recall_id: RECALL_ID.into(),
        issuer: "acme".into(),
        issued_at: T0 + 130 * DAY,
        population: RecallPopulation {
            manufacturer: Some("0042".into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![UnitRange {
                first: "0000000012000".into(),
                last: "0000000012999".into(),
            }],
            codes: vec![],
        },
        defect: "knee actuator firmware may overheat under sustained load".into(),
        remedy: "update actuator firmware to 3.2.1".into(),
    };
    let envelope = recall.sign(&[&acme.key]);
    files.write(
        &format!("recalls/{RECALL_ID}.dsse.json"),
        &envelope.to_json(),
    )?;
    Ok(envelope)
}
