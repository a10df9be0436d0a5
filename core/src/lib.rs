//! # hrid
//!
//! The verification core for China's humanoid-robot identity registry: the 29-character identity
//! code and its error-locating check characters, Ed25519 keys, DSSE-signed lifecycle attestations,
//! threshold-signed trust lists, and a verifier that reports a verdict with stable reason codes.
//! The formats are specified byte for byte in `docs/attestations.md`.
//!
//! hrid is a library, not a service: it never reads a clock, a file or the network on its own.
//! Trust anchors and the time are always arguments. Every error and finding carries a stable
//! [`ReasonCode`](reason::ReasonCode), identical in the Rust, Python, JavaScript and Kotlin
//! bindings.
//!
//! | module | what it does |
//! | --- | --- |
//! | [`reason`] | the catalogue of stable reason codes |
//! | [`json`] | the strict JSON pre-check (size, depth, duplicate keys) and [`json::Limits`] |
//! | [`report`] | [`Verdict`](report::Verdict), [`Finding`](report::Finding), [`Findings`](report::Findings): the one verdict rule every report shares |
//! | [`options`] | [`VerifyOptions`](options::VerifyOptions) |
//! | [`code`] | parse, validate, build, suggest and find identity codes |
//! | [`keys`] | Ed25519 signing and verifying keys, key IDs, PKCS#8 / SPKI files |
//! | [`envelope`] | DSSE envelopes: PAE, signing, verify-before-parse |
//! | [`attestation`] | lifecycle statements and their events |
//! | [`trust`] | trust lists: participants, roles, scopes, root thresholds and rotation; the key rule |
//! | [`verify`] | the [`Verifier`](verify::Verifier): the one authentication step, and attestations on top of it |
//! | [`recall`] | recall notices |
//! | [`history`] | history bundles: chains, lifecycle rules, the lifecycle fold, health, custody |
//! | [`passport`] | compact signed passports for QR codes |
//! | [`access`] | market-access decisions |
//! | [`audit`] | fleet audits across robots |
//! | [`batch`] | Ed25519 batch verification with the verdicts of strict single verification (feature `batch`) |
//!
//! `docs/architecture.md` gives the layers and which way the dependencies point.
//!
//! | cargo feature | default | what it does |
//! | --- | --- | --- |
//! | `parallel` | on | verify histories and fleet audits on all cores (rayon); turn off for wasm |
//! | `batch` | on | the [`batch`] module; without it `HistoryOptions::batch` verifies one by one (same reports, smaller wasm) |
//! | `uniffi` | off | uniffi records and enums on the reports, findings, documents and reason codes, for the Kotlin binding (`bindings-kotlin`); see `ffi.rs` for how the other fields cross |
//!
//! ```
//! let code = hrid::code::IdentityCode::from_fields("86", "0042", "A3W0F5", "12345")?;
//! assert_eq!(code.to_string(), "860042A3W0F50000000012345ZAR2");
//! assert!(hrid::code::is_valid("86-0042-A3W0F5-0000000012345-ZAR2"));
//! # Ok::<(), hrid::code::CodeError>(())
//! ```
//!
//! # Panics
//! No function of this crate panics on any input; library code is linted against `unwrap`,
//! `expect`, `panic!` and indexing, and fuzzed.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod access;
pub mod attestation;
pub mod audit;
#[cfg(feature = "batch")]
pub mod batch;
pub mod code;
pub mod envelope;
pub mod history;
pub mod json;
pub mod keys;
pub mod options;
pub mod passport;
pub mod reason;
pub mod recall;
pub mod report;
#[cfg(feature = "schema")]
mod schema;
pub mod status;
pub mod trust;
pub mod verify;

#[cfg(feature = "uniffi")]
mod ffi;
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
