//! Trust lists: verify (against root keys the caller trusts), update, and build/sign.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use hrid::json::Limits;
use hrid::reason::ReasonCode;
use hrid::trust::{TrustAnchor, TrustList, TrustListError, VerifiedTrustList};
use hrid::verify::VerifyOptions;

use crate::convert::{
    document_bytes, duration_seconds, json_document, to_python, unix_seconds, PythonType,
};
use crate::errors::document_error;
use crate::keys::{signed, verifying_keys, PyVerifyingKey};

static FINDINGS: PythonType = PythonType::new("hrid.report", "_findings");

/// Verification options from the keyword arguments shared by trust lists and the verifier.
pub fn verify_options(
    clock_skew: Option<&Bound<'_, PyAny>>,
    grace: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifyOptions> {
    let mut options = VerifyOptions::default();
    if let Some(v) = clock_skew {
        options.clock_skew_secs = duration_seconds(v, "clock_skew")?;
    }
    if let Some(v) = grace {
        options.trust_list_grace_secs = duration_seconds(v, "grace")?;
    }
    Ok(options)
}

fn trust_error(py: Python<'_>, e: &TrustListError) -> PyErr {
    document_error(py, e.to_string(), e.code())
}

/// A trust list whose signatures, thresholds, version and dates were verified. Only
/// `TrustList.verify` and `verify_update` make one.
#[pyclass(module = "hrid", name = "TrustList", frozen)]
#[derive(Debug, Clone)]
pub struct PyTrustList(pub VerifiedTrustList);

#[pymethods]
impl PyTrustList {
    /// Verify a trust-list envelope against root keys shipped with the application; raises
    /// `InvalidDocument` with the core's reason code. Releases the GIL while verifying.
    #[staticmethod]
    #[pyo3(signature = (envelope, anchor_keys, threshold, highest_seen_version, at, *, clock_skew = None, grace = None))]
    #[allow(clippy::too_many_arguments)]
    fn verify(
        py: Python<'_>,
        envelope: &Bound<'_, PyAny>,
        anchor_keys: &Bound<'_, PyAny>,
        threshold: usize,
        highest_seen_version: u64,
        at: &Bound<'_, PyAny>,
        clock_skew: Option<&Bound<'_, PyAny>>,
        grace: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let bytes = document_bytes(envelope)?;
        let at = unix_seconds(at)?;
        let options = verify_options(clock_skew, grace)?;
        let anchor = TrustAnchor::new(verifying_keys(anchor_keys)?, threshold)
            .map_err(|e| trust_error(py, &e))?;
        py.detach(|| TrustList::verify(&bytes, &anchor, highest_seen_version, at, &options))
            .map(PyTrustList)
            .map_err(|e| trust_error(py, &e))
    }

    /// Verify the next version of this list: signed by a threshold of this list's root keys and
    /// of its own, exactly one version later; raises `InvalidDocument`.
    #[pyo3(signature = (envelope, at, *, clock_skew = None, grace = None))]
    fn verify_update(
        &self,
        py: Python<'_>,
        envelope: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        clock_skew: Option<&Bound<'_, PyAny>>,
        grace: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let bytes = document_bytes(envelope)?;
        let at = unix_seconds(at)?;
        let options = verify_options(clock_skew, grace)?;
        py.detach(|| TrustList::verify_update(&bytes, &self.0, at, &options))
            .map(PyTrustList)
            .map_err(|e| trust_error(py, &e))
    }

    /// Sign a trust list (a dict, or JSON text) with root keys: the envelope's JSON bytes. The
    /// document is checked exactly as verifiers will check it; raises `InvalidDocument`.
    #[staticmethod]
    fn sign<'py>(
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
        keys: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = json_document(document, ReasonCode::TrustListTooDeep)?;
        let list =
            TrustList::from_json(&bytes, &Limits::DEFAULT).map_err(|e| trust_error(py, &e))?;
        signed(keys, |keys| list.sign(keys))
    }

    #[getter]
    fn version(&self) -> u64 {
        self.0.version()
    }

    /// Issue time, unix seconds.
    #[getter]
    fn issued_at(&self) -> i64 {
        self.0.trust_list().issued_at
    }

    /// Expiry time, unix seconds.
    #[getter]
    fn expires_at(&self) -> i64 {
        self.0.trust_list().expires_at
    }

    /// SHA-256 of the signed PAE, lowercase hex.
    #[getter]
    fn statement_hash(&self) -> &str {
        self.0.statement_hash()
    }

    /// Warnings found when it was verified (for example `trust_list.expired_grace`).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        FINDINGS.of(py, self.0.warnings())
    }

    /// The list's own root keys: persist them (with `threshold`) as the next start's anchor.
    #[getter]
    fn anchor_keys(&self) -> Vec<PyVerifyingKey> {
        self.0
            .trust_list()
            .roots
            .keys
            .iter()
            .cloned()
            .map(PyVerifyingKey)
            .collect()
    }

    /// How many distinct root keys must sign the next version.
    #[getter]
    fn threshold(&self) -> u32 {
        self.0.trust_list().roots.threshold
    }

    /// The participant with this ID as a dict, or None.
    fn participant<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.participant(id))
    }

    /// The verified contents as the core serialises them.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, self.0.trust_list())
    }

    fn __repr__(&self) -> String {
        let list = self.0.trust_list();
        format!(
            "TrustList(version={}, participants={}, expires_at={})",
            list.version,
            list.participants.len(),
            list.expires_at
        )
    }
}
