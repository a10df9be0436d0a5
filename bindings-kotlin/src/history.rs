//! Histories, recall notices, passports, health summaries, market-access decisions and fleet
//! audits: the core's reports as uniffi records, and the [`Verifier`](crate::Verifier) methods
//! that make them. Conversions only; every decision is the core's.

use hrid::code::IdentityCode;
use hrid::history::HistoryOptions;

use crate::{count, long, Finding, HridFfiError, Verdict, VerifiedAttestation, Verifier};

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/// Declare a fieldless uniffi enum that mirrors an exhaustive core enum: both conversions are
/// exhaustive matches, so a variant added on either side fails to compile here.
macro_rules! mirror_exhaustive {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $core:path {
            $( $(#[$vmeta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// The core's value.
            #[must_use]
            pub fn to_core(self) -> $core {
                match self { $( $name::$variant => <$core>::$variant, )* }
            }

            /// The mirror of a core value.
            #[must_use]
            pub fn from_core(value: $core) -> $name {
                match value { $( <$core>::$variant => $name::$variant, )* }
            }
        }
    };
}

mirror_exhaustive! {
    /// Where a robot stands in its life, from its verified history.
    pub enum LifecycleStatus mirrors hrid::history::LifecycleStatus {
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
}

mirror_exhaustive! {
    /// A robot's status as a passport states it.
    pub enum PassportStatus mirrors hrid::passport::PassportStatus {
        /// Not registered.
        Unregistered,
        /// Registered and in order.
        Active,
        /// Suspended.
        Suspended,
        /// In a recall that has not been remedied.
        RecalledOpen,
        /// Permanently out of service.
        Decommissioned,
        /// Scrapped.
        Scrapped,
        /// Scrapped and dismantled.
        Dismantled,
    }
}

mirror_exhaustive! {
    /// Whether a recall is still open for a robot.
    pub enum RecallState mirrors hrid::recall::RecallState {
        /// No remedy attested at or after the notice.
        Open,
        /// A `recall_remedied` statement at or after the notice closed it.
        Remedied,
    }
}

mirror_exhaustive! {
    /// What a robot is to be allowed for.
    pub enum Policy mirrors hrid::access::Policy {
        /// Offered on a marketplace.
        Listing,
        /// Sold or handed over.
        Sale,
        /// Put into service.
        Deployment,
    }
}

mirror_exhaustive! {
    /// A market-access decision.
    pub enum Decision mirrors hrid::access::Decision {
        /// The robot may be placed on the market for the policy's purpose.
        Allowed,
        /// It may not: see the failures.
        Denied,
    }
}

/// What a deployed robot is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum UseCategory {
    /// Factories and warehouses.
    Industrial,
    /// Shops, hotels, reception.
    CommercialService,
    /// Homes.
    Household,
    /// Hospitals and care.
    Healthcare,
    /// Schools and training.
    Education,
    /// Laboratories.
    Research,
    /// Public services and safety.
    PublicService,
    /// Anything else (also a category a later core adds).
    Other,
}

impl UseCategory {
    pub(crate) fn from_core(u: hrid::attestation::UseCategory) -> UseCategory {
        use hrid::attestation::UseCategory as U;
        match u {
            U::Industrial => UseCategory::Industrial,
            U::CommercialService => UseCategory::CommercialService,
            U::Household => UseCategory::Household,
            U::Healthcare => UseCategory::Healthcare,
            U::Education => UseCategory::Education,
            U::Research => UseCategory::Research,
            U::PublicService => UseCategory::PublicService,
            _ => UseCategory::Other,
        }
    }
}

/// Kinds of serialised parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ComponentKind {
    /// A joint actuator.
    Actuator,
    /// A battery pack.
    BatteryPack,
    /// The main controller board.
    MainController,
    /// An AI compute module.
    ComputeModule,
    /// A sensor.
    Sensor,
    /// A hand or gripper.
    Hand,
    /// Any other serialised part (also a kind a later core adds).
    Other,
}

