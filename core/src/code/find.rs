//! Finding identity codes in free text: a marketplace listing, an e-mail, a spreadsheet cell.
//!
//! A candidate is a run of ASCII letters and digits, or several such runs joined by single hyphens
//! or spaces, holding 29 symbols in all. Valid candidates are reported in [`Scan::found`]; a
//! candidate that looks like a code (one run, or hyphen-joined runs, of 28 to 30 symbols with at
//! least three digits) but does not verify is reported in [`Scan::near_misses`] with its error
//! and tier-A suggestions. A code glued to other letters or digits is not a candidate.

use super::suggest::{suggest, SuggestOptions, Suggestion};
use super::{CodeError, IdentityCode, LENGTH};

/// Where in the text a match stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Span {
    /// Zero-based index of the first character (Unicode scalar value).
    pub start: usize,
    /// Index one past the last character.
    pub end: usize,
    /// Byte offset of the first character in the UTF-8 text.
    pub byte_start: usize,
    /// Byte offset one past the last character.
    pub byte_end: usize,
}

/// A valid code found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Found {
    /// The code.
    pub code: IdentityCode,
    /// Where it stands.
    pub span: Span,
    /// The text as written.
    pub text: String,
}

/// Something that looks like a code but is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct NearMiss {
    /// The text as written.
    pub text: String,
    /// Where it stands.
    pub span: Span,
    /// Why it is not valid.
    pub error: CodeError,
    /// Tier-A suggestions, best first (possibly none).
    pub suggestions: Vec<Suggestion>,
}

/// The result of [`find`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[non_exhaustive]
pub struct Scan {
    /// Valid codes, in text order.
    pub found: Vec<Found>,
    /// Code-like text that does not verify, in text order: the first [`MAX_NEAR_MISSES`].
    pub near_misses: Vec<NearMiss>,
    /// Near misses beyond [`MAX_NEAR_MISSES`], counted and not reported.
    pub near_misses_omitted: u64,
}

/// A run of ASCII alphanumerics.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    /// Joined to the previous token by a single separator, and which one.
    joiner: Option<char>,
}

/// The runs of ASCII alphanumerics of a text, one at a time: [`find`] holds a window of at most
/// [`WINDOW`] of them, never the text's whole list.
struct Tokens<'a> {
    chars: core::iter::Enumerate<core::str::CharIndices<'a>>,
    /// The separators since the last run (only whether it is exactly one `-` or space matters).
    gap: Gap,
    /// Whether a run was seen before.
    seen: bool,
}

/// The separators between two runs: none yet, exactly one (which), or more.
#[derive(Clone, Copy)]
enum Gap {
    Empty,
    One(char),
    More,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let mut current: Option<Token> = None;
        for (char_index, (byte, c)) in self.chars.by_ref() {
            if c.is_ascii_alphanumeric() {
                match current.as_mut() {
                    Some(t) => {
                        t.end = char_index + 1;
                        t.byte_end = byte + c.len_utf8();
                    }
                    None => {
                        let joiner = match (self.seen, self.gap) {
                            (true, Gap::One(sep @ ('-' | ' '))) => Some(sep),
                            _ => None,
                        };
                        current = Some(Token {
                            start: char_index,
                            end: char_index + 1,
                            byte_start: byte,
                            byte_end: byte + 1,
                            joiner,
                        });
                    }
                }
            } else {
                let gap = self.gap;
                self.gap = match (current.is_some(), gap) {
                    (true, _) | (false, Gap::Empty) => Gap::One(c),
                    (false, _) => Gap::More,
                };
                if current.is_some() {
                    self.seen = true;
                    return current;
                }
            }
        }
        if current.is_some() {
            self.seen = true;
        }
        current
    }
}

/// The most runs a candidate can join: each run holds at least one symbol, and a candidate at
/// most `LENGTH + 1`.
const WINDOW: usize = LENGTH + 2;

/// How many near misses [`find`] reports with their error and suggestions; beyond it they are
/// only counted ([`Scan::near_misses_omitted`]). Suggestions cost a few hundred checks each, so
/// this bounds the work and the memory a hostile text can demand (docs/limits.md).
pub const MAX_NEAR_MISSES: usize = 1_000;

/// What [`find_each`] reports, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A valid code.
    Found(Found),
    /// Code-like text that does not verify: one of the first [`MAX_NEAR_MISSES`], in full.
    NearMiss(NearMiss),
    /// A near miss beyond the first [`MAX_NEAR_MISSES`], counted and not described.
    NearMissOmitted,
}

/// Find every valid code in `text`, and the near misses (the first [`MAX_NEAR_MISSES`] of them
/// in full). One pass over the text, holding a window of [`WINDOW`] runs: time linear in the
/// text, memory in what is found ([`find_each`] holds nothing).
#[must_use]
pub fn find(text: &str) -> Scan {
    let mut scan = Scan::default();
    find_each(text, |hit| match hit {
        Hit::Found(f) => scan.found.push(f),
        Hit::NearMiss(m) => scan.near_misses.push(m),
        Hit::NearMissOmitted => {
            scan.near_misses_omitted = scan.near_misses_omitted.saturating_add(1);
        }
    });
    scan
}

/// [`find`], handing each hit to `on_hit` as it is found instead of collecting them: memory
/// bounded by the window whatever the text holds (a command line streams its output with it).
pub fn find_each(text: &str, mut on_hit: impl FnMut(Hit)) {
    let mut toks = Tokens {
        chars: text.char_indices().enumerate(),
        gap: Gap::Empty,
        seen: false,
    };
    let mut window: std::collections::VecDeque<Token> = std::collections::VecDeque::new();
    let mut near_misses = 0usize;
    loop {
        while window.len() < WINDOW {
            match toks.next() {
                Some(t) => window.push_back(t),
                None => break,
            }
        }
        if window.is_empty() {
            return;
        }
        let used = candidate_at(text, &window, &mut near_misses, &mut on_hit);
        window.drain(..used.min(window.len()).max(1));
    }
}

