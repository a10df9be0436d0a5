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
                open.extend(components.iter().map(|c| hold(c.serial.as_str())));
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
                open.push(hold(serial_in.as_str()));
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

/// One part in two robots at once, or a dead part (from a scrapped or dismantled robot) in
/// another robot at any time: each part's holdings across robots, in order of start, each
/// checked against the earlier holding of another robot that lasts longest. Holdings that
/// overlap past a donor's end of life are `audit.scrapped_part_reused` (whatever time the
/// installation claims); other overlaps `audit.part_in_two_robots`. At most one finding per
/// holding: the work is `n log n` in the holdings.
fn part_timelines(robots: &[AuditedRobot], out: &mut Vec<Finding>) {
    let mut by_serial: BTreeMap<&str, Vec<Holding<'_>>> = BTreeMap::new();
    for r in robots {
        for h in holdings(r) {
            by_serial.entry(h.serial).or_default().push(h);
        }
    }
    for (serial, mut list) in by_serial {
        list.sort_by_key(|h| h.start);
        // The longest-lasting earlier holding, and the longest of another robot than its.
        let mut best: Option<&Holding<'_>> = None;
        let mut best_other: Option<&Holding<'_>> = None;
        for h in &list {
            let rival = match best {
                Some(b) if subject(b.robot) != subject(h.robot) => Some(b),
                _ => best_other,
            };
            if let Some(r) = rival.filter(|r| r.end > h.start) {
                out.push(overlap(serial, r, h));
            }
            match best {
                Some(b) if h.end <= b.end => {
                    if subject(b.robot) != subject(h.robot)
                        && best_other.is_none_or(|o| h.end > o.end)
                    {
                        best_other = Some(h);
                    }
                }
                Some(b) => {
                    if subject(b.robot) != subject(h.robot) {
                        best_other = Some(b);
                    }
                    best = Some(h);
                }
                None => best = Some(h),
            }
        }
    }
}

/// The finding for two holdings of one part that overlap (`earlier` started first).
fn overlap(serial: &str, earlier: &Holding<'_>, later: &Holding<'_>) -> Finding {
    let until = earlier.end.min(later.end);
    let dead = [earlier, later]
        .into_iter()
        .filter_map(|h| h.dead_since.map(|d| (h, d)))
        .find(|(_, d)| until > *d);
    let (x, y) = (
        subject(earlier.robot).unwrap_or("?"),
        subject(later.robot).unwrap_or("?"),
    );
    let finding = match dead {
        Some((donor, died)) => {
            let (taker, d) = if std::ptr::eq(donor, earlier) {
                (later, x)
            } else {
                (earlier, y)
            };
            Finding::new(
                ReasonCode::AuditScrappedPartReused,
                format!(
                    "part {serial} of {d} (end of life at {died}) is in {} from {}",
                    subject(taker.robot).unwrap_or("?"),
                    taker.start
                ),
            )
            .with_subject(subject(taker.robot).map(str::to_owned))
            .with_evidence("donor", d)
            .with_evidence("robot", taker.robot.name.clone())
            .with_evidence("statement_hash", taker.statement.statement_hash())
            .with_evidence(
                "event_type",
                taker.statement.attestation().event.event_type().as_str(),
            )
        }
        None => Finding::new(
            ReasonCode::AuditPartInTwoRobots,
            format!(
                "part {serial} is in {x} from {} and in {y} from {} at once",
                earlier.start, later.start
            ),
        )
        .with_subject(subject(later.robot).map(str::to_owned))
        .with_evidence("robots", format!("{x},{y}"))
        .with_evidence("robot", later.robot.name.clone())
        .with_evidence("statement_hash", later.statement.statement_hash()),
    };
    finding.with_evidence("serial", serial)
}
