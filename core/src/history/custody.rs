//! Custody at a moment: who was responsible for a robot at time T, each answer with its proof.
//!
//! When a robot is involved in an incident, a regulator, an insurer or a court asks who made it,
//! who owned and operated it, who last maintained it, which firmware and AI profile it ran and who
//! installed them, whether a recall was open, and whether it should have been operating at all.
//! [`custody`] answers from a verified history alone: every answer names the signed statement that
//! proves it ([`Proof`]: statement hash, issuer, signing key), and what the record does not say is
//! reported as a gap (a warning finding), never guessed.
//!
//! **Boundaries** (docs/histories.md section 7): a statement dated exactly `at` is in effect at
//! `at`; a recall notice issued exactly at `at` covers the robot at `at`; a remedy dated exactly
//! `at` has closed its recall at `at`. Only statements of the verified chain count (the same ones
//! the health summary uses); statements that did not verify are never read.

use serde::Serialize;

use crate::attestation::{JointReport, LifecycleEvent, UseCategory};
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings, Verdict};
use crate::verify::VerifiedAttestation;

use super::state::state_at;
use super::{HistoryReport, LifecycleStatus};
use crate::recall::{RecallState, RecallStatus, VerifiedRecall};

/// The signed statement an answer rests on.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Proof {
    /// SHA-256 of the signed statement (lowercase hex): find it in the history bundle.
    pub statement_hash: String,
    /// `attestation` or `recall_notice`.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["attestation", "recall_notice"])))]
    pub document: String,
    /// The attestation's `seq` (`None` for a recall notice).
    pub seq: Option<u64>,
    /// The event type (`sold`, `deployed`, ...), or `recall_notice`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "proof_event_schema"))]
    pub event: String,
    /// When the statement says it happened (or the notice was issued), unix seconds.
    pub time: i64,
    /// The participant who signed it (verified to own the signing key).
    pub issuer: String,
    /// The ID of the key that signed it.
    pub key_id: String,
}

impl Proof {
    fn of(v: &VerifiedAttestation) -> Proof {
        let st = v.attestation();
        Proof {
            statement_hash: v.statement_hash().to_owned(),
            document: "attestation".to_owned(),
            seq: Some(st.seq),
            event: st.event.event_type().as_str().to_owned(),
            time: st.time,
            issuer: v.participant().to_owned(),
            key_id: v.key_id().as_str().to_owned(),
        }
    }

    fn of_recall(r: &VerifiedRecall) -> Proof {
        let n = r.notice();
        Proof {
            statement_hash: r.statement_hash().to_owned(),
            document: "recall_notice".to_owned(),
            seq: None,
            event: "recall_notice".to_owned(),
            time: n.issued_at,
            issuer: n.issuer.clone(),
            key_id: r
                .key_id()
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
        }
    }
}

/// Who made the robot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Manufacture {
    /// The manufacturer field of the identity code (4 characters).
    pub manufacturer_code: String,
    /// The participant who attested the manufacture.
    pub manufacturer: String,
    /// The model named at manufacture.
    pub model: String,
    /// The production date, unix seconds.
    pub production_date: i64,
    /// The `manufactured` statement.
    pub proof: Proof,
}

/// Who owned the robot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Owner {
    /// The owner's participant ID (or the buyer reference the seller recorded).
    pub owner: String,
    /// How ownership arose: `sold`, `transferred`, or `manufactured` (the manufacturer owns a
    /// robot until its first sale or transfer).
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["sold", "transferred", "manufactured"])))]
    pub basis: String,
    /// Since when, unix seconds.
    pub since: i64,
    /// The statement that made them the owner.
    pub proof: Proof,
}

/// Who operated the robot, where, and for what.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Operation {
    /// The operator: the participant who attested the deployment.
    pub operator: String,
    /// The site reference.
    pub site: String,
    /// The use category.
    pub use_category: UseCategory,
    /// Since when, unix seconds.
    pub since: i64,
    /// The `deployed` statement.
    pub proof: Proof,
}

/// The last maintenance before the moment.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Maintenance {
    /// The maintainer: the participant who attested it.
    pub maintainer: String,
    /// `maintained` or `part_replaced`.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["maintained", "part_replaced"])))]
    pub kind: String,
    /// What was done, for people (for a part replacement: the serials).
    pub summary: String,
    /// When, unix seconds.
    pub time: i64,
    /// The statement.
    pub proof: Proof,
}

