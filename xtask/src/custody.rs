//! `test-vectors/custody.json`: custody at a moment (who owned, operated, maintained and updated
//! a robot at time T, which recalls were open), at, just before and just after every boundary.

use hrid::attestation::{LifecycleEvent, SoftwareComponent};
use hrid::history::{custody, verify_history, CustodyReport, Proof};
use hrid::verify::Verdict;
use serde_json::{json, Value};

use crate::world::*;

fn hash(p: &Proof) -> Value {
    json!(p.statement_hash)
}

/// The answers in a flat form every binding can compare: who, and the proving statement's hash.
fn summary(r: &CustodyReport) -> Value {
    expected(
        r,
        json!({
            "verdict": r.verdict.as_str(),
            "history_verdict": r.history_verdict.as_str(),
            "statements_considered": r.statements_considered,
            "manufacturer": r.manufacture.as_ref().map(|m| json!({"who": m.manufacturer, "model": m.model, "statement_hash": hash(&m.proof)})),
            "owner": r.owner.as_ref().map(|o| json!({"who": o.owner, "basis": o.basis, "statement_hash": hash(&o.proof)})),
            "operator": r.operation.as_ref().map(|o| json!({"who": o.operator, "site": o.site, "statement_hash": hash(&o.proof)})),
            "last_maintenance": r.last_maintenance.as_ref().map(|m| json!({"who": m.maintainer, "kind": m.kind, "statement_hash": hash(&m.proof)})),
            "firmware": r.firmware.as_ref().map(|s| json!({"version": s.version, "installed_by": s.installed_by, "statement_hash": hash(&s.proof)})),
            "ai_profile": r.ai_profile.as_ref().map(|s| json!({"version": s.version, "installed_by": s.installed_by, "statement_hash": hash(&s.proof)})),
            "recalls": r.recalls.iter().map(|c| json!({
                "recall_id": c.recall.recall_id,
                "state": match c.recall.state { hrid::recall::RecallState::Open => "open", hrid::recall::RecallState::Remedied => "remedied" },
                "statement_hash": hash(&c.proof),
                "remedy_statement_hash": c.remedy_proof.as_ref().map(hash),
            })).collect::<Vec<_>>(),
            "telemetry_before": r.telemetry_before.as_ref().map(|t| hash(&t.proof)),
            "telemetry_after": r.telemetry_after.as_ref().map(|t| hash(&t.proof)),
            "status": r.status.as_ref().map(|s| json!({"status": s.status.as_str(), "statement_hash": hash(&s.proof)})),
        }),
    )
}

