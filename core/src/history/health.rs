//! The health summary of a robot, from its verified chain.

use serde::Serialize;

use crate::attestation::{Component, JointReport, LifecycleEvent, SoftwareComponent, UseCategory};
use crate::code::IdentityCode;
use crate::verify::VerifiedAttestation;

use super::ChainHead;
use crate::recall::{RecallState, RecallStatus};

/// Where a robot stands in its life.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

pub(crate) fn summarise(
    code: &IdentityCode,
    chain: &[VerifiedAttestation],
    recalls: &[RecallStatus],
    head: Option<ChainHead>,
) -> Option<HealthSummary> {
    if chain.is_empty() {
        return None;
    }
    let mut h = HealthSummary {
        subject: code.to_string(),
        status: LifecycleStatus::Unregistered,
        model: None,
        owner: None,
        deployment: None,
        operating_hours: None,
        battery_soh_percent: None,
        battery_cycles: None,
        joints: Vec::new(),
        firmware: None,
        ai_profile: None,
        components: Vec::new(),
        open_recalls: recalls
            .iter()
            .filter(|r| r.state == RecallState::Open)
            .map(|r| r.recall_id.clone())
            .collect(),
        last_event_time: None,
        head,
    };
    let mut registered = false;
    let mut suspended = false;
    let mut terminal: Option<LifecycleStatus> = None;
    for v in chain {
        let st = v.attestation();
        h.last_event_time = Some(st.time);
        match &st.event {
            LifecycleEvent::Manufactured {
                model,
                firmware,
                components,
                ..
            } => {
                h.model = Some(model.clone());
                h.owner.get_or_insert_with(|| st.issuer.clone());
                h.firmware = Some(SoftwareState {
                    version: firmware.clone(),
                    digest: None,
                    since: st.time,
                });
                h.components = components.clone();
            }
            LifecycleEvent::Registered {} => registered = true,
            LifecycleEvent::Sold { buyer: to } | LifecycleEvent::Transferred { to } => {
                h.owner = Some(to.clone());
                h.deployment = None;
            }
            LifecycleEvent::Deployed { site, use_category } => {
                h.deployment = Some(Deployment {
                    site: site.clone(),
                    use_category: *use_category,
                    operator: st.issuer.clone(),
                    since: st.time,
                });
            }
            LifecycleEvent::Telemetry {
                operating_hours,
                battery_soh_percent,
                battery_cycles,
                joints,
            } => {
                h.operating_hours = Some(*operating_hours);
                h.battery_soh_percent = Some(*battery_soh_percent);
                h.battery_cycles = Some(*battery_cycles);
                for j in joints {
                    h.joints.retain(|x| x.joint != j.joint);
                    h.joints.push(j.clone());
                }
            }
            LifecycleEvent::PartReplaced {
                serial_in,
                serial_out,
                kind,
            } => {
                h.components.retain(|c| c.serial != *serial_out);
                h.components.push(Component {
                    kind: *kind,
                    serial: serial_in.clone(),
                });
            }
            LifecycleEvent::SoftwareUpdated {
                component,
                version,
                digest,
                ..
            } => {
                let state = Some(SoftwareState {
                    version: version.clone(),
                    digest: Some(digest.clone()),
                    since: st.time,
                });
                match component {
                    SoftwareComponent::Firmware => h.firmware = state,
                    SoftwareComponent::AiProfile => h.ai_profile = state,
                }
            }
            LifecycleEvent::Suspended { .. } => suspended = true,
            LifecycleEvent::Reinstated {} => suspended = false,
            LifecycleEvent::Decommissioned {} => {
                terminal.get_or_insert(LifecycleStatus::Decommissioned);
                h.deployment = None;
            }
            LifecycleEvent::Scrapped {} => {
                terminal = Some(LifecycleStatus::Scrapped);
                h.deployment = None;
            }
            LifecycleEvent::Dismantled { harvested_serials } => {
                terminal = Some(LifecycleStatus::Dismantled);
                h.components
                    .retain(|c| !harvested_serials.contains(&c.serial));
            }
            _ => {}
        }
    }
    h.joints.sort_by(|a, b| a.joint.cmp(&b.joint));
    h.status = match terminal {
        Some(t) => t,
        None if !registered => LifecycleStatus::Unregistered,
        None if suspended => LifecycleStatus::Suspended,
        None => LifecycleStatus::Active,
    };
    Some(h)
}
