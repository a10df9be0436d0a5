//! Every report the core produces for the test vectors validates against its committed schema in
//! `docs/schema/`, and so do the documents and parts inside it (statements, events, health
//! summaries, recall notices, findings). Every schema file is exercised; `drift.rs` checks that
//! the committed files are the generator's output.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

// The corpus readers the core's vector tests use (loading, trust lists, a case's verifier).
#[path = "../../core/tests/common/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;

use hrid::audit::audit;
use hrid::code::report::{ErrorInfo, SuggestionInfo};
use hrid::code::{check, find, CheckOptions, SuggestOptions};
use hrid::history::{verify_history, HistoryOptions, HistoryReport};
use hrid::recall::verify_recall;
use hrid::report::Finding;
use hrid::verify::{VerificationReport, Verifier, VerifyOptions};
use serde::Serialize;
use serde_json::{json, Value};

use corpus::{
    access_case, bundles, corpus, custody_case, passport_case, status_feed_case, trust_list,
    trust_list_case,
};

fn cases(doc: &Value) -> &Vec<Value> {
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    cases
}

/// Calls `f` with each case of `test-vectors/{name}`: the file, the case, and a label naming both.
fn each_case(name: &str, mut f: impl FnMut(&Value, &Value, &str)) {
    let doc = corpus(name);
    for c in cases(&doc) {
        f(&doc, c, &format!("{name} case {}", c["tcId"]));
    }
}

/// The schemas of `docs/schema/`, and how many values each validated.
struct Schemas {
    validators: BTreeMap<String, jsonschema::Validator>,
    validated: BTreeMap<String, usize>,
}

impl Schemas {
    fn load() -> Schemas {
        let dir = xtask::workspace_root().join("docs/schema");
        let mut validators = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_str().unwrap().to_owned();
            if let Some(name) = file.strip_suffix(".schema.json") {
                let schema: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let validator = jsonschema::validator_for(&schema)
                    .unwrap_or_else(|e| panic!("{file} is not a valid schema: {e}"));
                validators.insert(name.to_owned(), validator);
            }
        }
        assert!(
            !validators.is_empty(),
            "no schema in docs/schema: run `cargo xtask schema`"
        );
        Schemas {
            validators,
            validated: BTreeMap::new(),
        }
    }

    /// Validate the JSON of `value` against `docs/schema/<name>.schema.json`.
    fn check<T: Serialize + ?Sized>(&mut self, name: &str, value: &T, case: &str) {
        let json = serde_json::to_value(value).unwrap();
        let validator = self
            .validators
            .get(name)
            .unwrap_or_else(|| panic!("no schema {name}"));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{case}: the core's {name} does not validate against docs/schema/{name}.schema.json:\n{}\n{json}",
            errors.join("\n")
        );
        *self.validated.entry(name.to_owned()).or_default() += 1;
    }

    fn findings(&mut self, findings: &[Finding], case: &str) {
        for f in findings {
            self.check("Finding", f, case);
            self.check("ReasonCode", &f.code, case);
        }
    }

    fn verification(&mut self, r: &VerificationReport, case: &str) {
        self.check("VerificationReport", r, case);
        self.check("Findings", &**r, case);
        self.check("Verdict", &r.verdict, case);
        self.findings(&r.failures, case);
        self.findings(&r.warnings, case);
        self.findings(&r.passed, case);
        if let Some(s) = &r.statement {
            self.check("VerifiedAttestation", s, case);
            self.check("Attestation", s.attestation(), case);
            self.check("LifecycleEvent", &s.attestation().event, case);
        }
    }

    fn history(&mut self, r: &HistoryReport, case: &str) {
        self.check("HistoryReport", r, case);
        if let Some(h) = &r.health {
            self.check("HealthSummary", h, case);
        }
        for v in r.chain() {
            self.check("VerifiedAttestation", v, case);
            self.check("Attestation", v.attestation(), case);
            self.check("LifecycleEvent", &v.attestation().event, case);
        }
        for n in r.recall_notices() {
            self.check("VerifiedRecall", n, case);
            self.check("RecallNotice", n.notice(), case);
        }
    }
}

fn verifier(doc: &Value, case: &Value) -> Verifier {
    corpus::verifier(doc, case, VerifyOptions::default())
}