impl ComponentKind {
    fn from_core(k: hrid::attestation::ComponentKind) -> ComponentKind {
        use hrid::attestation::ComponentKind as K;
        match k {
            K::Actuator => ComponentKind::Actuator,
            K::BatteryPack => ComponentKind::BatteryPack,
            K::MainController => ComponentKind::MainController,
            K::ComputeModule => ComponentKind::ComputeModule,
            K::Sensor => ComponentKind::Sensor,
            K::Hand => ComponentKind::Hand,
            _ => ComponentKind::Other,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

fn findings(list: &[hrid::verify::Finding]) -> Vec<Finding> {
    list.iter().map(Finding::from_core).collect()
}

/// The head of a chain: the last statement's `seq` and statement hash.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChainHead {
    /// The last statement's `seq`.
    pub seq: i64,
    /// Its statement hash, 64 lowercase hex digits.
    pub statement_hash: String,
}

impl ChainHead {
    fn from_core(h: &hrid::history::ChainHead) -> ChainHead {
        ChainHead {
            seq: long(h.seq),
            statement_hash: h.statement_hash.clone(),
        }
    }
}

/// Where a robot is in service.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SoftwareState {
    /// The version.
    pub version: String,
    /// The image's SHA-256, when known.
    pub digest: Option<String>,
    /// Since when, unix seconds.
    pub since: i64,
}

impl SoftwareState {
    fn from_core(s: &hrid::history::SoftwareState) -> SoftwareState {
        SoftwareState {
            version: s.version.clone(),
            digest: s.digest.clone(),
            since: s.since,
        }
    }
}

/// Latest wear of one joint.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JointReport {
    /// The joint's name, e.g. `left_knee`.
    pub joint: String,
    /// Wear, 0 to 100.
    pub wear_percent: i32,
    /// Performance relative to new, 0 to 100.
    pub performance_percent: i32,
}

/// An installed serialised part.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Component {
    /// What kind of part.
    pub kind: ComponentKind,
    /// Its serial number.
    pub serial: String,
}

/// A robot's state from its verified chain: the latest of each kind of report. Rely on it only
/// when the report that carries it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HealthSummary {
    /// The robot, canonical form.
    pub subject: String,
    /// Lifecycle status.
    pub status: LifecycleStatus,
    /// The model named at manufacture.
    pub model: Option<String>,
    /// The current owner: the last buyer or transferee, else the manufacturer.
    pub owner: Option<String>,
    /// The current deployment.
    pub deployment: Option<Deployment>,
    /// Latest operating hours.
    pub operating_hours: Option<i64>,
    /// Latest battery state of health, percent.
    pub battery_soh_percent: Option<i32>,
    /// Latest battery cycle count.
    pub battery_cycles: Option<i64>,
    /// Latest wear per joint, sorted by joint name.
    pub joints: Vec<JointReport>,
    /// Installed firmware.
    pub firmware: Option<SoftwareState>,
    /// Installed AI profile.
    pub ai_profile: Option<SoftwareState>,
    /// Installed serialised components.
    pub components: Vec<Component>,
    /// IDs of open recalls.
    pub open_recalls: Vec<String>,
    /// Time of the last event, unix seconds.
    pub last_event_time: Option<i64>,
    /// The chain's head.
    pub head: Option<ChainHead>,
}

impl HealthSummary {
    fn from_core(h: &hrid::history::HealthSummary) -> HealthSummary {
        HealthSummary {
            subject: h.subject.clone(),
            status: LifecycleStatus::from_core(h.status),
            model: h.model.clone(),
            owner: h.owner.clone(),
            deployment: h.deployment.as_ref().map(|d| Deployment {
                site: d.site.clone(),
                use_category: UseCategory::from_core(d.use_category),
                operator: d.operator.clone(),
                since: d.since,
            }),
            operating_hours: h.operating_hours.map(long),
            battery_soh_percent: h.battery_soh_percent.map(i32::from),
            battery_cycles: h.battery_cycles.map(long),
            joints: h
                .joints
                .iter()
                .map(|j| JointReport {
                    joint: j.joint.clone(),
                    wear_percent: i32::from(j.wear_percent),
                    performance_percent: i32::from(j.performance_percent),
                })
                .collect(),
            firmware: h.firmware.as_ref().map(SoftwareState::from_core),
            ai_profile: h.ai_profile.as_ref().map(SoftwareState::from_core),
            components: h
                .components
                .iter()
                .map(|c| Component {
                    kind: ComponentKind::from_core(c.kind),
                    serial: c.serial.clone(),
                })
                .collect(),
            open_recalls: h.open_recalls.clone(),
            last_event_time: h.last_event_time,
            head: h.head.as_ref().map(ChainHead::from_core),
        }
    }
}

