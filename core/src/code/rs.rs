//! Reed-Solomon over GF(32) for the identity code's check characters.
//!
//! GF(32) = GF(2)\[x\]/(x^5 + x^2 + 1), alpha = x = 2. The generator polynomial has the roots
//! alpha^0..alpha^3: g(x) = x^4 + 15x^3 + 19x^2 + 23x + 10. A word is the 2-symbol virtual tag
//! followed by the 29 code symbols, 31 symbols in all, its first symbol the coefficient of x^30.
//! Symbol `p` of the code (0-based) is therefore the coefficient of x^(28 - p).
//!
//! Decoding is textbook: syndromes, Berlekamp-Massey initialised with the erasure locator,
//! Chien search and Forney's formula. It corrects `e` errors and `f` erasures when
//! `2e + f <= 4`, and reports failure (never a wrong "correction" it cannot justify) otherwise.

/// Number of symbols in an identity code.
pub(crate) const CODE_LEN: usize = 29;
/// Number of check symbols.
pub(crate) const CHECK_LEN: usize = 4;
/// Number of symbols before the check symbols.
pub(crate) const BODY_LEN: usize = CODE_LEN - CHECK_LEN;
/// The virtual tag prepended to every word, never printed.
pub(crate) const TAG: [u8; 2] = [24, 1];
/// Generator polynomial coefficients, highest degree first.
const GENERATOR: [u8; 5] = [1, 15, 19, 23, 10];
/// Order of the multiplicative group.
const ORDER: usize = 31;

/// `EXP[i]` = alpha^i for i in 0..31, and `LOG[x]` for x in 1..32 (`LOG[0]` unused).
const TABLES: ([u8; 32], [u8; 32]) = build_tables();

#[allow(clippy::indexing_slicing)] // evaluated at compile time: an out-of-range index fails the build
const fn build_tables() -> ([u8; 32], [u8; 32]) {
    let mut exp = [0u8; 32];
    let mut log = [0u8; 32];
    let mut x: u8 = 1;
    let mut i = 0;
    while i < ORDER {
        exp[i] = x;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x20 != 0 {
            x ^= 0x25; // x^5 + x^2 + 1
        }
        i += 1;
    }
    exp[ORDER] = 1;
    (exp, log)
}

/// alpha^i, for any `i`.
#[inline]
pub(crate) fn exp(i: usize) -> u8 {
    TABLES.0.get(i % ORDER).copied().unwrap_or(0)
}

/// The discrete logarithm of a non-zero element (0 for 0, which callers exclude).
#[inline]
fn log(x: u8) -> usize {
    usize::from(TABLES.1.get(usize::from(x & 31)).copied().unwrap_or(0))
}

/// Multiplication in GF(32).
#[inline]
pub(crate) fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        exp(log(a) + log(b))
    }
}

/// Multiplicative inverse (0 maps to 0; callers never invert 0).
#[inline]
fn inv(a: u8) -> u8 {
    if a == 0 {
        0
    } else {
        exp(ORDER - log(a))
    }
}

/// The 4 check symbols, highest degree first, for a 25-symbol body.
pub(crate) fn check_symbols(body: &[u8; BODY_LEN]) -> [u8; CHECK_LEN] {
    let mut rem = [0u8; CHECK_LEN];
    for &m in TAG.iter().chain(body.iter()) {
        let feedback = m ^ rem[0];
        rem = [rem[1], rem[2], rem[3], 0];
        let [_, g1, g2, g3, g4] = GENERATOR;
        rem[0] ^= mul(feedback, g1);
        rem[1] ^= mul(feedback, g2);
        rem[2] ^= mul(feedback, g3);
        rem[3] ^= mul(feedback, g4);
    }
    rem
}

/// `TIMES_ALPHA[j][x]` = x * alpha^j, for the Horner steps of the syndromes.
const TIMES_ALPHA: [[u8; 32]; CHECK_LEN] = build_times_alpha();

#[allow(clippy::indexing_slicing)] // evaluated at compile time
const fn build_times_alpha() -> [[u8; 32]; CHECK_LEN] {
    let (exp, log) = TABLES;
    let mut t = [[0u8; 32]; CHECK_LEN];
    let mut j = 0;
    while j < CHECK_LEN {
        let mut x = 1;
        while x < 32 {
            t[j][x] = exp[(log[x] as usize + j) % ORDER];
            x += 1;
        }
        j += 1;
    }
    t
}

