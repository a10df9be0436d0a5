//! Histories, recall notices and fleet audits: the [`Verifier`] methods that return the core's
//! `HistoryReport`, `RecallReport` and `AuditReport`.

use std::sync::Arc;

use hrid::audit::AuditReport;
use hrid::history::HistoryReport;
use hrid::recall::RecallReport;

use crate::status::core_feed;
use crate::{StatusFeed, Verifier};

/// How histories are verified (and audits run).
#[derive(Debug, Clone, uniffi::Record)]
pub struct HistoryOptions {
    /// Verify the signatures together (the same reports).
    #[uniffi(default = false)]
    pub batch: bool,
    /// The registry's status feed to hold each bundle against: its recall notices in force
    /// apply, and a bundle that stops short of its head or outlives the robot's end is
    /// `history.registry_conflict`.
    #[uniffi(default = None)]
    pub status_feed: Option<Arc<StatusFeed>>,
}

impl HistoryOptions {
    fn to_core(&self) -> hrid::history::HistoryOptions {
        hrid::history::HistoryOptions {
            batch: self.batch,
            status_feed: core_feed(self.status_feed.clone()),
        }
    }
}

/// One history bundle of an audit, with the caller's name for it (a file name, for example).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NamedBundle {
    /// The caller's name for the bundle.
    pub name: String,
    /// The bundle, JSON text.
    pub bundle_json: String,
}

#[uniffi::export]
impl Verifier {
    /// Verify one history bundle (JSON) at `at` (unix seconds), with `options` (batch
    /// signatures, the registry's status feed). Never throws: every problem is a finding.
    #[must_use]
    pub fn verify_history(
        &self,
        bundle_json: String,
        at: i64,
        options: HistoryOptions,
    ) -> HistoryReport {
        hrid::history::verify_history(&self.inner, bundle_json.as_bytes(), at, &options.to_core())
    }

    /// [`verify_history`](Self::verify_history) for many bundles in one call, reports in input
    /// order (the core verifies them on all cores). Never throws.
    #[must_use]
    pub fn verify_histories(
        &self,
        bundles_json: Vec<String>,
        at: i64,
        options: HistoryOptions,
    ) -> Vec<HistoryReport> {
        hrid::history::verify_histories(&self.inner, &bundles_json, at, &options.to_core())
    }

    /// Verify one recall-notice envelope (JSON) at `at`. Never throws.
    #[must_use]
    pub fn verify_recall(&self, envelope_json: String, at: i64) -> RecallReport {
        hrid::recall::verify_recall(&self.inner, envelope_json.as_bytes(), at)
    }

    /// Verify many history bundles at `at`, then apply the cross-robot rules (a scrapped
    /// robot's part reused, a cloned code, one part in two robots). Never throws.
    #[must_use]
    pub fn audit(
        &self,
        bundles: Vec<NamedBundle>,
        at: i64,
        options: HistoryOptions,
    ) -> AuditReport {
        let bundles: Vec<(String, Vec<u8>)> = bundles
            .into_iter()
            .map(|b| (b.name, b.bundle_json.into_bytes()))
            .collect();
        hrid::audit::audit(&self.inner, &bundles, at, &options.to_core())
    }
}
