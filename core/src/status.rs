//! The registry's status feed: its signed, short-lived word on every robot that is not active,
//! and on the recall notices in force.
//!
//! A seller hands over only the evidence that helps him. The registry sees every statement; its
//! feed, which a verifier holds beside the seller's bundle like a trust list, says which robots
//! are suspended, recalled, decommissioned, scrapped, dismantled or unregistered, with the head
//! of each one's chain, and which recall notices are in force. `docs/status-feed.md` specifies
//! it.
//!
//! The feed is a DSSE envelope of type `application/vnd.hrid.status-feed.v1+json`, signed by a
//! participant with the `registry` role; the recall notices it names by statement hash travel
//! beside it in one document:
//!
//! ```json
//! {"feed": ENVELOPE, "recalls": [ENVELOPE, ...]}
//! ```
//!
//! [`verify_status_feed`] authenticates it with the one authentication step, then checks the
//! registry, the version against the highest seen (rollback), the dates (graded expiry, as for
//! trust lists) and every named recall notice.
//!
//! ```
//! use hrid::keys::SigningKey;
//! use hrid::status::{StatusFeed, StatusFeedOptions, verify_status_feed};
//! use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, TrustAnchor, TrustList};
//! use hrid::verify::{Verdict, Verifier, VerifyOptions};
//!
//! let (root, registry) = (SigningKey::from_seed([1; 32]), SigningKey::from_seed([3; 32]));
//! let list = TrustList {
//!     version: 1, issued_at: 1_767_225_600, expires_at: 1_798_761_600,
//!     roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
//!     participants: vec![Participant { id: "registry".into(), name: "Registry".into(),
//!         roles: vec![Role::Registry], scope: None,
//!         keys: vec![ParticipantKey { public_key: registry.verifying_key(), valid_from: 0,
//!             valid_until: 4_000_000_000, compromised_since: None }] }],
//!     permissions: TrustList::default_permissions(),
//! };
//! let now = 1_767_300_000;
//! let anchor = TrustAnchor::new(vec![root.verifying_key()], 1)?;
//! let verified = TrustList::verify(&list.sign(&[&root]).to_json(), &anchor, 0, now, &VerifyOptions::default())?;
//! let verifier = Verifier::new(verified, VerifyOptions::default());
//!
//! let feed = StatusFeed { registry: "registry".into(), version: 7, issued_at: now - 60,
//!     expires_at: now + 86_400, previous: None, recalls: vec![], robots: vec![] };
//! let document = feed.document(&[&registry], &[]);
//! let report = verify_status_feed(&verifier, &document, now, &StatusFeedOptions::default());
//! assert_eq!(report.verdict, Verdict::Accepted);
//! assert_eq!(report.feed.unwrap().version(), 7); // ok: doctest
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::code::IdentityCode;
use crate::envelope::{Envelope, PayloadType};
use crate::keys::SigningKey;
use crate::names::names;
use crate::reason::ReasonCode;
use crate::recall::{verify_recall, VerifiedRecall};
use crate::report::{precheck, report, Finding, Findings};
use crate::trust::Role;
use crate::verify::{Claim, Document, Verifier};

/// A robot's status in the feed: every status but `active` (an active robot is not listed).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FeedStatus {
    /// Manufactured, not registered.
    Unregistered,
    /// Suspended by an authority.
    Suspended,
    /// Registered and in order, but in a recall that has not been remedied.
    RecalledOpen,
    /// Permanently out of service.
    Decommissioned,
    /// Scrapped.
    Scrapped,
    /// Dismantled for parts.
    Dismantled,
}

names! {
    FeedStatus {
        Unregistered => "unregistered",
        Suspended => "suspended",
        RecalledOpen => "recalled_open",
        Decommissioned => "decommissioned",
        Scrapped => "scrapped",
        Dismantled => "dismantled",
    }
}

/// The head of a robot's chain as the registry has it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct FeedHead {
    /// The last statement's `seq`.
    pub seq: u64,
    /// Its statement hash, 64 lowercase hex digits.
    pub statement_hash: String,
}

