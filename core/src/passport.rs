//! Passports: the registry's short signed statement of a robot's current status, small enough for
//! one QR-code alphanumeric segment.
//!
//! A passport is a 117-byte binary frame (53 signed bytes and a 64-byte Ed25519 signature over
//! their DSSE PAE with payload type `application/vnd.hrid.passport.v1`), written as `HP1:` and
//! 188 characters of uppercase Crockford base32: 192 characters, all in the QR alphanumeric set.
//! `docs/passport.md` specifies the frame byte by byte, with a worked example.
//!
//! ```
//! use hrid::keys::SigningKey;
//! use hrid::passport::{Passport, PassportHead, PassportStatus};
//!
//! let registry = SigningKey::from_seed([3; 32]);
//! let passport = Passport {
//!     subject: "860042A3W0F50000000012345ZAR2".parse()?,
//!     status: PassportStatus::Active,
//!     head: Some(PassportHead { seq: 7, hash_prefix: [0xab; 16] }),
//!     issued_at: 1_767_225_600,
//!     expires_at: 1_769_817_600,
//! };
//! let text = passport.sign(&registry)?;
//! assert!(text.starts_with("HP1:"));
//! assert_eq!(text.len(), 192);
//! assert_eq!(Passport::parse(&text)?.passport, passport);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

use crate::code::IdentityCode;
use crate::envelope::{pae, KeyHint, PayloadType, SignedPayload};
use crate::keys::{SigningKey, VerifyingKey};
use crate::names::names;
use crate::options::VerifyOptions;
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings};
use crate::trust::Role;
use crate::verify::{Claim, Document, Verifier};

/// The text prefix of a version-1 passport.
pub const PREFIX: &str = "HP1:";
/// The frame version byte.
pub const VERSION: u8 = 1;
/// Bytes covered by the signature.
pub const SIGNED_LEN: usize = 53;
/// Bytes of the whole frame (signed bytes and signature).
pub const FRAME_LEN: usize = SIGNED_LEN + 64;
/// Characters of the whole passport text.
pub const TEXT_LEN: usize = 192;
/// `head_seq` value meaning "no history".
pub const NO_HEAD: u32 = u32::MAX;

/// A robot's status as the registry states it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PassportStatus {
    /// Not registered (byte 0).
    Unregistered,
    /// Registered and in order (byte 1).
    Active,
    /// Suspended (byte 2).
    Suspended,
    /// In a recall that has not been remedied (byte 3).
    RecalledOpen,
    /// Permanently out of service (byte 4).
    Decommissioned,
    /// Scrapped (byte 5).
    Scrapped,
    /// Scrapped and dismantled (byte 6).
    Dismantled,
}

impl PassportStatus {
    /// The frame byte.
    #[must_use]
    pub const fn byte(self) -> u8 {
        match self {
            PassportStatus::Unregistered => 0,
            PassportStatus::Active => 1,
            PassportStatus::Suspended => 2,
            PassportStatus::RecalledOpen => 3,
            PassportStatus::Decommissioned => 4,
            PassportStatus::Scrapped => 5,
            PassportStatus::Dismantled => 6,
        }
    }

    fn from_byte(b: u8) -> Option<PassportStatus> {
        PassportStatus::ALL.iter().copied().find(|s| s.byte() == b)
    }

    /// The status a verified history shows: its lifecycle status, and `recalled_open` for an
    /// active robot with an open recall (`docs/passport.md` section 4; the one mapping, for
    /// the registry issuing passports and for market access).
    #[must_use]
    pub fn of_health(health: &crate::history::HealthSummary) -> PassportStatus {
        use crate::history::LifecycleStatus as L;
        match health.status {
            L::Unregistered => PassportStatus::Unregistered,
            L::Active if !health.open_recalls.is_empty() => PassportStatus::RecalledOpen,
            L::Active => PassportStatus::Active,
            L::Suspended => PassportStatus::Suspended,
            L::Decommissioned => PassportStatus::Decommissioned,
            L::Scrapped => PassportStatus::Scrapped,
            L::Dismantled => PassportStatus::Dismantled,
        }
    }

