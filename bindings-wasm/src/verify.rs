//! The `Verifier`: attestation envelopes and recall notices, one report each.

use hrid::recall::verify_recall;
use hrid::verify;
use wasm_bindgen::prelude::*;

use crate::convert::{self, BytesArg, BytesListArg, TimeArg};
use crate::trust::{verify_options, TrustList, VerifyOptionsArg};

/// Verifies attestations, recall notices, histories and passports against one verified trust
/// list.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Verifier {
    pub(crate) inner: verify::Verifier,
}

#[wasm_bindgen]
impl Verifier {
    /// A verifier for `trustList` with `options` (defaults: 300 s clock skew, 7 days of grace
    /// after the trust list expires, the core's input limits).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = trustList)] trust_list: &TrustList,
        options: Option<VerifyOptionsArg>,
    ) -> Result<Verifier, JsValue> {
        Ok(Verifier {
            inner: verify::Verifier::new(trust_list.inner.clone(), verify_options(options)?),
        })
    }

    /// Verify one attestation envelope (JSON text or bytes) at `at` (`Date` or unix seconds).
    /// Returns the report (verdict and findings); throws only `TypeError`/`RangeError` for
    /// arguments of the wrong type.
    #[wasm_bindgen(unchecked_return_type = "VerificationReport")]
    pub fn verify(
        &self,
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: &BytesArg,
        at: &TimeArg,
    ) -> Result<JsValue, JsValue> {
        let envelope = convert::bytes(envelope_json, "envelopeJson")?;
        let at = convert::unix_seconds(at, "at")?;
        convert::to_js(&self.inner.verify(&envelope, at))
    }

    /// Verify many attestation envelopes at one time: one report each, in input order.
    #[wasm_bindgen(js_name = verifyMany, unchecked_return_type = "VerificationReport[]")]
    pub fn verify_many(&self, envelopes: &BytesListArg, at: &TimeArg) -> Result<JsValue, JsValue> {
        let all = convert::documents(envelopes, "envelopes")?;
        let at = convert::unix_seconds(at, "at")?;
        let reports: Vec<_> = all.iter().map(|e| self.inner.verify(e, at)).collect();
        convert::to_js(&reports)
    }

    /// Verify a recall-notice envelope (JSON text or bytes) at `at`. Throws only
    /// `TypeError`/`RangeError`.
    #[wasm_bindgen(js_name = verifyRecall, unchecked_return_type = "RecallReport")]
    pub fn verify_recall(
        &self,
        #[wasm_bindgen(js_name = envelopeJson)] envelope_json: &BytesArg,
        at: &TimeArg,
    ) -> Result<JsValue, JsValue> {
        let envelope = convert::bytes(envelope_json, "envelopeJson")?;
        let at = convert::unix_seconds(at, "at")?;
        convert::to_js(&verify_recall(&self.inner, &envelope, at))
    }

    /// The trust list in use.
    #[wasm_bindgen(getter, js_name = trustList)]
    pub fn trust_list(&self) -> TrustList {
        TrustList {
            inner: self.inner.trust_list().clone(),
        }
    }
}
