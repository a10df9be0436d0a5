//! Verifying arbitrary bytes as a history bundle (and deciding access on them) never panics and
//! never accepts: random bytes carry no valid signature.
#![no_main]
use hrid::history::{verify_history, HistoryOptions};
use hrid::access::{decide_access, Evidence, Policy};
use hrid::access::AccessOptions;
use hrid::verify::Verdict;
use libfuzzer_sys::fuzz_target;

#[path = "verifier.rs"]
mod verifier;

fuzz_target!(|data: &[u8]| {
    let v = verifier::verifier();
    let report = verify_history(v, data, 1_800_000_000, &HistoryOptions::default());
    assert_ne!(report.verdict, Verdict::Accepted);
    let batched = verify_history(v, data, 1_800_000_000, &HistoryOptions { batch: true, ..HistoryOptions::DEFAULT });
    assert_eq!(batched.verdict, report.verdict);
    let d = decide_access(v, "860042A3W0F50000000012345ZAR2", &Evidence { passport: None, history: Some(data), status_feed: None }, Policy::Sale, 1_800_000_000, &AccessOptions::default());
    assert!(!d.is_allowed());
});