    /// The status the registry's status feed lists.
    #[must_use]
    pub const fn of_feed(status: crate::status::FeedStatus) -> PassportStatus {
        use crate::status::FeedStatus as F;
        match status {
            F::Unregistered => PassportStatus::Unregistered,
            F::Suspended => PassportStatus::Suspended,
            F::RecalledOpen => PassportStatus::RecalledOpen,
            F::Decommissioned => PassportStatus::Decommissioned,
            F::Scrapped => PassportStatus::Scrapped,
            F::Dismantled => PassportStatus::Dismantled,
        }
    }

    /// How restrictive the status is (higher: more). Where pieces of evidence disagree, the
    /// most restrictive status wins (`docs/histories.md` section 5).
    #[must_use]
    pub const fn restrictiveness(self) -> u8 {
        match self {
            PassportStatus::Active => 0,
            PassportStatus::RecalledOpen => 1,
            PassportStatus::Suspended => 2,
            PassportStatus::Unregistered => 3,
            PassportStatus::Decommissioned => 4,
            PassportStatus::Scrapped => 5,
            PassportStatus::Dismantled => 6,
        }
    }
}

names! {
    PassportStatus {
        Unregistered => "unregistered",
        Active => "active",
        Suspended => "suspended",
        RecalledOpen => "recalled_open",
        Decommissioned => "decommissioned",
        Scrapped => "scrapped",
        Dismantled => "dismantled",
    }
}

/// The history head a passport names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PassportHead {
    /// The last statement's `seq` (below 2^32 - 1).
    pub seq: u32,
    /// The first 16 bytes of its statement hash.
    pub hash_prefix: [u8; 16],
}

/// A passport's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passport {
    /// The robot.
    pub subject: IdentityCode,
    /// Its status.
    pub status: PassportStatus,
    /// Its history head, when it has a history.
    pub head: Option<PassportHead>,
    /// Issue time, unix seconds (0 to 2^32 - 1).
    pub issued_at: i64,
    /// Expiry, unix seconds, after `issued_at` (at most 2^32 - 1).
    pub expires_at: i64,
}

/// Why a passport could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PassportError {
    /// Not a passport text or frame.
    #[error("not a passport: {detail}")]
    Malformed {
        /// What is wrong.
        detail: String,
    },
    /// An unknown frame version.
    #[error("passport version {found} is not known")]
    VersionUnknown {
        /// The version byte.
        found: u8,
    },
    /// A field outside what the frame holds.
    #[error("passport field {field}: {detail}")]
    FieldInvalid {
        /// Which field.
        field: &'static str,
        /// What is wrong.
        detail: String,
    },
}

impl PassportError {
    /// The stable reason code.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            PassportError::Malformed { .. } => ReasonCode::PassportMalformed,
            PassportError::VersionUnknown { .. } => ReasonCode::PassportVersionUnknown,
            PassportError::FieldInvalid { .. } => ReasonCode::PassportFieldInvalid,
        }
    }

    /// The stable reason-code string.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// The 4-byte key hint of a public key: the first 4 bytes of
/// `SHA-256("hrid-key-id-v1" || 0x00 || A)` (the first 32 bits of its key ID).
#[must_use]
pub fn key_hint(key: &VerifyingKey) -> [u8; 4] {
    key.hint()
}

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn pack_code(code: &IdentityCode) -> [u8; 19] {
    let mut out = [0u8; 19];
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut i = 0;
    for b in code.as_str().bytes() {
        let v = ALPHABET.iter().position(|a| *a == b).unwrap_or(0) as u32;
        acc = (acc << 5) | v;
        bits += 5;
        while bits >= 8 {
            bits -= 8;
            if let Some(slot) = out.get_mut(i) {
                *slot = (acc >> bits) as u8;
            }
            i += 1;
        }
    }
    if let Some(slot) = out.get_mut(i) {
        *slot = (acc << (8 - bits)) as u8;
    }
    out
}

fn unpack_code(bytes: &[u8]) -> Result<IdentityCode, PassportError> {
    let mut text = String::with_capacity(29);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 && text.len() < 29 {
            bits -= 5;
            let v = ((acc >> bits) & 31) as usize;
            text.push(char::from(ALPHABET.get(v).copied().unwrap_or(b'0')));
        }
        acc &= (1 << bits) - 1;
    }
    if acc != 0 {
        return Err(PassportError::Malformed {
            detail: "the subject's padding bits are not zero".into(),
        });
    }
    IdentityCode::parse(&text).map_err(|e| PassportError::Malformed {
        detail: format!("the subject is not a valid identity code ({})", e.code()),
    })
}

