//! Attestations: the authentication step, then the rules of a lifecycle statement (role,
//! scope, not dated in the future).

use serde::Serialize;

use crate::attestation::{Attestation, EventType};
use crate::envelope::{Envelope, EnvelopeError, PayloadType, SignatureCache};
use crate::keys::KeyId;
use crate::reason::ReasonCode;
use crate::report::{Finding, Findings};
use crate::trust::Participant;

use super::{Authenticated, Claim, Document, VerificationReport, Verifier};

/// An attestation whose envelope verified under a key of the trust list and which passed every
/// check. Only the [`Verifier`] builds one.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

impl Verifier {
    /// Verify one attestation envelope (JSON bytes) at `at_unix` (unix seconds).
    ///
    /// Checks, in order (see `docs/attestations.md`): the authentication step (trust-list
    /// standing; envelope limits, shape and payload type; signer known by a key ID; strict
    /// Ed25519 signature), then from the verified bytes only: statement shape and fields, issuer
    /// owns the key, key valid and not compromised at the event time (the authentication step's
    /// second half), role permitted, scope, event not in the future. A failure before the
    /// signature verified ends the checks.
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

    /// [`verify`](Verifier::verify) on an envelope already read; signatures found in `cache`
    /// are not verified again.
    pub(crate) fn verify_envelope(
        &self,
        envelope: Result<Envelope, EnvelopeError>,
        at_unix: i64,
        cache: Option<&SignatureCache>,
    ) -> VerificationReport {
        let (findings, statement) = Findings::keep_if_accepted(|out| {
            self.check_attestation(envelope.as_ref(), at_unix, cache, out)
        });
        VerificationReport {
            findings,
            statement,
        }
    }

    fn check_attestation(
        &self,
        envelope: Result<&Envelope, &EnvelopeError>,
        at_unix: i64,
        cache: Option<&SignatureCache>,
        out: &mut Findings,
    ) -> Option<VerifiedAttestation> {
        let document = envelope
            .map(|e| Document {
                signed: e.signed_payload(),
                well_formed: Some(
                    Finding::new(
                        ReasonCode::EnvelopeWellFormed,
                        "the envelope is well-formed and holds an attestation",
                    )
                    .with_evidence("payload_type", e.payload_type().as_str()),
                ),
                signer_role: None,
                subject: None,
            })
            .map_err(|e| Finding::new(e.reason(), e.to_string()));
        let signed = self.authenticate(document, at_unix, cache, out)?;
        let hash = signed.statement_hash().to_owned();
        let payload = envelope.ok()?.signed_payload().payload;
        let statement = match Attestation::from_signed_bytes(payload, &self.options.limits) {
            Ok(s) => s,
            Err(e) => {
                out.add(
                    Finding::new(e.reason(), e.to_string()).with_evidence("statement_hash", &hash),
                );
                return None;
            }
        };
        let about = Statement {
            subject: Some(statement.subject.to_string()),
            hash: &hash,
        };
        let event_type = statement.event.event_type();
        out.add(
            about
                .finding(
                    ReasonCode::StatementWellFormed,
                    format!("a well-formed {event_type} statement"),
                )
                .with_evidence("event_type", event_type.as_str()),
        );
        let claim = Claim {
            issuer: Some(&statement.issuer),
            time: statement.time,
        };
        let who = signed.attribute(claim, &|c, d| about.finding(c, d), out)?;
        self.check_role(&about, who.participant, event_type, out);
        check_scope(&about, who.participant, &statement, out);
        self.check_time(&about, &statement, at_unix, out);
        Some(verified(statement, hash, &who))
    }

    /// The issuer's roles permit the event type.
    fn check_role(
        &self,
        about: &Statement<'_>,
        participant: &Participant,
        event_type: EventType,
        out: &mut Findings,
    ) {
        let permitted_by: Vec<&str> = participant
            .roles
            .iter()
            .filter(|role| self.trust_list.permits(**role, event_type))
            .map(|role| role.as_str())
            .collect();
        let roles: Vec<&str> = participant.roles.iter().map(|r| r.as_str()).collect();
        let finding = if permitted_by.is_empty() {
            about.finding(
                ReasonCode::RoleNotPermitted,
                format!(
                    "a participant with roles {} may not attest {event_type}",
                    roles.join(", ")
                ),
            )
        } else {
            about.finding(
                ReasonCode::RolePermitted,
                format!("role {} may attest {event_type}", permitted_by.join(", ")),
            )
        };
        out.add(
            finding
                .with_evidence("event_type", event_type.as_str())
                .with_evidence("roles", roles.join(",")),
        );
    }

    /// The event is not dated after the verification time (plus the clock skew).
    fn check_time(
        &self,
        about: &Statement<'_>,
        statement: &Attestation,
        at_unix: i64,
        out: &mut Findings,
    ) {
        let (code, detail) = if statement.time > self.options.latest_acceptable(at_unix) {
            (
                ReasonCode::TimeInFuture,
                format!(
                    "the event is dated {} seconds after the verification time",
                    statement.time.saturating_sub(at_unix)
                ),
            )
        } else {
            (
                ReasonCode::TimeNotInFuture,
                "the event is not dated in the future".to_owned(),
            )
        };
        out.add(
            about
                .finding(code, detail)
                .with_evidence("event_time", statement.time.to_string())
                .with_evidence("at", at_unix.to_string()),
        );
    }
}

/// What the findings about one statement carry: its subject and statement hash.
struct Statement<'a> {
    subject: Option<String>,
    hash: &'a str,
}

impl Statement<'_> {
    fn finding(&self, code: ReasonCode, detail: String) -> Finding {
        Finding::new(code, detail)
            .with_subject(self.subject.clone())
            .with_evidence("statement_hash", self.hash)
    }
}

/// The issuer may attest robots of the subject's manufacturer.
fn check_scope(
    about: &Statement<'_>,
    participant: &Participant,
    statement: &Attestation,
    out: &mut Findings,
) {
    let manufacturer = statement.subject.manufacturer();
    let (code, may) = if participant.in_scope(manufacturer) {
        (ReasonCode::ScopeWithin, "may")
    } else {
        (ReasonCode::ScopeOutside, "may not")
    };
    out.add(
        about
            .finding(
                code,
                format!(
                    "{} {may} attest robots of manufacturer {manufacturer}",
                    participant.id
                ),
            )
            .with_evidence("manufacturer", manufacturer),
    );
}

fn verified(statement: Attestation, hash: String, who: &Authenticated<'_>) -> VerifiedAttestation {
    VerifiedAttestation {
        participant: who.participant.id.clone(),
        statement,
        statement_hash: hash,
        key_id: who.key_id().clone(),
    }
}
