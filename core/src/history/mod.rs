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
//! robot's health. [`verify_histories`] verifies many bundles at once.
//! [`crate::access::decide_access`] turns a passport and/or a history into a market-access
//! decision; [`crate::audit::audit`] verifies many histories and looks across robots.
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

mod custody;
mod health;
mod rules;
mod state;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use custody::{
    custody, CustodyReport, Maintenance, Manufacture, Operation, Owner, Proof, RecallAtMoment,
    Software, StatusAtMoment, TelemetryAtMoment,
};
pub use health::{Deployment, HealthSummary, LifecycleStatus, SoftwareState};

use crate::code::IdentityCode;
use crate::envelope::{Envelope, EnvelopeError, SignatureCache};
use crate::reason::{ReasonCode, Severity};
use crate::recall::{verify_recall, RecallStatus, VerifiedRecall};
use crate::report::{precheck, report, Finding, Findings};
use crate::status::VerifiedStatusFeed;
use crate::verify::{VerifiedAttestation, Verifier};

/// How to verify histories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryOptions {
    /// Verify the signatures of a bundle (or of a whole audit) together with
    /// `batch::verify_batch`, whose verdicts equal strict single verification (feature `batch`,
    /// default; without it this option has no effect: the same reports). Default `false`: the
    /// torsion check that makes the batch equal to strict verification costs about what the
    /// batch saves (see `docs/benchmarks.md`).
    pub batch: bool,
    /// The registry's verified status feed to hold each bundle against (`docs/status-feed.md`
    /// section 4): its recall notices in force apply whether or not the bundle carries them,
    /// and a bundle that does not reach the feed's head for its robot, or lives on after the
    /// feed says it ended, is `history.registry_conflict`. Default: none.
    pub status_feed: Option<Arc<VerifiedStatusFeed>>,
}

impl HistoryOptions {
    /// The defaults: batch verification off (reports are identical either way), no status feed.
    pub const DEFAULT: HistoryOptions = HistoryOptions {
        batch: false,
        status_feed: None,
    };
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChainHead {
    /// The last statement's `seq`.
    pub seq: u64,
    /// Its statement hash (64 lowercase hex digits).
    pub statement_hash: String,
}

/// What [`verify_history`] returns: the [`Findings`] (which the report dereferences to) and
/// what was learnt about the robot.
///
/// `health` and `recalls` are computed from the statements that verified and lie on the chain;
/// rely on them only when the verdict is `accepted`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HistoryReport {
    /// The bundle's subject, when readable.
    pub subject: Option<String>,
    /// The verdict and the findings.
    #[serde(flatten)]
    pub(crate) findings: Findings,
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

report!(HistoryReport);

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

    /// A report of a bundle that could not be read: no statement was evaluated.
    fn unread(subject: Option<String>, findings: Findings, events: usize) -> HistoryReport {
        HistoryReport {
            subject,
            findings,
            events,
            events_verified: 0,
            head: None,
            health: None,
            recalls: Vec::new(),
            passport: None,
            chain: Vec::new(),
            recall_notices: Vec::new(),
        }
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
    verify_history_against(
        verifier,
        bundle_json,
        at_unix,
        options,
        options.status_feed.as_deref(),
    )
}

/// [`verify_history`] held against `feed` (instead of `options.status_feed`).
pub(crate) fn verify_history_against(
    verifier: &Verifier,
    bundle_json: &[u8],
    at_unix: i64,
    options: &HistoryOptions,
    feed: Option<&VerifiedStatusFeed>,
) -> HistoryReport {
    let prepared = prepare(verifier, bundle_json);
    let cache = signature_cache(verifier, std::slice::from_ref(&prepared), options);
    evaluate(verifier, prepared, at_unix, cache.as_ref(), feed)
}

/// Verify many history bundles at `at_unix`: the reports in the order of `bundles`, each
/// equal to [`verify_history`]'s. With the `parallel` feature (default) bundles are read and
/// evaluated on all cores; with `options.batch`, the signatures of all bundles are verified
/// together. Bindings and audits call this for bulk work.
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_histories<B: AsRef<[u8]> + Sync>(
    verifier: &Verifier,
    bundles: &[B],
    at_unix: i64,
    options: &HistoryOptions,
) -> Vec<HistoryReport> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let prepared: Vec<Prepared> = bundles
            .par_iter()
            .map(|b| prepare(verifier, b.as_ref()))
            .collect();
        let cache = signature_cache(verifier, &prepared, options);
        let feed = options.status_feed.as_deref();
        prepared
            .into_par_iter()
            .map(|p| evaluate(verifier, p, at_unix, cache.as_ref(), feed))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let prepared: Vec<Prepared> = bundles
            .iter()
            .map(|b| prepare(verifier, b.as_ref()))
            .collect();
        let cache = signature_cache(verifier, &prepared, options);
        let feed = options.status_feed.as_deref();
        prepared
            .into_iter()
            .map(|p| evaluate(verifier, p, at_unix, cache.as_ref(), feed))
            .collect()
    }
}

