// Shared by the history and passport targets: one trust list with a registry and a manufacturer.
use std::sync::OnceLock;

use hrid::keys::SigningKey;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};

pub fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let root = SigningKey::from_seed([1; 32]);
        let participant = |id: &str, role: Role, scope: Option<&str>, seed: u8| Participant {
            id: id.into(),
            name: id.into(),
            roles: vec![role],
            scope: scope.map(|m| Scope { manufacturers: vec![m.into()] }),
            keys: vec![ParticipantKey { public_key: SigningKey::from_seed([seed; 32]).verifying_key(), valid_from: 0, valid_until: 4_000_000_000, compromised_since: None }],
        };
        let list = TrustList {
            version: 1,
            issued_at: 0,
            expires_at: 4_000_000_000,
            roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
            participants: vec![participant("registry", Role::Registry, None, 2), participant("acme", Role::Manufacturer, Some("0042"), 3)],
            permissions: TrustList::default_permissions(),
        };
        let env = list.sign(&[&root]).to_json();
        let anchor = TrustAnchor::new(vec![root.verifying_key()], 1).expect("anchor");
        let verified = TrustList::verify(&env, &anchor, 0, 1, &VerifyOptions::default()).expect("trust list");
        Verifier::new(verified, VerifyOptions::default())
    })
}
