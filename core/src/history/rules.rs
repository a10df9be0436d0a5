//! Chain rules and lifecycle rules over verified statements (see `docs/histories.md`, section 2).

use std::collections::{BTreeMap, BTreeSet};

use crate::attestation::{ComponentKind, LifecycleEvent, SoftwareComponent};
use crate::code::IdentityCode;
use crate::reason::ReasonCode;
use crate::report::{Finding, Findings};
use crate::trust::{Role, VerifiedTrustList};
use crate::verify::VerifiedAttestation;

use crate::recall::{RecallNotice, RecallStatus};

fn about(code: &IdentityCode, v: &VerifiedAttestation, rc: ReasonCode, detail: String) -> Finding {
    let st = v.attestation();
    Finding::new(rc, detail)
        .with_subject(Some(code.to_string()))
        .with_evidence("statement_hash", v.statement_hash())
        .with_evidence("seq", st.seq.to_string())
        .with_evidence("event_type", st.event.event_type().as_str())
        .with_evidence("event_time", st.time.to_string())
}

/// Subject, duplicates, forks, then `seq`, `prev` and time order along what remains (bundle
/// order). Returns the chain: the statements the lifecycle rules evaluate.
pub(crate) fn chain(
    code: &IdentityCode,
    verified: Vec<VerifiedAttestation>,
    out: &mut Findings,
) -> Vec<VerifiedAttestation> {
    let failures_before = out.len();
    let kept = one_branch(code, verified, out);
    check_links(code, &kept, out);
    if out.len() == failures_before && !kept.is_empty() {
        out.add(
            Finding::new(
                ReasonCode::ChainIntact,
                format!("{} attestations, linked from seq 0", kept.len()),
            )
            .with_subject(Some(code.to_string()))
            .with_evidence("events", kept.len().to_string()),
        );
    }
    kept
}

/// The statements about `code`, each once, on one branch: another subject, a duplicate, or the
/// second child of a statement (a fork, with everything that continues it) is reported and left
/// out.
fn one_branch(
    code: &IdentityCode,
    verified: Vec<VerifiedAttestation>,
    out: &mut Findings,
) -> Vec<VerifiedAttestation> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    // prev -> the first statement hash naming it.
    let mut children: BTreeMap<Option<String>, String> = BTreeMap::new();
    let mut excluded: BTreeSet<String> = BTreeSet::new();
    let mut kept: Vec<VerifiedAttestation> = Vec::with_capacity(verified.len());
    for v in verified {
        let st = v.attestation();
        let hash = v.statement_hash().to_owned();
        if st.subject != *code {
            out.add(
                about(
                    code,
                    &v,
                    ReasonCode::HistorySubjectMismatch,
                    format!("the attestation is about {}", st.subject),
                )
                .with_evidence("other_subject", st.subject.to_string()),
            );
            continue;
        }
        if !seen.insert(hash.clone()) {
            out.add(about(
                code,
                &v,
                ReasonCode::ChainDuplicate,
                "this attestation appears twice".into(),
            ));
            continue;
        }
        if st.prev.as_ref().is_some_and(|p| excluded.contains(p)) {
            // Continues a losing fork branch: already reported with the fork.
            excluded.insert(hash);
            continue;
        }
        match children.get(&st.prev) {
            Some(first) => {
                out.add(
                    about(
                        code,
                        &v,
                        ReasonCode::ChainFork,
                        format!(
                            "two attestations follow {}: {} and {}",
                            st.prev.as_deref().unwrap_or("the start"),
                            first,
                            hash
                        ),
                    )
                    .with_evidence("other_statement_hash", first.clone())
                    .with_evidence("prev", st.prev.clone().unwrap_or_default()),
                );
                excluded.insert(hash);
            }
            None => {
                children.insert(st.prev.clone(), hash);
                kept.push(v);
            }
        }
    }
    kept
}

