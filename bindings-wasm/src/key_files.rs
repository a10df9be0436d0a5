//! PEM and DER import and export of keys (PKCS#8, SubjectPublicKeyInfo): the cargo feature
//! `key-files` (on in the Node build, off in the browser build, which takes keys as hex or bytes).

use hrid::keys;
use wasm_bindgen::prelude::*;

use crate::convert::{self, ByteArrayArg};
use crate::keys::{key_error, VerifyingKey};
#[cfg(feature = "signing")]
use crate::sign::SigningKey;

#[wasm_bindgen]
impl VerifyingKey {
    /// Import a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`); throws `KeyError`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &str) -> Result<VerifyingKey, JsValue> {
        keys::VerifyingKey::from_public_key_pem(pem)
            .map(|inner| VerifyingKey { inner })
            .map_err(key_error)
    }

    /// Import a SubjectPublicKeyInfo DER; throws `KeyError`.
    #[wasm_bindgen(js_name = fromDer)]
    pub fn from_der(der: &ByteArrayArg) -> Result<VerifyingKey, JsValue> {
        let der = convert::byte_array(der, "der")?;
        keys::VerifyingKey::from_public_key_der(&der)
            .map(|inner| VerifyingKey { inner })
            .map_err(key_error)
    }

    /// SubjectPublicKeyInfo PEM; throws `KeyError` (`key.encoding_failed`, not expected).
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self) -> Result<String, JsValue> {
        self.inner.to_public_key_pem().map_err(key_error)
    }
}

#[cfg(feature = "signing")]
#[wasm_bindgen]
impl SigningKey {
    /// Import a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`); throws `KeyError`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: &str) -> Result<SigningKey, JsValue> {
        keys::SigningKey::from_pkcs8_pem(pem)
            .map(|inner| SigningKey { inner })
            .map_err(key_error)
    }

    /// Import a PKCS#8 DER (v1, or v2 whose public key must match); throws `KeyError`.
    #[wasm_bindgen(js_name = fromDer)]
    pub fn from_der(der: &ByteArrayArg) -> Result<SigningKey, JsValue> {
        let der = convert::byte_array(der, "der")?;
        keys::SigningKey::from_pkcs8_der(&der)
            .map(|inner| SigningKey { inner })
            .map_err(key_error)
    }
}
