//! DSSE envelopes: the signed wrapper of every hrid document.
//!
//! An envelope is the JSON object
//! `{"payloadType": TYPE, "payload": BASE64(BODY), "signatures": [{"keyid": ID, "sig": BASE64(SIG)}]}`
//! and each signature is Ed25519 over the pre-authentication encoding
//! `PAE(TYPE, BODY) = "DSSEv1" SP LEN(TYPE) SP TYPE SP LEN(BODY) SP BODY`, where `LEN` is the byte
//! length in ASCII decimal without leading zeros and `SP` one space (0x20). See
//! `docs/attestations.md` for the normative rules.
//!
//! Verify before parse: [`Envelope`] never hands out its payload. Only [`Envelope::verify_with`]
//! returns a [`VerifiedEnvelope`], which nobody else can build, and only it exposes the signed
//! bytes, exactly as signed (never re-serialised).
//!
//! ```
//! use hrid::envelope::{Envelope, PayloadType};
//! use hrid::keys::SigningKey;
//! use hrid::json::Limits;
//!
//! let key = SigningKey::from_seed([1; 32]);
//! let env = Envelope::sign(PayloadType::Attestation, br#"{"x":1}"#, &[&key]);
//! let json = env.to_json();
//! let parsed = Envelope::from_json(&json, Limits::DEFAULT.max_envelope_bytes, &Limits::DEFAULT)?;
//! let verified = parsed.verify_with(&[key.verifying_key()])?;
//! assert_eq!(verified.payload(), br#"{"x":1}"#);
//! assert_eq!(verified.signers()[0].key_id(), key.key_id());
//! # Ok::<(), hrid::envelope::EnvelopeError>(())
//! ```

use core::fmt;
use core::str::FromStr;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::json::{self, JsonError, Limits};
use crate::keys::{KeyId, SigningKey, VerifyingKey};
use crate::names::names;
use crate::reason::ReasonCode;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The payload types hrid signs and verifies. Any other type is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PayloadType {
    /// A lifecycle attestation: `application/vnd.hrid.attestation.v1+json`.
    Attestation,
    /// A trust list: `application/vnd.hrid.trust-list.v1+json`.
    TrustList,
    /// A recall notice: `application/vnd.hrid.recall.v1+json`.
    Recall,
    /// A passport frame (binary, never in a JSON envelope): `application/vnd.hrid.passport.v1`.
    Passport,
    /// The registry's status feed: `application/vnd.hrid.status-feed.v1+json`.
    StatusFeed,
}

names! {
    PayloadType {
        Attestation => "application/vnd.hrid.attestation.v1+json",
        TrustList => "application/vnd.hrid.trust-list.v1+json",
        Recall => "application/vnd.hrid.recall.v1+json",
        Passport => "application/vnd.hrid.passport.v1",
        StatusFeed => "application/vnd.hrid.status-feed.v1+json",
    }
}

impl FromStr for PayloadType {
    type Err = EnvelopeError;
    /// Exact, case-sensitive match of the media type.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PayloadType::from_name(s).ok_or_else(|| EnvelopeError::PayloadTypeUnknown {
            found: s.chars().take(100).collect(),
        })
    }
}

/// The DSSE pre-authentication encoding: the exact bytes that are signed.
///
/// ```
/// assert_eq!(
///     hrid::envelope::pae("http://example.com/HelloWorld", b"hello world"),
///     b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec(),
/// );
/// ```
#[must_use]
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let type_len = payload_type.len().to_string();
    let body_len = payload.len().to_string();
    let mut out = Vec::with_capacity(
        7 + type_len.len() + 1 + payload_type.len() + 1 + body_len.len() + 1 + payload.len(),
    );
    out.extend_from_slice(b"DSSEv1 ");
    out.extend_from_slice(type_len.as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload_type.as_bytes());
    out.push(b' ');
    out.extend_from_slice(body_len.as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload);
    out
}

