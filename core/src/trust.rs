//! Trust lists: who may sign what, signed by a threshold of root keys.
//!
//! A trust list is the JSON payload of a DSSE envelope of type
//! `application/vnd.hrid.trust-list.v1+json`. It names the root keys and their threshold, the
//! participants with their roles, scopes and keys, and the permissions table (role to event
//! types). See `docs/attestations.md` for the normative format and rules.
//!
//! A list is trusted only through [`TrustList::verify`] (against a caller-supplied
//! [`TrustAnchor`]) or [`TrustList::verify_update`] (against the previous verified list), which
//! return a [`VerifiedTrustList`] that nothing else can build. Thresholds count distinct verified
//! public keys: a key listed twice, or signing twice, counts once.
//!
//! ```
//! use std::collections::BTreeMap;
//! use hrid::keys::SigningKey;
//! use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
//! use hrid::options::VerifyOptions;
//!
//! let root = SigningKey::from_seed([1; 32]);
//! let maker = SigningKey::from_seed([2; 32]);
//! let list = TrustList {
//!     version: 1,
//!     issued_at: 1_767_225_600,
//!     expires_at: 1_798_761_600,
//!     roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
//!     participants: vec![Participant {
//!         id: "acme".into(),
//!         name: "ACME Robotics".into(),
//!         roles: vec![Role::Manufacturer],
//!         scope: Some(Scope { manufacturers: vec!["0042".into()] }),
//!         keys: vec![ParticipantKey {
//!             public_key: maker.verifying_key(),
//!             valid_from: 1_767_225_600,
//!             valid_until: 1_830_297_600,
//!             compromised_since: None,
//!         }],
//!     }],
//!     permissions: TrustList::default_permissions(),
//! };
//! let envelope = list.sign(&[&root]).to_json();
//! let anchor = TrustAnchor::new(vec![root.verifying_key()], 1)?;
//! let verified = TrustList::verify(&envelope, &anchor, 0, 1_767_300_000, &VerifyOptions::default())?;
//! assert_eq!(verified.trust_list().version, 1);
//! # Ok::<(), hrid::trust::TrustListError>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attestation::EventType;
use crate::envelope::{Envelope, EnvelopeError, KeyHint, PayloadType, VerifiedEnvelope};
use crate::json::{self, JsonError};
use crate::keys::{KeyId, SigningKey, VerifyingKey};
use crate::names::names;
use crate::options::VerifyOptions;
use crate::reason::ReasonCode;
use crate::report::Finding;

/// What a participant does in the robot's life.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The national registry.
    Registry,
    /// A market regulator or safety authority.
    Regulator,
    /// A robot manufacturer (must have a scope).
    Manufacturer,
    /// A supplier of serialised parts.
    PartsSupplier,
    /// A carrier.
    Logistics,
    /// A dealer.
    Dealer,
    /// An operator (owner or user) of robots.
    Operator,
    /// A service company.
    Maintainer,
    /// A recycler.
    Recycler,
}

names! {
    Role {
        Registry => "registry",
        Regulator => "regulator",
        Manufacturer => "manufacturer",
        PartsSupplier => "parts_supplier",
        Logistics => "logistics",
        Dealer => "dealer",
        Operator => "operator",
        Maintainer => "maintainer",
        Recycler => "recycler",
    }
}

/// The root keys of a trust list and how many of them must sign its successor.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootKeys {
    /// How many distinct root keys must sign (at least 1, at most the number of keys).
    pub threshold: u32,
    /// The root public keys (distinct).
    pub keys: Vec<VerifyingKey>,
}

/// Which robots a participant may attest.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// The 4-character manufacturer codes (identity-code positions 2 to 5, canonical uppercase)
    /// whose robots the participant may attest.
    pub manufacturers: Vec<String>,
}

/// One key of a participant, with its validity period.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ParticipantKey {
    /// The public key, 64 lowercase hex digits.
    pub public_key: VerifyingKey,
    /// First unix second at which the key may sign (inclusive).
    pub valid_from: i64,
    /// Unix second at which the key stops being valid (exclusive).
    pub valid_until: i64,
    /// When the key was (or is believed to have been) compromised: events at or after this
    /// time are rejected, events before it draw a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised_since: Option<i64>,
}

/// A registered participant.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The participant ID: 1 to 64 characters of `a-z`, `0-9`, `.`, `_`, `-`, starting with a
    /// letter or digit. Attestations name it as `issuer`.
    pub id: String,
    /// The legal or trade name, for people.
    pub name: String,
    /// Roles (at least one, distinct).
    pub roles: Vec<Role>,
    /// The manufacturers whose robots the participant may attest; absent means any. Required for
    /// participants with the manufacturer role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// The participant's keys.
    pub keys: Vec<ParticipantKey>,
}

/// Where a participant key stands at the time a statement claims: **the key rule**, the only
/// place that judges a key's validity (attestations, recall notices, passports and trust-list
/// participants alike).
///
/// A key is valid from `valid_from` (inclusive) until `valid_until` (exclusive); a statement
/// dated at or after `compromised_since` is signed by a compromised key whatever the window
/// says; a statement dated before it was signed while the key was still good, but the key's
/// later compromise is worth a warning (`key.compromised_later`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    /// Valid at the time, never reported compromised.
    Valid,
    /// Valid at the time; reported compromised from this later time.
    ValidCompromisedLater(i64),
    /// The time lies before `valid_from`.
    NotYetValid,
    /// The time lies at or after `valid_until`.
    Expired,
    /// The time lies at or after `compromised_since` (given).
    Compromised(i64),
}