/// Software in effect at the moment.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "SoftwareAtMoment"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Software {
    /// The version.
    pub version: String,
    /// The image's SHA-256 (factory firmware has none on record).
    pub digest: Option<String>,
    /// The training dataset's digest, for an AI profile that names one.
    pub dataset_digest: Option<String>,
    /// The participant who installed it (for factory firmware: the manufacturer).
    pub installed_by: String,
    /// Since when, unix seconds.
    pub since: i64,
    /// The `software_updated` (or `manufactured`) statement.
    pub proof: Proof,
}

/// A recall that covered the robot at the moment.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecallAtMoment {
    /// The recall, and where it stood at the moment: `state` and `remedied_at` as of then
    /// (a remedy dated after the moment does not count).
    #[serde(flatten)]
    pub recall: RecallStatus,
    /// The recall notice.
    pub proof: Proof,
    /// The `recall_remedied` statement, if at or before the moment.
    pub remedy_proof: Option<Proof>,
}

/// A telemetry report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TelemetryAtMoment {
    /// The operating hours reported.
    pub operating_hours: u64,
    /// Battery state of health, percent.
    pub battery_soh_percent: u8,
    /// Battery cycles.
    pub battery_cycles: u64,
    /// Joint wear and performance.
    pub joints: Vec<JointReport>,
    /// The participant who reported it.
    pub reported_by: String,
    /// The statement.
    pub proof: Proof,
}

/// Where the robot stood in its life at the moment.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StatusAtMoment {
    /// The lifecycle status.
    pub status: LifecycleStatus,
    /// The statement that set it (`manufactured`, `registered`, `suspended`, `reinstated`,
    /// `decommissioned`, `scrapped`, `dismantled`).
    pub proof: Proof,
}

/// The answer of [`custody`]: who was responsible for the robot at the moment, with proof.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CustodyReport {
    /// The robot.
    pub subject: Option<String>,
    /// The moment asked about, unix seconds.
    pub at: i64,
    /// The history's own verdict.
    pub history_verdict: Verdict,
    /// Verified statements dated at or before the moment (the answers rest on these).
    pub statements_considered: usize,
    /// Who made it.
    pub manufacture: Option<Manufacture>,
    /// Who owned it.
    pub owner: Option<Owner>,
    /// Who operated it, where and for what.
    pub operation: Option<Operation>,
    /// The last maintenance at or before the moment.
    pub last_maintenance: Option<Maintenance>,
    /// Firmware in effect.
    pub firmware: Option<Software>,
    /// AI training profile in effect.
    pub ai_profile: Option<Software>,
    /// Recalls issued at or before the moment that cover the robot, open or remedied then.
    pub recalls: Vec<RecallAtMoment>,
    /// The telemetry report nearest before (or at) the moment.
    pub telemetry_before: Option<TelemetryAtMoment>,
    /// The first telemetry report after the moment, if any (what changed across the incident).
    pub telemetry_after: Option<TelemetryAtMoment>,
    /// The lifecycle status at the moment.
    pub status: Option<StatusAtMoment>,
    /// The verdict: `rejected` when the robot should not have been operating at the moment
    /// (scrapped, decommissioned or suspended); `indeterminate` when the history did not verify
    /// completely; else `accepted` (gaps are warnings). Failures, gaps and open recalls as
    /// warnings, `custody.answered`.
    #[serde(flatten)]
    pub(crate) findings: Findings,
}

report!(CustodyReport);

fn telemetry(v: &VerifiedAttestation) -> Option<TelemetryAtMoment> {
    match &v.attestation().event {
        LifecycleEvent::Telemetry {
            operating_hours,
            battery_soh_percent,
            battery_cycles,
            joints,
        } => Some(TelemetryAtMoment {
            operating_hours: *operating_hours,
            battery_soh_percent: *battery_soh_percent,
            battery_cycles: *battery_cycles,
            joints: joints.clone(),
            reported_by: v.participant().to_owned(),
            proof: Proof::of(v),
        }),
        _ => None,
    }
}

