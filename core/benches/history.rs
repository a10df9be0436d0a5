//! History, audit and passport benchmarks, against raw `verify_strict` in the same run:
//! `cargo bench -p hrid --bench history`.

#![allow(clippy::unwrap_used)] // bench code

mod common;

use std::hint::black_box;

use common::{code, manufactured, participant, trust_list, AT, DAY, T0};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hrid::attestation::{Attestation, JointReport, LifecycleEvent};
use hrid::audit::audit;
use hrid::envelope::pae;
use hrid::history::{verify_history, ChainBuilder, HistoryOptions};
use hrid::keys::SigningKey;
use hrid::passport::{verify_passport, Passport, PassportHead, PassportOptions, PassportStatus};
use hrid::trust::Role;
use hrid::verify::Verifier;

fn k(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

fn verifier() -> Verifier {
    let list = trust_list(
        &k(1),
        vec![
            participant("acme", "acme", Role::Manufacturer, Some("0042"), &k(2)),
            participant("registry", "registry", Role::Registry, None, &k(3)),
            participant("cityops", "cityops", Role::Operator, None, &k(4)),
        ],
    );
    common::verifier(&k(1), &list)
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
    let mut chain = ChainBuilder::new(code(unit));
    chain.push(T0, "acme", manufactured(format!("ACT-{unit}")), &[&k(2)]);
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
                    let r = verify_history(
                        &v,
                        black_box(bundle),
                        AT,
                        &HistoryOptions {
                            batch,
                            ..HistoryOptions::DEFAULT
                        },
                    );
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
                let r = audit(
                    &v,
                    black_box(&bundles),
                    AT,
                    &HistoryOptions {
                        batch,
                        ..HistoryOptions::DEFAULT
                    },
                );
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
        issued_at: AT - DAY,
        expires_at: AT + DAY,
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
