//! The Rust side of the cross-surface benchmark (`bench/run.sh`), and a profiling driver.
//!
//! ```text
//! cargo run --release -p hrid --example surface_bench -- inputs FILE        # write the shared inputs
//! cargo run --release -p hrid --example surface_bench -- run FILE [--quick] # measure, JSON to stdout
//! cargo run --release -p hrid --example surface_bench -- profile FILE MODE N
//!     # MODE: setup | raw | hrid_key | attestation | history_build | history_single |
//!     # history_batch (history_build signs the chain that the history modes then verify: subtract
//!     # it); for callgrind
//! ```
//!
//! The inputs file holds one Ed25519 key, 64 messages (100 to 1,000 bytes) with their signatures,
//! a signed trust list whose manufacturer holds that key, 64 attestation envelopes signed with it,
//! and 10,000 identity codes (one in ten mistyped): every surface measures the same work.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)] // a measurement tool over its own generated inputs

use std::hint::black_box;
use std::time::Instant;

use hrid::attestation::{Attestation, Component, ComponentKind, JointReport, LifecycleEvent};
use hrid::code::{IdentityCode, SuggestOptions};
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::{SigningKey, VerifyingKey};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verdict, Verifier, VerifyOptions};
use serde_json::{json, Value};
use sha2::{Digest, Sha256, Sha512};

const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const AT: i64 = T0 + 200 * DAY;

fn seed(label: &str) -> [u8; 32] {
    Sha256::digest(format!("hrid bench: {label}").as_bytes()).into()
}

fn bytes(label: &str, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut block: [u8; 64] = Sha512::digest(label.as_bytes()).into();
    while out.len() < len {
        out.extend_from_slice(&block);
        block = Sha512::digest(block).into();
    }
    out.truncate(len);
    out
}

fn code(unit: u64) -> IdentityCode {
    IdentityCode::from_fields("86", "0042", "A3W0F5", &format!("{unit:013}")).unwrap()
}

/// The bench's trust list: `acme` (manufacturer of 0042) holds `key`, `registry` holds `registry`.
fn trust_list(root: &SigningKey, key: &SigningKey, registry: &SigningKey) -> TrustList {
    let pk = |s: &SigningKey| ParticipantKey {
        public_key: s.verifying_key(),
        valid_from: 0,
        valid_until: 4_000_000_000,
        compromised_since: None,
    };
    TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 400 * DAY,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root.verifying_key()],
        },
        participants: vec![
            Participant {
                id: "acme".into(),
                name: "ACME Robotics".into(),
                roles: vec![Role::Manufacturer],
                scope: Some(Scope {
                    manufacturers: vec!["0042".into()],
                }),
                keys: vec![pk(key)],
            },
            Participant {
                id: "registry".into(),
                name: "Registry".into(),
                roles: vec![Role::Registry],
                scope: None,
                keys: vec![pk(registry)],
            },
        ],
        permissions: TrustList::default_permissions(),
    }
}

fn write_inputs(path: &str) {
    let key = SigningKey::from_seed(seed("participant key"));
    let root = SigningKey::from_seed(seed("root key"));
    let registry = SigningKey::from_seed(seed("registry key"));
    let messages: Vec<Value> = (0..64)
        .map(|i| {
            let m = bytes(&format!("message {i}"), 100 + (i * 137) % 901);
            let sig = key.sign(&m);
            json!({"message": hex::encode(&m), "signature": hex::encode(sig)})
        })
        .collect();
    let list = trust_list(&root, &key, &registry);
    let envelopes: Vec<String> = (0..64u64)
        .map(|i| {
            let statement = Attestation {
                subject: code(10_000 + i),
                seq: 2 + i,
                prev: Some(hex::encode(Sha256::digest(format!("prev {i}").as_bytes()))),
                time: T0 + DAY + i as i64 * 3_600,
                issuer: "acme".into(),
                event: LifecycleEvent::Telemetry {
                    operating_hours: 100 + i,
                    battery_soh_percent: 97,
                    battery_cycles: 10 + i,
                    joints: vec![JointReport {
                        joint: "left_knee".into(),
                        wear_percent: 3,
                        performance_percent: 99,
                    }],
                },
            };
            String::from_utf8(statement.sign(&[&key]).to_json()).unwrap()
        })
        .collect();
    let codes: Vec<String> = (0..10_000u64)
        .map(|i| {
            let c = code(1_000_000 + i * 7).as_str().to_owned();
            if i % 10 == 9 {
                // One substitution at a pseudo-random position.
                let pos = ((i * 13) % 29) as usize;
                let mut chars: Vec<char> = c.chars().collect();
                chars[pos] = if chars[pos] == '7' { '8' } else { '7' };
                chars.into_iter().collect()
            } else {
                c
            }
        })
        .collect();
    let doc = json!({
        "about": "shared inputs of bench/run.sh: every surface measures this work (generated by core/examples/surface_bench.rs)",
        "public_key": key.verifying_key().to_hex(),
        "messages": messages,
        "root_public_key": root.verifying_key().to_hex(),
        "trust_list": String::from_utf8(list.sign(&[&root]).to_json()).unwrap(),
        "at": AT,
        "envelopes": envelopes,
        "codes": codes,
    });
    std::fs::write(path, serde_json::to_string(&doc).unwrap()).unwrap();
}

