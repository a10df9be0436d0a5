//! Per-robot histories: a bundle of signed attestations and recall notices, verified as one chain.
//!
//! A **history bundle** is one JSON document about one robot (see `docs/histories.md`):
//!
//! ```json
//! {"subject":"860042A3W0F50000000012345ZAR2","attestations":[ENVELOPE, ...],"recalls":[ENVELOPE, ...],"passport":"HP1:..."}
//! ```
//!
//! [`verify_history`] verifies every attestation with the [`Verifier`] (only statements whose
//! signature and trust checks passed are evaluated), then the chain (`seq` from 0 without gaps,
//! `prev` links, forks, time order), the lifecycle rules, the recall notices, and summarises the
//! robot's health. [`decide_access`] turns a passport and/or a history into a market-access
//! decision; [`audit`] verifies many histories at once and looks across robots.
//!
//! ```
//! use hrid::attestation::{Attestation, Component, ComponentKind, LifecycleEvent};
//! use hrid::history::{verify_history, HistoryBundle, HistoryOptions, LifecycleStatus};
//! use hrid::keys::SigningKey;
//! use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
//! use hrid::verify::{Verdict, Verifier, VerifyOptions};
//!
//! let (root, maker, registry) = (SigningKey::from_seed([1; 32]), SigningKey::from_seed([2; 32]), SigningKey::from_seed([3; 32]));
//! let key = |k: &SigningKey| ParticipantKey { public_key: k.verifying_key(), valid_from: 0, valid_until: 4_000_000_000, compromised_since: None };
//! let list = TrustList {
//!     version: 1, issued_at: 1_767_225_600, expires_at: 1_798_761_600,
//!     roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
//!     participants: vec![
//!         Participant { id: "acme".into(), name: "ACME".into(), roles: vec![Role::Manufacturer],
//!             scope: Some(Scope { manufacturers: vec!["0042".into()] }), keys: vec![key(&maker)] },
//!         Participant { id: "registry".into(), name: "Registry".into(), roles: vec![Role::Registry],
//!             scope: None, keys: vec![key(&registry)] },
//!     ],
//!     permissions: TrustList::default_permissions(),
//! };
//! let now = 1_767_300_000;
//! let anchor = TrustAnchor::new(vec![root.verifying_key()], 1)?;
//! let verified = TrustList::verify(&list.sign(&[&root]).to_json(), &anchor, 0, now, &VerifyOptions::default())?;
//! let verifier = Verifier::new(verified, VerifyOptions::default());
//!
//! let subject: hrid::code::IdentityCode = "860042A3W0F50000000012345ZAR2".parse()?;
//! let made = Attestation { subject: subject.clone(), seq: 0, prev: None, time: now - 100, issuer: "acme".into(),
//!     event: LifecycleEvent::Manufactured { model: "A3".into(), production_date: now - 100, firmware: "1.0".into(),
//!         components: vec![Component { kind: ComponentKind::Actuator, serial: "ACT-1".into() }] } };
//! let first = made.sign(&[&maker]);
//! let registered = Attestation { subject: subject.clone(), seq: 1, prev: Some(first.statement_hash()), time: now - 50,
//!     issuer: "registry".into(), event: LifecycleEvent::Registered {} };
//! let bundle = HistoryBundle { subject, attestations: vec![first, registered.sign(&[&registry])], recalls: vec![], passport: None };
//! let report = verify_history(&verifier, &bundle.to_json(), now, &HistoryOptions::default());
//! assert_eq!(report.verdict, Verdict::Accepted);
//! assert_eq!(report.health.unwrap().status, LifecycleStatus::Active); // ok: doctest
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod access;
mod audit;
mod custody;
mod health;
mod recall;
mod rules;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use access::{decide_access, AccessDecision, Decision, Evidence, Policy};
pub use audit::{audit, AuditReport, AuditedRobot};
pub use custody::{
    custody, CustodyReport, Maintenance, Manufacture, Operation, Owner, Proof, RecallAtMoment,
    Software, StatusAtMoment, TelemetryAtMoment,
};
pub use health::{Deployment, HealthSummary, LifecycleStatus, SoftwareState};
pub use recall::{
    verify_recall, InvalidRecall, RecallNotice, RecallPopulation, RecallReport, RecallState,
    RecallStatus, UnitRange, VerifiedRecall,
};

