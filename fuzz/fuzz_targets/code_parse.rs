//! Code parsing, checking and suggestion never panic, and agree with each other.
#![no_main]
use hrid::code::{self, CheckOptions, SuggestOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let valid = code::is_valid(&text);
    assert_eq!(valid, code::validate(&text).is_ok());
    let report = code::check(&text, CheckOptions::default());
    assert_eq!(report.valid, valid);
    for s in code::suggest(&text, SuggestOptions::with_two_errors()) {
        assert!(code::is_valid(s.code.as_str()));
    }
    if let Ok(c) = code::validate(&text) {
        assert_eq!(code::validate(&c.display_form()).ok(), Some(c));
    }
});
