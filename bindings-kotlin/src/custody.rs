//! Custody at a moment (incident accountability): who made, owned, operated, maintained and
//! updated a robot at time T, which recalls were open, each answer with the signed statement that
//! proves it. The core's `CustodyReport` as uniffi records; conversions only.

use crate::history::{JointReport, LifecycleStatus, RecallState, UseCategory};
use crate::{count, long, Finding, Verdict, Verifier};

/// The signed statement an answer rests on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyProof {
    /// SHA-256 of the signed statement (lowercase hex): find it in the history bundle.
    pub statement_hash: String,
    /// `attestation` or `recall_notice`.
    pub document: String,
    /// The attestation's `seq` (null for a recall notice).
    pub seq: Option<i64>,
    /// The event type (`sold`, `deployed`, ...) or `recall_notice`.
    pub event: String,
    /// When the statement says it happened, unix seconds.
    pub time: i64,
    /// The participant who signed it (verified to own the key).
    pub issuer: String,
    /// The ID of the signing key.
    pub key_id: String,
}

impl CustodyProof {
    fn from_core(p: &hrid::history::Proof) -> CustodyProof {
        CustodyProof {
            statement_hash: p.statement_hash.clone(),
            document: p.document.to_owned(),
            seq: p.seq.map(long),
            event: p.event.to_owned(),
            time: p.time,
            issuer: p.issuer.clone(),
            key_id: p.key_id.clone(),
        }
    }
}

/// Who made the robot.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyManufacture {
    /// The manufacturer field of the code (4 characters).
    pub manufacturer_code: String,
    /// The participant who attested the manufacture.
    pub manufacturer: String,
    /// The model named at manufacture.
    pub model: String,
    /// The production date, unix seconds.
    pub production_date: i64,
    /// The `manufactured` statement.
    pub proof: CustodyProof,
}

/// Who owned the robot.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyOwner {
    /// The owner.
    pub owner: String,
    /// `sold`, `transferred` or `manufactured`.
    pub basis: String,
    /// Since when, unix seconds.
    pub since: i64,
    /// The statement that made them the owner.
    pub proof: CustodyProof,
}

/// Who operated the robot, where and for what.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyOperation {
    /// The operator (the participant who attested the deployment).
    pub operator: String,
    /// The site reference.
    pub site: String,
    /// What for.
    pub use_category: UseCategory,
    /// Since when, unix seconds.
    pub since: i64,
    /// The `deployed` statement.
    pub proof: CustodyProof,
}

/// The last maintenance before the moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyMaintenance {
    /// The maintainer.
    pub maintainer: String,
    /// `maintained` or `part_replaced`.
    pub kind: String,
    /// What was done.
    pub summary: String,
    /// When, unix seconds.
    pub time: i64,
    /// The statement.
    pub proof: CustodyProof,
}

/// Software in effect at the moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodySoftware {
    /// The version.
    pub version: String,
    /// The image's SHA-256 (none on record for factory firmware).
    pub digest: Option<String>,
    /// The training dataset's digest, for an AI profile that names one.
    pub dataset_digest: Option<String>,
    /// Who installed it.
    pub installed_by: String,
    /// Since when, unix seconds.
    pub since: i64,
    /// The statement.
    pub proof: CustodyProof,
}

/// A recall issued by the moment, open or remedied then.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyRecall {
    /// The recall's ID.
    pub recall_id: String,
    /// Who issued it.
    pub issuer: String,
    /// When it was issued.
    pub issued_at: i64,
    /// The defect.
    pub defect: String,
    /// The remedy.
    pub remedy: String,
    /// Open or remedied at the moment.
    pub state: RecallState,
    /// When the remedy was attested, if by the moment.
    pub remedied_at: Option<i64>,
    /// The recall notice.
    pub proof: CustodyProof,
    /// The `recall_remedied` statement, if by the moment.
    pub remedy_proof: Option<CustodyProof>,
}

/// A telemetry report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyTelemetry {
    /// Operating hours.
    pub operating_hours: i64,
    /// Battery state of health, percent.
    pub battery_soh_percent: i32,
    /// Battery cycles.
    pub battery_cycles: i64,
    /// Joint wear and performance.
    pub joints: Vec<JointReport>,
    /// Who reported it.
    pub reported_by: String,
    /// The statement.
    pub proof: CustodyProof,
}

/// The lifecycle status at the moment and the statement that set it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyStatus {
    /// The status.
    pub status: LifecycleStatus,
    /// The statement that set it.
    pub proof: CustodyProof,
}

