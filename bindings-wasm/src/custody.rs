//! Custody at a moment: `Verifier.custody`.

use hrid::history::{custody, verify_history};
use wasm_bindgen::prelude::*;

use crate::convert::{self, BytesArg, TimeArg};
use crate::history::history_options;
use crate::verify::Verifier;

#[wasm_bindgen]
extern "C" {
    /// See `CustodyOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "CustodyOptions")]
    pub type CustodyOptionsArg;
}

#[wasm_bindgen]
impl Verifier {
    /// Who was responsible for the robot of `bundle` at the moment `at` (an incident), each
    /// answer with the signed statement that proves it. The history is verified at `verifiedAt`
    /// (typically now), held against the registry's feed when `{statusFeed}` is given; only its
    /// verified statements dated at or before `at` are read. A bad bundle is a report
    /// (`custody.history_unverified`), not an exception.
    #[wasm_bindgen(unchecked_return_type = "CustodyReport")]
    pub fn custody(
        &self,
        bundle: &BytesArg,
        at: &TimeArg,
        #[wasm_bindgen(js_name = verifiedAt)] verified_at: &TimeArg,
        options: Option<CustodyOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let bundle = convert::bytes(bundle, "bundle")?;
        let at = convert::unix_seconds(at, "at")?;
        let verified_at = convert::unix_seconds(verified_at, "verifiedAt")?;
        let options = history_options(&options.map_or(JsValue::UNDEFINED, Into::into))?;
        let history = verify_history(&self.inner, &bundle, verified_at, &options);
        convert::to_js(&custody(&history, at))
    }
}