/// Where one recall stands for one robot.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecallStatus {
    /// The recall's ID.
    pub recall_id: String,
    /// Who issued it.
    pub issuer: String,
    /// When, unix seconds.
    pub issued_at: i64,
    /// The defect.
    pub defect: String,
    /// The remedy.
    pub remedy: String,
    /// Open or remedied.
    pub state: RecallState,
    /// When the remedy was attested (for remedied).
    pub remedied_at: Option<i64>,
}

/// What [`Verifier::verify_history`](crate::Verifier) returns. `health`, `recalls` and `chain`
/// come from the statements that verified and lie on the chain: rely on them only when the
/// verdict is accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryReport {
    /// The bundle's subject, when readable.
    pub subject: Option<String>,
    /// The outcome.
    pub verdict: Verdict,
    /// Failed or incomplete checks.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// Attestations in the bundle.
    pub events: i32,
    /// Attestations that verified.
    pub events_verified: i32,
    /// The chain's head.
    pub head: Option<ChainHead>,
    /// The robot's health summary.
    pub health: Option<HealthSummary>,
    /// The recalls that cover the robot.
    pub recalls: Vec<RecallStatus>,
    /// The passport text found in the bundle (not verified here).
    pub passport: Option<String>,
    /// The verified statements on the chain, in order.
    pub chain: Vec<VerifiedAttestation>,
}

impl HistoryReport {
    fn from_core(r: &hrid::history::HistoryReport) -> HistoryReport {
        HistoryReport {
            subject: r.subject.clone(),
            verdict: Verdict::from_core(r.verdict),
            failures: findings(&r.failures),
            warnings: findings(&r.warnings),
            passed: findings(&r.passed),
            events: count(r.events),
            events_verified: count(r.events_verified),
            head: r.head.as_ref().map(ChainHead::from_core),
            health: r.health.as_ref().map(HealthSummary::from_core),
            recalls: r
                .recalls
                .iter()
                .map(|s| RecallStatus {
                    recall_id: s.recall_id.clone(),
                    issuer: s.issuer.clone(),
                    issued_at: s.issued_at,
                    defect: s.defect.clone(),
                    remedy: s.remedy.clone(),
                    state: RecallState::from_core(s.state),
                    remedied_at: s.remedied_at,
                })
                .collect(),
            passport: r.passport.clone(),
            chain: r
                .chain()
                .iter()
                .map(VerifiedAttestation::from_core)
                .collect(),
        }
    }
}

/// An inclusive range of unit numbers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitRange {
    /// The first unit number (13 characters).
    pub first: String,
    /// The last unit number (13 characters).
    pub last: String,
}

/// Which robots a recall covers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecallPopulation {
    /// The manufacturer field, or `null` when only `codes` are recalled.
    pub manufacturer: Option<String>,
    /// Model fields; empty: every model of the manufacturer.
    pub models: Vec<String>,
    /// Inclusive ranges of unit numbers; empty: every unit.
    pub unit_ranges: Vec<UnitRange>,
    /// Identity codes recalled individually.
    pub codes: Vec<String>,
}

/// A recall notice whose signature, issuer, role and scope verified.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifiedRecall {
    /// The recall's ID.
    pub recall_id: String,
    /// The issuing participant.
    pub issuer: String,
    /// When it was issued, unix seconds.
    pub issued_at: i64,
    /// Which robots.
    pub population: RecallPopulation,
    /// What is wrong.
    pub defect: String,
    /// What must be done.
    pub remedy: String,
    /// SHA-256 of the signed PAE, lowercase hex.
    pub statement_hash: String,
}

/// What [`Verifier::verify_recall`](crate::Verifier) returns; `recall` only when accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecallReport {
    /// The outcome.
    pub verdict: Verdict,
    /// Failed or incomplete checks.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// The notice, only when accepted.
    pub recall: Option<VerifiedRecall>,
}

impl RecallReport {
    fn from_core(r: &hrid::recall::RecallReport) -> RecallReport {
        RecallReport {
            verdict: Verdict::from_core(r.verdict),
            failures: findings(&r.failures),
            warnings: findings(&r.warnings),
            passed: findings(&r.passed),
            recall: r.recall.as_ref().map(|v| {
                let n = v.notice();
                VerifiedRecall {
                    recall_id: n.recall_id.clone(),
                    issuer: n.issuer.clone(),
                    issued_at: n.issued_at,
                    population: RecallPopulation {
                        manufacturer: n.population.manufacturer.clone(),
                        models: n.population.models.clone(),
                        unit_ranges: n
                            .population
                            .unit_ranges
                            .iter()
                            .map(|u| UnitRange {
                                first: u.first.clone(),
                                last: u.last.clone(),
                            })
                            .collect(),
                        codes: n.population.codes.clone(),
                    },
                    defect: n.defect.clone(),
                    remedy: n.remedy.clone(),
                    statement_hash: v.statement_hash().to_owned(),
                }
            }),
        }
    }
}

