#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code; not every test uses every helper

//! Helpers shared by the integration tests: the third-party vectors in `shared/vectors` (here),
//! the corpus in `test-vectors/` ([`corpus`]) and random identity codes with errors ([`code`]).

pub mod code;
pub mod corpus;

use std::path::PathBuf;

/// `$HRID_SHARED_VECTORS`, or `../shared/vectors` beside the workspace. `None` (with a printed
/// notice) when absent, except under `CI=true`, where absence fails the test.
pub fn vectors_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HRID_SHARED_VECTORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors"))
        });
    if dir.is_dir() {
        Some(dir)
    } else if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "shared vectors not found at {} (set HRID_SHARED_VECTORS)",
            dir.display()
        );
    } else {
        eprintln!(
            "notice: shared vectors not found at {}; skipping",
            dir.display()
        );
        None
    }
}

/// The bytes of a file under the shared vectors, or `None` when the vectors are absent.
pub fn read(name: &str) -> Option<Vec<u8>> {
    Some(std::fs::read(vectors_dir()?.join(name)).unwrap())
}

/// A JSON file under the shared vectors, parsed, or `None` when the vectors are absent.
pub fn read_json<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    Some(serde_json::from_slice(&read(name)?).unwrap())
}
