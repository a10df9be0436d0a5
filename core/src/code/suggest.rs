//! Suggestions for mistyped codes: where the error probably is and what was probably meant.
//!
//! Suggestions are never applied automatically. The policy (see `docs/identity-code.md`):
//!
//! | tier | repair | when offered |
//! | --- | --- | --- |
//! | A | one wrong symbol, or two adjacent symbols swapped | always (the fix is unique) |
//! | A | one or two unreadable symbols (`?`, `U`, ...) filled as erasures, no other error | always |
//! | A | one symbol missing or one extra | only when exactly one insertion or deletion validates |
//! | B | two wrong symbols; one wrong symbol beside erasures; 3 or 4 erasures (`2e + f <= 4`) | only with [`SuggestOptions::allow_two_errors`] |
//!
//! Tier B needs the person's explicit confirmation that two characters look wrong: when three or
//! more are wrong, a two-symbol fix proposes a wrong code in about a third of cases (33.6% for
//! three errors, measured in `core/tests/code_reliability.rs`; 37.3% of all words lie within two
//! symbols of some code).

use super::rs::{self, CODE_LEN};
use super::{read_char, IdentityCode, Reading};

/// Erasure fills up to this many symbols (and no other error) are tier A; 3 or 4 erasures use up
/// the redundancy that would detect one more error, so they are tier B.
const MAX_TIER_A_ERASURES: usize = 2;

/// How confident a suggestion is; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Tier {
    /// "Did you mean ...?": a unique, small repair.
    A,
    /// Shown only after the person confirms that two characters look wrong.
    B,
}

impl Tier {
    /// `"A"` or `"B"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
        }
    }
}

/// What kind of repair a suggestion makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Repair {
    /// One or two symbols replaced.
    Substitution,
    /// Two adjacent symbols swapped.
    Transposition,
    /// Unreadable symbols filled in (possibly with one substitution, in tier B).
    ErasureFill,
    /// A missing symbol inserted.
    Insertion,
    /// An extra symbol removed.
    Deletion,
}

impl Repair {
    /// The stable lowercase name (`substitution`, `transposition`, `erasure_fill`, `insertion`,
    /// `deletion`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Repair::Substitution => "substitution",
            Repair::Transposition => "transposition",
            Repair::ErasureFill => "erasure_fill",
            Repair::Insertion => "insertion",
            Repair::Deletion => "deletion",
        }
    }
}

/// A proposed correction. Never applied automatically.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Suggestion {
    /// The valid code proposed.
    pub code: IdentityCode,
    /// Its confidence tier.
    pub tier: Tier,
    /// What was repaired.
    pub repair: Repair,
    /// Zero-based positions in the suggested code's canonical form that differ from what was
    /// typed (for an insertion, the inserted symbol; for a deletion, the position before which the
    /// extra symbol stood), ascending.
    pub changed_positions: Vec<usize>,
}

/// Options for [`suggest`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SuggestOptions {
    /// Offer tier B suggestions: the person has confirmed that two characters look wrong.
    pub allow_two_errors: bool,
}

impl SuggestOptions {
    /// Options that also offer tier B suggestions.
    #[must_use]
    pub const fn with_two_errors() -> Self {
        SuggestOptions {
            allow_two_errors: true,
        }
    }
}

/// One input position: a known symbol or an unreadable one (an erasure).
#[derive(Clone, Copy)]
enum Slot {
    Known(u8),
    Erased,
}

/// Suggest corrections for `text`, best first. A valid code, or text that is hopeless (empty, far
/// from 29 symbols), gets none.
#[must_use]
pub fn suggest(text: &str, options: SuggestOptions) -> Vec<Suggestion> {
    let slots: Vec<Slot> = text
        .chars()
        .filter_map(|c| match read_char(c) {
            Reading::Symbol(v) => Some(Slot::Known(v)),
            Reading::Separator => None,
            Reading::Invalid => Some(Slot::Erased),
        })
        .collect();
    let mut out = Vec::new();
    match slots.len() {
        CODE_LEN => same_length(&slots, options, &mut out),
        n if n + 1 == CODE_LEN => one_missing(&slots, &mut out),
        n if n == CODE_LEN + 1 => one_extra(&slots, &mut out),
        _ => {}
    }
    out.sort_by_key(|s| s.tier);
    // The same code can be reached by two repairs (a swap is also a two-symbol substitution):
    // keep only its best-tier entry.
    let mut seen: Vec<IdentityCode> = Vec::with_capacity(out.len());
    out.retain(|s| {
        let fresh = !seen.contains(&s.code);
        seen.push(s.code);
        fresh
    });
    out
}

fn to_word(slots: &[Slot]) -> ([u8; CODE_LEN], Vec<usize>) {
    let mut word = [0u8; CODE_LEN];
    let mut erasures = Vec::new();
    for (i, (w, s)) in word.iter_mut().zip(slots).enumerate() {
        match s {
            Slot::Known(v) => *w = *v,
            Slot::Erased => erasures.push(i),
        }
    }
    (word, erasures)
}