fn u32_field(field: &'static str, value: i64) -> Result<u32, PassportError> {
    u32::try_from(value).map_err(|_| PassportError::FieldInvalid {
        field,
        detail: "must be between 0 and 4294967295".into(),
    })
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    if let Some(src) = bytes.get(at..at + 4) {
        b.copy_from_slice(src);
    }
    u32::from_be_bytes(b)
}

/// Sign 53 frame bytes as they are and write the passport text (`HP1:` + Crockford base32 of
/// the frame and the signature): the one encoding of a passport. [`Passport::sign`] checks the
/// frame's rules first; called directly, nothing is checked, which is what test vectors and
/// demonstrations need to show what a verifier refuses (a ten-year lifetime, a frame version
/// it does not know).
#[must_use]
pub fn sign_frame(mut frame: Vec<u8>, key: &SigningKey) -> String {
    let sig = key.sign(&pae(PayloadType::Passport.as_str(), &frame));
    frame.extend_from_slice(&sig);
    format!(
        "{PREFIX}{}",
        base32::encode(base32::Alphabet::Crockford, &frame)
    )
}

/// The longest a passport may be valid, `expires_at - issued_at`: 90 days (7,776,000 seconds).
///
/// A passport is the registry's word at `issued_at`; the longer it lives, the longer a status
/// that has since changed (a recall, a suspension, a scrapping) or a signature made with a key
/// stolen later and back-dated keeps opening doors. 90 days is the lifetime of a web server
/// certificate from the largest public authority, long enough for a printed label to be
/// refreshed at a service visit, and it bounds what one back-dated signature buys to 90 days plus
/// the 7-day grace. Sales and listings ask for much younger evidence anyway (`docs/histories.md`
/// section 5, freshness). The issuer refuses a longer lifetime (`passport.field_invalid`), and a
/// verifier rejects one (`passport.lifetime_too_long`).
pub const MAX_LIFETIME_SECS: i64 = 90 * 86_400;

impl Passport {
    /// Whether `expires_at - issued_at` is within [`MAX_LIFETIME_SECS`]: the one lifetime rule,
    /// for the issuer and the verifier.
    #[must_use]
    pub fn lifetime_allowed(&self) -> bool {
        self.expires_at.saturating_sub(self.issued_at) <= MAX_LIFETIME_SECS
    }

    /// The 53 signed bytes of the frame, with the signer's key hint.
    ///
    /// # Errors
    /// `passport.field_invalid`: a time outside 0 to 2^32 - 1, `expires_at` not after
    /// `issued_at`, or a head `seq` of 2^32 - 1.
    pub fn signed_bytes(&self, hint: [u8; 4]) -> Result<Vec<u8>, PassportError> {
        let issued = u32_field("issued_at", self.issued_at)?;
        let expires = u32_field("expires_at", self.expires_at)?;
        if expires <= issued {
            return Err(PassportError::FieldInvalid {
                field: "expires_at",
                detail: "must be after issued_at".into(),
            });
        }
        if !self.lifetime_allowed() {
            return Err(PassportError::FieldInvalid {
                field: "expires_at",
                detail: format!("must be at most {MAX_LIFETIME_SECS} seconds after issued_at"),
            });
        }
        let (seq, hash) = match &self.head {
            Some(h) if h.seq == NO_HEAD => {
                return Err(PassportError::FieldInvalid {
                    field: "head.seq",
                    detail: "4294967295 is reserved for \"no history\"".into(),
                })
            }
            Some(h) => (h.seq, h.hash_prefix),
            None => (NO_HEAD, [0u8; 16]),
        };
        let mut out = Vec::with_capacity(FRAME_LEN);
        out.push(VERSION);
        out.push(self.status.byte());
        out.extend_from_slice(&pack_code(&self.subject));
        out.extend_from_slice(&seq.to_be_bytes());
        out.extend_from_slice(&hash);
        out.extend_from_slice(&issued.to_be_bytes());
        out.extend_from_slice(&expires.to_be_bytes());
        out.extend_from_slice(&hint);
        Ok(out)
    }

