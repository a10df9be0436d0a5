//! The 29-character identity code of a humanoid robot.
//!
//! Layout (`c0..c28`): country `c0..c1`, manufacturer `c2..c5`, model `c6..c11`, unit number
//! `c12..c24`, check characters `c25..c28`. The alphabet is Crockford base32. The four check
//! characters are a Reed-Solomon code over GF(32) that detects every error in up to 4 symbols and
//! can locate up to 2; see `docs/identity-code.md` for the normative specification.
//!
//! Parsing is staged: text becomes an [`UncheckedCode`] (right alphabet and length, the
//! [`ShapeError`] step), which becomes an [`IdentityCode`] once its check characters verify (the
//! [`CheckError`] step). Plain functions cover the common verbs: [`validate`], [`is_valid`],
//! [`compact`], [`format`], [`suggest`](suggest::suggest) and [`find`](find::find).
//!
//! ```
//! use hrid::code::{self, IdentityCode};
//!
//! let code: IdentityCode = "86-0042-a3w0f5-0000000012345-zar2".parse()?;
//! assert_eq!(code.as_str(), "860042A3W0F50000000012345ZAR2");
//! assert_eq!(code.manufacturer(), "0042");
//! assert_eq!(code.display_form(), "86-0042-A3W0F5-0000000012345-ZAR2");
//!
//! // One character mistyped: rejected, located, and the original suggested.
//! let err = code::validate("860042A3W0F50000000012345ZARX").unwrap_err();
//! assert_eq!(err.code(), "code.check_failed");
//! assert_eq!(err.position(), Some(28));
//! let fixes = code::suggest("860042A3W0F50000000012345ZARX", code::SuggestOptions::default());
//! assert_eq!(fixes[0].code, code);
//! # Ok::<(), hrid::code::CodeError>(())
//! ```

mod error;
pub mod find;
pub mod report;
pub(crate) mod rs;
pub mod suggest;

use core::fmt;
use core::str::FromStr;

pub use error::{CheckError, CodeError, FieldError, ShapeError};
pub use find::{find, find_each, Found, Hit, NearMiss, Scan, Span, MAX_NEAR_MISSES};
pub use report::{check, CheckOptions, CodeReport};
pub use suggest::{suggest, Repair, SuggestOptions, Suggestion, Tier};

use rs::{BODY_LEN, CODE_LEN};

/// The identity-code alphabet (Crockford base32): a symbol's value is its index.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Number of symbols in a code.
pub const LENGTH: usize = CODE_LEN;

const ALPHABET_BYTES: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How one input character reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// A code symbol with this value.
    Symbol(u8),
    /// A separator (hyphen or space), dropped.
    Separator,
    /// Any other character.
    Invalid,
}

const SEPARATOR: u8 = 0xFE;
const INVALID: u8 = 0xFF;

/// ASCII byte -> symbol value, [`SEPARATOR`] or [`INVALID`].
const READ_TABLE: [u8; 128] = build_read_table();

#[allow(clippy::indexing_slicing)] // evaluated at compile time: an out-of-range index fails the build
const fn build_read_table() -> [u8; 128] {
    let mut t = [INVALID; 128];
    let mut v = 0;
    while v < 32 {
        let upper = ALPHABET_BYTES[v];
        t[upper as usize] = v as u8;
        t[upper.to_ascii_lowercase() as usize] = v as u8;
        v += 1;
    }
    t[b'I' as usize] = 1;
    t[b'i' as usize] = 1;
    t[b'L' as usize] = 1;
    t[b'l' as usize] = 1;
    t[b'O' as usize] = 0;
    t[b'o' as usize] = 0;
    t[b'-' as usize] = SEPARATOR;
    t[b' ' as usize] = SEPARATOR;
    t
}

