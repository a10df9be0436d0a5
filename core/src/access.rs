//! Market-access decisions: may this robot be listed, sold or deployed?

use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::code::IdentityCode;
use crate::history::{verify_history_against, HealthSummary, HistoryOptions, HistoryReport};
use crate::names::names;
use crate::passport::{verify_passport, PassportOptions, PassportStatus, VerifiedPassport};
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings};
use crate::status::VerifiedStatusFeed;
use crate::verify::Verifier;

/// What the robot is to be allowed for.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Offered on a marketplace.
    Listing,
    /// Sold or handed over.
    Sale,
    /// Put into service.
    Deployment,
}

names! {
    Policy {
        Listing => "listing",
        Sale => "sale",
        Deployment => "deployment",
    }
}

impl FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Policy::from_name(s)
            .ok_or_else(|| format!("unknown policy {s:?}: use listing, sale or deployment"))
    }
}

/// The evidence a caller holds about the robot.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence<'a> {
    /// A passport text (`HP1:...`).
    pub passport: Option<&'a str>,
    /// A history bundle (JSON bytes). A passport the bundle carries is verified and used like
    /// one given in `passport`.
    pub history: Option<&'a [u8]>,
    /// The registry's status feed, verified with [`verify_status_feed`](crate::status::verify_status_feed).
    pub status_feed: Option<&'a VerifiedStatusFeed>,
}

/// How old the registry's word may be for each policy, in seconds: the age of a passport
/// (`at - issued_at`) or of a status feed (`at - issued_at`, and current at `at`) that lets a
/// robot be listed, sold or deployed. A history alone is never the registry's word.
///
/// The defaults (`docs/histories.md` section 5): a sale is a moment that cannot be undone, so
/// it takes the registry's word of the last day (a passport the registry issued for the sale,
/// or a current feed); a listing lives for weeks and is re-checked, so a week; a deployment by
/// the robot's holder, often offline with a scanner, 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxEvidenceAge {
    /// For [`Policy::Listing`] (default 604,800: 7 days).
    pub listing_secs: i64,
    /// For [`Policy::Sale`] (default 86,400: 1 day).
    pub sale_secs: i64,
    /// For [`Policy::Deployment`] (default 2,592,000: 30 days).
    pub deployment_secs: i64,
}

impl MaxEvidenceAge {
    /// The maximum age for `policy`.
    #[must_use]
    pub const fn of(&self, policy: Policy) -> i64 {
        match policy {
            Policy::Listing => self.listing_secs,
            Policy::Sale => self.sale_secs,
            Policy::Deployment => self.deployment_secs,
        }
    }
}

impl Default for MaxEvidenceAge {
    fn default() -> Self {
        MaxEvidenceAge {
            listing_secs: 7 * 86_400,
            sale_secs: 86_400,
            deployment_secs: 30 * 86_400,
        }
    }
}

/// How to decide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccessOptions {
    /// How to verify the passports (grace, newest signed time seen); `expected_subject` is
    /// set to the code asked about.
    pub passport: PassportOptions,
    /// How old the registry's word may be, per policy.
    pub max_evidence_age: MaxEvidenceAge,
}

/// Allowed or denied.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The robot may be placed on the market for the policy's purpose.
    Allowed,
    /// It may not: see the failures.
    Denied,
}

names! {
    Decision {
        Allowed => "allowed",
        Denied => "denied",
    }
}

/// What [`decide_access`] returns: the decision, the [`Findings`] behind it (which the
/// decision dereferences to; its verdict is `accepted` exactly when the robot is allowed), and
/// the verified evidence.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccessDecision {
    /// The code asked about, as given.
    pub code: String,
    /// The policy applied.
    pub policy: Policy,
    /// The decision.
    pub decision: Decision,
    /// The robot's status as established by the evidence (the most restrictive, when passport
    /// and history are both given).
    pub status: Option<PassportStatus>,
    /// Why it was denied (failures and indeterminate findings of the evidence, and `access.*`),
    /// its warnings, and its passed checks (`access.allowed` when allowed).
    #[serde(flatten)]
    pub(crate) findings: Findings,
    /// The verified passport, when one was given and verified.
    pub passport: Option<VerifiedPassport>,
    /// The health summary of the verified history, when one was given and accepted.
    pub health: Option<HealthSummary>,
}

report!(AccessDecision);

impl AccessDecision {
    /// True when allowed.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }
}

