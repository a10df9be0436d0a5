//! The fixed world of the history and passport vectors: participants with keys from fixed
//! seeds, one trust list, robots and their lives.

use std::collections::BTreeSet;

use hrid::attestation::{
    Component, ComponentKind, JointReport, LifecycleEvent, SoftwareComponent, UseCategory,
};
use hrid::code::IdentityCode;
use hrid::history::{ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::recall::RecallNotice;
use hrid::report::{Finding, Findings};
use hrid::trust::{
    Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList, VerifiedTrustList,
};
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::{json, Value};

/// 2026-01-01T00:00:00Z.
pub(crate) const T0: i64 = 1_767_225_600;
pub(crate) const DAY: i64 = 86_400;
/// The verification time of every case unless stated: one year after T0.
pub(crate) const AT: i64 = T0 + 365 * DAY;

/// A participant: id, roles, scope, key seed byte.
pub(crate) const PARTICIPANTS: &[(&str, &str, &[Role], Option<&str>, u8)] = &[
    (
        "registry",
        "National Robot Registry",
        &[Role::Registry],
        None,
        10,
    ),
    ("samr", "Market Regulator", &[Role::Regulator], None, 11),
    (
        "acme",
        "ACME Robotics",
        &[Role::Manufacturer],
        Some("0042"),
        12,
    ),
    (
        "bolt",
        "Bolt Humanoids",
        &[Role::Manufacturer],
        Some("0077"),
        13,
    ),
    ("swift", "Swift Logistics", &[Role::Logistics], None, 14),
    ("metro", "Metro Robot Dealers", &[Role::Dealer], None, 15),
    ("cityops", "City Operations", &[Role::Operator], None, 16),
    ("fixit", "FixIt Service", &[Role::Maintainer], None, 17),
    ("green", "Green Recycling", &[Role::Recycler], None, 18),
    ("partsco", "Parts Co", &[Role::PartsSupplier], None, 19),
];

pub(crate) fn key(id: &str) -> SigningKey {
    let seed = PARTICIPANTS
        .iter()
        .find(|p| p.0 == id)
        .map(|p| p.4)
        .unwrap_or(99);
    SigningKey::from_seed([seed; 32])
}

pub(crate) fn root() -> SigningKey {
    SigningKey::from_seed([1; 32])
}

/// A key no trust list knows.
pub(crate) fn stranger() -> SigningKey {
    SigningKey::from_seed([66; 32])
}

pub(crate) fn trust_list() -> TrustList {
    let mut permissions = TrustList::default_permissions();
    // Contrived on purpose, so the lifecycle rules (not the permission table) are what reject:
    // a parts supplier may attest a manufacture, a regulator a registration.
    permissions.insert(
        Role::PartsSupplier,
        vec![hrid::attestation::EventType::Manufactured],
    );
    if let Some(v) = permissions.get_mut(&Role::Regulator) {
        v.push(hrid::attestation::EventType::Registered);
    }
    TrustList {
        version: 1,
        issued_at: T0 - 30 * DAY,
        expires_at: T0 + 730 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root().verifying_key()],
        },
        participants: PARTICIPANTS
            .iter()
            .map(|(id, name, roles, scope, _)| Participant {
                id: (*id).into(),
                name: (*name).into(),
                roles: roles.to_vec(),
                scope: scope.map(|m| Scope {
                    manufacturers: vec![m.into()],
                }),
                keys: vec![ParticipantKey {
                    public_key: key(id).verifying_key(),
                    valid_from: T0 - 30 * DAY,
                    valid_until: T0 + 1825 * DAY,
                    compromised_since: None,
                }],
            })
            .collect(),
        permissions,
    }
}

fn envelope_of(list: &TrustList) -> String {
    String::from_utf8(list.sign(&[&root()]).to_json()).unwrap()
}

/// The default trust list, except that participant `id`'s key is reported compromised from
/// `since` (a later version of the list, as the registry publishes it after the compromise).
pub(crate) fn trust_list_compromising(id: &str, since: i64) -> TrustList {
    let mut list = trust_list();
    list.version = 2;
    for p in list.participants.iter_mut().filter(|p| p.id == id) {
        for k in &mut p.keys {
            k.compromised_since = Some(since);
        }
    }
    list
}

/// The shared trust-list entry of a vector file.
pub(crate) fn trust_entry() -> Value {
    trust_entry_of(&trust_list())
}

/// A named trust-list entry of a vector file.
pub(crate) fn trust_entry_of(list: &TrustList) -> Value {
    json!({
        "envelope": envelope_of(list),
        "anchor": {"keys": [root().verifying_key().to_hex()], "threshold": 1},
        "highest_seen_version": 0,
    })
}

pub(crate) fn verified_list(at: i64) -> VerifiedTrustList {
    verified_list_of(&trust_list(), at)
}

pub(crate) fn verified_list_of(list: &TrustList, at: i64) -> VerifiedTrustList {
    let anchor = TrustAnchor::new(vec![root().verifying_key()], 1).unwrap();
    TrustList::verify(
        envelope_of(list).as_bytes(),
        &anchor,
        0,
        at,
        &VerifyOptions::default(),
    )
    .unwrap()
}

pub(crate) fn verifier() -> Verifier {
    Verifier::new(verified_list(AT), VerifyOptions::default())
}

pub(crate) fn options() -> HistoryOptions {
    HistoryOptions::default()
}

pub(crate) fn code(unit: &str) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", unit).unwrap()
}

pub(crate) fn digest(n: u8) -> String {
    format!("{:02x}", n).repeat(32)
}

