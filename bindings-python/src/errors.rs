//! The exception hierarchy and the conversion of core errors into it.
//!
//! ```text
//! ValueError
//! └── hrid.HridError          .code: the stable reason code (str)
//!     ├── hrid.InvalidCode    .position, .suggestions (the core's hrid::code::InvalidCode)
//!     ├── hrid.InvalidKey
//!     └── hrid.InvalidDocument   envelopes, statements, trust lists
//! ```
//!
//! The message is the core's `Display` text; match on `.code`, never on the message.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::PyTypeInfo;

use crate::codes::suggestions;

create_exception!(
    hrid,
    HridError,
    PyValueError,
    "Base class of every hrid error. `.code` is the stable reason code, for example \
     'code.check_failed'; the message is for people and may change."
);
create_exception!(
    hrid,
    InvalidCode,
    HridError,
    "An identity code is not valid. `.position` is the zero-based character the error points at \
     (or None); `.suggestions` lists tier-A corrections, best first."
);
create_exception!(
    hrid,
    InvalidKey,
    HridError,
    "A key could not be imported or exported ('key.*' codes)."
);
create_exception!(
    hrid,
    InvalidDocument,
    HridError,
    "An envelope, statement or trust list was refused ('envelope.*', 'signature.*', \
     'signer.*', 'statement.*' or 'trust_list.*' codes)."
);

/// An exception of type `T` with `message`, `.code` and further attributes.
fn raise<'py, T: PyTypeInfo>(
    py: Python<'py>,
    message: String,
    code: &str,
    attrs: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyErr {
    let err = PyErr::new::<T, _>(message);
    let value = err.value(py);
    if let Err(e) = value.setattr("code", code) {
        return e;
    }
    for (name, v) in attrs {
        if let Err(e) = value.setattr(name, v) {
            return e;
        }
    }
    err
}

/// `InvalidCode` from the core's error and the suggestions it decided on.
pub fn code_error(py: Python<'_>, e: &hrid::code::InvalidCode) -> PyErr {
    let suggestions = match suggestions(py, &e.suggestions) {
        Ok(list) => list,
        Err(err) => return err,
    };
    let position = match e.error.position().into_pyobject(py) {
        Ok(p) => p,
        Err(never) => match never {},
    };
    raise::<InvalidCode>(
        py,
        e.to_string(),
        e.error.code(),
        vec![("position", position), ("suggestions", suggestions)],
    )
}

/// `InvalidKey` with the core's reason code.
pub fn key_error(py: Python<'_>, e: &hrid::keys::KeyError) -> PyErr {
    raise::<InvalidKey>(py, e.to_string(), e.code(), vec![])
}

/// `InvalidDocument` with a reason code and message from the core.
pub fn document_error(py: Python<'_>, message: String, code: &str) -> PyErr {
    raise::<InvalidDocument>(py, message, code, vec![])
}