/// The statement hash: SHA-256 of `PAE(payload_type, payload)`, as 64 lowercase hex digits.
///
/// It covers the type and the exact signed bytes, and not the signatures: re-signing the same
/// statement does not change it.
#[must_use]
pub fn statement_hash(payload_type: PayloadType, payload: &[u8]) -> String {
    hex::encode(Sha256::digest(pae(payload_type.as_str(), payload)))
}

/// Why an envelope could not be read or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The JSON pre-check failed (size, depth, duplicate keys, syntax).
    #[error("envelope: {0}")]
    Json(JsonError),
    /// Valid JSON but not of the envelope shape (missing or unknown fields, wrong types).
    #[error("not a DSSE envelope: {detail}")]
    Shape {
        /// serde's description.
        detail: String,
    },
    /// The payload or a signature is not canonical standard base64 with padding.
    #[error("{field} is not canonical standard base64")]
    Encoding {
        /// `payload` or `signatures[i].sig`.
        field: String,
    },
    /// `signatures` is empty.
    #[error("the envelope has no signatures")]
    NoSignatures,
    /// More signatures than [`Limits::max_signatures`].
    #[error("the envelope has {found} signatures, more than the limit of {max}")]
    TooManySignatures {
        /// Signatures found.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// A signature is not 64 bytes.
    #[error("signature {index} has {found} bytes, not 64")]
    SignatureMalformed {
        /// Index in `signatures`.
        index: usize,
        /// Bytes found.
        found: usize,
    },
    /// The payload type is not one of [`PayloadType`].
    #[error("unknown payload type {found:?}")]
    PayloadTypeUnknown {
        /// The type found (at most 100 characters of it).
        found: String,
    },
    /// A known payload type, but not the one expected.
    #[error("expected a {expected} document, found {found}")]
    PayloadTypeUnexpected {
        /// The type expected.
        expected: PayloadType,
        /// The type found.
        found: PayloadType,
    },
    /// No trusted key's ID matches any signature's key ID.
    #[error("no trusted key matches the signatures' key IDs")]
    NoMatchingKey,
    /// Keys matched, but no signature verified.
    #[error("no signature verifies with a trusted key")]
    SignatureInvalid,
}

impl EnvelopeError {
    /// The stable reason code.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            EnvelopeError::Json(JsonError::TooLarge { .. }) => ReasonCode::EnvelopeTooLarge,
            EnvelopeError::Json(JsonError::TooDeep { .. }) => ReasonCode::EnvelopeTooDeep,
            EnvelopeError::Json(JsonError::DuplicateKey { .. }) => ReasonCode::EnvelopeDuplicateKey,
            EnvelopeError::Json(_) | EnvelopeError::Shape { .. } => ReasonCode::EnvelopeMalformed,
            EnvelopeError::Encoding { .. } => ReasonCode::EnvelopeBadEncoding,
            EnvelopeError::NoSignatures => ReasonCode::EnvelopeNoSignatures,
            EnvelopeError::TooManySignatures { .. } => ReasonCode::EnvelopeTooManySignatures,
            EnvelopeError::SignatureMalformed { .. } => ReasonCode::SignatureMalformed,
            EnvelopeError::PayloadTypeUnknown { .. } => ReasonCode::EnvelopePayloadTypeUnknown,
            EnvelopeError::PayloadTypeUnexpected { .. } => {
                ReasonCode::EnvelopePayloadTypeUnexpected
            }
            EnvelopeError::NoMatchingKey => ReasonCode::SignerUnknown,
            EnvelopeError::SignatureInvalid => ReasonCode::SignatureInvalid,
        }
    }

    /// The stable reason-code string.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// One signature of an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeSignature {
    /// The key ID hint, as found. Empty names no key: a trust list's participants are then not
    /// tried at all; only where the caller gives the few candidate keys itself
    /// ([`Envelope::verify_with`], a trust list's roots) is each of them tried.
    pub keyid: String,
    /// The 64 signature bytes.
    pub sig: [u8; 64],
}

