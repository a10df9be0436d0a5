//! The verifier and signing attestations. The `Verifier` methods of histories, passports and
//! custody are in their modules (pyo3's `multiple-pymethods`). Reports cross as the core's JSON and become the classes of `hrid.verify`,
//! `hrid.history`, `hrid.passport` and `hrid.custody`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use hrid::attestation::Attestation;
use hrid::json::Limits;
use hrid::reason::ReasonCode;
use hrid::verify::Verifier;

use crate::convert::{document_at, documents, json_document, par_map, unix_seconds, PythonType};
use crate::errors::document_error;
use crate::keys::signed;
use crate::trust::{verify_options, PyTrustList};

static VERIFICATION_REPORT: PythonType = PythonType::new("hrid.verify", "VerificationReport");

/// Verifies attestation envelopes, histories, passports and recalls against one verified trust
/// list.
#[pyclass(module = "hrid", name = "Verifier", frozen)]
#[derive(Debug)]
pub struct PyVerifier {
    pub(crate) inner: Verifier,
    trust_list: Py<PyTrustList>,
}

#[pymethods]
impl PyVerifier {
    /// A verifier for a verified `TrustList`. `clock_skew` (default 300 s) and `grace` (default 7
    /// days) are seconds (int) or `timedelta`.
    #[new]
    #[pyo3(signature = (trust_list, *, clock_skew = None, grace = None))]
    fn new(
        trust_list: &Bound<'_, PyTrustList>,
        clock_skew: Option<&Bound<'_, PyAny>>,
        grace: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = verify_options(clock_skew, grace)?;
        Ok(PyVerifier {
            inner: Verifier::new(trust_list.get().0.clone(), options),
            trust_list: trust_list.clone().unbind(),
        })
    }

    /// Verify one attestation envelope (JSON `bytes` or `str`) at `at` (aware datetime or unix
    /// seconds). Never raises for a bad envelope: the verdict is data. Releases the GIL.
    fn verify<'py>(
        &self,
        py: Python<'py>,
        envelope: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = document_at(envelope, at, |envelope, at| self.inner.verify(envelope, at))?;
        VERIFICATION_REPORT.report(py, &report)
    }

    /// `verify` for every envelope of an iterable at one time, in one call (the envelopes are
    /// copied first, then verified with the GIL released, on all cores; reports in input order).
    fn verify_many<'py>(
        &self,
        py: Python<'py>,
        envelopes: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let all = documents(envelopes)?;
        let at = unix_seconds(at)?;
        let reports = py.detach(|| par_map(&all, 8, |e| self.inner.verify(e, at)));
        reports
            .iter()
            .map(|r| VERIFICATION_REPORT.report(py, r))
            .collect()
    }

    /// The trust list in use.
    #[getter]
    fn trust_list(&self, py: Python<'_>) -> Py<PyTrustList> {
        self.trust_list.clone_ref(py)
    }

    /// Allowed clock skew, seconds.
    #[getter]
    fn clock_skew(&self) -> i64 {
        self.inner.options().clock_skew_secs
    }

    /// Grace period after the trust list's expiry, seconds.
    #[getter]
    fn grace(&self) -> i64 {
        self.inner.options().trust_list_grace_secs
    }

    fn __repr__(&self) -> String {
        format!(
            "Verifier(trust_list_version={}, clock_skew={}, grace={})",
            self.inner.trust_list().version(),
            self.clock_skew(),
            self.grace()
        )
    }
}

/// Sign a lifecycle statement (a dict, or JSON text) with the issuer's keys: the envelope's JSON
/// bytes. The statement is checked exactly as verifiers will check it; raises `InvalidDocument`.
#[pyfunction]
pub fn sign_attestation<'py>(
    py: Python<'py>,
    statement: &Bound<'py, PyAny>,
    keys: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = json_document(statement, ReasonCode::StatementTooDeep)?;
    let statement = Attestation::from_json(&bytes, &Limits::DEFAULT)
        .map_err(|e| document_error(py, e.to_string(), e.code()))?;
    signed(keys, |keys| statement.sign(keys))
}
