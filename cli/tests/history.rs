//! The verify-history, passport, recall, audit and access commands end to end, on the shared
//! corpus `test-vectors/histories.json` and `passports.json` and on documents the CLI issues.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

mod common;

use std::process::Output;

use common::corpus::{case, code_list, corpus, exit_of, json, strings, Fixture};
use common::{hrid, tempdir};
use serde_json::Value;

/// The verdict, the exit code that goes with it and the failure codes, as the case expects.
fn assert_verdict_and_failures(out: &Output, report: &Value, e: &Value, tc_id: u64) {
    assert_outcome_and_failures("verdict", out, report, e, tc_id);
}

/// The outcome (under `key`: "verdict", or "decision" for access), the exit code that goes with
/// it and the failure codes, as the case expects.
fn assert_outcome_and_failures(key: &str, out: &Output, report: &Value, e: &Value, tc_id: u64) {
    assert_eq!(report[key], e[key], "case {tc_id}");
    assert_eq!(
        out.status.code(),
        Some(exit_of(e[key].as_str().unwrap())),
        "case {tc_id}"
    );
    assert_eq!(
        code_list(&report["failures"]),
        strings(&e["failures"]),
        "case {tc_id}"
    );
}

/// A histories.json case, a fixture for it, and the case's bundle written to a file.
fn history_case(tc_id: u64) -> (Value, Fixture, String) {
    let h = corpus("histories.json");
    let c = case(&h, tc_id);
    let fx = Fixture::new(&h);
    let bundle = fx.file("bundle.json", c["bundle"].as_str().unwrap());
    (c, fx, bundle)
}

/// Run one histories.json `history` case and compare with its expectation.
fn check_history(tc_id: u64) {
    let (c, fx, bundle) = history_case(tc_id);
    assert_eq!(c["at"], c["trust_list_at"], "case {tc_id}");
    for (out, report) in fx.run_json_unbatched_and_batched(&["verify-history", &bundle], &c["at"]) {
        let e = &c["expected"];
        assert_verdict_and_failures(&out, &report, e, tc_id);
        assert_eq!(
            report["health"]["status"].clone(),
            e["status"].clone(),
            "case {tc_id}"
        );
    }
    // Human output names the verdict and each failure's code.
    let out = fx.run(&["verify-history", &bundle], &c["at"]);
    let text = String::from_utf8_lossy(&out.stdout).to_uppercase();
    assert!(text.contains(&c["expected"]["verdict"].as_str().unwrap().to_uppercase()));
    for code in strings(&c["expected"]["failures"]) {
        assert!(text.contains(&code.to_uppercase()), "case {tc_id}: {code}");
    }
}