    /// Sign with the registry's key: the passport text `HP1:` + Crockford base32 of the frame.
    ///
    /// # Errors
    /// As [`signed_bytes`](Passport::signed_bytes).
    pub fn sign(&self, key: &SigningKey) -> Result<String, PassportError> {
        let frame = self.signed_bytes(key_hint(&key.verifying_key()))?;
        Ok(sign_frame(frame, key))
    }

    /// Read a passport text without verifying it. Verify with [`verify_passport`].
    ///
    /// # Errors
    /// `passport.malformed` (prefix, length, alphabet, non-canonical base32, unknown status,
    /// bad subject, `head_seq` 2^32 - 1 with a non-zero hash), `passport.version_unknown`.
    pub fn parse(text: &str) -> Result<ParsedPassport, PassportError> {
        let bad = |detail: &str| PassportError::Malformed {
            detail: detail.to_owned(),
        };
        let body = text
            .strip_prefix(PREFIX)
            .ok_or_else(|| bad("it does not start with HP1:"))?;
        if text.len() != TEXT_LEN {
            return Err(bad("a passport has 192 characters"));
        }
        if !body.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(bad("only uppercase Crockford base32 follows HP1:"));
        }
        let frame =
            base32::decode(base32::Alphabet::Crockford, body).ok_or_else(|| bad("not base32"))?;
        if frame.len() != FRAME_LEN || base32::encode(base32::Alphabet::Crockford, &frame) != body {
            return Err(bad("not the canonical base32 of a 117-byte frame"));
        }
        let (signed, sig) = frame.split_at(SIGNED_LEN);
        let version = signed.first().copied().unwrap_or(0);
        if version != VERSION {
            return Err(PassportError::VersionUnknown { found: version });
        }
        let status = signed
            .get(1)
            .copied()
            .and_then(PassportStatus::from_byte)
            .ok_or_else(|| bad("unknown status byte"))?;
        let subject = unpack_code(signed.get(2..21).unwrap_or_default())?;
        let seq = be32(signed, 21);
        let mut hash = [0u8; 16];
        hash.copy_from_slice(signed.get(25..41).unwrap_or(&[0; 16]));
        let head = if seq == NO_HEAD {
            if hash != [0; 16] {
                return Err(bad("no history, but a history hash"));
            }
            None
        } else {
            Some(PassportHead {
                seq,
                hash_prefix: hash,
            })
        };
        let issued_at = i64::from(be32(signed, 41));
        let expires_at = i64::from(be32(signed, 45));
        if expires_at <= issued_at {
            return Err(bad("expires_at is not after issued_at"));
        }
        let mut hint = [0u8; 4];
        hint.copy_from_slice(signed.get(49..53).unwrap_or(&[0; 4]));
        let mut signature = [0u8; 64];
        signature.copy_from_slice(sig);
        Ok(ParsedPassport {
            passport: Passport {
                subject,
                status,
                head,
                issued_at,
                expires_at,
            },
            key_hint: hint,
            signed_bytes: signed.to_vec(),
            signature,
        })
    }
}

/// A passport text read but not verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPassport {
    /// What the passport says (not yet verified).
    pub passport: Passport,
    /// The signer's key hint.
    pub key_hint: [u8; 4],
    /// The 53 signed bytes.
    pub signed_bytes: Vec<u8>,
    /// The signature.
    pub signature: [u8; 64],
}

/// How to verify a passport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassportOptions {
    /// How long after `expires_at` a passport is still accepted, with the warning
    /// `passport.stale` (default 604,800: 7 days).
    pub grace_secs: i64,
    /// The newest signed time the caller has seen (a trust list's `issued_at`, an earlier
    /// passport's `issued_at`, ...): when the clock is behind it, the clock was set back and
    /// freshness is judged at this time instead.
    pub newest_seen: Option<i64>,
    /// The code of the robot in front of the caller: a passport for another code fails.
    pub expected_subject: Option<IdentityCode>,
}

impl Default for PassportOptions {
    fn default() -> Self {
        PassportOptions {
            grace_secs: 7 * 24 * 3600,
            newest_seen: None,
            expected_subject: None,
        }
    }
}

/// What a passport says: the same for one read without verifying
/// ([`ParsedPassport::reading`]) and inside a verified one ([`VerifiedPassport`]).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PassportClaims {
    /// The robot.
    pub subject: String,
    /// Its status.
    pub status: PassportStatus,
    /// The history head's `seq`, when it has a history.
    pub head_seq: Option<u32>,
    /// The history head's hash prefix, 32 lowercase hex digits.
    pub head_hash_prefix: Option<String>,
    /// Issue time.
    pub issued_at: i64,
    /// Expiry.
    pub expires_at: i64,
}

