//! Verifying attestations against a verified trust list.
//!
//! [`Verifier::new`] takes a [`VerifiedTrustList`] and [`VerifyOptions`];
//! [`Verifier::verify`] takes the envelope's JSON bytes and the time, and returns a
//! [`VerificationReport`]: a [`Verdict`] and the findings of every check that ran, each with a
//! stable [`ReasonCode`]. Nothing is read from a payload before a trusted key's signature over it
//! verified.
//!
//! ```
//! use hrid::attestation::{Attestation, LifecycleEvent};
//! use hrid::keys::SigningKey;
//! use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
//! use hrid::verify::{Verdict, Verifier, VerifyOptions};
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
//! let anchor = TrustAnchor::new(vec![root.verifying_key()], 1)?;
//! let now = 1_767_300_000;
//! let verified = TrustList::verify(&list.sign(&[&root]).to_json(), &anchor, 0, now, &VerifyOptions::default())?;
//! let verifier = Verifier::new(verified, VerifyOptions::default());
//!
//! let statement = Attestation {
//!     subject: "860042A3W0F50000000012345ZAR2".parse()?,
//!     seq: 0,
//!     prev: None,
//!     time: now - 60,
//!     issuer: "acme".into(),
//!     event: LifecycleEvent::Shipped { to: "dealer-1".into() },
//! };
//! let report = verifier.verify(&statement.sign(&[&maker]).to_json(), now);
//! assert_eq!(report.verdict, Verdict::Accepted);
//! assert_eq!(report.statement.unwrap().attestation(), &statement); // ok: doctest
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod report;

use serde::Serialize;

pub use report::{Finding, Verdict, VerificationReport};

use crate::attestation::Attestation;
use crate::envelope::{Envelope, EnvelopeError, PayloadType, SignatureCache};
use crate::json::Limits;
use crate::keys::{KeyId, VerifyingKey};
use crate::reason::ReasonCode;
use crate::trust::{expiry, Expiry, Participant, ParticipantKey, VerifiedTrustList};

use report::ReportBuilder;

/// Verification settings. All times are seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyOptions {
    /// How far an event (or a trust list's `issued_at`) may lie after the verification time
    /// (default 300).
    pub clock_skew_secs: i64,
    /// How long after its `expires_at` a trust list is still used, with a warning (default
    /// 604,800: 7 days). Beyond it, verdicts are `indeterminate`.
    pub trust_list_grace_secs: i64,
    /// Input limits.
    pub limits: Limits,
}

impl VerifyOptions {
    /// The defaults.
    pub const DEFAULT: VerifyOptions = VerifyOptions {
        clock_skew_secs: 300,
        trust_list_grace_secs: 7 * 24 * 3600,
        limits: Limits::DEFAULT,
    };
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions::DEFAULT
    }
}

/// An attestation whose envelope verified under a key of the trust list and which passed every
/// check. Only the [`Verifier`] builds one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedAttestation {
    statement: Attestation,
    statement_hash: String,
    key_id: KeyId,
    participant: String,
}

impl VerifiedAttestation {
    /// The statement.
    #[must_use]
    pub fn attestation(&self) -> &Attestation {
        &self.statement
    }

    /// SHA-256 of the signed PAE, lowercase hex: what the next attestation's `prev` names.
    #[must_use]
    pub fn statement_hash(&self) -> &str {
        &self.statement_hash
    }

    /// The key ID of the issuer's key that verified.
    #[must_use]
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The issuing participant's ID.
    #[must_use]
    pub fn participant(&self) -> &str {
        &self.participant
    }
}

/// Verifies attestations against one verified trust list.
#[derive(Debug, Clone)]
pub struct Verifier {
    trust_list: VerifiedTrustList,
    options: VerifyOptions,
}

/// The outcome of checking one key's validity at the event time.
enum KeyStatus {
    Valid,
    ValidCompromisedLater(i64),
    NotYetValid,
    Expired,
    Compromised(i64),
}

