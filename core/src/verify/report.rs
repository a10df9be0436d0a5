//! The verification report: a verdict and buckets of findings, all plain data.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::reason::{ReasonCode, Severity};

use super::VerifiedAttestation;

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every check passed (warnings may remain).
    Accepted,
    /// At least one check failed: the document must not be relied on.
    Rejected,
    /// No check failed, but one could not be completed (unknown signer, expired trust list):
    /// get a current trust list and verify again.
    Indeterminate,
}

impl Verdict {
    /// `accepted`, `rejected` or `indeterminate`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Rejected => "rejected",
            Verdict::Indeterminate => "indeterminate",
        }
    }
}

impl core::fmt::Display for Verdict {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable reason code (serialised as its string).
    pub code: ReasonCode,
    /// What the finding is about: the robot's identity code, when known.
    pub subject: Option<String>,
    /// Machine-readable context: `key_id`, `participant`, `statement_hash`, `event_type`, times.
    pub evidence: BTreeMap<String, String>,
    /// A sentence for people; may change between versions (the code does not).
    pub detail: String,
}

impl Finding {
    /// A finding with no subject and no evidence.
    #[must_use]
    pub fn new(code: ReasonCode, detail: impl Into<String>) -> Finding {
        Finding {
            code,
            subject: None,
            evidence: BTreeMap::new(),
            detail: detail.into(),
        }
    }

    /// Add one evidence entry.
    #[must_use]
    pub fn with_evidence(mut self, key: &str, value: impl Into<String>) -> Finding {
        self.evidence.insert(key.to_owned(), value.into());
        self
    }

    /// Set the subject.
    #[must_use]
    pub fn with_subject(mut self, subject: Option<String>) -> Finding {
        self.subject = subject;
        self
    }
}

/// What [`Verifier::verify`](super::Verifier::verify) returns.
///
/// Verdict rules: `rejected` when any finding in `failures` has severity `failure`; otherwise
/// `indeterminate` when `failures` is not empty (all of severity `indeterminate`); otherwise
/// `accepted`. `statement` is present only when the verdict is `accepted`.
#[derive(Debug, Clone, Serialize)]
pub struct VerificationReport {
    /// The outcome.
    pub verdict: Verdict,
    /// Failed or incomplete checks, in the order they ran.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// The verified statement, only for an accepted verdict.
    pub statement: Option<VerifiedAttestation>,
}

impl VerificationReport {
    /// True when the verdict is [`Verdict::Accepted`].
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.verdict == Verdict::Accepted
    }

    /// Every finding's code, failures first, then warnings, then passed.
    #[must_use]
    pub fn codes(&self) -> Vec<ReasonCode> {
        self.failures
            .iter()
            .chain(&self.warnings)
            .chain(&self.passed)
            .map(|f| f.code)
            .collect()
    }

    /// True when some finding has this code.
    #[must_use]
    pub fn has(&self, code: ReasonCode) -> bool {
        self.codes().contains(&code)
    }

    /// The report as JSON (reason codes as strings).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Collects findings by the severity of their code.
#[derive(Debug, Default)]
pub(crate) struct ReportBuilder {
    failures: Vec<Finding>,
    warnings: Vec<Finding>,
    passed: Vec<Finding>,
}

impl ReportBuilder {
    pub(crate) fn add(&mut self, finding: Finding) {
        match finding.code.severity() {
            Severity::Failure | Severity::Indeterminate => self.failures.push(finding),
            Severity::Warning => self.warnings.push(finding),
            Severity::Passed => self.passed.push(finding),
        }
    }

    pub(crate) fn is_rejected(&self) -> bool {
        self.failures
            .iter()
            .any(|f| f.code.severity() == Severity::Failure)
    }

    pub(crate) fn finish(self, statement: Option<VerifiedAttestation>) -> VerificationReport {
        let verdict = if self.is_rejected() {
            Verdict::Rejected
        } else if !self.failures.is_empty() {
            Verdict::Indeterminate
        } else {
            Verdict::Accepted
        };
        VerificationReport {
            verdict,
            failures: self.failures,
            warnings: self.warnings,
            passed: self.passed,
            statement: if verdict == Verdict::Accepted {
                statement
            } else {
                None
            },
        }
    }
}
