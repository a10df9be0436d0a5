//! Random identity codes from a seeded generator, and the errors the code-property tests put in
//! them. Each helper draws from the generator in a fixed order, so a seed names the same codes.

use hrid::code::IdentityCode;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The 32 symbols of the identity code.
pub const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A valid code from random fields, in canonical form.
pub fn random_code(rng: &mut ChaCha8Rng) -> String {
    let mut pick = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..32)]))
            .collect()
    };
    IdentityCode::from_fields(&pick(2), &pick(4), &pick(6), &pick(13))
        .unwrap()
        .to_string()
}

/// `code` with `errors` symbols at distinct random positions replaced by other symbols, and those
/// positions in ascending order.
pub fn corrupt(rng: &mut ChaCha8Rng, code: &[u8], errors: usize) -> (Vec<u8>, Vec<usize>) {
    let mut bad = code.to_vec();
    let mut positions = Vec::new();
    while positions.len() < errors {
        let p = rng.gen_range(0..29);
        if positions.contains(&p) {
            continue;
        }
        positions.push(p);
        loop {
            let s = ALPHABET[rng.gen_range(0..32)];
            if s != code[p] {
                bad[p] = s;
                break;
            }
        }
    }
    positions.sort_unstable();
    (bad, positions)
}

/// `code` with the symbol at `position` replaced by each other symbol in turn.
fn replaced_at(code: Vec<u8>, position: usize) -> impl Iterator<Item = Vec<u8>> {
    let original = code[position];
    ALPHABET
        .iter()
        .filter(move |&&s| s != original)
        .map(move |&s| {
            let mut bad = code.clone();
            bad[position] = s;
            bad
        })
}

/// Every code one substitution away from `code`: (position, the changed code), by position, then
/// by symbol.
pub fn single_substitutions(code: &[u8]) -> impl Iterator<Item = (usize, Vec<u8>)> + '_ {
    (0..29).flat_map(move |p| replaced_at(code.to_vec(), p).map(move |bad| (p, bad)))
}

/// Every code two substitutions away from `code`: (first position, second position, the changed
/// code), by positions, then by symbols.
pub fn double_substitutions(code: &[u8]) -> impl Iterator<Item = (usize, usize, Vec<u8>)> + '_ {
    (0..29).flat_map(move |p| {
        (p + 1..29).flat_map(move |q| {
            replaced_at(code.to_vec(), p)
                .flat_map(move |once| replaced_at(once, q).map(move |bad| (p, q, bad)))
        })
    })
}

/// `code` without its symbol at `position` (one symbol missing).
pub fn without(code: &str, position: usize) -> String {
    code.chars()
        .enumerate()
        .filter(|(i, _)| *i != position)
        .map(|(_, c)| c)
        .collect()
}

/// `code` with `symbol` inserted before position `position` (one symbol extra).
pub fn with_extra(code: &str, position: usize, symbol: char) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    chars.insert(position, symbol);
    chars.into_iter().collect()
}
