//! A serialisable report of one code check, shared by the CLI and every binding so that the same
//! input prints the same JSON everywhere.

use serde::Serialize;

use super::suggest::{suggest, SuggestOptions, Suggestion};
#[cfg(feature = "schema")]
use super::suggest::{Repair, Tier};
use super::{CodeError, Field, IdentityCode, UncheckedCode};
use crate::reason::ReasonCode;

/// The fields of a code as text.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CodeFields"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Fields {
    /// `c0..c1`.
    pub country: String,
    /// `c2..c5`.
    pub manufacturer: String,
    /// `c6..c11`.
    pub model: String,
    /// `c12..c24`.
    pub unit: String,
    /// `c25..c28`.
    pub check: String,
}

impl Fields {
    fn of(field: impl Fn(Field) -> String) -> Self {
        Fields {
            country: field(Field::Country),
            manufacturer: field(Field::Manufacturer),
            model: field(Field::Model),
            unit: field(Field::Unit),
            check: field(Field::Check),
        }
    }
}

/// An error as data: reason code, message and position.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct ErrorInfo {
    /// The stable reason code, for example `code.check_failed` (serialised as its string).
    pub code: ReasonCode,
    /// Human-readable text (may change between releases; match on `code`).
    pub message: String,
    /// Zero-based character position in the input, where known.
    pub position: Option<usize>,
}

impl From<&CodeError> for ErrorInfo {
    fn from(e: &CodeError) -> Self {
        ErrorInfo {
            code: e.reason(),
            message: e.to_string(),
            position: e.position(),
        }
    }
}

/// A suggestion as data.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Suggestion"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SuggestionInfo {
    /// The proposed valid code, canonical form.
    pub code: String,
    /// `"A"` or `"B"`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "names_schema::<Tier>"))]
    pub tier: &'static str,
    /// `substitution`, `transposition`, `erasure_fill`, `insertion` or `deletion`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "names_schema::<Repair>"))]
    pub repair: &'static str,
    /// Positions in the proposed code that differ from the input.
    pub changed_positions: Vec<usize>,
}

impl From<&Suggestion> for SuggestionInfo {
    fn from(s: &Suggestion) -> Self {
        SuggestionInfo {
            code: s.code.to_string(),
            tier: s.tier.as_str(),
            repair: s.repair.as_str(),
            changed_positions: s.changed_positions.clone(),
        }
    }
}

/// The result of [`check`]: what `hrid code check --json` prints for one input.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CodeReport {
    /// The input as given.
    pub input: String,
    /// True only when the check characters verified.
    pub valid: bool,
    /// Canonical form, when the shape is right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Display form, when the shape is right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The fields, when the shape is right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Fields>,
    /// Set (true) only in structure-only mode: the shape was checked, the check characters not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure_only: Option<bool>,
    /// Why the input is not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    /// A warning (structure-only mode: `code.structure_only`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<ErrorInfo>,
    /// Suggestions, best first, when invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<SuggestionInfo>>,
}

/// How [`check`] treats its input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckOptions {
    /// Suggestion options for invalid input.
    pub suggest: SuggestOptions,
    /// Check only the alphabet and length (for issuers that do not use the check rule); the result
    /// is never `valid`, and carries the warning `code.structure_only`.
    pub structure_only: bool,
}

/// Check one input and report everything a user interface shows: validity, forms, fields, error
/// and suggestions.
#[must_use]
pub fn check(input: &str, options: CheckOptions) -> CodeReport {
    let mut report = CodeReport {
        input: input.to_owned(),
        valid: false,
        structure_only: None,
        canonical: None,
        display: None,
        fields: None,
        error: None,
        warning: None,
        suggestions: None,
    };
    if options.structure_only {
        report.structure_only = Some(true);
        match UncheckedCode::parse(input) {
            Ok(u) => {
                let canonical = u.canonical();
                report.display = Some(display_of(&canonical));
                report.canonical = Some(canonical);
                report.fields = Some(Fields::of(|f| u.field(f)));
                report.warning = Some(ErrorInfo {
                    code: ReasonCode::CodeStructureOnly,
                    message: "structure only: the check characters were not verified".to_owned(),
                    position: None,
                });
            }
            Err(e) => report.error = Some(ErrorInfo::from(&CodeError::from(e))),
        }
        return report;
    }
    match IdentityCode::parse(input) {
        Ok(code) => {
            report.valid = true;
            report.canonical = Some(code.to_string());
            report.display = Some(code.display_form());
            report.fields = Some(Fields::of(|f| code.field(f).to_owned()));
        }
        Err(e) => {
            report.error = Some(ErrorInfo::from(&e));
            report.suggestions = Some(
                suggest(input, options.suggest)
                    .iter()
                    .map(SuggestionInfo::from)
                    .collect(),
            );
        }
    }
    report
}

/// The display form of 29 canonical symbols.
pub(crate) fn display_of(canonical: &str) -> String {
    [
        Field::Country,
        Field::Manufacturer,
        Field::Model,
        Field::Unit,
        Field::Check,
    ]
    .iter()
    .map(|f| canonical.get(f.range()).unwrap_or_default())
    .collect::<Vec<_>>()
    .join("-")
}

/// The JSON Schema of a field that holds one of an enum's stable names (`names!`).
#[cfg(feature = "schema")]
fn names_schema<T: Names>(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "enum": T::names()})
}

/// An enum with stable names, for [`names_schema`].
#[cfg(feature = "schema")]
trait Names {
    fn names() -> Vec<&'static str>;
}

#[cfg(feature = "schema")]
impl Names for Tier {
    fn names() -> Vec<&'static str> {
        Tier::ALL.iter().map(|t| t.as_str()).collect()
    }
}

#[cfg(feature = "schema")]
impl Names for Repair {
    fn names() -> Vec<&'static str> {
        Repair::ALL.iter().map(|r| r.as_str()).collect()
    }
}
