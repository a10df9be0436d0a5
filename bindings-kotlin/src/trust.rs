//! Verification options and trust lists.

use std::sync::Arc;

use hrid::report::Finding;
use hrid::trust::Participant;

use crate::HridFfiError;

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
    pub(crate) fn to_core(self) -> hrid::verify::VerifyOptions {
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
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
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

/// A trust list whose signatures, thresholds, version and dates verified. Only
/// [`verify_trust_list`] and [`TrustList::update`] make one.
#[derive(Debug, uniffi::Object)]
pub struct TrustList {
    pub(crate) inner: hrid::trust::VerifiedTrustList,
}

fn anchor(keys_hex: &[String], threshold: i32) -> Result<hrid::trust::TrustAnchor, HridFfiError> {
    let keys = keys_hex
        .iter()
        .map(|k| hrid::keys::VerifyingKey::from_hex(k).map_err(HridFfiError::from))
        .collect::<Result<Vec<_>, _>>()?;
    hrid::trust::TrustAnchor::new(keys, usize::try_from(threshold).unwrap_or(0))
        .map_err(HridFfiError::from)
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
    .map_err(HridFfiError::from)
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
        .map_err(HridFfiError::from)
    }

    /// The version.
    #[must_use]
    pub fn version(&self) -> i64 {
        i64::try_from(self.inner.version()).unwrap_or(i64::MAX)
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
        self.inner.warnings().to_vec()
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
        self.inner.trust_list().participants.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_round_trip() {
        assert_eq!(
            default_verify_options().to_core(),
            hrid::verify::VerifyOptions::DEFAULT
        );
    }
}
