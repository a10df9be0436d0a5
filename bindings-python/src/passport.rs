//! Passports and market access: the core's functions with Python arguments, their reports as the
//! classes of `hrid.passport`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use hrid::access::{
    decide_access as core_decide_access, AccessOptions, Evidence, MaxEvidenceAge, Policy,
};
use hrid::code::validate_or_suggest;
use hrid::passport::{verify_passport as core_verify_passport, PassportOptions};

use crate::convert::{
    code_text, document_bytes, duration_seconds, str_text, unix_seconds, PythonType,
};
use crate::errors::code_error;
use crate::status::{feed_of, PyStatusFeed};
use crate::verify::PyVerifier;

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

/// The maximum evidence age per policy from a mapping of policy name (`listing`, `sale`,
/// `deployment`) to a duration (`timedelta` or seconds); policies left out keep the core's
/// defaults (7 days, 1 day, 30 days).
fn evidence_ages(value: Option<&Bound<'_, PyAny>>) -> PyResult<MaxEvidenceAge> {
    let mut ages = MaxEvidenceAge::default();
    let Some(value) = value else {
        return Ok(ages);
    };
    if !value.hasattr("items")? || value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "max_evidence_age is a mapping of policy ('listing', 'sale', 'deployment') to a \
             timedelta or seconds (int)",
        ));
    }
    for item in value.call_method0("items")?.try_iter()? {
        let (policy, age): (String, Bound<'_, PyAny>) = item?.extract()?;
        let policy: Policy = policy.parse().map_err(PyValueError::new_err)?;
        let seconds = duration_seconds(&age, &format!("max_evidence_age[{:?}]", policy.as_str()))?;
        match policy {
            Policy::Listing => ages.listing_secs = seconds,
            Policy::Sale => ages.sale_secs = seconds,
            Policy::Deployment => ages.deployment_secs = seconds,
        }
    }
    Ok(ages)
}

/// The text of a passport (`HP1:...`) argument: a `str`, read as identity codes are (lone
/// surrogates become `?`, and the core then reports the passport as malformed).
fn passport_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(str_text(value, "a passport")?.into_owned())
}

#[pymethods]
impl PyVerifier {
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
        let verifier = &self.inner;
        let py = text.py();
        let text = passport_text(text)?;
        let at = unix_seconds(at)?;
        let options = options(py, expected_subject, newest_seen, grace)?;
        let report = py.detach(|| core_verify_passport(verifier, &text, at, &options));
        PASSPORT_REPORT.report(py, &report)
    }

    /// Decide whether the robot `code` may be placed on the market for `policy` (`listing`,
    /// `sale` or `deployment`) on the evidence given: a passport text, a history bundle and the
    /// registry's `status_feed` (a `StatusFeed`). `max_evidence_age` maps policies to how old
    /// the registry's word may be (`timedelta` or seconds; defaults 7 days, 1 day, 30 days).
    /// The decision is data; raises ValueError only for an unknown policy. Releases the GIL.
    #[pyo3(signature = (
        code, policy, at, *, passport = None, history = None, grace = None, status_feed = None,
        max_evidence_age = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn decide_access<'py>(
        &self,
        code: &Bound<'py, PyAny>,
        policy: &str,
        at: &Bound<'py, PyAny>,
        passport: Option<&Bound<'py, PyAny>>,
        history: Option<&Bound<'py, PyAny>>,
        grace: Option<&Bound<'py, PyAny>>,
        status_feed: Option<&Bound<'py, PyStatusFeed>>,
        max_evidence_age: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let verifier = &self.inner;
        let py = code.py();
        let code = code_text(code)?.into_owned();
        let policy: Policy = policy.parse().map_err(PyValueError::new_err)?;
        let at = unix_seconds(at)?;
        let passport = passport.map(passport_text).transpose()?;
        let history = history.map(document_bytes).transpose()?;
        let options = AccessOptions {
            passport: options(py, None, None, grace)?,
            max_evidence_age: evidence_ages(max_evidence_age)?,
        };
        let feed = feed_of(status_feed);
        let decision = py.detach(|| {
            let evidence = Evidence {
                passport: passport.as_deref(),
                history: history.as_deref(),
                status_feed: feed.as_deref(),
            };
            core_decide_access(verifier, &code, &evidence, policy, at, &options)
        });
        ACCESS_DECISION.report(py, &decision)
    }
}
