//! The shared corpus `test-vectors/*.json` (the files every binding reads): loading a file and its
//! cases, and the inputs its `notes` describe (trust anchors, trust lists, the verifier of a case,
//! a custody case), read one way for every test that runs the corpus.
//!
//! The core's tests use it as `common::corpus`; xtask's schema test includes this file by path.
//! Both packages sit one level below the workspace root, so `../test-vectors` is the corpus for
//! either.

#![allow(dead_code)] // not every test uses every reader

use hrid::access::{decide_access, AccessDecision, Evidence, Policy};
use hrid::history::{custody, verify_history, CustodyReport, HistoryOptions};
use hrid::keys::VerifyingKey;
use hrid::passport::{verify_passport, PassportOptions, PassportReport};
use hrid::status::{verify_status_feed, StatusFeedOptions, StatusFeedReport};
use hrid::trust::{TrustAnchor, TrustList, TrustListError, VerifiedTrustList};
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::Value;

/// `test-vectors/{name}`, parsed.
pub fn corpus(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../test-vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The file's `cases`: there are some, and `numberOfTests` counts them.
pub fn cases(doc: &Value) -> &Vec<Value> {
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    assert_eq!(doc["numberOfTests"].as_u64().unwrap() as usize, cases.len());
    cases
}

/// A trust anchor as the corpus writes it: `{"keys": [hex, ...], "threshold": n}`.
pub fn anchor(v: &Value) -> Result<TrustAnchor, TrustListError> {
    let keys = v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| VerifyingKey::from_hex(k.as_str().unwrap()).unwrap())
        .collect();
    TrustAnchor::new(keys, v["threshold"].as_u64().unwrap() as usize)
}

/// A trust-list entry (`{envelope, anchor, highest_seen_version}`), verified at `at`.
pub fn trust_list(entry: &Value, at: i64, options: &VerifyOptions) -> VerifiedTrustList {
    TrustList::verify(
        entry["envelope"].as_str().unwrap().as_bytes(),
        &anchor(&entry["anchor"]).unwrap(),
        entry["highest_seen_version"].as_u64().unwrap(),
        at,
        options,
    )
    .unwrap()
}

/// The verifier of a case in a file with named trust lists: the file's `trust_lists` entry the
/// case names, verified at the case's `trust_list_at`.
pub fn verifier(doc: &Value, case: &Value, options: VerifyOptions) -> Verifier {
    let entry = &doc["trust_lists"][case["trust_list"].as_str().unwrap()];
    let list = trust_list(entry, case["trust_list_at"].as_i64().unwrap(), &options);
    Verifier::new(list, options)
}

/// A case of `trust-lists.json`, verified as its `notes.how` says: without `previous`, against
/// the case's anchor; with it, as an update of `previous` (verified against the file's anchor).
pub fn trust_list_case(
    doc: &Value,
    case: &Value,
    options: &VerifyOptions,
) -> Result<VerifiedTrustList, TrustListError> {
    let envelope = case["envelope"].as_str().unwrap().as_bytes();
    let at = case["at"].as_i64().unwrap();
    match case["previous"].as_str() {
        None => anchor(&case["anchor"]).and_then(|a| {
            TrustList::verify(
                envelope,
                &a,
                case["highest_seen_version"].as_u64().unwrap(),
                at,
                options,
            )
        }),
        Some(prev) => {
            let prev = TrustList::verify(
                prev.as_bytes(),
                &anchor(&doc["anchor"]).unwrap(),
                0,
                at,
                options,
            )
            .unwrap();
            TrustList::verify_update(envelope, &prev, at, options)
        }
    }
}

/// A case of `custody.json`: its bundle verified at `verified_at`, asked about `at`.
pub fn custody_case(doc: &Value, case: &Value) -> CustodyReport {
    let v = verifier(doc, case, VerifyOptions::default());
    let history = verify_history(
        &v,
        case["bundle"].as_str().unwrap().as_bytes(),
        case["verified_at"].as_i64().unwrap(),
        &HistoryOptions::default(),
    );
    custody(&history, case["at"].as_i64().unwrap())
}

/// An access case of `histories.json`: the decision for its `code` and `policy` on the evidence it
/// carries (a passport, a bundle or both, and a status feed, verified at `at` with highest seen
/// version 0 and handed to the decision only when accepted), at `at`.
pub fn access_case(v: &Verifier, case: &Value) -> AccessDecision {
    let at = case["at"].as_i64().unwrap();
    let feed = case["status_feed"].as_str().and_then(|doc| {
        verify_status_feed(v, doc.as_bytes(), at, &StatusFeedOptions::default()).feed
    });
    let evidence = Evidence {
        passport: case["passport"].as_str(),
        history: case["bundle"].as_str().map(str::as_bytes),
        status_feed: feed.as_ref(),
    };
    let policy: Policy = case["policy"].as_str().unwrap().parse().unwrap();
    decide_access(
        v,
        case["code"].as_str().unwrap(),
        &evidence,
        policy,
        at,
        &hrid::access::AccessOptions::default(),
    )
}

/// A case of `passports.json`: its passport verified at `at`, with the case's newest seen time and
/// expected subject.
pub fn passport_case(doc: &Value, case: &Value) -> PassportReport {
    let options = PassportOptions {
        newest_seen: case["newest_seen"].as_i64(),
        expected_subject: case["expected_subject"]
            .as_str()
            .map(|s| s.parse().unwrap()),
        ..PassportOptions::default()
    };
    verify_passport(
        &verifier(doc, case, VerifyOptions::default()),
        case["passport"].as_str().unwrap(),
        case["at"].as_i64().unwrap(),
        &options,
    )
}

/// A case of `status-feed.json`: its document verified at `at`, with the case's highest version
/// seen before.
pub fn status_feed_case(doc: &Value, case: &Value) -> StatusFeedReport {
    let options = StatusFeedOptions {
        highest_seen_version: case["highest_seen_version"].as_u64().unwrap(),
        ..StatusFeedOptions::default()
    };
    verify_status_feed(
        &verifier(doc, case, VerifyOptions::default()),
        case["document"].as_str().unwrap().as_bytes(),
        case["at"].as_i64().unwrap(),
        &options,
    )
}

/// The `bundles` of an audit case: (file name, bundle bytes).
pub fn bundles(case: &Value) -> Vec<(String, Vec<u8>)> {
    case["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap().to_owned(),
                b["bundle"].as_str().unwrap().as_bytes().to_vec(),
            )
        })
        .collect()
}