/// The candidate that starts at the window's first run: a valid code (pushed to `found`), a
/// near miss, or nothing. Returns how many runs it used (at least one).
fn candidate_at(
    text: &str,
    window: &std::collections::VecDeque<Token>,
    near_misses: &mut usize,
    on_hit: &mut impl FnMut(Hit),
) -> usize {
    let Some(first) = window.front() else {
        return 1;
    };
    let mut symbols = 0usize;
    let mut digits = 0usize;
    let mut near: Option<(usize, Span, &str, Option<CodeError>)> = None;
    let mut all_hyphens = true;
    for (j, t) in window.iter().enumerate() {
        if j > 0 {
            match t.joiner {
                Some('-') => {}
                Some(_) => all_hyphens = false,
                None => break,
            }
        }
        symbols += t.end - t.start;
        if symbols > LENGTH + 1 {
            break;
        }
        let span = Span {
            start: first.start,
            end: t.end,
            byte_start: first.byte_start,
            byte_end: t.byte_end,
        };
        let written = text.get(span.byte_start..span.byte_end).unwrap_or_default();
        digits += text
            .get(t.byte_start..t.byte_end)
            .unwrap_or_default()
            .bytes()
            .filter(u8::is_ascii_digit)
            .count();
        let mut error = None;
        if symbols == LENGTH {
            match IdentityCode::parse(written) {
                Ok(code) => {
                    on_hit(Hit::Found(Found {
                        code,
                        span,
                        text: written.to_owned(),
                    }));
                    return j + 1;
                }
                Err(e) => error = Some(e),
            }
        }
        if symbols + 1 >= LENGTH && (j == 0 || all_hyphens) && digits >= 3 && near.is_none() {
            near = Some((j, span, written, error));
        }
    }
    let Some((j, span, written, parsed)) = near else {
        return 1;
    };
    let error = match parsed {
        Some(e) => e,
        None => match IdentityCode::parse(written) {
            Err(e) => e,
            Ok(_) => return 1,
        },
    };
    if *near_misses < MAX_NEAR_MISSES {
        *near_misses += 1;
        on_hit(Hit::NearMiss(NearMiss {
            text: written.to_owned(),
            span,
            error,
            suggestions: suggest(written, SuggestOptions::default()),
        }));
    } else {
        on_hit(Hit::NearMissOmitted);
    }
    j + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_in_every_spelling() {
        let text = "Robot 860042A3W0F50000000012345ZAR2 for sale; also 86-0042-a3w0f5-0000000012345-zar2, \
                    and 867K2QHX1 00000000000000A7 K4DC (spaces). Not: X860042A3W0F50000000012345ZAR2.";
        let scan = find(text);
        let codes: Vec<_> = scan.found.iter().map(|f| f.code.to_string()).collect();
        assert_eq!(
            codes,
            [
                "860042A3W0F50000000012345ZAR2",
                "860042A3W0F50000000012345ZAR2",
                "867K2QHX100000000000000A7K4DC"
            ]
        );
        let f = &scan.found[1];
        assert_eq!(
            &text[f.span.byte_start..f.span.byte_end],
            "86-0042-a3w0f5-0000000012345-zar2"
        );
        assert_eq!(f.span.end - f.span.start, 33);
    }

    #[test]
    fn reports_near_misses_with_suggestions() {
        let text =
            "Listing: 86-0042-A3W0F5-0000000012345-ZARX — café ümlaut 860042A3W0F5000000001234ZAR2";
        let scan = find(text);
        assert!(scan.found.is_empty());
        assert_eq!(scan.near_misses.len(), 2);
        let miss = &scan.near_misses[0];
        assert_eq!(miss.error.code(), "code.check_failed");
        assert_eq!(
            miss.suggestions[0].code.to_string(),
            "860042A3W0F50000000012345ZAR2"
        );
        let miss = &scan.near_misses[1];
        assert_eq!(miss.error.code(), "code.wrong_length");
        assert_eq!(miss.span.end - miss.span.start, 28);
        assert_eq!(
            &text[miss.span.byte_start..miss.span.byte_end],
            "860042A3W0F5000000001234ZAR2"
        );
    }

    #[test]
    fn near_misses_beyond_the_cap_are_counted_not_reported() {
        // 1,500 code-like runs that do not verify, one per line.
        let text = "860042A3W0F50000000012345ZARX\n".repeat(MAX_NEAR_MISSES + 500);
        let scan = find(&text);
        assert!(scan.found.is_empty());
        assert_eq!(scan.near_misses.len(), MAX_NEAR_MISSES);
        assert_eq!(scan.near_misses_omitted, 500);
        // A valid code after them is still found, at its place.
        let tail = format!("{text}and 860042A3W0F50000000012345ZAR2.");
        let scan = find(&tail);
        assert_eq!(scan.found.len(), 1);
        assert_eq!(scan.found[0].span.byte_start, text.len() + 4);
    }

    #[test]
    fn runs_joined_by_single_separators_only() {
        // Two separators between runs break a candidate; one hyphen or space joins.
        let scan = find("86-0042-A3W0F5--0000000012345-ZAR2 86 0042 A3W0F5 0000000012345 ZAR2");
        let codes: Vec<_> = scan.found.iter().map(|f| f.span.start).collect();
        assert_eq!(codes, [35]);
    }

    #[test]
    fn plain_prose_has_no_near_misses() {
        let scan = find("the quick brown fox jumps over the lazy dog and then some more words 123");
        assert!(scan.found.is_empty() && scan.near_misses.is_empty());
    }
}
