//! The authentication step: the one routine that decides whether a signed document comes from a
//! participant of the trust list who could sign it at the time it claims. Attestations, recall
//! notices and passports all pass through it, and add only their own rules on top.
//!
//! It runs in two halves, because a payload is parsed only after its signature verified:
//! 1. [`Verifier::authenticate`]: the trust list's standing at the verification time
//!    (`trust_list.*`), the document's form (its format's own finding), the candidate keys named
//!    by the signatures' hints (`signer.unknown`), the signature (`signature.invalid` /
//!    `signature.valid`). It returns [`Signed`]: the verified bytes and the keys that signed
//!    them.
//! 2. [`Signed::attribute`], once the caller has parsed the payload: the claimed issuer owns a key
//!    that signed (`signer.issuer_mismatch` / `signer.known`; documents that name no issuer skip
//!    this), and that key was valid at the claimed time, by the key rule of
//!    [`KeyStatus`](crate::trust::KeyStatus) (`key.*`, with `key.compromised_later` as a
//!    warning). It returns [`Authenticated`].

use crate::envelope::{EnvelopeError, SignatureCache, SignedPayload};
use crate::keys::KeyId;
use crate::reason::ReasonCode;
use crate::report::{Finding, Findings};
use crate::trust::{KeyStatus, Participant, ParticipantKey, Role};

use super::Verifier;

/// A signed document as its format presents it, ready to be authenticated.
#[derive(Debug, Clone)]
pub(crate) struct Document<'a> {
    /// The signed bytes and the signatures.
    pub(crate) signed: SignedPayload<'a>,
    /// The format's finding that the document is well-formed, if the format reports one.
    pub(crate) well_formed: Option<Finding>,
    /// Only keys of participants with this role may have signed it (passports: the registry).
    pub(crate) signer_role: Option<Role>,
    /// The document's subject, for the findings.
    pub(crate) subject: Option<String>,
}

/// A participant's key, with its owner.
type OwnedKey<'v> = (&'v Participant, &'v ParticipantKey);

/// A document whose signature verified under keys of the trust list. Its payload may now be
/// parsed; then [`Signed::attribute`] finishes the authentication.
#[derive(Debug)]
pub(crate) struct Signed<'v> {
    /// The participants' keys that verified, each with its owner.
    signers: Vec<OwnedKey<'v>>,
    statement_hash: String,
}

/// What the claimed issuer and time are, once the payload is parsed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Claim<'a> {
    /// The participant the document names as its issuer; `None` when the document names none
    /// (a passport: whoever of the permitted role signed it).
    pub(crate) issuer: Option<&'a str>,
    /// The time the document claims it was signed.
    pub(crate) time: i64,
}

/// A document authenticated: who signed it with which key, and how that key stood at the
/// claimed time (a key that was not valid then left a failure in the findings).
#[derive(Debug, Clone)]
pub(crate) struct Authenticated<'v> {
    pub(crate) participant: &'v Participant,
    pub(crate) key: &'v ParticipantKey,
    pub(crate) key_status: KeyStatus,
}

impl Authenticated<'_> {
    /// The key ID of the key that was judged.
    pub(crate) fn key_id(&self) -> &KeyId {
        self.key.public_key.key_id()
    }
}

impl Verifier {
    /// The first half of the authentication step (see the module documentation): every finding
    /// goes to `out`; `None` when the document's form, its signer or its signature failed.
    pub(crate) fn authenticate<'v>(
        &'v self,
        document: Result<Document<'_>, Finding>,
        at_unix: i64,
        cache: Option<&SignatureCache>,
        out: &mut Findings,
    ) -> Option<Signed<'v>> {
        out.add(self.trust_list().standing(at_unix, &self.options));
        let document = match document {
            Ok(d) => d,
            Err(f) => {
                out.add(f);
                return None;
            }
        };
        if let Some(f) = document.well_formed.clone() {
            out.add(f);
        }
        let candidates = self.candidates(&document.signed, document.signer_role);
        if candidates.is_empty() {
            out.add(unknown_signer(&document, self.trust_list().version()));
            return None;
        }
        match verify_signature(&document, &candidates, cache) {
            Ok((signers, statement_hash)) => {
                out.add(signature_valid(&document, &signers, &statement_hash));
                Some(Signed {
                    signers,
                    statement_hash,
                })
            }
            Err(e) => {
                out.add(
                    Finding::new(e.reason(), e.to_string())
                        .with_subject(document.subject.clone())
                        .with_evidence("key_id", hints(&document)),
                );
                None
            }
        }
    }

    /// Every trust-list key that a signature's hint names (of `role`, when given), each once,
    /// with its owner.
    pub(crate) fn candidates(
        &self,
        signed: &SignedPayload<'_>,
        role: Option<Role>,
    ) -> Vec<OwnedKey<'_>> {
        let mut candidates: Vec<OwnedKey<'_>> = Vec::new();
        for (hint, _) in &signed.signatures {
            for (p, k) in self.trust_list().keys_hinted(hint) {
                let permitted = role.is_none_or(|r| p.roles.contains(&r));
                if permitted && !candidates.iter().any(|(_, c)| c.public_key == k.public_key) {
                    candidates.push((p, k));
                }
            }
        }
        candidates
    }
}

fn hints(document: &Document<'_>) -> String {
    let hints: Vec<String> = document
        .signed
        .signatures
        .iter()
        .map(|(h, _)| h.to_text())
        .collect();
    hints.join(",")
}

