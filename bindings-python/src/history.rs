//! Histories, passports, market-access decisions and fleet audits: the core's reports as frozen
//! classes whose `to_dict()` is the core's JSON. The `Verifier` methods that make them live in
//! `verify.rs`; the argument conversions are here.

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use hrid::access::{AccessDecision, Policy};
use hrid::audit::AuditReport;
use hrid::code::IdentityCode;
use hrid::history::HistoryReport;
use hrid::passport::{PassportOptions, PassportReport};

use crate::convert::{document_bytes, duration_seconds, to_python, unix_seconds};
use crate::errors::code_error;
use crate::verify::{findings, PyFinding};

/// Text of a passport (`HP1:...`) argument. Lone surrogates become `?` (the core then reports
/// the passport as malformed), as for identity codes.
pub fn passport_text<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    let s = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "a passport is given as str, not {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".to_owned())
        ))
    })?;
    match s.to_cow() {
        Ok(text) => Ok(text),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "replace"))?;
            let bytes = bytes.cast::<PyBytes>()?;
            Ok(Cow::Owned(
                String::from_utf8_lossy(bytes.as_bytes()).into_owned(),
            ))
        }
    }
}

/// `PassportOptions` from the keyword arguments; raises `InvalidCode` for a bad expected subject.
pub fn passport_options(
    py: Python<'_>,
    expected_subject: Option<&Bound<'_, PyAny>>,
    newest_seen: Option<&Bound<'_, PyAny>>,
    grace: Option<&Bound<'_, PyAny>>,
) -> PyResult<PassportOptions> {
    let mut options = PassportOptions::default();
    if let Some(v) = grace {
        options.grace_secs = duration_seconds(v, "grace")?;
    }
    if let Some(v) = newest_seen {
        options.newest_seen = Some(unix_seconds(v)?);
    }
    if let Some(v) = expected_subject {
        let text = crate::convert::code_text(v)?;
        options.expected_subject =
            Some(IdentityCode::parse(&text).map_err(|e| code_error(py, Some(&text), &e))?);
    }
    Ok(options)
}

/// `listing`, `sale` or `deployment`; raises ValueError otherwise.
pub fn policy(value: &str) -> PyResult<Policy> {
    value.parse().map_err(PyValueError::new_err)
}

/// `(name, bytes)` pairs from a mapping of name to document, or from an iterable of pairs.
pub fn named_documents(values: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Vec<u8>)>> {
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

/// What `Verifier.verify_history` returns.
#[pyclass(module = "hrid", name = "HistoryReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyHistoryReport(pub HistoryReport);

#[pymethods]
impl PyHistoryReport {
    /// `accepted`, `rejected` or `indeterminate`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// True when the verdict is `accepted`.
    #[getter]
    fn accepted(&self) -> bool {
        self.0.verdict == hrid::verify::Verdict::Accepted
    }

    /// The bundle's subject, when readable.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

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

    /// The chain's head `{"seq", "statement_hash"}`, or None.
    #[getter]
    fn head<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.head)
    }

    /// The robot's health summary (status, owner, deployment, software, open recalls, ...) as
    /// the core serialises it, or None. Rely on it only when the verdict is `accepted`.
    #[getter]
    fn health<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.health)
    }

    /// The recalls that cover the robot, as the core serialises them.
    #[getter]
    fn recalls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.recalls)
    }

    /// The verified statements of the chain, in order (what remains after the chain rules of
    /// docs/histories.md section 2.1, also for a rejected history): each
    /// `{"statement", "statement_hash", "key_id", "participant"}` as in
    /// `VerificationReport.statement`. Fleet rules across robots read these.
    #[getter]
    fn chain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.chain())
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
            "HistoryReport(verdict='{}', failures={:?})",
            self.0.verdict,
            self.0
                .failures
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// What `Verifier.verify_passport` returns.
#[pyclass(module = "hrid", name = "PassportReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyPassportReport(pub PassportReport);

#[pymethods]
impl PyPassportReport {
    /// `accepted`, `rejected` or `indeterminate`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// True when the verdict is `accepted`.
    #[getter]
    fn accepted(&self) -> bool {
        self.0.verdict == hrid::verify::Verdict::Accepted
    }

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

    /// The passport (`subject`, `status`, `head_seq`, times, `key_id`, ...) when its signature
    /// verified, else None. Rely on it only when the verdict is `accepted`.
    #[getter]
    fn passport<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.passport)
    }

    /// The report as the core serialises it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "PassportReport(verdict='{}', failures={:?})",
            self.0.verdict,
            self.0
                .failures
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// What `Verifier.decide_access` returns.
#[pyclass(module = "hrid", name = "AccessDecision", frozen)]
#[derive(Debug, Clone)]
pub struct PyAccessDecision(pub AccessDecision);