#[test]
fn verify_history_accepts_a_whole_life() {
    check_history(1); // a whole life in service, a recall remedied
    let (c, fx, bundle) = history_case(1);
    let out = fx.run(&["verify-history", &bundle], &c["at"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ACCEPTED"), "{text}");
    assert!(
        text.contains("health:") && text.contains("open recalls  none"),
        "{text}"
    );
}

#[test]
fn verify_history_rejects_a_sale_after_scrap() {
    check_history(17);
}

#[test]
fn verify_history_other_verdicts() {
    check_history(4); // open recall: accepted, with the recall open
    check_history(27); // odometer fraud
    check_history(34); // fork
    check_history(39); // unknown signer: indeterminate
    check_history(45); // not JSON
}

fn check_passport(tc_id: u64) -> Value {
    let p = corpus("passports.json");
    let c = case(&p, tc_id);
    assert_eq!(c["trust_list_at"], 1_798_761_600, "case {tc_id}");
    let fx = Fixture::new(&p);
    let file = fx.file("passport.txt", c["passport"].as_str().unwrap());
    let mut args = vec!["passport", "verify", file.as_str(), "--json"];
    let subject = c["expected_subject"].as_str().map(str::to_owned);
    if let Some(s) = &subject {
        args.extend(["--expected-subject", s]);
    }
    let newest = c["newest_seen"].as_i64().map(|n| n.to_string());
    if let Some(n) = &newest {
        args.extend(["--newest-seen", n]);
    }
    // The trust list is verified at the case's time too: every case used here has
    // at >= trust_list_at within the list's validity.
    let out = fx.run(&args, &c["at"]);
    let report = json(&out);
    assert_verdict_and_failures(&out, &report, &c["expected"], tc_id);
    report
}

#[test]
fn passport_verify_fresh_stale_expired_tampered() {
    let fresh = check_passport(1);
    assert_eq!(fresh["passport"]["status"], "active");
    let stale = check_passport(12);
    assert_eq!(code_list(&stale["warnings"]), ["passport.stale"]);
    check_passport(14); // expired
    check_passport(15); // clock set back
    check_passport(18); // another robot's passport
    check_passport(19); // tampered history hash
    check_passport(20); // tampered signature
    check_passport(22); // unknown key: indeterminate
    check_passport(23); // lower case: malformed
}

#[test]
fn passport_inline_text_and_human_output() {
    let p = corpus("passports.json");
    let c = case(&p, 14);
    let fx = Fixture::new(&p);
    let out = fx.run(
        &["passport", "verify", c["passport"].as_str().unwrap()],
        &c["at"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("REJECTED") && text.contains("[passport.expired]"),
        "{text}"
    );
}

/// The corpus's registry key (xtask/src/world.rs: seed 10) issues a passport from a verified
/// history; it verifies, and access decisions accept it.
#[test]
fn passport_issue_from_history_then_verify_and_decide() {
    let (c, fx, bundle) = history_case(1);
    let list = fx.dir.path().join("list.json").display().to_string();
    let at = c["at"].as_i64().unwrap().to_string();
    let registry = "0a".repeat(32);
    let issue = |history: &str, extra: &[&str]| {
        let mut args = vec![
            "passport",
            "issue",
            "--key",
            &registry,
            "--from-history",
            history,
            "--trust-list",
            &list,
            "--root-key",
            &fx.root_key,
            "--issued-at",
            &at,
        ];
        args.extend(extra);
        hrid(&args)
    };
    let out_file = fx.dir.path().join("robot.passport").display().to_string();
    let out = issue(&bundle, &["--out", &out_file]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("HP1:"));

    let report = json(&fx.run(&["passport", "verify", &out_file, "--json"], &c["at"]));
    assert_eq!(report["verdict"], "accepted");
    assert_eq!(report["passport"]["status"], "active");
    assert_eq!(report["passport"]["head_seq"], c["expected"]["head_seq"]);

    let code = "860042A3W0F50000000012345ZAR2";
    let out = fx.run(
        &[
            "access",
            code,
            "--policy",
            "deployment",
            "--passport",
            &out_file,
            "--history",
            &bundle,
            "--json",
        ],
        &c["at"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["decision"], "allowed");

    // A scrapped robot's rejected history: no passport is issued.
    let h = corpus("histories.json");
    let scrapped = fx.file("scrapped.json", case(&h, 17)["bundle"].as_str().unwrap());
    let out = issue(&scrapped, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("HP1:"));
}

#[test]
fn passport_issue_from_fields_and_usage_errors() {
    let p = corpus("passports.json");
    let fx = Fixture::new(&p);
    let registry = "0a".repeat(32);
    let hash = "ab".repeat(32);
    let out = hrid(&[
        "passport",
        "issue",
        "--key",
        &registry,
        "--subject",
        "860042A3W0F50000000012345ZAR2",
        "--status",
        "suspended",
        "--head-seq",
        "3",
        "--head-hash",
        &hash,
        "--issued-at",
        "1798761600",
        "--valid-days",
        "10",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let report = json(&fx.run(
        &["passport", "verify", &text, "--json"],
        &1_798_761_600.into(),
    ));
    assert_eq!(report["verdict"], "accepted");
    assert_eq!(report["passport"]["status"], "suspended");
    assert_eq!(report["passport"]["head_seq"], 3);
    assert_eq!(report["passport"]["head_hash_prefix"], "ab".repeat(16));
    assert_eq!(
        report["passport"]["expires_at"],
        1_798_761_600 + 10 * 86_400
    );

    let base = ["passport", "issue", "--key", registry.as_str()];
    for extra in [
        &[
            "--subject",
            "860042A3W0F50000000012345ZAR2",
            "--status",
            "sold",
        ][..],
        &[
            "--subject",
            "860042A3W0F50000000012345ZAR3",
            "--status",
            "active",
        ][..],
        &["--status", "active"][..],
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        assert_eq!(hrid(&args).status.code(), Some(2), "{args:?}");
    }
}

/// The `hrid access` arguments of a histories.json access case: its code, policy and evidence
/// (passport and bundle written to files), with `--json`.
fn access_args(fx: &Fixture, c: &Value) -> Vec<String> {
    let mut args = vec![
        "access".to_owned(),
        c["code"].as_str().unwrap().to_owned(),
        "--policy".to_owned(),
        c["policy"].as_str().unwrap().to_owned(),
        "--json".to_owned(),
    ];
    if let Some(p) = c["passport"].as_str() {
        args.extend(["--passport".to_owned(), fx.file("passport.txt", p)]);
    }
    if let Some(b) = c["bundle"].as_str() {
        args.extend(["--history".to_owned(), fx.file("bundle.json", b)]);
    }
    args
}

/// Run one histories.json access case as the corpus says: its status feed, when it has one, is
/// verified at `at` (highest seen version 0) and held beside the evidence only when accepted.
/// `hrid access --status-feed` refuses a feed that is not accepted, with the feed's report and
/// exit code; the decision is then the one without it.
fn check_access(tc_id: u64) {
    let h = corpus("histories.json");
    let c = case(&h, tc_id);
    let fx = Fixture::for_case(&h, &c);
    let mut args = access_args(&fx, &c);
    if let Some(feed) = c["status_feed"].as_str() {
        let feed = fx.file("feed.json", feed);
        let verified = fx.run(&["status-feed", "verify", &feed, "--json"], &c["at"]);
        let report = json(&verified);
        let with_feed: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .chain(["--status-feed", feed.as_str()])
            .collect();
        if report["verdict"] == "accepted" {
            args = with_feed.iter().map(|a| (*a).to_owned()).collect();
        } else {
            let refused = fx.run(&with_feed, &c["at"]);
            assert_eq!(
                refused.status.code(),
                verified.status.code(),
                "case {tc_id}"
            );
            assert_eq!(json(&refused), report, "case {tc_id}: the feed's report");
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = fx.run(&args, &c["at"]);
    let d = json(&out);
    let e = &c["expected"];
    assert_outcome_and_failures("decision", &out, &d, e, tc_id);
    assert_eq!(
        code_list(&d["warnings"]),
        strings(&e["warnings"]),
        "case {tc_id}"
    );
    assert_eq!(d["status"], e["status"], "case {tc_id}");
}

/// Every access case of histories.json, with its status feed and trust list.
#[test]
fn access_every_case() {
    let h = corpus("histories.json");
    let mut run = 0;
    for c in h["cases"].as_array().unwrap() {
        if c["kind"] == "access" {
            check_access(c["tcId"].as_u64().unwrap());
            run += 1;
        }
    }
    assert!(run > 0);
    println!("histories.json: {run} access cases run through hrid access");
}

#[test]
fn access_human_output() {
    let (c, fx, bundle) = history_case(57);
    let out = fx.run(
        &[
            "access",
            c["code"].as_str().unwrap(),
            "--policy",
            "sale",
            "--history",
            &bundle,
        ],
        &c["at"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("DENIED") && text.contains("[access.scrapped]"),
        "{text}"
    );
    let out = fx.run(
        &["access", c["code"].as_str().unwrap(), "--policy", "rent"],
        &c["at"],
    );
    assert_eq!(out.status.code(), Some(2));
}

fn check_audit(tc_id: u64) -> (Output, Value) {
    let h = corpus("histories.json");
    let c = case(&h, tc_id);
    let fx = Fixture::new(&h);
    for b in c["bundles"].as_array().unwrap() {
        fx.file(
            &format!("fleet/{}", b["name"].as_str().unwrap()),
            b["bundle"].as_str().unwrap(),
        );
    }
    // Other hrid documents are listed, not audited; files that are not *.json are not inputs.
    fx.file(
        "fleet/list.json",
        h["trust_lists"]["default"]["envelope"].as_str().unwrap(),
    );
    fx.file("fleet/notes.txt", "not json");
    let dir = fx.dir.path().join("fleet").display().to_string();
    for (out, report) in fx.run_json_unbatched_and_batched(&["audit", &dir], &c["at"]) {
        let e = &c["expected"];
        assert_verdict_and_failures(&out, &report, e, tc_id);
        let mut got: Vec<(String, Value)> = report["robots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_owned(),
                    r["report"]["verdict"].clone(),
                )
            })
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want: Vec<(String, Value)> = e["robots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let name = r["name"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches(".json")
                    .to_owned();
                (name, r["verdict"].clone())
            })
            .collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, want, "case {tc_id}");
    }
    let out = fx.run(&["audit", &dir], &c["at"]);
    (out, c)
}

#[test]
fn audit_finds_a_reused_scrapped_part() {
    let (out, _) = check_audit(48);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("REJECTED"), "{text}");
    assert!(text.contains("[audit.scrapped_part_reused]"), "{text}");
    assert!(
        text.contains("ACCEPTED  reuser") && text.contains("ACCEPTED  scrapped"),
        "{text}"
    );
}

#[test]
fn audit_other_cases() {
    check_audit(47); // a clean fleet
    check_audit(49); // a new robot built with a scrapped part
    check_audit(50); // cloned code
    check_audit(51); // one part in two robots
}

#[test]
fn audit_of_a_folder_without_bundles_is_a_usage_error() {
    let h = corpus("histories.json");
    let fx = Fixture::new(&h);
    fx.file(
        "empty/list.json",
        h["trust_lists"]["default"]["envelope"].as_str().unwrap(),
    );
    let dir = fx.dir.path().join("empty").display().to_string();
    let out = fx.run(&["audit", &dir], &1_798_761_600.into());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("list.json is a signed envelope"));
}

/// Nothing is skipped silently (#19): a file that is not a readable bundle (a byte-order mark,
/// trailing bytes, not an object) is audited and reported as a rejected robot with its reason.
#[test]
fn audit_reports_every_file_it_cannot_read() {
    let h = corpus("histories.json");
    let c = case(&h, 47);
    let fx = Fixture::new(&h);
    let good = c["bundles"][0]["bundle"].as_str().unwrap();
    fx.file("fleet/a.json", good);
    fx.file("fleet/bom.json", &format!("\u{feff}{good}"));
    fx.file("fleet/trailing.json", &format!("{good} x"));
    fx.file("fleet/array.json", "[]");
    let dir = fx.dir.path().join("fleet").display().to_string();
    let out = fx.run(&["audit", &dir, "--json"], &c["at"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let robots: Vec<(String, String, Vec<String>)> = report["robots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["report"]["verdict"].as_str().unwrap().to_owned(),
                r["report"]["failures"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["code"].as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let names: Vec<&str> = robots.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["a", "array", "bom", "trailing"]);
    assert_eq!(robots[0].1, "accepted");
    for r in &robots[1..] {
        assert_eq!(r.1, "rejected", "{r:?}");
        assert!(r.2.iter().any(|c| c == "history.malformed"), "{r:?}");
    }
}

#[test]
fn recall_issue_writes_a_signed_notice_and_refuses_invalid_ones() {
    let dir = tempdir::Dir::new();
    let out_file = dir.path().join("R-1.dsse.json").display().to_string();
    let acme = "0c".repeat(32);
    let out = hrid(&[
        "recall",
        "issue",
        "--key",
        &acme,
        "--issuer",
        "acme",
        "--recall-id",
        "R-2026-009",
        "--defect",
        "knee actuator may overheat",
        "--remedy",
        "replace the actuator",
        "--manufacturer",
        "0042",
        "--model",
        "A3W0F5",
        "--units",
        "0000000000000-0000000099999",
        "--code",
        "86-0042-A3W0F5-0000000012345-ZAR2",
        "--issued-at",
        "2026-06-01T00:00:00Z",
        "--out",
        &out_file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let envelope: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(
        envelope["payloadType"],
        "application/vnd.hrid.recall.v1+json"
    );
    use base64::Engine as _;
    let payload = base64::engine::general_purpose::STANDARD
        .decode(envelope["payload"].as_str().unwrap())
        .unwrap();
    let notice: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(notice["recall_id"], "R-2026-009");
    assert_eq!(notice["issued_at"], 1_780_272_000);
    assert_eq!(notice["population"]["manufacturer"], "0042");
    assert_eq!(
        notice["population"]["unit_ranges"][0]["last"],
        "0000000099999"
    );
    assert_eq!(
        notice["population"]["codes"][0],
        "860042A3W0F50000000012345ZAR2"
    );

    // Unit ranges without a manufacturer; a bad range; an empty population.
    for extra in [
        &["--units", "0000000000000-0000000099999"][..],
        &[
            "--manufacturer",
            "0042",
            "--units",
            "0000000000009-0000000000001",
        ][..],
        &["--manufacturer", "0042", "--units", "nodash"][..],
        &[][..],
    ] {
        let mut args = vec![
            "recall",
            "issue",
            "--key",
            acme.as_str(),
            "--issuer",
            "acme",
            "--recall-id",
            "R-X",
            "--defect",
            "d",
            "--remedy",
            "r",
            "--out",
            out_file.as_str(),
        ];
        args.extend(extra);
        assert_eq!(hrid(&args).status.code(), Some(2), "{args:?}");
    }
}

/// Every custody.json case through `hrid custody --json`: the same report as the core's.
#[test]
fn custody_every_case() {
    let doc = corpus("custody.json");
    let fx = Fixture::new(&doc);
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let bundle = fx.file(
            &format!("custody/{}.json", case["tcId"]),
            case["bundle"].as_str().unwrap(),
        );
        let subject: Value = serde_json::from_str(case["bundle"].as_str().unwrap()).unwrap();
        let verified_at = case["verified_at"].as_i64().unwrap().to_string();
        let out = fx.run(
            &[
                "custody",
                subject["subject"].as_str().unwrap(),
                "--history",
                &bundle,
                "--verified-at",
                &verified_at,
                "--json",
            ],
            &case["at"],
        );
        assert_eq!(json(&out), case["report"], "tcId {}", case["tcId"]);
        assert_eq!(
            out.status.code(),
            Some(exit_of(case["expected"]["verdict"].as_str().unwrap())),
            "tcId {}",
            case["tcId"]
        );
    }
    assert!(!cases.is_empty());
}

#[test]
fn custody_human_output_and_usage_errors() {
    let doc = corpus("custody.json");
    let fx = Fixture::new(&doc);
    let case = &doc["cases"][10]; // exactly at the recall notice
    let bundle = fx.file("custody.json", case["bundle"].as_str().unwrap());
    let verified_at = case["verified_at"].as_i64().unwrap().to_string();
    let code = "860042A3W0F50000000012360";
    let subject: Value = serde_json::from_str(case["bundle"].as_str().unwrap()).unwrap();
    let subject = subject["subject"].as_str().unwrap();
    assert!(subject.starts_with(code));
    let out = fx.run(
        &[
            "custody",
            subject,
            "--history",
            &bundle,
            "--verified-at",
            &verified_at,
        ],
        &case["at"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for needle in [
        "ANSWERED",
        "owner",
        "cityops (by sold",
        "operator",
        "warehouse-7",
        "R-2026-001",
        "OPEN at that moment",
        "[custody.recall_open]",
        "proof: seq 4 sold",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    // Another robot's code: a usage error, not a report about the wrong robot.
    let other = fx.run(
        &[
            "custody",
            "860042A3W0F50000000012345ZAR2",
            "--history",
            &bundle,
            "--verified-at",
            &verified_at,
        ],
        &case["at"],
    );
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("is about"));
    // Not a code, not a time.
    assert_eq!(
        fx.run(
            &["custody", "not-a-code", "--history", &bundle],
            &case["at"]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        hrid(&[
            "custody",
            subject,
            "--history",
            &bundle,
            "--at",
            "yesterday"
        ])
        .status
        .code(),
        Some(2)
    );
}
