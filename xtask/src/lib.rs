//! The test-vector corpus generator, and the generator of the JSON Schemas in `docs/schema/`
//! ([`schema`]).
//!
//! Every file in `test-vectors/` is produced here from fixed seeds, so the corpus is reproducible
//! and reviewable: `cargo xtask vectors` writes it, and the `drift` test fails when the committed
//! files differ from what the generator produces now. Expected results are reason codes and data,
//! never message text.

// A build tool over fixed, generated data (never untrusted input): indexing and panics on
// impossible states are acceptable here, unlike in the library.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::type_complexity
)]

mod codes;
mod custody;
mod expectations;
mod histories;
mod passports;
pub mod schema;
mod seller;
mod signed;
mod status_feed;
mod world;

use std::path::{Path, PathBuf};

/// The workspace root.
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every corpus file: its name under `test-vectors/` and its exact contents.
///
/// Every file with cases carries `expectations` (where its expected results come from and what
/// the reference model confirms: `xtask/src/expectations.rs`); the catalogue says it is none.
#[must_use]
pub fn corpus() -> Vec<(&'static str, String)> {
    let mut catalogue = hrid::reason::catalogue_json();
    catalogue["description"] = expectations::CATALOGUE.into();
    let files = vec![
        ("reason-codes.json", catalogue),
        ("codes.json", codes::generate()),
        ("keys.json", signed::keys()),
        ("trust-lists.json", signed::trust_lists()),
        ("attestations.json", signed::attestations()),
        ("histories.json", histories::generate()),
        ("passports.json", passports::generate()),
        ("custody.json", custody::generate()),
        ("status-feed.json", status_feed::generate()),
    ];
    files
        .into_iter()
        .map(|(name, mut doc)| {
            if let Some(e) = expectations::of(name, &doc) {
                doc["expectations"] = e;
            }
            (name, pretty(&doc))
        })
        .collect()
}

/// Pretty JSON with a trailing newline: stable, diff-friendly output.
pub(crate) fn pretty(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