/// One robot that is not active.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct RobotStatus {
    /// The robot's identity code (canonical form).
    pub code: IdentityCode,
    /// Its status.
    pub status: FeedStatus,
    /// The head of its chain at the registry.
    pub head: Option<FeedHead>,
    /// When the status took effect, unix seconds.
    pub since: i64,
}

/// The feed's payload. Build one, [`sign`](StatusFeed::sign) it with a registry key, publish
/// [`document`](StatusFeed::document).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFeed {
    /// The participant ID of the registry that issues the feed (a participant with the
    /// `registry` role, whose key signs it).
    pub registry: String,
    /// Monotonic version, from 1: a verifier refuses a version below the highest it has seen.
    pub version: u64,
    /// Issue time, unix seconds.
    pub issued_at: i64,
    /// Expiry, unix seconds (after `issued_at`): feeds are short-lived.
    pub expires_at: i64,
    /// The statement hash of the previous version, for clients that apply deltas.
    pub previous: Option<String>,
    /// The statement hashes of the recall notices in force (their envelopes travel beside the
    /// feed), ascending.
    pub recalls: Vec<String>,
    /// Every robot that is not active, strictly ascending by code.
    pub robots: Vec<RobotStatus>,
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl StatusFeed {
    /// The payload as signed: compact JSON, fields in declaration order.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Sign into an envelope of type `application/vnd.hrid.status-feed.v1+json`.
    #[must_use]
    pub fn sign(&self, keys: &[&SigningKey]) -> Envelope {
        Envelope::sign(PayloadType::StatusFeed, &self.to_json(), keys)
    }

    /// The feed document: the signed feed and the recall-notice envelopes it names.
    #[must_use]
    pub fn document(&self, keys: &[&SigningKey], recalls: &[Envelope]) -> Vec<u8> {
        let mut out = b"{\"feed\":".to_vec();
        out.extend_from_slice(&self.sign(keys).to_json());
        out.extend_from_slice(b",\"recalls\":[");
        for (i, r) in recalls.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&r.to_json());
        }
        out.extend_from_slice(b"]}");
        out
    }

    /// The format rules types do not express.
    ///
    /// # Errors
    /// A description of the first rule broken (reported as `status_feed.malformed`).
    pub fn validate(&self) -> Result<(), String> {
        if self.version == 0 {
            return Err("version starts at 1".into());
        }
        if self.expires_at <= self.issued_at {
            return Err("expires_at must be after issued_at".into());
        }
        if self.previous.as_deref().is_some_and(|p| !is_hash(p)) {
            return Err("previous must be 64 lowercase hex digits".into());
        }
        if !self.recalls.iter().all(|h| is_hash(h))
            || !self.recalls.windows(2).all(|w| w.first() < w.get(1))
        {
            return Err("recalls must be distinct statement hashes in ascending order".into());
        }
        let heads_ok = self
            .robots
            .iter()
            .all(|r| r.head.as_ref().is_none_or(|h| is_hash(&h.statement_hash)));
        if !heads_ok {
            return Err("a robot's head hash must be 64 lowercase hex digits".into());
        }
        let ascending = self
            .robots
            .windows(2)
            .all(|w| matches!((w.first(), w.get(1)), (Some(a), Some(b)) if a.code.as_str() < b.code.as_str()));
        if !ascending {
            return Err("robots must be in strictly ascending order of code".into());
        }
        Ok(())
    }
}

/// How to verify a status feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFeedOptions {
    /// The highest feed version the caller has already accepted (persist it): a lower version
    /// is a rollback. 0: none seen.
    pub highest_seen_version: u64,
    /// How long after its `expires_at` a feed is still used, with a warning (default 3,600:
    /// one hour). Beyond it the feed is `indeterminate`: get a current one.
    pub grace_secs: i64,
}

impl Default for StatusFeedOptions {
    fn default() -> Self {
        StatusFeedOptions {
            highest_seen_version: 0,
            grace_secs: 3_600,
        }
    }
}

