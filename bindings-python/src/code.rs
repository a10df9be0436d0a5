//! Identity codes: `IdentityCode`, suggestions, reports, text scanning and the bulk path.

use core::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

use hrid::code::{
    self, report::SuggestionInfo, CheckOptions, CodeError, CodeReport, Found, IdentityCode,
    NearMiss, Scan, SuggestOptions, Suggestion,
};

use crate::convert::{code_text, par_map, texts, to_python};
use crate::errors::code_error;

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
        parse(py, text)
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
            .map_err(|e| code_error(py, None, &e))
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

fn parse(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyIdentityCode> {
    let text = code_text(text)?;
    IdentityCode::parse(&text)
        .map(PyIdentityCode)
        .map_err(|e| code_error(py, Some(&text), &e))
}

/// A proposed correction. Never applied automatically.
#[pyclass(module = "hrid", name = "Suggestion", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PySuggestion {
    code: IdentityCode,
    /// The core's serialisable form (what `to_dict()` returns).
    info: SuggestionInfo,
}

impl From<&Suggestion> for PySuggestion {
    fn from(s: &Suggestion) -> Self {
        PySuggestion {
            code: s.code,
            info: SuggestionInfo::from(s),
        }
    }
}

impl PySuggestion {
    /// From a report's suggestion, whose code string the core wrote from a valid code.
    fn from_info(info: &SuggestionInfo) -> Option<Self> {
        Some(PySuggestion {
            code: IdentityCode::parse(&info.code).ok()?,
            info: info.clone(),
        })
    }
}

#[pymethods]
impl PySuggestion {
    /// The valid code proposed.
    #[getter]
    fn code(&self) -> PyIdentityCode {
        PyIdentityCode(self.code)
    }

    /// `"A"` (offer it) or `"B"` (only after the person confirms two characters look wrong).
    #[getter]
    fn tier(&self) -> &'static str {
        self.info.tier
    }

    /// `substitution`, `transposition`, `erasure_fill`, `insertion` or `deletion`.
    #[getter]
    fn repair(&self) -> &'static str {
        self.info.repair
    }

    /// Positions in the proposed code that differ from what was typed.
    #[getter]
    fn changed_positions(&self) -> Vec<usize> {
        self.info.changed_positions.clone()
    }

    /// `{"code", "tier", "repair", "changed_positions"}` as in the core's JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.info)
    }

    fn __repr__(&self) -> String {
        format!(
            "Suggestion(code='{}', tier='{}', repair='{}', changed_positions={:?})",
            self.code.as_str(),
            self.info.tier,
            self.info.repair,
            self.info.changed_positions
        )
    }
}

/// The result of `check()`: what `hrid code check --json` prints for one input.
#[pyclass(module = "hrid", name = "CodeReport", frozen)]
#[derive(Debug, Clone)]
pub struct PyCodeReport(CodeReport);

#[pymethods]
impl PyCodeReport {
    /// The input as given.
    #[getter]
    fn input(&self) -> &str {
        &self.0.input
    }

    /// True only when the check characters verified.
    #[getter]
    fn valid(&self) -> bool {
        self.0.valid
    }

    /// The canonical form, when the shape is right.
    #[getter]
    fn canonical(&self) -> Option<&str> {
        self.0.canonical.as_deref()
    }

    /// The display form, when the shape is right.
    #[getter]
    fn display(&self) -> Option<&str> {
        self.0.display.as_deref()
    }

    /// `{"country", "manufacturer", "model", "unit", "check"}`, when the shape is right.
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.fields)
    }

    /// True in structure-only mode (the check characters were not verified).
    #[getter]
    fn structure_only(&self) -> bool {
        self.0.structure_only.unwrap_or(false)
    }

    /// `{"code", "message", "position"}` when the input is not valid, else None.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.error)
    }

    /// `{"code", "message", "position"}` (structure-only mode: `code.structure_only`), else None.
    #[getter]
    fn warning<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0.warning)
    }

    /// Suggestions, best first (empty when valid or hopeless).
    #[getter]
    fn suggestions(&self) -> Vec<PySuggestion> {
        self.0
            .suggestions
            .iter()
            .flatten()
            .filter_map(PySuggestion::from_info)
            .collect()
    }

    /// The report as the core serialises it (fields absent when the core omits them).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.0)
    }

    fn __repr__(&self) -> String {
        match (&self.0.canonical, &self.0.error) {
            (_, Some(e)) => format!(
                "CodeReport(input={:?}, valid=False, error='{}')",
                self.0.input, e.code
            ),
            (Some(c), None) => format!(
                "CodeReport(input={:?}, valid={}, canonical='{c}')",
                self.0.input,
                if self.0.valid { "True" } else { "False" }
            ),
            (None, None) => format!("CodeReport(input={:?})", self.0.input),
        }
    }
}

/// A valid code found in text. `start`/`end` index Python characters: `text[start:end]`.
#[pyclass(module = "hrid", name = "Found", frozen)]
#[derive(Debug, Clone)]
pub struct PyFound(Found);

#[pymethods]
impl PyFound {
    #[getter]
    fn code(&self) -> PyIdentityCode {
        PyIdentityCode(self.0.code)
    }

    /// The text as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn start(&self) -> usize {
        self.0.span.start
    }

    #[getter]
    fn end(&self) -> usize {
        self.0.span.end
    }

    /// `{"code", "text", "start", "end"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("code", self.0.code.as_str())?;
        d.set_item("text", &self.0.text)?;
        d.set_item("start", self.0.span.start)?;
        d.set_item("end", self.0.span.end)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Found(code='{}', start={}, end={})",
            self.0.code.as_str(),
            self.0.span.start,
            self.0.span.end
        )
    }
}