pub(crate) fn generate() -> Value {
    use LifecycleEvent as E;
    let mut life = Life::new(code("12360"));
    life.put_in_service(&["ACT-60"]) // T0 .. T0+5d: manufactured .. deployed
        .telemetry(100, 10) // +6d
        .ev("fixit", software(SoftwareComponent::AiProfile, 1, None)) // +7d
        .ev(
            "fixit",
            E::Maintained {
                summary: "left knee inspected, bearings greased".into(),
            },
        ) // +8d
        .telemetry(250, 24) // +9d
        .at(T0 + 25 * DAY)
        .ev("fixit", remedied("R-2026-001")) // +25d
        .ev("acme", software(SoftwareComponent::Firmware, 2, None)) // +26d
        .ev("cityops", transferred("metro")) // +27d
        .ev("registry", suspended("incident under investigation")) // +28d
        .ev("registry", E::Reinstated {}) // +29d
        .ev("metro", transferred("green")) // +30d
        .ev("green", received("metro")) // +31d
        .ev("green", E::Scrapped {}); // +32d
    let r1 = recall("R-2026-001", "acme", "0042"); // issued T0 + 20d
    let bundle = life.bundle_with(&[&r1], None);
    let verifier =
        hrid::verify::Verifier::new(verified_list(AT), hrid::verify::VerifyOptions::default());
    let history = verify_history(&verifier, &bundle, AT, &options());
    assert_eq!(history.verdict, Verdict::Accepted, "{:?}", history.codes());

    // The same life with the sale's signature broken: the answers rest on what still verifies.
    let mut broken: Value = serde_json::from_slice(&bundle).unwrap();
    let sig = broken["attestations"][4]["signatures"][0]["sig"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = format!(
        "{}{}",
        if sig.starts_with('A') { "B" } else { "A" },
        &sig[1..]
    );
    broken["attestations"][4]["signatures"][0]["sig"] = json!(flipped);
    let broken = serde_json::to_vec(&broken).unwrap();

    let moments: &[(&str, i64, &[u8])] = &[
        (
            "a second before the manufacture: nothing on record",
            T0 - 1,
            &bundle,
        ),
        (
            "exactly at the manufacture: the manufacturer owns it, unregistered",
            T0,
            &bundle,
        ),
        (
            "a second before the sale: still the manufacturer's",
            T0 + 4 * DAY - 1,
            &bundle,
        ),
        (
            "exactly at the sale: the buyer owns it",
            T0 + 4 * DAY,
            &bundle,
        ),
        (
            "a second before the deployment: no operator",
            T0 + 5 * DAY - 1,
            &bundle,
        ),
        (
            "exactly at the deployment: operator and site",
            T0 + 5 * DAY,
            &bundle,
        ),
        (
            "a second before the AI profile: none on record",
            T0 + 7 * DAY - 1,
            &bundle,
        ),
        (
            "exactly at the AI profile installation",
            T0 + 7 * DAY,
            &bundle,
        ),
        ("exactly at the maintenance", T0 + 8 * DAY, &bundle),
        (
            "a second before the recall notice: no recall known",
            T0 + 20 * DAY - 1,
            &bundle,
        ),
        (
            "exactly at the recall notice: the recall is open",
            T0 + 20 * DAY,
            &bundle,
        ),
        (
            "a second before the remedy: still open",
            T0 + 25 * DAY - 1,
            &bundle,
        ),
        ("exactly at the remedy: remedied", T0 + 25 * DAY, &bundle),
        (
            "exactly at the firmware update: installed by the manufacturer",
            T0 + 26 * DAY,
            &bundle,
        ),
        (
            "exactly at the transfer: new owner, deployment ended",
            T0 + 27 * DAY,
            &bundle,
        ),
        (
            "exactly at the suspension: operated while suspended",
            T0 + 28 * DAY,
            &bundle,
        ),
        (
            "exactly at the reinstatement: active again",
            T0 + 29 * DAY,
            &bundle,
        ),
        ("a second before scrapping", T0 + 32 * DAY - 1, &bundle),
        (
            "exactly at scrapping: operated while scrapped",
            T0 + 32 * DAY,
            &bundle,
        ),
        ("long after scrapping", AT, &bundle),
        (
            "the sale's signature is broken: answers from what verifies, stated as partial",
            T0 + 10 * DAY,
            &broken,
        ),
    ];
    let mut cases = Vec::new();
    for (i, (comment, at, bundle)) in moments.iter().enumerate() {
        let history = verify_history(&verifier, bundle, AT, &options());
        let report = custody(&history, *at);
        cases.push(json!({
            "tcId": i + 1,
            "comment": comment,
            "trust_list": "default",
            "trust_list_at": AT,
            "verified_at": AT,
            "at": at,
            "bundle": String::from_utf8_lossy(bundle),
            "expected": summary(&report),
            "report": serde_json::from_str::<Value>(&report.to_json()).unwrap(),
        }));
    }
    json!({
        "algorithm": "hrid-custody-v1",
        "generator": "cargo xtask vectors (xtask/src/custody.rs)",
        "schema": "see docs/histories.md, section 7",
        "notes": {
            "verified_at": "the history is verified at this time (unix seconds) with the trust list named",
            "at": "the moment asked about; a statement dated exactly at `at` is in effect",
            "expected": "the answers in flat form: who, and the proving statement's hash; reason codes as sorted sets",
            "report": "the core's full CustodyReport as JSON (bindings that serialise it compare it whole)",
        },
        "numberOfTests": cases.len(),
        "trust_lists": {"default": trust_entry()},
        "cases": cases,
    })
}