use crate::code::IdentityCode;
use crate::envelope::{Envelope, EnvelopeError, SignatureCache};
use crate::json::JsonError;
#[cfg(feature = "batch")]
use crate::keys::VerifyingKey;
use crate::reason::{ReasonCode, Severity};
use crate::trust::ParticipantKey;
use crate::verify::{Finding, Verdict, VerifiedAttestation, Verifier};

/// How to verify histories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryOptions {
    /// Verify the signatures of a bundle (or of a whole audit) together with
    /// `batch::verify_batch`, whose verdicts equal strict single verification (feature `batch`,
    /// default; without it this option has no effect: the same reports). Default `false`: the
    /// torsion check that makes the batch equal to strict verification costs about what the
    /// batch saves (see `docs/benchmarks.md`).
    pub batch: bool,
}

impl HistoryOptions {
    /// The defaults: batch verification off (reports are identical either way).
    pub const DEFAULT: HistoryOptions = HistoryOptions { batch: false };
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions::DEFAULT
    }
}

/// A history bundle to write: the envelopes in chain order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryBundle {
    /// The robot.
    pub subject: IdentityCode,
    /// Attestation envelopes, in chain order.
    pub attestations: Vec<Envelope>,
    /// Recall-notice envelopes.
    pub recalls: Vec<Envelope>,
    /// The robot's latest passport text (`HP1:...`), if any.
    pub passport: Option<String>,
}

impl HistoryBundle {
    /// The bundle as compact JSON: `subject`, `attestations`, `recalls`, `passport` (`null` when
    /// absent), each envelope as [`Envelope::to_json`] writes it.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"{\"subject\":\"");
        out.extend_from_slice(self.subject.as_str().as_bytes());
        out.extend_from_slice(b"\",\"attestations\":[");
        join(&mut out, &self.attestations);
        out.extend_from_slice(b"],\"recalls\":[");
        join(&mut out, &self.recalls);
        out.extend_from_slice(b"],\"passport\":");
        match &self.passport {
            Some(p) => out.extend_from_slice(
                serde_json::to_string(p)
                    .unwrap_or_else(|_| "null".into())
                    .as_bytes(),
            ),
            None => out.extend_from_slice(b"null"),
        }
        out.push(b'}');
        out
    }
}

fn join(out: &mut Vec<u8>, envelopes: &[Envelope]) {
    for (i, e) in envelopes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&e.to_json());
    }
}

/// The head of a chain: the last statement's `seq` and statement hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    /// The last statement's `seq`.
    pub seq: u64,
    /// Its statement hash (64 lowercase hex digits).
    pub statement_hash: String,
}

/// What [`verify_history`] returns: a verdict, findings, and what was learnt about the robot.
///
/// `health` and `recalls` are computed from the statements that verified and lie on the chain;
/// rely on them only when the verdict is `accepted`.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryReport {
    /// The bundle's subject, when readable.
    pub subject: Option<String>,
    /// The outcome (same rules as [`VerificationReport`](crate::verify::VerificationReport)).
    pub verdict: Verdict,
    /// Failed or incomplete checks.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// Attestations in the bundle.
    pub events: usize,
    /// Attestations that verified.
    pub events_verified: usize,
    /// The chain's head.
    pub head: Option<ChainHead>,
    /// The robot's state.
    pub health: Option<HealthSummary>,
    /// The recalls that cover the robot.
    pub recalls: Vec<RecallStatus>,
    /// The passport text found in the bundle (not verified here).
    pub passport: Option<String>,
    #[serde(skip)]
    chain: Vec<VerifiedAttestation>,
    #[serde(skip)]
    recall_notices: Vec<VerifiedRecall>,
}

