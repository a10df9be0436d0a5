//! Ed25519 batch verification whose every verdict equals strict single verification.
//!
//! [`verify_batch`] returns, for each `(key, message, signature)`, exactly what
//! [`VerifyingKey::verify`] (ed25519-dalek `verify_strict`) returns, only faster for many
//! signatures. `ed25519_dalek::verify_batch` does not have that property: it checks one random
//! linear combination of the *cofactorless* equations without checking the points' torsion, so a
//! signature whose `R` (or key) carries a small-order component that makes the single equation
//! fail passes the batch whenever the batch's coefficient for it is a multiple of the component's
//! order (1 in 2 for an order-2 component, and the coefficients come from a hash the signer can
//! grind). It also accepts small-order `R` and non-canonical `R` encodings that `verify_strict`
//! refuses. See `docs/histories.md`, "Batch verification", for the argument in full.
//!
//! # How
//!
//! 1. Each item is **pre-checked** the way `verify_strict` reads it, plus one check it implies:
//!    `S < L` (canonical scalar); `R` decodes, its encoding is canonical (re-encoding gives the same
//!    32 bytes), it is not of small order and it is torsion-free (`[L]R = 0`); the public key's
//!    encoding is canonical, not of small order and torsion-free (checked once per distinct key).
//!    An item that is not clean is verified on its own with `verify_strict`.
//! 2. The clean items are checked together: with `k_i = SHA-512(R_i || A_i || M_i) mod L` and
//!    128-bit coefficients `z_i`, the batch accepts when
//!    `[Σ z_i s_i]B − Σ [z_i]R_i − Σ_A [Σ_{i: A_i = A} z_i k_i]A = 0`. Because every point in it
//!    lies in the prime-order subgroup, each term `e_i = [s_i]B − R_i − [k_i]A_i` is either zero
//!    or of order `L`, and a combination with some `e_i ≠ 0` is zero for at most one value of
//!    `z_i` mod `L`: probability at most `2^-128`.
//! 3. When the batch equation fails, every clean item is verified on its own, so one bad
//!    signature costs a single pass, never a wrong verdict.
//!
//! The coefficients are **deterministic**: `seed = SHA-512("hrid-batch-v1" || n || for each item
//! (SHA-512(R || A || M) || S))` and `z_i` the first 16 bytes (little-endian) of
//! `SHA-512(seed || i)` (`i` as 8 bytes little-endian; a zero coefficient becomes 1). Every input
//! is bound into the seed through a collision-resistant hash, so a signer who wants a false
//! acceptance must find inputs whose own hash lands on a `2^-128` target: a Fiat-Shamir argument,
//! the same one ed25519-dalek makes for its merlin transcript. No operating-system randomness is
//! needed (the core does not depend on `getrandom`; the wasm build stays free of it).
//!
//! ```
//! use hrid::batch::{verify_batch, BatchItem};
//! use hrid::keys::SigningKey;
//!
//! let key = SigningKey::from_seed([7; 32]);
//! let public = key.verifying_key();
//! let messages: Vec<Vec<u8>> = (0..4u8).map(|i| vec![i; 10]).collect();
//! let mut sigs: Vec<[u8; 64]> = messages.iter().map(|m| key.sign(m)).collect();
//! sigs[2][40] ^= 1; // one bad signature
//! let items: Vec<BatchItem<'_>> = messages
//!     .iter()
//!     .zip(&sigs)
//!     .map(|(m, s)| BatchItem { key: &public, message: m, signature: s })
//!     .collect();
//! assert_eq!(verify_batch(&items), vec![true, true, false, true]);
//! ```

use std::collections::BTreeMap;

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{IsIdentity, VartimeMultiscalarMul};
use sha2::{Digest, Sha512};

use crate::envelope::{Envelope, SignatureCache};
use crate::keys::VerifyingKey;
use crate::verify::Verifier;

/// One signature to verify.
#[derive(Debug, Clone, Copy)]
pub struct BatchItem<'a> {
    /// The public key.
    pub key: &'a VerifyingKey,
    /// The signed message (for hrid documents: the DSSE PAE).
    pub message: &'a [u8],
    /// The 64-byte signature `R || S`.
    pub signature: &'a [u8; 64],
}

/// Domain separation of the coefficient seed.
const DOMAIN: &[u8] = b"hrid-batch-v1";

