//! `test-vectors/codes.json`: identity-code checks, builds and text scans.

use hrid::code::{self, CheckOptions, IdentityCode, SuggestOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

const SEED: u64 = 0x6872_6964_636f_6465; // "hridcode"
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct Cases {
    next_id: u64,
    cases: Vec<Value>,
}

impl Cases {
    fn push(&mut self, mut case: Value) {
        self.next_id += 1;
        if let Some(obj) = case.as_object_mut() {
            obj.insert("tcId".into(), json!(self.next_id));
        }
        self.cases.push(case);
    }

    /// A `check` case with the default options.
    fn check(&mut self, comment: &str, input: &str, flags: &[&str]) {
        self.check_with(comment, input, flags, false, false);
    }

    /// A `check` case with the two-errors confirmation given.
    fn check_confirmed(&mut self, comment: &str, input: &str, flags: &[&str]) {
        self.check_with(comment, input, flags, true, false);
    }

    /// A `check` case: the expected report is the core's, with message text removed.
    fn check_with(
        &mut self,
        comment: &str,
        input: &str,
        flags: &[&str],
        two_errors: bool,
        structure_only: bool,
    ) {
        let mut options = CheckOptions::default();
        options.structure_only = structure_only;
        options.suggest = if two_errors {
            SuggestOptions::with_two_errors()
        } else {
            SuggestOptions::default()
        };
        let mut expected = serde_json::to_value(code::check(input, options)).unwrap_or_default();
        strip_messages(&mut expected);
        if let Some(obj) = expected.as_object_mut() {
            obj.remove("input");
        }
        self.push(json!({
            "kind": "check", "comment": comment, "flags": flags, "input": input,
            "options": {"two_errors": two_errors, "structure_only": structure_only},
            "expected": expected,
        }));
    }
}

fn strip_messages(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("message");
            map.values_mut().for_each(strip_messages);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_messages),
        _ => {}
    }
}

fn random_code(rng: &mut ChaCha8Rng) -> IdentityCode {
    let mut pick = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..32)]))
            .collect()
    };
    let (c, m, p, u) = (pick(2), pick(4), pick(6), pick(13));
    IdentityCode::from_fields(&c, &m, &p, &u)
        .unwrap_or_else(|_| unreachable!("generated fields are valid"))
}

fn replace(text: &str, position: usize, with: char) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if i == position { with } else { c })
        .collect()
}

fn other_symbol(rng: &mut ChaCha8Rng, not: char) -> char {
    loop {
        let c = char::from(ALPHABET[rng.gen_range(0..32)]);
        if c != not {
            return c;
        }
    }
}

/// `text` with its symbol at `position` replaced by a random other symbol.
fn substitute(rng: &mut ChaCha8Rng, text: &str, position: usize) -> String {
    let other = other_symbol(rng, text.chars().nth(position).unwrap_or('0'));
    replace(text, position, other)
}

/// `text` with the symbols at `position` and `position + gap` swapped, or `None` where they are
/// the same symbol (the swap would change nothing).
fn swapped(text: &str, position: usize, gap: usize) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    if chars[position] == chars[position + gap] {
        return None;
    }
    chars.swap(position, position + gap);
    Some(chars.into_iter().collect())
}

/// `text` without its symbol at `position`.
fn without(text: &str, position: usize) -> String {
    text.chars()
        .enumerate()
        .filter(|(i, _)| *i != position)
        .map(|(_, c)| c)
        .collect()
}

/// `text` with `symbol` inserted before `position`.
fn with_extra(text: &str, position: usize, symbol: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars.insert(position, symbol);
    chars.into_iter().collect()
}