/// Syndromes of the tag alone, so every check starts from them.
#[allow(clippy::indexing_slicing)] // evaluated at compile time
const TAG_SYNDROMES: [u8; CHECK_LEN] = {
    let mut s = [0u8; CHECK_LEN];
    let mut j = 0;
    while j < CHECK_LEN {
        // Horner over the two tag symbols: (0 * a + 24) * a + 1.
        s[j] = TIMES_ALPHA[j][TAG[0] as usize] ^ TAG[1];
        j += 1;
    }
    s
};

/// The syndromes W(alpha^0)..W(alpha^3) of the full word (tag plus code).
pub(crate) fn syndromes(code: &[u8; CODE_LEN]) -> [u8; CHECK_LEN] {
    let [t0, t1, t2, t3] = TIMES_ALPHA;
    let [mut s0, mut s1, mut s2, mut s3] = TAG_SYNDROMES;
    let step = |table: &[u8; 32], acc: u8, c: u8| {
        table.get(usize::from(acc & 31)).copied().unwrap_or(0) ^ c
    };
    for &c in code {
        s0 = step(&t0, s0, c);
        s1 = step(&t1, s1, c);
        s2 = step(&t2, s2, c);
        s3 = step(&t3, s3, c);
    }
    [s0, s1, s2, s3]
}

/// True when every syndrome is zero.
pub(crate) fn is_codeword(code: &[u8; CODE_LEN]) -> bool {
    syndromes(code) == [0; CHECK_LEN]
}

/// A successful decode: the corrected code and the positions whose symbols changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) code: [u8; CODE_LEN],
    /// Code positions (0..29) where the symbol was changed or an erasure was filled.
    pub(crate) changed: Vec<usize>,
    /// Number of errors found at positions that were not marked as erasures.
    pub(crate) errors: usize,
}

/// A polynomial over GF(32), lowest degree first, at most degree 4 here.
type Poly = [u8; CHECK_LEN + 1];

fn poly_eval(p: &Poly, x: u8) -> u8 {
    p.iter().rev().fold(0u8, |acc, &c| mul(acc, x) ^ c)
}

fn poly_degree(p: &Poly) -> usize {
    p.iter().rposition(|&c| c != 0).unwrap_or(0)
}

