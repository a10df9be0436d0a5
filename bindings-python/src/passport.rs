//! Passports and market access: the core's functions with Python arguments, their reports as the
//! classes of `hrid.passport`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use hrid::access::{decide_access as core_decide_access, Evidence, Policy};
use hrid::code::validate_or_suggest;
use hrid::passport::{verify_passport as core_verify_passport, PassportOptions};
use hrid::verify::Verifier;

use crate::convert::{
    code_text, document_bytes, duration_seconds, str_text, unix_seconds, PythonType,
};
use crate::errors::code_error;

static PASSPORT_REPORT: PythonType = PythonType::new("hrid.passport", "PassportReport");
static ACCESS_DECISION: PythonType = PythonType::new("hrid.passport", "AccessDecision");

/// The keyword arguments of `Verifier.verify_passport`.
#[derive(Debug)]
pub struct Options<'a, 'py> {
    /// The code of the robot in front of the caller.
    pub expected_subject: Option<&'a Bound<'py, PyAny>>,
    /// The newest signed time seen (a time).
    pub newest_seen: Option<&'a Bound<'py, PyAny>>,
    /// The staleness grace (a duration).
    pub grace: Option<&'a Bound<'py, PyAny>>,
}

impl Options<'_, '_> {
    /// The core's options; raises `InvalidCode` for a bad expected subject.
    fn to_core(&self, py: Python<'_>) -> PyResult<PassportOptions> {
        let mut options = PassportOptions::default();
        if let Some(v) = self.grace {
            options.grace_secs = duration_seconds(v, "grace")?;
        }
        if let Some(v) = self.newest_seen {
            options.newest_seen = Some(unix_seconds(v)?);
        }
        if let Some(v) = self.expected_subject {
            let code = validate_or_suggest(&code_text(v)?).map_err(|e| code_error(py, &e))?;
            options.expected_subject = Some(code);
        }
        Ok(options)
    }
}

/// The text of a passport (`HP1:...`) argument: a `str`, read as identity codes are (lone
/// surrogates become `?`, and the core then reports the passport as malformed).
fn passport_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(str_text(value, "a passport")?.into_owned())
}

/// `Verifier.verify_passport`: verify a passport text (`HP1:...`) at `at`, offline. Raises
/// `InvalidCode` for a bad `expected_subject`; a bad passport is a report. Releases the GIL.
pub fn verify_passport<'py>(
    verifier: &Verifier,
    text: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    options: Options<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = text.py();
    let text = passport_text(text)?;
    let at = unix_seconds(at)?;
    let options = options.to_core(py)?;
    let report = py.detach(|| core_verify_passport(verifier, &text, at, &options));
    PASSPORT_REPORT.of(py, &report)
}

/// The evidence arguments of `Verifier.decide_access`.
#[derive(Debug)]
pub struct EvidenceArgs<'a, 'py> {
    /// A passport text.
    pub passport: Option<&'a Bound<'py, PyAny>>,
    /// A history bundle.
    pub history: Option<&'a Bound<'py, PyAny>>,
}

/// `Verifier.decide_access`: whether the robot `code` may be placed on the market for `policy`
/// (`listing`, `sale` or `deployment`) on the evidence given. The decision is data; raises
/// ValueError only for an unknown policy. Releases the GIL.
pub fn decide_access<'py>(
    verifier: &Verifier,
    code: &Bound<'py, PyAny>,
    policy: &str,
    at: &Bound<'py, PyAny>,
    evidence: EvidenceArgs<'_, 'py>,
    grace: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = code.py();
    let code = code_text(code)?.into_owned();
    let policy: Policy = policy.parse().map_err(PyValueError::new_err)?;
    let at = unix_seconds(at)?;
    let passport = evidence.passport.map(passport_text).transpose()?;
    let history = evidence.history.map(document_bytes).transpose()?;
    let options = Options {
        expected_subject: None,
        newest_seen: None,
        grace,
    }
    .to_core(py)?;
    let decision = py.detach(|| {
        let evidence = Evidence {
            passport: passport.as_deref(),
            history: history.as_deref(),
        };
        core_decide_access(verifier, &code, &evidence, policy, at, &options)
    });
    ACCESS_DECISION.of(py, &decision)
}
