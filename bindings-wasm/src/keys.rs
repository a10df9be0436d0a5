//! Ed25519 public keys: `VerifyingKey` (strict verification), `KeyError`,
//! `SignatureError`.

use hrid::keys::{self, KeyError, SignatureError};
use wasm_bindgen::prelude::*;

use crate::convert::{self, ByteArrayArg, BytesArg};

/// `KeyError` with the key's reason code (`key.malformed`, `key.wrong_length`, `key.weak`, ...).
pub(crate) fn key_error(e: KeyError) -> JsValue {
    convert::error("KeyError", e.code(), &e)
}

/// An Ed25519 public key (never of small order). Verification is strict Ed25519, the same rule in
/// every hrid binding.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct VerifyingKey {
    pub(crate) inner: keys::VerifyingKey,
}

#[wasm_bindgen]
impl VerifyingKey {
    /// Import 64 hex digits; throws `KeyError` (`key.malformed`, `key.wrong_length`, `key.weak`).
    #[wasm_bindgen(js_name = fromHex)]
    pub fn from_hex(hex: &str) -> Result<VerifyingKey, JsValue> {
        keys::VerifyingKey::from_hex(hex)
            .map(|inner| VerifyingKey { inner })
            .map_err(key_error)
    }

    /// Import the 32-byte encoding; throws `KeyError`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &ByteArrayArg) -> Result<VerifyingKey, JsValue> {
        let bytes = convert::byte_array(bytes, "bytes")?;
        keys::VerifyingKey::from_bytes(&bytes)
            .map(|inner| VerifyingKey { inner })
            .map_err(key_error)
    }

    /// 64 lowercase hex digits.
    #[wasm_bindgen(js_name = toHex)]
    pub fn to_hex(&self) -> String {
        self.inner.to_hex()
    }

    /// The 32-byte encoding.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes().to_vec()
    }

    /// The 16-character key ID.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.inner.key_id().to_string()
    }

    /// True when `signature` (64 bytes) is a valid strict Ed25519 signature of `message` (a
    /// `Uint8Array`, or a string signed as UTF-8). Never throws for bad signatures.
    pub fn verify(&self, message: &BytesArg, signature: &ByteArrayArg) -> Result<bool, JsValue> {
        let message = convert::bytes(message, "message")?;
        let signature = convert::byte_array(signature, "signature")?;
        Ok(self.inner.verify(&message, &signature).is_ok())
    }

    /// As `verify`, but throws `SignatureError` (`signature.malformed`, `signature.invalid`).
    #[wasm_bindgen(js_name = checkSignature)]
    pub fn check_signature(
        &self,
        message: &BytesArg,
        signature: &ByteArrayArg,
    ) -> Result<(), JsValue> {
        let message = convert::bytes(message, "message")?;
        let signature = convert::byte_array(signature, "signature")?;
        (self.inner.verify(&message, &signature))
            .map_err(|e: SignatureError| convert::error("SignatureError", e.code(), &e))
    }

    /// True when both are the same key.
    pub fn equals(&self, other: &VerifyingKey) -> bool {
        self.inner == other.inner
    }
}