fn unknown_signer(document: &Document<'_>, list_version: u64) -> Finding {
    let whose = match document.signer_role {
        Some(role) => format!("no {role} key of the trust list"),
        None => "no key of the trust list".to_owned(),
    };
    Finding::new(
        ReasonCode::SignerUnknown,
        format!("{whose} matches the signatures' key hints"),
    )
    .with_subject(document.subject.clone())
    .with_evidence("key_id", hints(document))
    .with_evidence("trust_list_version", list_version.to_string())
}

/// Strict Ed25519 over the PAE with the candidate keys: the distinct keys that verified, with
/// their owners, and the statement hash.
fn verify_signature<'v>(
    document: &Document<'_>,
    candidates: &[OwnedKey<'v>],
    cache: Option<&SignatureCache>,
) -> Result<(Vec<OwnedKey<'v>>, String), EnvelopeError> {
    let keys = candidates.iter().map(|(_, k)| &k.public_key);
    let (verified, hash) = document.signed.signers(keys, cache)?;
    let signers = candidates
        .iter()
        .filter(|(_, k)| verified.contains(&&k.public_key))
        .copied()
        .collect();
    Ok((signers, hex::encode(hash)))
}

fn signature_valid(
    document: &Document<'_>,
    signers: &[OwnedKey<'_>],
    statement_hash: &str,
) -> Finding {
    let ids: Vec<&str> = signers
        .iter()
        .map(|(_, k)| k.public_key.key_id().as_str())
        .collect();
    Finding::new(
        ReasonCode::SignatureValid,
        "the signature verifies (strict Ed25519) with a key of the trust list",
    )
    .with_subject(document.subject.clone())
    .with_evidence("key_id", ids.join(","))
    .with_evidence("statement_hash", statement_hash)
}

impl<'v> Signed<'v> {
    /// SHA-256 of the signed PAE, lowercase hex.
    pub(crate) fn statement_hash(&self) -> &str {
        &self.statement_hash
    }

    /// The second half of the authentication step (see the module documentation). `finding`
    /// builds a finding with the document's own context (subject, statement hash, IDs). `None`
    /// when the claimed issuer signed nothing; otherwise who signed with which key, and the key's
    /// status at the claimed time (its findings are in `out`).
    pub(crate) fn attribute(
        self,
        claim: Claim<'_>,
        finding: &dyn Fn(ReasonCode, String) -> Finding,
        out: &mut Findings,
    ) -> Option<Authenticated<'v>> {
        let participant = self.issuer(claim, finding, out)?;
        let keys = self
            .signers
            .iter()
            .filter(|(p, _)| p.id == participant.id)
            .map(|(_, k)| *k);
        let (key, key_status) = ParticipantKey::best_at(keys, claim.time)?;
        key_findings(key, key_status, claim.time, finding, out);
        Some(Authenticated {
            participant,
            key,
            key_status,
        })
    }

    /// The claimed issuer, when one of its keys signed; the first signer when none is claimed.
    fn issuer(
        &self,
        claim: Claim<'_>,
        finding: &dyn Fn(ReasonCode, String) -> Finding,
        out: &mut Findings,
    ) -> Option<&'v Participant> {
        let Some(issuer) = claim.issuer else {
            return self.signers.first().map(|(p, _)| *p);
        };
        if let Some((p, _)) = self.signers.iter().find(|(p, _)| p.id == issuer) {
            out.add(
                finding(
                    ReasonCode::SignerKnown,
                    format!("signed by {} ({})", p.name, p.id),
                )
                .with_evidence("participant", p.id.clone()),
            );
            return Some(p);
        }
        let owners: Vec<&str> = self.signers.iter().map(|(p, _)| p.id.as_str()).collect();
        out.add(
            finding(
                ReasonCode::SignerIssuerMismatch,
                format!(
                    "the document names {issuer:?} as issuer, but was signed by {}",
                    owners.join(", ")
                ),
            )
            .with_evidence("issuer", issuer)
            .with_evidence("participant", owners.join(",")),
        );
        None
    }
}

/// The findings of the key rule for the key that signed.
fn key_findings(
    key: &ParticipantKey,
    status: KeyStatus,
    time: i64,
    finding: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) {
    let with_key = |code: ReasonCode, detail: String| {
        let f = finding(code, detail)
            .with_evidence("key_id", key.public_key.key_id().to_string())
            .with_evidence("event_time", time.to_string())
            .with_evidence("valid_from", key.valid_from.to_string())
            .with_evidence("valid_until", key.valid_until.to_string());
        match key.compromised_since {
            Some(c) => f.with_evidence("compromised_since", c.to_string()),
            None => f,
        }
    };
    let valid = "the key was valid at the time the document claims".to_owned();
    match status {
        KeyStatus::Valid => out.add(with_key(ReasonCode::KeyValid, valid)),
        KeyStatus::ValidCompromisedLater(since) => {
            out.add(with_key(ReasonCode::KeyValid, valid));
            out.add(with_key(
                ReasonCode::KeyCompromisedLater,
                format!("the key was reported compromised from {since}, after that time"),
            ));
        }
        KeyStatus::NotYetValid => out.add(with_key(
            status.reason(),
            format!("the key is valid from {}, after that time", key.valid_from),
        )),
        KeyStatus::Expired => out.add(with_key(
            status.reason(),
            format!(
                "the key stopped being valid at {}, before that time",
                key.valid_until
            ),
        )),
        KeyStatus::Compromised(since) => out.add(with_key(
            status.reason(),
            format!("the key was reported compromised from {since}, before that time"),
        )),
    }
}