/// With `options.batch` (and the `batch` feature), the signatures of the prepared bundles
/// verified together; otherwise none (each is verified on its own: the same reports).
fn signature_cache(
    verifier: &Verifier,
    prepared: &[Prepared],
    options: &HistoryOptions,
) -> Option<SignatureCache> {
    #[cfg(feature = "batch")]
    if options.batch {
        let envelopes = prepared.iter().flat_map(|p| p.envelopes.iter().flatten());
        return Some(crate::batch::signature_cache(verifier, envelopes));
    }
    let _ = (verifier, prepared, options);
    None
}

/// A bundle read, its envelopes parsed, nothing verified yet.
struct Prepared {
    subject: Option<IdentityCode>,
    findings: Findings,
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

fn prepare(verifier: &Verifier, bundle_json: &[u8]) -> Prepared {
    let mut p = Prepared {
        subject: None,
        findings: Findings::default(),
        envelopes: Vec::new(),
        recalls: Vec::new(),
        passport: None,
    };
    match read_bundle(verifier, bundle_json) {
        Ok((subject, wire)) => {
            let about = Some(subject.to_string());
            p.findings.add(
                Finding::new(
                    ReasonCode::HistoryWellFormed,
                    format!(
                        "a history of {} attestations and {} recall notices",
                        wire.attestations.len(),
                        wire.recalls.len()
                    ),
                )
                .with_subject(about.clone()),
            );
            if wire.attestations.is_empty() {
                p.findings.add(
                    Finding::new(ReasonCode::HistoryEmpty, "the history holds no attestation")
                        .with_subject(about),
                );
            }
            p.subject = Some(subject);
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
        }
        Err(f) => p.findings.add(f),
    }
    p
}

/// The bundle's JSON within the limits, its shape, its counts and its subject.
fn read_bundle<'a>(
    verifier: &Verifier,
    bundle_json: &'a [u8],
) -> Result<(IdentityCode, BundleWire<'a>), Finding> {
    let limits = &verifier.options().limits;
    precheck(
        bundle_json,
        limits.max_history_bytes,
        limits.max_depth,
        (ReasonCode::HistoryTooLarge, ReasonCode::HistoryMalformed),
    )?;
    let wire: BundleWire<'_> = serde_json::from_slice(bundle_json).map_err(|e| {
        Finding::new(
            ReasonCode::HistoryMalformed,
            format!("not a history bundle: {e}"),
        )
    })?;
    if wire.attestations.len() > limits.max_history_events
        || wire.recalls.len() > limits.max_recall_notices
    {
        return Err(Finding::new(
            ReasonCode::HistoryTooManyEvents,
            format!(
                "{} attestations and {} recall notices; the limits are {} and {}",
                wire.attestations.len(),
                wire.recalls.len(),
                limits.max_history_events,
                limits.max_recall_notices
            ),
        )
        .with_evidence("events", wire.attestations.len().to_string()));
    }
    match IdentityCode::parse(&wire.subject) {
        Ok(c) if c.as_str() == wire.subject => Ok((c, wire)),
        _ => Err(Finding::new(
            ReasonCode::HistorySubjectInvalid,
            format!(
                "the subject {:?} is not a valid identity code in canonical form",
                wire.subject.chars().take(64).collect::<String>()
            ),
        )),
    }
}