fn key_status(key: &ParticipantKey, time: i64) -> KeyStatus {
    if let Some(since) = key.compromised_since {
        if time >= since {
            return KeyStatus::Compromised(since);
        }
    }
    if time < key.valid_from {
        KeyStatus::NotYetValid
    } else if time >= key.valid_until {
        KeyStatus::Expired
    } else if let Some(since) = key.compromised_since {
        KeyStatus::ValidCompromisedLater(since)
    } else {
        KeyStatus::Valid
    }
}

impl Verifier {
    /// A verifier for `trust_list` with `options`.
    #[must_use]
    pub fn new(trust_list: VerifiedTrustList, options: VerifyOptions) -> Verifier {
        Verifier {
            trust_list,
            options,
        }
    }

    /// The trust list in use.
    #[must_use]
    pub fn trust_list(&self) -> &VerifiedTrustList {
        &self.trust_list
    }

    /// The options in use.
    #[must_use]
    pub fn options(&self) -> &VerifyOptions {
        &self.options
    }

    /// Verify one attestation envelope (JSON bytes) at `at_unix` (unix seconds).
    ///
    /// Checks, in order (see `docs/attestations.md`): trust-list expiry; envelope limits, shape
    /// and payload type; signer known (a trusted key matches a key ID); signature (strict
    /// Ed25519); then, from the verified bytes only: statement shape and fields, issuer owns the
    /// key, key valid and not compromised at the event time, role permitted, scope, event not in
    /// the future. A failure before the signature verified ends the checks.
    ///
    /// # Panics
    /// Never.
    #[must_use]
    pub fn verify(&self, envelope_json: &[u8], at_unix: i64) -> VerificationReport {
        self.verify_envelope(self.read_envelope(envelope_json), at_unix, None)
    }

    /// Read an attestation envelope within this verifier's limits.
    pub(crate) fn read_envelope(&self, envelope_json: &[u8]) -> Result<Envelope, EnvelopeError> {
        let limits = &self.options.limits;
        Envelope::from_json(envelope_json, limits.max_envelope_bytes, limits)
            .and_then(|e| e.expect_type(PayloadType::Attestation).map(|()| e))
    }

    /// Every trust-list key whose ID matches a signature's hint, each once, with its owner.
    pub(crate) fn candidates(&self, envelope: &Envelope) -> Vec<(&Participant, &ParticipantKey)> {
        let mut candidates: Vec<(&Participant, &ParticipantKey)> = Vec::new();
        for s in envelope.signatures() {
            for (p, k) in self.trust_list.keys_matching(&s.keyid) {
                if !candidates.iter().any(|(_, c)| c.public_key == k.public_key) {
                    candidates.push((p, k));
                }
            }
        }
        candidates
    }

