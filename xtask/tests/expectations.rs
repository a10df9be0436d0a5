//! Every corpus file with cases says where its expectations come from, and the model test it
//! names exists and reads that file: a corpus file added without a model test, or a model test
//! renamed, fails here instead of leaving a claim nobody checks.

use serde_json::Value;

#[test]
fn every_file_with_cases_names_the_model_test_that_confirms_it() {
    let root = xtask::workspace_root();
    let mut with_cases = 0;
    for (name, contents) in xtask::corpus() {
        let doc: Value = serde_json::from_str(&contents).unwrap();
        if doc.get("cases").is_none() {
            assert!(
                doc.get("expectations").is_none(),
                "{name}: no cases, no expectations"
            );
            let description = doc["description"].as_str().unwrap_or_default();
            assert!(
                description.contains("not expectations"),
                "{name}: a file without cases says it holds no expectations"
            );
            continue;
        }
        with_cases += 1;
        let e = &doc["expectations"];
        for field in ["source", "checked_by", "compared", "hrid_only"] {
            assert!(
                e[field].as_str().is_some_and(|s| !s.is_empty()),
                "{name}: expectations.{field} missing"
            );
        }
        assert!(e["source"].as_str().unwrap().contains("reference model"));
        let checked_by = e["checked_by"].as_str().unwrap();
        let (path, function) = checked_by
            .split_once("::")
            .unwrap_or_else(|| panic!("{name}: checked_by {checked_by:?} is not FILE::TEST"));
        let test = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("{name}: {path}: {e}"));
        assert!(
            test.contains(&format!("def {function}(")),
            "{name}: {path} has no test {function}"
        );
        assert!(
            test.contains(&format!("load(\"{name}\")")),
            "{name}: {path} does not load {name}"
        );
    }
    assert!(with_cases >= 8, "{with_cases} corpus files with cases");
}
