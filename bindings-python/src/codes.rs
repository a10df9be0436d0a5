//! Identity codes: `IdentityCode`, the python-stdnum verbs, reports, text scanning and the bulk
//! path. Results cross as the core's JSON and become the classes of `hrid.code`.

use core::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use serde_json::{json, Value};

use hrid::code::{
    self,
    report::{ErrorInfo, SuggestionInfo},
    CheckOptions, CodeError, CodeReport, IdentityCode, InvalidCode, Scan, SuggestOptions,
    Suggestion,
};

use crate::convert::{code_text, par_map, texts, PythonType};
use crate::errors::code_error;

static SUGGESTIONS: PythonType = PythonType::new("hrid.code", "_suggestions");
static CODE_REPORT: PythonType = PythonType::new("hrid.code", "CodeReport");
static SCAN: PythonType = PythonType::new("hrid.code", "_scan");

/// A `CodeReport`: the core's JSON, and beside it what nearly every caller reads (so that a
/// bulk check reads those without reading each report's JSON).
fn code_report<'py>(py: Python<'py>, report: &CodeReport) -> PyResult<Bound<'py, PyAny>> {
    let (valid, canonical) = (report.valid, report.canonical.as_deref());
    CODE_REPORT.call(py, (crate::convert::json(report)?, valid, canonical))
}

/// A valid identity code (check characters verified). Immutable, hashable, ordered.
#[pyclass(module = "hrid", name = "IdentityCode", frozen, eq, ord, hash, str)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyIdentityCode(pub IdentityCode);

impl fmt::Display for PyIdentityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[pymethods]
impl PyIdentityCode {
    /// Parse and verify a code in any accepted spelling; raises `InvalidCode`.
    #[new]
    fn new(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        validate(py, text)
    }

    /// Build a code from its fields, computing the check characters (what an issuer does).
    /// `unit` may be shorter than 13 characters: it is right-aligned and zero-padded.
    #[staticmethod]
    fn from_fields(
        py: Python<'_>,
        country: &str,
        manufacturer: &str,
        model: &str,
        unit: &str,
    ) -> PyResult<Self> {
        IdentityCode::from_fields(country, manufacturer, model, unit)
            .map(PyIdentityCode)
            .map_err(|error| {
                let suggestions = Vec::new(); // fields, not typed text: nothing to correct
                code_error(py, &InvalidCode { error, suggestions })
            })
    }

    /// The canonical form: 29 characters, upper case, no separators (also `str(code)`).
    #[getter]
    fn canonical(&self) -> &str {
        self.0.as_str()
    }

    /// `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`.
    #[getter]
    fn display_form(&self) -> String {
        self.0.display_form()
    }

    #[getter]
    fn country(&self) -> &str {
        self.0.country()
    }

    #[getter]
    fn manufacturer(&self) -> &str {
        self.0.manufacturer()
    }

    #[getter]
    fn model(&self) -> &str {
        self.0.model()
    }

    #[getter]
    fn unit(&self) -> &str {
        self.0.unit()
    }

    #[getter]
    fn check_characters(&self) -> &str {
        self.0.check_characters()
    }

    fn __repr__(&self) -> String {
        format!("IdentityCode('{}')", self.0.as_str())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        Ok((
            py.get_type::<Self>(),
            PyTuple::new(py, [slf.get().0.as_str()])?,
        ))
    }
}

/// Suggestions as a Python list of `hrid.Suggestion`.
pub fn suggestions<'py>(py: Python<'py>, list: &[Suggestion]) -> PyResult<Bound<'py, PyAny>> {
    let infos: Vec<SuggestionInfo> = list.iter().map(SuggestionInfo::from).collect();
    SUGGESTIONS.of(py, &infos)
}

