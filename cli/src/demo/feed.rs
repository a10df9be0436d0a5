//! The registry's status feed (scene 4 holds it beside the histories) and scene 8, what a
//! seller cannot hide: a recall notice stripped from a bundle, a history cut short before its
//! scrapping, and a back-dated passport, each denied with the evidence that denies it.

use hrid::access::{decide_access, AccessDecision, AccessOptions, Evidence, Policy};
use hrid::attestation::LifecycleEvent;
use hrid::envelope::Envelope;
use hrid::history::{verify_history, ChainBuilder, HistoryOptions, HistoryReport};
use hrid::passport::{Passport, PassportStatus};
use hrid::reason::ReasonCode;
use hrid::status::{
    verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed, StatusFeedOptions,
    VerifiedStatusFeed,
};

use super::{Demo, DAY, NOW};
use crate::output::{self, bad, dim, heading};
use crate::verify::finding_text;
use crate::CliError;

/// Where the feed is written, under the demo's folder.
pub(super) const FEED_FILE: &str = "status-feed.json";

/// The registry publishes its feed an hour before `NOW`, valid a day: robot 1 as it ended (its
/// status and head from its verified history), and the recall notice in force. Written to
/// [`FEED_FILE`]; verified as any verifier would.
pub(super) fn publish(
    demo: &mut Demo,
    robot1: &HistoryReport,
    recall: &Envelope,
) -> Result<VerifiedStatusFeed, CliError> {
    let health = robot1
        .health
        .as_ref()
        .ok_or_else(|| CliError("robot 1's history did not verify".to_owned()))?;
    let ended = robot1
        .chain()
        .iter()
        .find(|v| matches!(v.attestation().event, LifecycleEvent::Scrapped {}))
        .map_or(NOW, |v| v.attestation().time);
    let status = match PassportStatus::of_health(health) {
        PassportStatus::Dismantled => FeedStatus::Dismantled,
        _ => FeedStatus::Scrapped,
    };
    let feed = StatusFeed {
        registry: demo.cast.registry.id.to_owned(),
        version: 1,
        issued_at: NOW - 3_600,
        expires_at: NOW - 3_600 + DAY,
        previous: None,
        recalls: vec![recall.statement_hash()],
        robots: vec![RobotStatus {
            code: demo.robot,
            status,
            head: health.head.as_ref().map(|h| FeedHead {
                seq: h.seq,
                statement_hash: h.statement_hash.clone(),
            }),
            since: ended,
        }],
    };
    let document = feed.document(&[&demo.cast.registry.key], std::slice::from_ref(recall));
    demo.files.write(FEED_FILE, &document)?;
    verify_status_feed(
        &demo.verifier,
        &document,
        NOW,
        &StatusFeedOptions::default(),
    )
    .feed
    .ok_or_else(|| CliError("the demo's status feed did not verify".to_owned()))
}

/// Scene 8: three things a seller hides, each denied with the finding that gives it away; an
/// error if any were allowed.
pub(super) fn cannot_hide(
    demo: &Demo,
    feed: &VerifiedStatusFeed,
    robot1: &ChainBuilder,
    robot2: &ChainBuilder,
) -> Result<(), CliError> {
    output::line("");
    output::line(&format!(
        "{}  {}",
        heading("8. What a seller cannot hide"),
        dim(&format!(
            "beside the registry's status feed v{} ({FEED_FILE}): {} robot not active, {} recall in force",
            feed.version(),
            feed.feed().robots.len(),
            feed.feed().recalls.len()
        ))
    ));
    // Robot 2 before its remedy, the recall notice removed: the feed brings the notice.
    let before_remedy = prefix(robot2, |e| {
        matches!(e, LifecycleEvent::RecallRemedied { .. })
    });
    show(
        "robot 2's history cut before its recall remedy, the recall notice removed, for sale",
        &decide(demo, feed, &demo.donor_target, None, Some(&before_remedy)),
        ReasonCode::RecallOpen,
    )?;
    // Robot 1 cut short before its recycling: the feed names a later head.
    let before_recycling = prefix(robot1, |e| matches!(e, LifecycleEvent::Scrapped {}));
    show(
        "robot 1's history cut short before its scrapping, for sale",
        &decide(demo, feed, &demo.robot, None, Some(&before_recycling)),
        ReasonCode::HistoryRegistryConflict,
    )?;
    // A passport of robot 1 from before its scrapping, valid ten years.
    let passport = back_dated_passport(demo, robot1)?;
    show(
        "a passport of robot 1 dated before its scrapping, valid ten years, signed with the registry's key",
        &decide(demo, feed, &demo.robot, Some(&passport), None),
        ReasonCode::PassportLifetimeTooLong,
    )
}