/// Along the branch: `seq` from 0 without gaps, each `prev` the statement before, time never
/// decreasing.
fn check_links(code: &IdentityCode, kept: &[VerifiedAttestation], out: &mut Findings) {
    let mut prev_hash: Option<&str> = None;
    let mut prev_time: Option<i64> = None;
    for (pos, v) in kept.iter().enumerate() {
        let st = v.attestation();
        if st.seq != pos as u64 {
            out.add(
                about(
                    code,
                    v,
                    ReasonCode::ChainSeqGap,
                    format!("expected seq {pos}, found {}", st.seq),
                )
                .with_evidence("expected_seq", pos.to_string()),
            );
        }
        if st.prev.as_deref() != prev_hash {
            out.add(
                about(
                    code,
                    v,
                    ReasonCode::ChainPrevMismatch,
                    match prev_hash {
                        Some(p) => format!("prev should be {p}"),
                        None => "the first attestation must have prev null".into(),
                    },
                )
                .with_evidence("prev", st.prev.clone().unwrap_or_default())
                .with_evidence("expected_prev", prev_hash.unwrap_or_default()),
            );
        }
        if let Some(t) = prev_time {
            if st.time < t {
                out.add(
                    about(
                        code,
                        v,
                        ReasonCode::ChainTimeDecreasing,
                        format!(
                            "dated {} seconds before the event preceding it",
                            t - st.time
                        ),
                    )
                    .with_evidence("previous_time", t.to_string()),
                );
            }
        }
        prev_hash = Some(v.statement_hash());
        prev_time = Some(st.time);
    }
}

/// The lifecycle rules of `docs/histories.md`, section 2.2.
pub(crate) fn lifecycle(
    code: &IdentityCode,
    chain: &[VerifiedAttestation],
    list: &VerifiedTrustList,
    out: &mut Findings,
) {
    if chain.is_empty() {
        return;
    }
    let before = out.len();
    let mut walk = Lifecycle {
        code,
        list,
        registered: false,
        production_date: None,
        scrapped: false,
        dismantled: false,
        suspended: false,
        decommissioned: false,
        hours: None,
        cycles: None,
        software: BTreeMap::new(),
    };
    for (pos, v) in chain.iter().enumerate() {
        walk.step(pos, v, out);
    }
    if out.len() == before {
        out.add(
            Finding::new(
                ReasonCode::LifecycleConsistent,
                "every lifecycle rule holds".to_owned(),
            )
            .with_subject(Some(code.to_string())),
        );
    }
}

/// What the lifecycle rules remember while walking the chain.
struct Lifecycle<'a> {
    code: &'a IdentityCode,
    list: &'a VerifiedTrustList,
    registered: bool,
    production_date: Option<i64>,
    scrapped: bool,
    dismantled: bool,
    suspended: bool,
    decommissioned: bool,
    hours: Option<u64>,
    cycles: Option<u64>,
    /// The digest installed per software component.
    software: BTreeMap<&'static str, String>,
}

