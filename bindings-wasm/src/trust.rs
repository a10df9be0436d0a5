//! Trust lists: the `TrustList` class, `TrustListError`, and the verification options both it and
//! the `Verifier` take.

use hrid::json::Limits;
use hrid::trust::{self, TrustAnchor, TrustListError, VerifiedTrustList};
use hrid::verify::VerifyOptions;
use wasm_bindgen::prelude::*;

use crate::convert::{self, BytesArg, TimeArg};
use crate::keys::key_error;

#[wasm_bindgen]
extern "C" {
    /// See `VerifyOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "VerifyOptions")]
    pub type VerifyOptionsArg;
}

/// `TrustListError` with the list's reason code (`trust_list.*`, `envelope.*`, `signature.*`).
pub(crate) fn trust_list_error(e: TrustListError) -> JsValue {
    convert::error("TrustListError", e.code(), &e)
}

/// `{clockSkewSecs, trustListGraceSecs, limits: {maxEnvelopeBytes, maxTrustListBytes, maxDepth,
/// maxSignatures}}`, every field optional (the core's defaults).
pub(crate) fn verify_options(options: Option<VerifyOptionsArg>) -> Result<VerifyOptions, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let mut o = VerifyOptions::default();
    if let Some(n) = convert::option_whole(&options, "clockSkewSecs")? {
        o.clock_skew_secs = n;
    }
    if let Some(n) = convert::option_whole(&options, "trustListGraceSecs")? {
        o.trust_list_grace_secs = n;
    }
    let limits = convert::option(&options, "limits")?;
    let mut l = Limits::default();
    for (key, field) in [
        ("maxEnvelopeBytes", &mut l.max_envelope_bytes),
        ("maxTrustListBytes", &mut l.max_trust_list_bytes),
        ("maxDepth", &mut l.max_depth),
        ("maxSignatures", &mut l.max_signatures),
    ] {
        if let Some(n) = convert::option_whole(&limits, key)? {
            *field = n;
        }
    }
    o.limits = l;
    Ok(o)
}

/// A trust list whose signatures, thresholds, version and dates verified. Only
/// `TrustList.verify` and `TrustList.verifyUpdate` make one.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct TrustList {
    pub(crate) inner: VerifiedTrustList,
}

#[wasm_bindgen]
impl TrustList {
    /// Verify a trust-list envelope (JSON text or bytes) against root keys the application ships
    /// (64 hex digits each), of which `threshold` distinct keys must have signed; `highestSeenVersion`
    /// guards against rollback (0 when none); `at` is the time (`Date` or unix seconds). Throws
    /// `TrustListError` (`trust_list.*`, `envelope.*`, `signature.*`) or `KeyError` for an
    /// unusable anchor key.
    pub fn verify(
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: &BytesArg,
        #[wasm_bindgen(js_name = anchorKeysHex)] anchor_keys_hex: Vec<String>,
        threshold: f64,
        #[wasm_bindgen(js_name = highestSeenVersion)] highest_seen_version: f64,
        at: &TimeArg,
        options: Option<VerifyOptionsArg>,
    ) -> Result<TrustList, JsValue> {
        let envelope = convert::bytes(envelope_json, "envelopeJson")?;
        let keys = (anchor_keys_hex.iter())
            .map(|k| hrid::keys::VerifyingKey::from_hex(k).map_err(key_error))
            .collect::<Result<Vec<_>, _>>()?;
        let threshold = convert::whole_number(threshold, "threshold")?;
        let highest = convert::whole_number(highest_seen_version, "highestSeenVersion")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = verify_options(options)?;
        let anchor = TrustAnchor::new(keys, threshold).map_err(trust_list_error)?;
        trust::TrustList::verify(&envelope, &anchor, highest, at, &options)
            .map(|inner| TrustList { inner })
            .map_err(trust_list_error)
    }

    /// Verify version N+1 against this verified version N (signed by a threshold of N's roots
    /// and of its own, exactly the next version). Throws `TrustListError`.
    #[wasm_bindgen(js_name = verifyUpdate)]
    pub fn verify_update(
        &self,
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: &BytesArg,
        at: &TimeArg,
        options: Option<VerifyOptionsArg>,
    ) -> Result<TrustList, JsValue> {
        let envelope = convert::bytes(envelope_json, "envelopeJson")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = verify_options(options)?;
        trust::TrustList::verify_update(&envelope, &self.inner, at, &options)
            .map(|inner| TrustList { inner })
            .map_err(trust_list_error)
    }

    /// The core's default permissions table (role to event types), for building new lists.
    #[wasm_bindgen(js_name = defaultPermissions, unchecked_return_type = "Partial<Record<Role, EventType[]>>")]
    pub fn default_permissions() -> Result<JsValue, JsValue> {
        convert::to_js(&trust::TrustList::default_permissions())
    }

    /// The list's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // versions are small
        let v = self.inner.version() as f64;
        v
    }

    /// When the list was issued.
    #[wasm_bindgen(getter, js_name = issuedAt)]
    pub fn issued_at(&self) -> js_sys::Date {
        convert::date(self.inner.trust_list().issued_at)
    }

    /// When the list expires.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> js_sys::Date {
        convert::date(self.inner.trust_list().expires_at)
    }

    /// SHA-256 of the signed PAE, lowercase hex.
    #[wasm_bindgen(getter, js_name = statementHash)]
    pub fn statement_hash(&self) -> String {
        self.inner.statement_hash().to_owned()
    }

    /// Warnings found when it was verified (e.g. `trust_list.expired_grace`).
    #[wasm_bindgen(getter, unchecked_return_type = "Finding[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        convert::to_js(self.inner.warnings())
    }

    /// The verified contents, with the field names of the signed JSON.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "TrustListContents")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        convert::to_js(self.inner.trust_list())
    }
}
