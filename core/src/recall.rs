//! Recall notices: signed by a manufacturer (for its own robots) or a regulator, naming a
//! population of robots, a defect and a remedy.
//!
//! The notice is the JSON payload of a DSSE envelope of type
//! `application/vnd.hrid.recall.v1+json` (see `docs/histories.md`, section 3):
//!
//! ```json
//! {"recall_id":"R-2026-0001","issuer":"acme","issued_at":1767225600,
//!  "population":{"manufacturer":"0042","models":["A3W0F5"],"unit_ranges":[{"first":"0000000010000","last":"0000000019999"}],"codes":[]},
//!  "defect":"knee actuator may overheat","remedy":"replace the knee actuator firmware"}
//! ```

use serde::{Deserialize, Serialize};

use crate::code::IdentityCode;
use crate::envelope::{Envelope, PayloadType};
use crate::keys::SigningKey;
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings};
use crate::trust::{Participant, Role};
use crate::verify::{Claim, Document, Verifier};

/// Which robots a recall covers.
///
/// A code is covered when it is listed in `codes`, or when `manufacturer` is set, equals the
/// code's manufacturer field, and the code's model is in `models` (empty: every model) and its
/// unit number is in one of `unit_ranges` (empty: every unit).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct RecallPopulation {
    /// The manufacturer field (4 characters), or `null` when only `codes` are recalled.
    #[serde(deserialize_with = "nullable")]
    pub manufacturer: Option<String>,
    /// Model fields (6 characters each); empty: every model of the manufacturer.
    pub models: Vec<String>,
    /// Inclusive ranges of unit numbers (13 characters each); empty: every unit.
    pub unit_ranges: Vec<UnitRange>,
    /// Identity codes recalled individually (canonical form).
    pub codes: Vec<String>,
}

/// An inclusive range of unit numbers, compared symbol by symbol in the code alphabet (which
/// sorts like ASCII).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct UnitRange {
    /// The first unit number (13 characters).
    pub first: String,
    /// The last unit number (13 characters), not below `first`.
    pub last: String,
}

/// A recall notice. Build one, [`sign`](RecallNotice::sign) it, publish the envelope.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct RecallNotice {
    /// The recall's ID: 1 to 64 printable ASCII characters; `recall_remedied` names it.
    pub recall_id: String,
    /// The issuing participant (a manufacturer or a regulator).
    pub issuer: String,
    /// When the recall was issued, unix seconds.
    pub issued_at: i64,
    /// Which robots.
    pub population: RecallPopulation,
    /// What is wrong, for people.
    pub defect: String,
    /// What must be done, for people.
    pub remedy: String,
}

/// A recall notice that does not parse or breaks a rule: what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRecall(pub String);

impl InvalidRecall {
    /// Always `recall.malformed`.
    #[must_use]
    pub const fn code(&self) -> ReasonCode {
        ReasonCode::RecallMalformed
    }
}

impl core::fmt::Display for InvalidRecall {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "malformed recall notice: {}", self.0)
    }
}

impl std::error::Error for InvalidRecall {}

fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)
}

fn is_symbols(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| crate::code::ALPHABET.as_bytes().contains(&b))
}

impl RecallNotice {
    /// The notice as signed: compact JSON, fields in declaration order.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parse a notice from JSON text (strict: duplicate keys, unknown fields, depth beyond
    /// `limits.max_depth`) and check its rules ([`RecallNotice::validate`]), exactly as
    /// verifiers parse a signed one.
    ///
    /// # Errors
    /// [`InvalidRecall`] saying what is wrong (reported as `recall.malformed`).
    pub fn from_json(json: &[u8], limits: &crate::json::Limits) -> Result<Self, InvalidRecall> {
        crate::json::check(json, usize::MAX, limits.max_depth)
            .map_err(|e| e.to_string())
            .and_then(|()| serde_json::from_slice(json).map_err(|e| e.to_string()))
            .and_then(|n: RecallNotice| n.validate().map(|()| n))
            .map_err(InvalidRecall)
    }

    /// Sign into an envelope of type `application/vnd.hrid.recall.v1+json`.
    #[must_use]
    pub fn sign(&self, keys: &[&SigningKey]) -> Envelope {
        Envelope::sign(PayloadType::Recall, &self.to_json(), keys)
    }