/// Code-like text that does not verify, with its error and tier-A suggestions.
#[pyclass(module = "hrid", name = "NearMiss", frozen)]
#[derive(Debug, Clone)]
pub struct PyNearMiss(NearMiss);

#[pymethods]
impl PyNearMiss {
    /// The text as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn start(&self) -> usize {
        self.0.span.start
    }

    #[getter]
    fn end(&self) -> usize {
        self.0.span.end
    }

    /// The reason code, for example `code.check_failed`.
    #[getter]
    fn error(&self) -> &'static str {
        self.0.error.code()
    }

    /// Where the error points within `text`, when known.
    #[getter]
    fn position(&self) -> Option<usize> {
        self.0.error.position()
    }

    /// The error for people.
    #[getter]
    fn message(&self) -> String {
        self.0.error.to_string()
    }

    #[getter]
    fn suggestions(&self) -> Vec<PySuggestion> {
        self.0.suggestions.iter().map(PySuggestion::from).collect()
    }

    /// `{"text", "start", "end", "error", "position", "message", "suggestions": [codes]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.0.text)?;
        d.set_item("start", self.0.span.start)?;
        d.set_item("end", self.0.span.end)?;
        d.set_item("error", self.0.error.code())?;
        d.set_item("position", self.0.error.position())?;
        d.set_item("message", self.0.error.to_string())?;
        let codes: Vec<&str> = self.0.suggestions.iter().map(|s| s.code.as_str()).collect();
        d.set_item("suggestions", codes)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "NearMiss(text={:?}, start={}, end={}, error='{}')",
            self.0.text,
            self.0.span.start,
            self.0.span.end,
            self.0.error.code()
        )
    }
}

/// The result of `find()`.
#[pyclass(module = "hrid", name = "Scan", frozen)]
#[derive(Debug, Clone)]
pub struct PyScan(Scan);

#[pymethods]
impl PyScan {
    /// Valid codes, in text order.
    #[getter]
    fn found(&self) -> Vec<PyFound> {
        self.0.found.iter().cloned().map(PyFound).collect()
    }

    /// Code-like text that does not verify, in text order.
    #[getter]
    fn near_misses(&self) -> Vec<PyNearMiss> {
        self.0.near_misses.iter().cloned().map(PyNearMiss).collect()
    }

    /// `{"found": [...], "near_misses": [...]}` of the items' `to_dict()`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let found = self
            .0
            .found
            .iter()
            .map(|f| PyFound(f.clone()).to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        let near = self
            .0
            .near_misses
            .iter()
            .map(|m| PyNearMiss(m.clone()).to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        let d = PyDict::new(py);
        d.set_item("found", found)?;
        d.set_item("near_misses", near)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Scan(found={}, near_misses={})",
            self.0.found.len(),
            self.0.near_misses.len()
        )
    }
}

fn check_options(two_errors: bool, structure_only: bool) -> CheckOptions {
    let mut options = CheckOptions::default();
    options.structure_only = structure_only;
    if two_errors {
        options.suggest = SuggestOptions::with_two_errors();
    }
    options
}

/// Parse and verify a code (python-stdnum's `validate`); raises `InvalidCode`.
#[pyfunction]
pub fn validate(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyIdentityCode> {
    parse(py, text)
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
    code::compact(&text).map_err(|e| code_error(py, Some(&text), &CodeError::from(e)))
}

/// The display form of a valid code; raises `InvalidCode`.
#[pyfunction]
pub fn format(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = code_text(text)?;
    code::format(&text).map_err(|e| code_error(py, Some(&text), &e))
}

/// Suggested corrections, best first; tier B only with `two_errors=True`.
#[pyfunction]
#[pyo3(signature = (text, two_errors = false))]
pub fn suggest(text: &Bound<'_, PyAny>, two_errors: bool) -> PyResult<Vec<PySuggestion>> {
    let options = if two_errors {
        SuggestOptions::with_two_errors()
    } else {
        SuggestOptions::default()
    };
    Ok(code::suggest(&code_text(text)?, options)
        .iter()
        .map(PySuggestion::from)
        .collect())
}

/// Find codes (and near misses) in free text. Releases the GIL while scanning.
#[pyfunction]
pub fn find(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyScan> {
    let text = code_text(text)?.into_owned();
    Ok(PyScan(py.detach(move || code::find(&text))))
}

/// Check one input and report validity, forms, fields, error and suggestions.
#[pyfunction]
#[pyo3(signature = (text, *, two_errors = false, structure_only = false))]
pub fn check(
    text: &Bound<'_, PyAny>,
    two_errors: bool,
    structure_only: bool,
) -> PyResult<PyCodeReport> {
    Ok(PyCodeReport(code::check(
        &code_text(text)?,
        check_options(two_errors, structure_only),
    )))
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
pub fn check_many(
    py: Python<'_>,
    codes: &Bound<'_, PyAny>,
    two_errors: bool,
    structure_only: bool,
) -> PyResult<Vec<PyCodeReport>> {
    let texts = texts(codes)?;
    let options = check_options(two_errors, structure_only);
    Ok(py.detach(move || {
        par_map(&texts.to_vec(), 256, |t| {
            PyCodeReport(code::check(t, options))
        })
    }))
}
