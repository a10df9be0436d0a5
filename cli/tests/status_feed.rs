//! `hrid status-feed issue` and `verify` end to end, on the shared corpus
//! `test-vectors/status-feed.json` and on feeds the CLI issues over the demo's files; and
//! `--status-feed` on the commands that verify or decide on a robot's evidence.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

mod common;

use std::path::Path;
use std::process::Output;

use common::corpus::{code_list, corpus, exit_of, json, strings, Fixture};
use common::{hrid, hrid_in, tempdir};
use serde_json::{json, Value};

/// Every case of status-feed.json through `hrid status-feed verify --json`: the verdict, its exit
/// code, the codes of every bucket and the version, as the core reports them; the human output
/// names the verdict and each failure's code.
#[test]
fn status_feed_verify_every_case() {
    let doc = corpus("status-feed.json");
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(doc["numberOfTests"].as_u64().unwrap() as usize, cases.len());
    for c in cases {
        let id = c["tcId"].as_u64().unwrap();
        let fx = Fixture::for_case(&doc, c);
        let file = fx.file("feed.json", c["document"].as_str().unwrap());
        let seen = c["highest_seen_version"].as_u64().unwrap().to_string();
        let args = [
            "status-feed",
            "verify",
            &file,
            "--highest-seen-feed-version",
            &seen,
        ];
        let out = fx.run(&[&args[..], &["--json"]].concat(), &c["at"]);
        let r = json(&out);
        let got = json!({
            "verdict": r["verdict"],
            "failures": code_list(&r["failures"]),
            "warnings": code_list(&r["warnings"]),
            "passed": code_list(&r["passed"]),
            "version": r["feed"]["feed"]["version"],
        });
        let e = &c["expected"];
        assert_eq!(got, *e, "status-feed.json case {id}");
        assert_eq!(
            out.status.code(),
            Some(exit_of(e["verdict"].as_str().unwrap())),
            "case {id}"
        );
        let text = String::from_utf8_lossy(&fx.run(&args, &c["at"]).stdout).to_uppercase();
        assert!(
            text.contains(&e["verdict"].as_str().unwrap().to_uppercase()),
            "case {id}: {text}"
        );
        for code in strings(&e["failures"]) {
            assert!(text.contains(&code.to_uppercase()), "case {id}: {code}");
        }
    }
    println!("status-feed.json: {} cases run through hrid", cases.len());
}

/// The demo's files (trust list, registry key, histories, a recall notice), written once per test.
struct Demo {
    dir: tempdir::Dir,
}

const AT: &str = "1801785660"; // the demo's clock, 2027-02-05
const ISSUED_AT: &str = "1801785600";
const SCRAPPED: &str = "860042A3W0F50000000012345ZAR2";
const LIVE: &str = "860042A3W0F50000000012346ET4W";