impl Passport {
    /// What the passport says, as reports show it.
    #[must_use]
    pub fn claims(&self) -> PassportClaims {
        PassportClaims {
            subject: self.subject.to_string(),
            status: self.status,
            head_seq: self.head.map(|h| h.seq),
            head_hash_prefix: self.head.map(|h| hex::encode(h.hash_prefix)),
            issued_at: self.issued_at,
            expires_at: self.expires_at,
        }
    }
}

/// A passport read but **not verified**: what it claims, and the hint of the key it claims to
/// be signed with. Show nothing of it as fact before [`verify_passport`] accepts it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PassportReading {
    /// What it claims.
    #[serde(flatten)]
    pub claims: PassportClaims,
    /// The signer's 4-byte key hint, 8 lowercase hex digits.
    pub key_hint: String,
}

impl ParsedPassport {
    /// What the passport claims, with its key hint (nothing verified).
    #[must_use]
    pub fn reading(&self) -> PassportReading {
        PassportReading {
            claims: self.passport.claims(),
            key_hint: hex::encode(self.key_hint),
        }
    }
}

/// A passport whose signature by a registry key verified: what it says, and who signed it. It
/// dereferences to its [`PassportClaims`].
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VerifiedPassport {
    /// What it says.
    #[serde(flatten)]
    pub claims: PassportClaims,
    /// The registry key that verified.
    pub key_id: String,
    /// The registry participant.
    pub participant: String,
}

impl core::ops::Deref for VerifiedPassport {
    type Target = PassportClaims;
    fn deref(&self) -> &PassportClaims {
        &self.claims
    }
}

report! {
    /// What [`verify_passport`] returns: the [`Findings`] (which the report dereferences to) and
    /// the passport.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct PassportReport {
        /// The passport, when its signature verified (also when stale or expired, to show what it
        /// says); rely on it only when the verdict is `accepted`.
        pub passport: Option<VerifiedPassport>,
    }
}

/// Verify a passport text at `at_unix` against the verifier's trust list, offline.
///
/// Checks, in order: the authentication step (trust list standing, `trust_list.*`; the text and
/// frame, `passport.malformed`, `passport.version_unknown`; a key of a participant with the
/// `registry` role whose hint matches, `signer.unknown`; the signature, strict Ed25519 over
/// `PAE("application/vnd.hrid.passport.v1", signed bytes)`, `signature.invalid`; the key valid
/// at `issued_at`, `key.*` and the warning `key.compromised_later`); then the subject
/// (`passport.subject_mismatch`); the clock (`passport.clock_set_back`, then judged at
/// `newest_seen`); `issued_at` not in the future (`passport.issued_in_future`); a lifetime of at
/// most [`MAX_LIFETIME_SECS`] (`passport.lifetime_too_long`); freshness
/// (`passport.fresh`, `passport.stale`, `passport.expired`).
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_passport(
    verifier: &Verifier,
    text: &str,
    at_unix: i64,
    options: &PassportOptions,
) -> PassportReport {
    let mut findings = Findings::default();
    let passport = check(verifier, text, at_unix, options, &mut findings);
    PassportReport { findings, passport }
}

fn check(
    verifier: &Verifier,
    text: &str,
    at_unix: i64,
    options: &PassportOptions,
    out: &mut Findings,
) -> Option<VerifiedPassport> {
    let parsed = Passport::parse(text.trim());
    let document = parsed
        .as_ref()
        .map(|p| Document {
            signed: SignedPayload {
                payload_type: PayloadType::Passport,
                payload: &p.signed_bytes,
                signatures: vec![(KeyHint::Prefix(p.key_hint), &p.signature)],
            },
            well_formed: None,
            signer_role: Some(Role::Registry),
            subject: Some(p.passport.subject.to_string()),
        })
        .map_err(|e| Finding::new(e.reason(), e.to_string()));
    let signed = verifier.authenticate(document, at_unix, None, out)?;
    let passport = &parsed.as_ref().ok()?.passport;
    let subject = Some(passport.subject.to_string());
    let finding = |code: ReasonCode, detail: String| {
        Finding::new(code, detail)
            .with_subject(subject.clone())
            .with_evidence("issued_at", passport.issued_at.to_string())
            .with_evidence("expires_at", passport.expires_at.to_string())
    };
    let claim = Claim {
        issuer: None,
        time: passport.issued_at,
    };
    let who = signed.attribute(claim, &finding, out)?;
    let key_id = who.key_id().to_string();
    let finding = |code: ReasonCode, detail: String| {
        finding(code, detail).with_evidence("key_id", key_id.clone())
    };
    check_subject(passport, options, &finding, out);
    let now = judged_at(at_unix, options, verifier.options(), &finding, out);
    check_freshness(passport, now, options, verifier.options(), &finding, out);
    Some(VerifiedPassport {
        claims: passport.claims(),
        key_id,
        participant: who.participant.id.clone(),
    })
}