/// What [`Verifier::custody`] returns: who was responsible at the moment, each answer with its
/// proof; a null answer is a gap, named by a warning.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustodyReport {
    /// The robot.
    pub subject: Option<String>,
    /// The moment asked about, unix seconds.
    pub at: i64,
    /// Rejected: should not have been operating (scrapped, suspended); indeterminate: the history
    /// did not verify completely; else accepted.
    pub verdict: Verdict,
    /// The history's own verdict.
    pub history_verdict: Verdict,
    /// Verified statements at or before the moment.
    pub statements_considered: i32,
    /// Who made it.
    pub manufacture: Option<CustodyManufacture>,
    /// Who owned it.
    pub owner: Option<CustodyOwner>,
    /// Who operated it.
    pub operation: Option<CustodyOperation>,
    /// The last maintenance.
    pub last_maintenance: Option<CustodyMaintenance>,
    /// Firmware in effect.
    pub firmware: Option<CustodySoftware>,
    /// AI training profile in effect.
    pub ai_profile: Option<CustodySoftware>,
    /// Recalls issued by the moment.
    pub recalls: Vec<CustodyRecall>,
    /// The telemetry report nearest before the moment.
    pub telemetry_before: Option<CustodyTelemetry>,
    /// The first telemetry report after the moment.
    pub telemetry_after: Option<CustodyTelemetry>,
    /// The status at the moment.
    pub status: Option<CustodyStatus>,
    /// Failures and indeterminate findings.
    pub failures: Vec<Finding>,
    /// Gaps and open recalls.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// The whole report as the core's JSON (identical on every surface).
    pub json: String,
}

fn software(s: &hrid::history::Software) -> CustodySoftware {
    CustodySoftware {
        version: s.version.clone(),
        digest: s.digest.clone(),
        dataset_digest: s.dataset_digest.clone(),
        installed_by: s.installed_by.clone(),
        since: s.since,
        proof: CustodyProof::from_core(&s.proof),
    }
}

fn telemetry(t: &hrid::history::TelemetryAtMoment) -> CustodyTelemetry {
    CustodyTelemetry {
        operating_hours: long(t.operating_hours),
        battery_soh_percent: i32::from(t.battery_soh_percent),
        battery_cycles: long(t.battery_cycles),
        joints: t
            .joints
            .iter()
            .map(|j| JointReport {
                joint: j.joint.clone(),
                wear_percent: i32::from(j.wear_percent),
                performance_percent: i32::from(j.performance_percent),
            })
            .collect(),
        reported_by: t.reported_by.clone(),
        proof: CustodyProof::from_core(&t.proof),
    }
}

impl CustodyReport {
    fn from_core(r: &hrid::history::CustodyReport) -> CustodyReport {
        let findings = |l: &[hrid::verify::Finding]| l.iter().map(Finding::from_core).collect();
        CustodyReport {
            subject: r.subject.clone(),
            at: r.at,
            verdict: Verdict::from_core(r.verdict),
            history_verdict: Verdict::from_core(r.history_verdict),
            statements_considered: count(r.statements_considered),
            manufacture: r.manufacture.as_ref().map(|m| CustodyManufacture {
                manufacturer_code: m.manufacturer_code.clone(),
                manufacturer: m.manufacturer.clone(),
                model: m.model.clone(),
                production_date: m.production_date,
                proof: CustodyProof::from_core(&m.proof),
            }),
            owner: r.owner.as_ref().map(|o| CustodyOwner {
                owner: o.owner.clone(),
                basis: o.basis.to_owned(),
                since: o.since,
                proof: CustodyProof::from_core(&o.proof),
            }),
            operation: r.operation.as_ref().map(|o| CustodyOperation {
                operator: o.operator.clone(),
                site: o.site.clone(),
                use_category: UseCategory::from_core(o.use_category),
                since: o.since,
                proof: CustodyProof::from_core(&o.proof),
            }),
            last_maintenance: r.last_maintenance.as_ref().map(|m| CustodyMaintenance {
                maintainer: m.maintainer.clone(),
                kind: m.kind.to_owned(),
                summary: m.summary.clone(),
                time: m.time,
                proof: CustodyProof::from_core(&m.proof),
            }),
            firmware: r.firmware.as_ref().map(software),
            ai_profile: r.ai_profile.as_ref().map(software),
            recalls: r
                .recalls
                .iter()
                .map(|c| CustodyRecall {
                    recall_id: c.recall_id.clone(),
                    issuer: c.issuer.clone(),
                    issued_at: c.issued_at,
                    defect: c.defect.clone(),
                    remedy: c.remedy.clone(),
                    state: RecallState::from_core(c.state),
                    remedied_at: c.remedied_at,
                    proof: CustodyProof::from_core(&c.proof),
                    remedy_proof: c.remedy_proof.as_ref().map(CustodyProof::from_core),
                })
                .collect(),
            telemetry_before: r.telemetry_before.as_ref().map(telemetry),
            telemetry_after: r.telemetry_after.as_ref().map(telemetry),
            status: r.status.as_ref().map(|s| CustodyStatus {
                status: LifecycleStatus::from_core(s.status),
                proof: CustodyProof::from_core(&s.proof),
            }),
            failures: findings(&r.failures),
            warnings: findings(&r.warnings),
            passed: findings(&r.passed),
            json: r.to_json(),
        }
    }
}

#[uniffi::export]
impl Verifier {
    /// Who was responsible for the robot of `bundle_json` at the moment `at` (unix seconds), each
    /// answer with the signed statement that proves it. The history is verified at `verified_at`
    /// (typically now); only its verified statements dated at or before `at` are read. Never
    /// throws: a bad bundle is a report (`custody.history_unverified`).
    #[must_use]
    pub fn custody(&self, bundle_json: String, at: i64, verified_at: i64) -> CustodyReport {
        let history = hrid::history::verify_history(
            &self.inner,
            bundle_json.as_bytes(),
            verified_at,
            &hrid::history::HistoryOptions::default(),
        );
        CustodyReport::from_core(&hrid::history::custody(&history, at))
    }
}