    /// Check the format rules types do not express.
    ///
    /// # Errors
    /// A description of the first rule broken (reported as `recall.malformed`).
    pub fn validate(&self) -> Result<(), String> {
        let id_ok = (1..=64).contains(&self.recall_id.len())
            && self.recall_id.bytes().all(|b| (0x21..0x7f).contains(&b));
        if !id_ok {
            return Err("recall_id must be 1 to 64 printable ASCII characters".into());
        }
        let p = &self.population;
        match &p.manufacturer {
            Some(m) if !is_symbols(m, 4) => {
                return Err("population.manufacturer must be 4 code characters".into())
            }
            None if !p.models.is_empty() || !p.unit_ranges.is_empty() => {
                return Err("models and unit_ranges need a manufacturer".into())
            }
            None if p.codes.is_empty() => {
                return Err("the population is empty: name a manufacturer or codes".into())
            }
            _ => {}
        }
        if !p.models.iter().all(|m| is_symbols(m, 6)) {
            return Err("population.models must be 6 code characters each".into());
        }
        for r in &p.unit_ranges {
            if !is_symbols(&r.first, 13) || !is_symbols(&r.last, 13) || r.first > r.last {
                return Err("a unit range is two 13-character unit numbers, first <= last".into());
            }
        }
        for c in &p.codes {
            match IdentityCode::parse(c) {
                Ok(code) if code.as_str() == c => {}
                _ => return Err(format!("population.codes: {c:?} is not a canonical code")),
            }
        }
        Ok(())
    }

    /// True when the recall covers `code`.
    #[must_use]
    pub fn covers(&self, code: &IdentityCode) -> bool {
        let p = &self.population;
        if p.codes.iter().any(|c| c == code.as_str()) {
            return true;
        }
        let Some(m) = &p.manufacturer else {
            return false;
        };
        m == code.manufacturer()
            && (p.models.is_empty() || p.models.iter().any(|x| x == code.model()))
            && (p.unit_ranges.is_empty()
                || p.unit_ranges
                    .iter()
                    .any(|r| r.first.as_str() <= code.unit() && code.unit() <= r.last.as_str()))
    }

    /// The manufacturer fields the notice touches: its `manufacturer` and those of its `codes`.
    fn manufacturers(&self) -> Vec<String> {
        let mut out: Vec<String> = self.population.manufacturer.iter().cloned().collect();
        for c in &self.population.codes {
            if let Some(m) = c.get(2..6) {
                out.push(m.to_owned());
            }
        }
        out
    }
}

/// A recall notice whose signature, issuer, role and scope verified. Only [`verify_recall`]
/// builds one.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VerifiedRecall {
    notice: RecallNotice,
    statement_hash: String,
    #[serde(skip)]
    key_id: Option<crate::keys::KeyId>,
}

impl VerifiedRecall {
    /// The notice.
    #[must_use]
    pub fn notice(&self) -> &RecallNotice {
        &self.notice
    }

    /// SHA-256 of the signed PAE, lowercase hex.
    #[must_use]
    pub fn statement_hash(&self) -> &str {
        &self.statement_hash
    }

    /// The ID of the issuer's key that signed the notice.
    #[must_use]
    pub fn key_id(&self) -> Option<&crate::keys::KeyId> {
        self.key_id.as_ref()
    }
}

report! {
    /// The outcome of verifying one recall notice: the [`Findings`] (which the report dereferences
    /// to) and the notice.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct RecallReport {
        /// The notice, when accepted.
        pub recall: Option<VerifiedRecall>,
    }
}

/// Verify a recall-notice envelope (JSON bytes) with the verifier's trust list at `at_unix`.
///
/// Checks: the authentication step (trust-list standing; envelope within
/// `max_envelope_bytes`, payload type `recall`; a trusted key's signature), the notice's shape
/// and rules (`recall.malformed`), the issuer owns the key (`signer.issuer_mismatch`), the key
/// is valid at `issued_at` (`key.*`, `key.compromised_later`), the issuer is a regulator or a
/// manufacturer (`recall.issuer_not_permitted`), a manufacturer recalls only robots of its scope
/// (`recall.scope_outside`), `issued_at` is not in the future (`time.in_future`).
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_recall(verifier: &Verifier, envelope_json: &[u8], at_unix: i64) -> RecallReport {
    let (findings, recall) =
        Findings::keep_if_accepted(|out| check_recall(verifier, envelope_json, at_unix, out));
    RecallReport { findings, recall }
}

