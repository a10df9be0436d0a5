//! The identity code: plain functions, the `IdentityCode` class and `InvalidCodeError`.

use hrid::code::report::{ErrorInfo, SuggestionInfo};
use hrid::code::{self, CheckOptions, InvalidCode, SuggestOptions};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert;

#[wasm_bindgen]
extern "C" {
    /// `{ twoErrors?: boolean, structureOnly?: boolean }`.
    #[wasm_bindgen(typescript_type = "CheckCodeOptions")]
    pub type CheckCodeOptions;
    /// `{ twoErrors?: boolean }`.
    #[wasm_bindgen(typescript_type = "SuggestCodeOptions")]
    pub type SuggestCodeOptions;
}

fn suggest_options(options: &JsValue) -> Result<SuggestOptions, JsValue> {
    Ok(match convert::option_bool(options, "twoErrors")? {
        Some(true) => SuggestOptions::with_two_errors(),
        _ => SuggestOptions::default(),
    })
}

fn suggestions(all: &[code::Suggestion]) -> Vec<SuggestionInfo> {
    all.iter().map(SuggestionInfo::from).collect()
}

/// `InvalidCodeError`: `code` (`code.empty`, `code.invalid_character`, `code.wrong_length`,
/// `code.check_failed`, `code.field_invalid`), `position` (zero-based character index in the
/// input, or `null`) and `suggestions` (the core's tier-A corrections, best first).
pub(crate) fn invalid_code(e: InvalidCode) -> JsValue {
    let err = convert::error("InvalidCodeError", e.error.code(), &e.error);
    let position = (e.error.position()).map_or(JsValue::NULL, |p| JsValue::from_f64(p as f64));
    convert::set(&err, "position", &position);
    let suggestions = convert::to_js(&suggestions(&e.suggestions)).unwrap_or(JsValue::NULL);
    convert::set(&err, "suggestions", &suggestions);
    err
}

/// Parse and verify a code in any accepted spelling; `InvalidCodeError` with the core's
/// suggestions otherwise.
pub(crate) fn parse(text: &str) -> Result<code::IdentityCode, JsValue> {
    code::validate_or_suggest(text).map_err(invalid_code)
}

/// Check one input and report everything a form shows: validity, canonical and display forms,
/// fields, the error with its position, and suggestions. Never throws for any text.
///
/// `twoErrors` offers tier-B suggestions (the person confirmed that two characters look wrong);
/// `structureOnly` checks alphabet and length only (never `valid`, warning `code.structure_only`).
#[wasm_bindgen(js_name = checkCode, unchecked_return_type = "CodeReport")]
pub fn check_code(text: &str, options: Option<CheckCodeOptions>) -> Result<JsValue, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let mut o = CheckOptions::default();
    o.suggest = suggest_options(&options)?;
    o.structure_only = convert::option_bool(&options, "structureOnly")?.unwrap_or(false);
    convert::to_js(&code::check(text, o))
}

/// Parse and verify a code in any accepted spelling; throws `InvalidCodeError`.
#[wasm_bindgen(js_name = validateCode)]
pub fn validate_code(text: &str) -> Result<IdentityCode, JsValue> {
    IdentityCode::parse(text)
}

/// True when `text` is a valid code in any accepted spelling. Never throws.
#[wasm_bindgen(js_name = isValid)]
pub fn is_valid(text: &str) -> bool {
    code::is_valid(text)
}

/// The 29 canonical symbols (upper case, no separators), check characters not verified; throws
/// `InvalidCodeError` for a wrong alphabet or length.
#[wasm_bindgen]
pub fn compact(text: &str) -> Result<String, JsValue> {
    code::compact(text).map_err(|e| invalid_code(InvalidCode::of(text, e.into())))
}

/// The display form `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK` of a valid code; throws
/// `InvalidCodeError`.
#[wasm_bindgen]
pub fn format(text: &str) -> Result<String, JsValue> {
    Ok(parse(text)?.display_form())
}

