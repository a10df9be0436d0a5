//! Error detection and correction guarantees of the identity code, tested exhaustively where the
//! space is small and by seeded sampling where it is not.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::code::{self, Repair, SuggestOptions, Tier};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

mod common;
use common::code::{corrupt, double_substitutions, single_substitutions};

fn random_code(rng: &mut ChaCha8Rng) -> Vec<u8> {
    common::code::random_code(rng).into_bytes()
}

fn text(symbols: &[u8]) -> &str {
    std::str::from_utf8(symbols).unwrap()
}

#[test]
fn every_single_substitution_and_transposition_is_rejected() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut checked = 0u64;
    for _ in 0..2_000 {
        let code = random_code(&mut rng);
        assert!(code::is_valid(text(&code)));
        for (p, bad) in single_substitutions(&code) {
            assert!(
                !code::is_valid(text(&bad)),
                "substitution at {p} accepted: {}",
                text(&bad)
            );
            checked += 1;
        }
        for gap in [1, 2] {
            for p in 0..29 - gap {
                if code[p] == code[p + gap] {
                    continue;
                }
                let mut bad = code.clone();
                bad.swap(p, p + gap);
                assert!(
                    !code::is_valid(text(&bad)),
                    "transposition {p}<->{} accepted",
                    p + gap
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1_800_000);
}

#[test]
fn every_double_substitution_of_three_codes_is_rejected() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let mut checked = 0u64;
    for _ in 0..3 {
        let code = random_code(&mut rng);
        for (_, _, bad) in double_substitutions(&code) {
            assert!(!code::is_valid(text(&bad)));
            checked += 1;
        }
    }
    assert_eq!(checked, 3 * 406 * 31 * 31);
}

#[test]
fn a_million_random_three_and_four_symbol_errors_are_rejected() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut code = random_code(&mut rng);
    for i in 0..1_000_000 {
        if i % 1000 == 0 {
            code = random_code(&mut rng);
        }
        let (bad, _) = corrupt(&mut rng, &code, 3 + i % 2);
        assert!(
            !code::is_valid(text(&bad)),
            "{} errors accepted: {}",
            3 + i % 2,
            text(&bad)
        );
    }
}

#[test]
fn every_single_symbol_error_is_corrected_first() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for _ in 0..200 {
        let code = random_code(&mut rng);
        for (p, bad) in single_substitutions(&code) {
            let fixes = code::suggest(text(&bad), SuggestOptions::default());
            assert_eq!(fixes.len(), 1);
            assert_eq!(fixes[0].code.as_str(), text(&code));
            assert_eq!(
                (fixes[0].tier, fixes[0].repair),
                (Tier::A, Repair::Substitution)
            );
            assert_eq!(fixes[0].changed_positions, vec![p]);
            // The error itself points at the wrong character.
            assert_eq!(code::validate(text(&bad)).unwrap_err().position(), Some(p));
        }
    }
}

#[test]
fn every_double_symbol_error_of_one_code_is_corrected_first_with_confirmation() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let code = random_code(&mut rng);
    let mut checked = 0u64;
    for (p, q, bad) in double_substitutions(&code) {
        let fixes = code::suggest(text(&bad), SuggestOptions::with_two_errors());
        assert_eq!(fixes[0].code.as_str(), text(&code), "{}", text(&bad));
        // An adjacent swap is tier A; any other double error is tier B.
        if fixes[0].tier == Tier::A {
            assert_eq!(fixes[0].repair, Repair::Transposition);
        } else {
            assert_eq!(fixes[0].changed_positions, vec![p, q]);
        }
        checked += 1;
    }
    assert_eq!(checked, 406 * 31 * 31);
}

#[test]
fn sampled_double_errors_across_many_codes_are_corrected() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    for _ in 0..50_000 {
        let code = random_code(&mut rng);
        let (bad, positions) = corrupt(&mut rng, &code, 2);
        let fixes = code::suggest(text(&bad), SuggestOptions::with_two_errors());
        assert_eq!(fixes[0].code.as_str(), text(&code));
        assert!(fixes[0].tier == Tier::A || fixes[0].changed_positions == positions);
        // Without the confirmation, a non-adjacent double error gets no suggestion at all.
        let plain = code::suggest(text(&bad), SuggestOptions::default());
        assert!(plain
            .iter()
            .all(|s| s.tier == Tier::A && s.code.as_str() == text(&code)));
    }
}
