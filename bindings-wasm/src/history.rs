//! Histories: `Verifier.verifyHistory`, `verifyHistories` (the core's bulk verification) and
//! `audit` (fleet audits).

use hrid::audit::audit;
use hrid::history::{verify_histories, verify_history, HistoryOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{self, BytesArg, BytesListArg, TimeArg};
use crate::status::option_feed;
use crate::verify::Verifier;

#[wasm_bindgen]
extern "C" {
    /// See `HistoryOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "HistoryOptions")]
    pub type HistoryOptionsArg;
    /// See `NamedBundles` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "NamedBundles")]
    pub type NamedBundlesArg;
}

/// `{batch, statusFeed}`: verify the signatures of a bundle (or of an audit) together (same
/// reports); hold each bundle against the registry's verified status feed.
pub(crate) fn history_options(options: &JsValue) -> Result<HistoryOptions, JsValue> {
    let mut o = HistoryOptions::default();
    if let Some(batch) = convert::option_bool(options, "batch")? {
        o.batch = batch;
    }
    o.status_feed = option_feed(options)?;
    Ok(o)
}

/// The options object of a method, or `undefined`.
fn options_value(options: Option<HistoryOptionsArg>) -> JsValue {
    options.map_or(JsValue::UNDEFINED, Into::into)
}

/// `[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}` as `(name, bytes)` pairs.
fn named_bundles(value: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let items = if js_sys::Array::is_array(value) {
        js_sys::Array::from(value)
    } else if value.is_object() {
        js_sys::Object::entries(value.unchecked_ref()) // [name, bundle] pairs
    } else {
        return Err(convert::type_error(
            "bundles must be an array of {name, bundle} or an object of name to bundle",
        ));
    };
    let get = |o: &JsValue, key: &str| js_sys::Reflect::get(o, &JsValue::from_str(key));
    (items.iter().enumerate())
        .map(|(index, item)| {
            let what = format!("bundles[{index}]");
            let (name, bundle) = if js_sys::Array::is_array(&item) {
                let pair = js_sys::Array::from(&item);
                (pair.get(0), pair.get(1))
            } else if item.is_object() {
                (get(&item, "name")?, get(&item, "bundle")?)
            } else {
                return Err(convert::type_error(&format!(
                    "{what} must be {{name, bundle}} or [name, bundle]"
                )));
            };
            let name = convert::text(&name, &format!("{what}: the name"))?;
            Ok((name, convert::bytes(&bundle, &format!("{what}.bundle"))?))
        })
        .collect()
}

#[wasm_bindgen]
impl Verifier {
    /// Verify one history bundle (JSON text or bytes) at `at`: verdict, findings, chain head,
    /// the robot's health summary and its recalls. With `{batch: true}` the signatures are
    /// verified together (same report); with `{statusFeed}` (a `StatusFeed`) the bundle is held
    /// against the registry's feed (its recalls in force apply; a bundle behind the feed's head,
    /// or alive after the feed says it ended, is `history.registry_conflict`). Throws only
    /// `TypeError`/`RangeError`.
    #[wasm_bindgen(js_name = verifyHistory, unchecked_return_type = "HistoryReport")]
    pub fn verify_history(
        &self,
        bundle: &BytesArg,
        at: &TimeArg,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let bundle = convert::bytes(bundle, "bundle")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(&options_value(options))?;
        convert::to_js(&verify_history(&self.inner, &bundle, at, &options))
    }

    /// `verifyHistory` for each bundle of an array: one report each, in input order (no
    /// cross-robot rules: see `audit`). With `{batch: true}` the signatures of all bundles are
    /// verified together; `{statusFeed}` as for `verifyHistory`.
    #[wasm_bindgen(js_name = verifyHistories, unchecked_return_type = "HistoryReport[]")]
    pub fn verify_histories(
        &self,
        bundles: &BytesListArg,
        at: &TimeArg,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let all = convert::documents(bundles, "bundles")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(&options_value(options))?;
        convert::to_js(&verify_histories(&self.inner, &all, at, &options))
    }

    /// Verify many history bundles (`[{name, bundle}]`, `[[name, bundle]]` or `{name: bundle}`)
    /// at `at`, then apply the cross-robot rules (`audit.*`). Options `{batch, statusFeed}` as
    /// for `verifyHistory`. Throws only `TypeError`/`RangeError`.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn audit(
        &self,
        bundles: NamedBundlesArg,
        at: &TimeArg,
        options: Option<HistoryOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let bundles = named_bundles(&bundles.into())?;
        let at = convert::unix_seconds(at, "at")?;
        let options = history_options(&options_value(options))?;
        convert::to_js(&audit(&self.inner, &bundles, at, &options))
    }
}