/// Normalise one character: letters are case-insensitive, `I` and `L` read as `1`, `O` as `0`;
/// hyphen and space are separators; everything else (including all non-ASCII) is invalid.
pub(crate) fn read_char(c: char) -> Reading {
    let byte = if c.is_ascii() {
        READ_TABLE.get(c as usize).copied().unwrap_or(INVALID)
    } else {
        INVALID
    };
    match byte {
        SEPARATOR => Reading::Separator,
        INVALID => Reading::Invalid,
        v => Reading::Symbol(v),
    }
}

fn symbol_char(v: u8) -> u8 {
    ALPHABET_BYTES
        .get(usize::from(v & 31))
        .copied()
        .unwrap_or(b'0')
}

/// The fields of an identity code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// `c0..c1`: the country (China is `86`).
    Country,
    /// `c2..c5`: the manufacturer code.
    Manufacturer,
    /// `c6..c11`: the product model.
    Model,
    /// `c12..c24`: the unit number within the model.
    Unit,
    /// `c25..c28`: the check characters.
    Check,
}

impl Field {
    /// The range of code positions the field occupies.
    #[must_use]
    pub const fn range(self) -> core::ops::Range<usize> {
        match self {
            Field::Country => 0..2,
            Field::Manufacturer => 2..6,
            Field::Model => 6..12,
            Field::Unit => 12..25,
            Field::Check => 25..29,
        }
    }

    /// The field's lowercase name, as used in JSON (`country`, `manufacturer`, ...).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Field::Country => "country",
            Field::Manufacturer => "manufacturer",
            Field::Model => "model",
            Field::Unit => "unit",
            Field::Check => "check",
        }
    }

    /// The field that holds code position `position`, if any.
    #[must_use]
    pub fn at(position: usize) -> Option<Field> {
        [
            Field::Country,
            Field::Manufacturer,
            Field::Model,
            Field::Unit,
            Field::Check,
        ]
        .into_iter()
        .find(|f| f.range().contains(&position))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A code of the right alphabet and length whose check characters have not been verified.
///
/// This is the first parsing step, and also what a structure-only check returns for codes from
/// issuers that do not use the check rule: such a code is never reported as valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncheckedCode {
    symbols: [u8; CODE_LEN],
    /// For each symbol, the index of the character it came from in the input.
    input_positions: [usize; CODE_LEN],
}

impl UncheckedCode {
    /// Normalise `text` and check alphabet and length only.
    ///
    /// # Errors
    /// [`ShapeError`]: `code.empty`, `code.invalid_character` (with the position of the character in
    /// the input as given), `code.wrong_length`.
    pub fn parse(text: &str) -> Result<Self, ShapeError> {
        let mut symbols = [0u8; CODE_LEN];
        let mut input_positions = [0usize; CODE_LEN];
        let mut n = 0usize;
        for (position, c) in text.chars().enumerate() {
            match read_char(c) {
                Reading::Separator => {}
                Reading::Invalid => {
                    return Err(ShapeError::InvalidCharacter { position, found: c })
                }
                Reading::Symbol(v) => {
                    if let (Some(s), Some(p)) = (symbols.get_mut(n), input_positions.get_mut(n)) {
                        *s = v;
                        *p = position;
                    }
                    n += 1;
                }
            }
        }
        match n {
            0 => Err(ShapeError::Empty),
            CODE_LEN => Ok(UncheckedCode {
                symbols,
                input_positions,
            }),
            found => Err(ShapeError::WrongLength { found }),
        }
    }

    /// True when the check characters verify.
    #[must_use]
    pub fn is_check_valid(&self) -> bool {
        rs::is_codeword(&self.symbols)
    }

    /// Verify the check characters.
    ///
    /// # Errors
    /// [`CheckError`] (`code.check_failed`), with the input position of the wrong character when a
    /// single wrong character explains the mismatch.
    pub fn check(&self) -> Result<IdentityCode, CheckError> {
        if self.is_check_valid() {
            return Ok(IdentityCode::from_symbols(&self.symbols));
        }
        let located = rs::decode(&self.symbols, &[])
            .filter(|d| d.errors == 1)
            .and_then(|d| d.changed.first().copied())
            .and_then(|p| self.input_positions.get(p).copied());
        Err(CheckError { position: located })
    }

