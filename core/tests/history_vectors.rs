//! Runs every case of `test-vectors/histories.json` and `test-vectors/passports.json` (the files
//! every binding reads) through the public API, single and batched, and a few limits.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use std::collections::BTreeSet;

use hrid::audit::audit;
use hrid::history::{verify_history, HistoryOptions};
use hrid::json::Limits;
use hrid::verify::{Finding, VerifyOptions};
use serde_json::{json, Value};

mod common;
use common::corpus::{
    access_case, bundles, cases, corpus, custody_case, passport_case, status_feed_case, verifier,
};

fn codes(findings: &[Finding]) -> Value {
    let set: BTreeSet<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    json!(set)
}

fn check_ids(doc: &Value) -> &Vec<Value> {
    let cases = cases(doc);
    let mut ids = BTreeSet::new();
    for c in cases {
        assert!(ids.insert(c["tcId"].as_u64().unwrap()));
        for flag in c["flags"].as_array().unwrap() {
            assert!(
                doc["notes"].get(flag.as_str().unwrap()).is_some(),
                "flag {flag} is not explained in notes"
            );
        }
    }
    cases
}

#[test]
fn every_history_case() {
    let doc = corpus("histories.json");
    let cases = check_ids(&doc);
    let mut run = 0usize;
    for case in cases {
        let id = case["tcId"].as_u64().unwrap();
        let v = verifier(&doc, case, VerifyOptions::default());
        let at = case["at"].as_i64().unwrap();
        let expected = &case["expected"];
        match case["kind"].as_str().unwrap() {
            "history" => {
                let bundle = case["bundle"].as_str().unwrap().as_bytes();
                for batch in [true, false] {
                    let r = verify_history(
                        &v,
                        bundle,
                        at,
                        &HistoryOptions {
                            batch,
                            ..HistoryOptions::DEFAULT
                        },
                    );
                    let got = json!({
                        "verdict": r.verdict.as_str(),
                        "failures": codes(&r.failures),
                        "warnings": codes(&r.warnings),
                        "passed": codes(&r.passed),
                        "status": r.health.as_ref().map(|h| h.status.as_str()),
                        "head_seq": r.head.as_ref().map(|h| h.seq),
                        "open_recalls": r.health.as_ref().map(|h| h.open_recalls.clone()).unwrap_or_default(),
                    });
                    assert_eq!(
                        &got, expected,
                        "case {id} (batch {batch}): {}",
                        case["comment"]
                    );
                }
            }
            "audit" => {
                let bundles = bundles(case);
                for batch in [true, false] {
                    let r = audit(
                        &v,
                        &bundles,
                        at,
                        &HistoryOptions {
                            batch,
                            ..HistoryOptions::DEFAULT
                        },
                    );
                    let got = json!({
                        "verdict": r.verdict.as_str(),
                        "failures": codes(&r.failures),
                        "passed": codes(&r.passed),
                        "robots": r.robots.iter().map(|x| json!({"name": x.name, "verdict": x.report.verdict.as_str()})).collect::<Vec<_>>(),
                    });
                    assert_eq!(&got, expected, "case {id}: {}", case["comment"]);
                }
            }
            "access" => {
                let d = access_case(&v, case);
                let got = json!({
                    "decision": d.decision.as_str(),
                    "status": d.status.map(|s| s.as_str()),
                    "failures": codes(&d.failures),
                    "warnings": codes(&d.warnings),
                    "passed": codes(&d.passed),
                });
                assert_eq!(&got, expected, "case {id}: {}", case["comment"]);
            }
            other => panic!("unknown kind {other}"),
        }
        run += 1;
    }
    assert_eq!(run, cases.len());
    assert!(run > 0);
}

#[test]
fn every_passport_case() {
    let doc = corpus("passports.json");
    let cases = check_ids(&doc);
    let mut run = 0usize;
    for case in cases {
        let id = case["tcId"].as_u64().unwrap();
        let r = passport_case(&doc, case);
        let got = json!({
            "verdict": r.verdict.as_str(),
            "failures": codes(&r.failures),
            "warnings": codes(&r.warnings),
            "passed": codes(&r.passed),
            "status": r.passport.as_ref().map(|p| p.status.as_str()),
            "subject": r.passport.as_ref().map(|p| p.subject.clone()),
            "head_seq": r.passport.as_ref().and_then(|p| p.head_seq),
        });
        assert_eq!(&got, &case["expected"], "case {id}: {}", case["comment"]);
        // Every passport fits one QR alphanumeric segment of at most 200 characters.
        let text = case["passport"].as_str().unwrap();
        if r.passport.is_some() {
            assert!(text.len() <= 200);
            assert!(text
                .bytes()
                .all(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&b)));
        }
        run += 1;
    }
    assert_eq!(run, cases.len());
    assert!(run > 0);
}