/// A passport whose signature by a registry key verified.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifiedPassport {
    /// The robot, canonical form.
    pub subject: String,
    /// Its status.
    pub status: PassportStatus,
    /// The history head's `seq`, when it has a history.
    pub head_seq: Option<i64>,
    /// The history head's hash prefix, 32 lowercase hex digits.
    pub head_hash_prefix: Option<String>,
    /// Issue time, unix seconds.
    pub issued_at: i64,
    /// Expiry, unix seconds.
    pub expires_at: i64,
    /// The registry key that verified.
    pub key_id: String,
    /// The registry participant.
    pub participant: String,
}

impl VerifiedPassport {
    fn from_core(p: &hrid::passport::VerifiedPassport) -> VerifiedPassport {
        VerifiedPassport {
            subject: p.subject.clone(),
            status: PassportStatus::from_core(p.status),
            head_seq: p.head_seq.map(i64::from),
            head_hash_prefix: p.head_hash_prefix.clone(),
            issued_at: p.issued_at,
            expires_at: p.expires_at,
            key_id: p.key_id.clone(),
            participant: p.participant.clone(),
        }
    }
}

/// What [`Verifier::verify_passport`](crate::Verifier) returns. `passport` is present when its
/// signature verified (also when stale or expired, to show what it says): rely on it only when
/// the verdict is accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassportReport {
    /// The outcome.
    pub verdict: Verdict,
    /// Failed or incomplete checks.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// The passport, when its signature verified.
    pub passport: Option<VerifiedPassport>,
}

/// A passport text read but **not verified**: what it claims. Verify it with
/// `Verifier.verifyPassport` before showing any of it as fact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParsedPassport {
    /// The robot it claims to be about, canonical form.
    pub subject: String,
    /// The status it claims.
    pub status: PassportStatus,
    /// The history head's `seq`, when it names one.
    pub head_seq: Option<i64>,
    /// The history head's hash prefix, 32 lowercase hex digits.
    pub head_hash_prefix: Option<String>,
    /// Issue time, unix seconds.
    pub issued_at: i64,
    /// Expiry, unix seconds.
    pub expires_at: i64,
    /// The signer's 4-byte key hint, 8 lowercase hex digits.
    pub key_hint: String,
}

/// Read a passport text (`HP1:` and 188 base32 characters) without verifying it: for telling a
/// passport from an identity code, and for showing what an unverifiable one claims.
///
/// # Errors
/// `InvalidPassport`: `passport.malformed`, `passport.version_unknown`.
#[uniffi::export]
pub fn parse_passport(text: String) -> Result<ParsedPassport, HridFfiError> {
    let parsed = hrid::passport::Passport::parse(&text).map_err(|e| HridFfiError::passport(&e))?;
    let p = &parsed.passport;
    Ok(ParsedPassport {
        subject: p.subject.as_str().to_owned(),
        status: PassportStatus::from_core(p.status),
        head_seq: p.head.map(|h| i64::from(h.seq)),
        head_hash_prefix: p.head.map(|h| hex::encode(h.hash_prefix)),
        issued_at: p.issued_at,
        expires_at: p.expires_at,
        key_hint: hex::encode(parsed.key_hint),
    })
}

/// How to verify a passport; the defaults are the core's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassportOptions {
    /// How long after `expires_at` a passport is still accepted, with `passport.stale`.
    #[uniffi(default = 604800)]
    pub grace_secs: i64,
    /// The newest signed time this device has seen (a trust list's or an earlier passport's
    /// `issued_at`): when the clock is behind it, the clock was set back
    /// (`passport.clock_set_back`) and freshness is judged at this time instead.
    #[uniffi(default = None)]
    pub newest_seen: Option<i64>,
    /// The code of the robot in front of the caller (any accepted spelling): a passport for
    /// another robot fails with `passport.subject_mismatch`.
    #[uniffi(default = None)]
    pub expected_subject: Option<String>,
}

