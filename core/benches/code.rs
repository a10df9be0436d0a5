//! Identity-code benchmarks: `cargo bench -p hrid --bench code`.

#![allow(clippy::unwrap_used)] // bench code

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hrid::code::{self, IdentityCode, SuggestOptions};

const GOOD: &str = "860042A3W0F50000000012345ZAR2";

fn parse_and_validate(c: &mut Criterion) {
    let mut g = c.benchmark_group("code");
    g.throughput(Throughput::Elements(1));
    g.bench_function("is_valid", |b| b.iter(|| code::is_valid(black_box(GOOD))));
    g.bench_function("parse", |b| {
        b.iter(|| IdentityCode::parse(black_box(GOOD)).unwrap())
    });
    g.bench_function("parse_display_form", |b| {
        b.iter(|| IdentityCode::parse(black_box("86-0042-a3w0f5-0000000012345-zar2")).unwrap())
    });
    g.bench_function("validate_invalid_located", |b| {
        b.iter(|| code::validate(black_box("860042A3W0F50000000012345ZARX")).unwrap_err())
    });
    g.bench_function("from_fields", |b| {
        b.iter(|| IdentityCode::from_fields("86", "0042", "A3W0F5", black_box("12345")).unwrap())
    });
    g.finish();
}

fn suggestions(c: &mut Criterion) {
    let mut g = c.benchmark_group("suggest");
    let one = SuggestOptions::default();
    let two = SuggestOptions::with_two_errors();
    for (name, text, options) in [
        ("one_substitution", "860042A3W0F50000000012345ZARX", one),
        ("transposition", "860042A3W0F50000000021345ZAR2", one),
        (
            "two_substitutions_tier_b",
            "860042A3W0F50000000012399ZAR2",
            two,
        ),
        ("missing_symbol", "860042A3W0F5000000001234ZAR2", one),
        ("extra_symbol", "860042A3W0F500000000123457ZAR2", one),
    ] {
        g.bench_function(name, |b| b.iter(|| code::suggest(black_box(text), options)));
    }
    g.finish();
}

fn find(c: &mut Criterion) {
    let mut listing = String::new();
    for i in 0..10 {
        listing
            .push_str("Humanoid robot, lightly used, battery at 91%, joints serviced last month. ");
        if i % 3 == 0 {
            listing.push_str("Identity code 86-0042-A3W0F5-0000000012345-ZAR2. ");
        }
    }
    let mut g = c.benchmark_group("find");
    g.throughput(Throughput::Bytes(listing.len() as u64));
    g.bench_function("listing_1kb", |b| {
        b.iter(|| code::find(black_box(&listing)))
    });
    g.finish();
}

criterion_group!(benches, parse_and_validate, suggestions, find);
criterion_main!(benches);
