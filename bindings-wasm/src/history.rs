//! Histories, recall notices, passports, market-access decisions and fleet audits: the core's
//! reports as plain objects (the core's JSON), the `Verifier` methods that make them, and the
//! passport helpers (`parsePassport`, `signPassport`). Conversions only.

use hrid::access::{decide_access, Evidence, Policy};
use hrid::audit::audit;
use hrid::code::IdentityCode;
use hrid::history::{custody, verify_history, HistoryOptions};
use hrid::passport::{verify_passport, Passport, PassportError, PassportOptions, PassportStatus};
use hrid::recall::verify_recall;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::code::invalid_code;
use crate::convert;
use crate::verify::Verifier;

#[wasm_bindgen]
extern "C" {
    /// See `HistoryOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "HistoryOptions")]
    pub type HistoryOptionsArg;
    /// See `PassportOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PassportOptions")]
    pub type PassportOptionsArg;
    /// See `AccessEvidence` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "AccessEvidence")]
    pub type AccessEvidenceArg;
    /// See `NamedBundles` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "NamedBundles")]
    pub type NamedBundlesArg;
}

/// A `PassportError` with the passport's reason code (`passport.malformed`,
/// `passport.version_unknown`, `passport.field_invalid`).
pub(crate) fn passport_error(e: &PassportError) -> JsValue {
    convert::error("PassportError", e.code(), &e.to_string()).into()
}

/// Text of a passport argument (`HP1:...`).
fn passport_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| convert::type_error(&format!("{what} must be a string (HP1:...)")))
}

/// `{batch}`: verify the signatures of a bundle (or of an audit) together; same reports.
fn history_options(options: Option<HistoryOptionsArg>) -> Result<HistoryOptions, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let mut o = HistoryOptions::default();
    if let Some(batch) = convert::option_bool(&options, "batch")? {
        o.batch = batch;
    }
    Ok(o)
}

/// `{expectedSubject, newestSeen, graceSecs}` (each optional) as the core's `PassportOptions`.
fn passport_options(options: &JsValue) -> Result<PassportOptions, JsValue> {
    let mut o = PassportOptions::default();
    if let Some(n) = convert::option_whole(options, "graceSecs")? {
        o.grace_secs =
            i64::try_from(n).map_err(|_| convert::range_error("graceSecs is too large"))?;
    }
    let newest = convert::option_value(options, "newestSeen")?;
    if !newest.is_undefined() && !newest.is_null() {
        o.newest_seen = Some(convert::unix_seconds(&newest, "newestSeen")?);
    }
    let expected = convert::option_value(options, "expectedSubject")?;
    if !expected.is_undefined() && !expected.is_null() {
        let text = expected
            .as_string()
            .ok_or_else(|| convert::type_error("expectedSubject must be a string"))?;
        o.expected_subject =
            Some(IdentityCode::parse(&text).map_err(|e| invalid_code(&e, Some(&text)))?);
    }
    Ok(o)
}

/// `listing`, `sale` or `deployment`; a `RangeError` otherwise.
fn policy(value: &str) -> Result<Policy, JsValue> {
    value.parse().map_err(|e: String| convert::range_error(&e))
}

/// `[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}` as `(name, bytes)` pairs.
fn named_bundles(value: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let mut out = Vec::new();
    if js_sys::Array::is_array(value) {
        for (index, item) in js_sys::Array::from(value).iter().enumerate() {
            let (name, bundle) = if js_sys::Array::is_array(&item) {
                let pair = js_sys::Array::from(&item);
                (pair.get(0), pair.get(1))
            } else if item.is_object() {
                (
                    js_sys::Reflect::get(&item, &JsValue::from_str("name"))?,
                    js_sys::Reflect::get(&item, &JsValue::from_str("bundle"))?,
                )
            } else {
                return Err(convert::type_error(&format!(
                    "bundles[{index}] must be {{name, bundle}} or [name, bundle]"
                )));
            };
            let name = name.as_string().ok_or_else(|| {
                convert::type_error(&format!("bundles[{index}]: the name must be a string"))
            })?;
            out.push((
                name,
                convert::bytes(&bundle, &format!("bundles[{index}].bundle"))?,
            ));
        }
    } else if value.is_object() {
        let entries = js_sys::Object::entries(value.unchecked_ref());
        for entry in entries.iter() {
            let pair = js_sys::Array::from(&entry);
            let name = pair.get(0).as_string().unwrap_or_default();
            let bundle = convert::bytes(&pair.get(1), &format!("bundles[{name:?}]"))?;
            out.push((name, bundle));
        }
    } else {
        return Err(convert::type_error(
            "bundles must be an array of {name, bundle} or an object of name to bundle",
        ));
    }
    Ok(out)
}

