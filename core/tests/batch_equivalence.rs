//! The batch path's verdicts equal strict single verification on every vector: Wycheproof, the
//! 12 speccheck cases, the 1,024 djb lines, and mixed-order points built here, including ones
//! that ed25519-dalek's own `verify_batch` accepts although `verify_strict` rejects them.
//!
//! Shared vectors are read from `$HRID_SHARED_VECTORS` or `../shared/vectors` (when absent, a
//! test writes `SKIPPED: batch_equivalence::<test>: ...` to stderr and returns; under `CI=true`
//! it fails).
#![cfg(feature = "batch")]
// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, EIGHT_TORSION};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use hrid::batch::{verify_batch, BatchItem};
use hrid::keys::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha512};

mod common;
use common::{read, read_json};

/// (key, message, signature) with the key importable and the signature 64 bytes.
struct Case {
    key: VerifyingKey,
    msg: Vec<u8>,
    sig: [u8; 64],
}

/// Each case's verdict under single strict verification.
fn strict(cases: &[Case]) -> Vec<bool> {
    cases
        .iter()
        .map(|c| c.key.verify(&c.msg, &c.sig).is_ok())
        .collect()
}

/// The cases as batch items.
fn items(cases: &[Case]) -> Vec<BatchItem<'_>> {
    cases
        .iter()
        .map(|c| BatchItem {
            key: &c.key,
            message: &c.msg,
            signature: &c.sig,
        })
        .collect()
}

/// Batch verdicts equal single strict verdicts, for the whole set and for every window of it
/// (so that each case is also checked alongside valid and invalid neighbours).
fn assert_equal(cases: &[Case]) -> usize {
    let single = strict(cases);
    let items = items(cases);
    assert_eq!(verify_batch(&items), single, "whole set");
    for size in [2usize, 3, 8] {
        for start in 0..items.len().saturating_sub(size - 1) {
            let window = &items[start..start + size];
            assert_eq!(
                verify_batch(window),
                single[start..start + size],
                "window {start}+{size}"
            );
        }
    }
    cases.len()
}

#[test]
fn wycheproof_batch_equals_strict() {
    let Some(doc) = read_json::<serde_json::Value>("wycheproof/ed25519_test.json") else {
        return;
    };
    let mut cases = Vec::new();
    let mut skipped = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let pk = hex::decode(group["publicKey"]["pk"].as_str().unwrap()).unwrap();
        for t in group["tests"].as_array().unwrap() {
            let msg = hex::decode(t["msg"].as_str().unwrap()).unwrap();
            let sig = hex::decode(t["sig"].as_str().unwrap()).unwrap();
            match (
                VerifyingKey::from_bytes(&pk),
                <[u8; 64]>::try_from(sig.as_slice()),
            ) {
                (Ok(key), Ok(sig)) => cases.push(Case { key, msg, sig }),
                // Not representable as a batch item: rejected before any verification.
                _ => skipped += 1,
            }
        }
    }
    assert_eq!(assert_equal(&cases) + skipped, 151);
    assert!(cases.len() > 100);
}

#[test]
fn speccheck_batch_equals_strict() {
    let Some(doc) = read_json::<Vec<serde_json::Value>>("ed25519-speccheck/cases.json") else {
        return;
    };
    assert_eq!(doc.len(), 12);
    let mut cases = Vec::new();
    let good = SigningKey::from_seed([5; 32]);
    for (i, c) in doc.iter().enumerate() {
        let h = |k: &str| hex::decode(c[k].as_str().unwrap()).unwrap();
        // Interleave valid signatures so every case is batched with good neighbours.
        let msg = format!("neighbour {i}").into_bytes();
        cases.push(Case {
            key: good.verifying_key(),
            sig: good.sign(&msg),
            msg,
        });
        if let (Ok(key), Ok(sig)) = (
            VerifyingKey::from_bytes(&h("pub_key")),
            <[u8; 64]>::try_from(h("signature").as_slice()),
        ) {
            cases.push(Case {
                key,
                msg: h("message"),
                sig,
            });
        }
    }
    assert_equal(&cases);
    // Exactly case 3 verifies (see shared/vectors/README.md): the batch agrees.
    let accepted = cases
        .iter()
        .filter(|c| c.key != good.verifying_key() && c.key.verify(&c.msg, &c.sig).is_ok())
        .count();
    assert_eq!(accepted, 1);
}