/// Decide whether the robot `code` may be listed, sold or deployed (`policy`) at `at_unix`, on
/// the `evidence` the caller holds, verified offline with the verifier's trust list
/// (`docs/histories.md` section 5).
///
/// Denied when: the code is invalid (`access.code_invalid`); there is neither a passport nor a
/// history (`access.no_evidence`: no code, no market access); the evidence does not verify
/// (`access.evidence_unverifiable`, with the evidence's own failures) or is about another robot
/// (`access.evidence_other_subject`); passports, history and status feed contradict each other
/// (`access.evidence_conflict`); no word of the registry is recent enough for the policy
/// (`access.evidence_stale`: a passport issued within [`MaxEvidenceAge`], or a current status
/// feed as young; a history alone never is), or the only such word is a passport signed with a
/// registry key since reported compromised (`access.passport_key_compromised`); or the robot
/// is, by the most restrictive status any piece of evidence shows, not registered, scrapped or
/// dismantled, decommissioned, suspended (`access.not_registered`, `access.scrapped`,
/// `access.decommissioned`, `access.suspended`) or, for sale and deployment, in an open recall
/// (`access.recall_open`; for a listing this is the warning `recall.open`). Otherwise allowed
/// (`access.allowed`).
///
/// # Panics
/// Never.
#[must_use]
pub fn decide_access(
    verifier: &Verifier,
    code: &str,
    evidence: &Evidence<'_>,
    policy: Policy,
    at_unix: i64,
    options: &AccessOptions,
) -> AccessDecision {
    let mut out = Findings::default();
    let mut decision = AccessDecision {
        code: code.to_owned(),
        policy,
        decision: Decision::Denied,
        status: None,
        findings: Findings::default(),
        passport: None,
        health: None,
    };
    let subject = match IdentityCode::parse(code) {
        Ok(c) => c,
        Err(e) => {
            out.add(Finding::new(
                ReasonCode::AccessCodeInvalid,
                format!("{e} ({})", e.code()),
            ));
            return finish(decision, out);
        }
    };
    let about = Some(subject.to_string());
    let f = |rc: ReasonCode, detail: &str| Finding::new(rc, detail).with_subject(about.clone());
    if evidence.passport.is_none() && evidence.history.is_none() {
        out.add(f(
            ReasonCode::AccessNoEvidence,
            "neither a passport nor a history was presented",
        ));
        return finish(decision, out);
    }
    let feed = evidence.status_feed;
    let history = evidence.history.map(|bundle| {
        verify_history_against(verifier, bundle, at_unix, &HistoryOptions::DEFAULT, feed)
    });
    // The passport given, and the one the bundle carries (when it is another): each verified.
    let mut passport_options = options.passport.clone();
    passport_options.expected_subject = Some(subject);
    let bundled = history.as_ref().and_then(|h| h.passport.as_deref());
    let texts = evidence
        .passport
        .into_iter()
        .chain(bundled.filter(|b| evidence.passport.is_none_or(|p| p.trim() != b.trim())));
    let passports: Vec<Registered> = texts
        .filter_map(|text| {
            passport_evidence(verifier, text, at_unix, &passport_options, &f, &mut out)
        })
        .collect();
    let mut statuses: Vec<PassportStatus> = passports.iter().map(|p| p.passport.status).collect();
    if let Some(h) = &history {
        decision.health = history_evidence(h, &subject, &passports, &f, &mut out);
        statuses.extend(decision.health.as_ref().map(PassportStatus::of_health));
    }
    if let Some(entry) = feed.and_then(|feed| feed.robot(&subject)) {
        statuses.push(PassportStatus::of_feed(entry.status));
    }
    let now = passport_options
        .newest_seen
        .map_or(at_unix, |seen| seen.max(at_unix));
    let max_age = options.max_evidence_age.of(policy);
    let skew = verifier.options().clock_skew_secs;
    if let Some(finding) = registry_word(&passports, feed, now, max_age, skew, &f) {
        out.add(finding.with_evidence("max_age_secs", max_age.to_string()));
    }
    decision.passport = passports.into_iter().next().map(|p| p.passport);
    let status = statuses.iter().copied().max_by_key(|s| s.restrictiveness());
    decision.status = status;
    if let Some(s) = status.and_then(|s| status_finding(s, &f)) {
        out.add(s);
    }
    if out.is_accepted() {
        decision.decision = Decision::Allowed;
        out.add(
            f(ReasonCode::AccessAllowed, &format!("allowed for {policy}"))
                .with_evidence("policy", policy.as_str()),
        );
    }
    finish(decision, out)
}

/// A passport that verified, and whether its registry key has since been reported compromised.
struct Registered {
    passport: VerifiedPassport,
    key_reported_compromised: bool,
}