struct Inputs {
    key: ed25519_dalek::VerifyingKey,
    hkey: VerifyingKey,
    messages: Vec<(Vec<u8>, [u8; 64])>,
    verifier: Verifier,
    envelopes: Vec<Vec<u8>>,
    codes: Vec<String>,
}

fn read_inputs(path: &str) -> Inputs {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pk: [u8; 32] = hex::decode(doc["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let messages = doc["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                hex::decode(m["message"].as_str().unwrap()).unwrap(),
                hex::decode(m["signature"].as_str().unwrap())
                    .unwrap()
                    .try_into()
                    .unwrap(),
            )
        })
        .collect();
    let root = VerifyingKey::from_hex(doc["root_public_key"].as_str().unwrap()).unwrap();
    let list = TrustList::verify(
        doc["trust_list"].as_str().unwrap().as_bytes(),
        &TrustAnchor::new(vec![root], 1).unwrap(),
        0,
        AT,
        &VerifyOptions::default(),
    )
    .unwrap();
    Inputs {
        key: ed25519_dalek::VerifyingKey::from_bytes(&pk).unwrap(),
        hkey: VerifyingKey::from_hex(doc["public_key"].as_str().unwrap()).unwrap(),
        messages,
        verifier: Verifier::new(list, VerifyOptions::default()),
        envelopes: doc["envelopes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().as_bytes().to_vec())
            .collect(),
        codes: doc["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect(),
    }
}

/// A history of `n` events (manufactured, registered, telemetry) signed by two participants.
fn history(n: usize) -> (Verifier, Vec<u8>) {
    let key = SigningKey::from_seed(seed("participant key"));
    let registry = SigningKey::from_seed(seed("registry key"));
    let inputs_verifier = {
        let root = SigningKey::from_seed(seed("root key"));
        let v = TrustList::verify(
            &trust_list(&root, &key, &registry).sign(&[&root]).to_json(),
            &TrustAnchor::new(vec![root.verifying_key()], 1).unwrap(),
            0,
            AT,
            &VerifyOptions::default(),
        )
        .unwrap();
        Verifier::new(v, VerifyOptions::default())
    };
    let mut chain = ChainBuilder::new(code(12_345));
    chain.push(
        T0,
        "acme",
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0,
            firmware: "1.0.0".into(),
            components: vec![Component {
                kind: ComponentKind::Actuator,
                serial: "ACT-1".into(),
            }],
        },
        &[&key],
    );
    chain.push(
        T0 + 60,
        "registry",
        LifecycleEvent::Registered {},
        &[&registry],
    );
    for i in 2..n as u64 {
        chain.push(
            T0 + 60 * i as i64,
            "acme",
            LifecycleEvent::Telemetry {
                operating_hours: i,
                battery_soh_percent: 97,
                battery_cycles: i,
                joints: vec![],
            },
            &[&key],
        );
    }
    (inputs_verifier, chain.bundle().to_json())
}

