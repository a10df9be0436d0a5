//! The `hrid` binary's documented behaviour: outputs and exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hrid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hrid"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

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
    let out = hrid(&[
        "code",
        "new",
        "--country",
        "86",
        "--manufacturer",
        "004",
        "--model",
        "A3W0F5",
        "--unit",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("code.field_invalid"));
    assert_eq!(
        hrid(&["code", "find", "/nonexistent/file"]).status.code(),
        Some(2)
    );
}

#[test]
fn new_builds_the_worked_example() {
    let out = hrid(&[
        "code",
        "new",
        "--country",
        "86",
        "--manufacturer",
        "0042",
        "--model",
        "A3W0F5",
        "--unit",
        "12345",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), GOOD);
    let out = hrid(&[
        "code",
        "new",
        "--display",
        "--country",
        "86",
        "--manufacturer",
        "0042",
        "--model",
        "A3W0F5",
        "--unit",
        "12345",
    ]);
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
fn demo_runs_on_embedded_defaults() {
    let out = hrid(&["demo"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("did you mean"));
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
