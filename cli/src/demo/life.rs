//! Robot 1's life, each step signed by whoever took it: made, registered, shipped, sold and
//! deployed; in service with telemetry, a recall and its remedy, an AI profile update; then
//! handed to a recycler, scrapped and dismantled, its actuator harvested.

use hrid::attestation::{
    Component, ComponentKind, JointReport, LifecycleEvent, SoftwareComponent, UseCategory,
};
use hrid::envelope::Envelope;
use hrid::history::ChainBuilder;

use super::cast::{Actor, Cast};
use super::files::Files;
use super::recall::{self, RECALL_ID};
use super::{digest, Demo, ACTUATOR, DAY, T0};
use crate::CliError;

/// Robot 1's signed chain, and the story told of each step.
pub(super) struct Life {
    pub(super) chain: ChainBuilder,
    /// (time, who, what happened) for each statement, in order.
    pub(super) log: Vec<(i64, &'static str, String)>,
}

impl Life {
    /// `who` signs `event` at time `t`; the story remembers it as `what`.
    fn push(&mut self, t: i64, who: &Actor, event: LifecycleEvent, what: String) {
        self.chain.push(t, who.id, event, &[&who.key]);
        self.log.push((t, who.id, what));
    }
}

/// Sign robot 1's whole life; the recall notice, issued (and written) while it is in service.
pub(super) fn live(demo: &mut Demo) -> Result<(Life, Envelope), CliError> {
    let mut life = Life {
        chain: ChainBuilder::new(demo.robot),
        log: Vec::new(),
    };
    made_and_deployed(&mut life, &demo.cast);
    let recall = in_service(&mut life, &demo.cast, &mut demo.files)?;
    end_of_life(&mut life, &demo.cast);
    Ok((life, recall))
}

/// From the factory to an elder-care centre, with the first AI profile.
fn made_and_deployed(life: &mut Life, cast: &Cast) {
    let components = vec![
        Component {
            kind: ComponentKind::Actuator,
            serial: ACTUATOR.to_owned(),
        },
        Component {
            kind: ComponentKind::BatteryPack,
            serial: "BAT-0042-000001".to_owned(),
        },
        Component {
            kind: ComponentKind::MainController,
            serial: "MCU-0042-000001".to_owned(),
        },
    ];
    life.push(
        T0 + 10 * DAY,
        &cast.acme,
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0 + 9 * DAY,
            firmware: "3.1.0".into(),
            components,
        },
        format!("manufactured, actuator {ACTUATOR}"),
    );
    life.push(
        T0 + 12 * DAY,
        &cast.registry,
        LifecycleEvent::Registered {},
        "registered: market access granted".into(),
    );
    life.push(
        T0 + 13 * DAY,
        &cast.acme,
        LifecycleEvent::SoftwareUpdated {
            component: SoftwareComponent::AiProfile,
            version: "care-assist 1.0".into(),
            digest: digest("acme ai profile care-assist 1.0"),
            previous_digest: None,
            dataset_digest: Some(digest("dataset 2025-q4")),
        },
        "AI profile care-assist 1.0 installed".into(),
    );
    life.push(
        T0 + 15 * DAY,
        &cast.fastship,
        LifecycleEvent::Shipped {
            to: "robomart".into(),
        },
        "shipped to RoboMart".into(),
    );
    life.push(
        T0 + 17 * DAY,
        &cast.robomart,
        LifecycleEvent::Received {
            from: "fastship".into(),
        },
        "received by the dealer".into(),
    );
    life.push(
        T0 + 30 * DAY,
        &cast.robomart,
        LifecycleEvent::Sold {
            buyer: "citycare".into(),
        },
        "sold to CityCare".into(),
    );
    life.push(
        T0 + 35 * DAY,
        &cast.citycare,
        LifecycleEvent::Deployed {
            site: "Shanghai Elder Care Centre 3".into(),
            use_category: UseCategory::Healthcare,
        },
        "deployed in elder care".into(),
    );
}

/// Telemetry; the recall notice (issued here) and its remedy; the AI profile update; telemetry.
fn in_service(life: &mut Life, cast: &Cast, files: &mut Files) -> Result<Envelope, CliError> {
    life.push(
        T0 + 120 * DAY,
        &cast.citycare,
        LifecycleEvent::Telemetry {
            operating_hours: 1_850,
            battery_soh_percent: 96,
            battery_cycles: 240,
            joints: left_knee(8),
        },
        "telemetry: 1,850 h, battery 96%".into(),
    );
    let recall = recall::issue(files, &cast.acme)?;
    life.push(
        T0 + 140 * DAY,
        &cast.acme,
        LifecycleEvent::RecallRemedied {
            recall_id: RECALL_ID.into(),
        },
        format!("recall {RECALL_ID} remedied"),
    );
    life.push(
        T0 + 150 * DAY,
        &cast.acme,
        LifecycleEvent::SoftwareUpdated {
            component: SoftwareComponent::AiProfile,
            version: "care-assist 2.0".into(),
            digest: digest("acme ai profile care-assist 2.0"),
            previous_digest: Some(digest("acme ai profile care-assist 1.0")),
            dataset_digest: Some(digest("dataset 2026-q2")),
        },
        "AI profile updated to care-assist 2.0".into(),
    );
    life.push(
        T0 + 240 * DAY,
        &cast.citycare,
        LifecycleEvent::Telemetry {
            operating_hours: 4_020,
            battery_soh_percent: 88,
            battery_cycles: 610,
            joints: left_knee(21),
        },
        "telemetry: 4,020 h, battery 88%".into(),
    );
    Ok(recall)
}

/// The left knee's wear, and its performance (wear costs half as much performance).
fn left_knee(wear: u8) -> Vec<JointReport> {
    vec![JointReport {
        joint: "left_knee".into(),
        wear_percent: wear,
        performance_percent: 100 - wear / 2,
    }]
}

/// Handed to the recycler, received, scrapped, and dismantled with the actuator harvested.
fn end_of_life(life: &mut Life, cast: &Cast) {
    life.push(
        T0 + 300 * DAY,
        &cast.citycare,
        LifecycleEvent::Transferred {
            to: "greencycle".into(),
        },
        "handed to GreenCycle for recycling".into(),
    );
    life.push(
        T0 + 305 * DAY,
        &cast.greencycle,
        LifecycleEvent::Received {
            from: "citycare".into(),
        },
        "received by the recycler".into(),
    );
    life.push(
        T0 + 310 * DAY,
        &cast.greencycle,
        LifecycleEvent::Scrapped {},
        "scrapped".into(),
    );
    life.push(
        T0 + 315 * DAY,
        &cast.greencycle,
        LifecycleEvent::Dismantled {
            harvested_serials: vec![ACTUATOR.to_owned()],
        },
        format!("dismantled; actuator {ACTUATOR} harvested"),
    );
}
