//! # hrid-kotlin
//!
//! The Kotlin/JVM binding of [`hrid`], generated with uniffi (proc-macro style). This crate holds
//! no logic: every function converts its arguments, calls the core, and converts the result. The
//! same input gives the same verdict and the same reason codes as in Rust.
//!
//! The generated Kotlin lands in package `cn.hrid.ffi`; the hand-written facade in
//! `bindings-kotlin/src/main/kotlin/cn/hrid/Hrid.kt` (package `cn.hrid`) is what applications use.
//! It turns [`HridFfiError`] into the sealed `cn.hrid.HridException` hierarchy (a reason `code`
//! and a readable `message`), because uniffi's exceptions for errors with fields print a field
//! dump as their message.
//!
//! Histories, recall notices, passports, health summaries, market-access decisions and fleet
//! audits are in the `history` module (methods of [`Verifier`] and [`parse_passport`]).
//!
//! Conversions: times are `i64` unix seconds (Kotlin `Long`); positions and counts are `i32`
//! (Kotlin `Int`, as Kotlin indexes strings) and count Unicode scalar values like the core;
//! versions and sequence numbers are `i64`, saturating at `i64::MAX`.
//!
//! # Panics
//! Never on any input: the core never panics and this crate indexes, unwraps and panics nowhere.
//! A panic would reach Kotlin as `cn.hrid.ffi.InternalException`; the JUnit tests feed hostile
//! input to every function and assert that it never appears.

use std::collections::HashMap;
use std::sync::Arc;

use hrid::code;

mod custody;
mod history;
pub use history::*;

uniffi::setup_scaffolding!();

// ---------------------------------------------------------------------------------------------
// Enums mirrored from the core
// ---------------------------------------------------------------------------------------------

/// Declare a fieldless uniffi enum that mirrors a core enum variant for variant, with conversions
/// both ways. `to_core` is an exhaustive match (a variant the core lacks fails to compile); the
/// const assertion below each use makes a variant the binding lacks fail to compile too, so the
/// fallback of `from_core` is unreachable.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $core:path, fallback $fallback:ident {
            $( $(#[$vmeta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every variant, in the core's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The core's value.
            #[must_use]
            pub fn to_core(self) -> $core {
                match self { $( $name::$variant => <$core>::$variant, )* }
            }

            /// The mirror of a core value.
            #[must_use]
            pub fn from_core(value: $core) -> $name {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|m| m.to_core() == value)
                    .unwrap_or($name::$fallback)
            }
        }
    };
}

mirror_enum! {
    /// A stable reason code. `reason_code_string` (Kotlin: `ReasonCode.code`) gives the dotted
    /// string, identical in every binding (`code.check_failed`, `signature.invalid`, ...).
    pub enum ReasonCode mirrors hrid::reason::ReasonCode, fallback EnvelopeMalformed {
        CodeEmpty,
        CodeInvalidCharacter,
        CodeWrongLength,
        CodeCheckFailed,
        CodeFieldInvalid,
        CodeStructureOnly,
        KeyMalformed,
        KeyWrongLength,
        KeyWeak,
        KeyMismatch,
        KeyEncodingFailed,
        KeyNotYetValid,
        KeyExpired,
        KeyCompromised,
        KeyCompromisedLater,
        KeyValid,
        EnvelopeMalformed,
        EnvelopeTooLarge,
        EnvelopeTooDeep,
        EnvelopeDuplicateKey,
        EnvelopeBadEncoding,
        EnvelopeNoSignatures,
        EnvelopeTooManySignatures,
        EnvelopePayloadTypeUnknown,
        EnvelopePayloadTypeUnexpected,
        EnvelopeWellFormed,
        SignatureMalformed,
        SignatureInvalid,
        SignatureValid,
        SignerUnknown,
        SignerIssuerMismatch,
        SignerKnown,
        RoleNotPermitted,
        RolePermitted,
        ScopeOutside,
        ScopeWithin,
        StatementMalformed,
        StatementDuplicateKey,
        StatementTooDeep,
        StatementFieldInvalid,
        StatementSubjectInvalid,
        StatementWellFormed,
        TimeInFuture,
        TimeNotInFuture,
        TrustListMalformed,
        TrustListDuplicateKey,
        TrustListTooDeep,
        TrustListInvalid,
        TrustListAnchorInvalid,
        TrustListThresholdNotMet,
        TrustListRollback,
        TrustListVersionSkipped,
        TrustListNotYetValid,
        TrustListExpired,
        TrustListExpiredGrace,
        TrustListCurrent,
        HistoryMalformed,
        HistoryTooLarge,
        HistoryTooManyEvents,
        HistorySubjectInvalid,
        HistoryEmpty,
        HistorySubjectMismatch,
        HistoryWellFormed,
        HistoryAttestationsVerified,
        ChainSeqGap,
        ChainPrevMismatch,
        ChainFork,
        ChainDuplicate,
        ChainTimeDecreasing,
        ChainIntact,
        LifecycleFirstNotManufactured,
        LifecycleManufacturerNotOwner,
        LifecycleRegistrationNotSecond,
        LifecycleRegistrarNotRegistry,
        LifecycleMarketBeforeRegistration,
        LifecycleProductionAfterRegistration,
        LifecycleSaleAfterScrap,
        LifecycleTransferAfterScrap,
        LifecycleDeploymentAfterScrap,
        LifecycleTelemetryAfterScrap,
        LifecycleEventAfterScrap,
        LifecycleSaleWhileSuspended,
        LifecycleDeploymentWhileSuspended,
        LifecycleDeploymentAfterDecommission,
        LifecycleConsistent,
        TelemetryHoursDecreased,
        TelemetryBatteryCyclesDecreased,
        SoftwareLineageBroken,
        SoftwarePreviousDigestMissing,
        RecallMalformed,
        RecallIssuerNotPermitted,
        RecallScopeOutside,
        RecallValid,
        RecallOpen,
        RecallRemedied,
        RecallRemedyUnknown,
        PassportMalformed,
        PassportVersionUnknown,
        PassportFieldInvalid,
        PassportSubjectMismatch,
        PassportIssuedInFuture,
        PassportFresh,
        PassportStale,
        PassportExpired,
        PassportClockSetBack,
        AccessAllowed,
        AccessNoEvidence,
        AccessCodeInvalid,
        AccessEvidenceUnverifiable,
        AccessEvidenceOtherSubject,
        AccessEvidenceConflict,
        AccessNotRegistered,
        AccessScrapped,
        AccessDecommissioned,
        AccessSuspended,
        AccessRecallOpen,
        AuditScrappedPartReused,
        AuditClonedCode,
        AuditPartInTwoRobots,
        AuditConsistent,
        CustodyAnswered,
        CustodyHistoryUnverified,
        CustodyBeforeManufacture,
        CustodyNoOwner,
        CustodyNoOperator,
        CustodyNoMaintenance,
        CustodyNoAiProfile,
        CustodyNoTelemetry,
        CustodyRecallOpen,
        CustodyOperatedWhileScrapped,
        CustodyOperatedWhileSuspended,
        StatusFeedMalformed,
        StatusFeedTooLarge,
        StatusFeedSignerNotRegistry,
        StatusFeedOtherRegistry,
        StatusFeedRollback,
        StatusFeedIssuedInFuture,
        StatusFeedRecallMissing,
        StatusFeedExpiredGrace,
        StatusFeedExpired,
        StatusFeedCurrent,
        StatusFeedValid,
    }
}

