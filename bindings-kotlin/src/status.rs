//! The registry's status feed: the [`Verifier`] method that verifies one, and the verified feed
//! as an object the decisions, histories, audits and custody take.

use std::sync::Arc;

use hrid::recall::VerifiedRecall;
use hrid::report::Findings;
use hrid::status::{RobotStatus, StatusFeedOptions};

use crate::{HridFfiError, Verifier};

/// A status feed whose signature, registry, version, dates and recall notices verified: only
/// [`Verifier::verify_status_feed`] makes one (for an accepted verdict).
#[derive(Debug, uniffi::Object)]
pub struct StatusFeed {
    pub(crate) inner: Arc<hrid::status::VerifiedStatusFeed>,
}

/// What [`Verifier::verify_status_feed`] returns: the core's findings, and the feed when
/// accepted (or accepted with warnings).
#[derive(Debug, uniffi::Record)]
pub struct StatusFeedReport {
    /// The verdict and the findings.
    pub findings: Findings,
    /// The verified feed, only for an accepted verdict.
    pub feed: Option<Arc<StatusFeed>>,
}

/// The feed of an optional argument, as the core's options hold it.
pub(crate) fn core_feed(
    feed: Option<Arc<StatusFeed>>,
) -> Option<Arc<hrid::status::VerifiedStatusFeed>> {
    feed.map(|f| Arc::clone(&f.inner))
}

#[uniffi::export]
impl Verifier {
    /// Verify a status-feed document (JSON: the signed feed and the recall notices it names) at
    /// `at` (unix seconds). `highest_seen_version`: the highest feed version this device has
    /// accepted (persist it; 0 for none, negative counts as 0), a lower one is a rollback;
    /// `grace_secs`: how long after its expiry the feed is still used, with a warning. Never
    /// throws: every problem is a finding.
    #[must_use]
    pub fn verify_status_feed(
        &self,
        document_json: String,
        at: i64,
        highest_seen_version: i64,
        grace_secs: i64,
    ) -> StatusFeedReport {
        let options = StatusFeedOptions {
            highest_seen_version: u64::try_from(highest_seen_version).unwrap_or(0),
            grace_secs,
        };
        let report =
            hrid::status::verify_status_feed(&self.inner, document_json.as_bytes(), at, &options);
        let feed = report
            .feed
            .clone()
            .map(|f| Arc::new(StatusFeed { inner: Arc::new(f) }));
        StatusFeedReport {
            findings: report.into_findings(),
            feed,
        }
    }
}

/// The status-feed options' default grace (what the Kotlin default argument fills in).
#[uniffi::export]
#[must_use]
pub fn default_status_feed_grace_secs() -> i64 {
    StatusFeedOptions::default().grace_secs
}

#[uniffi::export]
impl StatusFeed {
    /// The issuing registry's participant ID.
    #[must_use]
    pub fn registry(&self) -> String {
        self.inner.feed().registry.clone()
    }

    /// The version (persist it as the highest seen).
    #[must_use]
    pub fn version(&self) -> i64 {
        i64::try_from(self.inner.version()).unwrap_or(i64::MAX)
    }

    /// Issue time, unix seconds.
    #[must_use]
    pub fn issued_at(&self) -> i64 {
        self.inner.feed().issued_at
    }

    /// Expiry, unix seconds.
    #[must_use]
    pub fn expires_at(&self) -> i64 {
        self.inner.feed().expires_at
    }

    /// The last moment the feed may be relied on: its expiry plus the grace it was verified
    /// with.
    #[must_use]
    pub fn usable_until(&self) -> i64 {
        self.inner.usable_until()
    }

    /// The statement hash of the previous version, if the feed names one.
    #[must_use]
    pub fn previous(&self) -> Option<String> {
        self.inner.feed().previous.clone()
    }

    /// SHA-256 of the signed PAE, lowercase hex (what the next version's `previous` names).
    #[must_use]
    pub fn statement_hash(&self) -> String {
        self.inner.statement_hash().to_owned()
    }

    /// Whether its signing key has since been reported compromised (a decision does not rest on
    /// such a feed alone).
    #[must_use]
    pub fn signer_reported_compromised(&self) -> bool {
        self.inner.signer_reported_compromised()
    }

    /// Every robot that is not active, in ascending order of code.
    #[must_use]
    pub fn robots(&self) -> Vec<RobotStatus> {
        self.inner.feed().robots.clone()
    }

    /// The registry's word on the robot `code` (any accepted spelling): its entry, or none for
    /// a robot the feed does not list (an active robot, or one the registry does not know).
    ///
    /// # Errors
    /// `InvalidCode` when `code` is not a valid identity code.
    pub fn robot(&self, code: String) -> Result<Option<RobotStatus>, HridFfiError> {
        let code = hrid::code::validate_or_suggest(&code)?;
        Ok(self.inner.robot(&code).cloned())
    }

    /// The verified recall notices in force.
    #[must_use]
    pub fn recalls(&self) -> Vec<VerifiedRecall> {
        self.inner.recalls().to_vec()
    }
}