/// Custody of the robot of `history` at `at_unix`: the answers and their proofs.
///
/// `history` is a report of [`verify_history`](super::verify_history) (made at the verification
/// time, typically now; `at_unix` is the moment asked about, typically in the past). Answers come
/// only from the statements of its verified chain dated at or before `at_unix`, folded by the
/// same rule as the health summary.
///
/// # Panics
/// Never.
#[must_use]
pub fn custody(history: &HistoryReport, at_unix: i64) -> CustodyReport {
    let chain = history.chain();
    let state = state_at(chain, at_unix);
    let (status, status_proof) = state.status();
    let mut r = CustodyReport {
        subject: history.subject.clone(),
        at: at_unix,
        history_verdict: history.verdict,
        statements_considered: state.considered,
        manufacture: state.made.and_then(manufacture),
        owner: state.owner.map(|(owner, v)| Owner {
            owner: owner.to_owned(),
            basis: v.attestation().event.event_type().as_str().to_owned(),
            since: v.attestation().time,
            proof: Proof::of(v),
        }),
        operation: state.deployment.and_then(operation),
        last_maintenance: state.maintenance.and_then(maintenance),
        firmware: state.firmware.and_then(software),
        ai_profile: state.ai_profile.and_then(software),
        recalls: recalls_at(history, at_unix),
        telemetry_before: state.telemetry.and_then(telemetry),
        telemetry_after: chain
            .iter()
            .filter(|v| v.attestation().time > at_unix)
            .find_map(telemetry),
        status: status_proof.map(|v| StatusAtMoment {
            status,
            proof: Proof::of(v),
        }),
        findings: Findings::default(),
    };
    let about = |code: ReasonCode, detail: String| {
        Finding::new(code, detail).with_subject(history.subject.clone())
    };
    r.findings = findings(history, &r, &about).into_iter().collect();
    r
}

fn manufacture(v: &VerifiedAttestation) -> Option<Manufacture> {
    let st = v.attestation();
    match &st.event {
        LifecycleEvent::Manufactured {
            model,
            production_date,
            ..
        } => Some(Manufacture {
            manufacturer_code: st.subject.manufacturer().to_owned(),
            manufacturer: v.participant().to_owned(),
            model: model.clone(),
            production_date: *production_date,
            proof: Proof::of(v),
        }),
        _ => None,
    }
}

fn operation(v: &VerifiedAttestation) -> Option<Operation> {
    let st = v.attestation();
    match &st.event {
        LifecycleEvent::Deployed { site, use_category } => Some(Operation {
            operator: v.participant().to_owned(),
            site: site.clone(),
            use_category: *use_category,
            since: st.time,
            proof: Proof::of(v),
        }),
        _ => None,
    }
}

fn maintenance(v: &VerifiedAttestation) -> Option<Maintenance> {
    let st = v.attestation();
    let (kind, summary) = match &st.event {
        LifecycleEvent::Maintained { summary } => ("maintained", summary.clone()),
        LifecycleEvent::PartReplaced {
            serial_in,
            serial_out,
            kind,
        } => (
            "part_replaced",
            format!("{} {serial_out} replaced by {serial_in}", kind.as_str()),
        ),
        _ => return None,
    };
    Some(Maintenance {
        maintainer: v.participant().to_owned(),
        kind: kind.to_owned(),
        summary,
        time: st.time,
        proof: Proof::of(v),
    })
}

/// The software a statement installed: factory firmware (`manufactured`, no digest on record)
/// or a `software_updated` image.
fn software(v: &VerifiedAttestation) -> Option<Software> {
    let st = v.attestation();
    let (version, digest, dataset_digest) = match &st.event {
        LifecycleEvent::Manufactured { firmware, .. } => (firmware, None, None),
        LifecycleEvent::SoftwareUpdated {
            version,
            digest,
            dataset_digest,
            ..
        } => (version, Some(digest.clone()), dataset_digest.clone()),
        _ => return None,
    };
    Some(Software {
        version: version.clone(),
        digest,
        dataset_digest,
        installed_by: v.participant().to_owned(),
        since: st.time,
        proof: Proof::of(v),
    })
}

/// The recalls issued at or before the moment, open or remedied then.
fn recalls_at(history: &HistoryReport, at_unix: i64) -> Vec<RecallAtMoment> {
    history
        .recall_notices()
        .iter()
        .filter(|notice| notice.notice().issued_at <= at_unix)
        .map(|notice| {
            let n = notice.notice();
            let remedy = super::rules::remedy_of(n, history.chain(), at_unix);
            RecallAtMoment {
                recall: RecallStatus::at(n, remedy.map(|v| v.attestation().time)),
                proof: Proof::of_recall(notice),
                remedy_proof: remedy.map(Proof::of),
            }
        })
        .collect()
}