impl PassportOptions {
    fn to_core(&self) -> Result<hrid::passport::PassportOptions, HridFfiError> {
        let expected_subject = match &self.expected_subject {
            Some(text) => {
                Some(IdentityCode::parse(text).map_err(|e| HridFfiError::code(text, &e))?)
            }
            None => None,
        };
        Ok(hrid::passport::PassportOptions {
            grace_secs: self.grace_secs,
            newest_seen: self.newest_seen,
            expected_subject,
        })
    }
}

/// The evidence a caller holds about a robot, for [`Verifier::decide_access`](crate::Verifier).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Evidence {
    /// A passport text (`HP1:...`), e.g. scanned from the robot's label.
    #[uniffi(default = None)]
    pub passport: Option<String>,
    /// A history bundle (JSON text).
    #[uniffi(default = None)]
    pub history_json: Option<String>,
}

/// How the passport in the evidence is judged (the expected subject is always the code asked
/// about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AccessOptions {
    /// As [`PassportOptions::grace_secs`].
    #[uniffi(default = 604800)]
    pub grace_secs: i64,
    /// As [`PassportOptions::newest_seen`].
    #[uniffi(default = None)]
    pub newest_seen: Option<i64>,
}

/// What [`Verifier::decide_access`](crate::Verifier) returns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessDecision {
    /// The code asked about, as given.
    pub code: String,
    /// The policy applied.
    pub policy: Policy,
    /// Allowed or denied.
    pub decision: Decision,
    /// The robot's status as established by the evidence (the most restrictive of passport and
    /// history).
    pub status: Option<PassportStatus>,
    /// Why it was denied: the evidence's failures and `access.*`.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks (`access.allowed` when allowed).
    pub passed: Vec<Finding>,
    /// The verified passport, when one was given and verified.
    pub passport: Option<VerifiedPassport>,
    /// The health summary of the verified history, when one was given and accepted.
    pub health: Option<HealthSummary>,
}

/// One history bundle of an audit, with the caller's name for it (a file name, for example).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NamedBundle {
    /// The caller's name for the bundle.
    pub name: String,
    /// The bundle, JSON text.
    pub bundle_json: String,
}

/// One robot of an audit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditedRobot {
    /// The name given with the bundle.
    pub name: String,
    /// Its history report.
    pub report: HistoryReport,
}

/// What [`Verifier::audit`](crate::Verifier) returns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditReport {
    /// Rejected when a history is rejected or a cross-robot rule is broken; indeterminate when
    /// some history is indeterminate; else accepted.
    pub verdict: Verdict,
    /// Every bundle's report, in input order.
    pub robots: Vec<AuditedRobot>,
    /// Histories accepted.
    pub accepted: i32,
    /// Histories rejected.
    pub rejected: i32,
    /// Histories indeterminate.
    pub indeterminate: i32,
    /// Cross-robot failures (`audit.*`).
    pub failures: Vec<Finding>,
    /// `audit.consistent` when no cross-robot rule is broken.
    pub passed: Vec<Finding>,
}

// ---------------------------------------------------------------------------------------------
// The verifier's methods
// ---------------------------------------------------------------------------------------------

#[uniffi::export]
impl Verifier {
    /// Verify one history bundle (JSON) at `at` (unix seconds). With `batch`, the signatures are
    /// verified together (the same report). Never throws: every problem is a finding.
    #[must_use]
    pub fn verify_history(&self, bundle_json: String, at: i64, batch: bool) -> HistoryReport {
        let r = hrid::history::verify_history(
            &self.inner,
            bundle_json.as_bytes(),
            at,
            &HistoryOptions { batch },
        );
        HistoryReport::from_core(&r)
    }

    /// [`verify_history`](Self::verify_history) for many bundles in one call, reports in input
    /// order (the bundles are verified on all cores). Never throws.
    #[must_use]
    pub fn verify_histories(
        &self,
        bundles_json: Vec<String>,
        at: i64,
        batch: bool,
    ) -> Vec<HistoryReport> {
        use rayon::prelude::*;
        let options = HistoryOptions { batch };
        bundles_json
            .par_iter()
            .map(|b| {
                HistoryReport::from_core(&hrid::history::verify_history(
                    &self.inner,
                    b.as_bytes(),
                    at,
                    &options,
                ))
            })
            .collect()
    }

    /// Verify one recall-notice envelope (JSON) at `at`. Never throws.
    #[must_use]
    pub fn verify_recall(&self, envelope_json: String, at: i64) -> RecallReport {
        RecallReport::from_core(&hrid::recall::verify_recall(
            &self.inner,
            envelope_json.as_bytes(),
            at,
        ))
    }