#[wasm_bindgen]
impl Verifier {
    /// Verify many attestation envelopes at one time: one report each, in input order.
    #[wasm_bindgen(js_name = verifyMany, unchecked_return_type = "VerificationReport[]")]
    pub fn verify_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<string | Uint8Array>")] envelopes: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let all = documents(envelopes, "envelopes")?;
        let at = convert::unix_seconds(at, "at")?;
        let reports: Vec<_> = all.iter().map(|e| self.inner.verify(e, at)).collect();
        convert::to_js(&reports)
    }

    /// Verify one history bundle (JSON text or bytes) at `at`: verdict, findings, chain head,
    /// the robot's health summary and its recalls. With `{batch: true}` the signatures are
    /// verified together (same report). Throws only `TypeError`/`RangeError`.
    #[wasm_bindgen(js_name = verifyHistory, unchecked_return_type = "HistoryReport")]
    pub fn verify_history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] bundle: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let bundle = convert::bytes(bundle, "bundle")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(options)?;
        convert::to_js(&verify_history(&self.inner, &bundle, at, &options))
    }

    /// `verifyHistory` for each bundle of an array: one report each, in input order (no
    /// cross-robot rules: see `audit`).
    #[wasm_bindgen(js_name = verifyHistories, unchecked_return_type = "HistoryReport[]")]
    pub fn verify_histories(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<string | Uint8Array>")] bundles: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let all = documents(bundles, "bundles")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(options)?;
        let reports: Vec<_> = all
            .iter()
            .map(|b| verify_history(&self.inner, b, at, &options))
            .collect();
        convert::to_js(&reports)
    }

    /// Who was responsible for the robot of `bundle` at the moment `at` (an incident), each
    /// answer with the signed statement that proves it. The history is verified at `verifiedAt`
    /// (typically now); only its verified statements dated at or before `at` are read. A bad
    /// bundle is a report (`custody.history_unverified`), not an exception.
    #[wasm_bindgen(unchecked_return_type = "CustodyReport")]
    pub fn custody(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] bundle: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        #[wasm_bindgen(js_name = verifiedAt, unchecked_param_type = "Date | number")]
        verified_at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let bundle = convert::bytes(bundle, "bundle")?;
        let at = convert::unix_seconds(at, "at")?;
        let verified_at = convert::unix_seconds(verified_at, "verifiedAt")?;
        let history = verify_history(
            &self.inner,
            &bundle,
            verified_at,
            &HistoryOptions::default(),
        );
        convert::to_js(&custody(&history, at))
    }

    /// Verify a recall-notice envelope (JSON text or bytes) at `at`. Throws only
    /// `TypeError`/`RangeError`.
    #[wasm_bindgen(js_name = verifyRecall, unchecked_return_type = "RecallReport")]
    pub fn verify_recall(
        &self,
        #[wasm_bindgen(js_name = envelopeJson, unchecked_param_type = "string | Uint8Array")]
        envelope_json: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let envelope = convert::bytes(envelope_json, "envelopeJson")?;
        let at = convert::unix_seconds(at, "at")?;
        convert::to_js(&verify_recall(&self.inner, &envelope, at))
    }

    /// Verify a passport text (`HP1:...`) at `at`, offline, against the registry keys of the
    /// trust list. Options: `expectedSubject` (the code of the robot in front of you),
    /// `newestSeen` (the newest signed time seen: anti-rollback of the clock), `graceSecs`
    /// (default 7 days). A bad passport is a verdict, not an exception; throws
    /// `InvalidCodeError` for a bad `expectedSubject`, `TypeError`/`RangeError` for arguments.
    #[wasm_bindgen(js_name = verifyPassport, unchecked_return_type = "PassportReport")]
    pub fn verify_passport(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        options: Option<PassportOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let text = passport_text(text, "text")?;
        let at = convert::unix_seconds(at, "at")?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let options = passport_options(&options)?;
        convert::to_js(&verify_passport(&self.inner, &text, at, &options))
    }

    /// Decide whether robot `code` may be placed on the market for `policy` (`listing`, `sale`,
    /// `deployment`) at `at`, on the evidence given: `{passport?, history?, graceSecs?}`. No
    /// evidence is a decision (`access.no_evidence`), not an exception; throws `RangeError`
    /// for an unknown policy, `TypeError` for arguments of the wrong type.
    #[wasm_bindgen(js_name = decideAccess, unchecked_return_type = "AccessDecision")]
    pub fn decide_access(
        &self,
        code: &str,
        #[wasm_bindgen(js_name = policy, unchecked_param_type = "Policy")] policy_name: &str,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        evidence: Option<AccessEvidenceArg>,
    ) -> Result<JsValue, JsValue> {
        let policy = policy(policy_name)?;
        let at = convert::unix_seconds(at, "at")?;
        let evidence: JsValue = evidence.map_or(JsValue::UNDEFINED, Into::into);
        let passport = convert::option_value(&evidence, "passport")?;
        let passport = if passport.is_undefined() || passport.is_null() {
            None
        } else {
            Some(passport_text(&passport, "evidence.passport")?)
        };
        let history = convert::option_value(&evidence, "history")?;
        let history = if history.is_undefined() || history.is_null() {
            None
        } else {
            Some(convert::bytes(&history, "evidence.history")?)
        };
        let mut options = PassportOptions::default();
        if let Some(n) = convert::option_whole(&evidence, "graceSecs")? {
            options.grace_secs =
                i64::try_from(n).map_err(|_| convert::range_error("graceSecs is too large"))?;
        }
        let evidence = Evidence {
            passport: passport.as_deref(),
            history: history.as_deref(),
        };
        convert::to_js(&decide_access(
            &self.inner,
            code,
            &evidence,
            policy,
            at,
            &options,
        ))
    }

    /// Verify many history bundles (`[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}`)
    /// at `at`, then apply the cross-robot rules (`audit.*`). Throws only `TypeError`/`RangeError`.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn audit(
        &self,
        bundles: NamedBundlesArg,
        #[wasm_bindgen(unchecked_param_type = "Date | number")] at: &JsValue,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let bundles = named_bundles(&bundles.into())?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(options)?;
        convert::to_js(&audit(&self.inner, &bundles, at, &options))
    }
}