/// The findings of a custody answer: an unverified history, open recalls, gaps, operation while
/// out of service, and `custody.answered`.
fn findings(
    history: &HistoryReport,
    r: &CustodyReport,
    f: &dyn Fn(ReasonCode, String) -> Finding,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if history.verdict != Verdict::Accepted {
        let unverified = history.events.saturating_sub(history.chain().len());
        out.push(
            f(
                ReasonCode::CustodyHistoryUnverified,
                format!(
                    "the history is {}; {} of {} statements are not on the verified chain and were \
                     not read: the answers rest on the rest",
                    history.verdict.as_str(),
                    unverified,
                    history.events
                ),
            )
            .with_evidence("history_verdict", history.verdict.as_str())
            .with_evidence("unverified", unverified.to_string()),
        );
    }
    for open in r
        .recalls
        .iter()
        .filter(|x| x.recall.state == RecallState::Open)
    {
        let recall = &open.recall;
        out.push(
            f(
                ReasonCode::CustodyRecallOpen,
                format!(
                    "recall {} ({}) was open at that moment: issued by {} and not remedied",
                    recall.recall_id, recall.defect, recall.issuer
                ),
            )
            .with_evidence("recall_id", recall.recall_id.clone())
            .with_evidence("statement_hash", open.proof.statement_hash.clone()),
        );
    }
    gaps(r, f, &mut out);
    if let Some(s) = &r.status {
        out.extend(out_of_service(s, f));
    }
    if r.statements_considered > 0 {
        out.push(
            f(
                ReasonCode::CustodyAnswered,
                format!(
                    "answered from {} verified statements at or before the moment",
                    r.statements_considered
                ),
            )
            .with_evidence("statements", r.statements_considered.to_string()),
        );
    }
    out
}

/// What the record does not say at the moment: each gap a warning.
fn gaps(r: &CustodyReport, f: &dyn Fn(ReasonCode, String) -> Finding, out: &mut Vec<Finding>) {
    use ReasonCode as C;
    let missing = [
        r.manufacture.is_none(),
        r.owner.is_none(),
        r.operation.is_none(),
        r.last_maintenance.is_none(),
        r.ai_profile.is_none(),
        r.telemetry_before.is_none(),
    ];
    #[rustfmt::skip]
    let gaps: [(ReasonCode, &str); 6] = [
        (C::CustodyBeforeManufacture, "no verified manufacture is on record at or before that moment"),
        (C::CustodyNoOwner, "no owner is on record at that moment"),
        (C::CustodyNoOperator, "no deployment was in effect at that moment: no operator or site on record"),
        (C::CustodyNoMaintenance, "no maintenance is on record at or before that moment"),
        (C::CustodyNoAiProfile, "no AI training profile installation is on record at or before that moment"),
        (C::CustodyNoTelemetry, "no telemetry report is on record at or before that moment"),
    ];
    for (_, (code, detail)) in missing.iter().zip(gaps).filter(|(m, _)| **m) {
        out.push(f(code, detail.into()));
    }
}

/// A robot that should not have been operating at the moment.
fn out_of_service(
    s: &StatusAtMoment,
    f: &dyn Fn(ReasonCode, String) -> Finding,
) -> Option<Finding> {
    let finding = match s.status {
        LifecycleStatus::Scrapped | LifecycleStatus::Dismantled | LifecycleStatus::Decommissioned => {
            f(
                ReasonCode::CustodyOperatedWhileScrapped,
                format!(
                    "the robot was {} at that moment (attested by {}): it should not have been in operation",
                    s.status.as_str(),
                    s.proof.issuer
                ),
            )
        }
        LifecycleStatus::Suspended => f(
            ReasonCode::CustodyOperatedWhileSuspended,
            format!(
                "the robot was suspended at that moment (by {}): it should not have been in operation",
                s.proof.issuer
            ),
        ),
        _ => return None,
    };
    Some(
        finding
            .with_evidence("status", s.status.as_str())
            .with_evidence("statement_hash", s.proof.statement_hash.clone()),
    )
}

/// `Proof::event`: an event type, or `recall_notice` for a recall notice.
#[cfg(feature = "schema")]
fn proof_event_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [
            generator.subschema_for::<crate::attestation::EventType>(),
            {"const": "recall_notice"}
        ],
    })
}