/// A clean item, ready for the batch equation.
struct Clean {
    index: usize,
    key: usize,
    r: EdwardsPoint,
    s: Scalar,
    k: Scalar,
    hram: [u8; 64],
}

/// Verify each item; the result has one entry per item, equal to strict single verification.
///
/// # Panics
/// Never.
#[must_use]
pub fn verify_batch(items: &[BatchItem<'_>]) -> Vec<bool> {
    let mut result = vec![false; items.len()];
    if items.len() < 2 {
        for (out, item) in result.iter_mut().zip(items) {
            *out = single(item);
        }
        return result;
    }
    // Distinct keys: decoded and checked once each.
    let mut key_index: BTreeMap<[u8; 32], usize> = BTreeMap::new();
    let mut keys: Vec<Option<EdwardsPoint>> = Vec::new();
    let mut clean: Vec<Clean> = Vec::with_capacity(items.len());
    let mut unclean: Vec<usize> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let bytes = item.key.to_bytes();
        let ki = *key_index.entry(bytes).or_insert_with(|| {
            keys.push(clean_point(&bytes));
            keys.len().saturating_sub(1)
        });
        match keys.get(ki).copied().flatten() {
            Some(_) => match prepare(index, ki, &bytes, item) {
                Some(c) => clean.push(c),
                None => unclean.push(index),
            },
            None => unclean.push(index),
        }
    }
    let points: Vec<EdwardsPoint> = keys
        .iter()
        .map(|k| k.unwrap_or(ED25519_BASEPOINT_POINT))
        .collect();
    if !clean.is_empty() && batch_equation_holds(&clean, &points) {
        for c in &clean {
            if let Some(out) = result.get_mut(c.index) {
                *out = true;
            }
        }
    } else {
        unclean.extend(clean.iter().map(|c| c.index));
    }
    for index in unclean {
        if let (Some(out), Some(item)) = (result.get_mut(index), items.get(index)) {
            *out = single(item);
        }
    }
    result
}

fn single(item: &BatchItem<'_>) -> bool {
    item.key.verify(item.message, item.signature).is_ok()
}

/// Decode a point and require a canonical encoding, not of small order, torsion-free.
fn clean_point(bytes: &[u8; 32]) -> Option<EdwardsPoint> {
    let point = CompressedEdwardsY(*bytes).decompress()?;
    if point.compress().as_bytes() != bytes || point.is_small_order() || !point.is_torsion_free() {
        return None;
    }
    Some(point)
}

fn prepare(index: usize, key: usize, a: &[u8; 32], item: &BatchItem<'_>) -> Option<Clean> {
    let (r_bytes, s_bytes) = item.signature.split_at(32);
    let r_bytes: [u8; 32] = r_bytes.try_into().ok()?;
    let s_bytes: [u8; 32] = s_bytes.try_into().ok()?;
    let s: Option<Scalar> = Scalar::from_canonical_bytes(s_bytes).into();
    let s = s?;
    let r = clean_point(&r_bytes)?;
    let mut h = Sha512::new();
    h.update(r_bytes);
    h.update(a);
    h.update(item.message);
    let hram: [u8; 64] = h.finalize().into();
    let k = Scalar::from_bytes_mod_order_wide(&hram);
    Some(Clean {
        index,
        key,
        r,
        s,
        k,
        hram,
    })
}

fn coefficients(clean: &[Clean]) -> Vec<Scalar> {
    let mut h = Sha512::new();
    h.update(DOMAIN);
    h.update((clean.len() as u64).to_le_bytes());
    for c in clean {
        h.update(c.hram);
        h.update(c.s.as_bytes());
    }
    let seed: [u8; 64] = h.finalize().into();
    (0..clean.len())
        .map(|i| {
            let mut h = Sha512::new();
            h.update(seed);
            h.update((i as u64).to_le_bytes());
            let d: [u8; 64] = h.finalize().into();
            let mut z = [0u8; 16];
            z.copy_from_slice(d.get(..16).unwrap_or(&[1; 16]));
            let z = u128::from_le_bytes(z).max(1);
            Scalar::from(z)
        })
        .collect()
}

