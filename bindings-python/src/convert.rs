//! Python values to core arguments and back: times, durations, text, bytes, JSON, and the
//! Python classes that the core's results become.

use std::borrow::Cow;

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString, PyType};
use pyo3::PyTypeInfo;
use rayon::prelude::*;

use hrid::reason::ReasonCode;

use crate::errors::document_error;

static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MEMORYVIEW: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// Whole seconds of a `timedelta`, rounded towards negative infinity (`days` may be negative,
/// `seconds` is always 0..86400).
fn timedelta_seconds(delta: &Bound<'_, PyAny>) -> PyResult<i64> {
    let days: i64 = delta.getattr("days")?.extract()?;
    let seconds: i64 = delta.getattr("seconds")?.extract()?;
    days.checked_mul(86_400)
        .and_then(|d| d.checked_add(seconds))
        .ok_or_else(|| PyOverflowError::new_err("duration out of range"))
}

/// An `int` of seconds; `None` when `value` is neither an `int` nor a `bool` (refused: `expected`
/// says what the argument is).
fn int_seconds(value: &Bound<'_, PyAny>, expected: &str) -> Option<PyResult<i64>> {
    if value.is_instance_of::<PyBool>() {
        return Some(Err(PyTypeError::new_err(format!("{expected}, not a bool"))));
    }
    value
        .is_instance_of::<PyInt>()
        .then(|| value.extract::<i64>())
}

/// A point in time as unix seconds: an aware `datetime` (floored to the second) or an `int`.
/// Naive datetimes are refused: hrid never guesses a time zone.
pub fn unix_seconds(value: &Bound<'_, PyAny>) -> PyResult<i64> {
    let py = value.py();
    let expected = "a time is an aware datetime or unix seconds (int)";
    if let Some(seconds) = int_seconds(value, expected) {
        return seconds;
    }
    let datetime = DATETIME.import(py, "datetime", "datetime")?;
    if !value.is_instance(datetime)? {
        return Err(PyTypeError::new_err(format!(
            "{expected}, not {}",
            type_name(value)
        )));
    }
    if value.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(
            "naive datetime (no tzinfo): pass an aware datetime, for example \
             datetime.now(timezone.utc), or unix seconds",
        ));
    }
    let epoch = EPOCH.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("tzinfo", utc)?;
        Ok(datetime.call((1970, 1, 1), Some(&kwargs))?.unbind())
    })?;
    timedelta_seconds(&value.call_method1("__sub__", (epoch.bind(py),))?)
}

/// A duration in whole seconds: a `timedelta` (floored) or an `int`.
pub fn duration_seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<i64> {
    let expected = format!("{what} is a timedelta or seconds (int)");
    if let Some(seconds) = int_seconds(value, &expected) {
        return seconds;
    }
    if value.is_instance(TIMEDELTA.import(value.py(), "datetime", "timedelta")?)? {
        return timedelta_seconds(value);
    }
    Err(PyTypeError::new_err(format!(
        "{expected}, not {}",
        type_name(value)
    )))
}

/// The text of a `str` argument for the identity-code functions.
///
/// A `str` holding lone surrogates has no UTF-8 form; each surrogate becomes `?` (one character
/// for one character, so positions still count Python's characters), which the core reads as an
/// unreadable character like any other outside the alphabet.
pub fn code_text<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    str_text(value, "an identity code")
}

/// The text of a `str` argument (`what` names it in the `TypeError`), read as [`code_text`] reads
/// identity codes.
pub fn str_text<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    let s = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{what} is given as str, not {}", type_name(value)))
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

/// The bytes of a document argument: `bytes`, `bytearray`, `memoryview` or `str` (UTF-8).
///
/// A `str` holding lone surrogates is passed on with them encoded as they stand
/// (`surrogatepass`): not UTF-8, so the core rejects the document as malformed JSON.
pub fn document_bytes(value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = value.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Ok(text.into_owned().into_bytes()),
            Err(_) => {
                let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec())
            }
        };
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    let memoryview = MEMORYVIEW.import(value.py(), "builtins", "memoryview")?;
    if value.is_instance(memoryview)? {
        let bytes = value.call_method0("tobytes")?;
        return Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "expected bytes, bytearray, memoryview or str, not {}",
        type_name(value)
    )))
}

/// `work` on the bytes of a document argument and a time argument (unix seconds), with the GIL
/// released: the calls that check one document at one time.
pub fn document_at<R: Send>(
    document: &Bound<'_, PyAny>,
    at: &Bound<'_, PyAny>,
    work: impl FnOnce(&[u8], i64) -> R + Send,
) -> PyResult<R> {
    let bytes = document_bytes(document)?;
    let at = unix_seconds(at)?;
    Ok(document.py().detach(|| work(&bytes, at)))
}

