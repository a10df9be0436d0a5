//! Fleet audits: many histories verified at once, and rules across robots.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::attestation::LifecycleEvent;
use crate::history::{verify_histories, HistoryOptions, HistoryReport};
use crate::reason::ReasonCode;
use crate::report::{report, Finding, Findings, Verdict};
use crate::verify::{VerifiedAttestation, Verifier};

/// One robot of an audit.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AuditedRobot {
    /// The name the caller gave the bundle (a file name, for example).
    pub name: String,
    /// Its history report.
    pub report: HistoryReport,
}

/// What [`audit`] returns: the robots' reports, counts, and the cross-robot [`Findings`]
/// (which the report dereferences to).
///
/// The verdict rests on the robots': `rejected` when a robot's history is rejected or a
/// cross-robot rule is broken; `indeterminate` when some history is indeterminate; else
/// `accepted`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AuditReport {
    /// Histories verified.
    pub robots: Vec<AuditedRobot>,
    /// Histories accepted.
    pub accepted: usize,
    /// Histories rejected.
    pub rejected: usize,
    /// Histories indeterminate.
    pub indeterminate: usize,
    /// The verdict, cross-robot failures (`audit.*`) and `audit.consistent` when no cross-robot
    /// rule is broken.
    #[serde(flatten)]
    pub(crate) findings: Findings,
}

report!(AuditReport);

/// Verify many history bundles `(name, JSON bytes)` at `at_unix` (held against
/// `options.status_feed` when given), then look across them: one code with two diverging
/// chains (`audit.cloned_code`); each part's timeline across every robot: a part of a scrapped
/// or dismantled robot in another robot at any time it claims (`audit.scrapped_part_reused`),
/// one part in two robots at once (`audit.part_in_two_robots`).
///
/// With the `parallel` feature (default) bundles are read, batch-verified and evaluated on all
/// cores; the result does not depend on it. With `options.batch`, the signatures of all bundles
/// are verified together.
///
/// # Panics
/// Never.
#[must_use]
pub fn audit(
    verifier: &Verifier,
    bundles: &[(String, Vec<u8>)],
    at_unix: i64,
    options: &HistoryOptions,
) -> AuditReport {
    let reports = verify_histories(
        verifier,
        bundles_bytes(bundles).as_slice(),
        at_unix,
        options,
    );
    let robots: Vec<AuditedRobot> = bundles
        .iter()
        .zip(reports)
        .map(|((name, _), report)| AuditedRobot {
            name: name.clone(),
            report,
        })
        .collect();
    let mut failures = Vec::new();
    cloned_codes(&robots, &mut failures);
    part_timelines(&robots, &mut failures);
    let count = |v: Verdict| robots.iter().filter(|r| r.report.verdict == v).count();
    let mut findings = Findings::default();
    for r in &robots {
        findings.rests_on(r.report.verdict);
    }
    if failures.is_empty() {
        findings.add(Finding::new(
            ReasonCode::AuditConsistent,
            format!("{} robots: no part or code appears twice", robots.len()),
        ));
    }
    findings.extend(failures);
    AuditReport {
        accepted: count(Verdict::Accepted),
        rejected: count(Verdict::Rejected),
        indeterminate: count(Verdict::Indeterminate),
        robots,
        findings,
    }
}

fn bundles_bytes(bundles: &[(String, Vec<u8>)]) -> Vec<&[u8]> {
    bundles.iter().map(|(_, b)| b.as_slice()).collect()
}

fn subject(r: &AuditedRobot) -> Option<&str> {
    r.report.subject.as_deref()
}

/// The same code with two chains that differ at some `seq`.
fn cloned_codes(robots: &[AuditedRobot], out: &mut Vec<Finding>) {
    let mut by_code: BTreeMap<&str, Vec<&AuditedRobot>> = BTreeMap::new();
    for r in robots {
        if let Some(s) = subject(r) {
            by_code.entry(s).or_default().push(r);
        }
    }
    for (code, group) in by_code {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                let diverge = a
                    .report
                    .chain()
                    .iter()
                    .zip(b.report.chain())
                    .find(|(x, y)| x.statement_hash() != y.statement_hash());
                if let Some((x, y)) = diverge {
                    out.push(
                        Finding::new(
                            ReasonCode::AuditClonedCode,
                            format!(
                                "{} and {} hold two different histories of {code} from seq {}",
                                a.name,
                                b.name,
                                x.attestation().seq
                            ),
                        )
                        .with_subject(Some(code.to_owned()))
                        .with_evidence("robot", a.name.clone())
                        .with_evidence("other_robot", b.name.clone())
                        .with_evidence("seq", x.attestation().seq.to_string())
                        .with_evidence("statement_hash", x.statement_hash())
                        .with_evidence("other_statement_hash", y.statement_hash()),
                    );
                }
            }
        }
    }
}

