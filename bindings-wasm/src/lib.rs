//! # hrid-wasm
//!
//! The JavaScript binding of [`hrid`], built with `wasm-bindgen` into the npm package in
//! `bindings-wasm/pkg/` by `bindings-wasm/build.sh`. It holds no logic, only conversions: the same
//! input gives the same verdict, the same report fields and the same reason codes as Rust.
//!
//! | JS | core |
//! | --- | --- |
//! | `checkCode`, `validateCode`, `isValid`, `compact`, `format`, `suggest`, `findCodes`, `IdentityCode` | [`hrid::code`] |
//! | `VerifyingKey`, `SigningKey` | [`hrid::keys`] |
//! | `TrustList` | [`hrid::trust`] |
//! | `Verifier`, `signAttestation` | [`hrid::verify`], [`hrid::attestation`] |
//! | `Verifier.verifyHistory`, `verifyHistories`, `verifyRecall`, `decideAccess`, `audit` | [`hrid::history`] |
//! | `Verifier.verifyPassport`, `parsePassport`, `signPassport` | [`hrid::passport`] |
//! | `reasonCodes` | [`hrid::reason`] |
//!
//! Conversions: reports are plain objects with the field names of the core's JSON (serialised by
//! `serde_json`, parsed by `JSON.parse`); errors are JS `Error`s with `name` and `code` (the reason
//! code); times are `Date` or unix seconds in, `Date` out (report fields keep the core's unix
//! seconds); byte strings are `Uint8Array` (or text, as UTF-8).

mod code;
mod convert;
mod history;
#[cfg(feature = "key-files")]
mod key_files;
mod keys;
#[cfg(feature = "signing")]
mod sign;
mod verify;

use wasm_bindgen::prelude::*;

pub use code::{
    check_code, compact, find_codes, format, is_valid, suggest, validate_code, IdentityCode,
};
pub use history::parse_passport;
pub use keys::VerifyingKey;
#[cfg(feature = "signing")]
pub use sign::{sign_attestation, sign_passport, SigningKey};
pub use verify::{TrustList, Verifier};

/// The reports and documents, generated from the core's JSON Schemas (docs/schema) and the
/// reason-code catalogue by scripts/generate-types.mjs.
#[wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &str = include_str!("types.generated.d.ts");

/// What only this binding has: options, inputs, errors.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// The catalogue of stable reason codes, `[{code, severity, summary}]`, in catalogue order: equal
/// to `codes` of `test-vectors/reason-codes.json`.
#[wasm_bindgen(js_name = reasonCodes, unchecked_return_type = "ReasonCodeInfo[]")]
pub fn reason_codes() -> Result<JsValue, JsValue> {
    let catalogue = hrid::reason::catalogue_json();
    convert::to_js(catalogue.get("codes").unwrap_or(&serde_json::Value::Null))
}

/// The version of the hrid core this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