/// Decode with the given erasure positions (code positions, each 0..29, distinct).
///
/// Returns `None` when no codeword lies within the decoding radius (`2e + f > 4`) or when the
/// result would need to change the virtual tag. A result always satisfies the syndromes.
pub(crate) fn decode(received: &[u8; CODE_LEN], erasures: &[usize]) -> Option<Decoded> {
    let f = erasures.len();
    if f > CHECK_LEN || erasures.iter().any(|&p| p >= CODE_LEN) {
        return None;
    }
    let s = syndromes(received);
    if s == [0; CHECK_LEN] && f == 0 {
        return Some(Decoded {
            code: *received,
            changed: Vec::new(),
            errors: 0,
        });
    }
    // Locator of code position p: X = alpha^(28 - p).
    let locator = |p: usize| exp(CODE_LEN - 1 - p);

    // Erasure locator Gamma(x) = prod (1 - X_i x) (signs vanish in characteristic 2).
    let mut lambda: Poly = [1, 0, 0, 0, 0];
    for &p in erasures {
        let x = locator(p);
        let mut next = lambda;
        for (n, &prev) in next.iter_mut().skip(1).zip(lambda.iter()) {
            *n ^= mul(x, prev);
        }
        lambda = next;
    }
    let mut b = lambda;
    let mut l = f;
    // Berlekamp-Massey, starting after the erasures (Forney-modified syndromes implicitly).
    for r in (f + 1)..=CHECK_LEN {
        let mut delta = 0u8;
        for i in 0..=l.min(CHECK_LEN) {
            if let (Some(&li), Some(&si)) =
                (lambda.get(i), (r - 1).checked_sub(i).and_then(|k| s.get(k)))
            {
                delta ^= mul(li, si);
            }
        }
        // x * B(x)
        let shifted: Poly = [0, b[0], b[1], b[2], b[3]];
        if delta == 0 {
            b = shifted;
            continue;
        }
        let mut t = lambda;
        for (tk, &bk) in t.iter_mut().zip(shifted.iter()) {
            *tk ^= mul(delta, bk);
        }
        if 2 * l < r + f {
            let dinv = inv(delta);
            let mut nb = lambda;
            for c in &mut nb {
                *c = mul(*c, dinv);
            }
            b = nb;
            l = r + f - l;
        } else {
            b = shifted;
        }
        lambda = t;
    }
    if poly_degree(&lambda) != l || l > CHECK_LEN {
        return None;
    }
    let errors = l.checked_sub(f)?;
    if 2 * errors + f > CHECK_LEN {
        return None;
    }
    // Chien search over every code position (the two tag positions must not be roots).
    let mut roots = Vec::with_capacity(l);
    for p in 0..CODE_LEN {
        if poly_eval(&lambda, inv(locator(p))) == 0 {
            roots.push(p);
        }
    }
    if roots.len() != l {
        return None; // some roots lie in the tag or outside the field: beyond the radius
    }
    // Forney: Omega(x) = S(x) Lambda(x) mod x^4; with fcr = 0, Y = X * Omega(X^-1) / Lambda'(X^-1).
    let mut omega = [0u8; CHECK_LEN];
    for (i, oi) in omega.iter_mut().enumerate() {
        for j in 0..=i {
            if let (Some(&sj), Some(&lk)) = (s.get(j), lambda.get(i - j)) {
                *oi ^= mul(sj, lk);
            }
        }
    }
    let omega_poly: Poly = [omega[0], omega[1], omega[2], omega[3], 0];
    // Formal derivative: only odd-degree terms survive in characteristic 2.
    let derivative: Poly = [lambda[1], 0, lambda[3], 0, 0];
    let mut code = *received;
    let mut changed = Vec::with_capacity(l);
    for &p in &roots {
        let x = locator(p);
        let xinv = inv(x);
        let denom = poly_eval(&derivative, xinv);
        if denom == 0 {
            return None;
        }
        let y = mul(mul(x, poly_eval(&omega_poly, xinv)), inv(denom));
        if y != 0 || erasures.contains(&p) {
            if let Some(c) = code.get_mut(p) {
                *c ^= y;
            }
            changed.push(p);
        }
    }
    if !is_codeword(&code) {
        return None;
    }
    let errors = changed.iter().filter(|p| !erasures.contains(p)).count();
    Some(Decoded {
        code,
        changed,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_a_field() {
        let mut seen = [false; 32];
        for i in 0..ORDER {
            let x = exp(i);
            assert!(x != 0 && !seen[x as usize]);
            seen[x as usize] = true;
            assert_eq!(log(x), i);
            assert_eq!(mul(x, inv(x)), 1);
        }
        assert_eq!(exp(5), 0b00101); // x^5 = x^2 + 1
    }

    #[test]
    fn fast_syndromes_equal_the_definition() {
        let mut code = [0u8; CODE_LEN];
        for round in 0..200u32 {
            for (i, c) in code.iter_mut().enumerate() {
                *c = ((round as usize * 7 + i * 13 + (i * i) % 5) % 32) as u8;
            }
            for j in 0..CHECK_LEN {
                let a = exp(j);
                let slow = TAG
                    .iter()
                    .chain(code.iter())
                    .fold(0u8, |acc, &c| mul(acc, a) ^ c);
                assert_eq!(syndromes(&code)[j], slow);
            }
        }
    }

    #[test]
    fn generator_has_the_four_roots() {
        for j in 0..4 {
            let a = exp(j);
            let v = GENERATOR.iter().fold(0u8, |acc, &c| mul(acc, a) ^ c);
            assert_eq!(v, 0, "alpha^{j} is not a root");
        }
        // g(x) = (x + 1)(x + a)(x + a^2)(x + a^3), expanded independently.
        let mut g = vec![1u8];
        for j in 0..4 {
            let root = exp(j);
            let mut next = vec![0u8; g.len() + 1];
            for (i, &c) in g.iter().enumerate() {
                next[i] ^= c;
                next[i + 1] ^= mul(c, root);
            }
            g = next;
        }
        assert_eq!(g, GENERATOR.to_vec());
    }
}