impl HistoryReport {
    /// The verified statements on the chain, in order.
    #[must_use]
    pub fn chain(&self) -> &[VerifiedAttestation] {
        &self.chain
    }

    /// The verified recall notices that cover the robot, in bundle order (one per entry of
    /// `recalls`).
    #[must_use]
    pub fn recall_notices(&self) -> &[VerifiedRecall] {
        &self.recall_notices
    }

    /// Every finding's code: failures, then warnings, then passed.
    #[must_use]
    pub fn codes(&self) -> Vec<ReasonCode> {
        self.failures
            .iter()
            .chain(&self.warnings)
            .chain(&self.passed)
            .map(|f| f.code)
            .collect()
    }

    /// True when some finding has this code.
    #[must_use]
    pub fn has(&self, code: ReasonCode) -> bool {
        self.codes().contains(&code)
    }

    /// The report as JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Verify one history bundle (JSON bytes) at `at_unix`.
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_history(
    verifier: &Verifier,
    bundle_json: &[u8],
    at_unix: i64,
    options: &HistoryOptions,
) -> HistoryReport {
    let prepared = prepare(verifier, bundle_json);
    let cache = if options.batch {
        Some(batch_cache(verifier, std::slice::from_ref(&prepared)))
    } else {
        None
    };
    evaluate(verifier, prepared, at_unix, cache.as_ref())
}

/// A bundle read, its envelopes parsed, nothing verified yet.
pub(crate) struct Prepared {
    subject: Option<IdentityCode>,
    findings: Vec<Finding>,
    envelopes: Vec<Result<Envelope, EnvelopeError>>,
    recalls: Vec<Vec<u8>>,
    passport: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleWire<'a> {
    subject: String,
    #[serde(borrow)]
    attestations: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    recalls: Vec<&'a RawValue>,
    #[serde(default)]
    passport: Option<String>,
}

pub(crate) fn prepare(verifier: &Verifier, bundle_json: &[u8]) -> Prepared {
    let limits = &verifier.options().limits;
    let mut p = Prepared {
        subject: None,
        findings: Vec::new(),
        envelopes: Vec::new(),
        recalls: Vec::new(),
        passport: None,
    };
    if let Err(e) = crate::json::check(bundle_json, limits.max_history_bytes, limits.max_depth) {
        let code = match e {
            JsonError::TooLarge { .. } => ReasonCode::HistoryTooLarge,
            _ => ReasonCode::HistoryMalformed,
        };
        p.findings.push(Finding::new(code, e.to_string()));
        return p;
    }
    let wire: BundleWire<'_> = match serde_json::from_slice(bundle_json) {
        Ok(w) => w,
        Err(e) => {
            p.findings.push(Finding::new(
                ReasonCode::HistoryMalformed,
                format!("not a history bundle: {e}"),
            ));
            return p;
        }
    };
    if wire.attestations.len() > limits.max_history_events
        || wire.recalls.len() > limits.max_recall_notices
    {
        p.findings.push(
            Finding::new(
                ReasonCode::HistoryTooManyEvents,
                format!(
                    "{} attestations and {} recall notices; the limits are {} and {}",
                    wire.attestations.len(),
                    wire.recalls.len(),
                    limits.max_history_events,
                    limits.max_recall_notices
                ),
            )
            .with_evidence("events", wire.attestations.len().to_string()),
        );
        return p;
    }
    match IdentityCode::parse(&wire.subject) {
        Ok(c) if c.as_str() == wire.subject => p.subject = Some(c),
        _ => {
            p.findings.push(Finding::new(
                ReasonCode::HistorySubjectInvalid,
                format!(
                    "the subject {:?} is not a valid identity code in canonical form",
                    wire.subject.chars().take(64).collect::<String>()
                ),
            ));
            return p;
        }
    }
    let subject = p.subject.as_ref().map(|c| c.to_string());
    p.findings.push(
        Finding::new(
            ReasonCode::HistoryWellFormed,
            format!(
                "a history of {} attestations and {} recall notices",
                wire.attestations.len(),
                wire.recalls.len()
            ),
        )
        .with_subject(subject.clone()),
    );
    if wire.attestations.is_empty() {
        p.findings.push(
            Finding::new(ReasonCode::HistoryEmpty, "the history holds no attestation")
                .with_subject(subject),
        );
    }
    p.envelopes = wire
        .attestations
        .iter()
        .map(|raw| verifier.read_envelope(raw.get().as_bytes()))
        .collect();
    p.recalls = wire
        .recalls
        .iter()
        .map(|raw| raw.get().as_bytes().to_vec())
        .collect();
    p.passport = wire.passport;
    p
}