/// A parsed, unverified DSSE envelope. It does not give out its payload: verify it first.
#[derive(Clone, PartialEq, Eq)]
pub struct Envelope {
    payload_type: PayloadType,
    payload: Vec<u8>,
    signatures: Vec<EnvelopeSignature>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEnvelope {
    #[serde(rename = "payloadType")]
    payload_type: String,
    payload: String,
    signatures: Vec<WireSignature>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSignature {
    #[serde(default)]
    keyid: String,
    sig: String,
}

#[derive(serde::Serialize)]
struct WireEnvelopeOut<'a> {
    #[serde(rename = "payloadType")]
    payload_type: &'a str,
    payload: String,
    signatures: Vec<WireSignatureOut<'a>>,
}

#[derive(serde::Serialize)]
struct WireSignatureOut<'a> {
    keyid: &'a str,
    sig: String,
}

impl Envelope {
    /// Sign `payload` as `payload_type` with each key, in order (duplicates are kept as given).
    #[must_use]
    pub fn sign(payload_type: PayloadType, payload: &[u8], keys: &[&SigningKey]) -> Envelope {
        let message = pae(payload_type.as_str(), payload);
        let signatures = keys
            .iter()
            .map(|k| EnvelopeSignature {
                keyid: k.key_id().as_str().to_owned(),
                sig: k.sign(&message),
            })
            .collect();
        Envelope {
            payload_type,
            payload: payload.to_vec(),
            signatures,
        }
    }

