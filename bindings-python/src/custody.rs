//! Custody at a moment: the core's `custody` over a verified history, its report as
//! `hrid.custody.CustodyReport`.

use pyo3::prelude::*;

use hrid::history::{custody as core_custody, verify_history, HistoryOptions};
use hrid::verify::Verifier;

use crate::convert::{document_bytes, unix_seconds, PythonType};

static CUSTODY_REPORT: PythonType = PythonType::new("hrid.custody", "CustodyReport");

/// `Verifier.custody`: the history verified at `verified_at`, then the core's `custody` at `at`.
pub fn custody<'py>(
    verifier: &Verifier,
    bundle: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    verified_at: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = bundle.py();
    let bytes = document_bytes(bundle)?;
    let at = unix_seconds(at)?;
    let verified_at = unix_seconds(verified_at)?;
    let report = py.detach(|| {
        let history = verify_history(verifier, &bytes, verified_at, &HistoryOptions::default());
        core_custody(&history, at)
    });
    CUSTODY_REPORT.report(py, &report)
}
