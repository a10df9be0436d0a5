//! `test-vectors/passports.json`: passport texts with expected verdicts and reason codes.

use hrid::code::IdentityCode;
use hrid::passport::{verify_passport, Passport, PassportHead, PassportOptions, PassportStatus};
use hrid::reason::ReasonCode;
use hrid::verify::{Verifier, VerifyOptions};
use serde_json::{json, Value};

use crate::world::*;

fn passport(status: PassportStatus, issued_at: i64, expires_at: i64) -> Passport {
    Passport {
        subject: code("12345"),
        status,
        head: Some(PassportHead {
            seq: 11,
            hash_prefix: [0x5a; 16],
        }),
        issued_at,
        expires_at,
    }
}

struct Case<'a> {
    /// The trust list's name in the file's `trust_lists`.
    list: &'static str,
    comment: &'a str,
    flags: &'a [&'a str],
    text: String,
    at: i64,
    newest_seen: Option<i64>,
    expected_subject: Option<IdentityCode>,
    must: ReasonCode,
}

impl<'a> Case<'a> {
    /// A case on the default trust list, with no newest seen time and no expected subject.
    fn new(
        comment: &'a str,
        flags: &'a [&'a str],
        text: String,
        at: i64,
        must: ReasonCode,
    ) -> Case<'a> {
        Case {
            list: "default",
            comment,
            flags,
            text,
            at,
            newest_seen: None,
            expected_subject: None,
            must,
        }
    }
}

/// `text` with its character at `index` replaced by `a`, or by `b` where it already is `a`.
fn flip(text: &str, index: usize, a: char, b: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars[index] = if chars[index] == a { b } else { a };
    chars.into_iter().collect()
}