/// A status feed whose signature, registry, version, dates and recall notices verified. Only
/// [`verify_status_feed`] builds one.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedStatusFeed {
    feed: StatusFeed,
    statement_hash: String,
    /// The last moment the feed may be relied on: `expires_at` plus the grace it was verified
    /// with. A decision at a later moment treats it as stale.
    usable_until: i64,
    /// Its signing key has been reported compromised (after `issued_at`: the warning
    /// `key.compromised_later`); a decision does not rest on such a feed alone.
    signer_reported_compromised: bool,
    #[serde(skip)]
    recalls: Vec<VerifiedRecall>,
}

impl VerifiedStatusFeed {
    /// The feed.
    #[must_use]
    pub fn feed(&self) -> &StatusFeed {
        &self.feed
    }

    /// Its version (persist it as the highest seen).
    #[must_use]
    pub fn version(&self) -> u64 {
        self.feed.version
    }

    /// SHA-256 of the signed PAE, lowercase hex (what the next version's `previous` names).
    #[must_use]
    pub fn statement_hash(&self) -> &str {
        &self.statement_hash
    }

    /// The registry's word on `code`: its entry, or `None` for a robot the feed does not list
    /// (an active robot, or one the registry does not know).
    #[must_use]
    pub fn robot(&self, code: &IdentityCode) -> Option<&RobotStatus> {
        self.feed
            .robots
            .binary_search_by(|r| r.code.as_str().cmp(code.as_str()))
            .ok()
            .and_then(|i| self.feed.robots.get(i))
    }

    /// The last moment the feed may be relied on (`expires_at` plus the grace it was verified
    /// with).
    #[must_use]
    pub fn usable_until(&self) -> i64 {
        self.usable_until
    }

    /// Whether the feed is the registry's current word at `at_unix`: issued at or before it
    /// (within the clock skew `skew_secs`) and usable until at least then.
    #[must_use]
    pub fn is_current_at(&self, at_unix: i64, skew_secs: i64) -> bool {
        self.feed.issued_at <= at_unix.saturating_add(skew_secs) && at_unix <= self.usable_until
    }

    /// Whether its signing key has since been reported compromised.
    #[must_use]
    pub fn signer_reported_compromised(&self) -> bool {
        self.signer_reported_compromised
    }

    /// The verified recall notices in force.
    #[must_use]
    pub fn recalls(&self) -> &[VerifiedRecall] {
        &self.recalls
    }

    /// The recall notices in force that cover `code`.
    pub fn recalls_covering<'a>(
        &'a self,
        code: &'a IdentityCode,
    ) -> impl Iterator<Item = &'a VerifiedRecall> + 'a {
        self.recalls.iter().filter(|r| r.notice().covers(code))
    }
}

