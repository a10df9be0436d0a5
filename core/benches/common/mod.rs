//! Fixtures shared by the history benchmarks (`benches/history.rs`) and the cross-surface
//! benchmark (`examples/surface_bench.rs`, which includes this file by path): the time, the codes,
//! a trust list with one root, and the events every benchmark history starts with.

#![allow(dead_code)] // not every benchmark uses every fixture

use hrid::attestation::{Component, ComponentKind, LifecycleEvent};
use hrid::code::IdentityCode;
use hrid::keys::SigningKey;
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};

/// 2026-01-01T00:00:00Z.
pub const T0: i64 = 1_767_225_600;
pub const DAY: i64 = 86_400;
/// The verification time of every benchmark.
pub const AT: i64 = T0 + 200 * DAY;

/// A code of manufacturer 0042, model A3W0F5, with serial number `unit`.
pub fn code(unit: u64) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", &format!("{unit:013}")).unwrap()
}

/// A participant holding `key`, valid for the whole benchmark; `scope` is its manufacturer code.
pub fn participant(
    id: &str,
    name: &str,
    role: Role,
    scope: Option<&str>,
    key: &SigningKey,
) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        roles: vec![role],
        scope: scope.map(|m| Scope {
            manufacturers: vec![m.into()],
        }),
        keys: vec![ParticipantKey {
            public_key: key.verifying_key(),
            valid_from: 0,
            valid_until: 4_000_000_000,
            compromised_since: None,
        }],
    }
}

/// Version 1 of a trust list with the one root `root`, current at [`AT`].
pub fn trust_list(root: &SigningKey, participants: Vec<Participant>) -> TrustList {
    TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 400 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root.verifying_key()],
        },
        participants,
        permissions: TrustList::default_permissions(),
    }
}

/// A verifier of `list`, signed by and anchored on `root`, verified at [`AT`].
pub fn verifier(root: &SigningKey, list: &TrustList) -> Verifier {
    let verified = TrustList::verify(
        &list.sign(&[root]).to_json(),
        &TrustAnchor::new(vec![root.verifying_key()], 1).unwrap(),
        0,
        AT,
        &VerifyOptions::default(),
    )
    .unwrap();
    Verifier::new(verified, VerifyOptions::default())
}

/// The first event of every benchmark history: manufactured at [`T0`] with one actuator.
pub fn manufactured(serial: String) -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date: T0,
        firmware: "1.0.0".into(),
        components: vec![Component {
            kind: ComponentKind::Actuator,
            serial,
        }],
    }
}