/// Suggested corrections, best first (none for a valid code or hopeless text).
#[wasm_bindgen(unchecked_return_type = "Suggestion[]")]
pub fn suggest(text: &str, options: Option<SuggestCodeOptions>) -> Result<JsValue, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    convert::to_js(&suggestions(&code::suggest(
        text,
        suggest_options(&options)?,
    )))
}

/// Find identity codes in free text: valid codes in `found`, code-like text that does not verify
/// in `near_misses` (with tier-A suggestions). Positions are character (code point) indexes, as
/// in `Array.from(text)`.
#[wasm_bindgen(js_name = findCodes, unchecked_return_type = "FindResult")]
pub fn find_codes(text: &str) -> Result<JsValue, JsValue> {
    // The shape of docs/schema/FindResult.schema.json (the core's `Scan` has no serde form).
    let scan = code::find(text);
    let found: Vec<_> = (scan.found.iter())
        .map(|f| json!({"code": f.code, "text": f.text, "start": f.span.start, "end": f.span.end}))
        .collect();
    let near_misses: Vec<_> = (scan.near_misses.iter())
        .map(|m| {
            json!({"text": m.text, "start": m.span.start, "end": m.span.end,
                   "error": ErrorInfo::from(&m.error), "suggestions": suggestions(&m.suggestions)})
        })
        .collect();
    convert::to_js(&json!({"found": found, "near_misses": near_misses,
                           "near_misses_omitted": scan.near_misses_omitted}))
}

/// A valid identity code. Holding one proves the check characters verified.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct IdentityCode {
    inner: code::IdentityCode,
}

#[wasm_bindgen]
impl IdentityCode {
    /// Same as `IdentityCode.parse(text)`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<IdentityCode, JsValue> {
        IdentityCode::parse(text)
    }

    /// Parse and verify a code in any accepted spelling; throws `InvalidCodeError`.
    pub fn parse(text: &str) -> Result<IdentityCode, JsValue> {
        parse(text).map(|inner| IdentityCode { inner })
    }

    /// Build a code from its fields, computing the check characters (`unit` may be shorter than
    /// 13 symbols: it is zero-padded); throws `InvalidCodeError` with `code.field_invalid`.
    #[wasm_bindgen(js_name = fromFields)]
    pub fn from_fields(
        country: &str,
        manufacturer: &str,
        model: &str,
        unit: &str,
    ) -> Result<IdentityCode, JsValue> {
        code::IdentityCode::from_fields(country, manufacturer, model, unit)
            .map(|inner| IdentityCode { inner })
            .map_err(|error| {
                invalid_code(InvalidCode {
                    error,
                    suggestions: Vec::new(),
                })
            })
    }

    /// The canonical form: 29 symbols, upper case, no separators.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> String {
        self.inner.as_str().to_owned()
    }

    /// `JSON.stringify` writes the canonical form.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.as_str().to_owned()
    }

    /// The display form `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`.
    #[wasm_bindgen(getter, js_name = displayForm)]
    pub fn display_form(&self) -> String {
        self.inner.display_form()
    }

    /// `c0..c1`.
    #[wasm_bindgen(getter)]
    pub fn country(&self) -> String {
        self.inner.country().to_owned()
    }

    /// `c2..c5`.
    #[wasm_bindgen(getter)]
    pub fn manufacturer(&self) -> String {
        self.inner.manufacturer().to_owned()
    }

    /// `c6..c11`.
    #[wasm_bindgen(getter)]
    pub fn model(&self) -> String {
        self.inner.model().to_owned()
    }

    /// `c12..c24`.
    #[wasm_bindgen(getter)]
    pub fn unit(&self) -> String {
        self.inner.unit().to_owned()
    }

    /// `c25..c28`.
    #[wasm_bindgen(getter, js_name = checkCharacters)]
    pub fn check_characters(&self) -> String {
        self.inner.check_characters().to_owned()
    }

    /// True when both are the same code.
    pub fn equals(&self, other: &IdentityCode) -> bool {
        self.inner == other.inner
    }
}
