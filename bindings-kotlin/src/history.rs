//! Histories, recall notices and fleet audits: the [`Verifier`] methods that return the core's
//! `HistoryReport`, `RecallReport` and `AuditReport`.

use hrid::audit::AuditReport;
use hrid::history::{HistoryOptions, HistoryReport};
use hrid::recall::RecallReport;

use crate::Verifier;

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
    /// Verify one history bundle (JSON) at `at` (unix seconds). With `batch`, the signatures are
    /// verified together (the same report). Never throws: every problem is a finding.
    #[must_use]
    pub fn verify_history(&self, bundle_json: String, at: i64, batch: bool) -> HistoryReport {
        hrid::history::verify_history(
            &self.inner,
            bundle_json.as_bytes(),
            at,
            &HistoryOptions {
                batch,
                ..HistoryOptions::DEFAULT
            },
        )
    }

    /// [`verify_history`](Self::verify_history) for many bundles in one call, reports in input
    /// order (the core verifies them on all cores). Never throws.
    #[must_use]
    pub fn verify_histories(
        &self,
        bundles_json: Vec<String>,
        at: i64,
        batch: bool,
    ) -> Vec<HistoryReport> {
        hrid::history::verify_histories(
            &self.inner,
            &bundles_json,
            at,
            &HistoryOptions {
                batch,
                ..HistoryOptions::DEFAULT
            },
        )
    }

    /// Verify one recall-notice envelope (JSON) at `at`. Never throws.
    #[must_use]
    pub fn verify_recall(&self, envelope_json: String, at: i64) -> RecallReport {
        hrid::recall::verify_recall(&self.inner, envelope_json.as_bytes(), at)
    }

    /// Verify many history bundles at `at`, then apply the cross-robot rules (a scrapped
    /// robot's part reused, a cloned code, one part in two robots). Never throws.
    #[must_use]
    pub fn audit(&self, bundles: Vec<NamedBundle>, at: i64, batch: bool) -> AuditReport {
        let bundles: Vec<(String, Vec<u8>)> = bundles
            .into_iter()
            .map(|b| (b.name, b.bundle_json.into_bytes()))
            .collect();
        hrid::audit::audit(
            &self.inner,
            &bundles,
            at,
            &HistoryOptions {
                batch,
                ..HistoryOptions::DEFAULT
            },
        )
    }
}