/// A stretch of time during which one robot held one part: `[start, end)`, `end` `i64::MAX`
/// while it still holds it. A part in a robot at its end of life (scrapped or dismantled), or
/// harvested from it, stays dead there for ever (`dead_since`).
struct Holding<'a> {
    serial: &'a str,
    robot: &'a AuditedRobot,
    start: i64,
    end: i64,
    dead_since: Option<i64>,
    /// The statement that put the part in (or, for a part first seen harvested, that harvested
    /// it).
    statement: &'a VerifiedAttestation,
}

/// Every part's holdings in one robot, from its verified chain: a part comes in with the
/// manufacture or a `part_replaced` (`serial_in`), goes out with a `part_replaced`
/// (`serial_out`); at the end of life every part still in, and every part harvested, is dead.
/// Events after the end of life change nothing here (the lifecycle rules report them).
fn holdings<'a>(robot: &'a AuditedRobot) -> Vec<Holding<'a>> {
    let mut done: Vec<Holding<'a>> = Vec::new();
    let mut open: Vec<Holding<'a>> = Vec::new();
    let mut dead_since: Option<i64> = None;
    for v in robot.report.chain() {
        let st = v.attestation();
        let hold = |serial: &'a str| Holding {
            serial,
            robot,
            start: st.time,
            end: i64::MAX,
            dead_since: None,
            statement: v,
        };
        match (&st.event, dead_since) {
            (LifecycleEvent::Manufactured { components, .. }, None) => {
                for c in components {
                    put_in(&mut open, hold(c.serial.as_str()));
                }
            }
            (
                LifecycleEvent::PartReplaced {
                    serial_in,
                    serial_out,
                    ..
                },
                None,
            ) => {
                if let Some(i) = open.iter().position(|h| h.serial == serial_out) {
                    let mut out = open.swap_remove(i);
                    out.end = st.time;
                    done.push(out);
                }
                put_in(&mut open, hold(serial_in.as_str()));
            }
            (LifecycleEvent::Scrapped {}, _) | (LifecycleEvent::Dismantled { .. }, _) => {
                let died = *dead_since.get_or_insert(st.time);
                if let LifecycleEvent::Dismantled { harvested_serials } = &st.event {
                    for serial in harvested_serials {
                        if !open.iter().any(|h| h.serial == serial) {
                            open.push(hold(serial.as_str()));
                        }
                    }
                }
                for h in &mut open {
                    h.dead_since = Some(died);
                }
            }
            _ => {}
        }
    }
    done.extend(open);
    done
}

/// A part comes in, unless it is in already (then the earlier holding stands).
fn put_in<'a>(open: &mut Vec<Holding<'a>>, h: Holding<'a>) {
    if !open.iter().any(|o| o.serial == h.serial) {
        open.push(h);
    }
}

