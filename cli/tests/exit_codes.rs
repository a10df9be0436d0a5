//! The exit-code matrix (README, "Exit codes"): every verifying command, run to each outcome it
//! has: 0 accepted (or allowed), 1 rejected (or denied), 3 indeterminate, 2 usage or I/O error.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

mod common;

use common::{hrid, tempdir};
use serde_json::Value;

/// The demo's clock, and a moment long after its trust list expired beyond the grace.
const NOW: &str = "2027-02-05T00:00:00Z";
const LATE: &str = "2045-01-01T00:00:00Z";
const ROBOT1: &str = "860042A3W0F50000000012345ZAR2";
const ROBOT2: &str = "860042A3W0F50000000012346ET4W";

struct Demo {
    dir: tempdir::Dir,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempdir::Dir::new();
        let out = hrid(&["demo", "--out", dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        Demo { dir }
    }

    fn path(&self, rel: &str) -> String {
        self.dir.path().join(rel).display().to_string()
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }

    /// `args` with the pinned trust anchor and `--at`; the exit code.
    fn exit(&self, args: &[&str], at: &str) -> Option<i32> {
        let list = self.path("trust-list.dsse.json");
        let root = self.path("keys/root-1.pub.pem");
        let tail = [
            "--trust-list",
            list.as_str(),
            "--root-key",
            root.as_str(),
            "--at",
            at,
        ];
        let out = hrid(&[args, &tail[..]].concat());
        out.status.code()
    }
}

#[test]
fn every_verifying_command_maps_each_outcome_to_its_exit_code() {
    let d = Demo::new();
    let history1 = d.path(&format!("histories/{ROBOT1}.json"));
    let history2 = d.path(&format!("histories/{ROBOT2}.json"));
    let resale = d.path(&format!("attempts/{ROBOT1}-resale-after-scrap.json"));
    let feed = d.path("status-feed.json");
    // One attestation of robot 2's history, and the same with its signature changed.
    let bundle: Value = serde_json::from_slice(&std::fs::read(&history2).unwrap()).unwrap();
    let mut envelope = bundle["attestations"][0].clone();
    let good = d.write("one.dsse.json", envelope.to_string().as_bytes());
    let sig = envelope["signatures"][0]["sig"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = format!(
        "{}{}",
        if sig.starts_with('A') { "B" } else { "A" },
        &sig[1..]
    );
    envelope["signatures"][0]["sig"] = Value::from(flipped);
    let forged = d.write("forged.dsse.json", envelope.to_string().as_bytes());
    // A fleet of robot 2 alone (its actuator came from robot 1, which is not in this folder).
    let clean = d.write(
        &format!("clean/{ROBOT2}.json"),
        &std::fs::read(&history2).unwrap(),
    );
    let clean_dir = std::path::Path::new(&clean)
        .parent()
        .unwrap()
        .display()
        .to_string();
    let fleet = d.path("histories");
    // A passport signed by a key no trust list knows.
    let stranger = d.path("stranger.pem");
    assert_eq!(
        hrid(&["key", "new", "--out", &stranger]).status.code(),
        Some(0)
    );
    let unknown = d.path("unknown.passport");
    let out = hrid(&[
        "passport",
        "issue",
        "--key",
        &stranger,
        "--subject",
        ROBOT2,
        "--status",
        "active",
        "--issued-at",
        NOW,
        "--out",
        &unknown,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let passport2 = d.path(&format!("passports/{ROBOT2}.txt"));
    let list = d.path("trust-list.dsse.json");

    // (what, args, at, expected exit)
    let matrix: Vec<(&str, Vec<&str>, &str, i32)> = vec![
        ("verify accepted", vec!["verify", &good], NOW, 0),
        ("verify rejected", vec!["verify", &forged], NOW, 1),
        ("verify indeterminate", vec!["verify", &good], LATE, 3),
        (
            "verify-history accepted",
            vec!["verify-history", &history1],
            NOW,
            0,
        ),
        (
            "verify-history rejected",
            vec!["verify-history", &resale],
            NOW,
            1,
        ),
        (
            "verify-history indeterminate",
            vec!["verify-history", &history1],
            LATE,
            3,
        ),
        (
            "passport accepted",
            vec!["passport", "verify", &passport2],
            NOW,
            0,
        ),
        (
            "passport rejected (expired)",
            vec!["passport", "verify", &passport2],
            "2030-01-01T00:00:00Z",
            1,
        ),
        (
            "passport indeterminate (unknown signer)",
            vec!["passport", "verify", &unknown],
            NOW,
            3,
        ),
        (
            "status-feed accepted",
            vec!["status-feed", "verify", &feed],
            NOW,
            0,
        ),
        (
            "status-feed rejected (rolled back)",
            vec![
                "status-feed",
                "verify",
                &feed,
                "--highest-seen-feed-version",
                "2",
            ],
            NOW,
            1,
        ),
        (
            "status-feed indeterminate",
            vec!["status-feed", "verify", &feed],
            LATE,
            3,
        ),
        ("audit accepted", vec!["audit", &clean_dir], NOW, 0),
        ("audit rejected", vec!["audit", &fleet], NOW, 1),
        ("audit indeterminate", vec!["audit", &fleet], LATE, 3),
        (
            "access allowed",
            vec![
                "access",
                ROBOT2,
                "--policy",
                "deployment",
                "--history",
                &history2,
                "--status-feed",
                &feed,
            ],
            NOW,
            0,
        ),
        (
            "access denied",
            vec![
                "access",
                ROBOT1,
                "--policy",
                "sale",
                "--history",
                &history1,
                "--status-feed",
                &feed,
            ],
            NOW,
            1,
        ),
        (
            "custody answered",
            vec![
                "custody",
                ROBOT1,
                "--history",
                &history1,
                "--verified-at",
                NOW,
            ],
            "2026-05-16T10:30:00Z",
            0,
        ),
        (
            "custody on an unverifiable history",
            vec![
                "custody",
                ROBOT1,
                "--history",
                &history1,
                "--verified-at",
                LATE,
            ],
            "2026-05-16T10:30:00Z",
            3,
        ),
        (
            "usage: an unknown option",
            vec!["verify-history", &history1, "--no-such-option"],
            NOW,
            2,
        ),
        (
            "I/O: a missing file",
            vec!["verify-history", "/nonexistent/bundle.json"],
            NOW,
            2,
        ),
        (
            "usage: a time that is not one",
            vec!["verify-history", &history1],
            "yesterday",
            2,
        ),
    ];
    let mut wrong = Vec::new();
    for (what, args, at, expected) in &matrix {
        let got = d.exit(args, at);
        if got != Some(*expected) {
            wrong.push(format!("{what}: exit {got:?}, expected {expected}"));
        }
    }
    // trust-list verify takes the roots itself (no --trust-list).
    let root = d.path("keys/root-1.pub.pem");
    let other_root = d.path("keys/root-2.pub.pem");
    for (what, key, at, expected) in [
        ("trust-list accepted", root.as_str(), NOW, 0),
        (
            "trust-list rejected (a root it does not have enough signatures of)",
            stranger.as_str(),
            NOW,
            1,
        ),
        ("trust-list indeterminate", root.as_str(), LATE, 3),
        (
            "trust-list accepted with the other root",
            other_root.as_str(),
            NOW,
            0,
        ),
    ] {
        let got = hrid(&["trust-list", "verify", &list, "--root-key", key, "--at", at])
            .status
            .code();
        if got != Some(expected) {
            wrong.push(format!("{what}: exit {got:?}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