#[pymethods]
impl PyAccessDecision {
    /// `allowed` or `denied`.
    #[getter]
    fn decision(&self) -> &'static str {
        self.0.decision.as_str()
    }

    /// True when allowed.
    #[getter]
    fn allowed(&self) -> bool {
        self.0.is_allowed()
    }

    /// `listing`, `sale` or `deployment`.
    #[getter]
    fn policy(&self) -> &'static str {
        self.0.policy.as_str()
    }

    /// The code asked about, as given.
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }

    /// The robot's status as established by the evidence, or None.
    #[getter]
    fn status(&self) -> Option<&'static str> {
        self.0.status.map(|s| s.as_str())
    }

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

    /// The decision as the core serialises it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "AccessDecision(decision='{}', policy='{}', failures={:?})",
            self.0.decision.as_str(),
            self.0.policy,
            self.0
                .failures
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// What `Verifier.audit` returns.
#[pyclass(module = "hrid", name = "AuditReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyAuditReport(pub AuditReport);

#[pymethods]
impl PyAuditReport {
    /// `accepted`, `rejected` or `indeterminate`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// Cross-robot failures (`audit.*`).
    #[getter]
    fn failures(&self) -> Vec<PyFinding> {
        findings(&self.0.failures)
    }

    /// `audit.consistent` when no cross-robot rule is broken.
    #[getter]
    fn passed(&self) -> Vec<PyFinding> {
        findings(&self.0.passed)
    }

    /// `(name, HistoryReport)` for every bundle, in input order.
    #[getter]
    fn robots(&self) -> Vec<(String, PyHistoryReport)> {
        self.0
            .robots
            .iter()
            .map(|r| (r.name.clone(), PyHistoryReport(r.report.clone())))
            .collect()
    }

    /// The report as the core serialises it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "AuditReport(verdict='{}', robots={}, failures={:?})",
            self.0.verdict,
            self.0.robots.len(),
            self.0
                .failures
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// What `Verifier.custody` returns: who was responsible at a moment, each answer with its proof.
#[pyclass(module = "hrid", name = "CustodyReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyCustodyReport(pub hrid::history::CustodyReport);

#[pymethods]
impl PyCustodyReport {
    /// `accepted` (answered; gaps are warnings), `rejected` (the robot should not have been
    /// operating: scrapped or suspended at the moment) or `indeterminate` (the history did not
    /// verify completely).
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// The history's own verdict.
    #[getter]
    fn history_verdict(&self) -> &'static str {
        self.0.history_verdict.as_str()
    }

    /// The robot, when readable.
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// The moment asked about, unix seconds.
    #[getter]
    fn at(&self) -> i64 {
        self.0.at
    }

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

    /// `{"manufacturer_code", "manufacturer", "model", "production_date", "proof"}` or None.
    #[getter]
    fn manufacture<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.manufacture)
    }

    /// `{"owner", "basis", "since", "proof"}` or None (a gap).
    #[getter]
    fn owner<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.owner)
    }

    /// `{"operator", "site", "use_category", "since", "proof"}` or None (a gap).
    #[getter]
    fn operation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.operation)
    }

    /// `{"maintainer", "kind", "summary", "time", "proof"}` or None (a gap).
    #[getter]
    fn last_maintenance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.last_maintenance)
    }

    /// `{"version", "digest", "dataset_digest", "installed_by", "since", "proof"}` or None.
    #[getter]
    fn firmware<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.firmware)
    }

    /// Like `firmware`, for the AI training profile; None is a gap.
    #[getter]
    fn ai_profile<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.ai_profile)
    }

    /// Recalls issued by the moment: `state` `open` or `remedied` then, with their proofs.
    #[getter]
    fn recalls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.recalls)
    }

    /// The telemetry report nearest before (or at) the moment, or None.
    #[getter]
    fn telemetry_before<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.telemetry_before)
    }

    /// The first telemetry report after the moment, or None.
    #[getter]
    fn telemetry_after<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.telemetry_after)
    }

    /// `{"status", "proof"}` at the moment, or None.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.status)
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
            "CustodyReport(subject={:?}, at={}, verdict='{}', owner={:?})",
            self.0.subject.as_deref().unwrap_or(""),
            self.0.at,
            self.0.verdict,
            self.0
                .owner
                .as_ref()
                .map(|o| o.owner.as_str())
                .unwrap_or("")
        )
    }
}
