//! Signing, for issuers' tools and tests: `SigningKey`, `signAttestation`, `TrustList.sign`,
//! `signPassport`, `signStatusFeed`. The cargo feature `signing` (on in the Node build, off in the browser build:
//! a page verifies, it does not sign, and leaving signing out drops the 30 KB basepoint table).

use hrid::attestation::{Attestation, LifecycleEvent, StatementError};
use hrid::keys::{self, KeyError};
use hrid::passport::{Passport, PassportError, PassportHead, PassportStatus};
use hrid::trust::{self, TrustListError};
use serde::de::IgnoredAny;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::codes;
use crate::convert::{self, ByteArrayArg, BytesArg};
use crate::keys::{key_error, VerifyingKey};
use crate::passport::passport_error;
use crate::trust::{trust_list_error, TrustList};

#[wasm_bindgen]
extern "C" {
    /// See `StatementInput` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "StatementInput")]
    pub type StatementArg;
    /// See `TrustListContents` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "TrustListContents | string")]
    pub type TrustListArg;
    /// See `PassportInput` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PassportInput")]
    pub type PassportArg;
    /// See `StatusFeedContents` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "StatusFeedContents | string")]
    pub type StatusFeedArg;
}

/// An Ed25519 private key, for issuers' tools and tests. hrid draws no randomness: make a seed
/// with `crypto.getRandomValues(new Uint8Array(32))`. The secret is never printed or exported.
#[wasm_bindgen]
#[derive(Debug)]
pub struct SigningKey {
    pub(crate) inner: keys::SigningKey,
}

#[wasm_bindgen]
impl SigningKey {
    /// The key for a 32-byte seed; throws `KeyError` (`key.wrong_length`).
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(seed: &ByteArrayArg) -> Result<SigningKey, JsValue> {
        let bytes = convert::byte_array(seed, "seed")?;
        let seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            key_error(KeyError::WrongLength {
                what: "private key seed",
                expected: 32,
                found: bytes.len(),
            })
        })?;
        Ok(SigningKey {
            inner: keys::SigningKey::from_seed(seed),
        })
    }

    /// The key for a seed of 64 hex digits; throws `KeyError`.
    #[wasm_bindgen(js_name = fromHex)]
    pub fn from_hex(hex: &str) -> Result<SigningKey, JsValue> {
        keys::SigningKey::from_hex(hex)
            .map(|inner| SigningKey { inner })
            .map_err(key_error)
    }

    /// The matching public key.
    #[wasm_bindgen(getter, js_name = verifyingKey)]
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            inner: self.inner.verifying_key(),
        }
    }

    /// The key ID of the public key.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.inner.key_id().to_string()
    }

    /// Sign `message` (a `Uint8Array`, or a string as UTF-8): 64 bytes, deterministic.
    pub fn sign(&self, message: &BytesArg) -> Result<Vec<u8>, JsValue> {
        let message = convert::bytes(message, "message")?;
        Ok(self.inner.sign(&message).to_vec())
    }
}

/// `JSON.stringify` of an object argument, or the text itself.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    match value.as_string() {
        Some(s) => Ok(s),
        None => (js_sys::JSON::stringify(value).ok())
            .and_then(|s| s.as_string())
            .ok_or_else(|| convert::type_error(&format!("{what} must be an object or JSON text"))),
    }
}

#[wasm_bindgen]
impl TrustList {
    /// Sign a trust list (its contents as an object or JSON text) with one root key into an
    /// envelope (JSON text). For issuers' tools and tests; the list is validated first. Throws
    /// `TrustListError` (`trust_list.malformed`, `trust_list.invalid`).
    pub fn sign(list: TrustListArg, key: &SigningKey) -> Result<String, JsValue> {
        let text = json_text(&list.into(), "list")?;
        // from_slice, like the core's reader: one monomorphised deserialiser, not two.
        let list: trust::TrustList = serde_json::from_slice(text.as_bytes()).map_err(|e| {
            trust_list_error(TrustListError::Shape {
                detail: e.to_string(),
            })
        })?;
        list.validate().map_err(trust_list_error)?;
        Ok(String::from_utf8_lossy(&list.sign(&[&key.inner]).to_json()).into_owned())
    }
}

/// The statement fields as JSON carries them (the core's `Attestation` is built from them;
/// `time`, a `Date` or unix seconds, is read from the object itself).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementFields {
    subject: String,
    seq: u64,
    prev: Option<String>,
    #[serde(rename = "time")]
    _time: IgnoredAny,
    issuer: String,
    event: LifecycleEvent,
}