/// Verify the prepared bundle's statements and evaluate the chain, rules, recalls and health.
fn evaluate(
    verifier: &Verifier,
    prepared: Prepared,
    at_unix: i64,
    cache: Option<&SignatureCache>,
    feed: Option<&VerifiedStatusFeed>,
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
        return HistoryReport::unread(None, findings, events);
    };
    let about = Some(code.to_string());
    // 1. Every attestation through the Verifier; only accepted statements go on.
    let verified = verify_statements(verifier, envelopes, at_unix, cache, &about, &mut findings);
    let events_verified = verified.len();
    // 2. The chain and 3. the lifecycle rules, on verified statements only.
    let chain = rules::chain(&code, verified, &mut findings);
    rules::lifecycle(&code, &chain, verifier.trust_list(), &mut findings);
    // 4. Recalls: the bundle's notices, and those in force in the registry's feed.
    let in_force = feed.map(|f| f.recalls_covering(&code).collect::<Vec<_>>());
    let (statuses, notices) = check_recalls(
        verifier,
        &code,
        (&recalls, in_force.as_deref().unwrap_or_default()),
        &chain,
        at_unix,
        &mut findings,
    );
    // 5. Health.
    let head = chain.last().map(|v| ChainHead {
        seq: v.attestation().seq,
        statement_hash: v.statement_hash().to_owned(),
    });
    let health = health::summarise(&code, &chain, &statuses, head.clone());
    // 6. The registry's word on this robot.
    if let (Some(feed), Some(h)) = (feed, health.as_ref()) {
        registry_conflict(feed, &code, &chain, h.status, &mut findings);
    }
    HistoryReport {
        subject: about,
        findings,
        events,
        events_verified,
        head,
        health,
        recalls: statuses,
        passport,
        chain,
        recall_notices: notices,
    }
}

/// Step 1: each attestation through the authentication step and the attestation rules. The
/// history keeps each statement's failures and warnings (tagged with its index), the trust
/// list's problem once, and `history.attestations_verified` when all verified.
fn verify_statements(
    verifier: &Verifier,
    envelopes: Vec<Result<Envelope, EnvelopeError>>,
    at_unix: i64,
    cache: Option<&SignatureCache>,
    about: &Option<String>,
    findings: &mut Findings,
) -> Vec<VerifiedAttestation> {
    let events = envelopes.len();
    let mut verified: Vec<VerifiedAttestation> = Vec::with_capacity(events);
    let mut all_ok = true;
    let mut list_finding: Option<Finding> = None;
    for (index, envelope) in envelopes.into_iter().enumerate() {
        let r = verifier.verify_envelope(envelope, at_unix, cache);
        let statement = r.statement.clone();
        let r = r.into_findings();
        for f in r.failures.into_iter().chain(r.warnings) {
            if is_trust_list_problem(&f) {
                list_finding.get_or_insert(f);
                continue;
            }
            if f.code.severity() != Severity::Warning {
                all_ok = false;
            }
            findings.add(
                f.with_evidence("index", index.to_string())
                    .or_subject(about.as_ref()),
            );
        }
        match statement {
            Some(s) => verified.push(s),
            None => all_ok = false,
        }
    }
    if let Some(f) = list_finding {
        findings.add(f);
    }
    if all_ok && events > 0 {
        findings.add(
            Finding::new(
                ReasonCode::HistoryAttestationsVerified,
                format!("all {events} attestations verify"),
            )
            .with_subject(about.clone())
            .with_evidence("events", events.to_string()),
        );
    }
    verified
}

/// The trust list's expiry is reported once per history, not once per document.
fn is_trust_list_problem(f: &Finding) -> bool {
    matches!(
        f.code,
        ReasonCode::TrustListExpired | ReasonCode::TrustListExpiredGrace
    )
}