/// The bundle of `chain`'s statements before the first event `stop` matches.
fn prefix(chain: &ChainBuilder, stop: impl Fn(&LifecycleEvent) -> bool) -> Vec<u8> {
    let envelopes = chain.envelopes();
    let end = envelopes
        .iter()
        .position(|e| {
            hrid::attestation::Attestation::from_json(
                e.signed_payload().payload,
                &hrid::json::Limits::DEFAULT,
            )
            .is_ok_and(|a| stop(&a.event))
        })
        .unwrap_or(envelopes.len());
    let mut cut = chain.bundle();
    cut.attestations.truncate(end);
    cut.to_json()
}

fn decide(
    demo: &Demo,
    feed: &VerifiedStatusFeed,
    code: &hrid::code::IdentityCode,
    passport: Option<&str>,
    history: Option<&[u8]>,
) -> AccessDecision {
    decide_access(
        &demo.verifier,
        code.as_str(),
        &Evidence {
            passport,
            history,
            status_feed: Some(feed),
        },
        Policy::Sale,
        NOW,
        &AccessOptions::default(),
    )
}

/// One line for the denial, one for the finding that gives the attempt away.
fn show(what: &str, d: &AccessDecision, giveaway: ReasonCode) -> Result<(), CliError> {
    let finding = d
        .failures
        .iter()
        .chain(&d.warnings)
        .find(|f| f.code == giveaway);
    let Some(finding) = finding.filter(|_| !d.is_allowed()) else {
        return Err(CliError(format!(
            "the demo's attempt was not caught: {what}"
        )));
    };
    let mut codes: Vec<&str> = Vec::new();
    for f in &d.failures {
        if !codes.contains(&f.code.as_str()) {
            codes.push(f.code.as_str());
        }
    }
    output::line(&format!(
        "   {}  {what}  {}",
        bad("DENIED"),
        dim(&format!("[{}]", codes.join(", ")))
    ));
    output::line(&format!("           {}", finding_text(finding)));
    Ok(())
}

/// Robot 1's passport as it stood in service (active, its head then), dated a day before its
/// scrapping and valid ten years: signed as raw frame bytes, since the issuer refuses it.
fn back_dated_passport(demo: &Demo, robot1: &ChainBuilder) -> Result<String, CliError> {
    let before = prefix(robot1, |e| matches!(e, LifecycleEvent::Scrapped {}));
    let report = verify_history(&demo.verifier, &before, NOW, &HistoryOptions::default());
    let health = report
        .health
        .as_ref()
        .ok_or_else(|| CliError("robot 1's early history did not verify".to_owned()))?;
    let issued_at = health.last_event_time.unwrap_or(NOW);
    let legal = Passport::from_health(health, issued_at, issued_at + DAY)
        .ok_or_else(|| CliError("no passport for robot 1".to_owned()))?;
    let key = &demo.cast.registry.key;
    let mut frame = legal
        .signed_bytes(hrid::passport::key_hint(&key.verifying_key()))
        .map_err(|e| CliError(e.to_string()))?;
    let expires = u32::try_from(issued_at + 3_650 * DAY).unwrap_or(u32::MAX);
    if let Some(field) = frame.get_mut(45..49) {
        field.copy_from_slice(&expires.to_be_bytes());
    }
    Ok(hrid::passport::sign_frame(frame, key))
}