/// Each finding's code once, sorted: how the vector files record a bucket of findings.
pub(crate) fn codes(findings: &[Finding]) -> Vec<String> {
    let set: BTreeSet<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    set.into_iter().map(str::to_owned).collect()
}

/// A case's `expected`: the codes of each bucket of `findings`, with the report's own `fields`
/// (its verdict or decision among them) beside them.
pub(crate) fn expected(findings: &Findings, fields: Value) -> Value {
    let mut e = json!({
        "failures": codes(&findings.failures),
        "warnings": codes(&findings.warnings),
        "passed": codes(&findings.passed),
    });
    if let (Some(e), Value::Object(fields)) = (e.as_object_mut(), fields) {
        e.extend(fields);
    }
    e
}

/// A robot's life under construction: events by participant, one day apart from `start`.
pub(crate) struct Life {
    pub(crate) chain: ChainBuilder,
    pub(crate) time: i64,
}

impl Life {
    pub(crate) fn new(code: IdentityCode) -> Life {
        Life {
            chain: ChainBuilder::new(code),
            time: T0,
        }
    }

    pub(crate) fn at(&mut self, time: i64) -> &mut Life {
        self.time = time;
        self
    }

    pub(crate) fn ev(&mut self, issuer: &str, event: LifecycleEvent) -> &mut Life {
        let k = key(issuer);
        self.chain.push(self.time, issuer, event, &[&k]);
        self.time += DAY;
        self
    }

    pub(crate) fn manufactured(&mut self, serials: &[&str]) -> &mut Life {
        let t = self.time;
        self.ev("acme", made(t, serials))
    }

    pub(crate) fn registered(&mut self) -> &mut Life {
        self.ev("registry", LifecycleEvent::Registered {})
    }

    /// manufactured, registered, shipped, received, sold, deployed.
    pub(crate) fn put_in_service(&mut self, serials: &[&str]) -> &mut Life {
        self.manufactured(serials)
            .registered()
            .ev("swift", shipped("metro"))
            .ev("metro", received("swift"))
            .ev("metro", sold("cityops"))
            .ev("cityops", deployed("warehouse-7", UseCategory::Industrial))
    }

    pub(crate) fn telemetry(&mut self, hours: u64, cycles: u64) -> &mut Life {
        self.ev("cityops", telemetry(hours, cycles))
    }

    /// The statement hash of the chain's last statement.
    pub(crate) fn head(&self) -> Option<String> {
        self.chain.head().map(str::to_owned)
    }

    pub(crate) fn bundle(&self) -> Vec<u8> {
        self.chain.bundle().to_json()
    }

    pub(crate) fn bundle_with(
        &self,
        recalls: &[&RecallNotice],
        passport: Option<String>,
    ) -> Vec<u8> {
        let mut b = self.chain.bundle();
        b.recalls = recalls
            .iter()
            .map(|r| {
                let k = key(&r.issuer);
                r.sign(&[&k])
            })
            .collect();
        b.passport = passport;
        b.to_json()
    }
}

pub(crate) fn made(time: i64, serials: &[&str]) -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date: time,
        firmware: "1.0.0".into(),
        components: serials
            .iter()
            .map(|s| Component {
                kind: ComponentKind::Actuator,
                serial: (*s).into(),
            })
            .collect(),
    }
}

pub(crate) fn shipped(to: &str) -> LifecycleEvent {
    LifecycleEvent::Shipped { to: to.into() }
}

pub(crate) fn received(from: &str) -> LifecycleEvent {
    LifecycleEvent::Received { from: from.into() }
}

pub(crate) fn sold(buyer: &str) -> LifecycleEvent {
    LifecycleEvent::Sold {
        buyer: buyer.into(),
    }
}

pub(crate) fn transferred(to: &str) -> LifecycleEvent {
    LifecycleEvent::Transferred { to: to.into() }
}

pub(crate) fn deployed(site: &str, use_category: UseCategory) -> LifecycleEvent {
    LifecycleEvent::Deployed {
        site: site.into(),
        use_category,
    }
}

pub(crate) fn suspended(reason: &str) -> LifecycleEvent {
    LifecycleEvent::Suspended {
        reason: reason.into(),
    }
}

pub(crate) fn remedied(recall_id: &str) -> LifecycleEvent {
    LifecycleEvent::RecallRemedied {
        recall_id: recall_id.into(),
    }
}

pub(crate) fn telemetry(hours: u64, cycles: u64) -> LifecycleEvent {
    LifecycleEvent::Telemetry {
        operating_hours: hours,
        battery_soh_percent: 97,
        battery_cycles: cycles,
        joints: vec![JointReport {
            joint: "left_knee".into(),
            wear_percent: 3,
            performance_percent: 99,
        }],
    }
}

pub(crate) fn software(
    component: SoftwareComponent,
    n: u8,
    previous: Option<u8>,
) -> LifecycleEvent {
    LifecycleEvent::SoftwareUpdated {
        component,
        version: format!("2.{n}.0"),
        digest: digest(n),
        previous_digest: previous.map(digest),
        dataset_digest: None,
    }
}

pub(crate) fn recall(id: &str, issuer: &str, manufacturer: &str) -> RecallNotice {
    RecallNotice {
        recall_id: id.into(),
        issuer: issuer.into(),
        issued_at: T0 + 20 * DAY,
        population: hrid::recall::RecallPopulation {
            manufacturer: Some(manufacturer.into()),
            models: vec!["A3W0F5".into()],
            unit_ranges: vec![hrid::recall::UnitRange {
                first: "0000000010000".into(),
                last: "0000000019999".into(),
            }],
            codes: vec![],
        },
        defect: "knee actuator may overheat under full load".into(),
        remedy: "install knee actuator firmware 2.1".into(),
    }
}
