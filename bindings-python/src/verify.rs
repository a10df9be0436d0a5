//! The verifier and signing attestations. Every `Verifier` method is here (pyo3 takes one
//! `#[pymethods]` block per class); those of histories, passports and custody hand over to
//! their modules. Reports cross as the core's JSON and become the classes of `hrid.verify`,
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
use crate::{custody, history, passport};

static VERIFICATION_REPORT: PythonType = PythonType::new("hrid.verify", "VerificationReport");

/// Verifies attestation envelopes, histories, passports and recalls against one verified trust
/// list.
#[pyclass(module = "hrid", name = "Verifier", frozen)]
#[derive(Debug)]
pub struct PyVerifier {
    inner: Verifier,
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

    /// Verify a history bundle (JSON `bytes` or `str`) at `at`. With `batch`, the signatures are
    /// verified together (same report). Never raises for a bad bundle. Releases the GIL.
    #[pyo3(signature = (bundle, at, *, batch = false))]
    fn verify_history<'py>(
        &self,
        bundle: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        history::verify_history(&self.inner, bundle, at, batch)
    }

    /// `verify_history` for every bundle of an iterable, in one call: the bundles are copied
    /// first, then verified with the GIL released, on all cores (no cross-robot rules: see
    /// `audit`).
    #[pyo3(signature = (bundles, at, *, batch = false))]
    fn verify_histories<'py>(
        &self,
        bundles: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        history::verify_histories(&self.inner, bundles, at, batch)
    }

    /// Verify many history bundles (a mapping of name to bundle, or an iterable of
    /// `(name, bundle)` pairs) at `at`, then apply the cross-robot rules. The bundles are copied
    /// first, then audited with the GIL released, on all cores.
    #[pyo3(signature = (bundles, at, *, batch = false))]
    fn audit<'py>(
        &self,
        bundles: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        batch: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        history::audit(&self.inner, bundles, at, batch)
    }

    /// Verify a recall-notice envelope (JSON `bytes` or `str`) at `at`. Never raises for a bad
    /// envelope. Releases the GIL.
    fn verify_recall<'py>(
        &self,
        envelope: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        history::verify_recall(&self.inner, envelope, at)
    }

    /// Verify a passport text (`HP1:...`) at `at`, offline. `expected_subject` is the code of the
    /// robot in front of the caller, `newest_seen` the newest signed time seen (a time), `grace`
    /// the staleness grace (default 7 days). Raises `InvalidCode` for a bad `expected_subject`.
    #[pyo3(signature = (text, at, *, expected_subject = None, newest_seen = None, grace = None))]
    fn verify_passport<'py>(
        &self,
        text: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        expected_subject: Option<&Bound<'py, PyAny>>,
        newest_seen: Option<&Bound<'py, PyAny>>,
        grace: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        passport::verify_passport(&self.inner, text, at, expected_subject, newest_seen, grace)
    }

    /// Decide whether the robot `code` may be placed on the market for `policy` (`listing`,
    /// `sale` or `deployment`) on the evidence given: a passport text and/or a history bundle.
    /// The decision is data; raises ValueError only for an unknown policy. Releases the GIL.
    #[pyo3(signature = (code, policy, at, *, passport = None, history = None, grace = None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_access<'py>(
        &self,
        code: &Bound<'py, PyAny>,
        policy: &str,
        at: &Bound<'py, PyAny>,
        passport: Option<&Bound<'py, PyAny>>,
        history: Option<&Bound<'py, PyAny>>,
        grace: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        passport::decide_access(&self.inner, code, policy, at, passport, history, grace)
    }

    /// Who was responsible for the robot of `bundle` at the moment `at` (an incident), each
    /// answer with the signed statement that proves it. The history is verified at
    /// `verified_at` (typically now); only its verified statements dated at or before `at` are
    /// read. Never raises for a bad bundle (the report says what could not be verified).
    fn custody<'py>(
        &self,
        bundle: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        verified_at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        custody::custody(&self.inner, bundle, at, verified_at)
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
