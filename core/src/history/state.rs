//! The one fold of a robot's lifecycle: the state its verified chain establishes at a moment.
//! The health summary (the state now) and custody (the state at an incident) both read it, so
//! the two can never disagree about who owned, operated or updated a robot, or its status.

use crate::attestation::{Component, JointReport, LifecycleEvent, SoftwareComponent};
use crate::verify::VerifiedAttestation;

use super::LifecycleStatus;

/// The state after every statement of the chain dated at or before a moment, each part with the
/// statement that set it.
#[derive(Debug, Default)]
pub(crate) struct ChainState<'a> {
    /// Statements dated at or before the moment.
    pub(crate) considered: usize,
    /// The last of them.
    pub(crate) last: Option<&'a VerifiedAttestation>,
    /// The `manufactured` statement.
    pub(crate) made: Option<&'a VerifiedAttestation>,
    /// The `registered` statement.
    pub(crate) registered: Option<&'a VerifiedAttestation>,
    /// The `suspended` statement in effect (cleared by `reinstated`).
    pub(crate) suspended: Option<&'a VerifiedAttestation>,
    /// The `reinstated` statement after the last suspension.
    pub(crate) reinstated: Option<&'a VerifiedAttestation>,
    /// The end of service: `decommissioned` (the first), then `scrapped` or `dismantled`.
    pub(crate) terminal: Option<(LifecycleStatus, &'a VerifiedAttestation)>,
    /// The owner and the statement that made them the owner (`manufactured`, `sold`,
    /// `transferred`).
    pub(crate) owner: Option<(&'a str, &'a VerifiedAttestation)>,
    /// The `deployed` statement in effect (cleared by a sale, a transfer or the end of service).
    pub(crate) deployment: Option<&'a VerifiedAttestation>,
    /// The statement that installed the firmware (`manufactured` or `software_updated`).
    pub(crate) firmware: Option<&'a VerifiedAttestation>,
    /// The `software_updated` statement that installed the AI profile.
    pub(crate) ai_profile: Option<&'a VerifiedAttestation>,
    /// The last `maintained` or `part_replaced` statement.
    pub(crate) maintenance: Option<&'a VerifiedAttestation>,
    /// The last `telemetry` statement.
    pub(crate) telemetry: Option<&'a VerifiedAttestation>,
    /// Each joint's most recent report, in the order first reported.
    pub(crate) joints: Vec<&'a JointReport>,
    /// The serialised components installed.
    pub(crate) components: Vec<Component>,
}

/// Fold the statements of `chain` dated at or before `at_unix` (in chain order).
pub(crate) fn state_at(chain: &[VerifiedAttestation], at_unix: i64) -> ChainState<'_> {
    let mut s = ChainState::default();
    for v in chain.iter().filter(|v| v.attestation().time <= at_unix) {
        s.considered += 1;
        s.last = Some(v);
        s.apply(v);
    }
    s
}

impl<'a> ChainState<'a> {
    fn apply(&mut self, v: &'a VerifiedAttestation) {
        let st = v.attestation();
        match &st.event {
            LifecycleEvent::Manufactured { components, .. } => {
                self.made = Some(v);
                self.owner.get_or_insert((st.issuer.as_str(), v));
                self.firmware = Some(v);
                self.components.clone_from(components);
            }
            LifecycleEvent::Registered {} => self.registered = Some(v),
            LifecycleEvent::Sold { buyer: to } | LifecycleEvent::Transferred { to } => {
                self.owner = Some((to.as_str(), v));
                self.deployment = None;
            }
            LifecycleEvent::Deployed { .. } => self.deployment = Some(v),
            LifecycleEvent::Maintained { .. } => self.maintenance = Some(v),
            LifecycleEvent::PartReplaced {
                serial_in,
                serial_out,
                kind,
            } => {
                self.maintenance = Some(v);
                self.components.retain(|c| c.serial != *serial_out);
                self.components.push(Component {
                    kind: *kind,
                    serial: serial_in.clone(),
                });
            }
            LifecycleEvent::SoftwareUpdated { component, .. } => match component {
                SoftwareComponent::Firmware => self.firmware = Some(v),
                SoftwareComponent::AiProfile => self.ai_profile = Some(v),
            },
            LifecycleEvent::Telemetry { joints, .. } => {
                self.telemetry = Some(v);
                for j in joints {
                    self.joints.retain(|x| x.joint != j.joint);
                    self.joints.push(j);
                }
            }
            LifecycleEvent::Suspended { .. } => {
                self.suspended = Some(v);
                self.reinstated = None;
            }
            LifecycleEvent::Reinstated {} => {
                self.suspended = None;
                self.reinstated = Some(v);
            }
            LifecycleEvent::Decommissioned {} => {
                self.terminal
                    .get_or_insert((LifecycleStatus::Decommissioned, v));
                self.deployment = None;
            }
            LifecycleEvent::Scrapped {} => {
                // A dismantled robot stays dismantled (the more final status).
                if !matches!(self.terminal, Some((LifecycleStatus::Dismantled, _))) {
                    self.terminal = Some((LifecycleStatus::Scrapped, v));
                }
                self.deployment = None;
            }
            LifecycleEvent::Dismantled { harvested_serials } => {
                self.terminal = Some((LifecycleStatus::Dismantled, v));
                self.deployment = None;
                self.components
                    .retain(|c| !harvested_serials.contains(&c.serial));
            }
            _ => {}
        }
    }

    /// The lifecycle status, with the statement that set it: the end of service first, then
    /// unregistered (never registered; set by the manufacture, if any), suspended, else active
    /// (set by the reinstatement or the registration).
    pub(crate) fn status(&self) -> (LifecycleStatus, Option<&'a VerifiedAttestation>) {
        match (self.terminal, self.registered, self.suspended) {
            (Some((s, v)), _, _) => (s, Some(v)),
            (None, None, _) => (LifecycleStatus::Unregistered, self.made),
            (None, Some(_), Some(v)) => (LifecycleStatus::Suspended, Some(v)),
            (None, Some(v), None) => (LifecycleStatus::Active, Some(self.reinstated.unwrap_or(v))),
        }
    }
}