    /// Read an envelope: JSON pre-check (`max_bytes`, `limits.max_depth`, duplicate keys), the
    /// exact DSSE shape (unknown fields rejected; `keyid` may be absent), a known payload type,
    /// canonical padded standard base64, 1 to `limits.max_signatures` signatures of 64 bytes.
    ///
    /// # Errors
    /// [`EnvelopeError`]: `envelope.*` codes, `signature.malformed`.
    pub fn from_json(
        bytes: &[u8],
        max_bytes: usize,
        limits: &Limits,
    ) -> Result<Envelope, EnvelopeError> {
        json::check(bytes, max_bytes, limits.max_depth).map_err(EnvelopeError::Json)?;
        let wire: WireEnvelope =
            serde_json::from_slice(bytes).map_err(|e| EnvelopeError::Shape {
                detail: e.to_string(),
            })?;
        let payload_type: PayloadType = wire.payload_type.parse()?;
        let payload = B64
            .decode(wire.payload.as_bytes())
            .map_err(|_| EnvelopeError::Encoding {
                field: "payload".to_owned(),
            })?;
        if wire.signatures.is_empty() {
            return Err(EnvelopeError::NoSignatures);
        }
        if wire.signatures.len() > limits.max_signatures {
            return Err(EnvelopeError::TooManySignatures {
                found: wire.signatures.len(),
                max: limits.max_signatures,
            });
        }
        let mut signatures = Vec::with_capacity(wire.signatures.len());
        for (index, s) in wire.signatures.into_iter().enumerate() {
            let bytes = B64
                .decode(s.sig.as_bytes())
                .map_err(|_| EnvelopeError::Encoding {
                    field: format!("signatures[{index}].sig"),
                })?;
            let sig: [u8; 64] =
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| EnvelopeError::SignatureMalformed {
                        index,
                        found: bytes.len(),
                    })?;
            signatures.push(EnvelopeSignature {
                keyid: s.keyid,
                sig,
            });
        }
        Ok(Envelope {
            payload_type,
            payload,
            signatures,
        })
    }

    /// The envelope as compact JSON, fields in the order `payloadType`, `payload`, `signatures`,
    /// and `keyid` before `sig`.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let wire = WireEnvelopeOut {
            payload_type: self.payload_type.as_str(),
            payload: B64.encode(&self.payload),
            signatures: self
                .signatures
                .iter()
                .map(|s| WireSignatureOut {
                    keyid: &s.keyid,
                    sig: B64.encode(s.sig),
                })
                .collect(),
        };
        // Serialising strings and a vector of structs cannot fail.
        serde_json::to_vec(&wire).unwrap_or_default()
    }

    /// The statement hash of this envelope (see [`statement_hash`]): what the next attestation
    /// of a chain names in `prev`. Computed from the envelope as given, before verification.
    #[must_use]
    pub fn statement_hash(&self) -> String {
        statement_hash(self.payload_type, &self.payload)
    }

    /// The declared payload type (covered by the signatures, but not yet verified).
    #[must_use]
    pub fn payload_type(&self) -> PayloadType {
        self.payload_type
    }

    /// The signatures, with their key ID hints.
    #[must_use]
    pub fn signatures(&self) -> &[EnvelopeSignature] {
        &self.signatures
    }

    /// The error unless the payload type is `expected`.
    ///
    /// # Errors
    /// `envelope.payload_type_unexpected`.
    pub fn expect_type(&self, expected: PayloadType) -> Result<(), EnvelopeError> {
        if self.payload_type == expected {
            Ok(())
        } else {
            Err(EnvelopeError::PayloadTypeUnexpected {
                expected,
                found: self.payload_type,
            })
        }
    }

    /// Verify the signatures against `trusted` keys with strict Ed25519.
    ///
    /// Each signature is tried against every trusted key whose [`KeyId`] equals its `keyid`
    /// (every trusted key when `keyid` is empty). The result lists the *distinct* public keys for
    /// which at least one signature verified, in the order of `trusted`: a key listed twice, or a
    /// key that signed twice, counts once.
    ///
    /// # Errors
    /// `signer.unknown` when no trusted key matches any hint; `signature.invalid` when keys
    /// matched but none verified.
    pub fn verify_with(&self, trusted: &[VerifyingKey]) -> Result<VerifiedEnvelope, EnvelopeError> {
        self.verify_cached(trusted, None)
    }

    /// As [`verify_with`](Envelope::verify_with); a `(key, signature, message)` found in `cache`
    /// (proven valid by [`crate::batch::verify_batch`]) is not verified again.
    pub(crate) fn verify_cached(
        &self,
        trusted: &[VerifyingKey],
        cache: Option<&SignatureCache>,
    ) -> Result<VerifiedEnvelope, EnvelopeError> {
        let signed = self.signed_payload();
        let (signers, message_hash) = signed.signers(trusted, cache)?;
        Ok(VerifiedEnvelope {
            payload_type: self.payload_type,
            statement_hash: hex::encode(message_hash),
            payload: self.payload.clone(),
            signers: signers.into_iter().cloned().collect(),
        })
    }

    /// What this envelope's signatures are over, and their key hints (nothing verified).
    #[must_use]
    pub fn signed_payload(&self) -> SignedPayload<'_> {
        SignedPayload {
            payload_type: self.payload_type,
            payload: &self.payload,
            signatures: self
                .signatures
                .iter()
                .map(|s| (KeyHint::KeyId(&s.keyid), &s.sig))
                .collect(),
        }
    }
}

/// How a signature names the key that made it. A hint only narrows the keys tried; it proves
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyHint<'a> {
    /// A DSSE `keyid`: the key's [`KeyId`]; empty: any key.
    KeyId(&'a str),
    /// A passport's 4-byte hint: the first 4 bytes of the key-ID digest
    /// (`SHA-256("hrid-key-id-v1" || 0x00 || A)`).
    Prefix([u8; 4]),
}

impl KeyHint<'_> {
    /// True when `key` may have made a signature with this hint.
    #[must_use]
    pub fn matches(&self, key: &VerifyingKey) -> bool {
        match self {
            KeyHint::KeyId(hint) => hint_matches(hint, key.key_id()),
            KeyHint::Prefix(prefix) => key.hint() == *prefix,
        }
    }

    /// The hint as text: the key ID as written, or the prefix in lowercase hex.
    #[must_use]
    pub fn to_text(&self) -> String {
        match self {
            KeyHint::KeyId(hint) => (*hint).to_owned(),
            KeyHint::Prefix(prefix) => hex::encode(prefix),
        }
    }
}