/// Without the `batch` feature there is no batch: an empty cache, so every signature is verified
/// on its own when the chain is evaluated (the same reports).
#[cfg(not(feature = "batch"))]
pub(crate) fn batch_cache(_verifier: &Verifier, _prepared: &[Prepared]) -> SignatureCache {
    SignatureCache::default()
}

/// The signatures of prepared bundles, verified together; the valid ones in a cache.
#[cfg(feature = "batch")]
pub(crate) fn batch_cache(verifier: &Verifier, prepared: &[Prepared]) -> SignatureCache {
    struct Work {
        key: VerifyingKey,
        sig: [u8; 64],
        message: std::sync::Arc<Vec<u8>>,
        hash: [u8; 32],
    }
    let mut work: Vec<Work> = Vec::new();
    for p in prepared {
        for envelope in p.envelopes.iter().flatten() {
            let candidates = verifier.candidates(envelope);
            if candidates.is_empty() {
                continue;
            }
            let message = std::sync::Arc::new(envelope.pae());
            let hash: [u8; 32] = sha2::Digest::finalize(sha2::Digest::chain_update(
                <sha2::Sha256 as sha2::Digest>::new(),
                message.as_slice(),
            ))
            .into();
            for s in envelope.signatures() {
                for (_, k) in &candidates {
                    if crate::envelope::hint_matches(&s.keyid, k.public_key.key_id()) {
                        work.push(Work {
                            key: k.public_key.clone(),
                            sig: s.sig,
                            message: message.clone(),
                            hash,
                        });
                    }
                }
            }
        }
    }
    let run = |chunk: &[Work]| -> SignatureCache {
        let items: Vec<crate::batch::BatchItem<'_>> = chunk
            .iter()
            .map(|w| crate::batch::BatchItem {
                key: &w.key,
                message: w.message.as_slice(),
                signature: &w.sig,
            })
            .collect();
        let mut cache = SignatureCache::default();
        for (w, ok) in chunk.iter().zip(crate::batch::verify_batch(&items)) {
            if ok {
                cache.insert(&w.key, &w.sig, w.hash);
            }
        }
        cache
    };
    const CHUNK: usize = 256;
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        work.par_chunks(CHUNK)
            .map(run)
            .reduce(SignatureCache::default, |mut a, b| {
                a.extend(b);
                a
            })
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut cache = SignatureCache::default();
        for chunk in work.chunks(CHUNK) {
            cache.extend(run(chunk));
        }
        cache
    }
}