    /// Verify a passport text (`HP1:...`) at `at`, offline. A bad passport is a finding
    /// (`passport.malformed`, `signature.invalid`, ...), not an exception.
    ///
    /// # Errors
    /// `InvalidCode` only when `options.expected_subject` is not a valid identity code.
    pub fn verify_passport(
        &self,
        text: String,
        at: i64,
        options: PassportOptions,
    ) -> Result<PassportReport, HridFfiError> {
        let options = options.to_core()?;
        let r = hrid::passport::verify_passport(&self.inner, &text, at, &options);
        Ok(PassportReport {
            verdict: Verdict::from_core(r.verdict),
            failures: findings(&r.failures),
            warnings: findings(&r.warnings),
            passed: findings(&r.passed),
            passport: r.passport.as_ref().map(VerifiedPassport::from_core),
        })
    }

    /// Decide whether the robot `code` may be listed, sold or deployed (`policy`) at `at`, on
    /// the `evidence` given (a passport and/or a history), verified offline. Never throws: no
    /// evidence, an invalid code, unverifiable evidence are all `Denied` with the reason.
    #[must_use]
    pub fn decide_access(
        &self,
        code: String,
        policy: Policy,
        evidence: Evidence,
        at: i64,
        options: AccessOptions,
    ) -> AccessDecision {
        let core_evidence = hrid::access::Evidence {
            passport: evidence.passport.as_deref(),
            history: evidence.history_json.as_deref().map(str::as_bytes),
        };
        let passport_options = hrid::passport::PassportOptions {
            grace_secs: options.grace_secs,
            newest_seen: options.newest_seen,
            expected_subject: None,
        };
        let d = hrid::access::decide_access(
            &self.inner,
            &code,
            &core_evidence,
            policy.to_core(),
            at,
            &passport_options,
        );
        AccessDecision {
            code: d.code.clone(),
            policy: Policy::from_core(d.policy),
            decision: Decision::from_core(d.decision),
            status: d.status.map(PassportStatus::from_core),
            failures: findings(&d.failures),
            warnings: findings(&d.warnings),
            passed: findings(&d.passed),
            passport: d.passport.as_ref().map(VerifiedPassport::from_core),
            health: d.health.as_ref().map(HealthSummary::from_core),
        }
    }

    /// Verify many history bundles at `at`, then apply the cross-robot rules (a scrapped
    /// robot's part reused, a cloned code, one part in two robots). Never throws.
    #[must_use]
    pub fn audit(&self, bundles: Vec<NamedBundle>, at: i64, batch: bool) -> AuditReport {
        let bundles: Vec<(String, Vec<u8>)> = bundles
            .into_iter()
            .map(|b| (b.name, b.bundle_json.into_bytes()))
            .collect();
        let r = hrid::audit::audit(&self.inner, &bundles, at, &HistoryOptions { batch });
        AuditReport {
            verdict: Verdict::from_core(r.verdict),
            robots: r
                .robots
                .iter()
                .map(|x| AuditedRobot {
                    name: x.name.clone(),
                    report: HistoryReport::from_core(&x.report),
                })
                .collect(),
            accepted: count(r.accepted),
            rejected: count(r.rejected),
            indeterminate: count(r.indeterminate),
            failures: findings(&r.failures),
            passed: findings(&r.passed),
        }
    }
}

/// The passport options' defaults (what the Kotlin constructor `PassportOptions()` fills in).
#[uniffi::export]
#[must_use]
pub fn default_passport_options() -> PassportOptions {
    let d = hrid::passport::PassportOptions::default();
    PassportOptions {
        grace_secs: d.grace_secs,
        newest_seen: d.newest_seen,
        expected_subject: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip() {
        for s in hrid::passport::PassportStatus::ALL {
            assert_eq!(PassportStatus::from_core(*s).to_core(), *s);
        }
        for p in [
            hrid::access::Policy::Listing,
            hrid::access::Policy::Sale,
            hrid::access::Policy::Deployment,
        ] {
            assert_eq!(Policy::from_core(p).to_core(), p);
        }
    }

    #[test]
    fn default_passport_options_are_the_cores() {
        assert_eq!(
            default_passport_options().to_core().ok(),
            Some(hrid::passport::PassportOptions::default())
        );
    }
}
