//! Custody at a moment: the core's `custody` over a verified history, its report as
//! `hrid.custody.CustodyReport`.

use pyo3::prelude::*;

use hrid::history::{custody as core_custody, verify_history, HistoryOptions};

use crate::convert::{document_bytes, unix_seconds, PythonType};
use crate::status::{feed_of, PyStatusFeed};
use crate::verify::PyVerifier;

static CUSTODY_REPORT: PythonType = PythonType::new("hrid.custody", "CustodyReport");

#[pymethods]
impl PyVerifier {
    /// Who was responsible for the robot of `bundle` at the moment `at` (an incident), each
    /// answer with the signed statement that proves it. The history is verified at
    /// `verified_at` (typically now); only its verified statements dated at or before `at` are
    /// read; with `status_feed` (a `StatusFeed`) it is held against the registry's feed as in
    /// `verify_history`. Never raises for a bad bundle (the report says what could not be
    /// verified).
    #[pyo3(signature = (bundle, at, verified_at, *, status_feed = None))]
    fn custody<'py>(
        &self,
        bundle: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        verified_at: &Bound<'py, PyAny>,
        status_feed: Option<&Bound<'py, PyStatusFeed>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let verifier = &self.inner;
        let py = bundle.py();
        let bytes = document_bytes(bundle)?;
        let at = unix_seconds(at)?;
        let verified_at = unix_seconds(verified_at)?;
        let options = HistoryOptions {
            status_feed: feed_of(status_feed),
            ..HistoryOptions::DEFAULT
        };
        let report = py.detach(|| {
            let history = verify_history(verifier, &bytes, verified_at, &options);
            core_custody(&history, at)
        });
        CUSTODY_REPORT.report(py, &report)
    }
}
