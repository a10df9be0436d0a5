//! The catalogue of stable reason codes.
//!
//! Every error and every finding that hrid reports carries one of these codes. The strings are a
//! public contract shared by every language binding and by `test-vectors/reason-codes.json`: once
//! published, a code is never renamed or reused for another meaning. Human-readable text may change;
//! codes do not.

use core::fmt;
use core::str::FromStr;

/// How a reason code is normally reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The input is wrong or the check failed: a rejection.
    Failure,
    /// Something a person should look at, which does not by itself reject.
    Warning,
    /// A check that ran and passed.
    Passed,
}

impl Severity {
    /// The stable lowercase name of the severity (`failure`, `warning`, `passed`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Failure => "failure",
            Severity::Warning => "warning",
            Severity::Passed => "passed",
        }
    }
}

macro_rules! reason_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $severity:ident, $summary:literal; )*) => {
        /// A stable reason code: the machine-readable name of an error or a finding.
        ///
        /// The string form (see [`ReasonCode::as_str`]) is identical in every binding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ReasonCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ReasonCode {
            /// Every reason code, in catalogue order.
            pub const ALL: &'static [ReasonCode] = &[ $( ReasonCode::$variant, )* ];

            /// The stable dotted string, for example `code.check_failed`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( ReasonCode::$variant => $code, )* }
            }

            /// The severity with which this code is normally reported.
            #[must_use]
            pub const fn severity(self) -> Severity {
                match self { $( ReasonCode::$variant => Severity::$severity, )* }
            }

            /// One sentence, in words a clerk understands, of what the code means.
            #[must_use]
            pub const fn summary(self) -> &'static str {
                match self { $( ReasonCode::$variant => $summary, )* }
            }
        }

        impl FromStr for ReasonCode {
            type Err = UnknownReasonCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $code => Ok(ReasonCode::$variant), )*
                    _ => Err(UnknownReasonCode),
                }
            }
        }
    };
}

reason_codes! {
    /// The input holds no code symbols at all.
    CodeEmpty => "code.empty", Failure, "no identity code was given";
    /// A character that is not in the identity-code alphabet.
    CodeInvalidCharacter => "code.invalid_character", Failure, "the code contains a character that identity codes never use";
    /// The code does not have 29 symbols.
    CodeWrongLength => "code.wrong_length", Failure, "the code does not have 29 characters";
    /// The check characters do not match: at least one character is wrong.
    CodeCheckFailed => "code.check_failed", Failure, "the check characters do not match: the code is mistyped or forged";
    /// A field given to build a code is malformed.
    CodeFieldInvalid => "code.field_invalid", Failure, "a field of the code (country, manufacturer, model or unit) is malformed";
    /// The code is well-formed but its check characters were not verified.
    CodeStructureOnly => "code.structure_only", Warning, "the code has the right shape, but its check characters were not verified";
}

/// The error returned when a string is not a known reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason code")]
pub struct UnknownReasonCode;

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ReasonCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown reason code {s:?}")))
    }
}

/// The catalogue as a JSON value: `{"codes": [{"code", "severity", "summary"}, ...]}`.
///
/// This is what `test-vectors/reason-codes.json` holds; every binding checks that its own list of
/// codes equals it.
#[must_use]
pub fn catalogue_json() -> serde_json::Value {
    let codes: Vec<serde_json::Value> = ReasonCode::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "code": c.as_str(),
                "severity": c.severity().as_str(),
                "summary": c.summary(),
            })
        })
        .collect();
    serde_json::json!({
        "description": "The stable reason codes of hrid. Generated from core/src/reason.rs by `cargo xtask vectors`; do not edit.",
        "codes": codes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ReasonCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(code.as_str().parse::<ReasonCode>(), Ok(*code));
            assert!(code.as_str().contains('.'));
            assert!(!code.summary().ends_with('.'));
        }
        assert!("nope.nope".parse::<ReasonCode>().is_err());
    }
}
