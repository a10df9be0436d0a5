//! Histories, fleet audits and recall notices: the core's functions with Python arguments, their
//! reports as the classes of `hrid.history`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use hrid::history::{HistoryOptions, HistoryReport};
use hrid::json::Limits;
use hrid::reason::ReasonCode;
use hrid::recall::{verify_recall as core_verify_recall, RecallNotice};

use crate::convert::{
    document_at, document_bytes, documents, json, json_document, on_own_pool, unix_seconds,
    PythonType,
};
use crate::errors::document_error;
use crate::keys::signed;
use crate::status::{feed_of, PyStatusFeed};
use crate::verify::PyVerifier;

static HISTORY_REPORT: PythonType = PythonType::new("hrid.history", "HistoryReport");
static AUDIT_REPORT: PythonType = PythonType::new("hrid.history", "AuditReport");
static RECALL_REPORT: PythonType = PythonType::new("hrid.history", "RecallReport");

/// A `HistoryReport`: the core's JSON, and that of its chain (which the report's JSON leaves out).
pub fn history_report<'py>(py: Python<'py>, report: &HistoryReport) -> PyResult<Bound<'py, PyAny>> {
    let verdict = report.verdict.as_str();
    HISTORY_REPORT.call(py, (json(report)?, json(report.chain())?, verdict))
}

#[pymethods]
impl PyVerifier {
    /// Verify a history bundle (JSON `bytes` or `str`) at `at`. With `batch`, the signatures are
    /// verified together (same report); with `status_feed` (a `StatusFeed`), the bundle is held
    /// against the registry's feed (its recalls in force apply; a bundle behind the feed's head,
    /// or alive after the feed says it ended, is `history.registry_conflict`). Never raises for
    /// a bad bundle. Releases the GIL.
    #[pyo3(signature = (bundle, at, *, batch = false, status_feed = None))]
    fn verify_history<'py>(
        &self,
        bundle: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
        status_feed: Option<&Bound<'py, PyStatusFeed>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let verifier = &self.inner;
        let options = HistoryOptions {
            batch,
            status_feed: feed_of(status_feed),
        };
        let report = document_at(bundle, at, |bundle, at| {
            hrid::history::verify_history(verifier, bundle, at, &options)
        })?;
        history_report(bundle.py(), &report)
    }

    /// `verify_history` for every bundle of an iterable, in one call: the bundles are copied
    /// first, then verified with the GIL released, on all cores (no cross-robot rules: see
    /// `audit`); `status_feed` as for `verify_history`.
    #[pyo3(signature = (bundles, at, *, batch = false, status_feed = None))]
    fn verify_histories<'py>(
        &self,
        bundles: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
        status_feed: Option<&Bound<'py, PyStatusFeed>>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let verifier = &self.inner;
        let py = bundles.py();
        let all = documents(bundles)?;
        let at = unix_seconds(at)?;
        let options = HistoryOptions {
            batch,
            status_feed: feed_of(status_feed),
        };
        let reports = py.detach(|| {
            on_own_pool(|| hrid::history::verify_histories(verifier, &all, at, &options))
        });
        reports.iter().map(|r| history_report(py, r)).collect()
    }

    /// Verify many history bundles (a mapping of name to bundle, or an iterable of
    /// `(name, bundle)` pairs) at `at`, then apply the cross-robot rules. The bundles are copied
    /// first, then audited with the GIL released, on all cores. `status_feed` as for
    /// `verify_history`, for every bundle.
    #[pyo3(signature = (bundles, at, *, batch = false, status_feed = None))]
    fn audit<'py>(
        &self,
        bundles: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
        status_feed: Option<&Bound<'py, PyStatusFeed>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let verifier = &self.inner;
        let py = bundles.py();
        let bundles = named_documents(bundles)?;
        let at = unix_seconds(at)?;
        let options = HistoryOptions {
            batch,
            status_feed: feed_of(status_feed),
        };
        let report =
            py.detach(|| on_own_pool(|| hrid::audit::audit(verifier, &bundles, at, &options)));
        let chains: Vec<_> = report.robots.iter().map(|r| r.report.chain()).collect();
        let verdict = report.verdict.as_str();
        AUDIT_REPORT.call(py, (json(&report)?, json(&chains)?, verdict))
    }

    /// Verify a recall-notice envelope (JSON `bytes` or `str`) at `at`. Never raises for a bad
    /// envelope. Releases the GIL.
    fn verify_recall<'py>(
        &self,
        envelope: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let verifier = &self.inner;
        let report = document_at(envelope, at, |envelope, at| {
            core_verify_recall(verifier, envelope, at)
        })?;
        RECALL_REPORT.report(envelope.py(), &report)
    }
}

/// Sign a recall notice (a dict, or JSON text) with the issuer's keys: the envelope's JSON bytes.
/// The notice is checked exactly as verifiers will check it; raises `InvalidDocument` with code
/// `recall.malformed`.
#[pyfunction]
pub fn sign_recall<'py>(
    py: Python<'py>,
    notice: &Bound<'py, PyAny>,
    keys: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = json_document(notice, ReasonCode::RecallMalformed)?;
    let notice = RecallNotice::from_json(&bytes, &Limits::DEFAULT)
        .map_err(|e| document_error(py, e.to_string(), e.code().as_str()))?;
    signed(keys, |keys| notice.sign(keys))
}

/// `(name, bytes)` pairs from a mapping of name to document, or from an iterable of pairs.
fn named_documents(values: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Vec<u8>)>> {
    let items = if values.hasattr("items")? && !values.is_instance_of::<PyString>() {
        values.call_method0("items")?
    } else {
        values.clone()
    };
    let mut out = Vec::new();
    for (index, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let (name, doc): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| {
            PyTypeError::new_err(format!("item {index}: expected a (name, bundle) pair"))
        })?;
        let name: String = name
            .extract()
            .map_err(|_| PyTypeError::new_err(format!("item {index}: a bundle's name is a str")))?;
        let doc = document_bytes(&doc)
            .map_err(|e| PyTypeError::new_err(format!("item {index}: {}", e.value(item.py()))))?;
        out.push((name, doc));
    }
    Ok(out)
}
