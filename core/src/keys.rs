//! Ed25519 signing and verifying keys, key IDs, and key files.
//!
//! [`SigningKey`] and [`VerifyingKey`] wrap `ed25519-dalek`. Secrets are zeroized on drop and never
//! printed: `Debug` shows the [`KeyId`] only. Key files are PKCS#8 (private) and
//! SubjectPublicKeyInfo (public), in DER or PEM, through `ed25519-dalek`'s `pkcs8` support. The
//! core never draws randomness itself: keys come from a seed or from a caller-supplied RNG.
//!
//! Verification is strict Ed25519 (`verify_strict`): small-order public keys and `R` values,
//! non-canonical encodings and `S >= L` are rejected, the same in every binding.
//!
//! ```
//! use hrid::keys::{SigningKey, VerifyingKey};
//!
//! let key = SigningKey::from_seed([7u8; 32]);
//! let public = key.verifying_key();
//! let signature = key.sign(b"hello");
//! assert!(public.verify(b"hello", &signature).is_ok());
//! assert_eq!(public.key_id().as_str().len(), 16);
//!
//! let pem = key.to_pkcs8_pem()?;
//! let again = SigningKey::from_pkcs8_pem(&pem)?;
//! assert_eq!(again.key_id(), key.key_id());
//! assert_eq!(VerifyingKey::from_hex(&public.to_hex())?, public);
//! # Ok::<(), hrid::keys::KeyError>(())
//! ```

use core::fmt;
use core::str::FromStr;

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::{DecodePublicKey, EncodePublicKey};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::reason::ReasonCode;

/// The domain tag hashed before the public key to derive a [`KeyId`].
pub const KEY_ID_DOMAIN: &[u8] = b"hrid-key-id-v1\0";

/// Length of a key ID in characters.
pub const KEY_ID_LENGTH: usize = 16;

/// Why a key could not be imported or exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Not hex, not DER or PEM of an Ed25519 key, or not a point on the curve.
    #[error("not a valid Ed25519 {what}: {detail}")]
    Malformed {
        /// What was expected (`public key`, `private key`, ...).
        what: &'static str,
        /// What went wrong, never containing key material.
        detail: String,
    },
    /// Raw bytes (or hex) of the wrong length.
    #[error("an Ed25519 {what} has {expected} bytes, found {found}")]
    WrongLength {
        /// What was expected.
        what: &'static str,
        /// Bytes expected.
        expected: usize,
        /// Bytes found.
        found: usize,
    },
    /// A small-order public key (a weak key): any signature "verifies" under such keys in lax
    /// verifiers, so hrid never accepts one.
    #[error("the public key is a small-order (weak) key")]
    Weak,
    /// The public key embedded in a PKCS#8 file does not match its private key.
    #[error("the key file's public key does not belong to its private key")]
    Mismatch,
    /// Encoding a key file failed.
    #[error("the key could not be encoded: {detail}")]
    Encoding {
        /// What went wrong.
        detail: String,
    },
}

impl KeyError {
    /// The stable reason code.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            KeyError::Malformed { .. } => ReasonCode::KeyMalformed,
            KeyError::WrongLength { .. } => ReasonCode::KeyWrongLength,
            KeyError::Weak => ReasonCode::KeyWeak,
            KeyError::Mismatch => ReasonCode::KeyMismatch,
            KeyError::Encoding { .. } => ReasonCode::KeyEncodingFailed,
        }
    }

    /// The stable reason-code string, for example `key.malformed`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// Why a signature did not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The signature is not 64 bytes.
    #[error("an Ed25519 signature has 64 bytes, found {found}")]
    WrongLength {
        /// Bytes found.
        found: usize,
    },
    /// The strict Ed25519 verification equation does not hold (or `R`/`S` are non-canonical or
    /// of small order).
    #[error("the signature does not verify")]
    Invalid,
}

impl SignatureError {
    /// The stable reason code: `signature.malformed` or `signature.invalid`.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            SignatureError::WrongLength { .. } => ReasonCode::SignatureMalformed,
            SignatureError::Invalid => ReasonCode::SignatureInvalid,
        }
    }

    /// The stable reason-code string.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// The short public name of a key: 16 characters of Crockford base32.
