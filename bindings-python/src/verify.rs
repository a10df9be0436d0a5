//! The verifier, its report and findings, and signing attestations.

use std::collections::BTreeMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use hrid::attestation::Attestation;
use hrid::json::Limits;
use hrid::reason::ReasonCode;
use hrid::verify::{Finding, VerificationReport, Verifier};

use hrid::access::{decide_access, Evidence};
use hrid::audit::audit;
use hrid::history::{custody, verify_history, HistoryOptions};
use hrid::passport::verify_passport;

use crate::convert::{
    code_text, document_bytes, documents, json_document, par_map, to_python, unix_seconds,
};
use crate::errors::document_error;
use crate::history::{
    named_documents, passport_options, passport_text, PyAccessDecision, PyAuditReport,
    PyCustodyReport, PyHistoryReport, PyPassportReport,
};
use crate::keys::signing_keys;
use crate::trust::{verify_options, PyTrustList};

/// One check's result: a stable reason code, the robot it concerns, evidence and a sentence.
#[pyclass(module = "hrid", name = "Finding", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyFinding(pub Finding);

#[pymethods]
impl PyFinding {
    /// The stable reason code, for example `signature.invalid`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.as_str()
    }

    /// `failure`, `warning`, `indeterminate` or `passed`: how the code is normally reported.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.code.severity().as_str()
    }

    /// The robot's identity code, when known.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// Machine-readable context: `key_id`, `participant`, `statement_hash`, times, ...
    #[getter]
    fn evidence(&self) -> BTreeMap<String, String> {
        self.0.evidence.clone()
    }

    /// A sentence for people (may change between versions; the code does not).
    #[getter]
    fn detail(&self) -> &str {
        &self.0.detail
    }

    /// `{"code", "subject", "evidence", "detail"}` as in the core's JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(code='{}', subject={}, detail={:?})",
            self.0.code,
            self.0
                .subject
                .as_ref()
                .map_or_else(|| "None".to_owned(), |s| format!("'{s}'")),
            self.0.detail
        )
    }
}

/// What `Verifier.verify` returns: a verdict and the findings of every check that ran.
#[pyclass(module = "hrid", name = "VerificationReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyVerificationReport(VerificationReport);

pub fn findings(list: &[Finding]) -> Vec<PyFinding> {
    list.iter().cloned().map(PyFinding).collect()
}

#[pymethods]
impl PyVerificationReport {
    /// `accepted`, `rejected` or `indeterminate`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// True when the verdict is `accepted`.
    #[getter]
    fn accepted(&self) -> bool {
        self.0.is_accepted()
    }

    /// Failed or incomplete checks, in the order they ran.
    #[getter]
    fn failures(&self) -> Vec<PyFinding> {
        findings(&self.0.failures)
    }

    #[getter]
    fn warnings(&self) -> Vec<PyFinding> {
        findings(&self.0.warnings)
    }

    #[getter]
    fn passed(&self) -> Vec<PyFinding> {
        findings(&self.0.passed)
    }

