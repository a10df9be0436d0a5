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

/// The core's passport options from the keyword arguments; raises `InvalidCode` for a bad
/// expected subject.
fn options(
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
        let code = validate_or_suggest(&code_text(v)?).map_err(|e| code_error(py, &e))?;
        options.expected_subject = Some(code);
    }
    Ok(options)
}

/// The text of a passport (`HP1:...`) argument: a `str`, read as identity codes are (lone
/// surrogates become `?`, and the core then reports the passport as malformed).
fn passport_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(str_text(value, "a passport")?.into_owned())
}

/// `Verifier.verify_passport`.
pub fn verify_passport<'py>(
    verifier: &Verifier,
    text: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    expected_subject: Option<&Bound<'py, PyAny>>,
    newest_seen: Option<&Bound<'py, PyAny>>,
    grace: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = text.py();
    let text = passport_text(text)?;
    let at = unix_seconds(at)?;
    let options = options(py, expected_subject, newest_seen, grace)?;
    let report = py.detach(|| core_verify_passport(verifier, &text, at, &options));
    PASSPORT_REPORT.report(py, &report)
}

/// `Verifier.decide_access`.
pub fn decide_access<'py>(
    verifier: &Verifier,
    code: &Bound<'py, PyAny>,
    policy: &str,
    at: &Bound<'py, PyAny>,
    passport: Option<&Bound<'py, PyAny>>,
    history: Option<&Bound<'py, PyAny>>,
    grace: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = code.py();
    let code = code_text(code)?.into_owned();
    let policy: Policy = policy.parse().map_err(PyValueError::new_err)?;
    let at = unix_seconds(at)?;
    let passport = passport.map(passport_text).transpose()?;
    let history = history.map(document_bytes).transpose()?;
    let options = options(py, None, None, grace)?;
    let decision = py.detach(|| {
        let evidence = Evidence {
            passport: passport.as_deref(),
            history: history.as_deref(),
        };
        core_decide_access(verifier, &code, &evidence, policy, at, &options)
    });
    ACCESS_DECISION.report(py, &decision)
}
