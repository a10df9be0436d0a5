//! The reason-code catalogue.

use pyo3::prelude::*;

use hrid::reason::ReasonCode;

/// Every reason code in catalogue order, as `(code, severity, summary)`.
#[pyfunction]
pub fn reason_catalogue() -> Vec<(&'static str, &'static str, &'static str)> {
    ReasonCode::ALL
        .iter()
        .map(|c| (c.as_str(), c.severity().as_str(), c.summary()))
        .collect()
}
