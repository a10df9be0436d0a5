//! Verifying arbitrary bytes as a trust list never panics and never accepts.
#![no_main]
use hrid::keys::SigningKey;
use hrid::trust::{TrustAnchor, TrustList};
use hrid::verify::VerifyOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = SigningKey::from_seed([1; 32]);
    let anchor = TrustAnchor::new(vec![root.verifying_key()], 1).expect("anchor");
    assert!(TrustList::verify(data, &anchor, 0, 1_800_000_000, &VerifyOptions::default()).is_err());
});