    /// The canonical text (29 symbols, no separators), whether or not it verifies.
    #[must_use]
    pub fn canonical(&self) -> String {
        self.symbols
            .iter()
            .map(|&v| char::from(symbol_char(v)))
            .collect()
    }

    /// The value of one field as text.
    #[must_use]
    pub fn field(&self, field: Field) -> String {
        self.symbols
            .get(field.range())
            .unwrap_or(&[])
            .iter()
            .map(|&v| char::from(symbol_char(v)))
            .collect()
    }
}

/// A valid identity code: 29 symbols whose check characters verify.
///
/// Only [`IdentityCode::parse`], [`UncheckedCode::check`] and [`IdentityCode::from_fields`] build
/// one, so holding an `IdentityCode` proves the code is valid. It displays in canonical form;
/// `{:#}` gives the display form with hyphens. Serde uses the canonical string and accepts only
/// the canonical form, so signed documents have one spelling per code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityCode {
    /// Canonical ASCII text.
    text: [u8; CODE_LEN],
}

impl IdentityCode {
    /// Parse and verify a code in any accepted spelling (any case, with or without separators).
    ///
    /// # Errors
    /// [`CodeError`]: `code.empty`, `code.invalid_character`, `code.wrong_length`,
    /// `code.check_failed`.
    pub fn parse(text: &str) -> Result<Self, CodeError> {
        Ok(UncheckedCode::parse(text)?.check()?)
    }

    /// Build a code from its fields, computing the check characters (what an issuer does).
    ///
    /// `unit` may be shorter than 13 symbols: it is right-aligned and zero-padded.
    ///
    /// # Errors
    /// `code.field_invalid` when a field has the wrong length or a character outside the alphabet.
    pub fn from_fields(
        country: &str,
        manufacturer: &str,
        model: &str,
        unit: &str,
    ) -> Result<Self, CodeError> {
        let mut body = [0u8; BODY_LEN];
        fill_field(&mut body, Field::Country, country, false)?;
        fill_field(&mut body, Field::Manufacturer, manufacturer, false)?;
        fill_field(&mut body, Field::Model, model, false)?;
        fill_field(&mut body, Field::Unit, unit, true)?;
        Ok(Self::from_body(&body))
    }

    /// Build the code whose first 25 symbols are `body` (symbol values 0..32).
    pub(crate) fn from_body(body: &[u8; BODY_LEN]) -> Self {
        let check = rs::check_symbols(body);
        let mut symbols = [0u8; CODE_LEN];
        for (dst, &src) in symbols.iter_mut().zip(body.iter().chain(check.iter())) {
            *dst = src;
        }
        Self::from_symbols(&symbols)
    }

    fn from_symbols(symbols: &[u8; CODE_LEN]) -> Self {
        let mut text = [0u8; CODE_LEN];
        for (t, &v) in text.iter_mut().zip(symbols.iter()) {
            *t = symbol_char(v);
        }
        IdentityCode { text }
    }

    /// The canonical form: 29 symbols, upper case, no separators.
    #[must_use]
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The display form: `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`.
    #[must_use]
    pub fn display_form(&self) -> String {
        report::display_of(self.as_str())
    }

    /// The text of one field.
    #[must_use]
    pub fn field(&self, field: Field) -> &str {
        self.as_str().get(field.range()).unwrap_or_default()
    }

    /// The country field (`c0..c1`).
    #[must_use]
    pub fn country(&self) -> &str {
        self.field(Field::Country)
    }

    /// The manufacturer code (`c2..c5`).
    #[must_use]
    pub fn manufacturer(&self) -> &str {
        self.field(Field::Manufacturer)
    }

    /// The product model (`c6..c11`).
    #[must_use]
    pub fn model(&self) -> &str {
        self.field(Field::Model)
    }

