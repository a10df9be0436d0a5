//! Strict JSON pre-checks for signed documents, and the one table of input limits.
//!
//! Every envelope and every signed payload passes [`check`] before it is deserialised: a size cap,
//! a nesting cap, and no object anywhere may repeat a key. `serde_json::Value` and derived structs
//! would silently keep the last of two equal keys (or the first): two parsers reading one signed
//! document could then see different statements. Keys are compared after JSON unescaping, so
//! `"a"` and `"\u0061"` are the same key.

use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// Every input limit hrid enforces, in one place.
///
/// The defaults are the normative values of `docs/attestations.md`; `docs/limits.md` lists these
/// and every other limit (passport and code lengths, image size, time tolerances), each tested at
/// its boundary in `core/tests/limits.rs`. A document that a default verifier rejects for size is
/// rejected the same way in every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest attestation envelope, in bytes of JSON (default 65,536).
    pub max_envelope_bytes: usize,
    /// Largest trust-list envelope, in bytes of JSON (default 4,194,304).
    pub max_trust_list_bytes: usize,
    /// Deepest nesting of arrays and objects, counting the outermost value as depth 1, applied
    /// to envelopes and payloads alike (default 32).
    pub max_depth: usize,
    /// Most signatures in one envelope (default 16).
    pub max_signatures: usize,
    /// Largest history bundle, in bytes of JSON (default 67,108,864: 10,000 events of up to
    /// about 6 KiB each).
    pub max_history_bytes: usize,
    /// Most attestations in one history bundle (default 10,000).
    pub max_history_events: usize,
    /// Most recall notices in one history bundle or status feed (default 1,000).
    pub max_recall_notices: usize,
    /// Largest status-feed document, in bytes of JSON (default 268,435,456: 256 MiB, about 1.6
    /// million robot entries; a national feed is fetched as deltas, see docs/status-feed.md).
    pub max_status_feed_bytes: usize,
}

impl Limits {
    /// The default limits (see the field docs).
    pub const DEFAULT: Limits = Limits {
        max_envelope_bytes: 64 * 1024,
        max_trust_list_bytes: 4 * 1024 * 1024,
        max_depth: 32,
        max_signatures: 16,
        max_history_bytes: 64 * 1024 * 1024,
        max_history_events: 10_000,
        max_recall_notices: 1_000,
        max_status_feed_bytes: 256 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Why a JSON document failed the pre-check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The document is larger than allowed.
    #[error("the document has {size} bytes, more than the limit of {max}")]
    TooLarge {
        /// Bytes found.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Arrays and objects nest deeper than allowed.
    #[error("the document nests deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// An object repeats a key.
    #[error("the key {key:?} appears twice in one object")]
    DuplicateKey {
        /// The repeated key (unescaped).
        key: String,
    },
    /// Not JSON (syntax, invalid UTF-8, trailing data).
    #[error("not valid JSON: {detail}")]
    Syntax {
        /// serde_json's description, with line and column.
        detail: String,
    },
}

/// Check that `bytes` is one JSON value within `max_bytes` and `max_depth`, whose objects never
/// repeat a key.
///
/// # Errors
/// [`JsonError`], the first problem found in document order; size is checked before anything is
/// read.
///
/// # Examples
/// ```
/// use hrid::json::{check, JsonError};
/// assert!(check(br#"{"a": [1, {"b": 2}]}"#, 1024, 32).is_ok());
/// assert!(matches!(check(br#"{"a": 1, "\u0061": 2}"#, 1024, 32), Err(JsonError::DuplicateKey { .. })));
/// assert!(matches!(check(b"[[[1]]]", 1024, 2), Err(JsonError::TooDeep { max: 2 })));
/// ```
pub fn check(bytes: &[u8], max_bytes: usize, max_depth: usize) -> Result<(), JsonError> {
    if bytes.len() > max_bytes {
        return Err(JsonError::TooLarge {
            size: bytes.len(),
            max: max_bytes,
        });
    }
    let issue: Cell<Option<JsonError>> = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let seed = Walker {
        depth: 0,
        max_depth,
        issue: &issue,
    };
    let result = seed.deserialize(&mut de).and_then(|()| de.end());
    match (result, issue.take()) {
        (_, Some(found)) => Err(found),
        (Err(e), None) => Err(JsonError::Syntax {
            detail: e.to_string(),
        }),
        (Ok(()), None) => Ok(()),
    }
}

/// Walks one JSON value, counting depth and collecting object keys.
#[derive(Clone, Copy)]
struct Walker<'a> {
    depth: usize,
    max_depth: usize,
    issue: &'a Cell<Option<JsonError>>,
}

impl Walker<'_> {
    fn fail<E: de::Error>(&self, found: JsonError) -> E {
        let msg = found.to_string();
        self.issue.set(Some(found));
        E::custom(msg)
    }

