//! `test-vectors/keys.json`, `trust-lists.json` and `attestations.json`: key import, trust-list
//! verification and attestation verification, from fixed seeds.
//!
//! Envelopes are stored as the exact JSON text to verify (`envelope`), so tampering and malformed
//! cases are byte-exact. Every key comes from a named seed listed in the file.

use base64::Engine as _;
use hrid::attestation::{Attestation, Component, ComponentKind, JointReport, LifecycleEvent};
use hrid::code::IdentityCode;
use hrid::envelope::{pae, Envelope, PayloadType};
use hrid::keys::{SigningKey, VerifyingKey};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::{json, Value};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// 2026-01-01T00:00:00Z.
pub(crate) const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

/// A named key from a fixed seed.
pub(crate) struct Named {
    pub(crate) name: &'static str,
    pub(crate) key: SigningKey,
}

pub(crate) fn key(name: &'static str) -> Named {
    let digest =
        <sha2::Sha256 as sha2::Digest>::digest(format!("hrid test vector key: {name}").as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    Named {
        name,
        key: SigningKey::from_seed(seed),
    }
}

fn keys_json(keys: &[&Named]) -> Value {
    let mut map = serde_json::Map::new();
    for k in keys {
        map.insert(
            k.name.to_owned(),
            json!({"seed": k.key.to_hex().as_str(), "public_key": k.key.verifying_key().to_hex(), "key_id": k.key.key_id().as_str()}),
        );
    }
    Value::Object(map)
}

/// Sign `payload` as a DSSE envelope by hand, with explicit key IDs (for crafted cases).
pub(crate) fn raw_envelope(
    payload_type: &str,
    payload: &[u8],
    sigs: &[(&SigningKey, &str)],
) -> String {
    let m = pae(payload_type, payload);
    let signatures: Vec<Value> = sigs
        .iter()
        .map(|(k, id)| json!({"keyid": id, "sig": B64.encode(k.sign(&m))}))
        .collect();
    json!({"payloadType": payload_type, "payload": B64.encode(payload), "signatures": signatures})
        .to_string()
}

fn text(envelope: &Envelope) -> String {
    String::from_utf8(envelope.to_json()).unwrap()
}

/// `envelope` (JSON text) with `edit` applied to it after signing.
fn edited(envelope: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut t: Value = serde_json::from_str(envelope).unwrap();
    edit(&mut t);
    t.to_string()
}

/// `envelope` with `from` replaced by `to` inside its payload, after signing.
fn payload_altered(envelope: &str, from: &str, to: &str) -> String {
    edited(envelope, |t| {
        let p = String::from_utf8(B64.decode(t["payload"].as_str().unwrap()).unwrap())
            .unwrap()
            .replace(from, to);
        t["payload"] = B64.encode(p).into();
    })
}

/// The participants and trust list every attestation case uses.
pub(crate) struct World {
    pub(crate) roots: [Named; 3],
    pub(crate) registry: Named,
    pub(crate) acme: Named,
    pub(crate) other_maker: Named,
    pub(crate) shipper: Named,
    pub(crate) dealer: Named,
    pub(crate) leaked: Named,
    pub(crate) retired: Named,
    pub(crate) future: Named,
    pub(crate) stranger: Named,
    pub(crate) list: TrustList,
}

fn pkey(k: &Named, from: i64, until: i64, compromised: Option<i64>) -> ParticipantKey {
    ParticipantKey {
        public_key: k.key.verifying_key(),
        valid_from: from,
        valid_until: until,
        compromised_since: compromised,
    }
}

fn participant(
    id: &str,
    name: &str,
    roles: Vec<Role>,
    scope: Option<Vec<&str>>,
    keys: Vec<ParticipantKey>,
) -> Participant {
    Participant {
        id: id.to_owned(),
        name: name.to_owned(),
        roles,
        scope: scope.map(|m| Scope {
            manufacturers: m.into_iter().map(str::to_owned).collect(),
        }),
        keys,
    }
}

impl World {
    pub(crate) fn new() -> World {
        let roots = [key("root-1"), key("root-2"), key("root-3")];
        let (registry, acme, other_maker, shipper, dealer) = (
            key("registry"),
            key("acme"),
            key("other-maker"),
            key("shipper"),
            key("dealer"),
        );
        let (leaked, retired, future, stranger) = (
            key("acme-leaked"),
            key("acme-retired"),
            key("acme-future"),
            key("stranger"),
        );
        let end = T0 + 2 * YEAR;
        let mut participants: Vec<Participant> = [
            (
                "registry",
                "National Humanoid Robot Registry",
                Role::Registry,
                None,
                &registry,
            ),
            (
                "acme",
                "Acme Robotics",
                Role::Manufacturer,
                Some("0042"),
                &acme,
            ),
            (
                "other-maker",
                "Other Robot Works",
                Role::Manufacturer,
                Some("0077"),
                &other_maker,
            ),
            ("fastship", "Fast Shipping", Role::Logistics, None, &shipper),
            ("dealer", "Robot Mart", Role::Dealer, None, &dealer),
        ]
        .into_iter()
        .map(|(id, name, role, scope, k)| {
            participant(
                id,
                name,
                vec![role],
                scope.map(|m| vec![m]),
                vec![pkey(k, T0, end, None)],
            )
        })
        .collect();
        // Acme also holds a key leaked on day 100, one retired on day 30 and one valid from day 300.
        participants[1].keys.extend([
            pkey(&leaked, T0, end, Some(T0 + 100 * DAY)),
            pkey(&retired, T0, T0 + 30 * DAY, None),
            pkey(&future, T0 + 300 * DAY, end, None),
        ]);
        let list = TrustList {
            version: 3,
            issued_at: T0,
            expires_at: T0 + YEAR,
            roots: RootKeys {
                threshold: 2,
                keys: roots.iter().map(|r| r.key.verifying_key()).collect(),
            },
            participants,
            permissions: TrustList::default_permissions(),
        };
        World {
            roots,
            registry,
            acme,
            other_maker,
            shipper,
            dealer,
            leaked,
            retired,
            future,
            stranger,
            list,
        }
    }

    pub(crate) fn all_keys(&self) -> Vec<&Named> {
        let mut v: Vec<&Named> = self.roots.iter().collect();
        v.extend([
            &self.registry,
            &self.acme,
            &self.other_maker,
            &self.shipper,
            &self.dealer,
            &self.leaked,
            &self.retired,
            &self.future,
            &self.stranger,
        ]);
        v
    }

    pub(crate) fn anchor_json(&self) -> Value {
        json!({"keys": self.roots.iter().map(|r| r.key.verifying_key().to_hex()).collect::<Vec<_>>(), "threshold": 2})
    }

    pub(crate) fn anchor(&self) -> TrustAnchor {
        TrustAnchor::new(
            self.roots.iter().map(|r| r.key.verifying_key()).collect(),
            2,
        )
        .unwrap()
    }

    pub(crate) fn signed_list(&self) -> String {
        text(&self.list.sign(&[&self.roots[0].key, &self.roots[1].key]))
    }
}

pub(crate) fn code() -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", "12345").unwrap()
}