/// Each element of an array as bytes (a string is UTF-8).
fn documents(value: &JsValue, what: &str) -> Result<Vec<Vec<u8>>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(convert::type_error(&format!("{what} must be an array")));
    }
    js_sys::Array::from(value)
        .iter()
        .enumerate()
        .map(|(i, v)| convert::bytes(&v, &format!("{what}[{i}]")))
        .collect()
}

/// What a passport says, read but not verified (`parsePassport`).
#[derive(Serialize)]
struct ParsedPassportJs {
    subject: String,
    status: PassportStatus,
    head_seq: Option<u32>,
    head_hash_prefix: Option<String>,
    issued_at: i64,
    expires_at: i64,
    key_hint: String,
}

/// Read a passport text (`HP1:...`, as scanned from its QR code) without verifying it: what it
/// says (`subject`, `status`, `head_seq`, `head_hash_prefix`, `issued_at`, `expires_at` in unix
/// seconds, the signer's `key_hint`). Nothing in it is trustworthy until `verifyPassport`
/// accepts it. Throws `PassportError` (`passport.malformed`, `passport.version_unknown`,
/// `passport.field_invalid`).
#[wasm_bindgen(js_name = parsePassport, unchecked_return_type = "ParsedPassport")]
pub fn parse_passport(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = passport_text(text, "text")?;
    let parsed = Passport::parse(&text).map_err(|e| passport_error(&e))?;
    let p = &parsed.passport;
    convert::to_js(&ParsedPassportJs {
        subject: p.subject.to_string(),
        status: p.status,
        head_seq: p.head.map(|h| h.seq),
        head_hash_prefix: p.head.map(|h| hex_lower(&h.hash_prefix)),
        issued_at: p.issued_at,
        expires_at: p.expires_at,
        key_hint: hex_lower(&parsed.key_hint),
    })
}

fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