report! {
    /// What [`verify_status_feed`] returns: the [`Findings`] (which the report dereferences to)
    /// and the feed, when accepted (or accepted with warnings).
    pub struct StatusFeedReport {
        /// The verified feed, only for an accepted verdict.
        pub feed: Option<VerifiedStatusFeed>,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedWire<'a> {
    #[serde(borrow)]
    feed: &'a RawValue,
    #[serde(borrow, default)]
    recalls: Vec<&'a RawValue>,
}

/// Verify a status-feed document (JSON bytes: `{"feed": ENVELOPE, "recalls": [...]}`) at
/// `at_unix` with the verifier's trust list.
///
/// Checks, in order: the document within `max_status_feed_bytes` and of its form
/// (`status_feed.too_large`, `status_feed.malformed`); the authentication step (trust-list
/// standing; envelope and payload type; a trusted key's signature; the named `registry` owns
/// the key; the key valid at `issued_at`); the payload's rules (`status_feed.malformed`); the
/// `registry` is a participant of the trust list (`status_feed.other_registry`) with the
/// registry role (`status_feed.signer_not_registry`, since that participant signed it); `version >= highest_seen_version`
/// (`status_feed.rollback`); `issued_at <= at + clock_skew_secs` (`status_feed.issued_in_future`);
/// freshness (`status_feed.current`, `status_feed.expired_grace`, `status_feed.expired`); every
/// named recall notice shipped and authentic (`status_feed.recall_missing`). Passed:
/// `status_feed.valid`.
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_status_feed(
    verifier: &Verifier,
    document: &[u8],
    at_unix: i64,
    options: &StatusFeedOptions,
) -> StatusFeedReport {
    let (findings, feed) =
        Findings::keep_if_accepted(|out| check(verifier, document, at_unix, options, out));
    StatusFeedReport { findings, feed }
}

fn check(
    verifier: &Verifier,
    document: &[u8],
    at_unix: i64,
    options: &StatusFeedOptions,
    out: &mut Findings,
) -> Option<VerifiedStatusFeed> {
    let limits = &verifier.options().limits;
    let wire = read_document(document, limits);
    let envelope = wire.as_ref().map_err(Clone::clone).and_then(|w| {
        Envelope::from_json(
            w.feed.get().as_bytes(),
            limits.max_status_feed_bytes,
            limits,
        )
        .and_then(|e| e.expect_type(PayloadType::StatusFeed).map(|()| e))
        .map_err(|e| Finding::new(e.reason(), e.to_string()))
    });
    let signed_document = envelope.as_ref().map_err(Clone::clone).map(|e| Document {
        signed: e.signed_payload(),
        well_formed: Some(Finding::new(
            ReasonCode::EnvelopeWellFormed,
            "the envelope is well-formed and holds a status feed",
        )),
        signer_role: None,
        subject: None,
    });
    let signed = verifier.authenticate(signed_document, at_unix, None, out)?;
    let hash = signed.statement_hash().to_owned();
    let feed = match parse_feed(envelope.as_ref().ok()?.signed_payload().payload, limits) {
        Ok(f) => f,
        Err(detail) => {
            out.add(
                Finding::new(ReasonCode::StatusFeedMalformed, detail)
                    .with_evidence("statement_hash", &hash),
            );
            return None;
        }
    };
    let f = |code: ReasonCode, detail: String| {
        Finding::new(code, detail)
            .with_evidence("statement_hash", hash.clone())
            .with_evidence("version", feed.version.to_string())
    };
    if verifier.trust_list().participant(&feed.registry).is_none() {
        out.add(
            f(
                ReasonCode::StatusFeedOtherRegistry,
                format!(
                    "{:?} is not a participant of this trust list",
                    feed.registry
                ),
            )
            .with_evidence("registry", feed.registry.clone()),
        );
        return None;
    }
    let claim = Claim {
        issuer: Some(&feed.registry),
        time: feed.issued_at,
    };
    let who = signed.attribute(claim, &f, out)?;
    if !who.participant.roles.contains(&Role::Registry) {
        out.add(f(
            ReasonCode::StatusFeedSignerNotRegistry,
            format!("{} does not have the registry role", who.participant.id),
        ));
    }
    check_version_and_dates(verifier, &feed, at_unix, options, &f, out);
    let recalls = wire
        .ok()
        .map(|w| shipped_recalls(verifier, &feed, &w.recalls, at_unix, &f, out))
        .unwrap_or_default();
    if out.is_accepted() {
        out.add(f(
            ReasonCode::StatusFeedValid,
            format!(
                "status feed version {} of {}: {} robots not active, {} recalls in force",
                feed.version,
                feed.registry,
                feed.robots.len(),
                feed.recalls.len()
            ),
        ));
    }
    Some(VerifiedStatusFeed {
        usable_until: feed.expires_at.saturating_add(options.grace_secs),
        signer_reported_compromised: out.has(ReasonCode::KeyCompromisedLater),
        feed,
        statement_hash: hash,
        recalls,
    })
}

fn read_document<'a>(
    document: &'a [u8],
    limits: &crate::json::Limits,
) -> Result<FeedWire<'a>, Finding> {
    precheck(
        document,
        limits.max_status_feed_bytes,
        limits.max_depth,
        (
            ReasonCode::StatusFeedTooLarge,
            ReasonCode::StatusFeedMalformed,
        ),
    )?;
    let wire: FeedWire<'_> = serde_json::from_slice(document).map_err(|e| {
        Finding::new(
            ReasonCode::StatusFeedMalformed,
            format!("not a status-feed document: {e}"),
        )
    })?;
    if wire.recalls.len() > limits.max_recall_notices {
        return Err(Finding::new(
            ReasonCode::StatusFeedMalformed,
            format!(
                "{} recall notices; the limit is {}",
                wire.recalls.len(),
                limits.max_recall_notices
            ),
        ));
    }
    Ok(wire)
}

