//! The reason-code catalogue, and identity codes: check, validate, build, suggest, find.

use hrid::code::report::{ErrorInfo, Fields};
use hrid::code::{self, CheckOptions, IdentityCode, Scan, SuggestOptions, Suggestion};
use hrid::reason::{ReasonCode, Severity};

use crate::HridFfiError;

/// One entry of the reason-code catalogue.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReasonCodeInfo {
    /// The code as an enum value.
    pub reason: ReasonCode,
    /// The stable dotted string, e.g. `code.check_failed`.
    pub code: String,
    /// How it is normally reported.
    pub severity: Severity,
    /// One sentence a clerk understands.
    pub summary: String,
}

/// The whole catalogue, in the core's order (what `test-vectors/reason-codes.json` lists).
#[uniffi::export]
#[must_use]
pub fn reason_codes() -> Vec<ReasonCodeInfo> {
    ReasonCode::ALL
        .iter()
        .map(|&reason| ReasonCodeInfo {
            reason,
            code: reason.as_str().to_owned(),
            severity: reason.severity(),
            summary: reason.summary().to_owned(),
        })
        .collect()
}

/// A valid identity code (its check characters verified): Kotlin's `IdentityCode`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ValidCode {
    /// Canonical form: 29 symbols, upper case, no separators.
    pub canonical: String,
    /// Display form: `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`.
    pub display: String,
    /// The fields.
    pub fields: Fields,
}

impl From<IdentityCode> for ValidCode {
    fn from(code: IdentityCode) -> ValidCode {
        ValidCode {
            canonical: code.to_string(),
            display: code.display_form(),
            fields: Fields::from(&code),
        }
    }
}

/// Everything a user interface shows about one input: what `hrid code check --json` prints, with
/// the suggestions typed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeReport {
    /// The input as given.
    pub input: String,
    /// True only when the check characters verified.
    pub valid: bool,
    /// Canonical form, when the shape is right.
    pub canonical: Option<String>,
    /// Display form, when the shape is right.
    pub display: Option<String>,
    /// The fields, when the shape is right.
    pub fields: Option<Fields>,
    /// True in structure-only mode (the check characters were not verified; never `valid`).
    pub structure_only: bool,
    /// Why the input is not valid.
    pub error: Option<ErrorInfo>,
    /// A warning (structure-only mode: `code.structure_only`).
    pub warning: Option<ErrorInfo>,
    /// Suggestions, best first; present (possibly empty) when the check ran and failed.
    pub suggestions: Option<Vec<Suggestion>>,
}

fn suggest_options(two_errors: bool) -> SuggestOptions {
    if two_errors {
        SuggestOptions::with_two_errors()
    } else {
        SuggestOptions::default()
    }
}

/// Check one input and report validity, forms, fields, error and suggestions. Never throws.
///
/// `two_errors`: also offer tier-B suggestions (the person confirmed two characters look wrong).
/// `structure_only`: check only alphabet and length (for issuers without the check rule).
#[uniffi::export]
#[must_use]
pub fn check_code(text: String, two_errors: bool, structure_only: bool) -> CodeReport {
    let mut options = CheckOptions::default();
    options.structure_only = structure_only;
    options.suggest = suggest_options(two_errors);
    let r = code::check(&text, options);
    CodeReport {
        // The core's report lists its suggestions as text (`SuggestionInfo`); these are the same
        // ones typed: `suggest` with the options `check` used.
        suggestions: r.suggestions.map(|_| code::suggest(&text, options.suggest)),
        input: r.input,
        valid: r.valid,
        canonical: r.canonical,
        display: r.display,
        fields: r.fields,
        structure_only: r.structure_only.unwrap_or(false),
        error: r.error,
        warning: r.warning,
    }
}

/// Parse and verify a code in any accepted spelling.
///
/// # Errors
/// `InvalidCode`: `code.empty`, `code.invalid_character`, `code.wrong_length`,
/// `code.check_failed`, with the position and tier-A suggestions.
#[uniffi::export]
pub fn validate_code(text: String) -> Result<ValidCode, HridFfiError> {
    Ok(code::validate_or_suggest(&text)?.into())
}

/// True when `text` is a valid code in any accepted spelling.
#[uniffi::export]
#[must_use]
pub fn is_valid_code(text: String) -> bool {
    code::is_valid(&text)
}

/// The 29 canonical symbols of `text`, without verifying the check characters.
///
/// # Errors
/// `InvalidCode`: `code.empty`, `code.invalid_character`, `code.wrong_length`.
#[uniffi::export]
pub fn compact_code(text: String) -> Result<String, HridFfiError> {
    code::compact(&text).map_err(|e| code::InvalidCode::of(&text, e.into()).into())
}

/// The display form of a valid code.
///
/// # Errors
/// As [`validate_code`].
#[uniffi::export]
pub fn format_code(text: String) -> Result<String, HridFfiError> {
    Ok(code::validate_or_suggest(&text)?.display_form())
}

/// Build a code from its fields, computing the check characters. `unit` may be shorter than 13
/// symbols (right-aligned, zero-padded).
///
/// # Errors
/// `InvalidCode` with `code.field_invalid` (the position is within the offending field's text)
/// and no suggestions.
#[uniffi::export]
pub fn build_code(
    country: String,
    manufacturer: String,
    model: String,
    unit: String,
) -> Result<ValidCode, HridFfiError> {
    IdentityCode::from_fields(&country, &manufacturer, &model, &unit)
        .map(ValidCode::from)
        .map_err(|e| HridFfiError::InvalidCode {
            error: ErrorInfo::from(&e),
            suggestions: Vec::new(),
        })
}

/// Suggestions for a mistyped code, best first (none for a valid or hopeless input).
#[uniffi::export]
#[must_use]
pub fn suggest_code(text: String, two_errors: bool) -> Vec<Suggestion> {
    code::suggest(&text, suggest_options(two_errors))
}

/// Find identity codes in free text (a listing, an e-mail, a spreadsheet cell): valid codes and
/// near misses, with positions in Unicode scalar values.
#[uniffi::export]
#[must_use]
pub fn find_codes(text: String) -> Scan {
    code::find(&text)
}
