//! History, audit and passport benchmarks, against raw `verify_strict` in the same run:
//! `cargo bench -p hrid --bench history`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)] // bench code

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hrid::attestation::{Attestation, Component, ComponentKind, JointReport, LifecycleEvent};
use hrid::audit::audit;
use hrid::code::IdentityCode;
use hrid::envelope::pae;
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::passport::{verify_passport, Passport, PassportHead, PassportOptions, PassportStatus};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};

const T0: i64 = 1_767_225_600;
const AT: i64 = T0 + 200 * 86_400;

fn k(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

fn verifier() -> Verifier {
    let pk = |s: &SigningKey| ParticipantKey {
        public_key: s.verifying_key(),
        valid_from: 0,
        valid_until: 4_000_000_000,
        compromised_since: None,
    };
    let p = |id: &str, role: Role, scope: Option<&str>, key: u8| Participant {
        id: id.into(),
        name: id.into(),
        roles: vec![role],
        scope: scope.map(|m| Scope {
            manufacturers: vec![m.into()],
        }),
        keys: vec![pk(&k(key))],
    };
    let list = TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 400 * 86_400,
        roots: RootKeys {
            threshold: 1,
            keys: vec![k(1).verifying_key()],
        },
        participants: vec![
            p("acme", Role::Manufacturer, Some("0042"), 2),
            p("registry", Role::Registry, None, 3),
            p("cityops", Role::Operator, None, 4),
        ],
        permissions: TrustList::default_permissions(),
    };
    let anchor = TrustAnchor::new(vec![k(1).verifying_key()], 1).unwrap();
    let verified = TrustList::verify(
        &list.sign(&[&k(1)]).to_json(),
        &anchor,
        0,
        AT,
        &VerifyOptions::default(),
    )
    .unwrap();
    Verifier::new(verified, VerifyOptions::default())
}

fn telemetry(i: u64) -> LifecycleEvent {
    LifecycleEvent::Telemetry {
        operating_hours: 10 * i,
        battery_soh_percent: 98,
        battery_cycles: i,
        joints: vec![JointReport {
            joint: "left_knee".into(),
            wear_percent: 3,
            performance_percent: 99,
        }],
    }
}

/// A history of `n` events: manufactured, registered, then telemetry.
fn history(unit: u64, n: usize) -> Vec<u8> {
    let code = IdentityCode::from_fields("86", "0042", "A3W0F5", &unit.to_string()).unwrap();
    let mut chain = ChainBuilder::new(code);
    chain.push(
        T0,
        "acme",
        LifecycleEvent::Manufactured {
            model: "A3W0F5".into(),
            production_date: T0,
            firmware: "1.0.0".into(),
            components: vec![Component {
                kind: ComponentKind::Actuator,
                serial: format!("ACT-{unit}"),
            }],
        },
        &[&k(2)],
    );
    chain.push(T0 + 60, "registry", LifecycleEvent::Registered {}, &[&k(3)]);
    for i in 2..n {
        chain.push(T0 + 60 * i as i64, "cityops", telemetry(i as u64), &[&k(4)]);
    }
    chain.bundle().to_json()
}

fn raw_strict(c: &mut Criterion) {
    // One representative signed message: the PAE of a telemetry statement.
    let st = Attestation {
        subject: "860042A3W0F50000000012345ZAR2".parse().unwrap(),
        seq: 5,
        prev: Some("ab".repeat(32)),
        time: T0,
        issuer: "cityops".into(),
        event: telemetry(5),
    };
    let message = pae("application/vnd.hrid.attestation.v1+json", &st.to_json());
    let key = k(4);
    let sig = key.sign(&message);
    let public = key.verifying_key();
    let mut g = c.benchmark_group("raw");
    g.throughput(Throughput::Elements(1));
    g.bench_function("verify_strict", |b| {
        b.iter(|| public.verify(black_box(&message), black_box(&sig)).unwrap())
    });
    g.finish();
}

fn histories(c: &mut Criterion) {
    let v = verifier();
    for n in [10usize, 100, 1000] {
        let bundle = history(12345, n);
        let mut g = c.benchmark_group("history");
        g.throughput(Throughput::Elements(n as u64));
        if n == 1000 {
            g.sample_size(10);
        }
        for (name, batch) in [("single", false), ("batch", true)] {
            g.bench_with_input(BenchmarkId::new(name, n), &bundle, |b, bundle| {
                b.iter(|| {
                    let r = verify_history(&v, black_box(bundle), AT, &HistoryOptions { batch });
                    assert!(r.failures.is_empty());
                })
            });
        }
        g.finish();
    }
}

fn audits(c: &mut Criterion) {
    let v = verifier();
    let bundles: Vec<(String, Vec<u8>)> = (0..1000u64)
        .map(|i| (format!("r{i}"), history(10_000 + i, 10)))
        .collect();
    let mut g = c.benchmark_group("audit");
    g.throughput(Throughput::Elements(10_000));
    g.sample_size(10);
    for (name, batch) in [("single", false), ("batch", true)] {
        g.bench_function(BenchmarkId::new(name, "1000x10"), |b| {
            b.iter(|| {
                let r = audit(&v, black_box(&bundles), AT, &HistoryOptions { batch });
                assert_eq!(r.accepted, 1000);
            })
        });
    }
    g.finish();
}

fn passports(c: &mut Criterion) {
    let v = verifier();
    let text = Passport {
        subject: "860042A3W0F50000000012345ZAR2".parse().unwrap(),
        status: PassportStatus::Active,
        head: Some(PassportHead {
            seq: 9,
            hash_prefix: [1; 16],
        }),
        issued_at: AT - 86_400,
        expires_at: AT + 86_400,
    }
    .sign(&k(3))
    .unwrap();
    let options = PassportOptions::default();
    let mut g = c.benchmark_group("passport");
    g.throughput(Throughput::Elements(1));
    g.bench_function("verify", |b| {
        b.iter(|| {
            let r = verify_passport(&v, black_box(&text), AT, &options);
            assert!(r.failures.is_empty());
        })
    });
    g.finish();
}

criterion_group!(benches, raw_strict, histories, audits, passports);
criterion_main!(benches);
