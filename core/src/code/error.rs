//! Errors of the identity-code parsing steps.
//!
//! Positions are zero-based indexes of characters (Unicode scalar values) in the input exactly as
//! given, separators included.

use super::Field;
use crate::reason::ReasonCode;

/// The first step failed: the text is not 29 symbols of the code alphabet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ShapeError {
    /// The input holds no symbols (it is empty or only separators).
    #[error("no identity code given")]
    Empty,
    /// A character outside the alphabet (`U`, punctuation, a full-width digit, ...).
    #[error("character {found:?} at position {position} is not used in identity codes")]
    InvalidCharacter {
        /// Zero-based character index in the input.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// The input does not hold exactly 29 symbols.
    #[error("an identity code has 29 characters, found {found}")]
    WrongLength {
        /// The number of symbols found (separators not counted).
        found: usize,
    },
}

/// The second step failed: the check characters do not match.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match self.position {
    Some(p) => format!("the check characters do not match; the character at position {p} is probably wrong"),
    None => "the check characters do not match; more than one character is wrong".to_owned(),
})]
#[non_exhaustive]
pub struct CheckError {
    /// Where a single wrong character explains the mismatch, its position in the input.
    pub position: Option<usize>,
}

/// A field given to [`IdentityCode::from_fields`](super::IdentityCode::from_fields) is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// A character outside the alphabet in a field.
    #[error(
        "{field} field: character {found:?} at position {position} is not used in identity codes"
    )]
    InvalidCharacter {
        /// The field.
        field: Field,
        /// Zero-based character index within the field's text.
        position: usize,
        /// The character found.
        found: char,
    },
    /// A field of the wrong length (the unit may be shorter than 13, never empty or longer).
    #[error("{field} field: expected {expected} characters, found {found}")]
    WrongLength {
        /// The field.
        field: Field,
        /// Symbols found.
        found: usize,
        /// Symbols expected (the maximum, for the unit).
        expected: usize,
    },
}

/// Any identity-code error: what [`IdentityCode::parse`](super::IdentityCode::parse) returns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// Wrong alphabet or length.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    /// The check characters do not match.
    #[error(transparent)]
    Check(#[from] CheckError),
    /// A field given to build a code is malformed.
    #[error(transparent)]
    Field(#[from] FieldError),
}

impl ShapeError {
    /// The stable reason code.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            ShapeError::Empty => ReasonCode::CodeEmpty,
            ShapeError::InvalidCharacter { .. } => ReasonCode::CodeInvalidCharacter,
            ShapeError::WrongLength { .. } => ReasonCode::CodeWrongLength,
        }
    }

    /// The position of the offending character in the input, where there is one.
    #[must_use]
    pub fn position(&self) -> Option<usize> {
        match self {
            ShapeError::InvalidCharacter { position, .. } => Some(*position),
            ShapeError::Empty | ShapeError::WrongLength { .. } => None,
        }
    }
}

impl CodeError {
    /// The stable reason code, for example [`ReasonCode::CodeCheckFailed`].
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            CodeError::Shape(e) => e.reason(),
            CodeError::Check(_) => ReasonCode::CodeCheckFailed,
            CodeError::Field(_) => ReasonCode::CodeFieldInvalid,
        }
    }

    /// The stable reason-code string, for example `code.check_failed`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }

    /// The zero-based input position the error points at, where known.
    #[must_use]
    pub fn position(&self) -> Option<usize> {
        match self {
            CodeError::Shape(e) => e.position(),
            CodeError::Check(e) => e.position,
            CodeError::Field(FieldError::InvalidCharacter { position, .. }) => Some(*position),
            CodeError::Field(FieldError::WrongLength { .. }) => None,
        }
    }
}
