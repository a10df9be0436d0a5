//! The verifier, and attestations: a verification report is the core's `VerificationReport`.

use std::sync::Arc;

use hrid::attestation::{Attestation, LifecycleEvent};
use hrid::verify::VerificationReport;

use crate::{TrustList, VerifyOptions};

/// Verifies attestation envelopes, histories, recall notices and passports against one verified
/// trust list, offline.
#[derive(Debug, uniffi::Object)]
pub struct Verifier {
    pub(crate) inner: hrid::verify::Verifier,
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
    /// problem is a finding; `statement` is present only when accepted.
    #[must_use]
    pub fn verify(&self, envelope_json: String, at: i64) -> VerificationReport {
        self.inner.verify(envelope_json.as_bytes(), at)
    }
}

/// The statement as the core writes it: JSON with the event's fields.
#[uniffi::export]
#[must_use]
pub fn statement_json(statement: Attestation) -> String {
    String::from_utf8(statement.to_json()).unwrap_or_default()
}

/// The event's type as its stable snake_case name (`manufactured`, `part_replaced`, ...).
#[uniffi::export]
#[must_use]
pub fn event_type(event: LifecycleEvent) -> String {
    event.event_type().as_str().to_owned()
}