impl Demo {
    fn new() -> Demo {
        let dir = tempdir::Dir::new();
        let out = hrid_in(dir.path(), &["demo", "--out", "demo"]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        Demo { dir }
    }

    fn path(&self, rel: &str) -> String {
        self.dir.path().join("demo").join(rel).display().to_string()
    }

    fn write(&self, rel: &str, text: &str) -> String {
        let path = self.path(rel);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Run with the demo's trust list and root key and `--at` its clock appended.
    fn run(&self, args: &[&str]) -> Output {
        let list = self.path("trust-list.dsse.json");
        let root = self.path("keys/root-1.pub.pem");
        let tail = ["--trust-list", &list, "--root-key", &root, "--at", AT];
        hrid(&[args, &tail[..]].concat())
    }

    /// `hrid status-feed issue` with the registry's key at the demo's issue time, into `out`.
    fn issue(&self, out: &str, extra: &[&str]) -> Output {
        let key = self.path("keys/registry.pem");
        let out = self.path(out);
        let base = [
            "status-feed",
            "issue",
            "--key",
            &key,
            "--registry",
            "registry",
            "--issued-at",
            ISSUED_AT,
            "--out",
            &out,
        ];
        hrid(&[&base[..], extra].concat())
    }

    /// The head of a robot's history, as `verify-history --json` reports it.
    fn head(&self, code: &str) -> Value {
        let bundle = self.path(&format!("histories/{code}.json"));
        json(&self.run(&["verify-history", &bundle, "--json"]))["head"].clone()
    }
}

/// A feed issued from a robots file (a code in display form), a `--robot` and a recall notice
/// verifies, and says what it was given: robots canonical and in order, the notice named by its
/// statement hash and carried.
#[test]
fn status_feed_issue_round_trips_into_verify() {
    let demo = Demo::new();
    let head = demo.head(SCRAPPED);
    let robots = json!([{
        "code": "86-0042-A3W0F5-0000000012345-ZAR2",
        "status": "dismantled",
        "head": head,
        "since": 1_801_000_000,
    }]);
    let robots = demo.write("robots.json", &robots.to_string());
    let recall = demo.path("recalls/ACME-2026-007.dsse.json");
    let live = format!("{LIVE}=suspended");
    let out = demo.issue(
        "feed.json",
        &[
            "--version",
            "4",
            "--robots",
            &robots,
            "--robot",
            &live,
            "--recall",
            &recall,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("status feed version 4"));

    let feed = demo.path("feed.json");
    let out = demo.run(&["status-feed", "verify", &feed, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let r = json(&out);
    assert_eq!(r["verdict"], "accepted");
    let f = &r["feed"]["feed"];
    assert_eq!(f["version"], 4);
    assert_eq!(f["registry"], "registry");
    assert_eq!(f["issued_at"], 1_801_785_600);
    assert_eq!(f["expires_at"], 1_801_785_600 + 24 * 3600);
    assert_eq!(f["robots"][0]["code"], SCRAPPED);
    assert_eq!(f["robots"][0]["head"], head);
    assert_eq!(f["robots"][0]["since"], 1_801_000_000);
    assert_eq!(f["robots"][1]["code"], LIVE);
    assert_eq!(f["robots"][1]["status"], "suspended");
    assert_eq!(f["robots"][1]["since"], 1_801_785_600);
    assert_eq!(f["recalls"].as_array().unwrap().len(), 1);

    // Human output: the verdict, what the feed says.
    let text =
        String::from_utf8_lossy(&demo.run(&["status-feed", "verify", &feed]).stdout).into_owned();
    assert!(
        text.contains("ACCEPTED") && text.contains("dismantled"),
        "{text}"
    );
    assert!(text.contains("recall ACME-2026-007"), "{text}");

    // Rolled back: the version seen is higher.
    let out = demo.run(&[
        "status-feed",
        "verify",
        &feed,
        "--json",
        "--highest-seen-feed-version",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(code_list(&json(&out)["failures"]), ["status_feed.rollback"]);

    // The feed in the decisions: the live robot, suspended by the registry, may not be sold;
    // the scrapped robot's history reaches the feed's head: no conflict.
    let live_bundle = demo.path(&format!("histories/{LIVE}.json"));
    let out = demo.run(&[
        "access",
        LIVE,
        "--policy",
        "sale",
        "--history",
        &live_bundle,
        "--status-feed",
        &feed,
        "--json",
    ]);
    let d = json(&out);
    assert_eq!(
        (out.status.code(), &d["decision"]),
        (Some(1), &json!("denied"))
    );
    assert!(code_list(&d["failures"]).contains(&"access.suspended".to_owned()));
    let scrapped_bundle = demo.path(&format!("histories/{SCRAPPED}.json"));
    let out = demo.run(&[
        "verify-history",
        &scrapped_bundle,
        "--status-feed",
        &feed,
        "--json",
    ]);
    assert_eq!(json(&out)["verdict"], "accepted", "{out:?}");
}

/// A feed whose head for the scrapped robot lies beyond its bundle: verify-history, audit and
/// custody hold the bundle against it (`history.registry_conflict`); a feed that is not accepted
/// is refused by each, with its report and exit code.
#[test]
fn status_feed_on_verify_history_audit_and_custody() {
    let demo = Demo::new();
    let mut head = demo.head(SCRAPPED);
    head["seq"] = json!(head["seq"].as_u64().unwrap() + 1);
    let robots = json!([{"code": SCRAPPED, "status": "dismantled", "head": head}]);
    let robots = demo.write("robots.json", &robots.to_string());
    let out = demo.issue("feed.json", &["--version", "2", "--robots", &robots]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let feed = demo.path("feed.json");
    let bundle = demo.path(&format!("histories/{SCRAPPED}.json"));
    let histories = demo.path("histories");
    let conflict = "history.registry_conflict".to_owned();

    let out = demo.run(&["verify-history", &bundle, "--status-feed", &feed, "--json"]);
    let r = json(&out);
    assert_eq!(
        (out.status.code(), &r["verdict"]),
        (Some(1), &json!("rejected"))
    );
    assert!(code_list(&r["failures"]).contains(&conflict), "{r}");
    let text = String::from_utf8_lossy(
        &demo
            .run(&["verify-history", &bundle, "--status-feed", &feed])
            .stdout,
    )
    .into_owned();
    assert!(text.contains("[history.registry_conflict]"), "{text}");

    let out = demo.run(&["audit", &histories, "--status-feed", &feed, "--json"]);
    let r = json(&out);
    assert_eq!(out.status.code(), Some(1));
    let robot = r["robots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == SCRAPPED)
        .unwrap();
    assert!(
        code_list(&robot["report"]["failures"]).contains(&conflict),
        "{r}"
    );

    let custody = [
        "custody",
        SCRAPPED,
        "--history",
        &bundle,
        "--verified-at",
        AT,
        "--status-feed",
        &feed,
        "--json",
    ];
    let r = json(&demo.run(&custody)); // asked about the demo's clock (--at)
    assert_eq!(r["history_verdict"], "rejected", "{r}");

    // Refused: a feed older than one seen, by every command, before anything else.
    let scrapped_policy = ["access", SCRAPPED, "--policy", "sale", "--history", &bundle];
    let commands: [&[&str]; 4] = [
        &["verify-history", &bundle],
        &["audit", &histories],
        &custody[..custody.len() - 3],
        &scrapped_policy,
    ];
    for command in commands {
        let tail = [
            "--status-feed",
            &feed,
            "--highest-seen-feed-version",
            "3",
            "--json",
        ];
        let out = demo.run(&[command, &tail[..]].concat());
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        let r = json(&out);
        assert_eq!(
            code_list(&r["failures"]),
            ["status_feed.rollback"],
            "{command:?}"
        );
        assert!(r["feed"].is_null());
        assert!(String::from_utf8_lossy(&out.stderr).contains("not accepted"));
    }
}

/// What `status-feed issue` refuses (exit 2): a bad robot, a status that is not a feed status, a
/// robot twice, a feed that breaks a rule, a file that is not a recall notice.
#[test]
fn status_feed_issue_usage_errors() {
    let demo = Demo::new();
    let trust_list = demo.path("trust-list.dsse.json");
    let dup = format!("{SCRAPPED}=scrapped");
    let cases: [(&[&str], &str); 7] = [
        (&["--version", "1", "--robot", "86004"], "CODE=STATUS"),
        (&["--version", "1", "--robot", "86004=scrapped"], "--robot"),
        (
            &["--version", "1", "--robot", &format!("{LIVE}=active")],
            "unknown status",
        ),
        (
            &["--version", "1", "--robot", &dup, "--robot", &dup],
            "twice",
        ),
        (&["--version", "0"], "status_feed.malformed"),
        (
            &["--version", "1", "--valid-hours", "0"],
            "status_feed.malformed",
        ),
        (
            &["--version", "1", "--recall", &trust_list],
            "not a recall notice",
        ),
    ];
    for (args, message) in cases {
        let out = demo.issue("bad.json", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!Path::new(&demo.path("bad.json")).exists(), "{args:?}");
    }
}