/// Verify the prepared bundle's statements and evaluate the chain, rules, recalls and health.
pub(crate) fn evaluate(
    verifier: &Verifier,
    prepared: Prepared,
    at_unix: i64,
    cache: Option<&SignatureCache>,
) -> HistoryReport {
    let Prepared {
        subject,
        mut findings,
        envelopes,
        recalls,
        passport,
    } = prepared;
    let events = envelopes.len();
    let Some(code) = subject else {
        return report(
            None,
            findings,
            events,
            0,
            Vec::new(),
            None,
            Vec::new(),
            None,
        );
    };
    let subject_str = Some(code.to_string());
    // 1. Every attestation through the Verifier; only accepted statements go on.
    let mut verified: Vec<VerifiedAttestation> = Vec::with_capacity(events);
    let mut all_ok = true;
    let mut list_finding: Option<Finding> = None;
    for (index, envelope) in envelopes.into_iter().enumerate() {
        let r = verifier.verify_envelope(envelope, at_unix, cache);
        let tag = |f: Finding| {
            let f = f.with_evidence("index", index.to_string());
            if f.subject.is_none() {
                f.with_subject(subject_str.clone())
            } else {
                f
            }
        };
        for f in r.failures.into_iter().chain(r.warnings) {
            if matches!(
                f.code,
                ReasonCode::TrustListExpired | ReasonCode::TrustListExpiredGrace
            ) {
                list_finding.get_or_insert(f);
                continue;
            }
            if f.code.severity() != Severity::Warning {
                all_ok = false;
            }
            findings.push(tag(f));
        }
        if let Some(s) = r.statement {
            verified.push(s);
        } else {
            all_ok = false;
        }
    }
    if let Some(f) = list_finding {
        findings.push(f);
    }
    let events_verified = verified.len();
    if all_ok && events > 0 {
        findings.push(
            Finding::new(
                ReasonCode::HistoryAttestationsVerified,
                format!("all {events} attestations verify"),
            )
            .with_subject(subject_str.clone())
            .with_evidence("events", events.to_string()),
        );
    }
    // 2. The chain and 3. the lifecycle rules, on verified statements only.
    let chain = rules::chain(&code, verified, &mut findings);
    rules::lifecycle(&code, &chain, verifier.trust_list(), &mut findings);
    // 4. Recalls.
    let mut statuses = Vec::new();
    let mut notices = Vec::new();
    for raw in &recalls {
        let r = verify_recall(verifier, raw, at_unix);
        let failed = r.verdict != Verdict::Accepted;
        for f in r.failures.into_iter().chain(r.warnings).chain(r.passed) {
            findings.push(f.with_subject(subject_str.clone()));
        }
        if failed {
            continue;
        }
        if let Some(v) = r.recall {
            if let Some(s) = rules::recall_status(&code, v.notice(), &chain, &mut findings) {
                statuses.push(s);
                notices.push(v);
            }
        }
    }
    rules::unknown_remedies(&code, &recalls_ids(&statuses), &chain, &mut findings);
    // 5. Health.
    let head = chain.last().map(|v| ChainHead {
        seq: v.attestation().seq,
        statement_hash: v.statement_hash().to_owned(),
    });
    let health = health::summarise(&code, &chain, &statuses, head.clone());
    report(
        subject_str,
        findings,
        events,
        events_verified,
        chain,
        head,
        statuses,
        passport,
    )
    .with_health(health)
    .with_recall_notices(notices)
}

fn recalls_ids(statuses: &[RecallStatus]) -> Vec<String> {
    statuses.iter().map(|s| s.recall_id.clone()).collect()
}

#[allow(clippy::too_many_arguments)]
fn report(
    subject: Option<String>,
    findings: Vec<Finding>,
    events: usize,
    events_verified: usize,
    chain: Vec<VerifiedAttestation>,
    head: Option<ChainHead>,
    recalls: Vec<RecallStatus>,
    passport: Option<String>,
) -> HistoryReport {
    let (verdict, failures, warnings, passed) = finish_findings(findings);
    HistoryReport {
        subject,
        verdict,
        failures,
        warnings,
        passed,
        events,
        events_verified,
        head,
        health: None,
        recalls,
        passport,
        chain,
        recall_notices: Vec::new(),
    }
}

impl HistoryReport {
    fn with_health(mut self, health: Option<HealthSummary>) -> HistoryReport {
        self.health = health;
        self
    }

    fn with_recall_notices(mut self, notices: Vec<VerifiedRecall>) -> HistoryReport {
        self.recall_notices = notices;
        self
    }
}

