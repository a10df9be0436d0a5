//! The health summary of a robot, from its verified chain.

use serde::Serialize;

use crate::attestation::{Component, JointReport, LifecycleEvent, UseCategory};
use crate::code::IdentityCode;
use crate::recall::{RecallState, RecallStatus};
use crate::verify::VerifiedAttestation;

use super::state::state_at;
use super::ChainHead;

/// Where a robot stands in its life.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStatus {
    /// Manufactured, not (yet) registered.
    Unregistered,
    /// Registered and not suspended, decommissioned or scrapped.
    Active,
    /// Suspended by an authority, not reinstated.
    Suspended,
    /// Permanently out of service.
    Decommissioned,
    /// Scrapped.
    Scrapped,
    /// Scrapped and dismantled for parts.
    Dismantled,
}

impl LifecycleStatus {
    /// The snake_case name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LifecycleStatus::Unregistered => "unregistered",
            LifecycleStatus::Active => "active",
            LifecycleStatus::Suspended => "suspended",
            LifecycleStatus::Decommissioned => "decommissioned",
            LifecycleStatus::Scrapped => "scrapped",
            LifecycleStatus::Dismantled => "dismantled",
        }
    }
}

/// Where a robot is in service.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Deployment {
    /// The site reference.
    pub site: String,
    /// What for.
    pub use_category: UseCategory,
    /// The participant who attested the deployment.
    pub operator: String,
    /// Since when, unix seconds.
    pub since: i64,
}

/// Installed software.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SoftwareState {
    /// The version.
    pub version: String,
    /// The image's SHA-256, when known (factory firmware has none).
    pub digest: Option<String>,
    /// Since when, unix seconds.
    pub since: i64,
}

/// A robot's state, from its verified chain: the latest of each kind of report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HealthSummary {
    /// The robot.
    pub subject: String,
    /// Lifecycle status.
    pub status: LifecycleStatus,
    /// The model named at manufacture.
    pub model: Option<String>,
    /// The current owner: the last buyer or transferee, else the manufacturer.
    pub owner: Option<String>,
    /// The current deployment (cleared by a sale, transfer, decommissioning or scrapping).
    pub deployment: Option<Deployment>,
    /// Latest operating hours.
    pub operating_hours: Option<u64>,
    /// Latest battery state of health, percent.
    pub battery_soh_percent: Option<u8>,
    /// Latest battery cycle count.
    pub battery_cycles: Option<u64>,
    /// Latest wear per joint (each joint's most recent report), sorted by joint name.
    pub joints: Vec<JointReport>,
    /// Installed firmware.
    pub firmware: Option<SoftwareState>,
    /// Installed AI profile.
    pub ai_profile: Option<SoftwareState>,
    /// Installed serialised components.
    pub components: Vec<Component>,
    /// IDs of open recalls.
    pub open_recalls: Vec<String>,
    /// Time of the last event.
    pub last_event_time: Option<i64>,
    /// The chain's head.
    pub head: Option<ChainHead>,
}

/// The health summary of a verified chain: the state after all its statements.
pub(crate) fn summarise(
    code: &IdentityCode,
    chain: &[VerifiedAttestation],
    recalls: &[RecallStatus],
    head: Option<ChainHead>,
) -> Option<HealthSummary> {
    if chain.is_empty() {
        return None;
    }
    let state = state_at(chain, i64::MAX);
    let telemetry = state.telemetry.map(|v| &v.attestation().event);
    let (operating_hours, battery_soh_percent, battery_cycles) = match telemetry {
        Some(LifecycleEvent::Telemetry {
            operating_hours,
            battery_soh_percent,
            battery_cycles,
            ..
        }) => (
            Some(*operating_hours),
            Some(*battery_soh_percent),
            Some(*battery_cycles),
        ),
        _ => (None, None, None),
    };
    let mut joints: Vec<JointReport> = state.joints.iter().map(|j| (*j).clone()).collect();
    joints.sort_by(|a, b| a.joint.cmp(&b.joint));
    Some(HealthSummary {
        subject: code.to_string(),
        status: state.status().0,
        model: state.made.and_then(|v| match &v.attestation().event {
            LifecycleEvent::Manufactured { model, .. } => Some(model.clone()),
            _ => None,
        }),
        owner: state.owner.map(|(o, _)| o.to_owned()),
        deployment: state.deployment.and_then(deployment),
        operating_hours,
        battery_soh_percent,
        battery_cycles,
        joints,
        firmware: state.firmware.and_then(software),
        ai_profile: state.ai_profile.and_then(software),
        components: state.components,
        open_recalls: recalls
            .iter()
            .filter(|r| r.state == RecallState::Open)
            .map(|r| r.recall_id.clone())
            .collect(),
        last_event_time: state.last.map(|v| v.attestation().time),
        head,
    })
}

fn deployment(v: &VerifiedAttestation) -> Option<Deployment> {
    let st = v.attestation();
    match &st.event {
        LifecycleEvent::Deployed { site, use_category } => Some(Deployment {
            site: site.clone(),
            use_category: *use_category,
            operator: st.issuer.clone(),
            since: st.time,
        }),
        _ => None,
    }
}

/// The software a statement installed: the factory firmware of a `manufactured` statement (no
/// digest on record), or a `software_updated` statement's image.
fn software(v: &VerifiedAttestation) -> Option<SoftwareState> {
    let st = v.attestation();
    let (version, digest) = match &st.event {
        LifecycleEvent::Manufactured { firmware, .. } => (firmware, None),
        LifecycleEvent::SoftwareUpdated {
            version, digest, ..
        } => (version, Some(digest.clone())),
        _ => return None,
    };
    Some(SoftwareState {
        version: version.clone(),
        digest,
        since: st.time,
    })
}
