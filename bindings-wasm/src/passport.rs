//! Passports and market access: `Verifier.verifyPassport`, `Verifier.decideAccess`,
//! `parsePassport` and `PassportError`.

use hrid::access::{decide_access, AccessOptions, Evidence, MaxEvidenceAge, Policy};
use hrid::passport::{verify_passport, Passport, PassportError, PassportOptions};
use wasm_bindgen::prelude::*;

use crate::codes;
use crate::convert::{self, TimeArg};
use crate::status::option_feed;
use crate::verify::Verifier;

#[wasm_bindgen]
extern "C" {
    /// See `PassportOptions` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "PassportOptions")]
    pub type PassportOptionsArg;
    /// See `AccessEvidence` in the `.d.ts`.
    #[wasm_bindgen(typescript_type = "AccessEvidence")]
    pub type AccessEvidenceArg;
}

/// A `PassportError` with the passport's reason code (`passport.malformed`,
/// `passport.version_unknown`, `passport.field_invalid`).
pub(crate) fn passport_error(e: PassportError) -> JsValue {
    convert::error("PassportError", e.code(), &e)
}

/// `{expectedSubject, newestSeen, graceSecs}` (each optional, from an options or an evidence
/// object) as the core's `PassportOptions`.
fn passport_options(options: &JsValue) -> Result<PassportOptions, JsValue> {
    let mut o = PassportOptions::default();
    if let Some(n) = convert::option_whole(options, "graceSecs")? {
        o.grace_secs = n;
    }
    if let Some(newest) = convert::present(convert::option(options, "newestSeen")?) {
        o.newest_seen = Some(convert::unix_seconds(&newest, "newestSeen")?);
    }
    if let Some(expected) = convert::present(convert::option(options, "expectedSubject")?) {
        o.expected_subject = Some(codes::parse(&convert::text(&expected, "expectedSubject")?)?);
    }
    Ok(o)
}

/// `{listingSecs, saleSecs, deploymentSecs}` (each optional) of the evidence's
/// `maxEvidenceAge`, over the core's defaults (7 days, 1 day, 30 days).
fn max_evidence_age(evidence: &JsValue) -> Result<MaxEvidenceAge, JsValue> {
    let ages = convert::option(evidence, "maxEvidenceAge")?;
    let mut o = MaxEvidenceAge::default();
    for (key, field) in [
        ("listingSecs", &mut o.listing_secs),
        ("saleSecs", &mut o.sale_secs),
        ("deploymentSecs", &mut o.deployment_secs),
    ] {
        if let Some(n) = convert::option_whole(&ages, key)? {
            *field = n;
        }
    }
    Ok(o)
}

#[wasm_bindgen]
impl Verifier {
    /// Verify a passport text (`HP1:...`) at `at`, offline, against the registry keys of the
    /// trust list. Options: `expectedSubject` (the code of the robot in front of you),
    /// `newestSeen` (the newest signed time seen: anti-rollback of the clock), `graceSecs`
    /// (default 7 days). A bad passport is a verdict, not an exception; throws
    /// `InvalidCodeError` for a bad `expectedSubject`, `TypeError`/`RangeError` for arguments.
    #[wasm_bindgen(js_name = verifyPassport, unchecked_return_type = "PassportReport")]
    pub fn verify_passport(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
        at: &TimeArg,
        options: Option<PassportOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let text = convert::text(text, "text")?;
        let at = convert::unix_seconds(at, "at")?;
        let options = passport_options(&options.map_or(JsValue::UNDEFINED, Into::into))?;
        convert::to_js(&verify_passport(&self.inner, &text, at, &options))
    }

    /// Decide whether robot `code` may be placed on the market for `policy` (`listing`, `sale`,
    /// `deployment`) at `at`, on the evidence given: `{passport?, history?, statusFeed?,
    /// graceSecs?, maxEvidenceAge?}` (`statusFeed` a `StatusFeed` from `verifyStatusFeed`;
    /// `maxEvidenceAge` `{listingSecs?, saleSecs?, deploymentSecs?}`: how old the registry's word
    /// may be). No evidence is a decision (`access.no_evidence`), not an exception; throws
    /// `RangeError` for an unknown policy, `TypeError` for arguments of the wrong type.
    #[wasm_bindgen(js_name = decideAccess, unchecked_return_type = "AccessDecision")]
    pub fn decide_access(
        &self,
        code: &str,
        #[wasm_bindgen(unchecked_param_type = "Policy")] policy: &str,
        at: &TimeArg,
        evidence: Option<AccessEvidenceArg>,
    ) -> Result<JsValue, JsValue> {
        let policy: Policy = policy
            .parse()
            .map_err(|e: String| convert::range_error(&e))?;
        let at = convert::unix_seconds(at, "at")?;
        let evidence: JsValue = evidence.map_or(JsValue::UNDEFINED, Into::into);
        let passport = convert::present(convert::option(&evidence, "passport")?)
            .map(|p| convert::text(&p, "evidence.passport"))
            .transpose()?;
        let history = convert::present(convert::option(&evidence, "history")?)
            .map(|h| convert::bytes(&h, "evidence.history"))
            .transpose()?;
        let mut passport_options = PassportOptions::default();
        if let Some(n) = convert::option_whole(&evidence, "graceSecs")? {
            passport_options.grace_secs = n;
        }
        let options = AccessOptions {
            passport: passport_options,
            max_evidence_age: max_evidence_age(&evidence)?,
        };
        let feed = option_feed(&evidence)?;
        let evidence = Evidence {
            passport: passport.as_deref(),
            history: history.as_deref(),
            status_feed: feed.as_deref(),
        };
        let decision = decide_access(&self.inner, code, &evidence, policy, at, &options);
        convert::to_js(&decision)
    }
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
    let parsed = Passport::parse(&convert::text(text, "text")?).map_err(passport_error)?;
    convert::to_js(&parsed.reading())
}