    fn nested<E: de::Error>(&self) -> Result<Self, E> {
        let depth = self.depth.saturating_add(1);
        if depth > self.max_depth {
            return Err(self.fail(JsonError::TooDeep {
                max: self.max_depth,
            }));
        }
        Ok(Walker { depth, ..*self })
    }
}

impl<'de> DeserializeSeed<'de> for Walker<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walker<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.nested()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.nested()?;
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(self.fail(JsonError::DuplicateKey { key }));
            }
            seen.insert(key);
            map.next_value_seed(inner)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_json() {
        for doc in [
            "null",
            "1",
            "-1.5e3",
            "\"x\"",
            "[]",
            "{}",
            r#"{"a":{"a":{"a":[1,2,{"b":null}]}},"b":true}"#,
            " { \"k\" : [ ] } ",
        ] {
            assert_eq!(check(doc.as_bytes(), 1000, 32), Ok(()), "{doc}");
        }
    }

    #[test]
    fn rejects_duplicates_anywhere() {
        for doc in [
            r#"{"a":1,"a":1}"#,
            r#"{"x":[{"b":1,"c":2,"b":3}]}"#,
            r#"{"x":{"y":{"\u0079":1,"y":2}}}"#,
        ] {
            assert!(
                matches!(
                    check(doc.as_bytes(), 1000, 32),
                    Err(JsonError::DuplicateKey { .. })
                ),
                "{doc}"
            );
        }
        // Same key in sibling objects is fine.
        assert_eq!(check(br#"[{"a":1},{"a":2}]"#, 1000, 32), Ok(()));
    }

    #[test]
    fn depth_limit_is_exact() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(check(deep(32).as_bytes(), 10_000, 32), Ok(()));
        assert_eq!(
            check(deep(33).as_bytes(), 10_000, 32),
            Err(JsonError::TooDeep { max: 32 })
        );
        // Far beyond serde_json's own recursion limit: still our error, no stack overflow.
        assert_eq!(
            check(deep(5000).as_bytes(), 100_000, 32),
            Err(JsonError::TooDeep { max: 32 })
        );
        assert_eq!(
            check(br#"{"a":{"b":1}}"#, 100, 1),
            Err(JsonError::TooDeep { max: 1 })
        );
    }

    #[test]
    fn size_limit_is_exact() {
        assert_eq!(check(b"[1, 2]", 6, 32), Ok(()));
        assert_eq!(
            check(b"[1, 2]", 5, 32),
            Err(JsonError::TooLarge { size: 6, max: 5 })
        );
    }

    #[test]
    fn rejects_syntax_errors_and_trailing_data() {
        for doc in [
            &b""[..],
            b"{",
            b"{} {}",
            b"[1,]",
            b"{\"a\" 1}",
            b"\"\xff\"",
            b"\"\\ud800\"",
        ] {
            assert!(
                matches!(check(doc, 1000, 32), Err(JsonError::Syntax { .. })),
                "{doc:?}"
            );
        }
    }
}
