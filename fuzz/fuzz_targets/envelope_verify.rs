//! Verifying arbitrary bytes as an attestation envelope never panics and never accepts.
#![no_main]
use std::sync::OnceLock;

use hrid::keys::SigningKey;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let root = SigningKey::from_seed([1; 32]);
        let maker = SigningKey::from_seed([2; 32]);
        let list = TrustList {
            version: 1,
            issued_at: 0,
            expires_at: 4_000_000_000,
            roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
            participants: vec![Participant {
                id: "acme".into(),
                name: "Acme".into(),
                roles: vec![Role::Manufacturer],
                scope: Some(Scope { manufacturers: vec!["0042".into()] }),
                keys: vec![ParticipantKey { public_key: maker.verifying_key(), valid_from: 0, valid_until: 4_000_000_000, compromised_since: None }],
            }],
            permissions: TrustList::default_permissions(),
        };
        let env = list.sign(&[&root]).to_json();
        let anchor = TrustAnchor::new(vec![root.verifying_key()], 1).expect("anchor");
        let verified = TrustList::verify(&env, &anchor, 0, 1, &VerifyOptions::default()).expect("trust list");
        Verifier::new(verified, VerifyOptions::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let report = verifier().verify(data, 1_800_000_000);
    // Random bytes cannot carry a valid signature of the maker's key.
    assert_ne!(report.verdict, Verdict::Accepted);
    assert!(report.statement.is_none());
});
