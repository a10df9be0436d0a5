//! Ed25519 keys: `VerifyingKey` (strict verification), `SigningKey`, `KeyError`,
//! `SignatureError`.

use hrid::keys::{self, KeyError, SignatureError};
use wasm_bindgen::prelude::*;

use crate::convert;

pub(crate) fn key_error(e: &KeyError) -> JsValue {
    convert::error("KeyError", e.code(), &e.to_string()).into()
}

fn signature_error(e: &SignatureError) -> JsValue {
    convert::error("SignatureError", e.code(), &e.to_string()).into()
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
            .map_err(|e| key_error(&e))
    }

    /// Import a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`); throws `KeyError`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &str) -> Result<VerifyingKey, JsValue> {
        keys::VerifyingKey::from_public_key_pem(pem)
            .map(|inner| VerifyingKey { inner })
            .map_err(|e| key_error(&e))
    }

    /// Import a SubjectPublicKeyInfo DER; throws `KeyError`.
    #[wasm_bindgen(js_name = fromDer)]
    pub fn from_der(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: &JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let der = convert::byte_array(der, "der")?;
        keys::VerifyingKey::from_public_key_der(&der)
            .map(|inner| VerifyingKey { inner })
            .map_err(|e| key_error(&e))
    }

    /// Import the 32-byte encoding; throws `KeyError`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let bytes = convert::byte_array(bytes, "bytes")?;
        keys::VerifyingKey::from_bytes(&bytes)
            .map(|inner| VerifyingKey { inner })
            .map_err(|e| key_error(&e))
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

    /// SubjectPublicKeyInfo PEM; throws `KeyError` (`key.encoding_failed`, not expected).
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self) -> Result<String, JsValue> {
        self.inner.to_public_key_pem().map_err(|e| key_error(&e))
    }

    /// The 16-character key ID.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> String {
        self.inner.key_id().to_string()
    }

    /// True when `signature` (64 bytes) is a valid strict Ed25519 signature of `message` (a
    /// `Uint8Array`, or a string signed as UTF-8). Never throws for bad signatures.
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] message: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature: &JsValue,
    ) -> Result<bool, JsValue> {
        let message = convert::bytes(message, "message")?;
        let signature = convert::byte_array(signature, "signature")?;
        Ok(self.inner.verify(&message, &signature).is_ok())
    }

    /// As `verify`, but throws `SignatureError` (`signature.malformed`, `signature.invalid`).
    #[wasm_bindgen(js_name = checkSignature)]
    pub fn check_signature(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] message: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature: &JsValue,
    ) -> Result<(), JsValue> {
        let message = convert::bytes(message, "message")?;
        let signature = convert::byte_array(signature, "signature")?;
        self.inner
            .verify(&message, &signature)
            .map_err(|e| signature_error(&e))
    }

    /// True when both are the same key.
    pub fn equals(&self, other: &VerifyingKey) -> bool {
        self.inner == other.inner
    }
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
    pub fn from_seed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: &JsValue,
    ) -> Result<SigningKey, JsValue> {
        let bytes = convert::byte_array(seed, "seed")?;
        let seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            key_error(&KeyError::WrongLength {
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
            .map_err(|e| key_error(&e))
    }

    /// Import a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`); throws `KeyError`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &str) -> Result<SigningKey, JsValue> {
        keys::SigningKey::from_pkcs8_pem(pem)
            .map(|inner| SigningKey { inner })
            .map_err(|e| key_error(&e))
    }

    /// Import a PKCS#8 DER (v1, or v2 whose public key must match); throws `KeyError`.
    #[wasm_bindgen(js_name = fromDer)]
    pub fn from_der(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: &JsValue,
    ) -> Result<SigningKey, JsValue> {
        let der = convert::byte_array(der, "der")?;
        keys::SigningKey::from_pkcs8_der(&der)
            .map(|inner| SigningKey { inner })
            .map_err(|e| key_error(&e))
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
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] message: &JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let message = convert::bytes(message, "message")?;
        Ok(self.inner.sign(&message).to_vec())
    }
}