    /// [`verify`](Verifier::verify) on an envelope already read; signatures found in `cache`
    /// are not verified again.
    pub(crate) fn verify_envelope(
        &self,
        envelope: Result<Envelope, EnvelopeError>,
        at_unix: i64,
        cache: Option<&SignatureCache>,
    ) -> VerificationReport {
        let mut r = ReportBuilder::default();
        let list = self.trust_list.trust_list();
        let list_evidence = |f: Finding| {
            f.with_evidence("trust_list_version", list.version.to_string())
                .with_evidence("expires_at", list.expires_at.to_string())
        };
        match expiry(list, at_unix, &self.options) {
            Expiry::Current => r.add(list_evidence(Finding::new(
                ReasonCode::TrustListCurrent,
                format!("trust list version {} is current", list.version),
            ))),
            Expiry::InGrace(f) => r.add(f),
            Expiry::Expired => r.add(list_evidence(Finding::new(
                ReasonCode::TrustListExpired,
                format!(
                    "trust list version {} expired at {}, beyond the grace period",
                    list.version, list.expires_at
                ),
            ))),
        }

        // The envelope.
        let limits = &self.options.limits;
        let envelope = match envelope {
            Ok(e) => e,
            Err(e) => {
                r.add(Finding::new(e.reason(), e.to_string()));
                return r.finish(None);
            }
        };
        r.add(
            Finding::new(
                ReasonCode::EnvelopeWellFormed,
                "the envelope is well-formed and holds an attestation",
            )
            .with_evidence("payload_type", envelope.payload_type().as_str()),
        );

        // Candidate keys: every trust-list key whose ID matches a hint, each once.
        let candidates = self.candidates(&envelope);
        let hints: Vec<&str> = envelope
            .signatures()
            .iter()
            .map(|s| s.keyid.as_str())
            .collect();
        if candidates.is_empty() {
            r.add(
                Finding::new(
                    ReasonCode::SignerUnknown,
                    "no key of the trust list matches the signatures' key IDs",
                )
                .with_evidence("key_id", hints.join(","))
                .with_evidence("trust_list_version", list.version.to_string()),
            );
            return r.finish(None);
        }
        let keys: Vec<VerifyingKey> = candidates
            .iter()
            .map(|(_, k)| k.public_key.clone())
            .collect();
        let verified = match envelope.verify_cached(&keys, cache) {
            Ok(v) => v,
            Err(e) => {
                r.add(
                    Finding::new(e.reason(), e.to_string())
                        .with_evidence("key_id", hints.join(",")),
                );
                return r.finish(None);
            }
        };
        let signer_ids: Vec<String> = verified
            .signers()
            .iter()
            .map(|k| k.key_id().to_string())
            .collect();
        r.add(
            Finding::new(
                ReasonCode::SignatureValid,
                "the signature verifies (strict Ed25519) with a key of the trust list",
            )
            .with_evidence("key_id", signer_ids.join(","))
            .with_evidence("statement_hash", verified.statement_hash()),
        );

        // From here on, only the verified bytes are read.
        let statement = match Attestation::from_signed_bytes(verified.payload(), limits) {
            Ok(s) => s,
            Err(e) => {
                r.add(
                    Finding::new(e.reason(), e.to_string())
                        .with_evidence("statement_hash", verified.statement_hash()),
                );
                return r.finish(None);
            }
        };
        let subject = Some(statement.subject.to_string());
        let event_type = statement.event.event_type();
        let hash = verified.statement_hash().to_owned();
        let finding = |code: ReasonCode, detail: String| {
            Finding::new(code, detail)
                .with_subject(subject.clone())
                .with_evidence("statement_hash", hash.clone())
        };
        r.add(
            finding(
                ReasonCode::StatementWellFormed,
                format!("a well-formed {event_type} statement"),
            )
            .with_evidence("event_type", event_type.as_str()),
        );

        // The issuer must own a key that verified.
        let issuer_keys: Vec<&(&Participant, &ParticipantKey)> = candidates
            .iter()
            .filter(|(p, k)| p.id == statement.issuer && verified.signers().contains(&k.public_key))
            .collect();
        let Some((participant, _)) = issuer_keys.first().copied() else {
            let owners: Vec<&str> = candidates
                .iter()
                .filter(|(_, k)| verified.signers().contains(&k.public_key))
                .map(|(p, _)| p.id.as_str())
                .collect();
            r.add(
                finding(
                    ReasonCode::SignerIssuerMismatch,
                    format!(
                        "the statement names {:?} as issuer, but was signed by {}",
                        statement.issuer,
                        owners.join(", ")
                    ),
                )
                .with_evidence("issuer", statement.issuer.clone())
                .with_evidence("participant", owners.join(",")),
            );
            return r.finish(None);
        };
        r.add(
            finding(
                ReasonCode::SignerKnown,
                format!("signed by {} ({})", participant.name, participant.id),
            )
            .with_evidence("participant", participant.id.clone()),
        );

        // Key validity at the event time: the best of the issuer's verified keys.
        let statuses: Vec<(KeyStatus, &ParticipantKey)> = issuer_keys
            .iter()
            .map(|(_, k)| (key_status(k, statement.time), *k))
            .collect();
        let best = statuses
            .iter()
            .find(|(s, _)| matches!(s, KeyStatus::Valid))
            .or_else(|| {
                statuses
                    .iter()
                    .find(|(s, _)| matches!(s, KeyStatus::ValidCompromisedLater(_)))
            })
            .or_else(|| statuses.first());
        let mut used_key_id = verified.signers().first().map(|k| k.key_id().clone());
        if let Some((status, key)) = best {
            used_key_id = Some(key.public_key.key_id().clone());
            let kf = |code: ReasonCode, detail: String| {
                let mut f = finding(code, detail)
                    .with_evidence("key_id", key.public_key.key_id().to_string())
                    .with_evidence("event_time", statement.time.to_string())
                    .with_evidence("valid_from", key.valid_from.to_string())
                    .with_evidence("valid_until", key.valid_until.to_string());
                if let Some(c) = key.compromised_since {
                    f = f.with_evidence("compromised_since", c.to_string());
                }
                f
            };
            match status {
                KeyStatus::Valid => r.add(kf(
                    ReasonCode::KeyValid,
                    "the key was valid at the event time".to_owned(),
                )),
                KeyStatus::ValidCompromisedLater(since) => {
                    r.add(kf(
                        ReasonCode::KeyValid,
                        "the key was valid at the event time".to_owned(),
                    ));
                    r.add(kf(
                        ReasonCode::KeyCompromisedLater,
                        format!("the key was reported compromised from {since}, after the event"),
                    ));
                }
                KeyStatus::NotYetValid => r.add(kf(
                    ReasonCode::KeyNotYetValid,
                    format!("the key is valid from {}, after the event", key.valid_from),
                )),
                KeyStatus::Expired => r.add(kf(
                    ReasonCode::KeyExpired,
                    format!(
                        "the key stopped being valid at {}, before the event",
                        key.valid_until
                    ),
                )),
                KeyStatus::Compromised(since) => r.add(kf(
                    ReasonCode::KeyCompromised,
                    format!("the key was reported compromised from {since}, before the event"),
                )),
            }
        }

        // Role.
        let permitted_by: Vec<&str> = participant
            .roles
            .iter()
            .filter(|role| self.trust_list.permits(**role, event_type))
            .map(|role| role.as_str())
            .collect();
        let roles: Vec<&str> = participant.roles.iter().map(|r| r.as_str()).collect();
        if permitted_by.is_empty() {
            r.add(
                finding(
                    ReasonCode::RoleNotPermitted,
                    format!(
                        "a participant with roles {} may not attest {event_type}",
                        roles.join(", ")
                    ),
                )
                .with_evidence("event_type", event_type.as_str())
                .with_evidence("roles", roles.join(",")),
            );
        } else {
            r.add(
                finding(
                    ReasonCode::RolePermitted,
                    format!("role {} may attest {event_type}", permitted_by.join(", ")),
                )
                .with_evidence("event_type", event_type.as_str())
                .with_evidence("roles", roles.join(",")),
            );
        }

        // Scope.
        let manufacturer = statement.subject.manufacturer();
        if participant.in_scope(manufacturer) {
            r.add(
                finding(
                    ReasonCode::ScopeWithin,
                    format!(
                        "{} may attest robots of manufacturer {manufacturer}",
                        participant.id
                    ),
                )
                .with_evidence("manufacturer", manufacturer),
            );
        } else {
            r.add(
                finding(
                    ReasonCode::ScopeOutside,
                    format!(
                        "{} may not attest robots of manufacturer {manufacturer}",
                        participant.id
                    ),
                )
                .with_evidence("manufacturer", manufacturer),
            );
        }

        // Time.
        let latest = at_unix.saturating_add(self.options.clock_skew_secs);
        let time_finding = |code: ReasonCode, detail: String| {
            finding(code, detail)
                .with_evidence("event_time", statement.time.to_string())
                .with_evidence("at", at_unix.to_string())
        };
        if statement.time > latest {
            r.add(time_finding(
                ReasonCode::TimeInFuture,
                format!(
                    "the event is dated {} seconds after the verification time",
                    statement.time.saturating_sub(at_unix)
                ),
            ));
        } else {
            r.add(time_finding(
                ReasonCode::TimeNotInFuture,
                "the event is not dated in the future".to_owned(),
            ));
        }

        let verified_attestation = used_key_id.map(|key_id| VerifiedAttestation {
            participant: participant.id.clone(),
            statement,
            statement_hash: hash.clone(),
            key_id,
        });
        r.finish(verified_attestation)
    }
}