    /// Every finding's code: failures, then warnings, then passed.
    #[getter]
    fn codes(&self) -> Vec<&'static str> {
        self.0.codes().iter().map(|c| c.as_str()).collect()
    }

    /// True when some finding has this reason code; raises ValueError for an unknown code.
    fn has(&self, code: &str) -> PyResult<bool> {
        let code: ReasonCode = code
            .parse()
            .map_err(|_| PyValueError::new_err(format!("unknown reason code {code:?}")))?;
        Ok(self.0.has(code))
    }

    /// The verified statement (`{"statement", "statement_hash", "key_id", "participant"}`),
    /// only when the verdict is `accepted`; else None.
    #[getter]
    fn statement<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.statement)
    }

    /// The report as the core serialises it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    /// The report as the core's JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "VerificationReport(verdict='{}', failures={:?})",
            self.0.verdict,
            self.0
                .failures
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// Verifies attestation envelopes against one verified trust list.
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
    fn verify(
        &self,
        py: Python<'_>,
        envelope: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<PyVerificationReport> {
        let bytes = document_bytes(envelope)?;
        let at = unix_seconds(at)?;
        Ok(PyVerificationReport(
            py.detach(|| self.inner.verify(&bytes, at)),
        ))
    }

    /// `verify` for every envelope of an iterable at one time, in one call (the envelopes are
    /// copied first, then verified with the GIL released, on all cores; reports in input order).
    fn verify_many(
        &self,
        py: Python<'_>,
        envelopes: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyVerificationReport>> {
        let all = documents(envelopes)?;
        let at = unix_seconds(at)?;
        Ok(py.detach(|| par_map(&all, 8, |e| PyVerificationReport(self.inner.verify(e, at)))))
    }

    /// Verify a history bundle (JSON `bytes` or `str`) at `at`. With `batch`, the signatures are
    /// verified together (same report). Never raises for a bad bundle. Releases the GIL.
    #[pyo3(signature = (bundle, at, *, batch = false))]
    fn verify_history(
        &self,
        py: Python<'_>,
        bundle: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        batch: bool,
    ) -> PyResult<PyHistoryReport> {
        let bytes = document_bytes(bundle)?;
        let at = unix_seconds(at)?;
        let options = HistoryOptions { batch };
        Ok(PyHistoryReport(py.detach(|| {
            verify_history(&self.inner, &bytes, at, &options)
        })))
    }

    /// Verify a passport text (`HP1:...`) at `at`, offline. `expected_subject` is the code of the
    /// robot in front of the caller, `newest_seen` the newest signed time seen (a time), `grace`
    /// the staleness grace (default 7 days). Raises `InvalidCode` for a bad `expected_subject`.
    #[pyo3(signature = (text, at, *, expected_subject = None, newest_seen = None, grace = None))]
    fn verify_passport(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        expected_subject: Option<&Bound<'_, PyAny>>,
        newest_seen: Option<&Bound<'_, PyAny>>,
        grace: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyPassportReport> {
        let text = passport_text(text)?.into_owned();
        let at = unix_seconds(at)?;
        let options = passport_options(py, expected_subject, newest_seen, grace)?;
        Ok(PyPassportReport(py.detach(|| {
            verify_passport(&self.inner, &text, at, &options)
        })))
    }

    /// Decide whether the robot `code` may be placed on the market for `policy` (`listing`,
    /// `sale` or `deployment`) on the evidence given: a passport text and/or a history bundle.
    /// The decision is data; raises ValueError only for an unknown policy. Releases the GIL.
    #[pyo3(signature = (code, policy, at, *, passport = None, history = None, grace = None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_access(
        &self,
        py: Python<'_>,
        code: &Bound<'_, PyAny>,
        policy: &str,
        at: &Bound<'_, PyAny>,
        passport: Option<&Bound<'_, PyAny>>,
        history: Option<&Bound<'_, PyAny>>,
        grace: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyAccessDecision> {
        let code = code_text(code)?.into_owned();
        let policy = crate::history::policy(policy)?;
        let at = unix_seconds(at)?;
        let passport = passport
            .map(passport_text)
            .transpose()?
            .map(|t| t.into_owned());
        let history = history.map(document_bytes).transpose()?;
        let options = passport_options(py, None, None, grace)?;
        Ok(PyAccessDecision(py.detach(|| {
            let evidence = Evidence {
                passport: passport.as_deref(),
                history: history.as_deref(),
            };
            decide_access(&self.inner, &code, &evidence, policy, at, &options)
        })))
    }

    /// Who was responsible for the robot of `bundle` at the moment `at` (an incident), each
    /// answer with the signed statement that proves it. The history is verified at
    /// `verified_at` (typically now); only its verified statements dated at or before `at` are
    /// read. Never raises for a bad bundle (the report says what could not be verified).
    fn custody(
        &self,
        py: Python<'_>,
        bundle: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        verified_at: &Bound<'_, PyAny>,
    ) -> PyResult<PyCustodyReport> {
        let bytes = document_bytes(bundle)?;
        let at = unix_seconds(at)?;
        let verified_at = unix_seconds(verified_at)?;
        Ok(PyCustodyReport(py.detach(|| {
            let history =
                verify_history(&self.inner, &bytes, verified_at, &HistoryOptions::default());
            custody(&history, at)
        })))
    }

    /// Verify many history bundles (a mapping of name to bundle, or an iterable of
    /// `(name, bundle)` pairs) at `at`, then apply the cross-robot rules. The bundles are copied
    /// first, then audited with the GIL released, on all cores.
    #[pyo3(signature = (bundles, at, *, batch = false))]
    fn audit(
        &self,
        py: Python<'_>,
        bundles: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        batch: bool,
    ) -> PyResult<PyAuditReport> {
        let bundles = named_documents(bundles)?;
        let at = unix_seconds(at)?;
        let options = HistoryOptions { batch };
        Ok(PyAuditReport(
            py.detach(|| audit(&self.inner, &bundles, at, &options)),
        ))
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
            self.inner.options().clock_skew_secs,
            self.inner.options().trust_list_grace_secs
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
    let bytes = json_document(statement).map_err(|e| {
        e.unwrap_or_else(|()| {
            document_error(
                py,
                "the statement nests deeper than allowed".to_owned(),
                ReasonCode::StatementTooDeep.as_str(),
            )
        })
    })?;
    let statement = Attestation::from_json(&bytes, &Limits::DEFAULT)
        .map_err(|e| document_error(py, e.to_string(), e.code()))?;
    let keys = signing_keys(keys)?;
    let refs: Vec<&hrid::keys::SigningKey> = keys.iter().map(|k| &k.get().0).collect();
    Ok(PyBytes::new(py, &statement.sign(&refs).to_json()))
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
    let bytes = json_document(notice).map_err(|e| {
        e.unwrap_or_else(|()| {
            document_error(
                py,
                "the recall notice nests deeper than allowed".to_owned(),
                ReasonCode::RecallMalformed.as_str(),
            )
        })
    })?;
    let notice = hrid::recall::RecallNotice::from_json(&bytes, &Limits::DEFAULT)
        .map_err(|e| document_error(py, e.to_string(), e.code().as_str()))?;
    let keys = signing_keys(keys)?;
    let refs: Vec<&hrid::keys::SigningKey> = keys.iter().map(|k| &k.get().0).collect();
    Ok(PyBytes::new(py, &notice.sign(&refs).to_json()))
}