#[test]
fn history_limits_are_enforced() {
    let doc = corpus("histories.json");
    let case = &doc["cases"][0];
    let bundle = case["bundle"].as_str().unwrap().as_bytes();
    let at = case["at"].as_i64().unwrap();
    let small = |limits: Limits| {
        let v = verifier(
            &doc,
            case,
            VerifyOptions {
                limits,
                ..VerifyOptions::default()
            },
        );
        verify_history(&v, bundle, at, &HistoryOptions::default())
    };
    let r = small(Limits {
        max_history_events: 3,
        ..Limits::DEFAULT
    });
    assert_eq!(codes(&r.failures), json!(["history.too_many_events"]));
    let r = small(Limits {
        max_history_bytes: bundle.len() - 1,
        ..Limits::DEFAULT
    });
    assert_eq!(codes(&r.failures), json!(["history.too_large"]));
    let r = small(Limits {
        max_recall_notices: 0,
        ..Limits::DEFAULT
    });
    assert_eq!(codes(&r.failures), json!(["history.too_many_events"]));
    assert_eq!(Limits::DEFAULT.max_history_events, 10_000);
}

#[test]
fn every_custody_case() {
    let doc = corpus("custody.json");
    let cases = cases(&doc);
    let mut run = 0;
    for case in cases {
        let report = custody_case(&doc, case);
        let got: Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(
            got, case["report"],
            "tcId {}: {}",
            case["tcId"], case["comment"]
        );
        let e = &case["expected"];
        assert_eq!(
            report.verdict.as_str(),
            e["verdict"],
            "tcId {}",
            case["tcId"]
        );
        assert_eq!(
            codes(&report.failures),
            e["failures"],
            "tcId {}",
            case["tcId"]
        );
        assert_eq!(
            codes(&report.warnings),
            e["warnings"],
            "tcId {}",
            case["tcId"]
        );
        assert_eq!(
            report
                .owner
                .as_ref()
                .map(|o| o.proof.statement_hash.as_str()),
            e["owner"]["statement_hash"].as_str(),
            "tcId {}",
            case["tcId"]
        );
        // Every proof names a statement of the bundle (or one of its recall notices).
        let bundle: Value = serde_json::from_str(case["bundle"].as_str().unwrap()).unwrap();
        let hashes: BTreeSet<String> = bundle["attestations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(bundle["recalls"].as_array().unwrap())
            .map(|env| {
                let e = hrid::envelope::Envelope::from_json(
                    env.to_string().as_bytes(),
                    usize::MAX,
                    &Limits::DEFAULT,
                )
                .unwrap();
                e.statement_hash()
            })
            .collect();
        for p in report
            .owner
            .iter()
            .map(|o| &o.proof)
            .chain(report.operation.iter().map(|o| &o.proof))
            .chain(report.ai_profile.iter().map(|s| &s.proof))
            .chain(report.recalls.iter().map(|r| &r.proof))
        {
            assert!(hashes.contains(&p.statement_hash), "tcId {}", case["tcId"]);
        }
        run += 1;
    }
    assert_eq!(run, cases.len());
}

#[test]
fn every_status_feed_case() {
    let doc = corpus("status-feed.json");
    let cases = check_ids(&doc);
    for case in cases {
        let r = status_feed_case(&doc, case);
        let got = json!({
            "verdict": r.verdict.as_str(),
            "failures": codes(&r.failures),
            "warnings": codes(&r.warnings),
            "passed": codes(&r.passed),
            "version": r.feed.as_ref().map(|f| f.version()),
        });
        assert_eq!(
            got, case["expected"],
            "status-feed.json case {}",
            case["tcId"]
        );
    }
    println!("status-feed.json: {} cases run", cases.len());
}
