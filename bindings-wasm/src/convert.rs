//! Conversions between JavaScript values and the core's types. Everything here is mechanical:
//! no rule of the identity code, the signatures or the verifier lives in this crate.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The TypeScript types of the arguments that the functions below read, declared once for every
// method that takes one (each derefs to the `JsValue` that is read).
#[wasm_bindgen]
extern "C" {
    /// A time: a `Date`, or unix seconds ([`unix_seconds`]).
    #[wasm_bindgen(typescript_type = "Date | number")]
    pub type TimeArg;
    /// Bytes: a `Uint8Array`, or a string as UTF-8 ([`bytes`]).
    #[wasm_bindgen(typescript_type = "string | Uint8Array")]
    pub type BytesArg;
    /// An array of [`BytesArg`] ([`documents`]).
    #[wasm_bindgen(typescript_type = "Array<string | Uint8Array>")]
    pub type BytesListArg;
    /// A `Uint8Array` only ([`byte_array`]).
    #[wasm_bindgen(typescript_type = "Uint8Array")]
    pub type ByteArrayArg;
}

/// A real JS `Error` with `name` (`InvalidCodeError`, `KeyError`, ...) and `code` (the reason
/// code string, identical to the Rust `code()`).
pub(crate) fn error(name: &str, code: &str, message: &impl ToString) -> JsValue {
    let e = js_sys::Error::new(&message.to_string());
    e.set_name(name);
    set(&e, "code", &JsValue::from_str(code));
    e.into()
}

/// A `TypeError` for an argument of the wrong JS type (a programming error, not a reason code).
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A `RangeError` for a number outside what the argument allows.
pub(crate) fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// Set a property; setting on a fresh `Error` or plain object cannot fail.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// Any serialisable core value as a plain JS object with exactly the field names and values of
/// the core's JSON (what the CLI's `--json` prints, described by `docs/schema/`): serialised by
/// `serde_json` in Rust, parsed by the engine's `JSON.parse` (faster than building the object
/// property by property, and no second serialiser in the wasm: docs/design.md).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| type_error(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// Bytes of a `string` (UTF-8) or a `Uint8Array`.
pub(crate) fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = value.as_string() {
        Ok(s.into_bytes())
    } else if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        Ok(a.to_vec())
    } else {
        Err(type_error(&format!(
            "{what} must be a string or a Uint8Array"
        )))
    }
}

/// Bytes of a `Uint8Array` only.
pub(crate) fn byte_array(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| type_error(&format!("{what} must be a Uint8Array")))
}

/// Each element of an array as bytes (a string is UTF-8).
pub(crate) fn documents(value: &JsValue, what: &str) -> Result<Vec<Vec<u8>>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(type_error(&format!("{what} must be an array")));
    }
    js_sys::Array::from(value)
        .iter()
        .enumerate()
        .map(|(i, v)| bytes(&v, &format!("{what}[{i}]")))
        .collect()
}

/// Text of a string argument.
pub(crate) fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(&format!("{what} must be a string")))
}

/// Largest integer a JS number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A time: a `Date`, or a number of unix seconds. Fractions of a second are dropped (floor).
pub(crate) fn unix_seconds(value: &JsValue, what: &str) -> Result<i64, JsValue> {
    let seconds = if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        let ms = d.get_time();
        if !ms.is_finite() {
            return Err(range_error(&format!("{what} is an invalid Date")));
        }
        (ms / 1000.0).floor()
    } else if let Some(n) = value.as_f64() {
        if !n.is_finite() || n.abs() > MAX_SAFE {
            return Err(range_error(&format!(
                "{what} must be a finite number of unix seconds"
            )));
        }
        n.floor()
    } else {
        return Err(type_error(&format!(
            "{what} must be a Date or a number of unix seconds"
        )));
    };
    #[allow(clippy::cast_possible_truncation)] // finite and within +-2^53: exact
    Ok(seconds as i64)
}

/// Unix seconds as a `Date`.
pub(crate) fn date(seconds: i64) -> js_sys::Date {
    #[allow(clippy::cast_precision_loss)] // times of interest are far below 2^53 ms
    let ms = (seconds as f64) * 1000.0;
    js_sys::Date::new(&JsValue::from_f64(ms))
}

/// A non-negative integer argument (version, threshold, limit), checked exactly, in the type the
/// core takes.
pub(crate) fn whole_number<T: TryFrom<u64>>(value: f64, what: &str) -> Result<T, JsValue> {
    if value.is_finite() && (0.0..=MAX_SAFE).contains(&value) && value.fract() == 0.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked above
        T::try_from(value as u64).map_err(|_| range_error(&format!("{what} is too large")))
    } else {
        Err(range_error(&format!(
            "{what} must be a whole number from 0 to 2^53 - 1"
        )))
    }
}

/// The value, or `None` when it is `undefined` or `null`.
pub(crate) fn present(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// A property of an options object: `undefined` when the object is `undefined`/`null` or lacks it.
pub(crate) fn option(options: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !options.is_object() {
        return Err(type_error("options must be an object"));
    }
    js_sys::Reflect::get(options, &JsValue::from_str(key))
}

/// An optional boolean option; any other type than boolean is a `TypeError`.
pub(crate) fn option_bool(options: &JsValue, key: &str) -> Result<Option<bool>, JsValue> {
    let v = option(options, key)?;
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_bool()
        .map(Some)
        .ok_or_else(|| type_error(&format!("option {key} must be a boolean")))
}

/// An optional whole-number option, in the type the core takes.
pub(crate) fn option_whole<T: TryFrom<u64>>(
    options: &JsValue,
    key: &str,
) -> Result<Option<T>, JsValue> {
    let v = option(options, key)?;
    if v.is_undefined() {
        return Ok(None);
    }
    let n = v
        .as_f64()
        .ok_or_else(|| type_error(&format!("option {key} must be a number")))?;
    whole_number(n, &format!("option {key}")).map(Some)
}
