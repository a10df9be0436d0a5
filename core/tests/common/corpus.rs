//! The shared corpus `test-vectors/*.json` (the files every binding reads): loading a file, its
//! cases, and the trust anchors it spells out.

use hrid::keys::VerifyingKey;
use hrid::trust::{TrustAnchor, TrustListError};
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
