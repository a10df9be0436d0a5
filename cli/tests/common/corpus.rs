//! The shared corpus `test-vectors/*.json` as the CLI's tests read it: a file, its cases, the
//! trust list of a case written to a temporary folder, and the reports the CLI prints.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::{hrid, tempdir};

/// `test-vectors/{name}`, parsed.
pub fn corpus(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../test-vectors")
        .join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The case with this tcId.
pub fn case(corpus: &Value, tc_id: u64) -> Value {
    corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["tcId"] == tc_id)
        .unwrap()
        .clone()
}

/// The codes of a list of findings, sorted, each once.
pub fn code_list(v: &Value) -> Vec<String> {
    let mut codes: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// A JSON array of strings.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// A temp dir holding one of the corpus's trust lists; the trust arguments for a case.
pub struct Fixture {
    pub dir: tempdir::Dir,
    pub root_key: String,
}

impl Fixture {
    /// With the corpus's `default` trust list.
    pub fn new(corpus: &Value) -> Fixture {
        Fixture::with_list(corpus, "default")
    }

    /// With the trust list a case names (`trust_list`).
    pub fn for_case(corpus: &Value, case: &Value) -> Fixture {
        Fixture::with_list(corpus, case["trust_list"].as_str().unwrap())
    }

    /// With the corpus's trust list `name`.
    pub fn with_list(corpus: &Value, name: &str) -> Fixture {
        let dir = tempdir::Dir::new();
        let list = &corpus["trust_lists"][name];
        std::fs::write(
            dir.path().join("list.json"),
            list["envelope"].as_str().unwrap(),
        )
        .unwrap();
        Fixture {
            root_key: list["anchor"]["keys"][0].as_str().unwrap().to_owned(),
            dir,
        }
    }

    /// Write `text` to `name` in the folder; its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// Run with the trust arguments and `--at` appended.
    pub fn run(&self, args: &[&str], at: &Value) -> Output {
        let list = self.dir.path().join("list.json").display().to_string();
        let at = at.as_i64().unwrap().to_string();
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--trust-list",
            &list,
            "--root-key",
            &self.root_key,
            "--at",
            &at,
        ]);
        hrid(&all)
    }

    /// Run with `--json`, then with `--json --batch`: each output and its JSON report.
    pub fn run_json_unbatched_and_batched(
        &self,
        args: &[&str],
        at: &Value,
    ) -> Vec<(Output, Value)> {
        [false, true]
            .into_iter()
            .map(|batch| {
                let mut args = args.to_vec();
                args.push("--json");
                if batch {
                    args.push("--batch");
                }
                let out = self.run(&args, at);
                let report = json(&out);
                (out, report)
            })
            .collect()
    }
}

/// The JSON a command printed on stdout.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The exit code of a verdict or decision.
pub fn exit_of(verdict: &str) -> i32 {
    match verdict {
        "accepted" | "allowed" => 0,
        "rejected" | "denied" => 1,
        "indeterminate" => 3,
        other => panic!("verdict {other}"),
    }
}
