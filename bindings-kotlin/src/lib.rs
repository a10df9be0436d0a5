//! # hrid-kotlin
//!
//! The Kotlin/JVM binding of [`hrid`], generated with uniffi (proc-macro style). This crate holds
//! no logic: every function converts its arguments, calls the core, and returns the core's own
//! result. The same input gives the same verdict and the same reason codes as in Rust.
//!
//! The records and enums are the core's: its feature `uniffi` derives them on its own types
//! (reports, findings, reason codes, documents), and uniffi generates their Kotlin in package
//! `uniffi.hrid`. This crate adds the objects (keys, trust lists, the verifier), the functions,
//! the options records of the Kotlin API and its error type; their Kotlin lands in package
//! `cn.hrid.ffi`. The hand-written facade in `bindings-kotlin/src/main/kotlin/cn/hrid/Hrid.kt`
//! (package `cn.hrid`) is what applications use. It turns [`HridFfiError`] into the sealed
//! `cn.hrid.HridException` hierarchy (a reason `code` and a readable `message`), because uniffi's
//! exceptions for errors with fields print a field dump as their message.
//!
//! | module | what it binds |
//! | --- | --- |
//! | `codes` | the reason-code catalogue; identity codes: check, validate, build, suggest, find |
//! | `keys` | Ed25519 verifying and signing keys |
//! | `trust` | verification options, trust lists |
//! | `verify` | the verifier and attestations |
//! | `history` | histories, recall notices, fleet audits |
//! | `passport` | passports and market-access decisions |
//! | `custody` | custody at a moment |
//! | `status` | the registry's status feed |
//!
//! Conversions: times are `i64` unix seconds (Kotlin `Long`); the core's counts and positions
//! cross as `i32` (Kotlin `Int`, as Kotlin indexes strings) and count Unicode scalar values; the
//! core's unsigned numbers (`seq`, hours, percentages) cross unsigned (Kotlin `ULong`, `UByte`).
//!
//! # Panics
//! Never on any input: the core never panics and this crate indexes, unwraps and panics nowhere.
//! A panic would reach Kotlin as `cn.hrid.ffi.InternalException`; the JUnit tests feed hostile
//! input to every function and assert that it never appears.

use hrid::code::report::ErrorInfo;
use hrid::code::Suggestion;
use hrid::reason::ReasonCode;

mod codes;
mod custody;
mod history;
mod keys;
mod passport;
mod status;
mod trust;
mod verify;

pub use codes::*;
pub use custody::*;
pub use history::*;
pub use keys::*;
pub use passport::*;
pub use status::*;
pub use trust::*;
pub use verify::*;

uniffi::setup_scaffolding!();

/// Every error of the binding. The Kotlin facade rethrows these as `cn.hrid.HridException`
/// subclasses whose `message` is the readable text.
#[derive(Debug, Clone, thiserror::Error, uniffi::Error)]
pub enum HridFfiError {
    /// Text that is not a valid identity code, or malformed fields to build one.
    #[error("{}", error.message)]
    InvalidCode {
        /// The reason code (`code.*`), the readable text and the position in the input.
        error: ErrorInfo,
        /// Tier-A suggestions, best first (possibly none).
        suggestions: Vec<Suggestion>,
    },
    /// A key that cannot be imported.
    #[error("{detail}")]
    InvalidKey {
        /// The reason code (`key.*`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
    /// A signed document (trust list, envelope) that was not accepted, or an unusable anchor.
    #[error("{detail}")]
    InvalidDocument {
        /// The reason code (`envelope.*`, `signature.*`, `trust_list.*`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
    /// Text that is not a passport (`parse_passport`; verification reports these as findings).
    #[error("{detail}")]
    InvalidPassport {
        /// The reason code (`passport.malformed`, `passport.version_unknown`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
}

impl From<hrid::code::InvalidCode> for HridFfiError {
    fn from(e: hrid::code::InvalidCode) -> HridFfiError {
        HridFfiError::InvalidCode {
            error: ErrorInfo::from(&e.error),
            suggestions: e.suggestions,
        }
    }
}

impl From<hrid::keys::KeyError> for HridFfiError {
    fn from(e: hrid::keys::KeyError) -> HridFfiError {
        HridFfiError::InvalidKey {
            code: e.reason(),
            detail: e.to_string(),
        }
    }
}

impl From<hrid::trust::TrustListError> for HridFfiError {
    fn from(e: hrid::trust::TrustListError) -> HridFfiError {
        HridFfiError::InvalidDocument {
            code: e.reason(),
            detail: e.to_string(),
        }
    }
}

impl From<hrid::passport::PassportError> for HridFfiError {
    fn from(e: hrid::passport::PassportError) -> HridFfiError {
        HridFfiError::InvalidPassport {
            code: e.reason(),
            detail: e.to_string(),
        }
    }
}
