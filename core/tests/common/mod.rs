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

/// `$HRID_SHARED_VECTORS`, or `../shared/vectors` beside the workspace.
///
/// When absent: under `CI=true` the test fails; otherwise `None`, and the calling test reports
/// itself skipped with one line on the process's stderr, [`skipped`]. Call it once per test.
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
        skipped(&format!(
            "no external vectors at {} (set HRID_SHARED_VECTORS; CI=true makes this a failure)",
            dir.display()
        ));
        None
    }
}

/// Report the running test as skipped: `SKIPPED: <test binary>::<test>: <why>`, written straight
/// to the process's stderr, past libtest's output capture, so the line shows in every run.
/// Stable Rust has no runtime skip (libtest counts the test as passed), so this line is the
/// record: `scripts/test-all.sh` counts and names these lines in its summary.
pub fn skipped(why: &str) {
    use std::io::Write as _;
    let test = std::thread::current()
        .name()
        .unwrap_or("<unnamed test>")
        .to_owned();
    let line = format!("SKIPPED: {}::{test}: {why}\n", env!("CARGO_CRATE_NAME"));
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The bytes of a file under the shared vectors, or `None` (the test skipped) when they are
/// absent.
pub fn read(name: &str) -> Option<Vec<u8>> {
    Some(read_in(&vectors_dir()?, name))
}

/// The bytes of `name` under the shared vectors folder `dir`.
pub fn read_in(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
}

/// A JSON file under the shared vectors, parsed, or `None` (the test skipped) when they are
/// absent.
pub fn read_json<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    Some(serde_json::from_slice(&read(name)?).unwrap())
}
