//! How the core's types cross a uniffi boundary (feature `uniffi`, for the Kotlin binding).
//!
//! The reports, findings, documents and enums derive `uniffi::Record` / `uniffi::Enum` where they
//! are defined (each behind `cfg_attr(feature = "uniffi", ...)`); this module holds the custom
//! types their fields need, which are not uniffi types of their own:
//!
//! | core type | crosses as | why |
//! | --- | --- | --- |
//! | `usize` (counts, positions) | `i32` (Kotlin `Int`, as Kotlin indexes strings), saturating | uniffi has no `usize` |
//! | [`IdentityCode`] | its canonical text | a checked value, not a record |
//! | [`KeyId`] | its text | a newtype |
//! | [`VerifyingKey`] (a participant's key) | 64 lowercase hex digits, named `PublicKeyHex` | the bindings' `VerifyingKey` is an object |
//! | `BTreeMap<String, String>` (a finding's evidence) | a map, named `StringMap` | uniffi maps are `HashMap`s |
//! | [`CodeError`] (a near miss's error) | its [`ErrorInfo`] (code, message, position) | one way only: it cannot be sent back |
//!
//! Also [`Fields`] of an [`IdentityCode`], which the binding hands out with a valid code.
//!
//! Nothing here is used by the core itself. `#![forbid(unsafe_code)]` stays on with the feature:
//! no line of this crate is `unsafe`. The `unsafe impl`s and `#[no_mangle]` functions that
//! uniffi's derives and `setup_scaffolding!` generate are another crate's macro output, which
//! rustc's `unsafe_code` lint does not check (as in the binding crates, under the workspace's
//! `forbid`); they are uniffi's, reviewed with uniffi.

use std::collections::{BTreeMap, HashMap};

use crate::code::report::{ErrorInfo, Fields};
use crate::code::{CodeError, IdentityCode};
use crate::keys::{KeyId, VerifyingKey};

uniffi::custom_type!(usize, i32, {
    remote,
    lower: |n| i32::try_from(n).unwrap_or(i32::MAX),
    try_lift: |n| Ok(usize::try_from(n)?),
});

uniffi::custom_type!(IdentityCode, String, {
    lower: |code| code.as_str().to_owned(),
    try_lift: |text| {
        let code = IdentityCode::parse(&text)?;
        if code.as_str() != text {
            return Err(uniffi::deps::anyhow::anyhow!("identity code is not in canonical form"));
        }
        Ok(code)
    },
});

uniffi::custom_type!(KeyId, String, {
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| Ok(text.parse::<KeyId>()?),
});

/// A participant's public key as 64 lowercase hex digits.
type PublicKeyHex = VerifyingKey;

uniffi::custom_type!(PublicKeyHex, String, {
    lower: |key| key.to_hex(),
    try_lift: |hex| Ok(VerifyingKey::from_hex(&hex)?),
});

/// Text keys to text values, in key order.
type StringMap = BTreeMap<String, String>;

uniffi::custom_type!(StringMap, HashMap<String, String>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

uniffi::custom_type!(CodeError, ErrorInfo, {
    lower: |e| ErrorInfo::from(&e),
    try_lift: |_info| Err(uniffi::deps::anyhow::anyhow!("a code error cannot be sent to the core")),
});

impl From<&IdentityCode> for Fields {
    fn from(code: &IdentityCode) -> Fields {
        Fields {
            country: code.country().to_owned(),
            manufacturer: code.manufacturer().to_owned(),
            model: code.model().to_owned(),
            unit: code.unit().to_owned(),
            check: code.check_characters().to_owned(),
        }
    }
}
