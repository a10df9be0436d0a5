//! Market-access decisions: may this robot be listed, sold or deployed?

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::code::IdentityCode;
use crate::history::{
    verify_history, HealthSummary, HistoryOptions, HistoryReport, LifecycleStatus,
};
use crate::passport::{verify_passport, PassportOptions, PassportStatus, VerifiedPassport};
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings};
use crate::verify::Verifier;

/// What the robot is to be allowed for.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Offered on a marketplace.
    Listing,
    /// Sold or handed over.
    Sale,
    /// Put into service.
    Deployment,
}

impl Policy {
    /// `listing`, `sale` or `deployment`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Policy::Listing => "listing",
            Policy::Sale => "sale",
            Policy::Deployment => "deployment",
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "listing" => Ok(Policy::Listing),
            "sale" => Ok(Policy::Sale),
            "deployment" => Ok(Policy::Deployment),
            other => Err(format!(
                "unknown policy {other:?}: use listing, sale or deployment"
            )),
        }
    }
}

/// The evidence a caller holds about the robot.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence<'a> {
    /// A passport text (`HP1:...`).
    pub passport: Option<&'a str>,
    /// A history bundle (JSON bytes).
    pub history: Option<&'a [u8]>,
}

/// Allowed or denied.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The robot may be placed on the market for the policy's purpose.
    Allowed,
    /// It may not: see the failures.
    Denied,
}

impl Decision {
    /// `allowed` or `denied`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Denied => "denied",
        }
    }
}

/// What [`decide_access`] returns: the decision, the [`Findings`] behind it (which the
/// decision dereferences to; its verdict is `accepted` exactly when the robot is allowed), and
/// the verified evidence.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccessDecision {
    /// The code asked about, as given.
    pub code: String,
    /// The policy applied.
    pub policy: Policy,
    /// The decision.
    pub decision: Decision,
    /// The robot's status as established by the evidence (the most restrictive, when passport
    /// and history are both given).
    pub status: Option<PassportStatus>,
    /// Why it was denied (failures and indeterminate findings of the evidence, and `access.*`),
    /// its warnings, and its passed checks (`access.allowed` when allowed).
    #[serde(flatten)]
    pub(crate) findings: Findings,
    /// The verified passport, when one was given and verified.
    pub passport: Option<VerifiedPassport>,
    /// The health summary of the verified history, when one was given and accepted.
    pub health: Option<HealthSummary>,
}

report!(AccessDecision);

impl AccessDecision {
    /// True when allowed.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }
}

fn status_of(health: &HealthSummary) -> PassportStatus {
    match health.status {
        LifecycleStatus::Unregistered => PassportStatus::Unregistered,
        LifecycleStatus::Active if !health.open_recalls.is_empty() => PassportStatus::RecalledOpen,
        LifecycleStatus::Active => PassportStatus::Active,
        LifecycleStatus::Suspended => PassportStatus::Suspended,
        LifecycleStatus::Decommissioned => PassportStatus::Decommissioned,
        LifecycleStatus::Scrapped => PassportStatus::Scrapped,
        LifecycleStatus::Dismantled => PassportStatus::Dismantled,
    }
}

/// How restrictive a status is (higher: more).
fn rank(s: PassportStatus) -> u8 {
    match s {
        PassportStatus::Active => 0,
        PassportStatus::RecalledOpen => 1,
        PassportStatus::Suspended => 2,
        PassportStatus::Unregistered => 3,
        PassportStatus::Decommissioned => 4,
        PassportStatus::Scrapped => 5,
        PassportStatus::Dismantled => 6,
    }
}