///
/// Derivation (normative): `SHA-256("hrid-key-id-v1" || 0x00 || public_key)`, where `public_key`
/// is the 32-byte Ed25519 encoding; take the first 10 bytes (80 bits) and encode them in Crockford
/// base32 (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`, most significant bit first, no padding), giving
/// exactly 16 uppercase characters.
///
/// Key IDs are hints for finding a key, never proof: two keys may share an ID, and a verifier tries
/// every trusted key whose ID matches.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(String);

impl KeyId {
    /// The key ID of a 32-byte public key encoding.
    #[must_use]
    pub fn derive(public_key: &[u8; 32]) -> KeyId {
        let mut h = Sha256::new();
        h.update(KEY_ID_DOMAIN);
        h.update(public_key);
        let digest = h.finalize();
        let prefix = digest.get(..10).unwrap_or_default();
        KeyId(base32::encode(base32::Alphabet::Crockford, prefix))
    }

    /// The 16-character string.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `s` has the form of a key ID: 16 characters of the uppercase Crockford alphabet.
    #[must_use]
    pub fn is_well_formed(s: &str) -> bool {
        s.len() == KEY_ID_LENGTH
            && s.bytes()
                .all(|b| crate::code::ALPHABET.as_bytes().contains(&b))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.0)
    }
}

impl FromStr for KeyId {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if KeyId::is_well_formed(s) {
            Ok(KeyId(s.to_owned()))
        } else {
            Err(KeyError::Malformed {
                what: "key ID",
                detail: "a key ID is 16 uppercase Crockford base32 characters".to_owned(),
            })
        }
    }
}

impl serde::Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// An Ed25519 private key. Zeroized on drop; `Debug` prints only its key ID.
pub struct SigningKey {
    inner: ed25519_dalek::SigningKey,
    id: KeyId,
}

impl SigningKey {
    /// The key for a 32-byte seed (RFC 8032's private key). The seed is copied into the key and
    /// the argument's copy is zeroized.
    #[must_use]
    pub fn from_seed(seed: [u8; 32]) -> SigningKey {
        let seed = Zeroizing::new(seed);
        let inner = ed25519_dalek::SigningKey::from_bytes(&seed);
        let id = KeyId::derive(inner.verifying_key().as_bytes());
        SigningKey { inner, id }
    }

    /// A new key from the caller's cryptographic RNG (hrid itself never reads OS randomness).
    #[must_use]
    pub fn generate<R: rand_core::CryptoRngCore + ?Sized>(rng: &mut R) -> SigningKey {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut());
        SigningKey::from_seed(*seed)
    }

    /// The key for a seed given as 64 hex digits (either case).
    ///
    /// # Errors
    /// `key.malformed` (not hex), `key.wrong_length` (not 32 bytes).
    pub fn from_hex(hex_seed: &str) -> Result<SigningKey, KeyError> {
        let bytes =
            Zeroizing::new(
                hex::decode(hex_seed.trim()).map_err(|_| KeyError::Malformed {
                    what: "private key",
                    detail: "not hexadecimal".to_owned(),
                })?,
            );
        let mut seed = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return Err(KeyError::WrongLength {
                what: "private key seed",
                expected: 32,
                found: bytes.len(),
            });
        }
        seed.copy_from_slice(&bytes);
        Ok(SigningKey::from_seed(*seed))
    }

    /// Import a PKCS#8 DER private key (v1, or v2 with the public key, which must match).
    ///
    /// # Errors
    /// `key.malformed`, `key.mismatch`.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, KeyError> {
        let inner = ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(pkcs8_error)?;
        Ok(SigningKey::wrap(inner))
    }

    /// Import a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// `key.malformed`, `key.mismatch`.
    pub fn from_pkcs8_pem(pem: &str) -> Result<SigningKey, KeyError> {
        let inner = ed25519_dalek::SigningKey::from_pkcs8_pem(pem).map_err(pkcs8_error)?;
        Ok(SigningKey::wrap(inner))
    }

    /// Export as PKCS#8 v2 DER (private and public key), in a buffer zeroized on drop.
    ///
    /// # Errors
    /// `key.encoding_failed` (not expected to happen).
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let doc = self.inner.to_pkcs8_der().map_err(|e| KeyError::Encoding {
            detail: e.to_string(),
        })?;
        Ok(doc.to_bytes())
    }

    /// Export as PKCS#8 v2 PEM with `\n` line endings, in a string zeroized on drop.
    ///
    /// # Errors
    /// `key.encoding_failed` (not expected to happen).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, KeyError> {
        self.inner
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| KeyError::Encoding {
                detail: e.to_string(),
            })
    }

    /// The seed as 64 lowercase hex digits, in a string zeroized on drop.
    #[must_use]
    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut seed = self.inner.to_bytes();
        let out = Zeroizing::new(hex::encode(seed));
        seed.zeroize();
        out
    }

    /// The matching public key.
    #[must_use]
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            inner: self.inner.verifying_key(),
            id: self.id.clone(),
        }
    }

    /// The key ID of the public key.
    #[must_use]
    pub fn key_id(&self) -> &KeyId {
        &self.id
    }

    /// Sign `message` (pure Ed25519, RFC 8032; deterministic).
    #[must_use]
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.inner.sign(message).to_bytes()
    }

    fn wrap(inner: ed25519_dalek::SigningKey) -> SigningKey {
        let id = KeyId::derive(inner.verifying_key().as_bytes());
        SigningKey { inner, id }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.id.as_str())
            .finish_non_exhaustive()
    }
}

