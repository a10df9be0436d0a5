//! Fleet audits: many histories verified at once, and rules across robots.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::attestation::LifecycleEvent;
use crate::history::{verify_histories, HistoryOptions, HistoryReport, LifecycleStatus};
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

/// Verify many history bundles `(name, JSON bytes)` at `at_unix`, then look across them:
/// a part of a scrapped robot installed in another robot later (`audit.scrapped_part_reused`),
/// one code with two diverging chains (`audit.cloned_code`), one part serial installed in two
/// robots that are not scrapped (`audit.part_in_two_robots`).
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
    scrapped_parts(&robots, &mut failures);
    parts_in_two(&robots, &mut failures);
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

/// Serials installed in a robot when it was scrapped, and those it was dismantled for, with the
/// scrap time.
fn parts_of_scrapped(chain: &[VerifiedAttestation]) -> Option<(i64, Vec<String>)> {
    let mut installed: Vec<String> = Vec::new();
    let mut scrapped_at: Option<i64> = None;
    let mut parts: Vec<String> = Vec::new();
    for v in chain {
        let st = v.attestation();
        match &st.event {
            LifecycleEvent::Manufactured { components, .. } if scrapped_at.is_none() => {
                installed = components.iter().map(|c| c.serial.clone()).collect();
            }
            LifecycleEvent::PartReplaced {
                serial_in,
                serial_out,
                ..
            } if scrapped_at.is_none() => {
                installed.retain(|s| s != serial_out);
                installed.push(serial_in.clone());
            }
            LifecycleEvent::Scrapped {} if scrapped_at.is_none() => {
                scrapped_at = Some(st.time);
                parts.clone_from(&installed);
            }
            LifecycleEvent::Dismantled { harvested_serials } => {
                scrapped_at.get_or_insert(st.time);
                // A part installed at scrapping may also be listed as harvested: count it once.
                for serial in harvested_serials {
                    if !parts.contains(serial) {
                        parts.push(serial.clone());
                    }
                }
            }
            _ => {}
        }
    }
    scrapped_at.map(|t| (t, parts))
}

/// Installations: (serial, time, statement) for `manufactured` components and `part_replaced`
/// parts put in.
fn installations(chain: &[VerifiedAttestation]) -> Vec<(&str, i64, &VerifiedAttestation)> {
    let mut out = Vec::new();
    for v in chain {
        let st = v.attestation();
        match &st.event {
            LifecycleEvent::Manufactured { components, .. } => {
                out.extend(components.iter().map(|c| (c.serial.as_str(), st.time, v)));
            }
            LifecycleEvent::PartReplaced { serial_in, .. } => {
                out.push((serial_in.as_str(), st.time, v));
            }
            _ => {}
        }
    }
    out
}

fn scrapped_parts(robots: &[AuditedRobot], out: &mut Vec<Finding>) {
    let mut scrapped: BTreeMap<&str, Vec<(&AuditedRobot, i64)>> = BTreeMap::new();
    let donors: Vec<(&AuditedRobot, i64, Vec<String>)> = robots
        .iter()
        .filter_map(|r| parts_of_scrapped(r.report.chain()).map(|(t, p)| (r, t, p)))
        .collect();
    for (r, t, parts) in &donors {
        for p in parts {
            scrapped.entry(p.as_str()).or_default().push((r, *t));
        }
    }
    for y in robots {
        for (serial, time, v) in installations(y.report.chain()) {
            let Some(from) = scrapped.get(serial) else {
                continue;
            };
            for (x, scrapped_at) in from {
                if subject(x) == subject(y) || time < *scrapped_at {
                    continue;
                }
                out.push(
                    Finding::new(
                        ReasonCode::AuditScrappedPartReused,
                        format!(
                            "part {serial} of {} (scrapped at {scrapped_at}) was installed in {} at {time}",
                            subject(x).unwrap_or("?"),
                            subject(y).unwrap_or("?")
                        ),
                    )
                    .with_subject(subject(y).map(str::to_owned))
                    .with_evidence("serial", serial)
                    .with_evidence("donor", subject(x).unwrap_or_default())
                    .with_evidence("robot", y.name.clone())
                    .with_evidence("statement_hash", v.statement_hash())
                    .with_evidence("event_type", v.attestation().event.event_type().as_str()),
                );
            }
        }
    }
}

fn parts_in_two(robots: &[AuditedRobot], out: &mut Vec<Finding>) {
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in robots {
        let Some(h) = &r.report.health else { continue };
        if matches!(
            h.status,
            LifecycleStatus::Scrapped | LifecycleStatus::Dismantled
        ) {
            continue;
        }
        for c in &h.components {
            let list = holders.entry(c.serial.as_str()).or_default();
            if !list.contains(&h.subject.as_str()) {
                list.push(h.subject.as_str());
            }
        }
    }
    for (serial, codes) in holders {
        if codes.len() > 1 {
            out.push(
                Finding::new(
                    ReasonCode::AuditPartInTwoRobots,
                    format!("part {serial} is installed in {}", codes.join(" and ")),
                )
                .with_subject(codes.first().map(|s| (*s).to_owned()))
                .with_evidence("serial", serial)
                .with_evidence("robots", codes.join(",")),
            );
        }
    }
}
