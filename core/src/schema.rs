//! JSON Schemas (cargo feature `schema`) of the types whose JSON shape is not derived: the strings
//! with hand-written `Serialize` ([`ReasonCode`], [`IdentityCode`], [`KeyId`], [`VerifyingKey`]),
//! the results of [`find`](crate::code::find) (which every binding writes as
//! `{found, near_misses}`), and the string fields whose values are a fixed set.
//!
//! Everything else derives `schemars::JsonSchema` beside its `serde::Serialize`, so its schema
//! follows its serde attributes (`flatten`, `rename_all`, `tag`, `skip`, `skip_serializing_if`).
//! `cargo xtask schema` writes the schemas to `docs/schema/`; the bindings' types are generated
//! from there.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::code::report::{ErrorInfo, SuggestionInfo};
use crate::code::{Found, IdentityCode, NearMiss, Scan, ALPHABET, LENGTH};
use crate::keys::{KeyId, VerifyingKey, KEY_ID_LENGTH};
use crate::reason::ReasonCode;

impl JsonSchema for ReasonCode {
    fn schema_name() -> Cow<'static, str> {
        "ReasonCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::reason::ReasonCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
        json_schema!({
            "description": "A stable reason code: one of the catalogue (test-vectors/reason-codes.json gives each one's severity and summary).",
            "type": "string",
            "enum": codes,
        })
    }
}

impl JsonSchema for IdentityCode {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "IdentityCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::code::IdentityCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An identity code in canonical form: 29 symbols of the code alphabet, upper case, no separators.",
            "type": "string",
            "pattern": format!("^[{ALPHABET}]{{{LENGTH}}}$"),
        })
    }
}

impl JsonSchema for KeyId {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "KeyId".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::keys::KeyId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A key ID: 16 characters of the code alphabet.",
            "type": "string",
            "pattern": format!("^[{ALPHABET}]{{{KEY_ID_LENGTH}}}$"),
        })
    }
}

impl JsonSchema for VerifyingKey {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "VerifyingKey".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::keys::VerifyingKey".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An Ed25519 public key: 64 lowercase hex digits.",
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
        })
    }
}

/// The object every binding writes for a [`Found`]: `{code, text, start, end}` (positions in
/// characters).
impl JsonSchema for Found {
    fn schema_name() -> Cow<'static, str> {
        "FoundCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::code::Found".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A valid code found in text. Positions are character (Unicode scalar value) indexes.",
            "type": "object",
            "properties": {
                "code": generator.subschema_for::<IdentityCode>(),
                "text": {"description": "The text as written.", "type": "string"},
                "start": position("Index of the first character."),
                "end": position("Index one past the last character."),
            },
            "required": ["code", "text", "start", "end"],
        })
    }
}

/// The object every binding writes for a [`NearMiss`]: `{text, start, end, error,
/// suggestions}`.
impl JsonSchema for NearMiss {
    fn schema_name() -> Cow<'static, str> {
        "NearMiss".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::code::NearMiss".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text that looks like a code but does not verify.",
            "type": "object",
            "properties": {
                "text": {"description": "The text as written.", "type": "string"},
                "start": position("Index of the first character."),
                "end": position("Index one past the last character."),
                "error": generator.subschema_for::<ErrorInfo>(),
                "suggestions": generator.subschema_for::<Vec<SuggestionInfo>>(),
            },
            "required": ["text", "start", "end", "error", "suggestions"],
        })
    }
}

/// The object every binding writes for a [`Scan`]: `{found, near_misses}`.
impl JsonSchema for Scan {
    fn schema_name() -> Cow<'static, str> {
        "FindResult".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "hrid::code::Scan".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Identity codes found in text: valid codes and near misses, each in text order; near misses beyond the first 1,000 are only counted.",
            "type": "object",
            "properties": {
                "found": generator.subschema_for::<Vec<Found>>(),
                "near_misses": generator.subschema_for::<Vec<NearMiss>>(),
                "near_misses_omitted": {"type": "integer", "minimum": 0, "description": "Near misses beyond the first 1,000, counted and not reported."},
            },
            "required": ["found", "near_misses", "near_misses_omitted"],
        })
    }
}

fn position(description: &str) -> Schema {
    json_schema!({"description": description, "type": "integer", "minimum": 0})
}