fn pkcs8_error(e: ed25519_dalek::pkcs8::Error) -> KeyError {
    match e {
        ed25519_dalek::pkcs8::Error::KeyMalformed => KeyError::Mismatch,
        other => KeyError::Malformed {
            what: "private key",
            detail: other.to_string(),
        },
    }
}

/// An Ed25519 public key that is not of small order. Serialised as 64 lowercase hex digits.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    inner: ed25519_dalek::VerifyingKey,
    id: KeyId,
}

impl VerifyingKey {
    /// Import the 32-byte encoding.
    ///
    /// # Errors
    /// `key.wrong_length`, `key.malformed` (not a curve point), `key.weak` (small order).
    pub fn from_bytes(bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
        let array: &[u8; 32] = bytes.try_into().map_err(|_| KeyError::WrongLength {
            what: "public key",
            expected: 32,
            found: bytes.len(),
        })?;
        let inner =
            ed25519_dalek::VerifyingKey::from_bytes(array).map_err(|_| KeyError::Malformed {
                what: "public key",
                detail: "not a point on the curve".to_owned(),
            })?;
        VerifyingKey::wrap(inner)
    }

    /// Import 64 hex digits (either case).
    ///
    /// # Errors
    /// `key.malformed` (not hex or not a point), `key.wrong_length`, `key.weak`.
    pub fn from_hex(text: &str) -> Result<VerifyingKey, KeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| KeyError::Malformed {
            what: "public key",
            detail: "not hexadecimal".to_owned(),
        })?;
        VerifyingKey::from_bytes(&bytes)
    }

    /// Import a SubjectPublicKeyInfo DER public key.
    ///
    /// # Errors
    /// `key.malformed`, `key.weak`.
    pub fn from_public_key_der(der: &[u8]) -> Result<VerifyingKey, KeyError> {
        let inner = ed25519_dalek::VerifyingKey::from_public_key_der(der).map_err(|e| {
            KeyError::Malformed {
                what: "public key",
                detail: e.to_string(),
            }
        })?;
        VerifyingKey::wrap(inner)
    }

    /// Import a SubjectPublicKeyInfo PEM public key (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// `key.malformed`, `key.weak`.
    pub fn from_public_key_pem(pem: &str) -> Result<VerifyingKey, KeyError> {
        let inner = ed25519_dalek::VerifyingKey::from_public_key_pem(pem).map_err(|e| {
            KeyError::Malformed {
                what: "public key",
                detail: e.to_string(),
            }
        })?;
        VerifyingKey::wrap(inner)
    }

    /// The 32-byte encoding.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        self.inner.to_bytes()
    }

    /// The 32-byte encoding as 64 lowercase hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        hex::encode(self.inner.as_bytes())
    }

    /// SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// `key.encoding_failed` (not expected to happen).
    pub fn to_public_key_der(&self) -> Result<Vec<u8>, KeyError> {
        self.inner
            .to_public_key_der()
            .map(|d| d.into_vec())
            .map_err(|e| KeyError::Encoding {
                detail: e.to_string(),
            })
    }

    /// SubjectPublicKeyInfo PEM with `\n` line endings.
    ///
    /// # Errors
    /// `key.encoding_failed` (not expected to happen).
    pub fn to_public_key_pem(&self) -> Result<String, KeyError> {
        self.inner
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| KeyError::Encoding {
                detail: e.to_string(),
            })
    }

    /// The key ID.
    #[must_use]
    pub fn key_id(&self) -> &KeyId {
        &self.id
    }

    /// The 4-byte key hint (passports): the first 4 bytes of
    /// `SHA-256("hrid-key-id-v1" || 0x00 || A)`, the digest the key ID is made from.
    #[must_use]
    pub fn hint(&self) -> [u8; 4] {
        use sha2::Digest as _;
        let d = sha2::Sha256::new()
            .chain_update(KEY_ID_DOMAIN)
            .chain_update(self.to_bytes())
            .finalize();
        let mut hint = [0u8; 4];
        hint.copy_from_slice(d.get(..4).unwrap_or(&[0; 4]));
        hint
    }

    /// Verify a 64-byte signature over `message` with strict Ed25519 (`verify_strict`).
    ///
    /// # Errors
    /// `signature.malformed` (not 64 bytes), `signature.invalid`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        let bytes: &[u8; 64] = signature
            .try_into()
            .map_err(|_| SignatureError::WrongLength {
                found: signature.len(),
            })?;
        let sig = ed25519_dalek::Signature::from_bytes(bytes);
        self.inner
            .verify_strict(message, &sig)
            .map_err(|_| SignatureError::Invalid)
    }

    fn wrap(inner: ed25519_dalek::VerifyingKey) -> Result<VerifyingKey, KeyError> {
        if inner.is_weak() {
            return Err(KeyError::Weak);
        }
        // Decompression accepts some non-canonical encodings (y >= p); verify_strict would then
        // reject every signature, and two spellings of one key would get two key IDs. Refuse them
        // at the door instead.
        let bytes = *inner.as_bytes();
        let canonical = curve25519_dalek::edwards::CompressedEdwardsY(bytes)
            .decompress()
            .is_some_and(|p| p.compress().to_bytes() == bytes);
        if !canonical {
            return Err(KeyError::Malformed {
                what: "public key",
                detail: "not the canonical encoding of a curve point".to_owned(),
            });
        }
        let id = KeyId::derive(inner.as_bytes());
        Ok(VerifyingKey { inner, id })
    }
}

