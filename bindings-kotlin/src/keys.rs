//! Ed25519 keys: verifying keys (strict verification) and signing keys (for tools and tests).

use std::sync::Arc;

use hrid::reason::ReasonCode;

use crate::HridFfiError;

/// An Ed25519 public key (never of small order, canonical encoding).
#[derive(Debug, uniffi::Object)]
pub struct VerifyingKey {
    inner: hrid::keys::VerifyingKey,
}

#[uniffi::export]
impl VerifyingKey {
    /// Import 64 hex digits (either case).
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.wrong_length`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_hex(hex: String) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_hex(&hex)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Import the raw 32-byte encoding.
    ///
    /// # Errors
    /// As [`VerifyingKey::from_hex`].
    #[uniffi::constructor]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_bytes(&bytes)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Import a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_pem(pem: String) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_public_key_pem(&pem)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Import a SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_der(der: Vec<u8>) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_public_key_der(&der)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Strict Ed25519 verification (`verify_strict`): true only for a valid 64-byte signature.
    ///
    /// Borrowed slices: uniffi passes them from direct `ByteBuffer`s without copying or
    /// allocating a `RustBuffer`, which is most of the cost of a call (see docs/benchmarks.md).
    #[must_use]
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.inner.verify(message, signature).is_ok()
    }

    /// [`VerifyingKey::verify`] with the signature and the message in one borrowed slice: the 64
    /// signature bytes, then the message (false when shorter than 64 bytes). Each slice argument
    /// costs the JVM a JNA structure per call; one instead of two is the fast path of the Kotlin
    /// facade's `verify(message, signature)` (see docs/benchmarks.md).
    #[must_use]
    pub fn verify_signed(&self, signature_then_message: &[u8]) -> bool {
        signature_then_message
            .split_at_checked(64)
            .is_some_and(|(signature, message)| self.inner.verify(message, signature).is_ok())
    }

    /// [`VerifyingKey::verify`] for many messages in one call: entry `i` is the verdict on
    /// `signatures[i]` over `messages[i]` (false when `signatures` has no entry `i`). The same
    /// strict check per signature, not batch verification; one crossing of the FFI boundary
    /// instead of one per signature, which matters when verifying a robot's whole history.
    #[must_use]
    pub fn verify_each(&self, messages: Vec<Vec<u8>>, signatures: Vec<Vec<u8>>) -> Vec<bool> {
        messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                signatures
                    .get(i)
                    .is_some_and(|s| self.inner.verify(m, s).is_ok())
            })
            .collect()
    }

    /// Like [`VerifyingKey::verify`], with the reason: `signature.valid`, `signature.invalid` or
    /// `signature.malformed` (not 64 bytes).
    #[must_use]
    pub fn check_signature(&self, message: &[u8], signature: &[u8]) -> ReasonCode {
        match self.inner.verify(message, signature) {
            Ok(()) => ReasonCode::SignatureValid,
            Err(e) => e.reason(),
        }
    }

    /// The 16-character key ID.
    #[must_use]
    pub fn key_id(&self) -> String {
        self.inner.key_id().as_str().to_owned()
    }

    /// 64 lowercase hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        self.inner.to_hex()
    }

    /// The raw 32 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes().to_vec()
    }

    /// SubjectPublicKeyInfo PEM.
    ///
    /// # Errors
    /// `InvalidKey` with `key.encoding_failed` (not expected to happen).
    pub fn to_pem(&self) -> Result<String, HridFfiError> {
        self.inner.to_public_key_pem().map_err(HridFfiError::from)
    }

    /// SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// `InvalidKey` with `key.encoding_failed` (not expected to happen).
    pub fn to_der(&self) -> Result<Vec<u8>, HridFfiError> {
        self.inner.to_public_key_der().map_err(HridFfiError::from)
    }
}

/// An Ed25519 private key, zeroized when closed. Scanners do not sign; this is for tools and
/// tests.
#[derive(Debug, uniffi::Object)]
pub struct SigningKey {
    inner: hrid::keys::SigningKey,
}

#[uniffi::export]
impl SigningKey {
    /// The key for a 32-byte seed given as 64 hex digits.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.wrong_length`.
    #[uniffi::constructor]
    pub fn from_seed_hex(hex: String) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_hex(&hex)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Import a PKCS#8 PEM private key.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.mismatch`.
    #[uniffi::constructor]
    pub fn from_pem(pem: String) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_pkcs8_pem(&pem)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Import a PKCS#8 DER private key.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.mismatch`.
    #[uniffi::constructor]
    pub fn from_der(der: Vec<u8>) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_pkcs8_der(&der)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(HridFfiError::from)
    }

    /// Sign `message` (pure Ed25519, deterministic): 64 bytes.
    #[must_use]
    pub fn sign(&self, message: Vec<u8>) -> Vec<u8> {
        self.inner.sign(&message).to_vec()
    }

    /// The matching public key.
    #[must_use]
    pub fn verifying_key(&self) -> Arc<VerifyingKey> {
        Arc::new(VerifyingKey {
            inner: self.inner.verifying_key(),
        })
    }

    /// The key ID of the public key.
    #[must_use]
    pub fn key_id(&self) -> String {
        self.inner.key_id().as_str().to_owned()
    }
}
