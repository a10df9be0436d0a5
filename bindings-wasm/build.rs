//! Generates the TypeScript union of every reason code from `test-vectors/reason-codes.json` (the
//! catalogue `cargo xtask vectors` writes from `core/src/reason.rs`), so the `.d.ts` of the npm
//! package can never list other codes than the core reports. The node tests check the union
//! against `reasonCodes()` too.

use std::fmt::Write as _;

fn main() {
    let catalogue = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../test-vectors/reason-codes.json"
    );
    println!("cargo:rerun-if-changed={catalogue}");
    let text = std::fs::read_to_string(catalogue).unwrap_or_default();
    // The file is serde_json's pretty output: every code is on a line `"code": "<dotted.code>",`.
    let mut codes = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.trim().strip_prefix("\"code\": \"") {
            if let Some(code) = rest.split('"').next() {
                codes.push(code.to_owned());
            }
        }
    }
    let mut out = String::from("\n/** Every stable reason code (test-vectors/reason-codes.json). */\nexport type ReasonCode =\n");
    if codes.is_empty() {
        out.push_str("  string");
    }
    for (i, code) in codes.iter().enumerate() {
        let sep = if i == 0 { "  " } else { "\n  | " };
        let _ = write!(out, "{sep}\"{code}\"");
    }
    out.push_str(";\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    let _ = std::fs::write(format!("{out_dir}/reason-codes.d.ts"), out);
}