/// Generate the corpus.
pub(crate) fn generate() -> Value {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut cases = Cases {
        next_id: 0,
        cases: Vec::new(),
    };

    for code in [
        "860042A3W0F50000000012345ZAR2",
        "867K2QHX100000000000000A7K4DC",
        "000000000000000000000000027GC",
        "86ZZZZZZZZZZZZZZZZZZZZZZZ9Q3N",
    ] {
        cases.check(
            "worked example from the specification",
            code,
            &["worked_example"],
        );
    }
    let spellings: [(&str, fn(&IdentityCode) -> String); 4] = [
        ("display form", |c| c.display_form()),
        ("lower case", |c| c.as_str().to_ascii_lowercase()),
        ("spaces as separators", |c| {
            c.display_form().replace('-', " ")
        }),
        ("I, L and O typed for 1, 1 and 0", |c| {
            c.as_str().replace('1', "l").replace('0', "O")
        }),
    ];
    for i in 0..12 {
        let code = random_code(&mut rng);
        let (name, spell) = spellings[i % spellings.len()];
        let comment = format!("valid code, {name}");
        cases.check(&comment, &spell(&code), &["valid", "spelling"]);
    }
    for _ in 0..10 {
        let code = random_code(&mut rng).to_string();
        let p = rng.gen_range(0..29);
        let typo = substitute(&mut rng, &code, p);
        cases.check(
            "one symbol substituted: located and suggested (tier A)",
            &typo,
            &["substitution"],
        );
    }
    for _ in 0..6 {
        let code = random_code(&mut rng).to_string();
        let p = rng.gen_range(0..28);
        if let Some(typo) = swapped(&code, p, 1) {
            cases.check(
                "adjacent transposition: suggested (tier A)",
                &typo,
                &["transposition"],
            );
        }
    }
    for _ in 0..4 {
        let code = random_code(&mut rng).to_string();
        let p = rng.gen_range(0..27);
        let Some(typo) = swapped(&code, p, 2) else {
            continue;
        };
        cases.check(
            "jump transposition: detected; two symbols wrong, so no tier-A suggestion",
            &typo,
            &["jump_transposition"],
        );
        cases.check_confirmed(
            "jump transposition with the two-errors confirmation: tier B",
            &typo,
            &["jump_transposition", "tier_b"],
        );
    }
    for _ in 0..5 {
        let code = random_code(&mut rng).to_string();
        let p = rng.gen_range(0..27);
        let q = rng.gen_range(p + 1..29);
        let once = substitute(&mut rng, &code, p);
        let typo = substitute(&mut rng, &once, q);
        cases.check(
            "two symbols substituted, no confirmation: rejected without suggestion",
            &typo,
            &["double_substitution"],
        );
        cases.check_confirmed(
            "two symbols substituted, confirmed: tier B suggestion",
            &typo,
            &["double_substitution", "tier_b"],
        );
    }
    for n in 1..=4 {
        let code = random_code(&mut rng).to_string();
        let mut typo = code.clone();
        let mut used = Vec::new();
        while used.len() < n {
            let p = rng.gen_range(0..29);
            if !used.contains(&p) {
                used.push(p);
                typo = replace(&typo, p, if used.len() % 2 == 0 { 'U' } else { '?' });
            }
        }
        let comment = format!("{n} unreadable symbols filled as erasures");
        cases.check(&comment, &typo, &["erasure"]);
        if n > 2 {
            let comment = format!("{n} unreadable symbols, confirmed: tier B fill");
            cases.check_confirmed(&comment, &typo, &["erasure", "tier_b"]);
        }
    }
    for _ in 0..4 {
        let code = random_code(&mut rng).to_string();
        let p = rng.gen_range(0..29);
        cases.check(
            "one symbol missing: insertion suggested only when unique",
            &without(&code, p),
            &["insertion"],
        );
        let q = rng.gen_range(0..30);
        let extra = char::from(ALPHABET[rng.gen_range(0..32)]);
        cases.check(
            "one extra symbol: deletion suggested only when unique",
            &with_extra(&code, q, extra),
            &["deletion"],
        );
    }
    let good = "860042A3W0F50000000012345ZAR2";
    for (comment, input, flags) in [
        ("empty input", "", &["malformed"][..]),
        ("only separators", " - -", &["malformed"]),
        ("too short", "860042A3W0F5", &["length"]),
        ("too long", "860042A3W0F50000000012345ZAR2000", &["length"]),
        (
            "U is not in the alphabet",
            "860042A3W0F5000000001234U-ZAR2",
            &["invalid_character"],
        ),
        (
            "punctuation inside a code",
            "86.0042.A3W0F5.0000000012345.ZAR2",
            &["invalid_character"],
        ),
        (
            "full-width digits are confusables, rejected",
            "８６0042A3W0F50000000012345ZAR2",
            &["invalid_character", "confusable", "adversarial"],
        ),
        (
            "an emoji",
            "860042A3W0F5000000001234🤖ZAR2",
            &["invalid_character"],
        ),
        (
            "all-zero body with zero check: the tag makes it invalid",
            "00000000000000000000000000000",
            &["tag"],
        ),
        (
            "Cyrillic A looks like Latin A",
            "860042\u{0410}3W0F50000000012345ZAR2",
            &["invalid_character", "confusable", "adversarial"],
        ),
    ] {
        cases.check(comment, input, flags);
    }
    for (comment, input, flags) in [
        (
            "structure only: right shape, check not verified, never valid",
            "860042A3W0F50000000012345ZAR3",
            &["structure_only"][..],
        ),
        (
            "structure only: even a verifying code is only reported as structure",
            good,
            &["structure_only"],
        ),
        (
            "structure only: wrong shape is still an error",
            "860042A3W0F5",
            &["structure_only", "length"],
        ),
    ] {
        cases.check_with(comment, input, flags, false, true);
    }

    for (comment, fields) in [
        (
            "build the first worked example",
            ["86", "0042", "A3W0F5", "12345"],
        ),
        (
            "unit given in full",
            ["86", "7K2Q", "HX1000", "00000000000A7"],
        ),
        (
            "lower case fields are normalised",
            ["86", "abcd", "efghjk", "mnpqrstvwxyz0"],
        ),
        ("manufacturer too short", ["86", "004", "A3W0F5", "1"]),
        ("unit too long", ["86", "0042", "A3W0F5", "12345678901234"]),
        ("U in the model", ["86", "0042", "A3U0F5", "1"]),
        ("empty unit", ["86", "0042", "A3W0F5", ""]),
    ] {
        let [c, m, p, u] = fields;
        let expected = match IdentityCode::from_fields(c, m, p, u) {
            Ok(code) => json!({"valid": true, "code": code.as_str()}),
            Err(e) => {
                json!({"valid": false, "error": {"code": e.code(), "position": e.position()}})
            }
        };
        cases.push(json!({
            "kind": "build", "comment": comment, "flags": ["build"],
            "fields": {"country": c, "manufacturer": m, "model": p, "unit": u},
            "expected": expected,
        }));
    }

    for (comment, text) in [
        ("codes in several spellings inside a listing", "Unit 860042A3W0F50000000012345ZAR2 and 86-0042-a3w0f5-0000000012346-et4w, both for sale."),
        ("a near miss with a typo and one missing a symbol", "Robot 86-0042-A3W0F5-0000000012345-ZARX; also 860042A3W0F5000000001234ZAR2."),
        ("a code glued to other letters is not a candidate", "ID860042A3W0F50000000012345ZAR2 is not split"),
        ("plain prose", "no robots here, just words and the number 12345"),
        ("non-ASCII text around a code", "机器人编号：860042A3W0F50000000012345ZAR2。谢谢"),
    ] {
        let scan = code::find(text);
        let found: Vec<Value> = scan.found.iter().map(|f| json!({"code": f.code.as_str(), "start": f.span.start, "end": f.span.end})).collect();
        let near: Vec<Value> = scan
            .near_misses
            .iter()
            .map(|m| json!({
                "start": m.span.start, "end": m.span.end, "error": m.error.code(),
                "suggestions": m.suggestions.iter().map(|s| s.code.as_str().to_owned()).collect::<Vec<_>>(),
            }))
            .collect();
        cases.push(json!({
            "kind": "find", "comment": comment, "flags": ["find"], "text": text,
            "expected": {"found": found, "near_misses": near},
        }));
    }

    // Adversarial inputs of issue #9, appended so earlier case IDs stay stable. Only what a JSON
    // string can hold: raw non-UTF-8 bytes cannot reach the `&str` API at all (every binding
    // decodes text first); they are covered where hrid reads bytes (attestations.json).
    for (comment, input, flags) in [
        (
            "a zero-width space (U+200B) inside a code",
            "860042A3W0F5\u{200B}0000000012345ZAR2",
            &["invalid_character", "invisible", "adversarial"][..],
        ),
        (
            "full-width letters (U+FF21, U+FF3A) are confusables, rejected",
            "860042\u{FF21}3W0F50000000012345\u{FF3A}AR2",
            &["invalid_character", "confusable", "adversarial"],
        ),
    ] {
        let err = code::validate(input).expect_err(comment);
        assert_eq!(err.code(), "code.invalid_character", "{comment}");
        cases.check(comment, input, flags);
    }

    let count = cases.cases.len();
    json!({
        "algorithm": "hrid identity code (RS(31,27) over GF(32), virtual tag R1)",
        "schema": "hrid-codes-v1",
        "generator": "cargo xtask vectors (xtask/src/codes.rs), seed 0x68726964636f6465",
        "numberOfTests": count,
        "notes": {
            "kind": "check: run code.check(input, options) and compare the report; build: from_fields; find: scan text",
            "positions": "zero-based character (Unicode scalar) indexes; spans are [start, end) in characters",
            "expected": "the report without message text; compare reason codes, positions and suggestions exactly",
            "worked_example": "the four examples of docs/identity-code.md",
            "valid": "a valid code", "spelling": "a non-canonical but accepted spelling",
            "substitution": "one symbol replaced", "transposition": "two adjacent symbols swapped",
            "jump_transposition": "symbols two apart swapped (two errors)", "double_substitution": "two symbols replaced",
            "tier_b": "two-errors confirmation given", "erasure": "unreadable characters (? or U) at known positions",
            "insertion": "one symbol missing", "deletion": "one symbol too many", "malformed": "no symbols",
            "length": "wrong number of symbols", "invalid_character": "a character outside the alphabet",
            "confusable": "a look-alike character from another script or width", "tag": "the virtual tag at work",
            "invisible": "a character that renders as nothing",
            "adversarial": "a case for an attack listed in hardening issue #9; docs/threat-model.md maps each to its adversary",
            "structure_only": "structure-only mode", "build": "build from fields", "find": "find codes in text",
        },
        "cases": cases.cases,
    })
}
