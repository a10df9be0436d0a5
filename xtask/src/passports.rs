//! `test-vectors/passports.json`: passport texts with expected verdicts and reason codes.

use std::collections::BTreeSet;

use hrid::code::IdentityCode;
use hrid::passport::{verify_passport, Passport, PassportHead, PassportOptions, PassportStatus};
use hrid::reason::ReasonCode;
use hrid::verify::{Finding, Verifier, VerifyOptions};
use serde_json::{json, Value};

use crate::world::*;

fn codes(findings: &[Finding]) -> Vec<String> {
    let set: BTreeSet<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    set.into_iter().map(str::to_owned).collect()
}

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

pub(crate) fn generate() -> Value {
    let registry = key("registry");
    let issued = AT - 10 * DAY;
    let expires = AT + 20 * DAY;
    let fresh = passport(PassportStatus::Active, issued, expires);
    let fresh_text = fresh.sign(&registry).unwrap();
    let mut cases: Vec<Case<'_>> = Vec::new();
    let mut case = |comment, flags, text: String, at, newest_seen, expected_subject, must| {
        cases.push(Case {
            list: "default",
            comment,
            flags,
            text,
            at,
            newest_seen,
            expected_subject,
            must,
        });
    };
    case(
        "a fresh passport of an active robot",
        &["valid"][..],
        fresh_text.clone(),
        AT,
        None,
        Some(code("12345")),
        ReasonCode::PassportFresh,
    );
    case(
        "a fresh passport, no code to compare with",
        &["valid"][..],
        fresh_text.clone(),
        AT,
        None,
        None,
        ReasonCode::PassportFresh,
    );
    for s in PassportStatus::ALL {
        let p = passport(*s, issued, expires);
        case(
            "every status byte",
            &["valid", "status"][..],
            p.sign(&registry).unwrap(),
            AT,
            None,
            None,
            ReasonCode::PassportFresh,
        );
    }
    let no_head = Passport {
        head: None,
        ..passport(PassportStatus::Unregistered, issued, expires)
    };
    case(
        "a passport without a history head",
        &["valid"][..],
        no_head.sign(&registry).unwrap(),
        AT,
        None,
        None,
        ReasonCode::PassportFresh,
    );
    case(
        "at the expiry second: still fresh",
        &["freshness"][..],
        fresh_text.clone(),
        expires,
        None,
        None,
        ReasonCode::PassportFresh,
    );
    case(
        "one second after expiry: stale (warning)",
        &["freshness"][..],
        fresh_text.clone(),
        expires + 1,
        None,
        None,
        ReasonCode::PassportStale,
    );
    case(
        "at the end of the grace period: stale",
        &["freshness"][..],
        fresh_text.clone(),
        expires + 7 * DAY,
        None,
        None,
        ReasonCode::PassportStale,
    );
    case(
        "after the grace period: expired",
        &["freshness"][..],
        fresh_text.clone(),
        expires + 7 * DAY + 1,
        None,
        None,
        ReasonCode::PassportExpired,
    );
    case(
        "clock set back: the device saw a later signed time, the passport is judged then",
        &["clock", "adversarial"][..],
        fresh_text.clone(),
        AT,
        Some(expires + 30 * DAY),
        None,
        ReasonCode::PassportClockSetBack,
    );
    case(
        "newest seen time earlier than the clock: no effect",
        &["clock", "valid"][..],
        fresh_text.clone(),
        AT,
        Some(AT - DAY),
        None,
        ReasonCode::PassportFresh,
    );
    case(
        "issued in the future",
        &["freshness"][..],
        fresh_text.clone(),
        issued - 3600,
        None,
        None,
        ReasonCode::PassportIssuedInFuture,
    );
    case(
        "the passport of another robot",
        &["subject", "adversarial"][..],
        fresh_text.clone(),
        AT,
        None,
        Some(code("12346")),
        ReasonCode::PassportSubjectMismatch,
    );
    // Tampering: change one character of the base32 body (the status byte's bits).
    let mut tampered: Vec<char> = fresh_text.chars().collect();
    tampered[49] = if tampered[49] == '0' { '1' } else { '0' };
    case(
        "one character of the history hash changed",
        &["tampered"][..],
        tampered.iter().collect(),
        AT,
        None,
        None,
        ReasonCode::SignatureInvalid,
    );
    let mut sig_changed: Vec<char> = fresh_text.chars().collect();
    let last = sig_changed.len() - 3;
    sig_changed[last] = if sig_changed[last] == 'A' { 'B' } else { 'A' };
    case(
        "one character of the signature changed",
        &["tampered"][..],
        sig_changed.iter().collect(),
        AT,
        None,
        None,
        ReasonCode::SignatureInvalid,
    );
    case(
        "signed by a manufacturer, not the registry",
        &["signer"][..],
        fresh.sign(&key("acme")).unwrap(),
        AT,
        None,
        None,
        ReasonCode::SignerUnknown,
    );
    case(
        "signed by an unknown key",
        &["signer"][..],
        fresh.sign(&stranger()).unwrap(),
        AT,
        None,
        None,
        ReasonCode::SignerUnknown,
    );
    case(
        "lower case",
        &["encoding"][..],
        fresh_text.to_lowercase(),
        AT,
        None,
        None,
        ReasonCode::PassportMalformed,
    );
    case(
        "wrong prefix",
        &["encoding"][..],
        fresh_text.replacen("HP1:", "HP2:", 1),
        AT,
        None,
        None,
        ReasonCode::PassportMalformed,
    );
    case(
        "one character missing",
        &["encoding"][..],
        fresh_text[..fresh_text.len() - 1].to_owned(),
        AT,
        None,
        None,
        ReasonCode::PassportMalformed,
    );
    let mut pad: Vec<char> = fresh_text.chars().collect();
    let n = pad.len() - 1;
    pad[n] = 'Z';
    case(
        "non-zero padding bits in the last character",
        &["encoding"][..],
        pad.iter().collect(),
        AT,
        None,
        None,
        ReasonCode::PassportMalformed,
    );
    // A frame of version 2, correctly signed.
    let v2 = {
        let mut frame = fresh
            .signed_bytes(hrid::passport::key_hint(&registry.verifying_key()))
            .unwrap();
        frame[0] = 2;
        let sig = registry.sign(&hrid::envelope::pae(
            "application/vnd.hrid.passport.v1",
            &frame,
        ));
        frame.extend_from_slice(&sig);
        format!("HP1:{}", base32_encode(&frame))
    };
    case(
        "an unknown frame version",
        &["encoding"][..],
        v2,
        AT,
        None,
        None,
        ReasonCode::PassportVersionUnknown,
    );
    case(
        "a trust list that has expired beyond its grace",
        &["indeterminate"][..],
        fresh_text.clone(),
        T0 + 800 * DAY,
        None,
        None,
        ReasonCode::TrustListExpired,
    );

    // The registry's key reported compromised from `compromised` (list `registry_compromised`):
    // a passport it signed before then still verifies, with the warning; one signed at or after
    // that time is rejected whatever it says.
    let compromised = issued + 5 * DAY;
    let before = fresh_text.clone();
    let at_compromise = passport(PassportStatus::Active, compromised, expires)
        .sign(&registry)
        .unwrap();
    cases.push(Case {
        list: "registry_compromised",
        comment: "a passport signed before its registry key was reported compromised: accepted, with key.compromised_later",
        flags: &["key", "compromised_later"][..],
        text: before,
        at: AT,
        newest_seen: None,
        expected_subject: None,
        must: ReasonCode::KeyCompromisedLater,
    });
    cases.push(Case {
        list: "registry_compromised",
        comment:
            "a passport issued exactly when its registry key was reported compromised: rejected",
        flags: &["key", "compromised", "adversarial"][..],
        text: at_compromise,
        at: AT,
        newest_seen: None,
        expected_subject: None,
        must: ReasonCode::KeyCompromised,
    });
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
            "expected": {
                "verdict": r.verdict.as_str(),
                "failures": codes(&r.failures),
                "warnings": codes(&r.warnings),
                "passed": codes(&r.passed),
                "status": r.passport.as_ref().map(|p| p.status.as_str()),
                "subject": r.passport.as_ref().map(|p| p.subject.clone()),
                "head_seq": r.passport.as_ref().and_then(|p| p.head_seq),
            },
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

fn base32_encode(bytes: &[u8]) -> String {
    const A: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0);
    for b in bytes {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(A[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(A[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