/// The exact bytes a document's signatures are over and the signatures with their key hints,
/// as the document's format presents them (a DSSE envelope, a passport frame). Every signature is
/// strict Ed25519 over `PAE(payload_type, payload)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPayload<'a> {
    /// The payload type (part of what is signed).
    pub payload_type: PayloadType,
    /// The signed bytes.
    pub payload: &'a [u8],
    /// The signatures, each with the hint of its key.
    pub signatures: Vec<(KeyHint<'a>, &'a [u8; 64])>,
}

impl SignedPayload<'_> {
    /// The distinct keys of `trusted` for which some signature with a matching hint verifies, in
    /// the order of `trusted` (a key listed twice, or signing twice, counts once), and the
    /// SHA-256 of the PAE. A `(key, signature, message)` found in `cache` is not verified again.
    ///
    /// # Errors
    /// [`EnvelopeError::NoMatchingKey`] when no trusted key matches any hint,
    /// [`EnvelopeError::SignatureInvalid`] when keys matched but none verified.
    pub(crate) fn signers<'k>(
        &self,
        trusted: impl IntoIterator<Item = &'k VerifyingKey>,
        cache: Option<&SignatureCache>,
    ) -> Result<(Vec<&'k VerifyingKey>, [u8; 32]), EnvelopeError> {
        let message = pae(self.payload_type.as_str(), self.payload);
        let message_hash: [u8; 32] = Sha256::digest(&message).into();
        let mut any_candidate = false;
        let mut verified: Vec<&VerifyingKey> = Vec::new();
        for key in trusted {
            if verified.contains(&key) {
                continue;
            }
            for (hint, sig) in &self.signatures {
                if !hint.matches(key) {
                    continue;
                }
                any_candidate = true;
                let known = cache.is_some_and(|c| c.contains(key, sig, &message_hash));
                if known || key.verify(&message, *sig).is_ok() {
                    verified.push(key);
                    break;
                }
            }
        }
        if verified.is_empty() {
            return Err(if any_candidate {
                EnvelopeError::SignatureInvalid
            } else {
                EnvelopeError::NoMatchingKey
            });
        }
        Ok((verified, message_hash))
    }
}

/// Signatures proven valid by a batch: `(public key, signature, SHA-256 of the PAE)`.
#[derive(Debug, Default, Clone)]
pub(crate) struct SignatureCache {
    valid: std::collections::HashSet<([u8; 32], [u8; 64], [u8; 32])>,
}

impl SignatureCache {
    #[cfg_attr(not(feature = "batch"), allow(dead_code))] // used by the batch path only
    pub(crate) fn insert(&mut self, key: &VerifyingKey, sig: &[u8; 64], message_hash: [u8; 32]) {
        self.valid.insert((key.to_bytes(), *sig, message_hash));
    }

    pub(crate) fn contains(
        &self,
        key: &VerifyingKey,
        sig: &[u8; 64],
        message_hash: &[u8; 32],
    ) -> bool {
        self.valid.contains(&(key.to_bytes(), *sig, *message_hash))
    }

    #[cfg_attr(not(feature = "batch"), allow(dead_code))] // used by the batch path only
    pub(crate) fn extend(&mut self, other: SignatureCache) {
        self.valid.extend(other.valid);
    }
}

/// Whether a signature's `keyid` may be the key with this ID: it names it, or names none. Used
/// where the caller gives the few candidate keys itself ([`Envelope::verify_with`], a trust
/// list's roots); a trust list's participants are searched by key ID only
/// (`VerifiedTrustList::keys_matching`).
pub(crate) fn hint_matches(hint: &str, id: &KeyId) -> bool {
    hint.is_empty() || hint == id.as_str()
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("payload_type", &self.payload_type)
            .field("payload_len", &self.payload.len())
            .field("signatures", &self.signatures.len())
            .finish()
    }
}