/// Each part's holdings across robots (two holdings of one identity code are one robot):
///
/// - `audit.scrapped_part_reused`: robot Y holds the part at some moment after the end of life
///   of another robot X in which it is dead (`Y.end > X.dead_since`), whatever time Y's
///   installation claims;
/// - `audit.part_in_two_robots`: the living stretches (`[start, min(end, dead_since))`) of two
///   robots' holdings overlap: one part in two bodies at once.
///
/// Both are decided for each holding against the others of the serial with running extremes
/// (the earliest death, the latest living end, each kept for two different robots), so the
/// work is `n log n` in the holdings, and each holding gives at most one finding of each kind.
fn part_timelines(robots: &[AuditedRobot], out: &mut Vec<Finding>) {
    let mut by_serial: BTreeMap<&str, Vec<Holding<'_>>> = BTreeMap::new();
    for r in robots {
        for h in holdings(r) {
            by_serial.entry(h.serial).or_default().push(h);
        }
    }
    for (serial, mut list) in by_serial {
        // Reused: the two earliest deaths of different robots, over all holdings.
        let mut deaths = Extremes::default();
        for h in &list {
            if let Some(d) = h.dead_since {
                deaths.offer(h, -d);
            }
        }
        for h in &list {
            if let Some(x) = deaths
                .other_than(h)
                .filter(|x| x.dead_since.is_some_and(|d| h.end > d))
            {
                out.push(reused(serial, x, h));
            }
        }
        // In two bodies: living stretches in order of start, each against the latest-ending
        // earlier living stretch of another robot.
        list.sort_by_key(|h| h.start);
        let mut ends = Extremes::default();
        for h in &list {
            if let Some(x) = ends.other_than(h).filter(|x| living_end(x) > h.start) {
                if living_end(h) > h.start {
                    out.push(in_two(serial, x, h));
                }
            }
            ends.offer(h, living_end(h));
        }
    }
}

/// When a holding's living stretch ends: when the part goes out, or the robot's life ends.
fn living_end(h: &Holding<'_>) -> i64 {
    h.dead_since.map_or(h.end, |d| d.min(h.end))
}

/// The holdings with the two greatest keys that belong to two different robots: enough to
/// answer "the greatest among the other robots" for any holding.
#[derive(Default)]
struct Extremes<'h, 'a> {
    best: Option<(i64, &'h Holding<'a>)>,
    other: Option<(i64, &'h Holding<'a>)>,
}

impl<'h, 'a> Extremes<'h, 'a> {
    fn offer(&mut self, h: &'h Holding<'a>, key: i64) {
        match self.best {
            Some((k, b)) if key <= k => {
                if subject(b.robot) != subject(h.robot) && self.other.is_none_or(|(o, _)| key > o) {
                    self.other = Some((key, h));
                }
            }
            Some((k, b)) => {
                if subject(b.robot) != subject(h.robot) {
                    self.other = Some((k, b));
                }
                self.best = Some((key, h));
            }
            None => self.best = Some((key, h)),
        }
    }

    fn other_than(&self, h: &Holding<'_>) -> Option<&'h Holding<'a>> {
        match self.best {
            Some((_, b)) if subject(b.robot) != subject(h.robot) => Some(b),
            _ => self.other.map(|(_, o)| o),
        }
    }
}

/// `taker` holds the part after `donor`'s end of life.
fn reused(serial: &str, donor: &Holding<'_>, taker: &Holding<'_>) -> Finding {
    let d = subject(donor.robot).unwrap_or("?");
    let died = donor.dead_since.unwrap_or_default();
    Finding::new(
        ReasonCode::AuditScrappedPartReused,
        format!(
            "part {serial} of {d} (end of life at {died}) is in {} from {}",
            subject(taker.robot).unwrap_or("?"),
            taker.start
        ),
    )
    .with_subject(subject(taker.robot).map(str::to_owned))
    .with_evidence("serial", serial)
    .with_evidence("donor", d)
    .with_evidence("robot", taker.robot.name.clone())
    .with_evidence("statement_hash", taker.statement.statement_hash())
    .with_evidence(
        "event_type",
        taker.statement.attestation().event.event_type().as_str(),
    )
}

/// `earlier` and `later` hold the part at the same moment, both alive.
fn in_two(serial: &str, earlier: &Holding<'_>, later: &Holding<'_>) -> Finding {
    let (x, y) = (
        subject(earlier.robot).unwrap_or("?"),
        subject(later.robot).unwrap_or("?"),
    );
    Finding::new(
        ReasonCode::AuditPartInTwoRobots,
        format!(
            "part {serial} is in {x} from {} and in {y} from {} at once",
            earlier.start, later.start
        ),
    )
    .with_subject(subject(later.robot).map(str::to_owned))
    .with_evidence("serial", serial)
    .with_evidence("robots", format!("{x},{y}"))
    .with_evidence("robot", later.robot.name.clone())
    .with_evidence("statement_hash", later.statement.statement_hash())
}