/// Median seconds per run of `f` over `repeats` runs (after one warm-up).
fn median(repeats: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..repeats)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn run(path: &str, quick: bool) {
    let inp = read_inputs(path);
    let repeats = if quick { 3 } else { 15 };
    let n = inp.messages.len() as f64;
    let mut results = Vec::new();
    let mut push = |name: &str, ops: usize, secs: f64| {
        results
            .push(json!({"name": name, "ns_per_op": secs * 1e9 / ops as f64, "ops_per_run": ops}));
    };
    // Check once that every contender accepts every input.
    for (m, s) in &inp.messages {
        let sig = ed25519_dalek::Signature::from_bytes(s);
        assert!(inp.key.verify_strict(m, &sig).is_ok());
        assert!(inp.hkey.verify(m, s).is_ok());
    }
    for e in &inp.envelopes {
        assert_eq!(inp.verifier.verify(e, AT).verdict, Verdict::Accepted);
    }
    let t = median(repeats, || {
        for (m, s) in &inp.messages {
            let sig = ed25519_dalek::Signature::from_bytes(s);
            black_box(inp.key.verify_strict(black_box(m), &sig).is_ok());
        }
    });
    push("raw_verify_strict", inp.messages.len(), t);
    let t = median(repeats, || {
        for (m, s) in &inp.messages {
            black_box(inp.hkey.verify(black_box(m), s).is_ok());
        }
    });
    push("hrid_key_verify", inp.messages.len(), t);
    let t = median(repeats, || {
        for e in &inp.envelopes {
            black_box(inp.verifier.verify(black_box(e), AT));
        }
    });
    push("attestation_verify", inp.envelopes.len(), t);
    let events = if quick { 32 } else { 512 };
    let (hv, bundle) = history(events);
    for batch in [false, true] {
        let r = verify_history(&hv, &bundle, AT, &HistoryOptions { batch });
        assert_eq!(r.verdict, Verdict::Accepted, "{:?}", r.codes());
        let t = median(repeats.min(7), || {
            black_box(verify_history(
                &hv,
                black_box(&bundle),
                AT,
                &HistoryOptions { batch },
            ));
        });
        push(
            if batch {
                "history_batch_per_event"
            } else {
                "history_single_per_event"
            },
            events,
            t,
        );
    }
    let t = median(repeats, || {
        for c in &inp.codes {
            black_box(hrid::code::is_valid(black_box(c)));
        }
    });
    push("code_is_valid", inp.codes.len(), t);
    let typos: Vec<&String> = inp
        .codes
        .iter()
        .filter(|c| !hrid::code::is_valid(c))
        .collect();
    let t = median(repeats, || {
        for c in &typos {
            black_box(hrid::code::suggest(black_box(c), SuggestOptions::default()));
        }
    });
    push("code_suggest", typos.len(), t);
    let _ = n;
    let out = json!({
        "surface": "rust",
        "versions": {"hrid": env!("CARGO_PKG_VERSION")},
        "repeats": repeats,
        "results": results,
    });
    println!("{out}");
}

fn profile(path: &str, mode: &str, n: usize) {
    let inp = read_inputs(path);
    match mode {
        "raw" => {
            for i in 0..n {
                let (m, s) = &inp.messages[i % inp.messages.len()];
                let sig = ed25519_dalek::Signature::from_bytes(s);
                black_box(inp.key.verify_strict(m, &sig).is_ok());
            }
        }
        "hrid_key" => {
            for i in 0..n {
                let (m, s) = &inp.messages[i % inp.messages.len()];
                black_box(inp.hkey.verify(m, s).is_ok());
            }
        }
        "attestation" => {
            for i in 0..n {
                black_box(
                    inp.verifier
                        .verify(&inp.envelopes[i % inp.envelopes.len()], AT),
                );
            }
        }
        "history_build" => {
            black_box(history(n));
        }
        "history_single" | "history_batch" => {
            let (hv, bundle) = history(n);
            let batch = mode == "history_batch";
            black_box(verify_history(&hv, &bundle, AT, &HistoryOptions { batch }));
        }
        "setup" => {}
        other => panic!("unknown mode {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inputs") => write_inputs(&args[1]),
        Some("run") => run(&args[1], args.iter().any(|a| a == "--quick")),
        Some("profile") => profile(&args[1], &args[2], args[3].parse().unwrap()),
        _ => {
            eprintln!(
                "usage: surface_bench inputs FILE | run FILE [--quick] | profile FILE MODE N"
            );
            std::process::exit(2);
        }
    }
}
