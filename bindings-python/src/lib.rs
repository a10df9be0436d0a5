//! `hrid._native`: the Python binding of the `hrid` core.
//!
//! Conversions only. Every decision (validity, suggestions, verdicts, reason codes) is made by the
//! core; this crate turns Python values into core arguments and core results into Python values:
//!
//! | core | Python |
//! | --- | --- |
//! | `IdentityCode`, `Suggestion`, `CodeReport`, `Scan` | frozen classes, `to_dict()` equal to the core's JSON |
//! | `SigningKey`, `VerifyingKey`, `VerifiedTrustList`, `Verifier` | frozen classes |
//! | `VerificationReport`, `Finding` | frozen classes, `to_dict()` equal to the core's JSON |
//! | `HistoryReport`, `PassportReport`, `AccessDecision`, `AuditReport` | frozen classes, `to_dict()` equal to the core's JSON |
//! | `ReasonCode`, `Verdict` | `str` |
//! | errors | `hrid.HridError(ValueError)` and subclasses, with `.code` |
//! | unix seconds | aware `datetime` or `int` |
//!
//! The pure-Python package `hrid` (bindings-python/python/hrid) re-exports these under their
//! public names; `_native.pyi` types them and is checked against this binary by `mypy.stubtest`.
//!
//! No function here panics on any input (the core never does, and this crate uses no `unwrap`,
//! `expect` or indexing), so `pyo3_runtime.PanicException` never reaches Python.

mod code;
mod convert;
mod errors;
mod history;
mod keys;
mod reason;
mod trust;
mod verify;

use pyo3::prelude::*;

/// The extension module. Exceptions and classes report `__module__ == "hrid"`, their public home.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;

    m.add("HridError", py.get_type::<errors::HridError>())?;
    m.add("InvalidCode", py.get_type::<errors::InvalidCode>())?;
    m.add("InvalidKey", py.get_type::<errors::InvalidKey>())?;
    m.add("InvalidDocument", py.get_type::<errors::InvalidDocument>())?;

    m.add_class::<code::PyIdentityCode>()?;
    m.add_class::<code::PySuggestion>()?;
    m.add_class::<code::PyCodeReport>()?;
    m.add_class::<code::PyFound>()?;
    m.add_class::<code::PyNearMiss>()?;
    m.add_class::<code::PyScan>()?;
    m.add_function(wrap_pyfunction!(code::validate, m)?)?;
    m.add_function(wrap_pyfunction!(code::is_valid, m)?)?;
    m.add_function(wrap_pyfunction!(code::compact, m)?)?;
    m.add_function(wrap_pyfunction!(code::format, m)?)?;
    m.add_function(wrap_pyfunction!(code::suggest, m)?)?;
    m.add_function(wrap_pyfunction!(code::find, m)?)?;
    m.add_function(wrap_pyfunction!(code::check, m)?)?;
    m.add_function(wrap_pyfunction!(code::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(code::check_many, m)?)?;

    m.add_class::<keys::PySigningKey>()?;
    m.add_class::<keys::PyVerifyingKey>()?;

    m.add_class::<trust::PyTrustList>()?;

    m.add_class::<verify::PyFinding>()?;
    m.add_class::<verify::PyVerificationReport>()?;
    m.add_class::<verify::PyVerifier>()?;
    m.add_function(wrap_pyfunction!(verify::sign_attestation, m)?)?;
    m.add_function(wrap_pyfunction!(verify::sign_recall, m)?)?;

    m.add_class::<history::PyHistoryReport>()?;
    m.add_class::<history::PyPassportReport>()?;
    m.add_class::<history::PyAccessDecision>()?;
    m.add_class::<history::PyAuditReport>()?;
    m.add_class::<history::PyCustodyReport>()?;

    m.add_function(wrap_pyfunction!(reason::reason_catalogue, m)?)?;
    Ok(())
}