    /// The unit number (`c12..c24`, 13 symbols).
    #[must_use]
    pub fn unit(&self) -> &str {
        self.field(Field::Unit)
    }

    /// The check characters (`c25..c28`).
    #[must_use]
    pub fn check_characters(&self) -> &str {
        self.field(Field::Check)
    }
}

fn fill_field(
    body: &mut [u8; BODY_LEN],
    field: Field,
    text: &str,
    pad: bool,
) -> Result<(), CodeError> {
    let range = field.range();
    let want = range.len();
    let mut values = Vec::with_capacity(want);
    for (position, c) in text.chars().enumerate() {
        match read_char(c) {
            Reading::Symbol(v) => values.push(v),
            Reading::Separator | Reading::Invalid => {
                return Err(FieldError::InvalidCharacter {
                    field,
                    position,
                    found: c,
                }
                .into())
            }
        }
    }
    if values.len() > want || (!pad && values.len() != want) || values.is_empty() {
        return Err(FieldError::WrongLength {
            field,
            found: values.len(),
            expected: want,
        }
        .into());
    }
    let dst = body.get_mut(range).unwrap_or_default();
    let offset = dst.len().saturating_sub(values.len());
    for (d, v) in dst.iter_mut().skip(offset).zip(values) {
        *d = v;
    }
    Ok(())
}

impl fmt::Display for IdentityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.write_str(&self.display_form())
        } else {
            f.write_str(self.as_str())
        }
    }
}

impl fmt::Debug for IdentityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdentityCode({})", self.as_str())
    }
}

impl FromStr for IdentityCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for IdentityCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for IdentityCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for IdentityCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let code = IdentityCode::parse(&s).map_err(serde::de::Error::custom)?;
        if code.as_str() != s {
            return Err(serde::de::Error::custom(
                "identity code is not in canonical form",
            ));
        }
        Ok(code)
    }
}

/// Parse and verify a code (python-stdnum's `validate`).
///
/// # Errors
/// See [`IdentityCode::parse`].
pub fn validate(text: &str) -> Result<IdentityCode, CodeError> {
    IdentityCode::parse(text)
}

/// A code that did not validate, with the corrections the core offers for it: what every
/// binding's invalid-code error carries (Python `hrid.InvalidCode`, JS `InvalidCodeError`,
/// Kotlin `HridException.InvalidCode`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCode {
    /// Why the text is not a valid code (its `code()` and `position()`).
    pub error: CodeError,
    /// Tier-A corrections of the text, best first (possibly none): only repairs confident
    /// enough to show without asking (see [`SuggestOptions::default`]).
    pub suggestions: Vec<Suggestion>,
}

impl InvalidCode {
    /// The error about `text` with the tier-A suggestions for it.
    #[must_use]
    pub fn of(text: &str, error: CodeError) -> InvalidCode {
        InvalidCode {
            suggestions: suggest(text, SuggestOptions::default()),
            error,
        }
    }
}

impl core::fmt::Display for InvalidCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for InvalidCode {}

/// [`validate`], and for an invalid code the tier-A corrections the core offers.
///
/// ```
/// let e = hrid::code::validate_or_suggest("860042A3W0F50000000012345ZARX").unwrap_err();
/// assert_eq!(e.error.code(), "code.check_failed");
/// assert_eq!(e.suggestions[0].code.as_str(), "860042A3W0F50000000012345ZAR2");
/// ```
///
/// # Errors
/// [`InvalidCode`]: the error of [`IdentityCode::parse`] and the suggestions.
pub fn validate_or_suggest(text: &str) -> Result<IdentityCode, InvalidCode> {
    IdentityCode::parse(text).map_err(|e| InvalidCode::of(text, e))
}

/// True when `text` is a valid code in any accepted spelling. Never panics, allocates nothing.
#[must_use]
pub fn is_valid(text: &str) -> bool {
    UncheckedCode::parse(text).is_ok_and(|u| u.is_check_valid())
}

