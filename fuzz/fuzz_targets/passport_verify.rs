//! Parsing and verifying arbitrary text as a passport never panics and never accepts.
#![no_main]
use hrid::passport::{verify_passport, Passport, PassportOptions};
use hrid::verify::Verdict;
use libfuzzer_sys::fuzz_target;

#[path = "verifier.rs"]
mod verifier;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Passport::parse(&text);
    // Also try the text behind the real prefix, so the fuzzer reaches the frame decoder.
    for candidate in [text.to_string(), format!("{}{}", hrid::passport::PREFIX, text)] {
        let report = verify_passport(verifier::verifier(), &candidate, 1_800_000_000, &PassportOptions::default());
        assert_ne!(report.verdict, Verdict::Accepted);
    }
});
