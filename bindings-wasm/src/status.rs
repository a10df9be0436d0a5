//! The registry's status feed: `Verifier.verifyStatusFeed` and the `StatusFeed` handle that a
//! verified feed becomes (the option `statusFeed` of `decideAccess`, `verifyHistory`,
//! `verifyHistories`, `audit` and `custody`).

use std::sync::Arc;

use hrid::status::{verify_status_feed, StatusFeedOptions, VerifiedStatusFeed};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::codes;
use crate::convert::{self, BytesArg, TimeArg};
use crate::verify::Verifier;

#[wasm_bindgen]
extern "C" {
    /// See `StatusFeedOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "StatusFeedOptions")]
    pub type StatusFeedOptionsArg;
}

/// The name of the hidden method that hands out a second handle on the same feed.
const SHARE: &str = "__hridShare";

/// A status feed that verified: the registry's signed word on every robot that is not active
/// and on the recall notices in force. Only `Verifier.verifyStatusFeed` makes one (the report's
/// `feed`, when accepted); pass it as `statusFeed` to `decideAccess`, `verifyHistory`,
/// `verifyHistories`, `audit` and `custody`. Persist `version` as the highest seen.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct StatusFeed {
    inner: Arc<VerifiedStatusFeed>,
}

#[wasm_bindgen]
impl StatusFeed {
    /// The feed's version (persist it: the next `verifyStatusFeed`'s `highestSeenVersion`).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // versions are small
        let v = self.inner.version() as f64;
        v
    }

    /// SHA-256 of the signed PAE, lowercase hex (what the next version's `previous` names).
    #[wasm_bindgen(getter, js_name = statementHash)]
    pub fn statement_hash(&self) -> String {
        self.inner.statement_hash().to_owned()
    }

    /// The last moment the feed may be relied on: its expiry plus the grace it was verified with.
    #[wasm_bindgen(getter, js_name = usableUntil)]
    pub fn usable_until(&self) -> js_sys::Date {
        convert::date(self.inner.usable_until())
    }

    /// When the feed was issued.
    #[wasm_bindgen(getter, js_name = issuedAt)]
    pub fn issued_at(&self) -> js_sys::Date {
        convert::date(self.inner.feed().issued_at)
    }

    /// When the feed expires.
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> js_sys::Date {
        convert::date(self.inner.feed().expires_at)
    }

    /// The participant ID of the registry that signed it.
    #[wasm_bindgen(getter)]
    pub fn registry(&self) -> String {
        self.inner.feed().registry.clone()
    }

    /// Whether its signing key has since been reported compromised (a decision does not rest on
    /// such a feed alone).
    #[wasm_bindgen(getter, js_name = signerReportedCompromised)]
    pub fn signer_reported_compromised(&self) -> bool {
        self.inner.signer_reported_compromised()
    }

    /// The verified recall notices in force.
    #[wasm_bindgen(getter, unchecked_return_type = "VerifiedRecall[]")]
    pub fn recalls(&self) -> Result<JsValue, JsValue> {
        convert::to_js(self.inner.recalls())
    }

    /// The registry's word on robot `code` (`{code, status, head, since}`), or `null` for a
    /// robot the feed does not list (active, or unknown to the registry). Throws
    /// `InvalidCodeError` for an invalid code.
    #[wasm_bindgen(unchecked_return_type = "RobotStatus | null")]
    pub fn robot(&self, code: &str) -> Result<JsValue, JsValue> {
        let code = codes::parse(code)?;
        match self.inner.robot(&code) {
            Some(entry) => convert::to_js(entry),
            None => Ok(JsValue::NULL),
        }
    }

    /// The core's JSON of the verified feed (`{feed, statement_hash, usable_until,
    /// signer_reported_compromised}`): what `JSON.stringify` writes for the handle.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "VerifiedStatusFeed")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        convert::to_js(&*self.inner)
    }

    /// A second handle on the same feed, which Rust takes over when the feed is passed in an
    /// options object (taking the caller's own would free it).
    #[wasm_bindgen(js_name = __hridShare, skip_typescript)]
    pub fn share(&self) -> StatusFeed {
        self.clone()
    }
}

/// The feed of the option `statusFeed` of an options object: `undefined`/`null` is none; a
/// `StatusFeed` is shared (the caller keeps its handle); anything else is a `TypeError`.
pub(crate) fn option_feed(options: &JsValue) -> Result<Option<Arc<VerifiedStatusFeed>>, JsValue> {
    let Some(value) = convert::present(convert::option(options, "statusFeed")?) else {
        return Ok(None);
    };
    let not_a_feed = || convert::type_error("option statusFeed must be a StatusFeed");
    let share = js_sys::Reflect::get(&value, &JsValue::from_str(SHARE))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(not_a_feed)?;
    let copy = share.call0(&value)?;
    StatusFeed::try_from_js_value(copy)
        .map(|f| Some(f.inner))
        .map_err(|_| not_a_feed())
}

#[wasm_bindgen]
impl Verifier {
    /// Verify a status-feed document (JSON text or bytes: `{"feed": ENVELOPE, "recalls": [...]}`)
    /// at `at`. Options: `highestSeenVersion` (the highest feed version already accepted: a
    /// lower one is `status_feed.rollback`; default 0), `graceSecs` (how long after expiry the
    /// feed is still used, with a warning; default 3600). The report's `feed` is a `StatusFeed`
    /// when accepted, else `null`. A bad document is a verdict; throws only
    /// `TypeError`/`RangeError`.
    #[wasm_bindgen(js_name = verifyStatusFeed, unchecked_return_type = "StatusFeedReport")]
    pub fn verify_status_feed(
        &self,
        document: &BytesArg,
        at: &TimeArg,
        options: Option<StatusFeedOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let document = convert::bytes(document, "document")?;
        let at = convert::unix_seconds(at, "at")?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let mut o = StatusFeedOptions::default();
        if let Some(n) = convert::option_whole(&options, "highestSeenVersion")? {
            o.highest_seen_version = n;
        }
        if let Some(n) = convert::option_whole(&options, "graceSecs")? {
            o.grace_secs = n;
        }
        let mut report = verify_status_feed(&self.inner, &document, at, &o);
        let feed = report.feed.take();
        let out = convert::to_js(&report)?;
        let feed = feed.map_or(JsValue::NULL, |f| StatusFeed { inner: Arc::new(f) }.into());
        convert::set(&out, "feed", &feed);
        Ok(out)
    }
}