// The catalogue is complete: a code added to the core without its mirror fails the build here.
const _: () = assert!(ReasonCode::ALL.len() == hrid::reason::ReasonCode::ALL.len());

mirror_enum! {
    /// What a participant does in the robot's life.
    pub enum Role mirrors hrid::trust::Role, fallback Registry {
        Registry,
        Regulator,
        Manufacturer,
        PartsSupplier,
        Logistics,
        Dealer,
        Operator,
        Maintainer,
        Recycler,
    }
}

const _: () = assert!(Role::ALL.len() == hrid::trust::Role::ALL.len());

/// How a reason code is normally reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Severity {
    /// A rejection.
    Failure,
    /// Something to look at, not a rejection.
    Warning,
    /// A check that could not be completed: neither accepted nor rejected.
    Indeterminate,
    /// A check that ran and passed.
    Passed,
}

impl Severity {
    fn from_core(s: hrid::reason::Severity) -> Severity {
        use hrid::reason::Severity as S;
        match s {
            S::Failure => Severity::Failure,
            S::Warning => Severity::Warning,
            S::Passed => Severity::Passed,
            // `Indeterminate`, and any severity a later core adds: never reported as passed.
            _ => Severity::Indeterminate,
        }
    }
}

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Verdict {
    /// Every check passed (warnings may remain).
    Accepted,
    /// At least one check failed.
    Rejected,
    /// No check failed, but one could not be completed (unknown signer, expired trust list).
    Indeterminate,
}

impl Verdict {
    fn from_core(v: hrid::verify::Verdict) -> Verdict {
        match v {
            hrid::verify::Verdict::Accepted => Verdict::Accepted,
            hrid::verify::Verdict::Rejected => Verdict::Rejected,
            hrid::verify::Verdict::Indeterminate => Verdict::Indeterminate,
        }
    }
}

/// How confident a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Tier {
    /// "Did you mean ...?": a unique, small repair.
    A,
    /// Shown only after the person confirms that two characters look wrong.
    B,
}

/// What kind of repair a suggestion makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Repair {
    /// One or two symbols replaced.
    Substitution,
    /// Two adjacent symbols swapped.
    Transposition,
    /// Unreadable symbols filled in.
    ErasureFill,
    /// A missing symbol inserted.
    Insertion,
    /// An extra symbol removed.
    Deletion,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Every error of the binding. The Kotlin facade rethrows these as `cn.hrid.HridException`
