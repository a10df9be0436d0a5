//! The `hrid` binary's documented behaviour: outputs and exit codes.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::hrid;

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const GOOD: &str = "860042A3W0F50000000012345ZAR2";

#[test]
fn check_valid_exits_0() {
    let out = hrid(&["code", "check", GOOD]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("86-0042-A3W0F5-0000000012345-ZAR2"));
}

#[test]
fn every_single_change_exits_1_and_suggests_the_original_first() {
    for p in 0..29 {
        let mut bad: Vec<char> = GOOD.chars().collect();
        bad[p] = if bad[p] == '7' { '8' } else { '7' };
        let bad: String = bad.into_iter().collect();
        let out = hrid(&["code", "check", &bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let out = hrid(&["code", "check", "--json", &bad]);
        assert_eq!(out.status.code(), Some(1));
        let v = &json_lines(&out)[0];
        assert_eq!(v["input"], bad.as_str());
        assert_eq!(v["valid"], false);
        assert_eq!(v["error"]["code"], "code.check_failed");
        assert_eq!(v["error"]["position"], p);
        assert_eq!(v["suggestions"][0]["code"], GOOD);
        assert_eq!(v["suggestions"][0]["tier"], "A");
        assert_eq!(
            v["suggestions"][0]["changed_positions"],
            serde_json::json!([p])
        );
    }
}

#[test]
fn check_json_shape_for_a_valid_code() {
    let out = hrid(&[
        "code",
        "check",
        "--json",
        "86-0042-a3w0f5-0000000012345-zar2",
        GOOD,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    let v = &lines[0];
    assert_eq!(v["valid"], true);
    assert_eq!(v["canonical"], GOOD);
    assert_eq!(v["display"], "86-0042-A3W0F5-0000000012345-ZAR2");
    assert_eq!(v["fields"]["country"], "86");
    assert_eq!(v["fields"]["manufacturer"], "0042");
    assert_eq!(v["fields"]["model"], "A3W0F5");
    assert_eq!(v["fields"]["unit"], "0000000012345");
    assert_eq!(v["fields"]["check"], "ZAR2");
}

#[test]
fn mixed_inputs_exit_1_and_invalid_characters_are_located() {
    let out = hrid(&[
        "code",
        "check",
        "--json",
        GOOD,
        "8600U2A3W0F50000000012345ZAR2",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = &json_lines(&out)[1];
    assert_eq!(v["error"]["code"], "code.invalid_character");
    assert_eq!(v["error"]["position"], 4);
    assert_eq!(v["suggestions"][0]["code"], GOOD);
}

#[test]
fn structure_only_is_indeterminate_never_valid() {
    let out = hrid(&[
        "code",
        "check",
        "--structure-only",
        "--json",
        "860042A3W0F50000000012345ZAR3",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let v = &json_lines(&out)[0];
    assert_eq!(v["valid"], false);
    assert_eq!(v["structure_only"], true);
    assert_eq!(v["warning"]["code"], "code.structure_only");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(hrid(&["code", "check"]).status.code(), Some(2));
    assert_eq!(hrid(&["code", "frobnicate"]).status.code(), Some(2));
    let out = code_new("004", "1", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("code.field_invalid"));
    assert_eq!(
        hrid(&["code", "find", "/nonexistent/file"]).status.code(),
        Some(2)
    );
}

/// `hrid code new` in China (86) for model A3W0F5, with this manufacturer and unit.
fn code_new(manufacturer: &str, unit: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "code",
        "new",
        "--country",
        "86",
        "--manufacturer",
        manufacturer,
    ];
    args.extend(["--model", "A3W0F5", "--unit", unit]);
    args.extend(extra);
    hrid(&args)
}

#[test]
fn new_builds_the_worked_example() {
    let out = code_new("0042", "12345", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), GOOD);
    let out = code_new("0042", "12345", &["--display"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "86-0042-A3W0F5-0000000012345-ZAR2"
    );
}

#[test]
fn explain_names_the_fields() {
    let out = hrid(&["code", "explain", GOOD]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "country",
        "86 (China)",
        "manufacturer",
        "0042",
        "model",
        "A3W0F5",
        "unit number",
        "check",
        "ZAR2",
    ] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
    assert_eq!(
        hrid(&["code", "explain", "860042A3W0F50000000012345ZAR3"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn find_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hrid"))
        .args(["code", "find", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"listing: 86-0042-A3W0F5-0000000012345-ZAR2, and a typo 860042A3W0F50000000012345ZARX.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a near miss makes find exit 1");
    let lines = json_lines(&out);
    assert_eq!(lines[0]["kind"], "found");
    assert_eq!(lines[0]["code"], GOOD);
    assert_eq!(lines[0]["start"], 9);
    assert_eq!(lines[1]["kind"], "near_miss");
    assert_eq!(lines[1]["suggestions"][0]["code"], GOOD);
}

#[test]
fn demo_runs_on_embedded_defaults_and_ends_with_what_the_registry_stops() {
    let dir = std::env::temp_dir().join(format!("hrid-demo-{}", std::process::id()));
    let out = hrid(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("did you mean"));
    assert!(text.contains("ACCEPTED  15 statements"), "{text}");
    let scene = |start: &str, end: &str| -> Vec<String> {
        text.split(start)
            .nth(1)
            .and_then(|rest| rest.split(end).next())
            .unwrap_or_default()
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let stops = scene("7. What the registry stops", "8. What a seller");
    assert!(
        stops[0].contains("DENIED") && stops[0].contains("resale of scrapped robot"),
        "{stops:?}"
    );
    assert!(stops[1].contains("lifecycle.sale_after_scrap"));
    assert!(stops[2].contains("REUSED") && stops[2].contains("ACT-0042-000001"));
    assert!(stops[3].contains("audit.scrapped_part_reused"));
    // Scene 8, the last: each thing a seller hides is denied, with the finding that gives it away.
    let hidden = scene("8. What a seller cannot hide", "\u{0}");
    assert_eq!(hidden.len(), 6, "{hidden:?}");
    for (i, (what, code)) in [
        ("recall notice removed", "access.recall_open"),
        ("cut short before its scrapping", "access.evidence_conflict"),
        ("valid ten years", "passport.lifetime_too_long"),
    ]
    .into_iter()
    .enumerate()
    {
        assert!(
            hidden[2 * i].contains("DENIED") && hidden[2 * i].contains(what),
            "{hidden:?}"
        );
        assert!(hidden[2 * i].contains(code), "{hidden:?}");
    }
    assert!(hidden[1].contains("[recall.open]"));
    assert!(hidden[3].contains("[history.registry_conflict]"));
    assert!(hidden[5].contains("[passport.lifetime_too_long]"));
    // Scene 4 holds the feed: robot 2 is allowed, robot 1 (scrapped) is not.
    let decisions = scene("4. Market-access decisions", "5. An incident");
    assert!(
        decisions[0].contains("DENIED") && decisions[0].contains("access.scrapped"),
        "{decisions:?}"
    );
    assert!(
        decisions[1].contains("ALLOWED") && decisions[1].contains("robot 2"),
        "{decisions:?}"
    );
    for file in [
        "trust-list.dsse.json",
        "status-feed.json",
        "keys/root-1.pub.pem",
        "histories/860042A3W0F50000000012345ZAR2.json",
        "passports/860042A3W0F50000000012345ZAR2.txt",
        "labels/860042A3W0F50000000012345ZAR2.nameplate.png",
        "labels/860042A3W0F50000000012346ET4W.passport.png",
    ] {
        assert!(dir.join(file).exists(), "{file} not written");
    }
    // The incident: owner, operator, AI profile and the open recall, each with its proof.
    let incident = text
        .split("5. An incident")
        .nth(1)
        .and_then(|rest| rest.split("6. Files").next())
        .unwrap_or_default();
    for needle in [
        "ANSWERED",
        "citycare (by sold",
        "citycare at site Shanghai Elder Care Centre 3",
        "care-assist 1.0 installed by acme",
        "ACME-2026-007 by acme",
        "OPEN at that moment",
        "[custody.recall_open]",
    ] {
        assert!(
            incident.contains(needle),
            "{needle} missing from:\n{incident}"
        );
    }
    assert!(incident.matches("proof: ").count() >= 6, "{incident}");
    let report: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("incidents/860042A3W0F50000000012345ZAR2-1778927400.custody.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(report["owner"]["owner"], "citycare");
    assert_eq!(report["operation"]["operator"], "citycare");
    assert_eq!(report["ai_profile"]["version"], "care-assist 1.0");
    assert_eq!(report["recalls"][0]["state"], "open");
    assert_eq!(
        report["owner"]["proof"]["statement_hash"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    let passport =
        std::fs::read_to_string(dir.join("passports/860042A3W0F50000000012345ZAR2.txt")).unwrap();
    assert!(passport.trim().len() <= 200 && passport.starts_with("HP1:"));
    // The same output twice: fixed seeds, fixed clock.
    let again = hrid(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(again.stdout, out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn label_then_scan_round_trips_a_code() {
    let dir = std::env::temp_dir().join(format!("hrid-label-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("l.png");
    let svg = dir.join("l.svg");
    let out = hrid(&[
        "label",
        GOOD,
        "--png",
        png.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let out = hrid(&["scan", png.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = &json_lines(&out)[0];
    assert_eq!(v["kind"], "code");
    assert_eq!(v["report"]["canonical"], GOOD);
    assert_eq!(v["printed"]["status"], "matches");
    let out = hrid(&["scan", svg.to_str().unwrap(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an SVG file is not an image the scanner reads"
    );
    assert_eq!(
        json_lines(&out)[0]["error"]["code"],
        "label.image_unreadable"
    );
    assert_eq!(
        hrid(&[
            "label",
            "860042A3W0F50000000012345ZAR3",
            "--png",
            png.to_str().unwrap()
        ])
        .status
        .code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_passports_round_trip_through_labels_and_scan() {
    let dir = std::env::temp_dir().join(format!("hrid-demo-scan-{}", std::process::id()));
    assert_eq!(
        hrid(&["demo", "--out", dir.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let d = |p: &str| dir.join(p).to_str().unwrap().to_owned();
    let trust = [
        "--trust-list",
        &d("trust-list.dsse.json"),
        "--root-key",
        &d("keys/root-1.pub.pem"),
        "--at",
        "2027-02-05T00:00:00Z",
    ]
    .map(str::to_owned);
    for (code, status) in [
        ("860042A3W0F50000000012345ZAR2", "dismantled"),
        ("860042A3W0F50000000012346ET4W", "active"),
    ] {
        let png = d(&format!("{code}.relabel.png"));
        let out = hrid(&["label", &d(&format!("passports/{code}.txt")), "--png", &png]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut args = vec!["scan".to_owned(), png.clone(), "--json".to_owned()];
        args.extend(trust.iter().cloned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = hrid(&args);
        assert_eq!(out.status.code(), Some(0));
        let v = &json_lines(&out)[0];
        assert_eq!(v["kind"], "passport");
        assert_eq!(v["report"]["verdict"], "accepted");
        assert_eq!(v["report"]["passport"]["status"], status);
        assert_eq!(v["report"]["passport"]["subject"], code);
        assert_eq!(v["printed"]["status"], "read");
    }
    // Without a trust list a passport cannot be verified: a usage error.
    assert_eq!(
        hrid(&[
            "scan",
            &d("labels/860042A3W0F50000000012345ZAR2.passport.png")
        ])
        .status
        .code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fail closed (issue #19): nothing is trusted that the caller did not pin; k-of-n never becomes
/// 1-of-n; times take any RFC 3339 offset.
#[test]
fn trust_is_pinned_or_refused_and_times_take_any_offset() {
    let dir = std::env::temp_dir().join(format!("hrid-pin-{}", std::process::id()));
    assert_eq!(
        hrid(&["demo", "--out", dir.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let d = |p: &str| dir.join(p).to_str().unwrap().to_owned();
    let (list, bundle) = (
        d("trust-list.dsse.json"),
        d("histories/860042A3W0F50000000012345ZAR2.json"),
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "verify-history",
            bundle.as_str(),
            "--trust-list",
            list.as_str(),
        ];
        args.extend_from_slice(extra);
        hrid(&args)
    };
    let at = ["--at", "2027-02-05T00:00:00Z"];
    // No pin: a usage error that says what to give, not a verdict.
    let out = run(&at);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pinned trust anchor"));
    // Asked for by name, the list's own roots (the demo's list is 2 of 3): accepted, with a warning.
    let out = run(&[&at[..], &["--insecure-trust-own-roots"]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("anyone can make such a list"));
    // Three roots without a threshold: a usage error; with --threshold 2: accepted.
    let roots: Vec<String> = (1..=3)
        .map(|i| d(&format!("keys/root-{i}.pub.pem")))
        .collect();
    let mut three = at.to_vec();
    for r in &roots {
        three.extend(["--root-key", r.as_str()]);
    }
    let out = run(&three);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no --threshold"));
    assert_eq!(
        run(&[&three[..], &["--threshold", "2"]].concat())
            .status
            .code(),
        Some(0)
    );
    // A pinned anchor file, also through HRID_ANCHOR.
    let hex: Vec<String> = roots
        .iter()
        .map(|r| {
            let out = hrid(&["key", "show", r]);
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.split_whitespace()
                .find(|w| w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()))
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(hex.iter().all(|h| h.len() == 64), "{hex:?}");
    let anchor = d("anchor.json");
    std::fs::write(
        &anchor,
        serde_json::json!({"keys": hex, "threshold": 2}).to_string(),
    )
    .unwrap();
    assert_eq!(
        run(&[&at[..], &["--anchor", &anchor]].concat())
            .status
            .code(),
        Some(0)
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hrid"))
        .args([
            "verify-history",
            &bundle,
            "--trust-list",
            &list,
            "--at",
            "2027-02-05T00:00:00Z",
        ])
        .env("HRID_ANCHOR", &anchor)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // China's own offset is the same moment as UTC.
    let root1 = roots[0].as_str();
    for t in [
        "2027-02-05T08:00:00+08:00",
        "2027-02-05T00:00:00Z",
        "1801785600",
    ] {
        let out = run(&["--root-key", root1, "--at", t, "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{t}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        run(&["--root-key", root1, "--at", "2027-02-05 00:00:00"])
            .status
            .code(),
        Some(2),
        "a time without an offset is not guessed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Habits of a command-line user (#19): `-` reads standard input; completions and the manual
/// page come from the same definitions as the help.
#[test]
fn stdin_completions_and_manual_page() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hrid"))
        .args(["code", "check", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"860042A3W0F50000000012345ZAR2\n\n 86-0042-a3w0f5-0000000012345-zarx \n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "one of the two codes is invalid"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the empty line is not a code");
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["error"]["code"], "code.check_failed");
    for shell in ["bash", "zsh", "fish"] {
        let out = hrid(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("verify-history") && script.contains("status-feed"),
            "{shell}"
        );
    }
    let man = hrid(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.contains(".TH hrid 1") && page.contains("verify\\-history"),
        "{page}"
    );
    assert_eq!(hrid(&["completions", "tcsh"]).status.code(), Some(2));
}
