//! Measures how reliable each suggestion tier is, and asserts the bounds that
//! `docs/identity-code.md` states. Run with `--nocapture` to see the table.
//!
//! For each scenario, random codes from a fixed seed are corrupted and `suggest` is asked:
//! "right" means the first suggestion is the original code, "wrong" that it is another code, and
//! "none" that nothing was suggested.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::code::{self, SuggestOptions, Tier};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;
use common::code::{corrupt, random_code, with_extra, without, ALPHABET};

const TRIALS: usize = 20_000;

fn substitute(rng: &mut ChaCha8Rng, code: &str, errors: usize) -> String {
    String::from_utf8(corrupt(rng, code.as_bytes(), errors).0).unwrap()
}

#[derive(Default, Debug)]
struct Tally {
    right: usize,
    wrong: usize,
    none: usize,
}

impl Tally {
    fn add(&mut self, original: &str, first: Option<&str>) {
        match first {
            Some(c) if c == original => self.right += 1,
            Some(_) => self.wrong += 1,
            None => self.none += 1,
        }
    }
    fn rate(n: usize) -> f64 {
        n as f64 / TRIALS as f64
    }
    fn row(&self, name: &str) {
        println!(
            "| {name:<52} | {:>6.2}% | {:>6.2}% | {:>6.2}% |",
            100.0 * Self::rate(self.right),
            100.0 * Self::rate(self.wrong),
            100.0 * Self::rate(self.none)
        );
    }
}

fn first_of_tier(text: &str, options: SuggestOptions, tier: Tier) -> Option<String> {
    code::suggest(text, options)
        .into_iter()
        .find(|s| s.tier == tier)
        .map(|s| s.code.to_string())
}

/// `TRIALS` random codes, each with `errors` random substitutions, tallied by the first suggestion
/// `first` makes for the corrupted text.
fn substitutions(
    rng: &mut ChaCha8Rng,
    errors: usize,
    first: impl Fn(&str) -> Option<String>,
) -> Tally {
    let mut t = Tally::default();
    for _ in 0..TRIALS {
        let code = random_code(rng);
        let bad = substitute(rng, &code, errors);
        t.add(&code, first(&bad).as_deref());
    }
    t
}

/// The first suggestion with the two-errors confirmation given, of whatever tier.
fn first_confirmed(text: &str) -> Option<String> {
    code::suggest(text, SuggestOptions::with_two_errors())
        .into_iter()
        .next()
        .map(|s| s.code.to_string())
}

#[test]
fn tier_reliability() {
    let mut rng = ChaCha8Rng::seed_from_u64(0x7469_6572);
    println!("| scenario ({TRIALS} trials each) | right | wrong | none |");
    println!("| --- | ---: | ---: | ---: |");

    let mut tier_a = Vec::new();
    for errors in 1..=5 {
        let t = substitutions(&mut rng, errors, |bad| {
            first_of_tier(bad, SuggestOptions::default(), Tier::A)
        });
        t.row(&format!("tier A offered, {errors} random substitution(s)"));
        tier_a.push(t);
    }
    // One error: always right. Two or three: never a wrong code (distance 5 leaves no codeword
    // within one symbol). Four or more: a wrong tier-A code is possible but rare.
    assert_eq!(tier_a[0].right, TRIALS);
    assert_eq!(tier_a[1].wrong, 0);
    assert_eq!(tier_a[2].wrong, 0);
    assert!(Tally::rate(tier_a[3].wrong) < 0.15, "{:?}", tier_a[3]);

    let mut tier_b = Vec::new();
    for errors in 2..=4 {
        let t = substitutions(&mut rng, errors, first_confirmed);
        t.row(&format!(
            "tiers A+B offered (confirmed), {errors} substitutions"
        ));
        tier_b.push(t);
    }
    assert_eq!(tier_b[0].right, TRIALS);
    let wrong3 = Tally::rate(tier_b[1].wrong);
    // The share of all words within distance 2 of some codeword is
    // (1 + 29*31 + C(29,2)*31^2) / 32^4 = 391,066 / 1,048,576 = 37.3%: a word with 3 or more
    // errors lands there about a third of the time (measured 33.6% here). That is why tier B
    // needs the person's confirmation.
    assert!(
        (0.25..0.45).contains(&wrong3),
        "3 errors: wrong-code rate {wrong3}"
    );
    assert_eq!(
        tier_b[1].right, 0,
        "3 errors can never decode to the original"
    );

    let mut ins = Tally::default();
    let mut del = Tally::default();
    for _ in 0..TRIALS {
        let code = random_code(&mut rng);
        let short = without(&code, rng.gen_range(0..29));
        ins.add(
            &code,
            first_of_tier(&short, SuggestOptions::default(), Tier::A).as_deref(),
        );
        let q = rng.gen_range(0..30);
        let long = with_extra(&code, q, char::from(ALPHABET[rng.gen_range(0..32)]));
        del.add(
            &code,
            first_of_tier(&long, SuggestOptions::default(), Tier::A).as_deref(),
        );
    }
    ins.row("one symbol missing (insertion, unique hit only)");
    del.row("one symbol extra (deletion, unique hit only)");
    assert_eq!(ins.wrong, 0);
    assert_eq!(del.wrong, 0);
    assert!(Tally::rate(ins.right) > 0.85 && Tally::rate(del.right) > 0.95);

    for erasures in 1..=4 {
        let mut t = Tally::default();
        for _ in 0..TRIALS {
            let code = random_code(&mut rng);
            let mut chars: Vec<char> = code.chars().collect();
            let mut used = Vec::new();
            while used.len() < erasures {
                let p = rng.gen_range(0..29);
                if !used.contains(&p) {
                    used.push(p);
                    chars[p] = '?';
                }
            }
            let text: String = chars.into_iter().collect();
            t.add(&code, first_confirmed(&text).as_deref());
        }
        t.row(&format!("{erasures} unreadable symbol(s) filled"));
        assert_eq!(t.right, TRIALS);
    }
    // One unreadable symbol plus one wrong symbol is tier B: within the radius (2e + f = 3).
    let mut t = Tally::default();
    for _ in 0..TRIALS {
        let code = random_code(&mut rng);
        let bad = substitute(&mut rng, &code, 1);
        let mut chars: Vec<char> = bad.chars().collect();
        let p = (0..29)
            .find(|&i| chars[i] == code.chars().nth(i).unwrap())
            .unwrap();
        chars[p] = '?';
        let text: String = chars.into_iter().collect();
        t.add(&code, first_confirmed(&text).as_deref());
    }
    t.row("1 unreadable + 1 wrong symbol (tier B)");
    assert_eq!(t.right, TRIALS);
}
