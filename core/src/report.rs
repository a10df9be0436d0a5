//! The report vocabulary every verification shares: a [`Verdict`], [`Finding`]s keyed by stable
//! reason codes, and [`Findings`], the buckets every report embeds.
//!
//! **The verdict rule** (the only one): a finding's code has a severity
//! ([`ReasonCode::severity`]); a `failure` rejects, an `indeterminate` leaves the outcome open, a
//! `warning` or `passed` finding accepts. A report's verdict is the most severe verdict of its
//! findings and of the reports it rests on ([`Verdict::worst`]): rejected over indeterminate over
//! accepted. [`Findings::add`] and [`Findings::rests_on`] apply it; nothing else computes a
//! verdict.
//!
//! Every report serialises its findings flat: `verdict`, `failures`, `warnings`, `passed` stand
//! beside the report's own fields.
//!
//! ```
//! use hrid::reason::ReasonCode;
//! use hrid::report::{Finding, Findings, Verdict};
//!
//! let mut findings = Findings::default();
//! assert_eq!(findings.verdict, Verdict::Accepted);
//! findings.add(Finding::new(ReasonCode::SignatureValid, "the signature verifies"));
//! findings.add(Finding::new(ReasonCode::TrustListExpired, "the trust list expired"));
//! assert_eq!(findings.verdict, Verdict::Indeterminate);
//! findings.add(Finding::new(ReasonCode::ScopeOutside, "outside the signer's scope"));
//! assert_eq!(findings.verdict, Verdict::Rejected);
//! assert_eq!(findings.codes(), [ReasonCode::TrustListExpired, ReasonCode::ScopeOutside, ReasonCode::SignatureValid]);
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::names::names;
use crate::reason::{ReasonCode, Severity};

/// The outcome of a verification.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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
    /// The verdict one finding of this severity gives on its own.
    #[must_use]
    pub const fn of(severity: Severity) -> Verdict {
        match severity {
            Severity::Failure => Verdict::Rejected,
            Severity::Indeterminate => Verdict::Indeterminate,
            Severity::Warning | Severity::Passed => Verdict::Accepted,
        }
    }

    /// The more severe of two verdicts: rejected over indeterminate over accepted.
    #[must_use]
    pub const fn worst(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::Rejected, _) | (_, Verdict::Rejected) => Verdict::Rejected,
            (Verdict::Indeterminate, _) | (_, Verdict::Indeterminate) => Verdict::Indeterminate,
            (Verdict::Accepted, Verdict::Accepted) => Verdict::Accepted,
        }
    }
}

names! {
    Verdict {
        Accepted => "accepted",
        Rejected => "rejected",
        Indeterminate => "indeterminate",
    }
}

/// One check's result.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

    /// Set the subject when the finding has none.
    #[must_use]
    pub fn or_subject(self, subject: Option<&String>) -> Finding {
        if self.subject.is_none() {
            self.with_subject(subject.cloned())
        } else {
            self
        }
    }
}

/// The JSON pre-check of a document ([`crate::json::check`]) as a finding with the document's
/// own codes: `too_large` when over `max_bytes`, `malformed` for anything else.
pub(crate) fn precheck(
    bytes: &[u8],
    max_bytes: usize,
    max_depth: usize,
    (too_large, malformed): (ReasonCode, ReasonCode),
) -> Result<(), Finding> {
    crate::json::check(bytes, max_bytes, max_depth).map_err(|e| {
        let code = match e {
            crate::json::JsonError::TooLarge { .. } => too_large,
            _ => malformed,
        };
        Finding::new(code, e.to_string())
    })
}

/// The findings of a report, in buckets by severity, and the verdict they give.
///
/// Every report embeds one (serialised flat) and dereferences to it, so `report.verdict`,
/// `report.failures` and `report.codes()` read the same way on every report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Findings {
    /// The outcome: see the module documentation for the rule.
    pub verdict: Verdict,
    /// Failed or incomplete checks (severity `failure` or `indeterminate`), in the order they
    /// ran.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
}

impl Default for Findings {
    fn default() -> Self {
        Findings {
            verdict: Verdict::Accepted,
            failures: Vec::new(),
            warnings: Vec::new(),
            passed: Vec::new(),
        }
    }
}

impl Findings {
    /// Add a finding to the bucket of its code's severity; the verdict follows.
    pub fn add(&mut self, finding: Finding) {
        let severity = finding.code.severity();
        self.verdict = self.verdict.worst(Verdict::of(severity));
        match severity {
            Severity::Failure | Severity::Indeterminate => self.failures.push(finding),
            Severity::Warning => self.warnings.push(finding),
            Severity::Passed => self.passed.push(finding),
        }
    }

    /// The report rests on another whose verdict is `verdict` (a fleet audit on its robots'
    /// histories): this report's verdict is no better.
    pub fn rests_on(&mut self, verdict: Verdict) {
        self.verdict = self.verdict.worst(verdict);
    }