/// Decide whether the robot `code` may be listed, sold or deployed (`policy`) at `at_unix`, on
/// the `evidence` the caller holds, verified offline with the verifier's trust list.
///
/// Denied when: the code is invalid (`access.code_invalid`); there is no evidence
/// (`access.no_evidence`: no code, no market access); the evidence does not verify
/// (`access.evidence_unverifiable`, with the evidence's own failures) or is about another robot
/// (`access.evidence_other_subject`); passport and history disagree on the history
/// (`access.evidence_conflict`); or the robot is not registered, scrapped or dismantled,
/// decommissioned, suspended (`access.not_registered`, `access.scrapped`,
/// `access.decommissioned`, `access.suspended`) or, for sale and deployment, in an open recall
/// (`access.recall_open`; for a listing this is the warning `recall.open`). Otherwise allowed
/// (`access.allowed`).
///
/// # Panics
/// Never.
#[must_use]
pub fn decide_access(
    verifier: &Verifier,
    code: &str,
    evidence: &Evidence<'_>,
    policy: Policy,
    at_unix: i64,
    passport_options: &PassportOptions,
) -> AccessDecision {
    let mut out = Findings::default();
    let mut decision = AccessDecision {
        code: code.to_owned(),
        policy,
        decision: Decision::Denied,
        status: None,
        findings: Findings::default(),
        passport: None,
        health: None,
    };
    let subject = match IdentityCode::parse(code) {
        Ok(c) => c,
        Err(e) => {
            out.add(Finding::new(
                ReasonCode::AccessCodeInvalid,
                format!("{e} ({})", e.code()),
            ));
            return finish(decision, out);
        }
    };
    let about = Some(subject.to_string());
    let f = |rc: ReasonCode, detail: &str| Finding::new(rc, detail).with_subject(about.clone());
    if evidence.passport.is_none() && evidence.history.is_none() {
        out.add(f(
            ReasonCode::AccessNoEvidence,
            "neither a passport nor a history was presented",
        ));
        return finish(decision, out);
    }
    let mut statuses: Vec<PassportStatus> = Vec::new();
    if let Some(text) = evidence.passport {
        let mut options = passport_options.clone();
        options.expected_subject = Some(subject);
        decision.passport = passport_evidence(verifier, text, at_unix, &options, &f, &mut out);
        statuses.extend(decision.passport.as_ref().map(|p| p.status));
    }
    if let Some(bundle) = evidence.history {
        let h = verify_history(verifier, bundle, at_unix, &HistoryOptions::default());
        decision.health = history_evidence(&h, &subject, decision.passport.as_ref(), &f, &mut out);
        statuses.extend(decision.health.as_ref().map(status_of));
    }
    let status = statuses.iter().copied().max_by_key(|s| rank(*s));
    decision.status = status;
    if let Some(s) = status.and_then(|s| status_finding(s, &f)) {
        out.add(s);
    }
    if out.is_accepted() {
        decision.decision = Decision::Allowed;
        out.add(
            f(ReasonCode::AccessAllowed, &format!("allowed for {policy}"))
                .with_evidence("policy", policy.as_str()),
        );
    }
    finish(decision, out)
}

/// The passport's findings (failures and warnings), and the passport when it verified.
fn passport_evidence(
    verifier: &Verifier,
    text: &str,
    at_unix: i64,
    options: &PassportOptions,
    f: &dyn Fn(ReasonCode, &str) -> Finding,
    out: &mut Findings,
) -> Option<VerifiedPassport> {
    let r = verify_passport(verifier, text, at_unix, options);
    let other = r.has(ReasonCode::PassportSubjectMismatch);
    let accepted = r.is_accepted();
    let passport = r.passport.clone();
    let r = r.into_findings();
    out.extend(r.failures);
    out.extend(r.warnings);
    if other {
        out.add(f(
            ReasonCode::AccessEvidenceOtherSubject,
            "the passport belongs to another robot",
        ));
    } else if !accepted {
        out.add(f(
            ReasonCode::AccessEvidenceUnverifiable,
            "the passport could not be verified",
        ));
    }
    passport.filter(|_| accepted)
}

/// The history's findings, its agreement with the passport's head, and its health when it
/// verified.
fn history_evidence(
    h: &HistoryReport,
    subject: &IdentityCode,
    passport: Option<&VerifiedPassport>,
    f: &dyn Fn(ReasonCode, &str) -> Finding,
    out: &mut Findings,
) -> Option<HealthSummary> {
    if h.subject.as_deref().is_some_and(|s| s != subject.as_str()) {
        out.add(f(
            ReasonCode::AccessEvidenceOtherSubject,
            "the history is about another robot",
        ));
        return None;
    }
    if !h.is_accepted() {
        out.extend(h.failures.iter().cloned());
        out.add(f(
            ReasonCode::AccessEvidenceUnverifiable,
            "the history could not be verified",
        ));
        return None;
    }
    let health = h.health.as_ref()?;
    out.extend(h.warnings.iter().cloned());
    if let Some((seq, prefix)) =
        passport.and_then(|p| Some((p.head_seq?, p.head_hash_prefix.as_ref()?)))
    {
        let at_seq = h.chain().get(seq as usize);
        if !at_seq.is_some_and(|v| v.statement_hash().starts_with(prefix.as_str())) {
            out.add(
                f(
                    ReasonCode::AccessEvidenceConflict,
                    "the passport names a history head the history does not contain",
                )
                .with_evidence("seq", seq.to_string())
                .with_evidence("statement_hash", prefix.clone()),
            );
        }
    }
    Some(health.clone())
}

/// The denial a status other than `active` gives.
fn status_finding(s: PassportStatus, f: &dyn Fn(ReasonCode, &str) -> Finding) -> Option<Finding> {
    let (code, detail) = match s {
        PassportStatus::Active => return None,
        PassportStatus::RecalledOpen => (
            ReasonCode::AccessRecallOpen,
            "the robot is in a recall that has not been remedied",
        ),
        PassportStatus::Suspended => (ReasonCode::AccessSuspended, "the robot is suspended"),
        PassportStatus::Unregistered => (
            ReasonCode::AccessNotRegistered,
            "the robot is not registered",
        ),
        PassportStatus::Decommissioned => (
            ReasonCode::AccessDecommissioned,
            "the robot was decommissioned",
        ),
        PassportStatus::Scrapped | PassportStatus::Dismantled => {
            (ReasonCode::AccessScrapped, "the robot was scrapped")
        }
    };
    Some(f(code, detail).with_evidence("status", s.as_str()))
}

fn finish(mut decision: AccessDecision, findings: Findings) -> AccessDecision {
    decision.findings = findings;
    decision
}