/// subclasses whose `message` is `detail`.
#[derive(Debug, Clone, thiserror::Error, uniffi::Error)]
pub enum HridFfiError {
    /// Text that is not a valid identity code, or malformed fields to build one.
    #[error("{detail}")]
    InvalidCode {
        /// The reason code (`code.*`).
        code: ReasonCode,
        /// Readable text (may change between releases; match on `code`).
        detail: String,
        /// Zero-based character position in the input, where known.
        position: Option<i32>,
        /// Tier-A suggestions, best first (possibly none).
        suggestions: Vec<Suggestion>,
    },
    /// A key that cannot be imported.
    #[error("{detail}")]
    InvalidKey {
        /// The reason code (`key.*`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
    /// A signed document (trust list, envelope) that was not accepted, or an unusable anchor.
    #[error("{detail}")]
    InvalidDocument {
        /// The reason code (`envelope.*`, `signature.*`, `trust_list.*`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
    /// Text that is not a passport (`parse_passport`; verification reports these as findings).
    #[error("{detail}")]
    InvalidPassport {
        /// The reason code (`passport.malformed`, `passport.version_unknown`).
        code: ReasonCode,
        /// Readable text.
        detail: String,
    },
}

fn position(p: Option<usize>) -> Option<i32> {
    p.map(count)
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn long(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl HridFfiError {
    fn code(input: &str, e: &code::CodeError) -> HridFfiError {
        HridFfiError::InvalidCode {
            code: ReasonCode::from_core(e.reason()),
            detail: e.to_string(),
            position: position(e.position()),
            suggestions: code::suggest(input, code::SuggestOptions::default())
                .iter()
                .map(Suggestion::from_core)
                .collect(),
        }
    }

    fn key(e: &hrid::keys::KeyError) -> HridFfiError {
        HridFfiError::InvalidKey {
            code: ReasonCode::from_core(e.reason()),
            detail: e.to_string(),
        }
    }

    fn passport(e: &hrid::passport::PassportError) -> HridFfiError {
        HridFfiError::InvalidPassport {
            code: ReasonCode::from_core(e.reason()),
            detail: e.to_string(),
        }
    }

    fn document(e: &hrid::trust::TrustListError) -> HridFfiError {
        HridFfiError::InvalidDocument {
            code: ReasonCode::from_core(e.reason()),
            detail: e.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reason codes
// ---------------------------------------------------------------------------------------------

/// One entry of the reason-code catalogue.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReasonCodeInfo {
    /// The code as an enum value.
    pub reason: ReasonCode,
    /// The stable dotted string, e.g. `code.check_failed`.
    pub code: String,
    /// How it is normally reported.
    pub severity: Severity,
    /// One sentence a clerk understands.
    pub summary: String,
}

/// The whole catalogue, in the core's order (what `test-vectors/reason-codes.json` lists).
#[uniffi::export]
#[must_use]
pub fn reason_codes() -> Vec<ReasonCodeInfo> {
    ReasonCode::ALL
        .iter()
        .map(|r| {
            let c = r.to_core();
            ReasonCodeInfo {
                reason: *r,
                code: c.as_str().to_owned(),
                severity: Severity::from_core(c.severity()),
                summary: c.summary().to_owned(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Identity codes
// ---------------------------------------------------------------------------------------------

/// The fields of a code as text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeFields {
    /// `c0..c1`.
    pub country: String,
    /// `c2..c5`.
    pub manufacturer: String,
    /// `c6..c11`.
    pub model: String,
    /// `c12..c24`.
    pub unit: String,
    /// `c25..c28`: the check characters.
    pub check: String,
}

/// A valid identity code (its check characters verified).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdentityCode {
    /// Canonical form: 29 symbols, upper case, no separators.
    pub canonical: String,
    /// Display form: `CC-MMMM-PPPPPP-UUUUUUUUUUUUU-KKKK`.
    pub display: String,
    /// The fields.
    pub fields: CodeFields,
}

impl IdentityCode {
    fn from_core(c: &code::IdentityCode) -> IdentityCode {
        IdentityCode {
            canonical: c.as_str().to_owned(),
            display: c.display_form(),
            fields: CodeFields {
                country: c.country().to_owned(),
                manufacturer: c.manufacturer().to_owned(),
                model: c.model().to_owned(),
                unit: c.unit().to_owned(),
                check: c.check_characters().to_owned(),
            },
        }
    }
}

/// An error or warning as data, inside a [`CodeReport`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeIssue {
    /// The reason code.
    pub code: ReasonCode,
    /// Readable text (may change between releases; match on `code`).
    pub message: String,
    /// Zero-based character position in the input, where known.
    pub position: Option<i32>,
}

impl CodeIssue {
    fn from_core(e: &code::report::ErrorInfo) -> CodeIssue {
        CodeIssue {
            code: e
                .code
                .parse::<hrid::reason::ReasonCode>()
                .map(ReasonCode::from_core)
                .unwrap_or(ReasonCode::CodeCheckFailed),
            message: e.message.clone(),
            position: position(e.position),
        }
    }
}

/// A proposed correction. Never apply it automatically: show it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Suggestion {
    /// The valid code proposed, canonical form.
    pub code: String,
    /// Confidence tier.
    pub tier: Tier,
    /// What was repaired.
    pub repair: Repair,
    /// Positions in the proposed code that differ from the input, ascending.
    pub changed_positions: Vec<i32>,
}

impl Suggestion {
    fn from_core(s: &code::Suggestion) -> Suggestion {
        Suggestion {
            code: s.code.as_str().to_owned(),
            tier: match s.tier {
                code::Tier::A => Tier::A,
                _ => Tier::B,
            },
            repair: match s.repair {
                code::Repair::Substitution => Repair::Substitution,
                code::Repair::Transposition => Repair::Transposition,
                code::Repair::ErasureFill => Repair::ErasureFill,
                code::Repair::Insertion => Repair::Insertion,
                _ => Repair::Deletion,
            },
            changed_positions: s.changed_positions.iter().map(|&p| count(p)).collect(),
        }
    }

    fn from_info(s: &code::report::SuggestionInfo) -> Suggestion {
        Suggestion {
            code: s.code.clone(),
            tier: if s.tier == "A" { Tier::A } else { Tier::B },
            repair: match s.repair {
                "substitution" => Repair::Substitution,
                "transposition" => Repair::Transposition,
                "erasure_fill" => Repair::ErasureFill,
                "insertion" => Repair::Insertion,
                _ => Repair::Deletion,
            },
            changed_positions: s.changed_positions.iter().map(|&p| count(p)).collect(),
        }
    }
}

/// Everything a user interface shows about one input: what `hrid code check --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeReport {
    /// The input as given.
    pub input: String,
    /// True only when the check characters verified.
    pub valid: bool,
    /// Canonical form, when the shape is right.
    pub canonical: Option<String>,
    /// Display form, when the shape is right.
    pub display: Option<String>,
    /// The fields, when the shape is right.
    pub fields: Option<CodeFields>,
    /// True in structure-only mode (the check characters were not verified; never `valid`).
    pub structure_only: bool,
    /// Why the input is not valid.
    pub error: Option<CodeIssue>,
    /// A warning (structure-only mode: `code.structure_only`).
    pub warning: Option<CodeIssue>,
    /// Suggestions, best first; present (possibly empty) when the check ran and failed.
    pub suggestions: Option<Vec<Suggestion>>,
}

/// Check one input and report validity, forms, fields, error and suggestions. Never throws.
///
/// `two_errors`: also offer tier-B suggestions (the person confirmed two characters look wrong).
/// `structure_only`: check only alphabet and length (for issuers without the check rule).
#[uniffi::export]
#[must_use]
pub fn check_code(text: String, two_errors: bool, structure_only: bool) -> CodeReport {
    let mut options = code::CheckOptions::default();
    options.structure_only = structure_only;
    if two_errors {
        options.suggest = code::SuggestOptions::with_two_errors();
    }
    let r = code::check(&text, options);
    CodeReport {
        input: r.input,
        valid: r.valid,
        canonical: r.canonical,
        display: r.display,
        fields: r.fields.map(|f| CodeFields {
            country: f.country,
            manufacturer: f.manufacturer,
            model: f.model,
            unit: f.unit,
            check: f.check,
        }),
        structure_only: r.structure_only.unwrap_or(false),
        error: r.error.as_ref().map(CodeIssue::from_core),
        warning: r.warning.as_ref().map(CodeIssue::from_core),
        suggestions: r
            .suggestions
            .map(|v| v.iter().map(Suggestion::from_info).collect()),
    }
}

/// Parse and verify a code in any accepted spelling.
///
/// # Errors
/// `InvalidCode`: `code.empty`, `code.invalid_character`, `code.wrong_length`,
/// `code.check_failed`, with the position and tier-A suggestions.
#[uniffi::export]
pub fn validate_code(text: String) -> Result<IdentityCode, HridFfiError> {
    code::validate(&text)
        .map(|c| IdentityCode::from_core(&c))
        .map_err(|e| HridFfiError::code(&text, &e))
}

/// True when `text` is a valid code in any accepted spelling.
#[uniffi::export]
#[must_use]
pub fn is_valid_code(text: String) -> bool {
    code::is_valid(&text)
}

/// The 29 canonical symbols of `text`, without verifying the check characters.
///
/// # Errors
/// `InvalidCode`: `code.empty`, `code.invalid_character`, `code.wrong_length`.
#[uniffi::export]
pub fn compact_code(text: String) -> Result<String, HridFfiError> {
    code::compact(&text).map_err(|e| HridFfiError::code(&text, &code::CodeError::from(e)))
}

/// The display form of a valid code.
///
/// # Errors
/// As [`validate_code`].
#[uniffi::export]
pub fn format_code(text: String) -> Result<String, HridFfiError> {
    code::format(&text).map_err(|e| HridFfiError::code(&text, &e))
}

/// Build a code from its fields, computing the check characters. `unit` may be shorter than 13
/// symbols (right-aligned, zero-padded).
///
/// # Errors
/// `InvalidCode` with `code.field_invalid` (the position is within the offending field's text).
#[uniffi::export]
pub fn build_code(
    country: String,
    manufacturer: String,
    model: String,
    unit: String,
) -> Result<IdentityCode, HridFfiError> {
    code::IdentityCode::from_fields(&country, &manufacturer, &model, &unit)
        .map(|c| IdentityCode::from_core(&c))
        .map_err(|e| HridFfiError::InvalidCode {
            code: ReasonCode::from_core(e.reason()),
            detail: e.to_string(),
            position: position(e.position()),
            suggestions: Vec::new(),
        })
}

/// Suggestions for a mistyped code, best first (none for a valid or hopeless input).
#[uniffi::export]
#[must_use]
pub fn suggest_code(text: String, two_errors: bool) -> Vec<Suggestion> {
    let options = if two_errors {
        code::SuggestOptions::with_two_errors()
    } else {
        code::SuggestOptions::default()
    };
    code::suggest(&text, options)
        .iter()
        .map(Suggestion::from_core)
        .collect()
}

/// A valid code found in free text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FoundCode {
    /// The code, canonical form.
    pub code: String,
    /// The text as written.
    pub text: String,
    /// Index of the first character (Unicode scalar values, like every position here).
    pub start: i32,
    /// Index one past the last character.
    pub end: i32,
}

/// Code-like text that does not verify.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NearMiss {
    /// The text as written.
    pub text: String,
    /// Index of the first character.
    pub start: i32,
    /// Index one past the last character.
    pub end: i32,
    /// Why it is not valid.
    pub error: CodeIssue,
    /// Tier-A suggestions, best first (possibly none).
    pub suggestions: Vec<Suggestion>,
}

/// What [`find_codes`] returns.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeScan {
    /// Valid codes, in text order.
    pub found: Vec<FoundCode>,
    /// Code-like text that does not verify, in text order.
    pub near_misses: Vec<NearMiss>,
}

/// Find identity codes in free text (a listing, an e-mail, a spreadsheet cell).
#[uniffi::export]
#[must_use]
pub fn find_codes(text: String) -> CodeScan {
    let scan = code::find(&text);
    CodeScan {
        found: scan
            .found
            .iter()
            .map(|f| FoundCode {
                code: f.code.as_str().to_owned(),
                text: f.text.clone(),
                start: count(f.span.start),
                end: count(f.span.end),
            })
            .collect(),
        near_misses: scan
            .near_misses
            .iter()
            .map(|m| NearMiss {
                text: m.text.clone(),
                start: count(m.span.start),
                end: count(m.span.end),
                error: CodeIssue {
                    code: ReasonCode::from_core(m.error.reason()),
                    message: m.error.to_string(),
                    position: position(m.error.position()),
                },
                suggestions: m.suggestions.iter().map(Suggestion::from_core).collect(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/// An Ed25519 public key (never of small order, canonical encoding).
#[derive(Debug, uniffi::Object)]
pub struct VerifyingKey {
    inner: hrid::keys::VerifyingKey,
}

#[uniffi::export]
impl VerifyingKey {
    /// Import 64 hex digits (either case).
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.wrong_length`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_hex(hex: String) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_hex(&hex)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Import the raw 32-byte encoding.
    ///
    /// # Errors
    /// As [`VerifyingKey::from_hex`].
    #[uniffi::constructor]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_bytes(&bytes)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Import a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_pem(pem: String) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_public_key_pem(&pem)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Import a SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.weak`.
    #[uniffi::constructor]
    pub fn from_der(der: Vec<u8>) -> Result<Arc<VerifyingKey>, HridFfiError> {
        hrid::keys::VerifyingKey::from_public_key_der(&der)
            .map(|inner| Arc::new(VerifyingKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Strict Ed25519 verification (`verify_strict`): true only for a valid 64-byte signature.
    ///
    /// Borrowed slices: uniffi passes them from direct `ByteBuffer`s without copying or
    /// allocating a `RustBuffer`, which is most of the cost of a call (see docs/benchmarks.md).
    #[must_use]
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.inner.verify(message, signature).is_ok()
    }

    /// [`VerifyingKey::verify`] with the signature and the message in one borrowed slice: the 64
    /// signature bytes, then the message (false when shorter than 64 bytes). Each slice argument
    /// costs the JVM a JNA structure per call; one instead of two is the fast path of the Kotlin
    /// facade's `verify(message, signature)` (see docs/benchmarks.md).
    #[must_use]
    pub fn verify_signed(&self, signature_then_message: &[u8]) -> bool {
        signature_then_message
            .split_at_checked(64)
            .is_some_and(|(signature, message)| self.inner.verify(message, signature).is_ok())
    }

    /// [`VerifyingKey::verify`] for many messages in one call: entry `i` is the verdict on
    /// `signatures[i]` over `messages[i]` (false when `signatures` has no entry `i`). The same
    /// strict check per signature, not batch verification; one crossing of the FFI boundary
    /// instead of one per signature, which matters when verifying a robot's whole history.
    #[must_use]
    pub fn verify_each(&self, messages: Vec<Vec<u8>>, signatures: Vec<Vec<u8>>) -> Vec<bool> {
        messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                signatures
                    .get(i)
                    .is_some_and(|s| self.inner.verify(m, s).is_ok())
            })
            .collect()
    }

    /// Like [`VerifyingKey::verify`], with the reason: `signature.valid`, `signature.invalid` or
    /// `signature.malformed` (not 64 bytes).
    #[must_use]
    pub fn check_signature(&self, message: &[u8], signature: &[u8]) -> ReasonCode {
        match self.inner.verify(message, signature) {
            Ok(()) => ReasonCode::SignatureValid,
            Err(e) => ReasonCode::from_core(e.reason()),
        }
    }

    /// The 16-character key ID.
    #[must_use]
    pub fn key_id(&self) -> String {
        self.inner.key_id().as_str().to_owned()
    }

    /// 64 lowercase hex digits.
    #[must_use]
    pub fn to_hex(&self) -> String {
        self.inner.to_hex()
    }

    /// The raw 32 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes().to_vec()
    }

    /// SubjectPublicKeyInfo PEM.
    ///
    /// # Errors
    /// `InvalidKey` with `key.encoding_failed` (not expected to happen).
    pub fn to_pem(&self) -> Result<String, HridFfiError> {
        self.inner
            .to_public_key_pem()
            .map_err(|e| HridFfiError::key(&e))
    }

    /// SubjectPublicKeyInfo DER.
    ///
    /// # Errors
    /// `InvalidKey` with `key.encoding_failed` (not expected to happen).
    pub fn to_der(&self) -> Result<Vec<u8>, HridFfiError> {
        self.inner
            .to_public_key_der()
            .map_err(|e| HridFfiError::key(&e))
    }
}

/// An Ed25519 private key, zeroized when closed. Scanners do not sign; this is for tools and
/// tests.
#[derive(Debug, uniffi::Object)]
pub struct SigningKey {
    inner: hrid::keys::SigningKey,
}

#[uniffi::export]
impl SigningKey {
    /// The key for a 32-byte seed given as 64 hex digits.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.wrong_length`.
    #[uniffi::constructor]
    pub fn from_seed_hex(hex: String) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_hex(&hex)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Import a PKCS#8 PEM private key.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.mismatch`.
    #[uniffi::constructor]
    pub fn from_pem(pem: String) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_pkcs8_pem(&pem)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Import a PKCS#8 DER private key.
    ///
    /// # Errors
    /// `InvalidKey`: `key.malformed`, `key.mismatch`.
    #[uniffi::constructor]
    pub fn from_der(der: Vec<u8>) -> Result<Arc<SigningKey>, HridFfiError> {
        hrid::keys::SigningKey::from_pkcs8_der(&der)
            .map(|inner| Arc::new(SigningKey { inner }))
            .map_err(|e| HridFfiError::key(&e))
    }

    /// Sign `message` (pure Ed25519, deterministic): 64 bytes.
    #[must_use]
    pub fn sign(&self, message: Vec<u8>) -> Vec<u8> {
        self.inner.sign(&message).to_vec()
    }

    /// The matching public key.
    #[must_use]
    pub fn verifying_key(&self) -> Arc<VerifyingKey> {
        Arc::new(VerifyingKey {
            inner: self.inner.verifying_key(),
        })
    }

    /// The key ID of the public key.
    #[must_use]
    pub fn key_id(&self) -> String {
        self.inner.key_id().as_str().to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Trust lists and verification
// ---------------------------------------------------------------------------------------------

/// Verification settings; the defaults are the normative values of `docs/attestations.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct VerifyOptions {
    /// How far an event (or a trust list's `issued_at`) may lie after the verification time.
    #[uniffi(default = 300)]
    pub clock_skew_secs: i64,
    /// How long after `expires_at` a trust list is still used, with a warning.
    #[uniffi(default = 604800)]
    pub trust_list_grace_secs: i64,
    /// Largest attestation envelope, bytes.
    #[uniffi(default = 65536)]
    pub max_envelope_bytes: i64,
    /// Largest trust-list envelope, bytes.
    #[uniffi(default = 4194304)]
    pub max_trust_list_bytes: i64,
    /// Deepest JSON nesting.
    #[uniffi(default = 32)]
    pub max_depth: i32,
    /// Most signatures in one envelope.
    #[uniffi(default = 16)]
    pub max_signatures: i32,
    /// Largest history bundle, bytes.
    #[uniffi(default = 67108864)]
    pub max_history_bytes: i64,
    /// Most attestations in one history bundle.
    #[uniffi(default = 10000)]
    pub max_history_events: i32,
    /// Most recall notices in one history bundle.
    #[uniffi(default = 1000)]
    pub max_recall_notices: i32,
}

impl VerifyOptions {
    /// To the core's options. Negative limits become 0 (which rejects everything), never a wrap.
    fn to_core(self) -> hrid::verify::VerifyOptions {
        let size = |n: i64| usize::try_from(n).unwrap_or(0);
        let small = |n: i32| usize::try_from(n).unwrap_or(0);
        hrid::verify::VerifyOptions {
            clock_skew_secs: self.clock_skew_secs,
            trust_list_grace_secs: self.trust_list_grace_secs,
            limits: hrid::json::Limits {
                max_envelope_bytes: size(self.max_envelope_bytes),
                max_trust_list_bytes: size(self.max_trust_list_bytes),
                max_depth: small(self.max_depth),
                max_signatures: small(self.max_signatures),
                max_history_bytes: size(self.max_history_bytes),
                max_history_events: small(self.max_history_events),
                max_recall_notices: small(self.max_recall_notices),
                ..hrid::json::Limits::DEFAULT
            },
        }
    }
}

/// The defaults (the same values the Kotlin constructor `VerifyOptions()` fills in).
#[uniffi::export]
#[must_use]
pub fn default_verify_options() -> VerifyOptions {
    let d = hrid::verify::VerifyOptions::DEFAULT;
    let size = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    VerifyOptions {
        clock_skew_secs: d.clock_skew_secs,
        trust_list_grace_secs: d.trust_list_grace_secs,
        max_envelope_bytes: size(d.limits.max_envelope_bytes),
        max_trust_list_bytes: size(d.limits.max_trust_list_bytes),
        max_depth: count(d.limits.max_depth),
        max_signatures: count(d.limits.max_signatures),
        max_history_bytes: size(d.limits.max_history_bytes),
        max_history_events: count(d.limits.max_history_events),
        max_recall_notices: count(d.limits.max_recall_notices),
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The stable reason code.
    pub code: ReasonCode,
    /// What the finding is about: the robot's identity code, when known.
    pub subject: Option<String>,
    /// Machine-readable context: `key_id`, `participant`, `statement_hash`, times.
    pub evidence: HashMap<String, String>,
    /// A sentence for people; may change between versions (the code does not).
    pub detail: String,
}

impl Finding {
    fn from_core(f: &hrid::verify::Finding) -> Finding {
        Finding {
            code: ReasonCode::from_core(f.code),
            subject: f.subject.clone(),
            evidence: f
                .evidence
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            detail: f.detail.clone(),
        }
    }
}

/// One key of a participant, with its validity period (unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParticipantKey {
    /// 64 lowercase hex digits.
    pub public_key: String,
    /// The key ID.
    pub key_id: String,
    /// First second the key may sign (inclusive).
    pub valid_from: i64,
    /// Second the key stops being valid (exclusive).
    pub valid_until: i64,
    /// When the key was reported compromised, if it was.
    pub compromised_since: Option<i64>,
}

/// A registered participant of a verified trust list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Participant {
    /// The participant ID (what attestations name as `issuer`).
    pub id: String,
    /// The legal or trade name.
    pub name: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// The manufacturer codes it may attest; `null` means any.
    pub manufacturers: Option<Vec<String>>,
    /// Its keys.
    pub keys: Vec<ParticipantKey>,
}

/// A trust list whose signatures, thresholds, version and dates verified. Only
/// [`verify_trust_list`] and [`TrustList::update`] make one.
#[derive(Debug, uniffi::Object)]
pub struct TrustList {
    inner: hrid::trust::VerifiedTrustList,
}

fn anchor(keys_hex: &[String], threshold: i32) -> Result<hrid::trust::TrustAnchor, HridFfiError> {
    let keys = keys_hex
        .iter()
        .map(|k| hrid::keys::VerifyingKey::from_hex(k).map_err(|e| HridFfiError::key(&e)))
        .collect::<Result<Vec<_>, _>>()?;
    hrid::trust::TrustAnchor::new(keys, usize::try_from(threshold).unwrap_or(0))
        .map_err(|e| HridFfiError::document(&e))
}

/// Verify a trust-list envelope (JSON) against root keys shipped with the app.
///
/// `anchor_keys_hex`: the trusted root public keys (64 hex digits each); `threshold`: how many of
/// them must sign; `highest_seen_version`: the highest version this device has accepted (0 for
/// none; negative counts as 0), older lists are rolled back; `at`: unix seconds.
///
/// # Errors
/// `InvalidKey` for an anchor key that does not import; `InvalidDocument` with the reason:
/// `envelope.*`, `signature.invalid`, `trust_list.*` (`trust_list.expired` is indeterminate:
/// fetch a current list).
#[uniffi::export]
pub fn verify_trust_list(
    envelope_json: String,
    anchor_keys_hex: Vec<String>,
    threshold: i32,
    highest_seen_version: i64,
    at: i64,
    options: VerifyOptions,
) -> Result<Arc<TrustList>, HridFfiError> {
    let anchor = anchor(&anchor_keys_hex, threshold)?;
    hrid::trust::TrustList::verify(
        envelope_json.as_bytes(),
        &anchor,
        u64::try_from(highest_seen_version).unwrap_or(0),
        at,
        &options.to_core(),
    )
    .map(|inner| Arc::new(TrustList { inner }))
    .map_err(|e| HridFfiError::document(&e))
}

#[uniffi::export]
impl TrustList {
    /// Verify the next version against this one (root rotation): signed by a threshold of this
    /// list's roots and of its own, exactly version + 1.
    ///
    /// # Errors
    /// As [`verify_trust_list`], plus `trust_list.rollback` and `trust_list.version_skipped`.
    pub fn update(
        &self,
        envelope_json: String,
        at: i64,
        options: VerifyOptions,
    ) -> Result<Arc<TrustList>, HridFfiError> {
        hrid::trust::TrustList::verify_update(
            envelope_json.as_bytes(),
            &self.inner,
            at,
            &options.to_core(),
        )
        .map(|inner| Arc::new(TrustList { inner }))
        .map_err(|e| HridFfiError::document(&e))
    }

    /// The version.
    #[must_use]
    pub fn version(&self) -> i64 {
        long(self.inner.version())
    }

    /// Issue time, unix seconds.
    #[must_use]
    pub fn issued_at(&self) -> i64 {
        self.inner.trust_list().issued_at
    }

    /// Expiry time, unix seconds.
    #[must_use]
    pub fn expires_at(&self) -> i64 {
        self.inner.trust_list().expires_at
    }

    /// SHA-256 of the signed PAE, lowercase hex.
    #[must_use]
    pub fn statement_hash(&self) -> String {
        self.inner.statement_hash().to_owned()
    }

    /// Warnings found when it was verified (`trust_list.expired_grace`).
    #[must_use]
    pub fn warnings(&self) -> Vec<Finding> {
        self.inner
            .warnings()
            .iter()
            .map(Finding::from_core)
            .collect()
    }

    /// The root keys (hex) that must sign the next version.
    #[must_use]
    pub fn root_keys(&self) -> Vec<String> {
        self.inner
            .trust_list()
            .roots
            .keys
            .iter()
            .map(hrid::keys::VerifyingKey::to_hex)
            .collect()
    }

    /// How many root keys must sign the next version.
    #[must_use]
    pub fn root_threshold(&self) -> i32 {
        i32::try_from(self.inner.trust_list().roots.threshold).unwrap_or(i32::MAX)
    }

    /// The registered participants.
    #[must_use]
    pub fn participants(&self) -> Vec<Participant> {
        self.inner
            .trust_list()
            .participants
            .iter()
            .map(|p| Participant {
                id: p.id.clone(),
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| Role::from_core(*r)).collect(),
                manufacturers: p.scope.as_ref().map(|s| s.manufacturers.clone()),
                keys: p
                    .keys
                    .iter()
                    .map(|k| ParticipantKey {
                        public_key: k.public_key.to_hex(),
                        key_id: k.public_key.key_id().as_str().to_owned(),
                        valid_from: k.valid_from,
                        valid_until: k.valid_until,
                        compromised_since: k.compromised_since,
                    })
                    .collect(),
            })
            .collect()
    }
}

/// An attestation that verified and passed every check.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifiedAttestation {
    /// The robot's identity code, canonical form.
    pub subject: String,
    /// Position in the robot's chain, from 0.
    pub seq: i64,
    /// The previous attestation's statement hash, `null` for the first.
    pub prev: Option<String>,
    /// When the event happened, unix seconds.
    pub time: i64,
    /// The issuing participant's ID.
    pub issuer: String,
    /// The event type (`manufactured`, `shipped`, ...).
    pub event_type: String,
    /// SHA-256 of the signed PAE, lowercase hex.
    pub statement_hash: String,
    /// The key ID of the key that verified.
    pub key_id: String,
    /// The whole statement as JSON (with the event's fields).
    pub statement_json: String,
}

impl VerifiedAttestation {
    fn from_core(s: &hrid::verify::VerifiedAttestation) -> VerifiedAttestation {
        let a = s.attestation();
        VerifiedAttestation {
            subject: a.subject.as_str().to_owned(),
            seq: long(a.seq),
            prev: a.prev.clone(),
            time: a.time,
            issuer: a.issuer.clone(),
            event_type: a.event.event_type().as_str().to_owned(),
            statement_hash: s.statement_hash().to_owned(),
            key_id: s.key_id().as_str().to_owned(),
            statement_json: String::from_utf8(a.to_json()).unwrap_or_default(),
        }
    }
}

/// What [`Verifier::verify`] returns. `statement` is present only when accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerificationReport {
    /// The outcome.
    pub verdict: Verdict,
    /// Failed or incomplete checks, in the order they ran.
    pub failures: Vec<Finding>,
    /// Warnings.
    pub warnings: Vec<Finding>,
    /// Passed checks.
    pub passed: Vec<Finding>,
    /// The verified statement, only for an accepted verdict.
    pub statement: Option<VerifiedAttestation>,
}

/// Verifies attestation envelopes against one verified trust list, offline.
#[derive(Debug, uniffi::Object)]
pub struct Verifier {
    inner: hrid::verify::Verifier,
}

#[uniffi::export]
impl Verifier {
    /// A verifier for `trust_list` with `options`.
    #[uniffi::constructor]
    #[must_use]
    pub fn new(trust_list: &TrustList, options: VerifyOptions) -> Arc<Verifier> {
        Arc::new(Verifier {
            inner: hrid::verify::Verifier::new(trust_list.inner.clone(), options.to_core()),
        })
    }

    /// Verify one attestation envelope (JSON) at `at` (unix seconds). Never throws: every
    /// problem is a finding.
    #[must_use]
    pub fn verify(&self, envelope_json: String, at: i64) -> VerificationReport {
        let r = self.inner.verify(envelope_json.as_bytes(), at);
        let findings = |v: &[hrid::verify::Finding]| v.iter().map(Finding::from_core).collect();
        VerificationReport {
            verdict: Verdict::from_core(r.verdict),
            failures: findings(&r.failures),
            warnings: findings(&r.warnings),
            passed: findings(&r.passed),
            statement: r.statement.as_ref().map(VerifiedAttestation::from_core),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_mirror_the_core_in_order() {
        let ours: Vec<&str> = ReasonCode::ALL
            .iter()
            .map(|r| r.to_core().as_str())
            .collect();
        let core: Vec<&str> = hrid::reason::ReasonCode::ALL
            .iter()
            .map(|r| r.as_str())
            .collect();
        assert_eq!(ours, core);
        for r in hrid::reason::ReasonCode::ALL {
            assert_eq!(ReasonCode::from_core(*r).to_core(), *r);
        }
        for r in hrid::trust::Role::ALL {
            assert_eq!(Role::from_core(*r).to_core(), *r);
        }
    }

    #[test]
    fn default_options_round_trip() {
        assert_eq!(
            default_verify_options().to_core(),
            hrid::verify::VerifyOptions::DEFAULT
        );
    }
}