/// A JSON document given as a `dict` (or another JSON-serialisable value), or as JSON text in
/// `str` / `bytes`. Python values are written with `json.dumps`; the core then applies its own
/// checks (size, depth, duplicate keys, shape) to the bytes. A value that nests too deeply for
/// `json.dumps` itself (a `RecursionError`) raises `InvalidDocument` with the code `too_deep`.
pub fn json_document(value: &Bound<'_, PyAny>, too_deep: ReasonCode) -> PyResult<Vec<u8>> {
    let is_text = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.is_instance_of::<PyByteArray>();
    if is_text {
        return document_bytes(value);
    }
    let py = value.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("allow_nan", false)?;
    match JSON_DUMPS
        .import(py, "json", "dumps")?
        .call((value,), Some(&kwargs))
    {
        Ok(text) => document_bytes(&text),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyRecursionError>(py) => {
            Err(document_error(
                py,
                "the document nests deeper than allowed".to_owned(),
                too_deep.as_str(),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The core's JSON of `value`.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("cannot serialise: {e}")))
}

/// A serialisable core value as plain Python data (`dict`, `list`, `str`, `int`, `bool`, `None`),
/// through the core's own JSON so that it equals the Rust JSON exactly.
pub fn to_python<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS
        .import(py, "json", "loads")?
        .call1((json(value)?,))
}

/// A callable of the pure-Python package `hrid` (a report class, for example) that turns the
/// core's JSON into a typed Python value; looked up on first use.
pub struct PythonType {
    module: &'static str,
    name: &'static str,
    object: PyOnceLock<Py<PyAny>>,
}

impl core::fmt::Debug for PythonType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}.{}", self.module, self.name)
    }
}

impl PythonType {
    /// `hrid.<module>.<name>`, e.g. `PythonType::new("hrid.verify", "VerificationReport")`.
    pub const fn new(module: &'static str, name: &'static str) -> Self {
        PythonType {
            module,
            name,
            object: PyOnceLock::new(),
        }
    }

    /// `Type(json(value))`: the core's JSON of `value`, read by the Python type.
    pub fn of<'py, T: serde::Serialize + ?Sized>(
        &self,
        py: Python<'py>,
        value: &T,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.call(py, (json(value)?,))
    }

    /// `Type(json(report), verdict)`: a report, its verdict beside its JSON (reading the
    /// verdict, which nearly every caller does, then parses nothing).
    pub fn report<'py, R>(&self, py: Python<'py>, report: &R) -> PyResult<Bound<'py, PyAny>>
    where
        R: serde::Serialize + core::ops::Deref<Target = hrid::report::Findings>,
    {
        self.call(py, (json(report)?, report.verdict.as_str()))
    }

    /// `Type(*args)`.
    pub fn call<'py>(
        &self,
        py: Python<'py>,
        args: impl pyo3::call::PyCallArgs<'py>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.object.import(py, self.module, self.name)?.call1(args)
    }
}

/// The strings of a bulk call, copied out of Python so that the core can check them with the GIL
/// released.
#[derive(Debug)]
pub enum Texts {
    /// All strings joined by `\n` (none of them contains one): one copy for the whole batch.
    Joined(String, usize),
    /// One copy per string (some string holds `\n` or lone surrogates).
    Each(Vec<String>),
}

impl Texts {
    /// The strings, in order.
    pub fn to_vec(&self) -> Vec<&str> {
        match self {
            Texts::Joined(_, 0) => Vec::new(),
            Texts::Joined(joined, count) => {
                let mut out = Vec::with_capacity(*count);
                out.extend(joined.split('\n'));
                out
            }
            Texts::Each(each) => each.iter().map(String::as_str).collect(),
        }
    }
}

/// `work()` with rayon's parallel iterators (the core's bulk functions use them) on a pool of
/// this call's own, dropped on return, rather than rayon's global pool: a process that forks
/// (multiprocessing's default on Linux) after a bulk call must not inherit a pool whose threads
/// did not survive the fork. Building a pool costs well under a millisecond, against tens of
/// milliseconds for a batch worth splitting.
pub fn on_own_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new().build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// `items.map(f)` in order, on all cores (a pool of this call's own) when there are at least
/// `2 * min_len` items. For the bulk calls the core has no bulk function for (codes,
/// attestations).
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    min_len: usize,
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    if items.len() < min_len.saturating_mul(2) {
        return items.iter().map(f).collect();
    }
    on_own_pool(|| items.par_iter().with_min_len(min_len).map(&f).collect())
}

/// Strings from any iterable of `str`, for the bulk paths.
///
/// Fast path: `"\n".join(strings)` in C, then one UTF-8 copy; taken only when the joined text
/// splits back into exactly as many pieces as there are strings (so no string contains `\n`)
/// and has a UTF-8 form. Otherwise each string is copied on its own, with the same conversion as
/// the single-code functions.
pub fn texts(values: &Bound<'_, PyAny>) -> PyResult<Texts> {
    let py = values.py();
    let list = match values.cast::<PyList>() {
        Ok(l) => l.clone(),
        Err(_) => PyList::type_object(py)
            .call1((values,))?
            .cast_into::<PyList>()?,
    };
    let count = list.len();
    if let Ok(joined) = PyString::new(py, "\n").call_method1("join", (&list,)) {
        if let Ok(joined) = joined.cast::<PyString>() {
            if let Ok(text) = joined.to_cow() {
                let pieces = if count == 0 {
                    0
                } else {
                    text.matches('\n').count() + 1
                };
                if pieces == count {
                    return Ok(Texts::Joined(text.into_owned(), count));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(count);
    for (index, item) in list.iter().enumerate() {
        let text = code_text(&item).map_err(|e| {
            if e.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(format!(
                    "item {index}: an identity code is given as str, not {}",
                    type_name(&item)
                ))
            } else {
                e
            }
        })?;
        out.push(text.into_owned());
    }
    Ok(Texts::Each(out))
}

/// Documents from any iterable of `bytes` / `str`, for the bulk paths.
pub fn documents(values: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<u8>>> {
    let mut out = Vec::with_capacity(values.len().unwrap_or(0));
    for (index, item) in values.try_iter()?.enumerate() {
        let item = item?;
        out.push(
            document_bytes(&item).map_err(|e| {
                PyTypeError::new_err(format!("item {index}: {}", e.value(item.py())))
            })?,
        );
    }
    Ok(out)
}