impl KeyStatus {
    /// True when the key may have signed at that time (a later compromise only warns).
    #[must_use]
    pub const fn is_valid(self) -> bool {
        matches!(self, KeyStatus::Valid | KeyStatus::ValidCompromisedLater(_))
    }

    /// The reason code of the status (`key.valid` for both valid states).
    #[must_use]
    pub const fn reason(self) -> ReasonCode {
        match self {
            KeyStatus::Valid | KeyStatus::ValidCompromisedLater(_) => ReasonCode::KeyValid,
            KeyStatus::NotYetValid => ReasonCode::KeyNotYetValid,
            KeyStatus::Expired => ReasonCode::KeyExpired,
            KeyStatus::Compromised(_) => ReasonCode::KeyCompromised,
        }
    }

    /// How good the status is, for choosing among several keys (higher: better).
    const fn rank(self) -> u8 {
        match self {
            KeyStatus::Valid => 2,
            KeyStatus::ValidCompromisedLater(_) => 1,
            _ => 0,
        }
    }
}

impl ParticipantKey {
    /// The key's status at `time` (see [`KeyStatus`]).
    #[must_use]
    pub fn status_at(&self, time: i64) -> KeyStatus {
        match self.compromised_since {
            Some(since) if time >= since => KeyStatus::Compromised(since),
            _ if time < self.valid_from => KeyStatus::NotYetValid,
            _ if time >= self.valid_until => KeyStatus::Expired,
            Some(since) => KeyStatus::ValidCompromisedLater(since),
            None => KeyStatus::Valid,
        }
    }

    /// Of several keys that verified one statement, the one whose status at `time` is best
    /// (valid over valid-but-compromised-later over the first key's problem), with its status.
    pub fn best_at<'a>(
        keys: impl IntoIterator<Item = &'a ParticipantKey>,
        time: i64,
    ) -> Option<(&'a ParticipantKey, KeyStatus)> {
        let mut best: Option<(&ParticipantKey, KeyStatus)> = None;
        for key in keys {
            let status = key.status_at(time);
            if best.is_none_or(|(_, b)| status.rank() > b.rank()) {
                best = Some((key, status));
            }
        }
        best
    }
}

impl Participant {
    /// True when the participant may attest robots of `manufacturer` (no scope: any).
    #[must_use]
    pub fn in_scope(&self, manufacturer: &str) -> bool {
        match &self.scope {
            None => true,
            Some(s) => s.manufacturers.iter().any(|m| m == manufacturer),
        }
    }
}

/// The trust list itself. Build one, [`sign`](TrustList::sign) it with the root keys, publish the
/// envelope.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustList {
    /// Monotonic version, from 1.
    pub version: u64,
    /// Issue time, unix seconds.
    pub issued_at: i64,
    /// Expiry time, unix seconds (after `issued_at`).
    pub expires_at: i64,
    /// Root keys and threshold.
    pub roots: RootKeys,
    /// Participants (distinct IDs; no public key appears twice).
    pub participants: Vec<Participant>,
    /// Role to the event types it may attest. A role absent from the table may attest nothing.
    pub permissions: BTreeMap<Role, Vec<EventType>>,
}

/// Why a trust list was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TrustListError {
    /// The envelope is unreadable or of the wrong type, or a signature is bad.
    #[error(transparent)]
    Envelope(EnvelopeError),
    /// The payload failed the JSON pre-check.
    #[error("trust list: {0}")]
    Json(JsonError),
    /// The payload is not of the trust-list shape.
    #[error("not a trust list: {detail}")]
    Shape {
        /// serde's description.
        detail: String,
    },
    /// The list breaks a rule of its format.
    #[error("invalid trust list: {detail}")]
    Invalid {
        /// Which rule.
        detail: String,
    },
    /// The caller's anchor is unusable.
    #[error("invalid trust anchor: {detail}")]
    AnchorInvalid {
        /// Why.
        detail: String,
    },
    /// Too few distinct keys of a root set signed.
    #[error("{found} of the required {required} {which} signed the trust list")]
    ThresholdNotMet {
        /// `trusted root keys`, `previous root keys` or `list's own root keys`.
        which: &'static str,
        /// Distinct keys that verified.
        found: usize,
        /// The threshold.
        required: usize,
    },
    /// Older than a version already seen.
    #[error("trust list version {found} is older than version {highest} already seen")]
    Rollback {
        /// The version of this list.
        found: u64,
        /// The highest version seen (or the previous list's version, for an update).
        highest: u64,
    },
    /// An update that is not exactly the next version.
    #[error("expected trust list version {expected}, found {found}")]
    VersionSkipped {
        /// The version found.
        found: u64,
        /// The previous version plus one.
        expected: u64,
    },
    /// Issued later than the verification time plus the clock skew.
    #[error("the trust list is issued at {issued_at}, after the verification time {at}")]
    NotYetValid {
        /// `issued_at`.
        issued_at: i64,
        /// The verification time.
        at: i64,
    },
    /// Expired longer ago than the grace period.
    #[error("the trust list expired at {expires_at}, beyond the grace period at {at}")]
    Expired {
        /// `expires_at`.
        expires_at: i64,
        /// The verification time.
        at: i64,
    },
}

