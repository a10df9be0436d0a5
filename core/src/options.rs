//! Verification settings shared by every signed document: clock skew, trust-list grace and
//! input limits.

use crate::json::Limits;

/// Verification settings. All times are seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyOptions {
    /// How far an event (or a trust list's `issued_at`) may lie after the verification time
    /// (default 300).
    pub clock_skew_secs: i64,
    /// How long after its `expires_at` a trust list is still used, with a warning (default
    /// 604,800: 7 days). Beyond it, verdicts are `indeterminate`.
    pub trust_list_grace_secs: i64,
    /// Input limits.
    pub limits: Limits,
}

impl VerifyOptions {
    /// The defaults.
    pub const DEFAULT: VerifyOptions = VerifyOptions {
        clock_skew_secs: 300,
        trust_list_grace_secs: 7 * 24 * 3600,
        limits: Limits::DEFAULT,
    };

    /// The latest time a signed statement may claim when verified at `at_unix`: the clock
    /// skew's allowance past it.
    #[must_use]
    pub const fn latest_acceptable(&self, at_unix: i64) -> i64 {
        at_unix.saturating_add(self.clock_skew_secs)
    }
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions::DEFAULT
    }
}