/// Step 4: each recall notice through [`verify_recall`]; the history keeps each notice's
/// failures and warnings and its summary (`recall.valid`), and the status of each accepted
/// notice that covers the robot.
fn check_recalls(
    verifier: &Verifier,
    code: &IdentityCode,
    (recalls, in_force): (&[Vec<u8>], &[&VerifiedRecall]),
    chain: &[VerifiedAttestation],
    at_unix: i64,
    findings: &mut Findings,
) -> (Vec<RecallStatus>, Vec<VerifiedRecall>) {
    let about = Some(code.to_string());
    let mut statuses = Vec::new();
    let mut notices: Vec<VerifiedRecall> = Vec::new();
    for raw in recalls {
        let r = verify_recall(verifier, raw, at_unix);
        let accepted = r.is_accepted();
        let recall = r.recall.clone();
        let r = r.into_findings();
        let summary = r
            .passed
            .into_iter()
            .filter(|f| f.code == ReasonCode::RecallValid);
        for f in r.failures.into_iter().chain(r.warnings).chain(summary) {
            if !is_trust_list_problem(&f) {
                findings.add(f.with_subject(about.clone()));
            }
        }
        let Some(v) = recall.filter(|_| accepted) else {
            continue;
        };
        if let Some(s) = rules::recall_status(code, v.notice(), chain, findings) {
            statuses.push(s);
            notices.push(v);
        }
    }
    // A notice in force in the registry's feed applies as if the bundle carried it (once).
    for v in in_force {
        if notices
            .iter()
            .any(|n| n.statement_hash() == v.statement_hash())
        {
            continue;
        }
        if let Some(s) = rules::recall_status(code, v.notice(), chain, findings) {
            statuses.push(s);
            notices.push((*v).clone());
        }
    }
    let ids: Vec<String> = statuses.iter().map(|s| s.recall_id.clone()).collect();
    rules::unknown_remedies(code, &ids, chain, findings);
    (statuses, notices)
}

/// How far a robot's life has gone, by status name (the feed's and the history's share them):
/// 0 in life, 1 decommissioned, 2 scrapped, 3 dismantled. None of these is ever undone.
fn how_ended(status: &str) -> u8 {
    match status {
        "decommissioned" => 1,
        "scrapped" => 2,
        "dismantled" => 3,
        _ => 0,
    }
}

/// Step 6: the bundle against the registry's status feed. The feed's head for this robot must
/// be on the chain (a bundle that ends before it was trimmed; one that differs at it diverges),
/// and a robot the feed says has ended (decommissioned, scrapped, dismantled) cannot be alive in
/// the bundle: `history.registry_conflict`.
fn registry_conflict(
    feed: &VerifiedStatusFeed,
    code: &IdentityCode,
    chain: &[VerifiedAttestation],
    status: LifecycleStatus,
    findings: &mut Findings,
) {
    let Some(entry) = feed.robot(code) else {
        return;
    };
    let f = |detail: String| {
        Finding::new(ReasonCode::HistoryRegistryConflict, detail)
            .with_subject(Some(code.to_string()))
            .with_evidence("feed_version", feed.version().to_string())
            .with_evidence("feed_status", entry.status.as_str())
    };
    if let Some(head) = &entry.head {
        let at_seq = usize::try_from(head.seq).ok().and_then(|i| chain.get(i));
        match at_seq {
            None => findings.add(
                f(format!(
                    "the registry's head for this robot is seq {}, but the bundle's chain ends at seq {}",
                    head.seq,
                    chain.len().saturating_sub(1)
                ))
                .with_evidence("seq", head.seq.to_string())
                .with_evidence("statement_hash", head.statement_hash.clone()),
            ),
            Some(v) if v.statement_hash() != head.statement_hash => findings.add(
                f(format!(
                    "the registry's statement at seq {} is {}, the bundle's is {}",
                    head.seq,
                    head.statement_hash,
                    v.statement_hash()
                ))
                .with_evidence("seq", head.seq.to_string())
                .with_evidence("statement_hash", head.statement_hash.clone()),
            ),
            Some(_) => {}
        }
    }
    if how_ended(entry.status.as_str()) > how_ended(status.as_str()) {
        findings.add(f(format!(
            "the registry says the robot is {} since {}, the bundle says {}",
            entry.status.as_str(),
            entry.since,
            status.as_str()
        )));
    }
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
