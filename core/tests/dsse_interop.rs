//! DSSE interoperability: the PAE bytes asserted literally, and hrid envelopes checked by an
//! independent re-implementation of the DSSE v1 rules written here from the specification
//! (github.com/secure-systems-lab/dsse, `envelope.md` and `protocol.md`).

use base64::Engine as _;
use hrid::envelope::{pae, Envelope, PayloadType};
use hrid::json::Limits;
use hrid::keys::SigningKey;

#[test]
fn pae_of_the_spec_example() {
    assert_eq!(
        pae("http://example.com/HelloWorld", b"hello world"),
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
    );
    assert_eq!(
        pae(PayloadType::Attestation.as_str(), b"{}"),
        b"DSSEv1 40 application/vnd.hrid.attestation.v1+json 2 {}".to_vec()
    );
    assert_eq!(
        pae(PayloadType::TrustList.as_str(), b""),
        b"DSSEv1 39 application/vnd.hrid.trust-list.v1+json 0 ".to_vec()
    );
}

/// DSSE verification written independently: parse with serde_json::Value, decode base64, build
/// PAE by string formatting, verify with ed25519-dalek directly. Returns the payload if any
/// signature verifies under `public_key`.
fn independent_verify(envelope: &[u8], public_key: &[u8; 32]) -> Option<(String, Vec<u8>)> {
    let v: serde_json::Value = serde_json::from_slice(envelope).ok()?;
    let payload_type = v.get("payloadType")?.as_str()?.to_owned();
    let b64 = base64::engine::general_purpose::STANDARD;
    let payload = b64.decode(v.get("payload")?.as_str()?).ok()?;
    let mut message = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    )
    .into_bytes();
    message.extend_from_slice(&payload);
    let key = ed25519_dalek::VerifyingKey::from_bytes(public_key).ok()?;
    for s in v.get("signatures")?.as_array()? {
        let sig = b64.decode(s.get("sig")?.as_str()?).ok()?;
        let sig = ed25519_dalek::Signature::from_slice(&sig).ok()?;
        if key.verify_strict(&message, &sig).is_ok() {
            return Some((payload_type, payload));
        }
    }
    None
}

#[test]
fn hrid_envelopes_verify_under_an_independent_dsse_verifier() {
    let key = SigningKey::from_seed([42; 32]);
    let other = SigningKey::from_seed([43; 32]);
    let payload = br#"{"hello":"world","n":[1,2,3]}"#;
    let env = Envelope::sign(PayloadType::Attestation, payload, &[&key]).to_json();
    let (t, p) = independent_verify(&env, &key.verifying_key().to_bytes()).unwrap();
    assert_eq!(t, "application/vnd.hrid.attestation.v1+json");
    assert_eq!(p, payload);
    assert!(independent_verify(&env, &other.verifying_key().to_bytes()).is_none());
}

#[test]
fn envelopes_built_independently_verify_in_hrid() {
    // Build the envelope by hand (different JSON field order, extra whitespace, no keyid).
    let key = SigningKey::from_seed([42; 32]);
    let payload = b"any bytes \x00\xff";
    let t = "application/vnd.hrid.trust-list.v1+json";
    let mut message = format!("DSSEv1 {} {} {} ", t.len(), t, payload.len()).into_bytes();
    message.extend_from_slice(payload);
    let dalek = ed25519_dalek::SigningKey::from_bytes(&[42; 32]);
    let sig = ed25519_dalek::Signer::sign(&dalek, &message).to_bytes();
    let b64 = base64::engine::general_purpose::STANDARD;
    let json = format!(
        "{{ \"signatures\": [ {{ \"sig\": \"{}\" }} ],\n  \"payload\": \"{}\", \"payloadType\": \"{t}\" }}",
        b64.encode(sig),
        b64.encode(payload)
    );
    let env = Envelope::from_json(json.as_bytes(), 1 << 20, &Limits::DEFAULT).unwrap();
    let verified = env.verify_with(&[key.verifying_key()]).unwrap();
    assert_eq!(verified.payload(), payload);
    assert_eq!(verified.payload_type(), PayloadType::TrustList);
}
