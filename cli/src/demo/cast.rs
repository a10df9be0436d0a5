//! Who signs in the demo: the registry's three root keys and six participants, each key from a
//! fixed seed.

use hrid::keys::SigningKey;
use hrid::trust::Role;

/// The key named `name`: SHA-256 of a fixed phrase as its seed.
pub(super) fn key(name: &str) -> SigningKey {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("hrid demo key: {name}").as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    SigningKey::from_seed(seed)
}

/// A participant of the trust list, with its signing key.
pub(super) struct Actor {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    pub(super) role: Role,
    /// The manufacturer code it may speak for, if it is limited to one.
    pub(super) scope: Option<&'static str>,
    pub(super) key: SigningKey,
}

fn actor(id: &'static str, name: &'static str, role: Role, scope: Option<&'static str>) -> Actor {
    Actor {
        id,
        name,
        role,
        scope,
        key: key(id),
    }
}

/// The registry's root keys (2 of 3 sign the trust list) and the participants.
pub(super) struct Cast {
    pub(super) roots: [SigningKey; 3],
    pub(super) registry: Actor,
    pub(super) acme: Actor,
    pub(super) fastship: Actor,
    pub(super) robomart: Actor,
    pub(super) citycare: Actor,
    pub(super) greencycle: Actor,
}

impl Cast {
    pub(super) fn new() -> Cast {
        Cast {
            roots: [key("root-1"), key("root-2"), key("root-3")],
            registry: actor(
                "registry",
                "National Humanoid Robot Registry",
                Role::Registry,
                None,
            ),
            acme: actor("acme", "Acme Robotics", Role::Manufacturer, Some("0042")),
            fastship: actor("fastship", "FastShip Logistics", Role::Logistics, None),
            robomart: actor("robomart", "RoboMart Dealers", Role::Dealer, None),
            citycare: actor("citycare", "CityCare Elder Services", Role::Operator, None),
            greencycle: actor("greencycle", "GreenCycle Recycling", Role::Recycler, None),
        }
    }

    /// Every participant, in the trust list's order.
    pub(super) fn actors(&self) -> [&Actor; 6] {
        [
            &self.registry,
            &self.acme,
            &self.fastship,
            &self.robomart,
            &self.citycare,
            &self.greencycle,
        ]
    }
}
