//! `hrid._native`: the Python binding of the `hrid` core.
//!
//! Conversions only. Every decision (validity, suggestions, verdicts, reason codes) is made by the
//! core; this crate turns Python values into core arguments and core results into Python values:
//!
//! | core | Python |
//! | --- | --- |
//! | `IdentityCode`, `SigningKey`, `VerifyingKey`, `VerifiedTrustList`, `Verifier`, `VerifiedStatusFeed` (in an `Arc`) | frozen classes |
//! | reports, findings, suggestions (anything the core serialises) | the core's JSON, read once by the pure-Python classes of `hrid` (`hrid.report.Report` and its subclasses), typed by TypedDicts generated from the core's JSON Schemas |
//! | `ReasonCode`, `Verdict` | `str` |
//! | errors | `hrid.HridError(ValueError)` and subclasses, with `.code` |
//! | unix seconds | aware `datetime` or `int` |
//!
//! One module per topic, the same in every binding: `codes`, `keys`, `trust`, `verify`,
//! `history`, `passport`, `status`, `custody` (plus `convert` and `errors`). `_native.pyi` types this
//! module and is checked against the binary by `mypy.stubtest`.
//!
//! No function here panics on any input (the core never does, and this crate uses no `unwrap`,
//! `expect` or indexing), so `pyo3_runtime.PanicException` never reaches Python.

mod codes;
mod convert;
mod custody;
mod errors;
mod history;
mod keys;
mod passport;
mod status;
mod trust;
mod verify;

use pyo3::prelude::*;

use hrid::reason::ReasonCode;

/// Every reason code in catalogue order, as `(code, severity, summary)`.
#[pyfunction]
fn reason_catalogue() -> Vec<(&'static str, &'static str, &'static str)> {
    ReasonCode::ALL
        .iter()
        .map(|c| (c.as_str(), c.severity().as_str(), c.summary()))
        .collect()
}

/// The extension module. Exceptions and classes report `__module__ == "hrid"`, their public home.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ALPHABET", hrid::code::ALPHABET)?;
    m.add("LENGTH", hrid::code::LENGTH)?;
    m.add_function(wrap_pyfunction!(reason_catalogue, m)?)?;

    m.add("HridError", py.get_type::<errors::HridError>())?;
    m.add("InvalidCode", py.get_type::<errors::InvalidCode>())?;
    m.add("InvalidKey", py.get_type::<errors::InvalidKey>())?;
    m.add("InvalidDocument", py.get_type::<errors::InvalidDocument>())?;

    m.add_class::<codes::PyIdentityCode>()?;
    m.add_function(wrap_pyfunction!(codes::validate, m)?)?;
    m.add_function(wrap_pyfunction!(codes::is_valid, m)?)?;
    m.add_function(wrap_pyfunction!(codes::compact, m)?)?;
    m.add_function(wrap_pyfunction!(codes::format, m)?)?;
    m.add_function(wrap_pyfunction!(codes::suggest, m)?)?;
    m.add_function(wrap_pyfunction!(codes::find, m)?)?;
    m.add_function(wrap_pyfunction!(codes::check, m)?)?;
    m.add_function(wrap_pyfunction!(codes::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(codes::check_many, m)?)?;

    m.add_class::<keys::PySigningKey>()?;
    m.add_class::<keys::PyVerifyingKey>()?;
    m.add_class::<trust::PyTrustList>()?;
    m.add_class::<verify::PyVerifier>()?;
    m.add_class::<status::PyStatusFeed>()?;
    m.add_function(wrap_pyfunction!(verify::sign_attestation, m)?)?;
    m.add_function(wrap_pyfunction!(history::sign_recall, m)?)?;
    m.add_function(wrap_pyfunction!(status::sign_status_feed, m)?)?;
    Ok(())
}