pub(crate) fn generate() -> Value {
    let registry = key("registry");
    let issued = AT - 10 * DAY;
    let expires = AT + 20 * DAY;
    let fresh = passport(PassportStatus::Active, issued, expires);
    let fresh_text = fresh.sign(&registry).unwrap();
    let fresh_at = |comment: &'static str, flags: &'static [&'static str], at: i64, must| {
        Case::new(comment, flags, fresh_text.clone(), at, must)
    };
    let mut cases = vec![
        Case {
            expected_subject: Some(code("12345")),
            ..fresh_at(
                "a fresh passport of an active robot",
                &["valid"],
                AT,
                ReasonCode::PassportFresh,
            )
        },
        fresh_at(
            "a fresh passport, no code to compare with",
            &["valid"],
            AT,
            ReasonCode::PassportFresh,
        ),
    ];
    for s in PassportStatus::ALL {
        let text = passport(*s, issued, expires).sign(&registry).unwrap();
        let case = Case::new(
            "every status byte",
            &["valid", "status"],
            text,
            AT,
            ReasonCode::PassportFresh,
        );
        cases.push(case);
    }
    let no_head = Passport {
        head: None,
        ..passport(PassportStatus::Unregistered, issued, expires)
    };
    cases.push(Case::new(
        "a passport without a history head",
        &["valid"],
        no_head.sign(&registry).unwrap(),
        AT,
        ReasonCode::PassportFresh,
    ));
    for (comment, at, must) in [
        (
            "at the expiry second: still fresh",
            expires,
            ReasonCode::PassportFresh,
        ),
        (
            "one second after expiry: stale (warning)",
            expires + 1,
            ReasonCode::PassportStale,
        ),
        (
            "at the end of the grace period: stale",
            expires + 7 * DAY,
            ReasonCode::PassportStale,
        ),
        (
            "after the grace period: expired",
            expires + 7 * DAY + 1,
            ReasonCode::PassportExpired,
        ),
    ] {
        cases.push(fresh_at(comment, &["freshness"], at, must));
    }
    cases.push(Case {
        newest_seen: Some(expires + 30 * DAY),
        ..fresh_at(
            "clock set back: the device saw a later signed time, the passport is judged then",
            &["clock", "adversarial"],
            AT,
            ReasonCode::PassportClockSetBack,
        )
    });
    cases.push(Case {
        newest_seen: Some(AT - DAY),
        ..fresh_at(
            "newest seen time earlier than the clock: no effect",
            &["clock", "valid"],
            AT,
            ReasonCode::PassportFresh,
        )
    });
    cases.push(fresh_at(
        "issued in the future",
        &["freshness"],
        issued - 3600,
        ReasonCode::PassportIssuedInFuture,
    ));
    cases.push(Case {
        expected_subject: Some(code("12346")),
        ..fresh_at(
            "the passport of another robot",
            &["subject", "adversarial"],
            AT,
            ReasonCode::PassportSubjectMismatch,
        )
    });
    // Tampering: change one character of the base32 body (the status byte's bits), then one of
    // the signature; sign with keys that may not sign passports; break the text encoding.
    let last = fresh_text.chars().count() - 1;
    for (comment, flags, text, must) in [
        (
            "one character of the history hash changed",
            &["tampered"],
            flip(&fresh_text, 49, '0', '1'),
            ReasonCode::SignatureInvalid,
        ),
        (
            "one character of the signature changed",
            &["tampered"],
            flip(&fresh_text, last - 2, 'A', 'B'),
            ReasonCode::SignatureInvalid,
        ),
        (
            "signed by a manufacturer, not the registry",
            &["signer"],
            fresh.sign(&key("acme")).unwrap(),
            ReasonCode::SignerUnknown,
        ),
        (
            "signed by an unknown key",
            &["signer"],
            fresh.sign(&stranger()).unwrap(),
            ReasonCode::SignerUnknown,
        ),
        (
            "lower case",
            &["encoding"],
            fresh_text.to_lowercase(),
            ReasonCode::PassportMalformed,
        ),
        (
            "wrong prefix",
            &["encoding"],
            fresh_text.replacen("HP1:", "HP2:", 1),
            ReasonCode::PassportMalformed,
        ),
        (
            "one character missing",
            &["encoding"],
            fresh_text[..last].to_owned(),
            ReasonCode::PassportMalformed,
        ),
        (
            "non-zero padding bits in the last character",
            &["encoding"],
            format!("{}Z", &fresh_text[..last]),
            ReasonCode::PassportMalformed,
        ),
    ] {
        cases.push(Case::new(comment, flags, text, AT, must));
    }
    // A frame of version 2, correctly signed.
    let v2 = {
        let mut frame = fresh
            .signed_bytes(hrid::passport::key_hint(&registry.verifying_key()))
            .unwrap();
        frame[0] = 2;
        hrid::passport::sign_frame(frame, &registry)
    };
    cases.push(Case::new(
        "an unknown frame version",
        &["encoding"],
        v2,
        AT,
        ReasonCode::PassportVersionUnknown,
    ));
    cases.push(fresh_at(
        "a trust list that has expired beyond its grace",
        &["indeterminate"],
        T0 + 800 * DAY,
        ReasonCode::TrustListExpired,
    ));

    // The registry's key reported compromised from `compromised` (list `registry_compromised`):
    // a passport it signed before then still verifies, with the warning; one signed at or after
    // that time is rejected whatever it says.
    let compromised = issued + 5 * DAY;
    let at_compromise = passport(PassportStatus::Active, compromised, expires)
        .sign(&registry)
        .unwrap();
    cases.push(Case {
        list: "registry_compromised",
        ..fresh_at(
            "a passport signed before its registry key was reported compromised: accepted, with key.compromised_later",
            &["key", "compromised_later"],
            AT,
            ReasonCode::KeyCompromisedLater,
        )
    });
    cases.push(Case {
        list: "registry_compromised",
        ..Case::new(
            "a passport issued exactly when its registry key was reported compromised: rejected",
            &["key", "compromised", "adversarial"],
            at_compromise,
            AT,
            ReasonCode::KeyCompromised,
        )
    });
    // The lifetime bound (docs/passport.md section 4, step 8a): 90 days at most. A longer one
    // cannot come from the issuer, so it is signed as raw frame bytes.
    let lifetime = |days_and_secs: i64| {
        let mut frame = passport(PassportStatus::Active, AT - DAY, AT)
            .signed_bytes(hrid::passport::key_hint(&registry.verifying_key()))
            .unwrap();
        let expires = u32::try_from(AT - DAY + days_and_secs).unwrap();
        frame[45..49].copy_from_slice(&expires.to_be_bytes());
        hrid::passport::sign_frame(frame, &registry)
    };
    cases.push(Case::new(
        "valid for exactly 90 days: the longest lifetime allowed",
        &["lifetime", "valid"],
        lifetime(90 * DAY),
        AT,
        ReasonCode::PassportFresh,
    ));
    cases.push(Case::new(
        "valid for 90 days and one second: too long",
        &["lifetime"],
        lifetime(90 * DAY + 1),
        AT,
        ReasonCode::PassportLifetimeTooLong,
    ));
    cases.push(Case::new(
        "valid for ten years, as a stolen registry key would sign it: too long",
        &["lifetime", "adversarial"],
        lifetime(3_650 * DAY),
        AT,
        ReasonCode::PassportLifetimeTooLong,
    ));
    let lists = [
        ("default", trust_list()),
        (
            "registry_compromised",
            trust_list_compromising("registry", compromised),
        ),
    ];

    let mut out = Vec::new();
    for (i, c) in cases.into_iter().enumerate() {
        let list = lists
            .iter()
            .find(|(name, _)| *name == c.list)
            .map(|(_, l)| l)
            .unwrap();
        let verifier = Verifier::new(
            verified_list_of(list, c.at.min(AT)),
            VerifyOptions::default(),
        );
        let options = PassportOptions {
            newest_seen: c.newest_seen,
            expected_subject: c.expected_subject,
            ..PassportOptions::default()
        };
        let r = verify_passport(&verifier, &c.text, c.at, &options);
        assert!(
            r.codes().contains(&c.must),
            "{}: {:?}",
            c.comment,
            r.codes()
        );
        out.push(json!({
            "tcId": i + 1,
            "comment": c.comment,
            "flags": c.flags,
            "trust_list": c.list,
            "trust_list_at": c.at.min(AT),
            "at": c.at,
            "newest_seen": c.newest_seen,
            "expected_subject": c.expected_subject.map(|s| s.to_string()),
            "passport": c.text,
            "expected": expected(&r, json!({
                "verdict": r.verdict.as_str(),
                "status": r.passport.as_ref().map(|p| p.status.as_str()),
                "subject": r.passport.as_ref().map(|p| p.subject.clone()),
                "head_seq": r.passport.as_ref().and_then(|p| p.head_seq),
            })),
        }));
    }
    json!({
        "algorithm": "hrid-passport-v1",
        "generator": "cargo xtask vectors (xtask/src/passports.rs)",
        "schema": "see docs/passport.md, section 6",
        "numberOfTests": out.len(),
        "notes": {
            "valid": "an authentic, current passport",
            "status": "each status byte 0 to 6",
            "freshness": "fresh until expires_at, stale (warning) within the grace of 604800 seconds, then expired",
            "clock": "the caller passes the newest signed time it has seen (newest_seen); a clock behind it was set back",
            "subject": "the caller passes the code of the robot in front of it (expected_subject)",
            "tampered": "a changed frame or signature: the signature fails",
            "signer": "only keys of participants with the registry role sign passports",
            "encoding": "prefix, length, alphabet, canonical base32, version",
            "lifetime": "expires_at - issued_at at most 90 days (7,776,000 seconds)",
            "indeterminate": "the trust list expired beyond its grace: neither accepted nor rejected",
            "adversarial": "a case for an attack listed in hardening issue #9; docs/threat-model.md maps each to its adversary",
            "key": "the key rule (docs/attestations.md): the registry key valid at issued_at, not compromised then",
            "compromised_later": "signed before the key's compromised_since: accepted with the warning key.compromised_later",
            "compromised": "signed at or after the key's compromised_since: rejected",
        },
        "trust_lists": {
            "default": trust_entry(),
            "registry_compromised": trust_entry_of(&lists[1].1),
        },
        "registry_key": {"public_key": registry.verifying_key().to_hex(), "key_hint": hex_of(&hrid::passport::key_hint(&registry.verifying_key()))},
        "cases": out,
    })
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
