//! Strict Ed25519, held to third-party vectors through hrid's own key API.
//!
//! Vectors are read from `$HRID_SHARED_VECTORS` or `../shared/vectors` beside the workspace
//! (see that folder's README for provenance). When absent each test writes a line
//! `SKIPPED: ed25519_external::<test>: ...` to stderr (counted by `scripts/test-all.sh`) and
//! returns, except under `CI=true`, where it fails.

use hrid::keys::{SigningKey, VerifyingKey};

mod common;
use common::{read, read_in, read_json, vectors_dir};

/// Accept exactly when the key imports and the strict verification succeeds.
fn accepts(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    match VerifyingKey::from_bytes(public_key) {
        Ok(k) => k.verify(message, signature).is_ok(),
        Err(_) => false,
    }
}

#[test]
fn wycheproof_151_of_151() {
    let Some(doc) = read_json::<serde_json::Value>("wycheproof/ed25519_test.json") else {
        return;
    };
    let mut run = 0usize;
    let mut disagreements = Vec::new();
    for group in doc["testGroups"].as_array().unwrap() {
        let pk = hex::decode(group["publicKey"]["pk"].as_str().unwrap()).unwrap();
        for t in group["tests"].as_array().unwrap() {
            let msg = hex::decode(t["msg"].as_str().unwrap()).unwrap();
            let sig = hex::decode(t["sig"].as_str().unwrap()).unwrap();
            let expected = match t["result"].as_str().unwrap() {
                "valid" => true,
                "invalid" => false,
                other => panic!("unexpected result {other}"),
            };
            if accepts(&pk, &msg, &sig) != expected {
                disagreements.push(t["tcId"].as_u64().unwrap());
            }
            run += 1;
        }
    }
    assert_eq!(run, 151);
    assert_eq!(run as u64, doc["numberOfTests"].as_u64().unwrap());
    assert!(
        disagreements.is_empty(),
        "disagree on tcIds {disagreements:?}"
    );
}

#[test]
fn speccheck_only_case_3_is_accepted() {
    let Some(cases) = read_json::<Vec<serde_json::Value>>("ed25519-speccheck/cases.json") else {
        return;
    };
    assert_eq!(cases.len(), 12);
    // ed25519-dalek verify_strict's row of the table in shared/vectors/README.md.
    let expected = [
        false, false, false, true, false, false, false, false, false, false, false, false,
    ];
    let got: Vec<bool> = cases
        .iter()
        .map(|c| {
            let h = |k: &str| hex::decode(c[k].as_str().unwrap()).unwrap();
            accepts(&h("pub_key"), &h("message"), &h("signature"))
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn djb_sign_input_1024_lines_sign_identically_and_verify() {
    let Some(bytes) = read("djb-ed25519/sign.input") else {
        return;
    };
    let text = String::from_utf8(bytes).unwrap();
    let mut run = 0usize;
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split(':').collect();
        assert_eq!(fields.len(), 5, "line {n}");
        let sk = hex::decode(fields[0]).unwrap();
        let pk = hex::decode(fields[1]).unwrap();
        let msg = hex::decode(fields[2]).unwrap();
        let sig_msg = hex::decode(fields[3]).unwrap();
        let seed: [u8; 32] = sk[..32].try_into().unwrap();
        let key = SigningKey::from_seed(seed);
        assert_eq!(
            key.verifying_key().to_bytes().as_slice(),
            &pk[..],
            "line {n}"
        );
        assert_eq!(&sk[32..], &pk[..], "line {n}");
        let sig = key.sign(&msg);
        assert_eq!(&sig[..], &sig_msg[..64], "line {n}");
        assert_eq!(&sig_msg[64..], &msg[..], "line {n}");
        let public = VerifyingKey::from_bytes(&pk).unwrap();
        assert!(public.verify(&msg, &sig).is_ok(), "line {n}");
        // And not for a changed message.
        let mut other = msg.clone();
        other.push(0);
        assert!(public.verify(&other, &sig).is_err(), "line {n}");
        run += 1;
    }
    assert_eq!(run, 1024);
}

#[test]
fn openssl_key_files_import() {
    let Some(dir) = vectors_dir() else {
        return;
    };
    let der = read_in(&dir, "djb-ed25519/ed25519-pkcs8.der");
    let pem = read_in(&dir, "djb-ed25519/ed25519-pkcs8.pem");
    let pub_der = read_in(&dir, "djb-ed25519/ed25519-pub.der");
    let pub_pem = read_in(&dir, "djb-ed25519/ed25519-pub.pem");
    let from_der = SigningKey::from_pkcs8_der(&der).unwrap();
    let from_pem = SigningKey::from_pkcs8_pem(std::str::from_utf8(&pem).unwrap()).unwrap();
    let public_der = VerifyingKey::from_public_key_der(&pub_der).unwrap();
    let public_pem =
        VerifyingKey::from_public_key_pem(std::str::from_utf8(&pub_pem).unwrap()).unwrap();
    assert_eq!(from_der.key_id(), from_pem.key_id());
    assert_eq!(from_der.verifying_key(), public_der);
    assert_eq!(public_der, public_pem);
    // These files hold RFC 8032's first test key.
    assert_eq!(
        public_der.to_hex(),
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    );
    // Our SPKI export is byte-identical to OpenSSL's.
    assert_eq!(public_der.to_public_key_der().unwrap(), pub_der);
    assert_eq!(
        public_der.to_public_key_pem().unwrap(),
        std::str::from_utf8(&pub_pem).unwrap()
    );
    // A public-key file is not a private key, and the reverse.
    assert_eq!(
        SigningKey::from_pkcs8_der(&pub_der).unwrap_err().code(),
        "key.malformed"
    );
    assert_eq!(
        VerifyingKey::from_public_key_der(&der).unwrap_err().code(),
        "key.malformed"
    );
}