/// Sign an attestation statement with the issuer's key into an envelope (JSON text). `time` may
/// be a `Date` or unix seconds; `subject` any spelling of a valid code. For issuers' tools and
/// tests. Throws `InvalidCodeError` (subject), `StatementError` (`statement.malformed`,
/// `statement.field_invalid`).
#[wasm_bindgen(js_name = signAttestation)]
pub fn sign_attestation(statement: StatementArg, key: &SigningKey) -> Result<String, JsValue> {
    let statement: JsValue = statement.into();
    if !statement.is_object() {
        return Err(convert::type_error("statement must be an object"));
    }
    let time = js_sys::Reflect::get(&statement, &JsValue::from_str("time"))?;
    let time = convert::unix_seconds(&time, "statement.time")?;
    let statement_error = |e: StatementError| convert::error("StatementError", e.code(), &e);
    let fields: StatementFields =
        serde_json::from_slice(json_text(&statement, "statement")?.as_bytes()).map_err(|e| {
            statement_error(StatementError::Shape {
                detail: e.to_string(),
            })
        })?;
    let attestation = Attestation {
        subject: codes::parse(&fields.subject)?,
        seq: fields.seq,
        prev: fields.prev,
        time,
        issuer: fields.issuer,
        event: fields.event,
    };
    attestation.check_fields().map_err(statement_error)?;
    Ok(String::from_utf8_lossy(&attestation.sign(&[&key.inner]).to_json()).into_owned())
}

/// Sign a passport with a registry key: the `HP1:...` text (192 characters, one QR
/// alphanumeric segment). `passport` is `{subject, status, head: {seq, hashPrefix} | null,
/// issuedAt, expiresAt}` (times as `Date` or unix seconds, `hashPrefix` 32 hex digits). For
/// issuers' tools and tests. Throws `InvalidCodeError` (subject), `PassportError`
/// (`passport.field_invalid`).
#[wasm_bindgen(js_name = signPassport)]
pub fn sign_passport(passport: PassportArg, key: &SigningKey) -> Result<String, JsValue> {
    let value: JsValue = passport.into();
    if !value.is_object() {
        return Err(convert::type_error("passport must be an object"));
    }
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k));
    let subject = codes::parse(&convert::text(
        &get(&value, "subject")?,
        "passport.subject",
    )?)?;
    let status_name = convert::text(&get(&value, "status")?, "passport.status")?;
    let status = (PassportStatus::ALL.iter().copied())
        .find(|s| s.as_str() == status_name)
        .ok_or_else(|| convert::range_error(&format!("unknown passport status {status_name:?}")))?;
    let head = match convert::present(get(&value, "head")?) {
        None => None,
        Some(head) => {
            let seq = get(&head, "seq")?
                .as_f64()
                .ok_or_else(|| convert::type_error("passport.head.seq must be a number"))?;
            let seq = convert::whole_number(seq, "passport.head.seq")?;
            let prefix = convert::text(&get(&head, "hashPrefix")?, "passport.head.hashPrefix")?;
            let mut hash_prefix = [0u8; 16];
            hex::decode_to_slice(&prefix, &mut hash_prefix).map_err(|_| {
                passport_error(PassportError::FieldInvalid {
                    field: "head_hash_prefix",
                    detail: "must be 32 hex digits".to_owned(),
                })
            })?;
            Some(PassportHead { seq, hash_prefix })
        }
    };
    let passport = Passport {
        subject,
        status,
        head,
        issued_at: convert::unix_seconds(&get(&value, "issuedAt")?, "passport.issuedAt")?,
        expires_at: convert::unix_seconds(&get(&value, "expiresAt")?, "passport.expiresAt")?,
    };
    passport.sign(&key.inner).map_err(passport_error)
}

/// A `StatusFeedError` with the reason code `status_feed.malformed`.
fn status_feed_error(detail: &impl ToString) -> JsValue {
    convert::error(
        "StatusFeedError",
        hrid::reason::ReasonCode::StatusFeedMalformed.as_str(),
        detail,
    )
}

/// Sign a status feed (`StatusFeedContents` or its JSON text) with a registry key into the feed
/// document (JSON text: `{"feed": ENVELOPE, "recalls": [...]}`), with the recall-notice
/// envelopes it names (`recalls`, JSON text each; default none). For issuers' tools and tests;
/// the feed is validated first. Throws `StatusFeedError`: `status_feed.malformed`, or the
/// `envelope.*` code of a recall envelope that does not read.
#[wasm_bindgen(js_name = signStatusFeed)]
pub fn sign_status_feed(
    feed: StatusFeedArg,
    #[wasm_bindgen(js_name = registryKey)] registry_key: &SigningKey,
    recalls: Option<Vec<String>>,
) -> Result<String, JsValue> {
    let text = json_text(&feed.into(), "feed")?;
    let feed: hrid::status::StatusFeed =
        serde_json::from_slice(text.as_bytes()).map_err(|e| status_feed_error(&e))?;
    feed.validate().map_err(|e| status_feed_error(&e))?;
    let limits = hrid::json::Limits::DEFAULT;
    let recalls = (recalls.unwrap_or_default().iter())
        .map(|r| {
            hrid::envelope::Envelope::from_json(r.as_bytes(), limits.max_envelope_bytes, &limits)
                .map_err(|e| convert::error("StatusFeedError", e.code(), &e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let document = feed.document(&[&registry_key.inner], &recalls);
    Ok(String::from_utf8_lossy(&document).into_owned())
}
