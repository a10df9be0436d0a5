//! Custody at a moment (incident accountability): the [`Verifier`] method that returns the core's
//! `CustodyReport`, and that report as the core's JSON.

use std::sync::Arc;

use hrid::history::{CustodyReport, HistoryOptions};

use crate::status::core_feed;
use crate::{StatusFeed, Verifier};

#[uniffi::export]
impl Verifier {
    /// Who was responsible for the robot of `bundle_json` at the moment `at` (unix seconds), each
    /// answer with the signed statement that proves it. The history is verified at `verified_at`
    /// (typically now), held against the registry's `status_feed` when given; only its verified
    /// statements dated at or before `at` are read. Never throws: a bad bundle is a report
    /// (`custody.history_unverified`).
    #[must_use]
    pub fn custody(
        &self,
        bundle_json: String,
        at: i64,
        verified_at: i64,
        status_feed: Option<Arc<StatusFeed>>,
    ) -> CustodyReport {
        let options = HistoryOptions {
            status_feed: core_feed(status_feed),
            ..HistoryOptions::DEFAULT
        };
        let history = hrid::history::verify_history(
            &self.inner,
            bundle_json.as_bytes(),
            verified_at,
            &options,
        );
        hrid::history::custody(&history, at)
    }
}

/// The report as the core's JSON (identical on every surface: findings flat beside the answers).
#[uniffi::export]
#[must_use]
pub fn custody_json(report: CustodyReport) -> String {
    report.to_json()
}