/// Normalise `text` to 29 canonical symbols without verifying the check characters.
///
/// # Errors
/// [`ShapeError`] when the alphabet or the length is wrong.
pub fn compact(text: &str) -> Result<String, ShapeError> {
    Ok(UncheckedCode::parse(text)?.canonical())
}

/// The display form (`CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`) of a valid code.
///
/// # Errors
/// See [`IdentityCode::parse`].
pub fn format(text: &str) -> Result<String, CodeError> {
    Ok(IdentityCode::parse(text)?.display_form())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples() {
        for (body, code) in [
            ("860042A3W0F50000000012345", "860042A3W0F50000000012345ZAR2"),
            ("867K2QHX100000000000000A7", "867K2QHX100000000000000A7K4DC"),
            ("0000000000000000000000000", "000000000000000000000000027GC"),
            ("86ZZZZZZZZZZZZZZZZZZZZZZZ", "86ZZZZZZZZZZZZZZZZZZZZZZZ9Q3N"),
        ] {
            let mut values = [0u8; BODY_LEN];
            for (v, c) in values.iter_mut().zip(body.chars()) {
                let Reading::Symbol(s) = read_char(c) else {
                    panic!("bad test body")
                };
                *v = s;
            }
            assert_eq!(IdentityCode::from_body(&values).as_str(), code);
            assert!(is_valid(code));
        }
        assert_eq!(
            format("860042a3w0f50000000012345zar2").unwrap(),
            "86-0042-A3W0F5-0000000012345-ZAR2"
        );
    }

    #[test]
    fn from_fields_pads_the_unit() {
        let code = IdentityCode::from_fields("86", "0042", "A3W0F5", "12345").unwrap();
        assert_eq!(code.as_str(), "860042A3W0F50000000012345ZAR2");
        assert_eq!(code.unit(), "0000000012345");
        assert_eq!(code.check_characters(), "ZAR2");
        let err = IdentityCode::from_fields("86", "004", "A3W0F5", "1").unwrap_err();
        assert_eq!(err.code(), "code.field_invalid");
        let err = IdentityCode::from_fields("86", "0042", "A3W0F5", "U").unwrap_err();
        assert_eq!(err.code(), "code.field_invalid");
        assert!(IdentityCode::from_fields("86", "0042", "A3W0F5", "").is_err());
        assert!(IdentityCode::from_fields("86", "0042", "A3W0F5", "12345678901234").is_err());
    }

    #[test]
    fn normalisation_and_positions() {
        assert!(is_valid("86-0042-A3W0F5-0000000012345-ZAR2"));
        assert!(is_valid("86 0042 a3w0f5 ooooooooi2345 zar2"));
        let err = validate("86-0042-A3W0F5-000000001234U-ZAR2").unwrap_err();
        assert_eq!(
            (err.code(), err.position()),
            ("code.invalid_character", Some(27))
        );
        assert_eq!(validate("").unwrap_err().code(), "code.empty");
        assert_eq!(validate("--").unwrap_err().code(), "code.empty");
        assert_eq!(validate("860042").unwrap_err().code(), "code.wrong_length");
        // Full-width digits are confusables, not digits.
        assert_eq!(
            validate("８６0042A3W0F50000000012345ZAR2")
                .unwrap_err()
                .position(),
            Some(0)
        );
    }

    #[test]
    fn serde_is_canonical_only() {
        let code: IdentityCode = serde_json::from_str("\"860042A3W0F50000000012345ZAR2\"").unwrap();
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            "\"860042A3W0F50000000012345ZAR2\""
        );
        assert!(
            serde_json::from_str::<IdentityCode>("\"86-0042-A3W0F5-0000000012345-ZAR2\"").is_err()
        );
        assert!(serde_json::from_str::<IdentityCode>("\"860042A3W0F50000000012345ZAR3\"").is_err());
    }
}