#[test]
fn djb_batch_equals_strict() {
    let Some(bytes) = read("djb-ed25519/sign.input") else {
        return;
    };
    let text = String::from_utf8(bytes).unwrap();
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split(':').collect();
        let pk = hex::decode(f[1]).unwrap();
        let msg = hex::decode(f[2]).unwrap();
        let sig: [u8; 64] = hex::decode(f[3]).unwrap()[..64].try_into().unwrap();
        let key = VerifyingKey::from_bytes(&pk).unwrap();
        let mut case = Case { key, msg, sig };
        // Corrupt every 97th line: a flipped bit in S, R or the message.
        if n % 97 == 13 {
            match n % 3 {
                0 => case.sig[40] ^= 1,
                1 => case.sig[5] ^= 0x20,
                _ => case.msg.push(0),
            }
        }
        cases.push(case);
    }
    let items = items(&cases);
    let single = strict(&cases);
    assert_eq!(single.iter().filter(|ok| !**ok).count(), 11);
    assert_eq!(verify_batch(&items), single);
    for chunk in items.chunks(64).zip(single.chunks(64)) {
        assert_eq!(verify_batch(chunk.0), chunk.1);
    }
}

fn hram(r: &[u8; 32], a: &[u8; 32], m: &[u8]) -> Scalar {
    let mut h = Sha512::new();
    h.update(r);
    h.update(a);
    h.update(m);
    Scalar::from_bytes_mod_order_wide(&h.finalize().into())
}

/// Sign with secret scalar `a` for the encoded key `a_bytes` (which may carry torsion), with
/// nonce point `R = [r]B + r_torsion`.
fn forge(a: Scalar, a_bytes: [u8; 32], r: Scalar, r_torsion: EdwardsPoint, m: &[u8]) -> [u8; 64] {
    let big_r = (ED25519_BASEPOINT_POINT * r + r_torsion)
        .compress()
        .to_bytes();
    let k = hram(&big_r, &a_bytes, m);
    let s = r + k * a;
    let mut sig = [0u8; 64];
    sig[..32].copy_from_slice(&big_r);
    sig[32..].copy_from_slice(s.as_bytes());
    sig
}

#[test]
fn mixed_order_points_batch_equals_strict_where_dalek_batch_does_not() {
    let a = Scalar::from_bytes_mod_order([7; 32]);
    let honest = (ED25519_BASEPOINT_POINT * a).compress().to_bytes();
    let key = VerifyingKey::from_bytes(&honest).unwrap();
    let dalek_key = ed25519_dalek::VerifyingKey::from_bytes(&honest).unwrap();
    let mut cases = Vec::new();
    let mut dalek_batch_disagrees = 0;
    // R carries a torsion component of order 2, 4 or 8: strict rejects; dalek's batch accepts
    // whenever its coefficient kills the component.
    for (t, torsion) in EIGHT_TORSION.iter().enumerate().skip(1) {
        for n in 0..16u8 {
            let m = vec![t as u8, n];
            let r = Scalar::from_bytes_mod_order([n.wrapping_add(40); 32]);
            let sig = forge(a, honest, r, *torsion, &m);
            assert!(key.verify(&m, &sig).is_err(), "strict must reject");
            let dalek_sig = ed25519_dalek::Signature::from_bytes(&sig);
            if ed25519_dalek::verify_batch(&[&m], &[dalek_sig], &[dalek_key]).is_ok() {
                dalek_batch_disagrees += 1;
            }
            cases.push(Case {
                key: key.clone(),
                msg: m,
                sig,
            });
        }
    }
    assert!(
        dalek_batch_disagrees > 0,
        "expected ed25519-dalek's verify_batch to accept some mixed-order R"
    );
    // A mixed-order public key A = [a]B + T: strict accepts exactly when k*T vanishes.
    for (t, torsion) in EIGHT_TORSION.iter().enumerate().skip(1) {
        let mixed = (ED25519_BASEPOINT_POINT * a + torsion)
            .compress()
            .to_bytes();
        let Ok(mixed_key) = VerifyingKey::from_bytes(&mixed) else {
            continue;
        };
        for n in 0..8u8 {
            let m = vec![0xA0, t as u8, n];
            let r = Scalar::from_bytes_mod_order([n.wrapping_add(90); 32]);
            let sig = forge(a, mixed, r, EdwardsPoint::default(), &m);
            cases.push(Case {
                key: mixed_key.clone(),
                msg: m,
                sig,
            });
        }
    }
    // Honest signatures in between.
    let good = SigningKey::from_seed([8; 32]);
    for n in 0..20u8 {
        let m = vec![n; 3];
        cases.push(Case {
            key: good.verifying_key(),
            sig: good.sign(&m),
            msg: m,
        });
    }
    let accepted_mixed_key = cases
        .iter()
        .filter(|c| c.msg.first() == Some(&0xA0) && c.key.verify(&c.msg, &c.sig).is_ok())
        .count();
    assert!(
        accepted_mixed_key > 0,
        "some mixed-order-key signatures pass strict"
    );
    assert_equal(&cases);
}