fn manufactured() -> LifecycleEvent {
    LifecycleEvent::Manufactured {
        model: "A3W0F5".into(),
        production_date: T0 + 10 * DAY,
        firmware: "1.4.2".into(),
        components: vec![
            Component {
                kind: ComponentKind::Actuator,
                serial: "ACT-0042-000001".into(),
            },
            Component {
                kind: ComponentKind::BatteryPack,
                serial: "BAT-0042-000001".into(),
            },
            Component {
                kind: ComponentKind::MainController,
                serial: "MCU-0042-000001".into(),
            },
        ],
    }
}

fn statement(issuer: &str, time: i64, event: LifecycleEvent) -> Attestation {
    Attestation {
        subject: code(),
        seq: 0,
        prev: None,
        time,
        issuer: issuer.to_owned(),
        event,
    }
}

fn codes(findings: &[hrid::verify::Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

struct Cases(Vec<Value>);

impl Cases {
    fn push(&mut self, mut case: Value) {
        let id = self.0.len() + 1;
        case.as_object_mut()
            .unwrap()
            .insert("tcId".into(), json!(id));
        self.0.push(case);
    }
}

/// `attestations.json`.
pub(crate) fn attestations() -> Value {
    let w = World::new();
    let list_env = w.signed_list();
    let list_at = T0 + DAY;
    let verified = TrustList::verify(
        list_env.as_bytes(),
        &w.anchor(),
        0,
        list_at,
        &VerifyOptions::default(),
    )
    .unwrap();
    let verifier = Verifier::new(verified, VerifyOptions::default());
    let at = T0 + 200 * DAY;
    let mut cases = Cases(Vec::new());
    // Returns the failure codes, so a case can assert the code it exists for.
    let mut add = |comment: &str, flags: &[&str], envelope: String, at: i64| {
        let r = verifier.verify(envelope.as_bytes(), at);
        let failures = codes(&r.failures);
        cases.push(json!({
            "comment": comment, "flags": flags, "envelope": envelope, "at": at,
            "expected": {
                "verdict": r.verdict.as_str(), "failures": failures,
                "warnings": codes(&r.warnings), "passed": codes(&r.passed),
                "statement_hash": r.statement.as_ref().map(|s| s.statement_hash().to_owned()),
            },
        }));
        failures
    };
    let sign = |k: &Named, a: &Attestation| text(&a.sign(&[&k.key]));
    let raw = |k: &Named, payload: &str| {
        raw_envelope(
            PayloadType::Attestation.as_str(),
            payload.as_bytes(),
            &[(&k.key, k.key.key_id().as_str())],
        )
    };
    let good = statement("acme", T0 + 10 * DAY, manufactured());
    let good_env = sign(&w.acme, &good);

    add(
        "manufacturer attests its own robot",
        &["valid"],
        good_env.clone(),
        at,
    );
    add(
        "registry registers the robot",
        &["valid"],
        sign(
            &w.registry,
            &Attestation {
                seq: 1,
                prev: Some("00".repeat(32)),
                ..statement("registry", T0 + 11 * DAY, LifecycleEvent::Registered {})
            },
        ),
        at,
    );
    add(
        "dealer sells",
        &["valid"],
        sign(
            &w.dealer,
            &statement(
                "dealer",
                T0 + 50 * DAY,
                LifecycleEvent::Sold {
                    buyer: "customer-881".into(),
                },
            ),
        ),
        at,
    );
    add(
        "telemetry from the manufacturer",
        &["valid"],
        sign(
            &w.acme,
            &statement(
                "acme",
                T0 + 60 * DAY,
                LifecycleEvent::Telemetry {
                    operating_hours: 1200,
                    battery_soh_percent: 93,
                    battery_cycles: 310,
                    joints: vec![JointReport {
                        joint: "left_knee".into(),
                        wear_percent: 12,
                        performance_percent: 97,
                    }],
                },
            ),
        ),
        at,
    );
    add(
        "payload altered after signing",
        &["tampered"],
        payload_altered(&good_env, "1.4.2", "9.9.9"),
        at,
    );
    let edit = |edit: fn(&mut Value)| edited(&good_env, edit);
    add(
        "payload type changed after signing (an attestation presented as a trust list)",
        &["tampered", "type_confusion", "adversarial"],
        edit(|t| t["payloadType"] = "application/vnd.hrid.trust-list.v1+json".into()),
        at,
    );
    add(
        "empty key ID: a participant's signature must name its key, so it is tried against none (signer.unknown)",
        &["keyid", "indeterminate", "adversarial"],
        edit(|t| t["signatures"][0]["keyid"] = "".into()),
        at,
    );
    let dealer_id = w.dealer.key.key_id().as_str().to_owned();
    add(
        "key ID hint names another trusted key: no match, rejected",
        &["keyid"],
        edited(&good_env, |t| {
            t["signatures"][0]["keyid"] = dealer_id.into()
        }),
        at,
    );
    add(
        "signature of 63 bytes",
        &["malformed"],
        edit(|t| t["signatures"][0]["sig"] = B64.encode([7u8; 63]).into()),
        at,
    );
    add(
        "no signatures",
        &["malformed"],
        edit(|t| t["signatures"] = json!([])),
        at,
    );
    add(
        "17 signatures, more than the limit of 16",
        &["limits", "adversarial"],
        edit(|t| t["signatures"] = Value::Array(vec![t["signatures"][0].clone(); 17])),
        at,
    );
    add(
        "unknown payload type",
        &["malformed"],
        edit(|t| t["payloadType"] = "application/json".into()),
        at,
    );
    add(
        "unpadded base64 payload",
        &["encoding"],
        edit(|t| t["payload"] = t["payload"].as_str().unwrap().trim_end_matches('=').into()),
        at,
    );
    add(
        "unknown envelope field",
        &["malformed"],
        edit(|t| t["extra"] = "x".into()),
        at,
    );
    add(
        "a trust list presented as an attestation",
        &["type_confusion", "adversarial"],
        list_env.clone(),
        at,
    );
    add("not JSON", &["malformed"], "{\"payloadType\": ".into(), at);
    add(
        "duplicate envelope key with different values",
        &["duplicate_key", "adversarial"],
        good_env.replacen(
            "{\"payloadType\"",
            "{\"payloadType\":\"application/json\",\"payloadType\"",
            1,
        ),
        at,
    );
    add(
        "envelope nested 40 levels deep",
        &["limits", "adversarial"],
        format!("{}1{}", "[".repeat(40), "]".repeat(40)),
        at,
    );
    add(
        "envelope of 70,000 bytes",
        &["limits", "adversarial"],
        format!("{{\"payloadType\":\"{}\"}}", "x".repeat(70_000)),
        at,
    );
    add(
        "signed by a key the trust list does not know",
        &["unknown_signer"],
        sign(&w.stranger, &good),
        at,
    );
    add(
        "logistics claims manufactured",
        &["role"],
        sign(
            &w.shipper,
            &statement("fastship", T0 + 10 * DAY, manufactured()),
        ),
        at,
    );
    let foreign = Attestation {
        subject: IdentityCode::from_fields("86", "0077", "ZX1000", "1").unwrap(),
        ..good.clone()
    };
    add(
        "a manufacturer attests another manufacturer's robot",
        &["scope"],
        sign(&w.acme, &foreign),
        at,
    );
    add(
        "issuer field names another participant",
        &["issuer"],
        sign(&w.acme, &statement("dealer", T0 + 10 * DAY, manufactured())),
        at,
    );
    add(
        "key used before its validity",
        &["key_validity"],
        sign(&w.future, &good),
        at,
    );
    add(
        "key used after its validity",
        &["key_validity"],
        sign(
            &w.retired,
            &statement("acme", T0 + 40 * DAY, manufactured()),
        ),
        at,
    );
    add(
        "key used after its compromise",
        &["compromise", "adversarial"],
        sign(
            &w.leaked,
            &statement("acme", T0 + 150 * DAY, manufactured()),
        ),
        at,
    );
    add(
        "event before the key's later compromise: accepted with a warning",
        &["compromise"],
        sign(&w.leaked, &good),
        at,
    );
    add(
        "event an hour after the verification time",
        &["time"],
        sign(&w.acme, &statement("acme", at + 3600, manufactured())),
        at,
    );
    add(
        "event within the allowed clock skew",
        &["time"],
        sign(&w.acme, &statement("acme", at + 200, manufactured())),
        at,
    );
    let payload = String::from_utf8(good.to_json()).unwrap();
    add(
        "subject with wrong check characters",
        &["subject"],
        raw(&w.acme, &payload.replace("ZAR2", "ZAR3")),
        at,
    );
    add(
        "subject not in canonical form",
        &["subject"],
        raw(
            &w.acme,
            &payload.replace(
                "860042A3W0F50000000012345ZAR2",
                "86-0042-A3W0F5-0000000012345-ZAR2",
            ),
        ),
        at,
    );
    add(
        "unknown statement field",
        &["statement"],
        raw(&w.acme, &payload.replacen('{', "{\"note\":\"x\",", 1)),
        at,
    );
    add(
        "duplicate statement key with different values",
        &["duplicate_key", "adversarial"],
        raw(&w.acme, &payload.replacen('{', "{\"seq\":7,", 1)),
        at,
    );
    add(
        "statement nested 40 levels deep",
        &["limits", "adversarial"],
        raw(&w.acme, &format!("{}1{}", "[".repeat(40), "]".repeat(40))),
        at,
    );
    add(
        "battery state of health of 150 percent",
        &["statement"],
        raw(
            &w.acme,
            &String::from_utf8(
                statement(
                    "acme",
                    T0 + 60 * DAY,
                    LifecycleEvent::Telemetry {
                        operating_hours: 1,
                        battery_soh_percent: 100,
                        battery_cycles: 1,
                        joints: vec![],
                    },
                )
                .to_json(),
            )
            .unwrap()
            .replace("\"battery_soh_percent\":100", "\"battery_soh_percent\":150"),
        ),
        at,
    );
    add(
        "the dealer transfers the robot to a university",
        &["valid"],
        sign(
            &w.dealer,
            &statement(
                "dealer",
                T0 + 70 * DAY,
                LifecycleEvent::Transferred {
                    to: "university-7".into(),
                },
            ),
        ),
        at,
    );
    add(
        "verified 20 days after the trust list expired: beyond the 7-day grace, indeterminate",
        &["trust_list_expiry"],
        good_env.clone(),
        T0 + YEAR + 20 * DAY,
    );
    add(
        "verified 3 days after the trust list expired: within the 7-day grace",
        &["trust_list_expiry"],
        good_env.clone(),
        T0 + YEAR + 3 * DAY,
    );

    // Adversarial cases of issue #9, appended so earlier case IDs stay stable. Each asserts the
    // code it exists for.
    {
        // The same issuer's signature over the same event about robot 12346, moved onto this
        // robot's statement: valid Ed25519 signature, valid key, wrong message.
        let other_robot = Attestation {
            subject: IdentityCode::from_fields("86", "0042", "A3W0F5", "12346").unwrap(),
            ..good.clone()
        };
        let other: Value = serde_json::from_str(&sign(&w.acme, &other_robot)).unwrap();
        let mut t: Value = serde_json::from_str(&good_env).unwrap();
        t["signatures"] = other["signatures"].clone();
        let got = add(
            "a signature moved from another robot's statement (same issuer, same event) onto this robot's statement",
            &["moved_signature", "adversarial"],
            t.to_string(),
            at,
        );
        assert_eq!(got, ["signature.invalid"], "moved signature");
    }
    let subject = good.subject.as_str().to_owned();
    let mut not_utf8 = payload.clone().into_bytes();
    let at_subject = payload.find(subject.as_str()).unwrap() + 6;
    not_utf8.splice(at_subject..at_subject + 1, [0xff, 0xfe]);
    assert!(String::from_utf8(not_utf8.clone()).is_err());
    let got = add(
        "a signed statement payload that is not UTF-8 (bytes FF FE inside the subject)",
        &["encoding", "adversarial"],
        raw_envelope(
            PayloadType::Attestation.as_str(),
            &not_utf8,
            &[(&w.acme.key, w.acme.key.key_id().as_str())],
        ),
        at,
    );
    assert_eq!(got, ["statement.malformed"], "non-UTF-8 payload");
    let got = add(
        "a signed statement whose subject spells the model with full-width letters (U+FF21 for A)",
        &["subject", "confusable", "adversarial"],
        raw(
            &w.acme,
            &payload.replace(subject.as_str(), &subject.replacen('A', "\u{FF21}", 1)),
        ),
        at,
    );
    assert_eq!(got, ["statement.subject_invalid"], "full-width subject");

    let count = cases.0.len();
    json!({
        "algorithm": "hrid attestation verification (DSSE, Ed25519 verify_strict)",
        "schema": "hrid-attestations-v1",
        "generator": "cargo xtask vectors (xtask/src/signed.rs)",
        "numberOfTests": count,
        "notes": {
            "how": "verify trust_list.envelope with TrustList::verify(anchor, highest_seen_version 0, trust_list.at); build a Verifier with default options; verify each case's envelope (exact UTF-8 text) at `at`; compare verdict and the reason codes of failures, warnings and passed, in order",
            "keys": "every key is SigningKey::from_seed(seed); seeds are SHA-256(\"hrid test vector key: \" + name)",
            "valid": "accepted", "tampered": "bytes changed after signing", "type_confusion": "a document of one type presented as another",
            "keyid": "key ID hints", "malformed": "envelope shape", "limits": "size, depth and count limits", "encoding": "base64 rules",
            "duplicate_key": "a JSON object with the same key twice", "unknown_signer": "signer not in the trust list", "role": "role not permitted",
            "scope": "manufacturer scope", "issuer": "issuer field vs key owner", "key_validity": "key validity window",
            "compromise": "compromised_since", "time": "event time vs verification time", "subject": "subject identity code",
            "statement": "statement fields", "trust_list_expiry": "graded trust-list expiry",
            "moved_signature": "a valid signature of the same key over another statement, moved onto this one",
            "confusable": "look-alike characters from another script or width",
            "adversarial": "a case for an attack listed in hardening issue #9; docs/threat-model.md maps each to its adversary",
        },
        "keys": keys_json(&w.all_keys()),
        "trust_list": {"envelope": list_env, "anchor": w.anchor_json(), "highest_seen_version": 0, "at": list_at},
        "cases": cases.0,
    })
}

/// One case of `trust-lists.json`: without `previous`, `envelope` is verified against `anchor`
/// with `highest` as the highest version seen; with it, as an update of `previous`.
struct ListCase {
    comment: &'static str,
    flags: &'static [&'static str],
    envelope: String,
    anchor: Value,
    highest: u64,
    at: i64,
    previous: Option<String>,
}

/// `trust-lists.json`.
pub(crate) fn trust_lists() -> Value {
    let w = World::new();
    let [r1, r2, r3] = &w.roots;
    let at = T0 + DAY;
    let opts = VerifyOptions::default();
    let mut cases = Cases(Vec::new());
    let anchor_json = w.anchor_json();
    let list_payload = String::from_utf8(w.list.to_json()).unwrap();
    let tl = PayloadType::TrustList.as_str();
    let id = |k: &Named| k.key.key_id().as_str().to_owned();

    // Returns the expected result, so a case can assert the code it exists for.
    let mut add = |c: ListCase| {
        let result = match &c.previous {
            None => {
                let keys: Vec<VerifyingKey> = c.anchor["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| VerifyingKey::from_hex(k.as_str().unwrap()).unwrap())
                    .collect();
                TrustAnchor::new(keys, c.anchor["threshold"].as_u64().unwrap() as usize).and_then(
                    |a| TrustList::verify(c.envelope.as_bytes(), &a, c.highest, c.at, &opts),
                )
            }
            Some(prev) => {
                let prev = TrustList::verify(prev.as_bytes(), &w.anchor(), 0, c.at, &opts).unwrap();
                TrustList::verify_update(c.envelope.as_bytes(), &prev, c.at, &opts)
            }
        };
        let expected = match result {
            Ok(v) => {
                json!({"result": "accepted", "version": v.version(), "warnings": codes(v.warnings())})
            }
            Err(e) => {
                json!({"result": if e.reason().severity() == hrid::reason::Severity::Indeterminate { "indeterminate" } else { "rejected" }, "code": e.code()})
            }
        };
        cases.push(json!({
            "comment": c.comment, "flags": c.flags, "envelope": c.envelope, "anchor": c.anchor,
            "highest_seen_version": c.highest, "at": c.at, "previous": c.previous, "expected": expected,
        }));
        expected
    };
    // A first list: verified against the file's anchor, no version seen before, at `at`.
    let first = |comment, flags, envelope| ListCase {
        comment,
        flags,
        envelope,
        anchor: anchor_json.clone(),
        highest: 0,
        at,
        previous: None,
    };
    // An update of `previous` (itself verified against the file's anchor).
    let update = |comment, flags, envelope, previous: &String| ListCase {
        anchor: Value::Null,
        previous: Some(previous.clone()),
        ..first(comment, flags, envelope)
    };
    // `payload` signed as a trust list by each (key, key whose ID the signature claims).
    let raw = |payload: &str, sigs: &[(&Named, &Named)]| {
        let ids: Vec<String> = sigs.iter().map(|(_, claimed)| id(claimed)).collect();
        let sigs: Vec<(&SigningKey, &str)> = sigs
            .iter()
            .zip(&ids)
            .map(|((k, _), i)| (&k.key, i.as_str()))
            .collect();
        raw_envelope(tl, payload.as_bytes(), &sigs)
    };
    let signed = |list: &TrustList, keys: &[&Named]| {
        text(&list.sign(&keys.iter().map(|k| &k.key).collect::<Vec<_>>()))
    };
    let v3 = signed(&w.list, &[r1, r2]);

    add(first(
        "version 3 signed by 2 of 3 roots",
        &["valid"],
        v3.clone(),
    ));
    add(ListCase {
        highest: 3,
        ..first(
            "signed by all three roots",
            &["valid"],
            signed(&w.list, &[r1, r2, r3]),
        )
    });
    add(first(
        "signed by one root: threshold 2 not met",
        &["threshold"],
        signed(&w.list, &[r1]),
    ));
    add(first(
        "one root's signature listed twice does not count twice",
        &["threshold", "duplicate_signer", "adversarial"],
        raw(&list_payload, &[(r1, r1), (r1, r1)]),
    ));
    add(first(
        "one root's signature under two key IDs does not count twice",
        &["threshold", "duplicate_signer", "adversarial"],
        raw(&list_payload, &[(r1, r1), (r1, r2)]),
    ));
    add(ListCase {
        anchor: json!({"keys": [r1.key.verifying_key().to_hex(), r1.key.verifying_key().to_hex()], "threshold": 2}),
        ..first("the anchor lists one key twice", &["anchor"], v3.clone())
    });
    add(ListCase {
        anchor: json!({"keys": [r1.key.verifying_key().to_hex()], "threshold": 0}),
        ..first("an anchor threshold of 0", &["anchor"], v3.clone())
    });
    add(ListCase {
        highest: 5,
        ..first(
            "rollback: version 3 after version 5 was seen",
            &["rollback", "adversarial"],
            v3.clone(),
        )
    });
    for (comment, flags, at) in [
        ("issued in the future", &["time"][..], T0 - 10 * DAY),
        (
            "expired 3 days ago: within the grace, a warning",
            &["expiry", "adversarial"],
            T0 + YEAR + 3 * DAY,
        ),
        (
            "expired 30 days ago: beyond the grace",
            &["expiry", "adversarial"],
            T0 + YEAR + 30 * DAY,
        ),
    ] {
        add(ListCase {
            at,
            ..first(comment, flags, v3.clone())
        });
    }
    add(first(
        "payload altered after signing",
        &["tampered"],
        payload_altered(&v3, "Robot Mart", "Robot Fraud"),
    ));
    let sign_raw = |payload: &str| raw(payload, &[(r1, r1), (r2, r2)]);
    add(first(
        "payload is not a trust list",
        &["malformed"],
        sign_raw("{\"version\":3}"),
    ));
    add(first(
        "duplicate key in the payload",
        &["duplicate_key", "adversarial"],
        sign_raw(&list_payload.replacen('{', "{\"version\":99,", 1)),
    ));
    add(first(
        "payload nested 40 levels deep",
        &["limits", "adversarial"],
        sign_raw(&format!("{}1{}", "[".repeat(40), "]".repeat(40))),
    ));
    let mut dup = w.list.clone();
    let first_participant = dup.participants[0].clone();
    dup.participants.push(first_participant);
    add(first(
        "two participants with one ID",
        &["invalid"],
        signed(&dup, &[r1, r2]),
    ));
    add(first(
        "an attestation presented as a trust list",
        &["type_confusion", "adversarial"],
        text(&statement("acme", T0, manufactured()).sign(&[&w.acme.key])),
    ));

    // Root rotation: version 4 replaces root-3 with root-4.
    let r4 = key("root-4");
    let mut v4 = w.list.clone();
    v4.version = 4;
    v4.roots.keys = vec![
        r1.key.verifying_key(),
        r2.key.verifying_key(),
        r4.key.verifying_key(),
    ];
    add(update(
        "rotation: version 4 signed by 2 old roots that are also new roots",
        &["rotation", "valid"],
        signed(&v4, &[r1, r2]),
        &v3,
    ));
    add(update(
        "rotation: version 4 signed by root-2 and root-4 only: old threshold not met",
        &["rotation", "threshold", "adversarial"],
        signed(&v4, &[r2, &r4]),
        &v3,
    ));
    let mut v4b = v4.clone();
    v4b.roots.keys = vec![r4.key.verifying_key(), key("root-5").key.verifying_key()];
    add(update(
        "rotation: signed by the old roots only, none of its own: own threshold not met",
        &["rotation", "threshold", "adversarial"],
        signed(&v4b, &[r1, r2]),
        &v3,
    ));
    let mut v5 = v4.clone();
    v5.version = 5;
    add(update(
        "rotation: version 5 straight after 3",
        &["rotation", "rollback", "adversarial"],
        signed(&v5, &[r1, r2]),
        &v3,
    ));
    add(update(
        "rotation: version 3 again after 3",
        &["rotation", "rollback", "adversarial"],
        v3.clone(),
        &v3,
    ));

    // Adversarial cases of issue #9, appended so earlier case IDs stay stable: version 4
    // rotated root-3 out; root-3 (perhaps stolen, perhaps retired for cause) signs version 5.
    let v4_env = signed(&v4, &[r1, r2]);
    let rejected = json!({"result": "rejected", "code": "trust_list.threshold_not_met"});
    let got = add(update(
        "rotated-out root: version 5 after version 4, signed by root-3 (rotated out in version 4) and root-4: root-3 no longer counts",
        &["rotation", "threshold", "adversarial"],
        signed(&v5, &[r3, &r4]),
        &v4_env,
    ));
    assert_eq!(got, rejected, "rotated-out root");
    let mut v5_back = v5.clone();
    v5_back.roots.keys = vec![
        r1.key.verifying_key(),
        r2.key.verifying_key(),
        r3.key.verifying_key(),
    ];
    let got = add(update(
        "rotated-out root: version 5 puts root-3 back and is signed by root-1 and root-3: its own roots agree, version 4's do not",
        &["rotation", "threshold", "adversarial"],
        signed(&v5_back, &[r1, r3]),
        &v4_env,
    ));
    assert_eq!(got, rejected, "rotated-out root re-added");
    let got = add(ListCase {
        anchor: json!({"keys": v4.roots.keys.iter().map(VerifyingKey::to_hex).collect::<Vec<_>>(), "threshold": 2}),
        highest: 4,
        ..first(
            "rotated-out root: a device anchored on version 4's roots (root-1, root-2, root-4) is shown version 5 signed by root-1 and root-3",
            &["rotation", "threshold", "adversarial"],
            signed(&v5, &[r1, r3]),
        )
    });
    assert_eq!(got, rejected, "rotated-out root against a v4 anchor");

    let count = cases.0.len();
    let mut all = w.all_keys();
    all.push(&r4);
    json!({
        "algorithm": "hrid trust-list verification (DSSE, Ed25519 verify_strict, k-of-n distinct keys)",
        "schema": "hrid-trust-lists-v1",
        "generator": "cargo xtask vectors (xtask/src/signed.rs)",
        "numberOfTests": count,
        "notes": {
            "how": "when `previous` is null: TrustList::verify(envelope, anchor{keys, threshold}, highest_seen_version, at); otherwise verify `previous` against the anchor of the file's `anchor` field at `at`, then TrustList::verify_update(envelope, previous, at). Expected: accepted with version and warning codes, or the error's reason code",
            "valid": "accepted", "threshold": "root-signature threshold", "duplicate_signer": "one key counted once",
            "anchor": "invalid trust anchor", "rollback": "version guard", "time": "issue time", "expiry": "graded expiry",
            "tampered": "bytes changed after signing", "malformed": "payload shape", "duplicate_key": "duplicate JSON key",
            "limits": "depth limit", "invalid": "format rules", "type_confusion": "wrong payload type", "rotation": "root rotation",
            "adversarial": "a case for an attack listed in hardening issue #9; docs/threat-model.md maps each to its adversary",
        },
        "anchor": w.anchor_json(),
        "keys": keys_json(&all),
        "cases": cases.0,
    })
}

/// `keys.json`: key import.
pub(crate) fn keys() -> Value {
    let k = key("import");
    let mut cases = Cases(Vec::new());
    let mut add = |comment: &str, format: &str, private: bool, input: String| {
        let result = match (format, private) {
            ("hex", true) => SigningKey::from_hex(&input).map(|k| k.verifying_key()),
            ("hex", false) => VerifyingKey::from_hex(&input),
            ("pem", true) => SigningKey::from_pkcs8_pem(&input).map(|k| k.verifying_key()),
            ("pem", false) => VerifyingKey::from_public_key_pem(&input),
            ("der_hex", true) => {
                SigningKey::from_pkcs8_der(&hex::decode(&input).unwrap()).map(|k| k.verifying_key())
            }
            ("der_hex", false) => VerifyingKey::from_public_key_der(&hex::decode(&input).unwrap()),
            _ => unreachable!(),
        };
        let expected = match result {
            Ok(v) => json!({"ok": true, "public_key": v.to_hex(), "key_id": v.key_id().as_str()}),
            Err(e) => json!({"ok": false, "code": e.code()}),
        };
        cases.push(json!({"comment": comment, "format": format, "private": private, "input": input, "expected": expected}));
    };
    let seed = k.key.to_hex().as_str().to_owned();
    let public = k.key.verifying_key();
    add("private seed, lower-case hex", "hex", true, seed.clone());
    add(
        "private seed, upper-case hex",
        "hex",
        true,
        seed.to_ascii_uppercase(),
    );
    add("public key hex", "hex", false, public.to_hex());
    add(
        "public key hex, upper case",
        "hex",
        false,
        public.to_hex().to_ascii_uppercase(),
    );
    add("not hex", "hex", false, "zz".repeat(32));
    add("31 bytes", "hex", false, "ab".repeat(31));
    add("33-byte seed", "hex", true, "ab".repeat(33));
    add(
        "small-order public key (the identity point)",
        "hex",
        false,
        format!("01{}", "00".repeat(31)),
    );
    add(
        "small-order public key (order 8)",
        "hex",
        false,
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a".into(),
    );
    add(
        "non-canonical public key encoding (y >= p)",
        "hex",
        false,
        format!("{}7f", "ff".repeat(31)),
    );
    add(
        "PKCS#8 v2 PEM",
        "pem",
        true,
        k.key.to_pkcs8_pem().unwrap().as_str().to_owned(),
    );
    add(
        "SPKI PEM",
        "pem",
        false,
        public.to_public_key_pem().unwrap(),
    );
    add(
        "PKCS#8 v2 DER",
        "der_hex",
        true,
        hex::encode(k.key.to_pkcs8_der().unwrap().as_slice()),
    );
    add(
        "SPKI DER",
        "der_hex",
        false,
        hex::encode(public.to_public_key_der().unwrap()),
    );
    let mut der = k.key.to_pkcs8_der().unwrap().to_vec();
    let n = der.len();
    der[n - 1] ^= 1;
    add(
        "PKCS#8 v2 whose public key does not match the private key",
        "der_hex",
        true,
        hex::encode(&der),
    );
    add(
        "a PEM with garbage inside",
        "pem",
        false,
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".into(),
    );
    add(
        "an RSA-sized blob as SPKI DER",
        "der_hex",
        false,
        "30".repeat(40),
    );
    let count = cases.0.len();
    json!({
        "algorithm": "hrid key import (Ed25519: hex seeds and keys, PKCS#8 and SPKI in PEM and DER)",
        "schema": "hrid-keys-v1",
        "generator": "cargo xtask vectors (xtask/src/signed.rs)",
        "numberOfTests": count,
        "notes": {"how": "import `input` in `format` (der_hex: DER bytes as hex) as a private (`private`) or public key; compare the public key and key ID, or the error's reason code"},
        "cases": cases.0,
    })
}