/// An envelope with at least one signature verified under a trusted key. Only
/// [`Envelope::verify_with`] builds one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedEnvelope {
    payload_type: PayloadType,
    payload: Vec<u8>,
    signers: Vec<VerifyingKey>,
    statement_hash: String,
}

impl VerifiedEnvelope {
    /// The payload type.
    #[must_use]
    pub fn payload_type(&self) -> PayloadType {
        self.payload_type
    }

    /// The signed bytes, exactly as signed.
    #[must_use]
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The distinct trusted keys that verified, in the order they were given.
    #[must_use]
    pub fn signers(&self) -> &[VerifyingKey] {
        &self.signers
    }

    /// SHA-256 of the PAE, lowercase hex (see [`statement_hash`]).
    #[must_use]
    pub fn statement_hash(&self) -> &str {
        &self.statement_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::DEFAULT
    }

    fn read(json: &[u8]) -> Result<Envelope, EnvelopeError> {
        Envelope::from_json(json, 65536, &limits())
    }

    #[test]
    fn pae_matches_the_dsse_spec_example() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
        );
        assert_eq!(pae("", b""), b"DSSEv1 0  0 ");
    }

    #[test]
    fn round_trip_and_field_order() {
        let k = SigningKey::from_seed([3; 32]);
        let env = Envelope::sign(PayloadType::TrustList, b"{}", &[&k]);
        let json = String::from_utf8(env.to_json()).unwrap();
        assert!(json.starts_with(
            "{\"payloadType\":\"application/vnd.hrid.trust-list.v1+json\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\""
        ));
        let back = read(json.as_bytes()).unwrap();
        assert_eq!(back, env);
        let v = back.verify_with(&[k.verifying_key()]).unwrap();
        assert_eq!(v.payload(), b"{}");
        assert_eq!(
            v.statement_hash(),
            statement_hash(PayloadType::TrustList, b"{}")
        );
    }

    fn with(payload_type: &str, payload: &str, sigs: &str) -> Vec<u8> {
        format!(r#"{{"payloadType":"{payload_type}","payload":"{payload}","signatures":{sigs}}}"#)
            .into_bytes()
    }

    const SIG: &str =
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
    const AT: &str = "application/vnd.hrid.attestation.v1+json";

    #[test]
    fn shape_errors_have_codes() {
        let ok = with(AT, "e30=", &format!(r#"[{{"keyid":"","sig":"{SIG}"}}]"#));
        assert!(read(&ok).is_ok());
        let no_keyid = with(AT, "e30=", &format!(r#"[{{"sig":"{SIG}"}}]"#));
        assert!(read(&no_keyid).is_ok());
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"not json".to_vec(), "envelope.malformed"),
            (b"{\"payloadType\":1}".to_vec(), "envelope.malformed"),
            (
                with("text/plain", "e30=", &format!(r#"[{{"sig":"{SIG}"}}]"#)),
                "envelope.payload_type_unknown",
            ),
            (
                with(AT, "e30", &format!(r#"[{{"sig":"{SIG}"}}]"#)),
                "envelope.bad_encoding",
            ),
            (
                with(AT, "e31=", &format!(r#"[{{"sig":"{SIG}"}}]"#)),
                "envelope.bad_encoding",
            ),
            (
                with(AT, "e30-", &format!(r#"[{{"sig":"{SIG}"}}]"#)),
                "envelope.bad_encoding",
            ),
            (with(AT, "e30=", "[]"), "envelope.no_signatures"),
            (
                with(AT, "e30=", r#"[{"sig":"AAAA"}]"#),
                "signature.malformed",
            ),
            (
                with(AT, "e30=", &format!(r#"[{{"sig":"{SIG}","extra":1}}]"#)),
                "envelope.malformed",
            ),
            (
                with(AT, "e30=", &format!(r#"[{{"sig":"{SIG}","sig":"{SIG}"}}]"#)),
                "envelope.duplicate_key",
            ),
        ];
        for (json, code) in cases {
            assert_eq!(
                read(&json).unwrap_err().code(),
                code,
                "{}",
                String::from_utf8_lossy(&json)
            );
        }
        let many = format!("[{}]", vec![format!(r#"{{"sig":"{SIG}"}}"#); 17].join(","));
        assert_eq!(
            read(&with(AT, "e30=", &many)).unwrap_err().code(),
            "envelope.too_many_signatures"
        );
        assert_eq!(
            Envelope::from_json(&ok, ok.len() - 1, &limits())
                .unwrap_err()
                .code(),
            "envelope.too_large"
        );
        let deep = Limits {
            max_depth: 2,
            ..Limits::DEFAULT
        };
        assert_eq!(
            Envelope::from_json(&ok, 65536, &deep).unwrap_err().code(),
            "envelope.too_deep"
        );
    }

    /// The signature cache is what a batch verification leaves behind: a (key, signature,
    /// message) it holds is taken as verified, so it must be consulted, filled and merged (an
    /// entry for a signature that would not verify shows it is read instead of re-verifying).
    #[test]
    fn the_signature_cache_is_filled_merged_and_consulted() {
        let a = SigningKey::from_seed([1; 32]);
        let mut env = Envelope::sign(PayloadType::Attestation, b"body", &[&a]);
        env.signatures[0].sig = [7; 64];
        let keys = [a.verifying_key()];
        assert_eq!(
            env.verify_cached(&keys, None).unwrap_err().code(),
            "signature.invalid"
        );
        let hash: [u8; 32] = Sha256::digest(pae(PayloadType::Attestation.as_str(), b"body")).into();
        let mut filled = SignatureCache::default();
        filled.insert(&a.verifying_key(), &[7; 64], hash);
        assert!(filled.contains(&a.verifying_key(), &[7; 64], &hash));
        assert!(!filled.contains(&a.verifying_key(), &[8; 64], &hash));
        assert!(env.verify_cached(&keys, Some(&filled)).is_ok());
        let mut merged = SignatureCache::default();
        assert!(env.verify_cached(&keys, Some(&merged)).is_err());
        merged.extend(filled);
        assert!(env.verify_cached(&keys, Some(&merged)).is_ok());
    }

    #[test]
    fn verification_tries_every_matching_key_and_counts_distinct_keys() {
        let a = SigningKey::from_seed([1; 32]);
        let b = SigningKey::from_seed([2; 32]);
        let c = SigningKey::from_seed([3; 32]);
        let env = Envelope::sign(PayloadType::Attestation, b"body", &[&a, &a, &b]);
        let v = env
            .verify_with(&[a.verifying_key(), a.verifying_key(), b.verifying_key()])
            .unwrap();
        assert_eq!(v.signers().len(), 2);
        assert_eq!(
            env.verify_with(&[c.verifying_key()]).unwrap_err().code(),
            "signer.unknown"
        );

        // A signature whose hint names `c` but is by `a`: `c` is tried, fails.
        let mut forged = Envelope::sign(PayloadType::Attestation, b"body", &[&a]);
        forged.signatures[0].keyid = c.key_id().to_string();
        assert_eq!(
            forged.verify_with(&[c.verifying_key()]).unwrap_err().code(),
            "signature.invalid"
        );
        // An empty hint tries all keys.
        forged.signatures[0].keyid = String::new();
        assert!(forged
            .verify_with(&[c.verifying_key(), a.verifying_key()])
            .is_ok());

        // Tampered payload or payload type.
        let mut tampered = env.clone();
        tampered.payload = b"bodY".to_vec();
        assert_eq!(
            tampered
                .verify_with(&[a.verifying_key()])
                .unwrap_err()
                .code(),
            "signature.invalid"
        );
        let mut retyped = env.clone();
        retyped.payload_type = PayloadType::TrustList;
        assert_eq!(
            retyped
                .verify_with(&[a.verifying_key()])
                .unwrap_err()
                .code(),
            "signature.invalid"
        );
        assert_eq!(
            env.expect_type(PayloadType::TrustList).unwrap_err().code(),
            "envelope.payload_type_unexpected"
        );
    }
}