/// Sort findings into buckets and derive the verdict (failure > indeterminate > accepted).
pub(crate) fn finish_findings(
    findings: Vec<Finding>,
) -> (Verdict, Vec<Finding>, Vec<Finding>, Vec<Finding>) {
    let mut failures = Vec::new();
    let mut warnings = Vec::new();
    let mut passed = Vec::new();
    for f in findings {
        match f.code.severity() {
            Severity::Failure | Severity::Indeterminate => failures.push(f),
            Severity::Warning => warnings.push(f),
            Severity::Passed => passed.push(f),
        }
    }
    let verdict = if failures
        .iter()
        .any(|f: &Finding| f.code.severity() == Severity::Failure)
    {
        Verdict::Rejected
    } else if !failures.is_empty() {
        Verdict::Indeterminate
    } else {
        Verdict::Accepted
    };
    (verdict, failures, warnings, passed)
}

/// `None` when one of `keys` is valid at `time`; else the reason code of the first key's problem.
pub(crate) fn key_validity<'a>(
    keys: impl Iterator<Item = &'a ParticipantKey>,
    time: i64,
) -> Option<ReasonCode> {
    let mut first = None;
    for k in keys {
        let code = if k.compromised_since.is_some_and(|c| time >= c) {
            ReasonCode::KeyCompromised
        } else if time < k.valid_from {
            ReasonCode::KeyNotYetValid
        } else if time >= k.valid_until {
            ReasonCode::KeyExpired
        } else {
            return None;
        };
        first.get_or_insert(code);
    }
    first
}

/// Builds a robot's chain: each pushed event gets the next `seq` and the previous statement
/// hash as `prev`, and is signed at once. For issuers that keep a robot's history, and for tests
/// and demonstrations.
///
/// ```
/// use hrid::attestation::LifecycleEvent;
/// use hrid::history::ChainBuilder;
/// use hrid::keys::SigningKey;
///
/// let registry = SigningKey::from_seed([3; 32]);
/// let mut chain = ChainBuilder::new("860042A3W0F50000000012345ZAR2".parse()?);
/// chain.push(1_767_225_600, "registry", LifecycleEvent::Registered {}, &[&registry]);
/// assert_eq!(chain.len(), 1);
/// assert_eq!(chain.bundle().attestations.len(), 1);
/// # Ok::<(), hrid::code::CodeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ChainBuilder {
    subject: IdentityCode,
    envelopes: Vec<Envelope>,
    head: Option<String>,
}

impl ChainBuilder {
    /// An empty chain for `subject`.
    #[must_use]
    pub fn new(subject: IdentityCode) -> ChainBuilder {
        ChainBuilder {
            subject,
            envelopes: Vec::new(),
            head: None,
        }
    }

    /// Sign and append the statement `(seq = len, prev = head, time, issuer, event)`; returns
    /// its statement hash.
    pub fn push(
        &mut self,
        time: i64,
        issuer: &str,
        event: crate::attestation::LifecycleEvent,
        keys: &[&crate::keys::SigningKey],
    ) -> String {
        let statement = crate::attestation::Attestation {
            subject: self.subject,
            seq: self.envelopes.len() as u64,
            prev: self.head.clone(),
            time,
            issuer: issuer.to_owned(),
            event,
        };
        self.push_envelope(statement.sign(keys))
    }

    /// Append an envelope as it is (which may break the chain: for tests of the chain rules).
    /// Returns its statement hash.
    pub fn push_envelope(&mut self, envelope: Envelope) -> String {
        let hash = envelope.statement_hash();
        self.head = Some(hash.clone());
        self.envelopes.push(envelope);
        hash
    }

    /// The statement hash of the last statement.
    #[must_use]
    pub fn head(&self) -> Option<&str> {
        self.head.as_deref()
    }

    /// Number of statements.
    #[must_use]
    pub fn len(&self) -> usize {
        self.envelopes.len()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.envelopes.is_empty()
    }

    /// The envelopes so far.
    #[must_use]
    pub fn envelopes(&self) -> &[Envelope] {
        &self.envelopes
    }

    /// A bundle of the chain, with no recalls and no passport.
    #[must_use]
    pub fn bundle(&self) -> HistoryBundle {
        HistoryBundle {
            subject: self.subject,
            attestations: self.envelopes.clone(),
            recalls: Vec::new(),
            passport: None,
        }
    }
}
