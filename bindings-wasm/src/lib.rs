//! # hrid-wasm
//!
//! The JavaScript binding of [`hrid`], built with `wasm-bindgen` into the npm package in
//! `bindings-wasm/pkg/` by `bindings-wasm/build.sh`. It holds no logic, only conversions: the same
//! input gives the same verdict, the same report fields and the same reason codes as Rust.
//!
//! | JS | core | file |
//! | --- | --- | --- |
//! | `checkCode`, `validateCode`, `isValid`, `compact`, `format`, `suggest`, `findCodes`, `IdentityCode` | [`hrid::code`] | `codes.rs` |
//! | `VerifyingKey` (`SigningKey`: `sign.rs`; PEM/DER: `key_files.rs`) | [`hrid::keys`] | `keys.rs` |
//! | `TrustList` | [`hrid::trust`] | `trust.rs` |
//! | `Verifier`: `verify`, `verifyMany`, `verifyRecall` (`signAttestation`: `sign.rs`) | [`hrid::verify`], [`hrid::recall`] | `verify.rs` |
//! | `Verifier.verifyHistory`, `verifyHistories`, `audit` | [`hrid::history`], [`hrid::audit`] | `history.rs` |
//! | `Verifier.verifyPassport`, `decideAccess`, `parsePassport` (`signPassport`: `sign.rs`) | [`hrid::passport`], [`hrid::access`] | `passport.rs` |
//! | `Verifier.custody` | [`hrid::history::custody`] | `custody.rs` |
//! | `Verifier.verifyStatusFeed`, `StatusFeed` | [`hrid::status`] | `status.rs` |
//! | `reasonCodes`, `version` | [`hrid::reason`] | `lib.rs` |
//!
//! Conversions (`convert.rs`): reports are plain objects with the field names of the core's JSON
//! (serialised by `serde_json`, parsed by `JSON.parse`), typed by the TypeScript generated from
//! the core's JSON Schemas (`types.generated.d.ts`); errors are JS `Error`s with `name` and
//! `code` (the reason code); times are `Date` or unix seconds in, `Date` out (report fields keep
//! the core's unix seconds); byte strings are `Uint8Array` (or text, as UTF-8).

mod codes;
mod convert;
mod custody;
mod history;
#[cfg(feature = "key-files")]
mod key_files;
mod keys;
mod passport;
#[cfg(feature = "signing")]
mod sign;
mod status;
mod trust;
mod verify;

use wasm_bindgen::prelude::*;

pub use codes::{
    check_code, compact, find_codes, format, is_valid, suggest, validate_code, IdentityCode,
};
pub use keys::VerifyingKey;
pub use passport::parse_passport;
#[cfg(feature = "signing")]
pub use sign::{sign_attestation, sign_passport, sign_status_feed, SigningKey};
pub use status::StatusFeed;
pub use trust::TrustList;
pub use verify::Verifier;

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