/// The passport is about the robot the caller expects.
fn check_subject(
    passport: &Passport,
    options: &PassportOptions,
    finding: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) {
    if let Some(expected) = &options.expected_subject {
        if *expected != passport.subject {
            out.add(
                finding(
                    ReasonCode::PassportSubjectMismatch,
                    format!("the passport is for {}, not {}", passport.subject, expected),
                )
                .with_evidence("expected_subject", expected.to_string()),
            );
        }
    }
}

/// The time freshness is judged at: the clock, or the newest signed time already seen when the
/// clock is behind it (`passport.clock_set_back`).
fn judged_at(
    at_unix: i64,
    options: &PassportOptions,
    vopts: &VerifyOptions,
    finding: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) -> i64 {
    match options.newest_seen {
        Some(seen) if seen > vopts.latest_acceptable(at_unix) => {
            out.add(
                finding(
                    ReasonCode::PassportClockSetBack,
                    format!(
                        "the clock says {at_unix}, but a signed time {seen} was already seen; judging at {seen}"
                    ),
                )
                .with_evidence("at", at_unix.to_string())
                .with_evidence("newest_seen", seen.to_string()),
            );
            seen
        }
        _ => at_unix,
    }
}

/// Not issued in the future; fresh, stale within the grace, or expired.
fn check_freshness(
    passport: &Passport,
    now: i64,
    options: &PassportOptions,
    vopts: &VerifyOptions,
    finding: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) {
    if passport.issued_at > vopts.latest_acceptable(now) {
        out.add(finding(
            ReasonCode::PassportIssuedInFuture,
            "the passport is dated in the future".into(),
        ));
    }
    if !passport.lifetime_allowed() {
        out.add(finding(
            ReasonCode::PassportLifetimeTooLong,
            format!(
                "valid for {} seconds; a passport may be valid for at most {MAX_LIFETIME_SECS}",
                passport.expires_at.saturating_sub(passport.issued_at)
            ),
        ));
    }
    if now <= passport.expires_at {
        out.add(finding(
            ReasonCode::PassportFresh,
            format!("valid until {}", passport.expires_at),
        ));
    } else if now <= passport.expires_at.saturating_add(options.grace_secs) {
        out.add(finding(
            ReasonCode::PassportStale,
            format!(
                "expired {} seconds ago, within the grace period",
                now - passport.expires_at
            ),
        ));
    } else {
        out.add(finding(
            ReasonCode::PassportExpired,
            format!("expired {} seconds ago", now - passport.expires_at),
        ));
    }
}

impl Passport {
    /// The passport the registry issues for a verified history: the status from the health
    /// summary (an active robot with an open recall is `recalled_open`), the chain's head.
    #[must_use]
    pub fn from_health(
        health: &crate::history::HealthSummary,
        issued_at: i64,
        expires_at: i64,
    ) -> Option<Passport> {
        let subject = IdentityCode::parse(&health.subject).ok()?;
        let status = PassportStatus::of_health(health);
        let head = match &health.head {
            Some(h) => {
                let bytes = hex::decode(h.statement_hash.get(..32)?).ok()?;
                let mut hash_prefix = [0u8; 16];
                hash_prefix.copy_from_slice(bytes.get(..16)?);
                Some(PassportHead {
                    seq: u32::try_from(h.seq).ok().filter(|s| *s != NO_HEAD)?,
                    hash_prefix,
                })
            }
            None => None,
        };
        Some(Passport {
            subject,
            status,
            head,
            issued_at,
            expires_at,
        })
    }
}