impl TrustListError {
    /// The stable reason code.
    #[must_use]
    pub fn reason(&self) -> ReasonCode {
        match self {
            TrustListError::Envelope(e) => e.reason(),
            TrustListError::Json(JsonError::DuplicateKey { .. }) => {
                ReasonCode::TrustListDuplicateKey
            }
            TrustListError::Json(JsonError::TooDeep { .. }) => ReasonCode::TrustListTooDeep,
            TrustListError::Json(_) | TrustListError::Shape { .. } => {
                ReasonCode::TrustListMalformed
            }
            TrustListError::Invalid { .. } => ReasonCode::TrustListInvalid,
            TrustListError::AnchorInvalid { .. } => ReasonCode::TrustListAnchorInvalid,
            TrustListError::ThresholdNotMet { .. } => ReasonCode::TrustListThresholdNotMet,
            TrustListError::Rollback { .. } => ReasonCode::TrustListRollback,
            TrustListError::VersionSkipped { .. } => ReasonCode::TrustListVersionSkipped,
            TrustListError::NotYetValid { .. } => ReasonCode::TrustListNotYetValid,
            TrustListError::Expired { .. } => ReasonCode::TrustListExpired,
        }
    }

    /// The stable reason-code string.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.reason().as_str()
    }
}

/// Root keys the caller trusts out of band (shipped with the application), with a threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    keys: Vec<VerifyingKey>,
    threshold: usize,
}

impl TrustAnchor {
    /// An anchor of distinct `keys`, of which `threshold` must sign.
    ///
    /// # Errors
    /// `trust_list.anchor_invalid`: no keys, a key listed twice, threshold 0 or above the number
    /// of keys.
    pub fn new(keys: Vec<VerifyingKey>, threshold: usize) -> Result<TrustAnchor, TrustListError> {
        let bad = |detail: &str| TrustListError::AnchorInvalid {
            detail: detail.to_owned(),
        };
        if keys.is_empty() {
            return Err(bad("no root keys"));
        }
        if has_duplicates(&keys) {
            return Err(bad("a root key is listed twice"));
        }
        if threshold == 0 || threshold > keys.len() {
            return Err(bad(
                "the threshold must be between 1 and the number of keys",
            ));
        }
        Ok(TrustAnchor { keys, threshold })
    }

    /// The root keys.
    #[must_use]
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// How many distinct keys must sign.
    #[must_use]
    pub fn threshold(&self) -> usize {
        self.threshold
    }
}

fn has_duplicates(keys: &[VerifyingKey]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    keys.iter().any(|k| !seen.insert(k.to_bytes()))
}

