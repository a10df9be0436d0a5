//! Property tests of the code parser: it never panics, and what it formats parses back.

// All of this file is test code, helpers included: clippy.toml's allow-*-in-tests (unwrap,
// expect, panic, indexing) covers what is under cfg(test).
#![cfg(test)]

use hrid::code::{self, IdentityCode};
use proptest::prelude::*;

fn symbol() -> impl Strategy<Value = char> {
    proptest::sample::select(
        b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"
            .iter()
            .map(|&b| char::from(b))
            .collect::<Vec<_>>(),
    )
}

fn symbols(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(symbol(), n).prop_map(|v| v.into_iter().collect())
}

fn valid_code() -> impl Strategy<Value = IdentityCode> {
    (symbols(2), symbols(4), symbols(6), symbols(13))
        .prop_map(|(c, m, p, u)| IdentityCode::from_fields(&c, &m, &p, &u).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,64}") {
        let _ = code::validate(&s);
        let _ = code::is_valid(&s);
        let _ = code::compact(&s);
        let _ = code::suggest(&s, code::SuggestOptions::with_two_errors());
        let _ = code::find(&s);
        let _ = code::check(&s, code::CheckOptions::default());
    }

    #[test]
    fn never_panics_on_code_like_text(s in "[0-9A-Za-z?U\\- ]{20,40}") {
        let report = code::check(&s, code::CheckOptions::default());
        prop_assert_eq!(report.valid, code::is_valid(&s));
        for fix in code::suggest(&s, code::SuggestOptions::with_two_errors()) {
            prop_assert!(code::is_valid(fix.code.as_str()));
        }
    }

    #[test]
    fn formats_parse_back(code in valid_code()) {
        for spelling in [
            code.to_string(),
            code.display_form(),
            format!("{code:#}"),
            code.as_str().to_ascii_lowercase(),
            code.display_form().replace('-', " "),
            code.as_str().replace('1', "I").replace('0', "o"),
        ] {
            prop_assert_eq!(IdentityCode::parse(&spelling).unwrap(), code);
            prop_assert_eq!(code::compact(&spelling).unwrap(), code.to_string());
        }
        let json = serde_json::to_string(&code).unwrap();
        prop_assert_eq!(serde_json::from_str::<IdentityCode>(&json).unwrap(), code);
        let rebuilt = IdentityCode::from_fields(code.country(), code.manufacturer(), code.model(), code.unit()).unwrap();
        prop_assert_eq!(rebuilt, code);
    }

    #[test]
    fn found_in_any_surrounding_text(code in valid_code(), before in "[a-z ,.]{0,20}", after in "[a-z ,.]{0,20}") {
        let text = format!("{before} {} {after}", code.display_form());
        let scan = code::find(&text);
        prop_assert!(scan.found.iter().any(|f| f.code == code));
    }

    #[test]
    fn invalid_character_position_points_at_it(code in valid_code(), p in 0usize..29, bad in "[^0-9A-Za-z\\- ]") {
        let mut chars: Vec<char> = code.as_str().chars().collect();
        chars[p] = bad.chars().next().unwrap();
        let text: String = chars.into_iter().collect();
        let err = code::validate(&text).unwrap_err();
        prop_assert_eq!(err.code(), "code.invalid_character");
        prop_assert_eq!(err.position(), Some(p));
    }
}
