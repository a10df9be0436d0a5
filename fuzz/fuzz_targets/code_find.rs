//! Scanning text for codes never panics, and every span it reports points at its text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let scan = hrid::code::find(&text);
    for f in &scan.found {
        assert_eq!(text.get(f.span.byte_start..f.span.byte_end), Some(f.text.as_str()));
        assert!(hrid::code::is_valid(&f.text));
    }
    for m in &scan.near_misses {
        assert_eq!(text.get(m.span.byte_start..m.span.byte_end), Some(m.text.as_str()));
    }
});