fn is_participant_id(id: &str) -> bool {
    let ok_char = |b: u8| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-');
    (1..=64).contains(&id.len())
        && id.bytes().all(ok_char)
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn is_manufacturer_code(code: &str) -> bool {
    code.len() == 4
        && code
            .bytes()
            .all(|b| crate::code::ALPHABET.as_bytes().contains(&b))
}

impl TrustList {
    /// The default permissions table, for building new lists. Normative for nothing: a verified
    /// list's own `permissions` always apply.
    ///
    /// | role | may attest |
    /// | --- | --- |
    /// | registry | registered, suspended, reinstated, decommissioned |
    /// | regulator | suspended, reinstated, decommissioned |
    /// | manufacturer | manufactured, shipped, software_updated, recall_remedied, maintained, part_replaced, telemetry |
    /// | parts_supplier | (nothing) |
    /// | logistics | shipped, received |
    /// | dealer | received, sold, shipped, transferred |
    /// | operator | received, deployed, telemetry, transferred, decommissioned |
    /// | maintainer | maintained, part_replaced, software_updated, recall_remedied, telemetry |
    /// | recycler | received, decommissioned, scrapped, dismantled |
    #[must_use]
    pub fn default_permissions() -> BTreeMap<Role, Vec<EventType>> {
        use EventType as E;
        BTreeMap::from([
            (
                Role::Registry,
                vec![
                    E::Registered,
                    E::Suspended,
                    E::Reinstated,
                    E::Decommissioned,
                ],
            ),
            (
                Role::Regulator,
                vec![E::Suspended, E::Reinstated, E::Decommissioned],
            ),
            (
                Role::Manufacturer,
                vec![
                    E::Manufactured,
                    E::Shipped,
                    E::SoftwareUpdated,
                    E::RecallRemedied,
                    E::Maintained,
                    E::PartReplaced,
                    E::Telemetry,
                ],
            ),
            (Role::PartsSupplier, vec![]),
            (Role::Logistics, vec![E::Shipped, E::Received]),
            (
                Role::Dealer,
                vec![E::Received, E::Sold, E::Shipped, E::Transferred],
            ),
            (
                Role::Operator,
                vec![
                    E::Received,
                    E::Deployed,
                    E::Telemetry,
                    E::Transferred,
                    E::Decommissioned,
                ],
            ),
            (
                Role::Maintainer,
                vec![
                    E::Maintained,
                    E::PartReplaced,
                    E::SoftwareUpdated,
                    E::RecallRemedied,
                    E::Telemetry,
                ],
            ),
            (
                Role::Recycler,
                vec![E::Received, E::Decommissioned, E::Scrapped, E::Dismantled],
            ),
        ])
    }

    /// The list as signed: compact `serde_json`, fields in declaration order, permissions in
    /// role order.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Sign into an envelope of type `application/vnd.hrid.trust-list.v1+json`.
    #[must_use]
    pub fn sign(&self, keys: &[&SigningKey]) -> Envelope {
        Envelope::sign(PayloadType::TrustList, &self.to_json(), keys)
    }

    /// Check the rules of the format that types alone do not express.
    ///
    /// # Errors
    /// `trust_list.invalid`, naming the first rule broken.
    pub fn validate(&self) -> Result<(), TrustListError> {
        let bad = |detail: String| Err(TrustListError::Invalid { detail });
        if self.version == 0 {
            return bad("version must be at least 1".to_owned());
        }
        if self.expires_at <= self.issued_at {
            return bad("expires_at must be after issued_at".to_owned());
        }
        if self.roots.keys.is_empty() || has_duplicates(&self.roots.keys) {
            return bad("root keys must be present and distinct".to_owned());
        }
        let threshold = usize::try_from(self.roots.threshold).unwrap_or(usize::MAX);
        if threshold == 0 || threshold > self.roots.keys.len() {
            return bad("the root threshold must be between 1 and the number of root keys".into());
        }
        let mut ids = std::collections::BTreeSet::new();
        let mut keys = std::collections::BTreeSet::new();
        for p in &self.participants {
            if !is_participant_id(&p.id) {
                return bad(format!("participant ID {:?} is malformed", p.id));
            }
            if !ids.insert(p.id.as_str()) {
                return bad(format!("participant ID {:?} appears twice", p.id));
            }
            let mut roles = std::collections::BTreeSet::new();
            if p.roles.is_empty() || !p.roles.iter().all(|r| roles.insert(*r)) {
                return bad(format!(
                    "participant {:?} must have distinct roles, at least one",
                    p.id
                ));
            }
            match &p.scope {
                Some(s)
                    if s.manufacturers.is_empty()
                        || !s.manufacturers.iter().all(|m| is_manufacturer_code(m)) =>
                {
                    return bad(format!(
                        "participant {:?}: a scope lists 4-character manufacturer codes, at least one",
                        p.id
                    ));
                }
                None if p.roles.contains(&Role::Manufacturer) => {
                    return bad(format!(
                        "participant {:?} is a manufacturer and needs a scope",
                        p.id
                    ));
                }
                _ => {}
            }
            for k in &p.keys {
                if !keys.insert(k.public_key.to_bytes()) {
                    return bad(format!(
                        "key {} appears twice among the participants",
                        k.public_key.key_id()
                    ));
                }
                if k.valid_until <= k.valid_from {
                    return bad(format!(
                        "key {}: valid_until must be after valid_from",
                        k.public_key.key_id()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Read a trust list from JSON text with exactly the checks verification applies to a signed
    /// payload: JSON pre-check (depth, duplicate keys), exact shape, then
    /// [`validate`](TrustList::validate).
    ///
    /// This is for the registry preparing a list to [`sign`](TrustList::sign) (the bindings build
    /// lists from dictionaries or JSON text this way). A list read like this is not trusted: only
    /// [`TrustList::verify`] and [`TrustList::verify_update`] give a [`VerifiedTrustList`].
    ///
    /// # Errors
    /// `trust_list.malformed`, `trust_list.duplicate_key`, `trust_list.too_deep`,
    /// `trust_list.invalid`.
    pub fn from_json(bytes: &[u8], limits: &json::Limits) -> Result<TrustList, TrustListError> {
        json::check(bytes, usize::MAX, limits.max_depth).map_err(TrustListError::Json)?;
        let list: TrustList = serde_json::from_slice(bytes).map_err(|e| TrustListError::Shape {
            detail: e.to_string(),
        })?;
        list.validate()?;
        Ok(list)
    }

    /// Verify a trust-list envelope against an anchor the caller trusts.
    ///
    /// Accepted when: the envelope is well-formed and of the trust-list type; at least
    /// `anchor.threshold()` distinct anchor keys signed it; the list is valid
    /// ([`validate`](TrustList::validate)); at least `roots.threshold` distinct keys of its own
    /// roots signed it; `version >= highest_seen_version`; `issued_at <= at_unix +
    /// clock_skew_secs`; and `at_unix <= expires_at + trust_list_grace_secs` (expired within the
    /// grace: accepted with a `trust_list.expired_grace` warning).
    ///
    /// # Errors
    /// [`TrustListError`]: envelope codes, `signature.invalid`, `trust_list.*`.
    pub fn verify(
        envelope_json: &[u8],
        anchor: &TrustAnchor,
        highest_seen_version: u64,
        at_unix: i64,
        options: &VerifyOptions,
    ) -> Result<VerifiedTrustList, TrustListError> {
        let envelope = read_envelope(envelope_json, options)?;
        let verified = verify_threshold(
            &envelope,
            anchor.keys(),
            anchor.threshold(),
            "trusted root keys",
        )?;
        let list = parse_and_check_own_roots(&envelope, &verified, options)?;
        if list.version < highest_seen_version {
            return Err(TrustListError::Rollback {
                found: list.version,
                highest: highest_seen_version,
            });
        }
        finish(list, &verified, at_unix, options)
    }

    /// Verify version N+1 against the verified version N: it must be signed by a threshold of
    /// N's root keys and by a threshold of its own, and be exactly version N+1; otherwise as
    /// [`verify`](TrustList::verify).
    ///
    /// # Errors
    /// As [`verify`](TrustList::verify), plus `trust_list.rollback` (version <= N) and
    /// `trust_list.version_skipped` (version > N+1).
    pub fn verify_update(
        envelope_json: &[u8],
        previous: &VerifiedTrustList,
        at_unix: i64,
        options: &VerifyOptions,
    ) -> Result<VerifiedTrustList, TrustListError> {
        let envelope = read_envelope(envelope_json, options)?;
        let prev = previous.trust_list();
        let prev_threshold = usize::try_from(prev.roots.threshold).unwrap_or(usize::MAX);
        let verified = verify_threshold(
            &envelope,
            &prev.roots.keys,
            prev_threshold,
            "previous root keys",
        )?;
        let list = parse_and_check_own_roots(&envelope, &verified, options)?;
        if list.version <= prev.version {
            return Err(TrustListError::Rollback {
                found: list.version,
                highest: prev.version,
            });
        }
        let expected = prev.version.saturating_add(1);
        if list.version != expected {
            return Err(TrustListError::VersionSkipped {
                found: list.version,
                expected,
            });
        }
        finish(list, &verified, at_unix, options)
    }
}

fn read_envelope(
    envelope_json: &[u8],
    options: &VerifyOptions,
) -> Result<Envelope, TrustListError> {
    let envelope = Envelope::from_json(
        envelope_json,
        options.limits.max_trust_list_bytes,
        &options.limits,
    )
    .map_err(TrustListError::Envelope)?;
    envelope
        .expect_type(PayloadType::TrustList)
        .map_err(TrustListError::Envelope)?;
    Ok(envelope)
}

fn verify_threshold(
    envelope: &Envelope,
    keys: &[VerifyingKey],
    required: usize,
    which: &'static str,
) -> Result<VerifiedEnvelope, TrustListError> {
    match envelope.verify_with(keys) {
        Ok(v) if v.signers().len() >= required => Ok(v),
        Ok(v) => Err(TrustListError::ThresholdNotMet {
            which,
            found: v.signers().len(),
            required,
        }),
        Err(EnvelopeError::NoMatchingKey) => Err(TrustListError::ThresholdNotMet {
            which,
            found: 0,
            required,
        }),
        Err(e) => Err(TrustListError::Envelope(e)),
    }
}

fn parse_and_check_own_roots(
    envelope: &Envelope,
    verified: &VerifiedEnvelope,
    options: &VerifyOptions,
) -> Result<TrustList, TrustListError> {
    let list = TrustList::from_json(verified.payload(), &options.limits)?;
    let own_threshold = usize::try_from(list.roots.threshold).unwrap_or(usize::MAX);
    verify_threshold(
        envelope,
        &list.roots.keys,
        own_threshold,
        "list's own root keys",
    )?;
    Ok(list)
}

fn finish(
    list: TrustList,
    verified: &VerifiedEnvelope,
    at_unix: i64,
    options: &VerifyOptions,
) -> Result<VerifiedTrustList, TrustListError> {
    if list.issued_at > at_unix.saturating_add(options.clock_skew_secs) {
        return Err(TrustListError::NotYetValid {
            issued_at: list.issued_at,
            at: at_unix,
        });
    }
    let mut warnings = Vec::new();
    match expiry(&list, at_unix, options) {
        Expiry::Current => {}
        Expiry::InGrace(f) => warnings.push(f),
        Expiry::Expired => {
            return Err(TrustListError::Expired {
                expires_at: list.expires_at,
                at: at_unix,
            })
        }
    }
    let mut index: BTreeMap<KeyId, Vec<(usize, usize)>> = BTreeMap::new();
    for (pi, p) in list.participants.iter().enumerate() {
        for (ki, k) in p.keys.iter().enumerate() {
            index
                .entry(k.public_key.key_id().clone())
                .or_default()
                .push((pi, ki));
        }
    }
    Ok(VerifiedTrustList {
        statement_hash: verified.statement_hash().to_owned(),
        list,
        warnings,
        index,
    })
}

/// Where a trust list stands at a time.
enum Expiry {
    Current,
    InGrace(Finding),
    Expired,
}

fn expiry(list: &TrustList, at_unix: i64, options: &VerifyOptions) -> Expiry {
    if at_unix <= list.expires_at {
        Expiry::Current
    } else if at_unix
        <= list
            .expires_at
            .saturating_add(options.trust_list_grace_secs)
    {
        Expiry::InGrace(
            Finding::new(
                ReasonCode::TrustListExpiredGrace,
                format!(
                    "trust list version {} expired at {}, {} seconds before the verification time",
                    list.version,
                    list.expires_at,
                    at_unix.saturating_sub(list.expires_at)
                ),
            )
            .with_evidence("trust_list_version", list.version.to_string())
            .with_evidence("expires_at", list.expires_at.to_string()),
        )
    } else {
        Expiry::Expired
    }
}

/// A trust list whose signatures, thresholds, version and dates were verified. Only
/// [`TrustList::verify`] and [`TrustList::verify_update`] build one.
#[derive(Debug, Clone)]
pub struct VerifiedTrustList {
    list: TrustList,
    statement_hash: String,
    warnings: Vec<Finding>,
    index: BTreeMap<KeyId, Vec<(usize, usize)>>,
}

impl VerifiedTrustList {
    /// The verified contents.
    #[must_use]
    pub fn trust_list(&self) -> &TrustList {
        &self.list
    }

    /// The list's version.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.list.version
    }

    /// SHA-256 of the signed PAE, lowercase hex.
    #[must_use]
    pub fn statement_hash(&self) -> &str {
        &self.statement_hash
    }

    /// Warnings found when it was verified (for example `trust_list.expired_grace`).
    #[must_use]
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }

    /// The list's own roots as an anchor, to persist for the next start.
    ///
    /// # Errors
    /// Never for a verified list (its roots were validated); typed for uniformity.
    pub fn anchor(&self) -> Result<TrustAnchor, TrustListError> {
        TrustAnchor::new(
            self.list.roots.keys.clone(),
            usize::try_from(self.list.roots.threshold).unwrap_or(usize::MAX),
        )
    }

    /// The participant with this ID.
    #[must_use]
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.list.participants.iter().find(|p| p.id == id)
    }

    /// Every participant key whose key ID is `hint`, with its owner: the keys a signature is
    /// tried against. An empty `hint` names no key (a signature must say which key made it), so
    /// a signature is tried against only the trusted keys that share its key ID: one, unless the
    /// root-signed trust list gives one key to several participants.
    pub(crate) fn keys_matching<'a>(
        &'a self,
        hint: &str,
    ) -> Vec<(&'a Participant, &'a ParticipantKey)> {
        let pairs = hint
            .parse::<KeyId>()
            .ok()
            .and_then(|id| self.index.get(&id))
            .map(Vec::as_slice)
            .unwrap_or_default();
        pairs
            .iter()
            .filter_map(|(pi, ki)| {
                let p = self.list.participants.get(*pi)?;
                let k = p.keys.get(*ki)?;
                Some((p, k))
            })
            .collect()
    }

    /// Every participant key that a signature's hint names, with its owner.
    pub(crate) fn keys_hinted<'a>(
        &'a self,
        hint: &KeyHint<'_>,
    ) -> Vec<(&'a Participant, &'a ParticipantKey)> {
        match hint {
            KeyHint::KeyId(id) => self.keys_matching(id),
            KeyHint::Prefix(_) => self
                .list
                .participants
                .iter()
                .flat_map(|p| p.keys.iter().map(move |k| (p, k)))
                .filter(|(_, k)| hint.matches(&k.public_key))
                .collect(),
        }
    }

    /// The list's standing at `at_unix`, as a finding: `trust_list.current`,
    /// `trust_list.expired_grace` (a warning) or `trust_list.expired` (indeterminate).
    #[must_use]
    pub fn standing(&self, at_unix: i64, options: &VerifyOptions) -> Finding {
        let list = &self.list;
        match expiry(list, at_unix, options) {
            Expiry::Current => Finding::new(
                ReasonCode::TrustListCurrent,
                format!("trust list version {} is current", list.version),
            )
            .with_evidence("trust_list_version", list.version.to_string())
            .with_evidence("expires_at", list.expires_at.to_string()),
            Expiry::InGrace(f) => f,
            Expiry::Expired => Finding::new(
                ReasonCode::TrustListExpired,
                format!(
                    "trust list version {} expired at {}, beyond the grace period",
                    list.version, list.expires_at
                ),
            )
            .with_evidence("trust_list_version", list.version.to_string())
            .with_evidence("expires_at", list.expires_at.to_string()),
        }
    }

    /// The permitted event types of a role.
    #[must_use]
    pub fn permits(&self, role: Role, event: EventType) -> bool {
        self.list
            .permissions
            .get(&role)
            .is_some_and(|events| events.contains(&event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn key(n: u8) -> SigningKey {
        SigningKey::from_seed([n; 32])
    }

    fn list(version: u64, roots: &[&SigningKey], threshold: u32) -> TrustList {
        TrustList {
            version,
            issued_at: 1000,
            expires_at: 2000,
            roots: RootKeys {
                threshold,
                keys: roots.iter().map(|k| k.verifying_key()).collect(),
            },
            participants: vec![Participant {
                id: "acme".into(),
                name: "ACME".into(),
                roles: vec![Role::Manufacturer],
                scope: Some(Scope {
                    manufacturers: vec!["0042".into()],
                }),
                keys: vec![ParticipantKey {
                    public_key: key(50).verifying_key(),
                    valid_from: 0,
                    valid_until: 5000,
                    compromised_since: None,
                }],
            }],
            permissions: TrustList::default_permissions(),
        }
    }

    fn opts() -> VerifyOptions {
        VerifyOptions::default()
    }

    fn anchor(keys: &[&SigningKey], threshold: usize) -> TrustAnchor {
        TrustAnchor::new(keys.iter().map(|k| k.verifying_key()).collect(), threshold).unwrap()
    }

    #[test]
    fn accepts_a_threshold_of_distinct_keys() {
        let (a, b, c) = (key(1), key(2), key(3));
        let l = list(1, &[&a, &b, &c], 2);
        let env = l.sign(&[&a, &b]).to_json();
        let v = TrustList::verify(&env, &anchor(&[&a, &b, &c], 2), 0, 1500, &opts()).unwrap();
        assert_eq!(v.trust_list(), &l);
        assert!(v.warnings().is_empty());
        assert_eq!(v.anchor().unwrap().threshold(), 2);
    }

    #[test]
    fn the_same_key_twice_never_counts_twice() {
        let (a, b, c) = (key(1), key(2), key(3));
        let l = list(1, &[&a, &b, &c], 2);
        let env = l.sign(&[&a, &a]).to_json();
        let err = TrustList::verify(&env, &anchor(&[&a, &b, &c], 2), 0, 1500, &opts()).unwrap_err();
        assert_eq!(err.code(), "trust_list.threshold_not_met");
        // An anchor listing one key twice is refused outright.
        assert_eq!(
            TrustAnchor::new(vec![a.verifying_key(), a.verifying_key()], 2)
                .unwrap_err()
                .code(),
            "trust_list.anchor_invalid"
        );
        // A list whose roots name one key twice is invalid.
        let mut dup = list(1, &[&a, &a], 2);
        dup.roots.threshold = 2;
        let env = dup.sign(&[&a]).to_json();
        assert_eq!(
            TrustList::verify(&env, &anchor(&[&a], 1), 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.invalid"
        );
        // Two signatures with different key-ID hints by one key: counted once.
        let mut env = l.sign(&[&a, &a]);
        let json = String::from_utf8(env.to_json()).unwrap();
        let json = json.replacen(&a.key_id().to_string(), "", 1);
        env = Envelope::from_json(json.as_bytes(), 1 << 20, &opts().limits).unwrap();
        assert_eq!(
            TrustList::verify(&env.to_json(), &anchor(&[&a, &b, &c], 2), 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.threshold_not_met"
        );
    }

    #[test]
    fn own_roots_must_also_reach_their_threshold() {
        let (a, b) = (key(1), key(2));
        // Anchor a (1 of 1), but the list names b as its root: b did not sign.
        let l = list(1, &[&b], 1);
        let env = l.sign(&[&a]).to_json();
        let err = TrustList::verify(&env, &anchor(&[&a], 1), 0, 1500, &opts()).unwrap_err();
        assert_eq!(err.code(), "trust_list.threshold_not_met");
        assert!(err.to_string().contains("own root keys"));
    }

    #[test]
    fn unknown_or_bad_signatures_are_rejected() {
        let (a, b) = (key(1), key(2));
        let l = list(1, &[&a], 1);
        let env = l.sign(&[&b]).to_json();
        assert_eq!(
            TrustList::verify(&env, &anchor(&[&a], 1), 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.threshold_not_met"
        );
        let env = String::from_utf8(l.sign(&[&a]).to_json()).unwrap();
        // Swap the payload for another list: the signature no longer verifies.
        let other = list(2, &[&a], 1);
        let forged = env.replace(
            &base64::Engine::encode(&base64::engine::general_purpose::STANDARD, l.to_json()),
            &base64::Engine::encode(&base64::engine::general_purpose::STANDARD, other.to_json()),
        );
        assert_eq!(
            TrustList::verify(forged.as_bytes(), &anchor(&[&a], 1), 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "signature.invalid"
        );
        // An attestation envelope is not a trust list.
        let env = Envelope::sign(PayloadType::Attestation, &l.to_json(), &[&a]).to_json();
        assert_eq!(
            TrustList::verify(&env, &anchor(&[&a], 1), 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "envelope.payload_type_unexpected"
        );
    }

    #[test]
    fn rotation_needs_old_and_new_roots() {
        let (a, b, c) = (key(1), key(2), key(3));
        let v1 = list(1, &[&a], 1);
        let v1 = TrustList::verify(
            &v1.sign(&[&a]).to_json(),
            &anchor(&[&a], 1),
            0,
            1500,
            &opts(),
        )
        .unwrap();
        // v2 rotates the root from a to b.
        let v2 = list(2, &[&b], 1);
        let ok =
            TrustList::verify_update(&v2.sign(&[&a, &b]).to_json(), &v1, 1500, &opts()).unwrap();
        assert_eq!(ok.version(), 2);
        for signers in [vec![&a], vec![&b], vec![&c], vec![&a, &c]] {
            let err = TrustList::verify_update(&v2.sign(&signers).to_json(), &v1, 1500, &opts())
                .unwrap_err();
            assert_eq!(err.code(), "trust_list.threshold_not_met");
        }
        let v3 = list(3, &[&b], 1);
        assert_eq!(
            TrustList::verify_update(&v3.sign(&[&a, &b]).to_json(), &v1, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.version_skipped"
        );
        let v1again = list(1, &[&a], 1);
        assert_eq!(
            TrustList::verify_update(&v1again.sign(&[&a]).to_json(), &v1, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.rollback"
        );
    }

    #[test]
    fn rollback_guard_and_dates() {
        let a = key(1);
        let l = list(4, &[&a], 1);
        let env = l.sign(&[&a]).to_json();
        let an = anchor(&[&a], 1);
        assert!(TrustList::verify(&env, &an, 4, 1500, &opts()).is_ok());
        assert_eq!(
            TrustList::verify(&env, &an, 5, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.rollback"
        );
        let o = opts();
        // issued_at 1000: before it by more than the skew.
        assert_eq!(
            TrustList::verify(&env, &an, 0, 1000 - o.clock_skew_secs - 1, &o)
                .unwrap_err()
                .code(),
            "trust_list.not_yet_valid"
        );
        assert!(TrustList::verify(&env, &an, 0, 1000 - o.clock_skew_secs, &o).is_ok());
        // expires_at 2000: at the limit, within grace, beyond.
        assert!(TrustList::verify(&env, &an, 0, 2000, &o)
            .unwrap()
            .warnings()
            .is_empty());
        let graced = TrustList::verify(&env, &an, 0, 2001, &o).unwrap();
        assert_eq!(
            graced.warnings()[0].code.as_str(),
            "trust_list.expired_grace"
        );
        assert!(TrustList::verify(&env, &an, 0, 2000 + o.trust_list_grace_secs, &o).is_ok());
        assert_eq!(
            TrustList::verify(&env, &an, 0, 2001 + o.trust_list_grace_secs, &o)
                .unwrap_err()
                .code(),
            "trust_list.expired"
        );
    }

    #[test]
    fn validation_rules() {
        let a = key(1);
        let base = list(1, &[&a], 1);
        let mut cases: Vec<TrustList> = Vec::new();
        let mut l = base.clone();
        l.version = 0;
        cases.push(l);
        let mut l = base.clone();
        l.expires_at = l.issued_at;
        cases.push(l);
        let mut l = base.clone();
        l.roots.threshold = 2;
        cases.push(l);
        let mut l = base.clone();
        l.roots.threshold = 0;
        cases.push(l);
        let mut l = base.clone();
        l.participants[0].scope = None;
        cases.push(l);
        let mut l = base.clone();
        l.participants[0].scope = Some(Scope {
            manufacturers: vec!["42".into()],
        });
        cases.push(l);
        let mut l = base.clone();
        l.participants[0].id = "Acme".into();
        cases.push(l);
        let mut l = base.clone();
        l.participants.push(base.participants[0].clone());
        cases.push(l);
        let mut l = base.clone();
        let mut other = base.participants[0].clone();
        other.id = "other".into();
        l.participants.push(other);
        cases.push(l);
        let mut l = base.clone();
        l.participants[0].roles.clear();
        cases.push(l);
        let mut l = base.clone();
        l.participants[0].keys[0].valid_until = 0;
        cases.push(l);
        for (i, l) in cases.iter().enumerate() {
            assert_eq!(
                l.validate().unwrap_err().code(),
                "trust_list.invalid",
                "case {i}"
            );
            let env = l.sign(&[&a]).to_json();
            assert_eq!(
                TrustList::verify(&env, &anchor(&[&a], 1), 0, 1500, &opts())
                    .unwrap_err()
                    .code(),
                "trust_list.invalid",
                "case {i}"
            );
        }
        assert!(base.validate().is_ok());
    }

    #[test]
    fn payload_shape_errors() {
        let a = key(1);
        let an = anchor(&[&a], 1);
        let sign = |payload: &str| {
            Envelope::sign(PayloadType::TrustList, payload.as_bytes(), &[&a]).to_json()
        };
        let good = String::from_utf8(list(1, &[&a], 1).to_json()).unwrap();
        let dup = good.replacen("{\"version\":1,", "{\"version\":1,\"version\":1,", 1);
        assert_eq!(
            TrustList::verify(&sign(&dup), &an, 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.duplicate_key"
        );
        let extra = good.replacen("{\"version\":1,", "{\"version\":1,\"x\":1,", 1);
        assert_eq!(
            TrustList::verify(&sign(&extra), &an, 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.malformed"
        );
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(
            TrustList::verify(&sign(&deep), &an, 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.too_deep"
        );
        let upper = good.replace(
            &a.verifying_key().to_hex(),
            &a.verifying_key().to_hex().to_uppercase(),
        );
        assert_eq!(
            TrustList::verify(&sign(&upper), &an, 0, 1500, &opts())
                .unwrap_err()
                .code(),
            "trust_list.malformed"
        );
    }

    #[test]
    fn default_permissions_cover_every_role_and_are_sensible() {
        let p = TrustList::default_permissions();
        assert_eq!(p.len(), Role::ALL.len());
        assert!(p[&Role::Manufacturer].contains(&EventType::Manufactured));
        assert!(!p[&Role::Dealer].contains(&EventType::Manufactured));
        // Every event type can be attested by someone.
        for e in EventType::ALL {
            assert!(p.values().any(|v| v.contains(e)), "{e}");
        }
    }
}
