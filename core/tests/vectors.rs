//! Runs every case of the shared corpus `test-vectors/codes.json` (the same file every binding
//! reads) through the public API.

use hrid::code::{self, CheckOptions, IdentityCode, SuggestOptions};
use serde_json::{json, Value};

mod common;
use common::corpus::{cases, corpus};

fn strip_messages(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("message");
            map.values_mut().for_each(strip_messages);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_messages),
        _ => {}
    }
}

#[test]
fn every_code_case() {
    let doc = corpus("codes.json");
    let cases = cases(&doc);
    let mut ids = std::collections::BTreeSet::new();
    let mut run = 0usize;
    for case in cases {
        let id = case["tcId"].as_u64().unwrap();
        assert!(ids.insert(id), "duplicate tcId {id}");
        let expected = &case["expected"];
        match case["kind"].as_str().unwrap() {
            "check" => {
                let input = case["input"].as_str().unwrap();
                let mut options = CheckOptions::default();
                options.structure_only = case["options"]["structure_only"].as_bool().unwrap();
                if case["options"]["two_errors"].as_bool().unwrap() {
                    options.suggest = SuggestOptions::with_two_errors();
                }
                let mut got = serde_json::to_value(code::check(input, options)).unwrap();
                strip_messages(&mut got);
                got.as_object_mut().unwrap().remove("input");
                assert_eq!(&got, expected, "case {id}: {}", case["comment"]);
                // The plain verbs agree with the report.
                if !options.structure_only {
                    assert_eq!(
                        code::is_valid(input),
                        expected["valid"].as_bool().unwrap(),
                        "case {id}"
                    );
                }
                if let Some(err) = expected["error"].as_object() {
                    let e = code::validate(input).unwrap_err();
                    if !options.structure_only {
                        assert_eq!(e.code(), err["code"].as_str().unwrap(), "case {id}");
                        assert_eq!(json!(e.position()), err["position"], "case {id}");
                    }
                }
            }
            "build" => {
                let f = &case["fields"];
                let got = IdentityCode::from_fields(
                    f["country"].as_str().unwrap(),
                    f["manufacturer"].as_str().unwrap(),
                    f["model"].as_str().unwrap(),
                    f["unit"].as_str().unwrap(),
                );
                let got = match got {
                    Ok(c) => json!({"valid": true, "code": c.as_str()}),
                    Err(e) => {
                        json!({"valid": false, "error": {"code": e.code(), "position": e.position()}})
                    }
                };
                assert_eq!(&got, expected, "case {id}: {}", case["comment"]);
            }
            "find" => {
                let scan = code::find(case["text"].as_str().unwrap());
                let found: Vec<Value> = scan.found.iter().map(|f| json!({"code": f.code.as_str(), "start": f.span.start, "end": f.span.end})).collect();
                let near: Vec<Value> = scan
                    .near_misses
                    .iter()
                    .map(|m| json!({"start": m.span.start, "end": m.span.end, "error": m.error.code(),
                        "suggestions": m.suggestions.iter().map(|s| s.code.as_str().to_owned()).collect::<Vec<_>>()}))
                    .collect();
                assert_eq!(
                    &json!({"found": found, "near_misses": near}),
                    expected,
                    "case {id}: {}",
                    case["comment"]
                );
            }
            other => panic!("case {id}: unknown kind {other}"),
        }
        run += 1;
    }
    assert!(
        run > 0 && run == cases.len(),
        "cases_run {run} of {}",
        cases.len()
    );
    println!("codes.json: {run} cases run");
}

#[test]
fn catalogue_file_lists_every_reason_code() {
    let doc = corpus("reason-codes.json");
    let listed: Vec<&str> = doc["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let ours: Vec<&str> = hrid::reason::ReasonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, ours);
}