fn same_length(slots: &[Slot], options: SuggestOptions, out: &mut Vec<Suggestion>) {
    let (word, erasures) = to_word(slots);
    if erasures.is_empty() && rs::is_codeword(&word) {
        return;
    }
    if let Some(d) = rs::decode(&word, &erasures) {
        let mut changed = d.changed.clone();
        changed.sort_unstable();
        let code = IdentityCode::from_symbols(&d.code);
        // Tier A keeps at least two check symbols of redundancy unused, so one further error
        // beyond what was repaired is still detected rather than "corrected" into another code.
        let (tier, repair) = match (erasures.len(), d.errors) {
            (0, 1) => (Tier::A, Repair::Substitution),
            (0, _) => (Tier::B, Repair::Substitution),
            (1..=MAX_TIER_A_ERASURES, 0) => (Tier::A, Repair::ErasureFill),
            _ => (Tier::B, Repair::ErasureFill),
        };
        if tier == Tier::A || options.allow_two_errors {
            out.push(Suggestion {
                code,
                tier,
                repair,
                changed_positions: changed,
            });
        }
    }
    if erasures.is_empty() {
        for i in 0..CODE_LEN - 1 {
            let mut swapped = word;
            swapped.swap(i, i + 1);
            if swapped != word && rs::is_codeword(&swapped) {
                out.push(Suggestion {
                    code: IdentityCode::from_symbols(&swapped),
                    tier: Tier::A,
                    repair: Repair::Transposition,
                    changed_positions: vec![i, i + 1],
                });
            }
        }
    }
}

fn push_unique(hits: &mut Vec<(IdentityCode, usize)>, code: IdentityCode, position: usize) {
    if !hits.iter().any(|(c, _)| *c == code) {
        hits.push((code, position));
    }
}

fn one_missing(slots: &[Slot], out: &mut Vec<Suggestion>) {
    if slots.iter().any(|s| matches!(s, Slot::Erased)) {
        return;
    }
    let mut hits = Vec::new();
    for at in 0..=slots.len() {
        let mut with_gap: Vec<Slot> = Vec::with_capacity(CODE_LEN);
        with_gap.extend(slots.iter().take(at).copied());
        with_gap.push(Slot::Erased);
        with_gap.extend(slots.iter().skip(at).copied());
        let (word, erasures) = to_word(&with_gap);
        if let Some(d) = rs::decode(&word, &erasures).filter(|d| d.errors == 0) {
            push_unique(&mut hits, IdentityCode::from_symbols(&d.code), at);
        }
        if hits.len() > 1 {
            return;
        }
    }
    push_single(&hits, Repair::Insertion, out);
}

fn one_extra(slots: &[Slot], out: &mut Vec<Suggestion>) {
    let mut hits = Vec::new();
    for at in 0..slots.len() {
        let rest: Vec<Slot> = slots
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, s)| *s)
            .collect();
        let (word, erasures) = to_word(&rest);
        if erasures.is_empty() && rs::is_codeword(&word) {
            push_unique(&mut hits, IdentityCode::from_symbols(&word), at);
        }
        if hits.len() > 1 {
            return;
        }
    }
    push_single(&hits, Repair::Deletion, out);
}

/// A repair is offered only when exactly one position gives a codeword.
fn push_single(hits: &[(IdentityCode, usize)], repair: Repair, out: &mut Vec<Suggestion>) {
    if let [(code, at)] = hits {
        out.push(Suggestion {
            code: *code,
            tier: Tier::A,
            repair,
            changed_positions: vec![*at],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "860042A3W0F50000000012345ZAR2";

    fn first(text: &str, options: SuggestOptions) -> Option<(String, Tier, Repair, Vec<usize>)> {
        suggest(text, options)
            .into_iter()
            .next()
            .map(|s| (s.code.to_string(), s.tier, s.repair, s.changed_positions))
    }

    #[test]
    fn valid_code_gets_nothing() {
        assert!(suggest(GOOD, SuggestOptions::with_two_errors()).is_empty());
        assert!(suggest("", SuggestOptions::default()).is_empty());
    }

    #[test]
    fn each_repair_kind() {
        let d = SuggestOptions::default();
        assert_eq!(
            first("860042A3W0F50000000012345ZARX", d),
            Some((GOOD.into(), Tier::A, Repair::Substitution, vec![28]))
        );
        assert_eq!(
            first("860042A3W0F50000000021345ZAR2", d),
            Some((GOOD.into(), Tier::A, Repair::Transposition, vec![20, 21]))
        );
        assert_eq!(
            first("860042A3W0F5000000001?345ZAR2", d),
            Some((GOOD.into(), Tier::A, Repair::ErasureFill, vec![21]))
        );
        assert_eq!(
            first("860042A3W0F500000000U2345ZAR?", d),
            Some((GOOD.into(), Tier::A, Repair::ErasureFill, vec![20, 28]))
        );
        assert_eq!(
            first("860042A3W0F5000000012345ZAR2", d).map(|s| (s.0, s.2)),
            Some((GOOD.into(), Repair::Insertion))
        );
        assert_eq!(
            first("860042A3W0F500000000123457ZAR2", d),
            Some((GOOD.into(), Tier::A, Repair::Deletion, vec![25]))
        );
        // Two wrong symbols: only with the confirmation.
        assert_eq!(first("860042A3W0F50000000012399ZAR2", d), None);
        assert_eq!(
            first(
                "860042A3W0F50000000012399ZAR2",
                SuggestOptions::with_two_errors()
            ),
            Some((GOOD.into(), Tier::B, Repair::Substitution, vec![23, 24]))
        );
    }
}
