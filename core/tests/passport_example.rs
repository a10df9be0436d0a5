//! The worked example of docs/passport.md, byte for byte.

use hrid::keys::SigningKey;
use hrid::passport::{key_hint, Passport, PassportHead, PassportStatus};

#[test]
fn worked_example() {
    let registry = SigningKey::from_seed([3; 32]);
    let passport = Passport {
        subject: "860042A3W0F50000000012345ZAR2".parse().unwrap(),
        status: PassportStatus::Active,
        head: Some(PassportHead {
            seq: 7,
            hash_prefix: *b"\x9a\x1f\x00\x42\x77\x10\xee\x01\x23\x45\x67\x89\xab\xcd\xef\x00",
        }),
        issued_at: 1_767_225_600,
        expires_at: 1_769_817_600,
    };
    let hint = key_hint(&registry.verifying_key());
    let signed = passport.signed_bytes(hint).unwrap();
    let text = passport.sign(&registry).unwrap();
    assert_eq!(
        registry.verifying_key().to_hex(),
        "ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1"
    );
    assert_eq!(registry.key_id().as_str(), "M0C5WYBVZ81TQQ7A");
    assert_eq!(hex::encode(hint), "a0185e79");
    assert_eq!(
        hex::encode(&signed),
        "0101\
         4180020943e01e50000000000088642fd58100\
         00000007\
         9a1f00427710ee0123456789abcdef00\
         6955b900\
         697d4600\
         a0185e79"
    );
    assert_eq!(
        text,
        "HP1:040M3002151Y07JG00000000H1J2ZNC100000007K8FG0GKQ23Q028T5CY4TQKFF01MNBE80D5YMC05031F7K2T9MQYGE6MBD2F5P4G7KSDTD3S1EQAX8R7BQZ71D6NX523QVWVQ0KWGP5DY0W5V8XFA4AD25X7JH6YPRZ6P6KFDSH4PD9MD9AH6JR40"
    );
    assert_eq!(Passport::parse(&text).unwrap().passport, passport);
    assert_eq!(signed.len(), 53);
    assert_eq!(text.len(), 192);
}
