//! The registry's status feed: `Verifier.verify_status_feed`, its report as
//! `hrid.status.StatusFeedReport`, and the `StatusFeed` handle that the verified feed becomes
//! (passed on to `decide_access`, `verify_history`, `verify_histories`, `audit` and `custody`).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use hrid::code::validate_or_suggest;
use hrid::envelope::Envelope;
use hrid::json::Limits;
use hrid::reason::ReasonCode;
use hrid::status::{
    verify_status_feed as core_verify_status_feed, StatusFeed, StatusFeedOptions,
    VerifiedStatusFeed,
};

use crate::convert::{
    code_text, document_at, documents, duration_seconds, json, json_document, to_python, PythonType,
};
use crate::errors::{code_error, document_error};
use crate::keys::signing_keys;
use crate::verify::PyVerifier;

static STATUS_FEED_REPORT: PythonType = PythonType::new("hrid.status", "StatusFeedReport");

/// A status feed that verified: the registry's signed word on every robot that is not active and
/// on the recall notices in force. Only `Verifier.verify_status_feed` makes one (its report's
/// `.feed`, when accepted); hand it to `decide_access`, `verify_history`, `verify_histories`,
/// `audit` and `custody` as `status_feed=`. Persist `.version` as the highest seen.
#[pyclass(module = "hrid", name = "StatusFeed", frozen)]
#[derive(Debug, Clone)]
pub struct PyStatusFeed {
    pub(crate) inner: Arc<VerifiedStatusFeed>,
}

/// The core's feed of an optional `status_feed=` argument (shared, not copied).
pub fn feed_of(feed: Option<&Bound<'_, PyStatusFeed>>) -> Option<Arc<VerifiedStatusFeed>> {
    feed.map(|f| Arc::clone(&f.get().inner))
}

#[pymethods]
impl PyStatusFeed {
    /// The feed's version (persist it: the next verification's `highest_seen_version`).
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    /// SHA-256 of the signed PAE, lowercase hex (what the next version's `previous` names).
    #[getter]
    fn statement_hash(&self) -> &str {
        self.inner.statement_hash()
    }

    /// The last moment the feed may be relied on, unix seconds: `expires_at` plus the grace it
    /// was verified with.
    #[getter]
    fn usable_until(&self) -> i64 {
        self.inner.usable_until()
    }

    /// Issue time, unix seconds.
    #[getter]
    fn issued_at(&self) -> i64 {
        self.inner.feed().issued_at
    }

    /// Expiry, unix seconds.
    #[getter]
    fn expires_at(&self) -> i64 {
        self.inner.feed().expires_at
    }

    /// The participant ID of the registry that signed it.
    #[getter]
    fn registry(&self) -> &str {
        &self.inner.feed().registry
    }

    /// Whether its signing key has since been reported compromised (a decision does not rest on
    /// such a feed alone).
    #[getter]
    fn signer_reported_compromised(&self) -> bool {
        self.inner.signer_reported_compromised()
    }

    /// The verified recall notices in force (`{"notice", "statement_hash"}` each).
    #[getter]
    fn recalls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.recalls())
    }

    /// The registry's word on the robot `code` (`{"code", "status", "head", "since"}`), or None
    /// for a robot the feed does not list (active, or unknown to the registry). Raises
    /// `InvalidCode` for an invalid code.
    fn robot<'py>(&self, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = code.py();
        let code = validate_or_suggest(&code_text(code)?).map_err(|e| code_error(py, &e))?;
        match self.inner.robot(&code) {
            Some(entry) => to_python(py, entry),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The core's JSON of the verified feed as plain data: `{"feed", "statement_hash",
    /// "usable_until", "signer_reported_compromised"}` (equal to the report's `to_dict()["feed"]`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    /// The core's JSON text of the verified feed.
    fn to_json(&self) -> PyResult<String> {
        json(&*self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "StatusFeed(registry={:?}, version={}, robots={}, recalls={}, usable_until={})",
            self.inner.feed().registry,
            self.inner.version(),
            self.inner.feed().robots.len(),
            self.inner.recalls().len(),
            self.inner.usable_until()
        )
    }
}

#[pymethods]
impl PyVerifier {
    /// Verify a status-feed document (JSON `bytes` or `str`: `{"feed": ENVELOPE, "recalls":
    /// [...]}`) at `at`. `highest_seen_version` is the highest feed version already accepted (a
    /// lower one is `status_feed.rollback`); `grace` how long after expiry the feed is still
    /// used, with a warning (default one hour). Never raises for a bad document; the report's
    /// `.feed` is a `StatusFeed` only when accepted. Releases the GIL.
    #[pyo3(signature = (document, at, *, highest_seen_version = 0, grace = None))]
    fn verify_status_feed<'py>(
        &self,
        document: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        highest_seen_version: u64,
        grace: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = document.py();
        let mut options = StatusFeedOptions {
            highest_seen_version,
            ..StatusFeedOptions::default()
        };
        if let Some(g) = grace {
            options.grace_secs = duration_seconds(g, "grace")?;
        }
        let verifier = &self.inner;
        let mut report = document_at(document, at, |document, at| {
            core_verify_status_feed(verifier, document, at, &options)
        })?;
        let core = json(&report)?;
        let verdict = report.verdict.as_str();
        let feed = match report.feed.take() {
            Some(feed) => Some(Bound::new(
                py,
                PyStatusFeed {
                    inner: Arc::new(feed),
                },
            )?),
            None => None,
        };
        STATUS_FEED_REPORT.call(py, (core, verdict, feed))
    }
}

/// Sign a status feed (a dict, or JSON text) with the registry's keys: the feed document's JSON
/// bytes (`{"feed": ENVELOPE, "recalls": [...]}`), with the recall-notice envelopes it names
/// (`recalls`, bytes or str each). The feed is checked as verifiers will check its form; raises
/// `InvalidDocument` (`status_feed.malformed`, or the `envelope.*` code of a recall envelope that
/// does not read).
#[pyfunction]
#[pyo3(signature = (feed, keys, recalls = None))]
pub fn sign_status_feed<'py>(
    py: Python<'py>,
    feed: &Bound<'py, PyAny>,
    keys: &Bound<'py, PyAny>,
    recalls: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let malformed = ReasonCode::StatusFeedMalformed;
    let bytes = json_document(feed, malformed)?;
    let feed: StatusFeed = serde_json::from_slice(&bytes)
        .map_err(|e| document_error(py, e.to_string(), malformed.as_str()))?;
    feed.validate()
        .map_err(|e| document_error(py, e, malformed.as_str()))?;
    let limits = Limits::DEFAULT;
    let recalls = match recalls {
        Some(r) => documents(r)?,
        None => Vec::new(),
    };
    let recalls = (recalls.iter())
        .map(|r| {
            Envelope::from_json(r, limits.max_envelope_bytes, &limits)
                .map_err(|e| document_error(py, e.to_string(), e.code()))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let keys = signing_keys(keys)?;
    Ok(PyBytes::new(py, &feed.document(&keys.refs(), &recalls)))
}
