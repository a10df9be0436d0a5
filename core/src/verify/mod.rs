//! Verifying attestations against a verified trust list.
//!
//! [`Verifier::new`] takes a [`VerifiedTrustList`] and [`VerifyOptions`];
//! [`Verifier::verify`] takes the envelope's JSON bytes and the time, and returns a
//! [`VerificationReport`]: a [`Verdict`] and the findings of every check that ran, each with a
//! stable [`ReasonCode`](crate::reason::ReasonCode). Nothing is read from a payload before a trusted key's signature over it
//! verified.
//!
//! ```
//! use hrid::attestation::{Attestation, LifecycleEvent};
//! use hrid::keys::SigningKey;
//! use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, Scope, TrustAnchor, TrustList};
//! use hrid::verify::{Verdict, Verifier, VerifyOptions};
//!
//! let root = SigningKey::from_seed([1; 32]);
//! let maker = SigningKey::from_seed([2; 32]);
//! let list = TrustList {
//!     version: 1,
//!     issued_at: 1_767_225_600,
//!     expires_at: 1_798_761_600,
//!     roots: RootKeys { threshold: 1, keys: vec![root.verifying_key()] },
//!     participants: vec![Participant {
//!         id: "acme".into(),
//!         name: "ACME Robotics".into(),
//!         roles: vec![Role::Manufacturer],
//!         scope: Some(Scope { manufacturers: vec!["0042".into()] }),
//!         keys: vec![ParticipantKey {
//!             public_key: maker.verifying_key(),
//!             valid_from: 1_767_225_600,
//!             valid_until: 1_830_297_600,
//!             compromised_since: None,
//!         }],
//!     }],
//!     permissions: TrustList::default_permissions(),
//! };
//! let anchor = TrustAnchor::new(vec![root.verifying_key()], 1)?;
//! let now = 1_767_300_000;
//! let verified = TrustList::verify(&list.sign(&[&root]).to_json(), &anchor, 0, now, &VerifyOptions::default())?;
//! let verifier = Verifier::new(verified, VerifyOptions::default());
//!
//! let statement = Attestation {
//!     subject: "860042A3W0F50000000012345ZAR2".parse()?,
//!     seq: 0,
//!     prev: None,
//!     time: now - 60,
//!     issuer: "acme".into(),
//!     event: LifecycleEvent::Shipped { to: "dealer-1".into() },
//! };
//! let report = verifier.verify(&statement.sign(&[&maker]).to_json(), now);
//! assert_eq!(report.verdict, Verdict::Accepted);
//! assert_eq!(report.statement.unwrap().attestation(), &statement); // ok: doctest
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod attestation;
mod authenticate;

pub use crate::options::VerifyOptions;
pub use crate::report::{Finding, Findings, Verdict};
pub use attestation::VerifiedAttestation;

pub(crate) use authenticate::{Authenticated, Claim, Document};

use crate::report::report;
use crate::trust::VerifiedTrustList;

/// Verifies signed documents against one verified trust list: attestations
/// ([`Verifier::verify`]), and through the same authentication step recall notices and
/// passports.
#[derive(Debug, Clone)]
pub struct Verifier {
    trust_list: VerifiedTrustList,
    options: VerifyOptions,
}

impl Verifier {
    /// A verifier for `trust_list` with `options`.
    #[must_use]
    pub fn new(trust_list: VerifiedTrustList, options: VerifyOptions) -> Verifier {
        Verifier {
            trust_list,
            options,
        }
    }

    /// The trust list in use.
    #[must_use]
    pub fn trust_list(&self) -> &VerifiedTrustList {
        &self.trust_list
    }

    /// The options in use.
    #[must_use]
    pub fn options(&self) -> &VerifyOptions {
        &self.options
    }
}

report! {
    /// What [`Verifier::verify`] returns: the [`Findings`] (verdict and buckets, which the report
    /// dereferences to) and the statement.
    ///
    /// `statement` is present only when the verdict is `accepted`.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct VerificationReport {
        /// The verified statement, only for an accepted verdict.
        pub statement: Option<VerifiedAttestation>,
    }
}