#[test]
fn every_vector_report_validates_against_its_schema() {
    let mut s = Schemas::load();

    for c in corpus("reason-codes.json")["codes"].as_array().unwrap() {
        s.check("ReasonCode", &c["code"], "reason-codes.json");
    }

    each_case("codes.json", |_, c, case| {
        match c["kind"].as_str().unwrap() {
            "check" => {
                let mut options = CheckOptions::default();
                options.structure_only = c["options"]["structure_only"].as_bool().unwrap();
                if c["options"]["two_errors"].as_bool().unwrap() {
                    options.suggest = SuggestOptions::with_two_errors();
                }
                let report = check(c["input"].as_str().unwrap(), options);
                s.check("CodeReport", &report, case);
                for suggestion in report.suggestions.iter().flatten() {
                    s.check("Suggestion", suggestion, case);
                }
            }
            "find" => {
                // The core has no serde form of `Scan`: this is the object every binding writes.
                let scan = find(c["text"].as_str().unwrap());
                let found: Vec<Value> = scan
                    .found
                    .iter()
                    .map(|f| json!({"code": f.code, "text": f.text, "start": f.span.start, "end": f.span.end}))
                    .collect();
                let near: Vec<Value> = scan
                    .near_misses
                    .iter()
                    .map(|m| {
                        let suggestions: Vec<SuggestionInfo> =
                            m.suggestions.iter().map(SuggestionInfo::from).collect();
                        json!({"text": m.text, "start": m.span.start, "end": m.span.end,
                               "error": ErrorInfo::from(&m.error), "suggestions": suggestions})
                    })
                    .collect();
                for f in &found {
                    s.check("FoundCode", f, case);
                }
                for m in &near {
                    s.check("NearMiss", m, case);
                }
                s.check(
                    "FindResult",
                    &json!({"found": found, "near_misses": near, "near_misses_omitted": scan.near_misses_omitted}),
                    case,
                );
            }
            _ => {}
        }
    });

    each_case("trust-lists.json", |doc, c, case| {
        let result = trust_list_case(doc, c, &VerifyOptions::default());
        if let Ok(list) = result {
            s.check("TrustList", list.trust_list(), case);
            s.findings(list.warnings(), case);
        }
    });

    let doc = corpus("attestations.json");
    let tl = &doc["trust_list"];
    let attestations = Verifier::new(
        trust_list(tl, tl["at"].as_i64().unwrap(), &VerifyOptions::default()),
        VerifyOptions::default(),
    );
    for c in cases(&doc) {
        let case = format!("attestations.json case {}", c["tcId"]);
        let r = attestations.verify(
            c["envelope"].as_str().unwrap().as_bytes(),
            c["at"].as_i64().unwrap(),
        );
        s.verification(&r, &case);
    }

    each_case("histories.json", |doc, c, case| {
        let v = verifier(doc, c);
        let at = c["at"].as_i64().unwrap();
        match c["kind"].as_str().unwrap() {
            "history" => {
                let bundle = c["bundle"].as_str().unwrap();
                let report = verify_history(&v, bundle.as_bytes(), at, &HistoryOptions::default());
                s.history(&report, case);
                // The recall notices the bundle carries, each on its own.
                let recalls = serde_json::from_str::<Value>(bundle)
                    .ok()
                    .and_then(|b| b["recalls"].as_array().cloned())
                    .unwrap_or_default();
                for notice in recalls {
                    let r = verify_recall(&v, notice.to_string().as_bytes(), at);
                    s.check("RecallReport", &r, case);
                    if let Some(recall) = &r.recall {
                        s.check("VerifiedRecall", recall, case);
                        s.check("RecallNotice", recall.notice(), case);
                    }
                }
            }
            "audit" => {
                let report = audit(&v, &bundles(c), at, &HistoryOptions::default());
                s.check("AuditReport", &report, case);
                for robot in &report.robots {
                    s.history(&robot.report, case);
                }
            }
            "access" => {
                let decision = access_case(&v, c);
                s.check("AccessDecision", &decision, case);
                if let Some(p) = &decision.passport {
                    s.check("VerifiedPassport", p, case);
                }
            }
            other => panic!("{case}: unknown kind {other}"),
        }
    });

    each_case("passports.json", |doc, c, case| {
        let r = passport_case(doc, c);
        s.check("PassportReport", &r, case);
        if let Some(p) = &r.passport {
            s.check("VerifiedPassport", p, case);
        }
        if let Ok(parsed) = hrid::passport::Passport::parse(c["passport"].as_str().unwrap_or("")) {
            s.check("PassportReading", &parsed.reading(), case);
        }
    });

    each_case("custody.json", |doc, c, case| {
        let report = custody_case(doc, c);
        s.check("CustodyReport", &report, case);
        // The report recorded in the vector file is the same JSON.
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            c["report"],
            "{case}"
        );
    });

    each_case("status-feed.json", |doc, c, case| {
        let report = status_feed_case(doc, c);
        s.check("StatusFeedReport", &report, case);
        if let Some(feed) = &report.feed {
            s.check("StatusFeed", feed.feed(), case);
        }
    });

    // Every schema was exercised.
    let unused: Vec<&String> = s
        .validators
        .keys()
        .filter(|name| !s.validated.contains_key(*name))
        .collect();
    assert!(unused.is_empty(), "schemas no vector exercised: {unused:?}");
    let total: usize = s.validated.values().sum();
    println!(
        "validated {total} values against {} schemas: {:?}",
        s.validators.len(),
        s.validated
    );
}