fn batch_equation_holds(clean: &[Clean], keys: &[EdwardsPoint]) -> bool {
    let zs = coefficients(clean);
    let mut b_coefficient = Scalar::ZERO;
    let mut key_coefficients = vec![Scalar::ZERO; keys.len()];
    let mut scalars: Vec<Scalar> = Vec::with_capacity(clean.len() + keys.len() + 1);
    let mut points: Vec<EdwardsPoint> = Vec::with_capacity(clean.len() + keys.len() + 1);
    for (c, z) in clean.iter().zip(&zs) {
        b_coefficient += z * c.s;
        if let Some(kc) = key_coefficients.get_mut(c.key) {
            *kc -= z * c.k;
        }
        scalars.push(-z);
        points.push(c.r);
    }
    scalars.push(b_coefficient);
    points.push(ED25519_BASEPOINT_POINT);
    for (kc, point) in key_coefficients.into_iter().zip(keys) {
        if kc != Scalar::ZERO {
            scalars.push(kc);
            points.push(*point);
        }
    }
    EdwardsPoint::vartime_multiscalar_mul(scalars, points).is_identity()
}

/// The signatures of many envelopes, verified together with [`verify_batch`] against the keys
/// their hints name in the verifier's trust list; the valid ones in a cache that the
/// authentication step consults instead of verifying them again (the verdicts are the same).
pub(crate) fn signature_cache<'e>(
    verifier: &Verifier,
    envelopes: impl Iterator<Item = &'e Envelope>,
) -> SignatureCache {
    struct Work {
        key: VerifyingKey,
        sig: [u8; 64],
        message: std::sync::Arc<Vec<u8>>,
        hash: [u8; 32],
    }
    let mut work: Vec<Work> = Vec::new();
    for envelope in envelopes {
        let signed = envelope.signed_payload();
        let candidates = verifier.candidates(&signed, None);
        if candidates.is_empty() {
            continue;
        }
        let message = std::sync::Arc::new(crate::envelope::pae(
            signed.payload_type.as_str(),
            signed.payload,
        ));
        let hash: [u8; 32] = sha2::Sha256::digest(message.as_slice()).into();
        for (hint, sig) in &signed.signatures {
            for (_, k) in &candidates {
                if hint.matches(&k.public_key) {
                    work.push(Work {
                        key: k.public_key.clone(),
                        sig: **sig,
                        message: message.clone(),
                        hash,
                    });
                }
            }
        }
    }
    let run = |chunk: &[Work]| -> SignatureCache {
        let items: Vec<BatchItem<'_>> = chunk
            .iter()
            .map(|w| BatchItem {
                key: &w.key,
                message: w.message.as_slice(),
                signature: &w.sig,
            })
            .collect();
        let mut cache = SignatureCache::default();
        for (w, ok) in chunk.iter().zip(verify_batch(&items)) {
            if ok {
                cache.insert(&w.key, &w.sig, w.hash);
            }
        }
        cache
    };
    const CHUNK: usize = 256;
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        work.par_chunks(CHUNK)
            .map(run)
            .reduce(SignatureCache::default, |mut a, b| {
                a.extend(b);
                a
            })
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut cache = SignatureCache::default();
        for chunk in work.chunks(CHUNK) {
            cache.extend(run(chunk));
        }
        cache
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SigningKey;

    #[test]
    fn all_good_and_one_bad() {
        let keys: Vec<SigningKey> = (1..4u8).map(|i| SigningKey::from_seed([i; 32])).collect();
        let publics: Vec<VerifyingKey> = keys.iter().map(SigningKey::verifying_key).collect();
        let messages: Vec<Vec<u8>> = (0..20u8).map(|i| vec![i; usize::from(i)]).collect();
        let mut sigs: Vec<[u8; 64]> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| keys[i % 3].sign(m))
            .collect();
        let items = |sigs: &[[u8; 64]]| -> Vec<bool> {
            let items: Vec<BatchItem<'_>> = messages
                .iter()
                .zip(sigs)
                .enumerate()
                .map(|(i, (m, s))| BatchItem {
                    key: &publics[i % 3],
                    message: m,
                    signature: s,
                })
                .collect();
            verify_batch(&items)
        };
        assert!(items(&sigs).iter().all(|ok| *ok));
        sigs[7][3] ^= 0x10;
        let got = items(&sigs);
        assert_eq!(got.iter().filter(|ok| !**ok).count(), 1);
        assert!(!got[7]);
    }
}