/// The signed payload, strictly: the JSON pre-check (duplicate keys, depth), the exact shape and
/// the rules of [`StatusFeed::validate`].
fn parse_feed(payload: &[u8], limits: &crate::json::Limits) -> Result<StatusFeed, String> {
    crate::json::check(payload, usize::MAX, limits.max_depth).map_err(|e| e.to_string())?;
    let feed: StatusFeed = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
    feed.validate()?;
    Ok(feed)
}

/// Not rolled back, not from the future, and fresh (or within the grace).
fn check_version_and_dates(
    verifier: &Verifier,
    feed: &StatusFeed,
    at_unix: i64,
    options: &StatusFeedOptions,
    f: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) {
    if feed.version < options.highest_seen_version {
        out.add(
            f(
                ReasonCode::StatusFeedRollback,
                format!(
                    "version {} is below version {}, already seen",
                    feed.version, options.highest_seen_version
                ),
            )
            .with_evidence(
                "highest_seen_version",
                options.highest_seen_version.to_string(),
            ),
        );
    }
    if feed.issued_at > verifier.options().latest_acceptable(at_unix) {
        out.add(f(
            ReasonCode::StatusFeedIssuedInFuture,
            "the status feed is dated in the future".into(),
        ));
    }
    let (code, detail) = if at_unix <= feed.expires_at {
        (
            ReasonCode::StatusFeedCurrent,
            format!("valid until {}", feed.expires_at),
        )
    } else if at_unix <= feed.expires_at.saturating_add(options.grace_secs) {
        (
            ReasonCode::StatusFeedExpiredGrace,
            format!(
                "expired {} seconds ago, within the grace period",
                at_unix.saturating_sub(feed.expires_at)
            ),
        )
    } else {
        (
            ReasonCode::StatusFeedExpired,
            format!(
                "expired {} seconds ago",
                at_unix.saturating_sub(feed.expires_at)
            ),
        )
    };
    out.add(f(code, detail).with_evidence("expires_at", feed.expires_at.to_string()));
}

/// Every recall notice the feed names, found among the shipped envelopes by statement hash and
/// verified as a recall notice.
fn shipped_recalls(
    verifier: &Verifier,
    feed: &StatusFeed,
    shipped: &[&RawValue],
    at_unix: i64,
    f: &dyn Fn(ReasonCode, String) -> Finding,
    out: &mut Findings,
) -> Vec<VerifiedRecall> {
    // With the trust list expired beyond its grace no notice can verify; the feed is already
    // indeterminate (`trust_list.expired`), and its notices are not called missing for that.
    let standing = verifier
        .trust_list()
        .standing(at_unix, verifier.options())
        .code;
    if standing == ReasonCode::TrustListExpired {
        return Vec::new();
    }
    let verified: Vec<VerifiedRecall> = shipped
        .iter()
        .filter_map(|raw| verify_recall(verifier, raw.get().as_bytes(), at_unix).recall)
        .collect();
    let mut in_force = Vec::new();
    for hash in &feed.recalls {
        match verified.iter().find(|r| r.statement_hash() == hash) {
            Some(r) => in_force.push(r.clone()),
            None => out.add(
                f(
                    ReasonCode::StatusFeedRecallMissing,
                    format!("the recall notice {hash} is named but not shipped, or not authentic"),
                )
                .with_evidence("recall_hash", hash.clone()),
            ),
        }
    }
    in_force
}