fn check_recall(
    verifier: &Verifier,
    envelope_json: &[u8],
    at_unix: i64,
    out: &mut Findings,
) -> Option<VerifiedRecall> {
    let limits = &verifier.options().limits;
    let envelope = Envelope::from_json(envelope_json, limits.max_envelope_bytes, limits)
        .and_then(|e| e.expect_type(PayloadType::Recall).map(|()| e));
    let document = envelope
        .as_ref()
        .map(|e| Document {
            signed: e.signed_payload(),
            well_formed: Some(Finding::new(
                ReasonCode::EnvelopeWellFormed,
                "the envelope is well-formed and holds a recall notice",
            )),
            signer_role: None,
            subject: None,
        })
        .map_err(|e| Finding::new(e.reason(), e.to_string()));
    let signed = verifier.authenticate(document, at_unix, None, out)?;
    let hash = signed.statement_hash().to_owned();
    let payload = envelope.as_ref().ok()?.signed_payload().payload;
    let notice = match RecallNotice::from_json(payload, limits) {
        Ok(n) => n,
        Err(InvalidRecall(detail)) => {
            out.add(
                Finding::new(ReasonCode::RecallMalformed, detail)
                    .with_evidence("statement_hash", hash),
            );
            return None;
        }
    };
    let f = |code: ReasonCode, detail: String| {
        Finding::new(code, detail)
            .with_evidence("statement_hash", hash.clone())
            .with_evidence("recall_id", notice.recall_id.clone())
    };
    let claim = Claim {
        issuer: Some(&notice.issuer),
        time: notice.issued_at,
    };
    let who = signed.attribute(claim, &f, out)?;
    let issuer = who.participant;
    let mut ok = who.key_status.is_valid();
    ok &= check_issuer(&notice, issuer, &f, out);
    if notice.issued_at > verifier.options().latest_acceptable(at_unix) {
        ok = false;
        out.add(f(
            ReasonCode::TimeInFuture,
            "the recall notice is dated in the future".into(),
        ));
    }
    if ok {
        out.add(
            f(
                ReasonCode::RecallValid,
                format!("recall {} issued by {}", notice.recall_id, issuer.id),
            )
            .with_evidence("participant", issuer.id.clone()),
        );
    }
    Some(VerifiedRecall {
        key_id: Some(who.key_id().clone()),
        notice,
        statement_hash: hash,
    })
}

/// A regulator may recall any robot; a manufacturer only robots of its scope; nobody else.
fn check_issuer(
    notice: &RecallNotice,
    issuer: &Participant,
    f: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) -> bool {
    let is_regulator = issuer.roles.contains(&Role::Regulator);
    let is_manufacturer = issuer.roles.contains(&Role::Manufacturer);
    if !is_regulator && !is_manufacturer {
        out.add(f(
            ReasonCode::RecallIssuerNotPermitted,
            format!("{} is neither a manufacturer nor a regulator", issuer.id),
        ));
        return false;
    }
    if is_regulator {
        return true;
    }
    let outside: Vec<String> = notice
        .manufacturers()
        .into_iter()
        .filter(|m| !issuer.in_scope(m))
        .collect();
    if outside.is_empty() {
        return true;
    }
    out.add(
        f(
            ReasonCode::RecallScopeOutside,
            format!(
                "{} may not recall robots of manufacturer {}",
                issuer.id,
                outside.join(", ")
            ),
        )
        .with_evidence("manufacturer", outside.join(",")),
    );
    false
}

/// Where one recall stands for one robot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecallStatus {
    /// The recall's ID.
    pub recall_id: String,
    /// Who issued it.
    pub issuer: String,
    /// When.
    pub issued_at: i64,
    /// The defect.
    pub defect: String,
    /// The remedy.
    pub remedy: String,
    /// `open` or `remedied`.
    pub state: RecallState,
    /// When the remedy was attested (for `remedied`).
    pub remedied_at: Option<i64>,
}

impl RecallStatus {
    /// Where `notice` stands for a robot whose remedy (if any) was attested at `remedied_at`.
    #[must_use]
    pub fn at(notice: &RecallNotice, remedied_at: Option<i64>) -> RecallStatus {
        RecallStatus {
            recall_id: notice.recall_id.clone(),
            issuer: notice.issuer.clone(),
            issued_at: notice.issued_at,
            defect: notice.defect.clone(),
            remedy: notice.remedy.clone(),
            state: if remedied_at.is_some() {
                RecallState::Remedied
            } else {
                RecallState::Open
            },
            remedied_at,
        }
    }
}

/// Whether a recall is still open for a robot.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RecallState {
    /// No remedy attested at or after the notice.
    Open,
    /// A `recall_remedied` statement at or after the notice closed it.
    Remedied,
}