    /// Run a check that records its findings here and produces a document; keep the document
    /// only when the verdict is accepted (nothing is relied on from a document that failed).
    pub(crate) fn keep_if_accepted<T>(
        check: impl FnOnce(&mut Findings) -> Option<T>,
    ) -> (Findings, Option<T>) {
        let mut findings = Findings::default();
        let document = check(&mut findings);
        let accepted = findings.is_accepted();
        (findings, document.filter(|_| accepted))
    }

    /// True when the verdict is [`Verdict::Accepted`].
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.verdict == Verdict::Accepted
    }

    /// Every finding, failures first, then warnings, then passed.
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.failures
            .iter()
            .chain(&self.warnings)
            .chain(&self.passed)
    }

    /// How many findings there are, in all buckets.
    #[must_use]
    pub fn len(&self) -> usize {
        self.failures.len() + self.warnings.len() + self.passed.len()
    }

    /// True when there is no finding at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every finding's code, failures first, then warnings, then passed.
    #[must_use]
    pub fn codes(&self) -> Vec<ReasonCode> {
        self.iter().map(|f| f.code).collect()
    }

    /// True when some finding has this code.
    #[must_use]
    pub fn has(&self, code: ReasonCode) -> bool {
        self.iter().any(|f| f.code == code)
    }

    /// The findings, failures first, then warnings, then passed, consumed.
    pub fn into_iter_all(self) -> impl Iterator<Item = Finding> {
        self.failures
            .into_iter()
            .chain(self.warnings)
            .chain(self.passed)
    }
}

impl Extend<Finding> for Findings {
    fn extend<T: IntoIterator<Item = Finding>>(&mut self, iter: T) {
        for f in iter {
            self.add(f);
        }
    }
}

impl FromIterator<Finding> for Findings {
    fn from_iter<T: IntoIterator<Item = Finding>>(iter: T) -> Self {
        let mut findings = Findings::default();
        findings.extend(iter);
        findings
    }
}

/// Make a report type that embeds `findings: Findings` read like one: it dereferences to its
/// findings and writes itself as JSON. Given a struct, also declare it with the findings field
/// first (serialised flat) and the report's own fields after it.
macro_rules! report {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident: $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[derive(Debug, Clone, serde::Serialize)]
        pub struct $name {
            /// The verdict and the findings.
            #[serde(flatten)]
            pub(crate) findings: $crate::report::Findings,
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        $crate::report::report!($name);
    };
    ($name:ident) => {
        impl core::ops::Deref for $name {
            type Target = $crate::report::Findings;
            fn deref(&self) -> &$crate::report::Findings {
                &self.findings
            }
        }

        impl $name {
            /// The report as JSON (reason codes as strings; findings flat beside the report's
            /// own fields).
            #[must_use]
            pub fn to_json(&self) -> String {
                serde_json::to_string(self).unwrap_or_default()
            }

            /// The findings, consumed.
            #[must_use]
            pub fn into_findings(self) -> $crate::report::Findings {
                self.findings
            }
        }
    };
}
pub(crate) use report;

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Verdict; 3] = [Verdict::Accepted, Verdict::Indeterminate, Verdict::Rejected];

    #[test]
    fn worst_is_a_total_order_rejected_over_indeterminate_over_accepted() {
        let rank = |v: Verdict| ALL.iter().position(|x| *x == v);
        for a in ALL {
            for b in ALL {
                let w = a.worst(b);
                assert_eq!(w, b.worst(a), "commutative");
                assert_eq!(rank(w), rank(a).max(rank(b)), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn each_severity_lands_in_its_bucket_and_moves_the_verdict() {
        let mut f = Findings::default();
        f.add(Finding::new(ReasonCode::KeyCompromisedLater, "w"));
        assert_eq!((f.verdict, f.warnings.len()), (Verdict::Accepted, 1));
        f.add(Finding::new(ReasonCode::SignerUnknown, "i"));
        assert_eq!((f.verdict, f.failures.len()), (Verdict::Indeterminate, 1));
        f.add(Finding::new(ReasonCode::SignatureInvalid, "f"));
        assert_eq!((f.verdict, f.failures.len()), (Verdict::Rejected, 2));
        f.add(Finding::new(ReasonCode::KeyValid, "p"));
        assert_eq!((f.verdict, f.passed.len()), (Verdict::Rejected, 1));
        assert!(f.has(ReasonCode::KeyValid) && !f.has(ReasonCode::ScopeOutside));
    }

    #[test]
    fn a_report_is_no_better_than_what_it_rests_on() {
        let mut f = Findings::default();
        f.rests_on(Verdict::Indeterminate);
        assert_eq!(f.verdict, Verdict::Indeterminate);
        f.rests_on(Verdict::Accepted);
        assert_eq!(f.verdict, Verdict::Indeterminate);
        f.rests_on(Verdict::Rejected);
        assert_eq!(f.verdict, Verdict::Rejected);
    }

    #[test]
    fn serialises_verdict_then_buckets() {
        let f: Findings = [Finding::new(ReasonCode::KeyValid, "ok")]
            .into_iter()
            .collect();
        let json = serde_json::to_string(&f).unwrap();
        assert!(
            json.starts_with(
                r#"{"verdict":"accepted","failures":[],"warnings":[],"passed":[{"code":"key.valid""#
            ),
            "{json}"
        );
    }
}
