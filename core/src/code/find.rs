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
    /// Code-like text that does not verify, in text order.
    pub near_misses: Vec<NearMiss>,
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

fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    let mut gap: Vec<char> = Vec::new();
    for (char_index, (byte, c)) in text.char_indices().enumerate() {
        if c.is_ascii_alphanumeric() {
            match current.as_mut() {
                Some(t) => {
                    t.end = char_index + 1;
                    t.byte_end = byte + c.len_utf8();
                }
                None => {
                    let joiner = match (out.last(), gap.as_slice()) {
                        (Some(_), [sep @ ('-' | ' ')]) => Some(*sep),
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
            if let Some(t) = current.take() {
                out.push(t);
                gap.clear();
            }
            gap.push(c);
        }
    }
    out.extend(current);
    out
}

/// Find every valid code in `text`, and the near misses.
#[must_use]
pub fn find(text: &str) -> Scan {
    let toks = tokens(text);
    let mut scan = Scan::default();
    let mut k = 0usize;
    while let Some(first) = toks.get(k) {
        let mut symbols = 0usize;
        let mut consumed = None;
        let mut near = None;
        let mut all_hyphens = true;
        for (j, t) in toks.iter().enumerate().skip(k) {
            if j > k {
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
            if symbols == LENGTH {
                if let Ok(code) = IdentityCode::parse(written) {
                    scan.found.push(Found {
                        code,
                        span,
                        text: written.to_owned(),
                    });
                    consumed = Some(j);
                    break;
                }
            }
            let digits = written.chars().filter(char::is_ascii_digit).count();
            if symbols + 1 >= LENGTH && (j == k || all_hyphens) && digits >= 3 && near.is_none() {
                if let Err(error) = IdentityCode::parse(written) {
                    near = Some((
                        j,
                        NearMiss {
                            text: written.to_owned(),
                            span,
                            error,
                            suggestions: suggest(written, SuggestOptions::default()),
                        },
                    ));
                }
            }
        }
        match (consumed, near) {
            (Some(j), _) => k = j + 1,
            (None, Some((j, miss))) => {
                scan.near_misses.push(miss);
                k = j + 1;
            }
            (None, None) => k += 1,
        }
    }
    scan
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
    fn plain_prose_has_no_near_misses() {
        let scan = find("the quick brown fox jumps over the lazy dog and then some more words 123");
        assert!(scan.found.is_empty() && scan.near_misses.is_empty());
    }
}
