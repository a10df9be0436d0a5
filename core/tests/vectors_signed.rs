//! Runs every case of `test-vectors/keys.json`, `trust-lists.json` and `attestations.json` (the
//! files every binding reads) through the public API, and checks that the corpus as a whole
//! produces every reason code of the catalogue.

use std::collections::BTreeSet;

use hrid::keys::{SigningKey, VerifyingKey};
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::{json, Value};

mod common;
use common::corpus::{cases, corpus, trust_list, trust_list_case};

fn codes(findings: &[hrid::verify::Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

/// Runs `got` on every case of `doc` (the file `name`) and compares its result with the case's
/// `expected`.
fn every_case(name: &str, doc: &Value, mut got: impl FnMut(&Value) -> Value) {
    let mut run = 0;
    for case in cases(doc) {
        assert_eq!(
            got(case),
            case["expected"],
            "{name} case {}: {}",
            case["tcId"],
            case["comment"]
        );
        run += 1;
    }
    assert_eq!(run, cases(doc).len());
    println!("{name}: {run} cases run");
}

#[test]
fn every_key_case() {
    let doc = corpus("keys.json");
    every_case("keys.json", &doc, |case| {
        let input = case["input"].as_str().unwrap();
        let private = case["private"].as_bool().unwrap();
        let result = match (case["format"].as_str().unwrap(), private) {
            ("hex", true) => SigningKey::from_hex(input).map(|k| k.verifying_key()),
            ("hex", false) => VerifyingKey::from_hex(input),
            ("pem", true) => SigningKey::from_pkcs8_pem(input).map(|k| k.verifying_key()),
            ("pem", false) => VerifyingKey::from_public_key_pem(input),
            ("der_hex", true) => {
                SigningKey::from_pkcs8_der(&hex::decode(input).unwrap()).map(|k| k.verifying_key())
            }
            ("der_hex", false) => VerifyingKey::from_public_key_der(&hex::decode(input).unwrap()),
            other => panic!("unknown format {other:?}"),
        };
        match result {
            Ok(v) => json!({"ok": true, "public_key": v.to_hex(), "key_id": v.key_id().as_str()}),
            Err(e) => json!({"ok": false, "code": e.code()}),
        }
    });
}

#[test]
fn every_trust_list_case() {
    let doc = corpus("trust-lists.json");
    let opts = VerifyOptions::default();
    every_case("trust-lists.json", &doc, |case| {
        let result = trust_list_case(&doc, case, &opts);
        match result {
            Ok(v) => {
                json!({"result": "accepted", "version": v.version(), "warnings": codes(v.warnings())})
            }
            Err(e) => {
                let result = if e.reason().severity() == hrid::reason::Severity::Indeterminate {
                    "indeterminate"
                } else {
                    "rejected"
                };
                json!({"result": result, "code": e.code()})
            }
        }
    });
}

#[test]
fn every_attestation_case() {
    let doc = corpus("attestations.json");
    let tl = &doc["trust_list"];
    let list = trust_list(tl, tl["at"].as_i64().unwrap(), &VerifyOptions::default());
    let verifier = Verifier::new(list, VerifyOptions::default());
    every_case("attestations.json", &doc, |case| {
        let r = verifier.verify(
            case["envelope"].as_str().unwrap().as_bytes(),
            case["at"].as_i64().unwrap(),
        );
        json!({
            "verdict": r.verdict.as_str(), "failures": codes(&r.failures), "warnings": codes(&r.warnings),
            "passed": codes(&r.passed), "statement_hash": r.statement.as_ref().map(|s| s.statement_hash().to_owned()),
        })
    });
}

/// Codes no input can produce, with the reason; every other catalogue code must appear in the
/// corpus.
const UNREACHABLE_FROM_INPUT: &[(&str, &str)] = &[
    ("key.encoding_failed", "exporting a valid key cannot fail"),
    (
        "history.too_large",
        "needs a bundle over 64 MiB: tested at the default limit in limits.rs",
    ),
    (
        "history.too_many_events",
        "needs over 10,000 events: tested at the default limit in limits.rs",
    ),
    (
        "passport.field_invalid",
        "raised when issuing a passport, never when verifying one",
    ),
    (
        "status_feed.too_large",
        "needs a feed document over 256 MiB: tested with a small limit in status_feed.rs",
    ),
];

fn collect(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("code" | "error", Value::String(s)) if s.contains('.') && !s.contains(' ') => {
                        out.insert(s.clone());
                    }
                    ("failures" | "warnings" | "passed", Value::Array(items)) => {
                        for i in items {
                            if let Value::String(s) = i {
                                out.insert(s.clone());
                            }
                        }
                        collect(x, out);
                    }
                    _ => collect(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        _ => {}
    }
}

#[test]
fn every_reason_code_has_a_vector() {
    let mut produced = BTreeSet::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../test-vectors");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".json") && name != "reason-codes.json" {
            collect(&corpus(&name)["cases"], &mut produced);
        }
    }
    let missing: Vec<&str> = hrid::reason::ReasonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !produced.contains(*c) && !UNREACHABLE_FROM_INPUT.iter().any(|(u, _)| u == c))
        .collect();
    assert!(
        missing.is_empty(),
        "reason codes no vector produces: {missing:?}"
    );
    let unknown: Vec<&String> = produced
        .iter()
        .filter(|c| c.parse::<hrid::reason::ReasonCode>().is_err())
        .collect();
    assert!(
        unknown.is_empty(),
        "vectors name codes the catalogue lacks: {unknown:?}"
    );
}
