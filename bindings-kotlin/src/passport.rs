//! Passports and market-access decisions: the [`Verifier`] methods that return the core's
//! `PassportReport` and `AccessDecision`, and reading a passport without verifying it.

use hrid::access::{AccessDecision, Policy};
use hrid::passport::{PassportReading, PassportReport};

use std::sync::Arc;

use crate::{HridFfiError, StatusFeed, Verifier};

/// Read a passport text (`HP1:` and 188 base32 characters) without verifying it: for telling a
/// passport from an identity code, and for showing what an unverifiable one claims.
///
/// # Errors
/// `InvalidPassport`: `passport.malformed`, `passport.version_unknown`.
#[uniffi::export]
pub fn parse_passport(text: String) -> Result<PassportReading, HridFfiError> {
    Ok(hrid::passport::Passport::parse(&text)?.reading())
}

/// How to verify a passport; the defaults are the core's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassportOptions {
    /// How long after `expires_at` a passport is still accepted, with `passport.stale`.
    #[uniffi(default = 604800)]
    pub grace_secs: i64,
    /// The newest signed time this device has seen (a trust list's or an earlier passport's
    /// `issued_at`): when the clock is behind it, the clock was set back
    /// (`passport.clock_set_back`) and freshness is judged at this time instead.
    #[uniffi(default = None)]
    pub newest_seen: Option<i64>,
    /// The code of the robot in front of the caller (any accepted spelling): a passport for
    /// another robot fails with `passport.subject_mismatch`.
    #[uniffi(default = None)]
    pub expected_subject: Option<String>,
}

impl PassportOptions {
    fn to_core(&self) -> Result<hrid::passport::PassportOptions, HridFfiError> {
        Ok(hrid::passport::PassportOptions {
            grace_secs: self.grace_secs,
            newest_seen: self.newest_seen,
            expected_subject: match &self.expected_subject {
                Some(text) => Some(hrid::code::validate_or_suggest(text)?),
                None => None,
            },
        })
    }
}

/// The passport options' defaults (what the Kotlin constructor `PassportOptions()` fills in).
#[uniffi::export]
#[must_use]
pub fn default_passport_options() -> PassportOptions {
    let d = hrid::passport::PassportOptions::default();
    PassportOptions {
        grace_secs: d.grace_secs,
        newest_seen: d.newest_seen,
        expected_subject: None,
    }
}

/// The evidence a caller holds about a robot, for [`Verifier::decide_access`].
#[derive(Debug, Clone, uniffi::Record)]
pub struct Evidence {
    /// A passport text (`HP1:...`), e.g. scanned from the robot's label.
    #[uniffi(default = None)]
    pub passport: Option<String>,
    /// A history bundle (JSON text).
    #[uniffi(default = None)]
    pub history_json: Option<String>,
    /// The registry's status feed, verified with [`Verifier::verify_status_feed`].
    #[uniffi(default = None)]
    pub status_feed: Option<Arc<StatusFeed>>,
}

/// How the passport in the evidence is judged (the expected subject is always the code asked
/// about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AccessOptions {
    /// As [`PassportOptions::grace_secs`].
    #[uniffi(default = 604800)]
    pub grace_secs: i64,
    /// As [`PassportOptions::newest_seen`].
    #[uniffi(default = None)]
    pub newest_seen: Option<i64>,
}

#[uniffi::export]
impl Verifier {
    /// Verify a passport text (`HP1:...`) at `at`, offline. A bad passport is a finding
    /// (`passport.malformed`, `signature.invalid`, ...), not an exception. `passport` is present
    /// when its signature verified (also when stale or expired, to show what it says): rely on
    /// it only when the verdict is accepted.
    ///
    /// # Errors
    /// `InvalidCode` only when `options.expected_subject` is not a valid identity code.
    pub fn verify_passport(
        &self,
        text: String,
        at: i64,
        options: PassportOptions,
    ) -> Result<PassportReport, HridFfiError> {
        let options = options.to_core()?;
        Ok(hrid::passport::verify_passport(
            &self.inner,
            &text,
            at,
            &options,
        ))
    }

    /// Decide whether the robot `code` may be listed, sold or deployed (`policy`) at `at`, on
    /// the `evidence` given (a passport and/or a history, held against the registry's status
    /// feed when given), verified offline. Never throws: no evidence, an invalid code,
    /// unverifiable evidence are all `Denied` with the reason.
    #[must_use]
    pub fn decide_access(
        &self,
        code: String,
        policy: Policy,
        evidence: Evidence,
        at: i64,
        options: AccessOptions,
    ) -> AccessDecision {
        let evidence = hrid::access::Evidence {
            passport: evidence.passport.as_deref(),
            history: evidence.history_json.as_deref().map(str::as_bytes),
            status_feed: evidence.status_feed.as_deref().map(|f| &*f.inner),
        };
        let passport_options = hrid::passport::PassportOptions {
            grace_secs: options.grace_secs,
            newest_seen: options.newest_seen,
            expected_subject: None,
        };
        hrid::access::decide_access(
            &self.inner,
            &code,
            &evidence,
            policy,
            at,
            &hrid::access::AccessOptions {
                passport: passport_options,
                ..Default::default()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_passport_options_are_the_cores() {
        assert_eq!(
            default_passport_options().to_core().ok(),
            Some(hrid::passport::PassportOptions::default())
        );
    }
}