/// The JSON of a scan: docs/schema/FindResult, the object every binding writes (the core's
/// `Scan` is not serialisable itself).
fn scan_json(scan: &Scan) -> Value {
    let found = scan.found.iter().map(|f| {
        json!({"code": f.code.as_str(), "text": f.text, "start": f.span.start, "end": f.span.end})
    });
    let near_misses = scan.near_misses.iter().map(|m| {
        let suggestions: Vec<SuggestionInfo> =
            m.suggestions.iter().map(SuggestionInfo::from).collect();
        json!({
            "text": m.text, "start": m.span.start, "end": m.span.end,
            "error": ErrorInfo::from(&m.error), "suggestions": suggestions,
        })
    });
    json!({"found": found.collect::<Vec<_>>(), "near_misses": near_misses.collect::<Vec<_>>(),
           "near_misses_omitted": scan.near_misses_omitted})
}

fn suggest_options(two_errors: bool) -> SuggestOptions {
    if two_errors {
        SuggestOptions::with_two_errors()
    } else {
        SuggestOptions::default()
    }
}

fn check_options(two_errors: bool, structure_only: bool) -> CheckOptions {
    let mut options = CheckOptions::default();
    options.structure_only = structure_only;
    options.suggest = suggest_options(two_errors);
    options
}

/// Parse and verify a code (python-stdnum's `validate`); raises `InvalidCode` with the core's
/// tier-A suggestions.
#[pyfunction]
pub fn validate(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyIdentityCode> {
    code::validate_or_suggest(&code_text(text)?)
        .map(PyIdentityCode)
        .map_err(|e| code_error(py, &e))
}

/// True when `text` is a valid code in any accepted spelling.
#[pyfunction]
pub fn is_valid(text: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(code::is_valid(&code_text(text)?))
}

/// The 29 canonical symbols of `text`, check characters not verified; raises `InvalidCode` for a
/// wrong alphabet or length.
#[pyfunction]
pub fn compact(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = code_text(text)?;
    code::compact(&text).map_err(|e| code_error(py, &InvalidCode::of(&text, CodeError::from(e))))
}

/// The display form of a valid code; raises `InvalidCode`.
#[pyfunction]
pub fn format(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(validate(py, text)?.0.display_form())
}

/// Suggested corrections, best first; tier B only with `two_errors=True`.
#[pyfunction]
#[pyo3(signature = (text, two_errors = false))]
pub fn suggest<'py>(text: &Bound<'py, PyAny>, two_errors: bool) -> PyResult<Bound<'py, PyAny>> {
    let options = suggest_options(two_errors);
    suggestions(text.py(), &code::suggest(&code_text(text)?, options))
}

/// Find codes (and near misses) in free text. Releases the GIL while scanning.
#[pyfunction]
pub fn find<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = code_text(text)?.into_owned();
    let scan = py.detach(move || scan_json(&code::find(&text)));
    SCAN.of(py, &scan)
}

/// Check one input and report validity, forms, fields, error and suggestions.
#[pyfunction]
#[pyo3(signature = (text, *, two_errors = false, structure_only = false))]
pub fn check<'py>(
    text: &Bound<'py, PyAny>,
    two_errors: bool,
    structure_only: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = check_options(two_errors, structure_only);
    code_report(text.py(), &code::check(&code_text(text)?, options))
}

/// `is_valid` for every string of an iterable, in one call: the strings are copied first, then
/// checked with the GIL released (on all cores for large batches).
#[pyfunction]
pub fn validate_many(py: Python<'_>, codes: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    let texts = texts(codes)?;
    Ok(py.detach(move || par_map(&texts.to_vec(), 8192, |t| code::is_valid(t))))
}

/// `check` for every string of an iterable, in one call (GIL released while checking, on all
/// cores for large batches).
#[pyfunction]
#[pyo3(signature = (codes, *, two_errors = false, structure_only = false))]
pub fn check_many<'py>(
    py: Python<'py>,
    codes: &Bound<'py, PyAny>,
    two_errors: bool,
    structure_only: bool,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let texts = texts(codes)?;
    let options = check_options(two_errors, structure_only);
    let reports = py.detach(move || par_map(&texts.to_vec(), 256, |t| code::check(t, options)));
    reports.iter().map(|r| code_report(py, r)).collect()
}
