//! Robot 2: made, registered, sold and deployed like robot 1, its recall remedied; then fitted
//! with the actuator harvested from robot 1 after that robot was scrapped.

use hrid::attestation::{Component, ComponentKind, LifecycleEvent, UseCategory};
use hrid::envelope::Envelope;
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::passport::Passport;

use super::recall::RECALL_ID;
use super::{history_file, passports, Demo, ACTUATOR, DAY, NOW, T0};
use crate::CliError;

/// The actuator robot 2 was built with, replaced by the harvested one.
const OWN_ACTUATOR: &str = "ACT-0042-000002";

/// Sign and write robot 2's history (with the recall); issue its passport; the history as written.
pub(super) fn refit(demo: &mut Demo, recall: Envelope) -> Result<Vec<u8>, CliError> {
    let mut bundle = chain(demo).bundle();
    bundle.recalls.push(recall);
    let bundle = bundle.to_json();
    demo.files
        .write(&history_file(&demo.donor_target), &bundle)?;
    let report = verify_history(&demo.verifier, &bundle, NOW, &HistoryOptions::default());
    if let Some(h) = &report.health {
        if let Some(p) = Passport::from_health(h, NOW, NOW + 30 * DAY) {
            let code = demo.donor_target;
            passports::issue(demo, &code, &p)?;
        }
    }
    Ok(bundle)
}

/// Robot 2's signed chain.
pub(super) fn chain(demo: &Demo) -> ChainBuilder {
    let cast = &demo.cast;
    let mut second = ChainBuilder::new(demo.donor_target);
    second.push(
        T0 + 20 * DAY,
        cast.acme.id,
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0 + 19 * DAY,
            firmware: "3.1.0".into(),
            components: vec![Component {
                kind: ComponentKind::Actuator,
                serial: OWN_ACTUATOR.into(),
            }],
        },
        &[&cast.acme.key],
    );
    second.push(
        T0 + 21 * DAY,
        cast.registry.id,
        LifecycleEvent::Registered {},
        &[&cast.registry.key],
    );
    second.push(
        T0 + 40 * DAY,
        cast.robomart.id,
        LifecycleEvent::Sold {
            buyer: "citycare".into(),
        },
        &[&cast.robomart.key],
    );
    second.push(
        T0 + 45 * DAY,
        cast.citycare.id,
        LifecycleEvent::Deployed {
            site: "Shanghai Elder Care Centre 3".into(),
            use_category: UseCategory::Healthcare,
        },
        &[&cast.citycare.key],
    );
    second.push(
        T0 + 320 * DAY,
        cast.acme.id,
        LifecycleEvent::RecallRemedied {
            recall_id: RECALL_ID.into(),
        },
        &[&cast.acme.key],
    );
    second.push(
        T0 + 330 * DAY,
        cast.acme.id,
        LifecycleEvent::PartReplaced {
            serial_in: ACTUATOR.to_owned(),
            serial_out: OWN_ACTUATOR.into(),
            kind: ComponentKind::Actuator,
        },
        &[&cast.acme.key],
    );
    second
}