impl Lifecycle<'_> {
    fn has_role(&self, issuer: &str, role: Role) -> bool {
        self.list
            .participant(issuer)
            .is_some_and(|p| p.roles.contains(&role))
    }

    fn step(&mut self, pos: usize, v: &VerifiedAttestation, out: &mut Findings) {
        let code = self.code;
        let st = v.attestation();
        let fail = |rc: ReasonCode, detail: String| about(code, v, rc, detail);
        if self.scrapped || self.dismantled {
            // The end of life (section 2.2): the other recycling step may follow once; anything
            // else is reported as what it is, and not otherwise evaluated.
            match st.event {
                LifecycleEvent::Dismantled { .. } if !self.dismantled => self.dismantled = true,
                LifecycleEvent::Scrapped {} if !self.scrapped => self.scrapped = true,
                _ => after_end_of_life(code, v, self.dismantled, out),
            }
            return;
        }
        if pos == 0 && !matches!(st.event, LifecycleEvent::Manufactured { .. }) {
            out.add(fail(
                ReasonCode::LifecycleFirstNotManufactured,
                format!("the history starts with {}", st.event.event_type()),
            ));
        }
        if pos == 1 && !matches!(st.event, LifecycleEvent::Registered {}) {
            out.add(fail(
                ReasonCode::LifecycleRegistrationNotSecond,
                format!(
                    "the manufacture is followed by {}, not by the registration",
                    st.event.event_type()
                ),
            ));
        }
        match &st.event {
            LifecycleEvent::Manufactured {
                production_date, ..
            } => {
                self.manufactured(v, out);
                self.production_date = Some(*production_date);
            }
            LifecycleEvent::Registered {} => self.registration(v, out),
            LifecycleEvent::Sold { .. } | LifecycleEvent::Transferred { .. } => {
                self.market(v, ReasonCode::LifecycleSaleWhileSuspended, out);
            }
            LifecycleEvent::Deployed { .. } => {
                self.market(v, ReasonCode::LifecycleDeploymentWhileSuspended, out);
                if self.decommissioned {
                    out.add(fail(
                        ReasonCode::LifecycleDeploymentAfterDecommission,
                        "deployed after the robot was decommissioned".into(),
                    ));
                }
            }
            LifecycleEvent::Telemetry {
                operating_hours,
                battery_cycles,
                ..
            } => self.telemetry(v, *operating_hours, *battery_cycles, out),
            LifecycleEvent::PartReplaced {
                kind: ComponentKind::BatteryPack,
                ..
            } => {
                // A new battery starts its own cycle count.
                self.cycles = None;
            }
            LifecycleEvent::SoftwareUpdated {
                component,
                digest,
                previous_digest,
                ..
            } => self.software_update(v, *component, digest, previous_digest.as_deref(), out),
            LifecycleEvent::Suspended { .. } => self.suspended = true,
            LifecycleEvent::Reinstated {} => self.suspended = false,
            LifecycleEvent::Decommissioned {} => self.decommissioned = true,
            LifecycleEvent::Scrapped {} => self.scrapped = true,
            LifecycleEvent::Dismantled { .. } => self.dismantled = true,
            _ => {}
        }
    }

    /// Only the manufacturer named in the code attests its manufacture.
    fn manufactured(&self, v: &VerifiedAttestation, out: &mut Findings) {
        let st = v.attestation();
        let code = self.code;
        let owner = self.list.participant(&st.issuer).is_some_and(|p| {
            p.roles.contains(&Role::Manufacturer)
                && p.scope
                    .as_ref()
                    .is_some_and(|s| s.manufacturers.iter().any(|m| m == code.manufacturer()))
        });
        if !owner {
            out.add(about(
                code,
                v,
                ReasonCode::LifecycleManufacturerNotOwner,
                format!(
                    "{} is not the manufacturer {} named in the code",
                    st.issuer,
                    code.manufacturer()
                ),
            ));
        }
    }

    /// Only the registry registers, and not before the production date.
    fn registration(&mut self, v: &VerifiedAttestation, out: &mut Findings) {
        let st = v.attestation();
        if !self.has_role(&st.issuer, Role::Registry) {
            out.add(about(
                self.code,
                v,
                ReasonCode::LifecycleRegistrarNotRegistry,
                format!("{} is not the registry", st.issuer),
            ));
        }
        if let Some(pd) = self.production_date {
            if pd > st.time {
                out.add(about(
                    self.code,
                    v,
                    ReasonCode::LifecycleProductionAfterRegistration,
                    format!("produced at {pd}, registered at {}", st.time),
                ));
            }
        }
        self.registered = true;
    }

    /// A sale, transfer or deployment: only after the registration, never while suspended.
    fn market(&self, v: &VerifiedAttestation, while_suspended: ReasonCode, out: &mut Findings) {
        let event = v.attestation().event.event_type();
        if !self.registered {
            out.add(about(
                self.code,
                v,
                ReasonCode::LifecycleMarketBeforeRegistration,
                format!("{event} before the registration"),
            ));
        }
        if self.suspended {
            out.add(about(
                self.code,
                v,
                while_suspended,
                format!("{event} while suspended"),
            ));
        }
    }

    /// Operating hours and battery cycles never decrease (equal is fine: an idle robot).
    fn telemetry(&mut self, v: &VerifiedAttestation, hours: u64, cycles: u64, out: &mut Findings) {
        let counters = [
            (
                self.hours,
                hours,
                ReasonCode::TelemetryHoursDecreased,
                "operating hours",
            ),
            (
                self.cycles,
                cycles,
                ReasonCode::TelemetryBatteryCyclesDecreased,
                "battery cycles",
            ),
        ];
        for (previous, found, rc, what) in counters {
            if let Some(p) = previous.filter(|p| found < *p) {
                out.add(
                    about(self.code, v, rc, format!("{what} went from {p} to {found}"))
                        .with_evidence("previous", p.to_string())
                        .with_evidence("found", found.to_string()),
                );
            }
        }
        self.hours = Some(self.hours.map_or(hours, |h| h.max(hours)));
        self.cycles = Some(self.cycles.map_or(cycles, |c| c.max(cycles)));
    }

    /// Each update names the image it replaces, and that image was the one installed.
    fn software_update(
        &mut self,
        v: &VerifiedAttestation,
        component: SoftwareComponent,
        digest: &str,
        previous_digest: Option<&str>,
        out: &mut Findings,
    ) {
        let name = match component {
            SoftwareComponent::Firmware => "firmware",
            SoftwareComponent::AiProfile => "ai_profile",
        };
        if let Some(current) = self.software.get(name) {
            match previous_digest {
                None => out.add(
                    about(
                        self.code,
                        v,
                        ReasonCode::SoftwarePreviousDigestMissing,
                        format!("the {name} update does not name the image it replaced"),
                    )
                    .with_evidence("expected_previous_digest", current.clone()),
                ),
                Some(p) if p != current => out.add(
                    about(
                        self.code,
                        v,
                        ReasonCode::SoftwareLineageBroken,
                        format!("the {name} update replaces {p}, but {current} was installed"),
                    )
                    .with_evidence("previous_digest", p)
                    .with_evidence("expected_previous_digest", current.clone()),
                ),
                Some(_) => {}
            }
        }
        self.software.insert(name, digest.to_owned());
    }
}