/// The freshness rule: some word of the registry no older than `max_age` at `now` — a passport
/// whose key is not reported compromised, or a current status feed likewise signed. `None` when
/// there is one; else the denial (`access.passport_key_compromised` when a passport would have
/// been young enough but for its key, `access.evidence_stale` otherwise).
fn registry_word(
    passports: &[Registered],
    feed: Option<&VerifiedStatusFeed>,
    now: i64,
    max_age: i64,
    skew: i64,
    f: &dyn Fn(ReasonCode, &str) -> Finding,
) -> Option<Finding> {
    let young = |issued_at: i64| now.saturating_sub(issued_at) <= max_age;
    let feed_counts = feed.is_some_and(|feed| {
        feed.is_current_at(now, skew)
            && young(feed.feed().issued_at)
            && !feed.signer_reported_compromised()
    });
    let young_passports = || passports.iter().filter(|p| young(p.passport.issued_at));
    if feed_counts || young_passports().any(|p| !p.key_reported_compromised) {
        return None;
    }
    if young_passports().next().is_some() {
        return Some(f(
            ReasonCode::AccessPassportKeyCompromised,
            "the passport was signed with a registry key since reported compromised, and no current status feed corroborates it",
        ));
    }
    Some(f(
        ReasonCode::AccessEvidenceStale,
        &format!(
            "no passport issued and no current status feed within the last {max_age} seconds: a history alone is not the registry's word"
        ),
    ))
}

/// The passport's findings (failures and warnings), and the passport when it verified.
fn passport_evidence(
    verifier: &Verifier,
    text: &str,
    at_unix: i64,
    options: &PassportOptions,
    f: &dyn Fn(ReasonCode, &str) -> Finding,
    out: &mut Findings,
) -> Option<Registered> {
    let r = verify_passport(verifier, text, at_unix, options);
    let other = r.has(ReasonCode::PassportSubjectMismatch);
    let accepted = r.is_accepted();
    let key_reported_compromised = r.has(ReasonCode::KeyCompromisedLater);
    let passport = r.passport.clone();
    let r = r.into_findings();
    out.extend(r.failures);
    out.extend(r.warnings);
    if other {
        out.add(f(
            ReasonCode::AccessEvidenceOtherSubject,
            "the passport belongs to another robot",
        ));
    } else if !accepted {
        out.add(f(
            ReasonCode::AccessEvidenceUnverifiable,
            "the passport could not be verified",
        ));
    }
    passport.filter(|_| accepted).map(|passport| Registered {
        passport,
        key_reported_compromised,
    })
}

/// The history's findings, its agreement with the passports' heads (and, through the history's
/// own check, with the status feed), and its health when it verified.
fn history_evidence(
    h: &HistoryReport,
    subject: &IdentityCode,
    passports: &[Registered],
    f: &dyn Fn(ReasonCode, &str) -> Finding,
    out: &mut Findings,
) -> Option<HealthSummary> {
    if h.subject.as_deref().is_some_and(|s| s != subject.as_str()) {
        out.add(f(
            ReasonCode::AccessEvidenceOtherSubject,
            "the history is about another robot",
        ));
        return None;
    }
    if !h.is_accepted() {
        out.extend(h.failures.iter().cloned());
        let (code, detail) = if h.has(ReasonCode::HistoryRegistryConflict) {
            (
                ReasonCode::AccessEvidenceConflict,
                "the history contradicts the registry's status feed",
            )
        } else {
            (
                ReasonCode::AccessEvidenceUnverifiable,
                "the history could not be verified",
            )
        };
        out.add(f(code, detail));
        return None;
    }
    let health = h.health.as_ref()?;
    out.extend(h.warnings.iter().cloned());
    for p in passports {
        let Some((seq, prefix)) = p
            .passport
            .head_seq
            .zip(p.passport.head_hash_prefix.as_ref())
        else {
            continue;
        };
        let at_seq = usize::try_from(seq).ok().and_then(|i| h.chain().get(i));
        if !at_seq.is_some_and(|v| v.statement_hash().starts_with(prefix.as_str())) {
            out.add(
                f(
                    ReasonCode::AccessEvidenceConflict,
                    "the passport names a history head the history does not contain",
                )
                .with_evidence("seq", seq.to_string())
                .with_evidence("statement_hash", prefix.clone()),
            );
        }
    }
    Some(health.clone())
}

/// The denial a status other than `active` gives.
fn status_finding(s: PassportStatus, f: &dyn Fn(ReasonCode, &str) -> Finding) -> Option<Finding> {
    let (code, detail) = match s {
        PassportStatus::Active => return None,
        PassportStatus::RecalledOpen => (
            ReasonCode::AccessRecallOpen,
            "the robot is in a recall that has not been remedied",
        ),
        PassportStatus::Suspended => (ReasonCode::AccessSuspended, "the robot is suspended"),
        PassportStatus::Unregistered => (
            ReasonCode::AccessNotRegistered,
            "the robot is not registered",
        ),
        PassportStatus::Decommissioned => (
            ReasonCode::AccessDecommissioned,
            "the robot was decommissioned",
        ),
        PassportStatus::Scrapped | PassportStatus::Dismantled => {
            (ReasonCode::AccessScrapped, "the robot was scrapped")
        }
    };
    Some(f(code, detail).with_evidence("status", s.as_str()))
}

fn finish(mut decision: AccessDecision, findings: Findings) -> AccessDecision {
    decision.findings = findings;
    decision
}