impl core::hash::Hash for VerifyingKey {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.inner.as_bytes().hash(state);
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyingKey({}, {})", self.id, self.to_hex())
    }
}

impl FromStr for VerifyingKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        VerifyingKey::from_hex(s)
    }
}

impl serde::Serialize for VerifyingKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for VerifyingKey {
    /// Strict: exactly 64 lowercase hex digits, as hrid writes them.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        if s.len() != 64 || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(serde::de::Error::custom(
                "a public key is 64 lowercase hex digits",
            ));
        }
        VerifyingKey::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8032 section 7.1, test 1.
    const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    #[test]
    fn rfc8032_test_1() {
        let key = SigningKey::from_hex(SEED).unwrap();
        assert_eq!(key.verifying_key().to_hex(), PUBLIC);
        let sig = key.sign(b"");
        assert_eq!(
            hex::encode(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
        assert!(key.verifying_key().verify(b"", &sig).is_ok());
        assert_eq!(
            key.verifying_key().verify(b"x", &sig),
            Err(SignatureError::Invalid)
        );
        assert_eq!(
            key.verifying_key().verify(b"", &sig[..63]),
            Err(SignatureError::WrongLength { found: 63 })
        );
        assert_eq!(key.to_hex().as_str(), SEED);
    }

    #[test]
    fn key_id_derivation_is_as_documented() {
        let pk: [u8; 32] = hex::decode(PUBLIC).unwrap().try_into().unwrap();
        let mut h = Sha256::new();
        h.update(b"hrid-key-id-v1\x00");
        h.update(pk);
        let d = h.finalize();
        // Independent Crockford base32 of the first 80 bits.
        let alphabet = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let mut acc: u128 = 0;
        for b in &d[..10] {
            acc = (acc << 8) | u128::from(*b);
        }
        let expected: String = (0..16)
            .rev()
            .map(|i| char::from(alphabet[((acc >> (5 * i)) & 31) as usize]))
            .collect();
        let id = KeyId::derive(&pk);
        assert_eq!(id.as_str(), expected);
        assert_eq!(id.as_str().len(), 16);
        assert!(KeyId::is_well_formed(id.as_str()));
        assert_eq!(id.as_str().parse::<KeyId>().unwrap(), id);
        assert!("abc".parse::<KeyId>().is_err());
        assert_eq!(
            VerifyingKey::from_hex(PUBLIC).unwrap().key_id(),
            &KeyId::derive(&pk)
        );
    }

    #[test]
    fn debug_never_prints_the_secret() {
        let key = SigningKey::from_hex(SEED).unwrap();
        let dbg = format!("{key:?}");
        assert!(!dbg.contains(SEED));
        assert!(!dbg.to_lowercase().contains(&SEED[..16]));
        assert!(dbg.contains(key.key_id().as_str()));
    }

    #[test]
    fn hex_errors() {
        assert_eq!(
            SigningKey::from_hex("zz").unwrap_err().code(),
            "key.malformed"
        );
        assert_eq!(
            SigningKey::from_hex("00").unwrap_err().code(),
            "key.wrong_length"
        );
        assert_eq!(
            VerifyingKey::from_hex(&PUBLIC[..62]).unwrap_err().code(),
            "key.wrong_length"
        );
        // The identity point: small order.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            VerifyingKey::from_bytes(&identity).unwrap_err(),
            KeyError::Weak
        );
    }

    #[test]
    fn key_files_round_trip() {
        let key = SigningKey::from_hex(SEED).unwrap();
        let der = key.to_pkcs8_der().unwrap();
        assert_eq!(
            SigningKey::from_pkcs8_der(&der).unwrap().key_id(),
            key.key_id()
        );
        let pem = key.to_pkcs8_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert_eq!(
            SigningKey::from_pkcs8_pem(&pem).unwrap().key_id(),
            key.key_id()
        );
        let public = key.verifying_key();
        let spki = public.to_public_key_der().unwrap();
        assert_eq!(VerifyingKey::from_public_key_der(&spki).unwrap(), public);
        let pem = public.to_public_key_pem().unwrap();
        assert_eq!(VerifyingKey::from_public_key_pem(&pem).unwrap(), public);
        assert_eq!(
            SigningKey::from_pkcs8_der(b"\x30\x00").unwrap_err().code(),
            "key.malformed"
        );
        assert_eq!(
            VerifyingKey::from_public_key_pem("nope")
                .unwrap_err()
                .code(),
            "key.malformed"
        );
    }

    #[test]
    fn mismatched_pkcs8_public_key_is_rejected() {
        let a = SigningKey::from_seed([1; 32]);
        let b = SigningKey::from_seed([2; 32]);
        let mut der = a.to_pkcs8_der().unwrap().to_vec();
        // The v2 document ends with the 32-byte public key.
        let n = der.len();
        der[n - 32..].copy_from_slice(&b.verifying_key().to_bytes());
        assert_eq!(
            SigningKey::from_pkcs8_der(&der).unwrap_err(),
            KeyError::Mismatch
        );
    }

    #[test]
    fn serde_is_strict_lowercase_hex() {
        let public = SigningKey::from_hex(SEED).unwrap().verifying_key();
        let json = serde_json::to_string(&public).unwrap();
        assert_eq!(json, format!("\"{PUBLIC}\""));
        assert_eq!(serde_json::from_str::<VerifyingKey>(&json).unwrap(), public);
        assert!(serde_json::from_str::<VerifyingKey>(&json.to_uppercase()).is_err());
    }

    #[test]
    fn generate_uses_the_callers_rng() {
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let a = SigningKey::generate(&mut rng);
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(1);
        let b = SigningKey::generate(&mut rng);
        assert_eq!(a.key_id(), b.key_id());
    }
}