/// An event after the end of life (scrapped or dismantled, whichever came first, and the other
/// recycling step once): reported by kind. The codes say "after scrap" for both ends of life.
fn after_end_of_life(
    code: &IdentityCode,
    v: &VerifiedAttestation,
    dismantled: bool,
    out: &mut Findings,
) {
    let st = v.attestation();
    let rc = match st.event {
        LifecycleEvent::Sold { .. } => ReasonCode::LifecycleSaleAfterScrap,
        LifecycleEvent::Transferred { .. } => ReasonCode::LifecycleTransferAfterScrap,
        LifecycleEvent::Deployed { .. } => ReasonCode::LifecycleDeploymentAfterScrap,
        LifecycleEvent::Telemetry { .. } => ReasonCode::LifecycleTelemetryAfterScrap,
        _ => ReasonCode::LifecycleEventAfterScrap,
    };
    let end = if dismantled { "dismantled" } else { "scrapped" };
    out.add(about(
        code,
        v,
        rc,
        format!("{} after the robot was {end}", st.event.event_type()),
    ));
}

/// The status of a verified recall for this robot, or `None` when it does not cover it.
/// The first `recall_remedied` statement for `notice` dated at or after the notice and at or
/// before `until`: the one that closes the recall (for the history and for custody at a moment).
pub(crate) fn remedy_of<'a>(
    notice: &RecallNotice,
    chain: &'a [VerifiedAttestation],
    until: i64,
) -> Option<&'a VerifiedAttestation> {
    chain.iter().find(|v| {
        let st = v.attestation();
        (notice.issued_at..=until).contains(&st.time)
            && matches!(&st.event, LifecycleEvent::RecallRemedied { recall_id } if *recall_id == notice.recall_id)
    })
}

pub(crate) fn recall_status(
    code: &IdentityCode,
    notice: &RecallNotice,
    chain: &[VerifiedAttestation],
    out: &mut Findings,
) -> Option<RecallStatus> {
    if !notice.covers(code) {
        return None;
    }
    let remedy = remedy_of(notice, chain, i64::MAX);
    let f = |rc: ReasonCode, detail: String| {
        Finding::new(rc, detail)
            .with_subject(Some(code.to_string()))
            .with_evidence("recall_id", notice.recall_id.clone())
    };
    match remedy {
        Some(v) => out.add(
            f(
                ReasonCode::RecallRemedied,
                format!("recall {} was remedied", notice.recall_id),
            )
            .with_evidence("statement_hash", v.statement_hash()),
        ),
        None => out.add(f(
            ReasonCode::RecallOpen,
            format!(
                "recall {} is open: {} (remedy: {})",
                notice.recall_id, notice.defect, notice.remedy
            ),
        )),
    }
    Some(RecallStatus::at(
        notice,
        remedy.map(|v| v.attestation().time),
    ))
}

/// A warning for each remedy naming a recall that is not among the verified notices.
pub(crate) fn unknown_remedies(
    code: &IdentityCode,
    known: &[String],
    chain: &[VerifiedAttestation],
    out: &mut Findings,
) {
    for v in chain {
        if let LifecycleEvent::RecallRemedied { recall_id } = &v.attestation().event {
            if !known.contains(recall_id) {
                out.add(
                    about(
                        code,
                        v,
                        ReasonCode::RecallRemedyUnknown,
                        format!("no verified notice for recall {recall_id}"),
                    )
                    .with_evidence("recall_id", recall_id.clone()),
                );
            }
        }
    }
}
