//! Core errors as real JS `Error` objects: a stable `name` and `code`, the data fields of
//! DESIGN.md, and guards that work across realms (where `instanceof` does not).

use super::js;
use crate::error::Error;
use crate::issue::Issue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `name`s of the errors this package throws, with their possible `code`s.
const KINDS: &[(&str, &[&str])] = &[
    ("ValidationError", &["VALIDATION"]),
    ("WxApiError", &["WX_API"]),
    (
        "TransportError",
        &[
            "TIMEOUT",
            "NETWORK",
            "HTTP_STATUS",
            "BAD_RESPONSE",
            "ABORTED",
        ],
    ),
    ("ConfigError", &["CONFIG"]),
];

pub fn issues_to_js(issues: &[Issue]) -> JsValue {
    let list = js_sys::Array::new();
    for issue in issues {
        let item = js_sys::Object::new();
        js::set(&item, "path", &JsValue::from_str(&issue.path));
        js::set(&item, "code", &JsValue::from_str(issue.code));
        js::set(&item, "message", &JsValue::from_str(&issue.message));
        list.push(&item);
    }
    list.into()
}

/// Builds the JS error for `err`. `attempts` is how many requests were sent for the call.
pub fn to_js(err: &Error) -> JsValue {
    let e = js::error(err.name(), &err.to_string());
    let set = |key: &str, value: JsValue| js::set(&e, key, &value);
    set("code", JsValue::from_str(err.code()));
    match err {
        Error::Validation { issues } | Error::Config { issues } => {
            set("issues", issues_to_js(issues));
        }
        Error::WxApi(wx) => {
            set("errcode", JsValue::from_f64(wx.errcode as f64));
            set("errmsg", JsValue::from_str(&wx.errmsg));
            set(
                "errname",
                wx.errname.map_or(JsValue::UNDEFINED, JsValue::from_str),
            );
            set("hint", JsValue::from_str(wx.hint));
            set("retryable", JsValue::from_bool(wx.retryable()));
        }
        Error::Transport(t) => {
            if let Some(status) = t.status {
                set("status", JsValue::from_f64(f64::from(status)));
            }
            set("outcomeUnknown", JsValue::from_bool(t.outcome_unknown));
            set("attempts", JsValue::from_f64(f64::from(t.attempts)));
        }
    }
    e.into()
}

/// The JS error that ends a call after `attempts` requests: `attempts` is set on transport
/// and WeChat errors (the core's `WxApiError` has no such field).
pub fn after_attempts(err: &Error, attempts: u32) -> JsValue {
    let mut err = err.clone();
    if let Error::Transport(t) = &mut err {
        t.attempts = attempts;
    }
    let js_err = to_js(&err);
    if matches!(err, Error::WxApi(_)) {
        js::set(&js_err, "attempts", &JsValue::from_f64(f64::from(attempts)));
    }
    js_err
}

/// `Object.prototype.toString.call(value) === "[object Error]"`: true for errors of any
/// realm (where `instanceof Error` is not), false for look-alike plain objects.
fn is_error_object(value: &JsValue) -> bool {
    let to_string = js::get(&js_sys::global(), "Object")
        .and_then(|o| js::get(&o, "prototype"))
        .and_then(|p| js::get(&p, "toString"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    to_string
        .and_then(|f| f.call0(value).ok())
        .and_then(|tag| tag.as_string())
        .is_some_and(|tag| tag == "[object Error]")
}

/// Whether `value` is one of this package's errors, optionally of one `name`. Reads only
/// `name` and `code`, defensively, so a Proxy or a foreign object cannot make it throw.
pub fn is_ours(value: &JsValue, only: Option<&str>) -> bool {
    if !value.is_object() || !is_error_object(value) {
        return false;
    }
    let read = |key| js::get(value, key).ok().and_then(|v| v.as_string());
    let (Some(name), Some(code)) = (read("name"), read("code")) else {
        return false;
    };
    KINDS.iter().any(|(kind, codes)| {
        *kind == name && only.is_none_or(|o| o == name) && codes.contains(&code.as_str())
    })
}

#[wasm_bindgen(js_name = isValidationError, unchecked_return_type = "e is ValidationError")]
pub fn is_validation_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, Some("ValidationError"))
}

#[wasm_bindgen(js_name = isWxApiError, unchecked_return_type = "e is WxApiError")]
pub fn is_wx_api_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, Some("WxApiError"))
}

#[wasm_bindgen(js_name = isTransportError, unchecked_return_type = "e is TransportError")]
pub fn is_transport_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, Some("TransportError"))
}

#[wasm_bindgen(js_name = isConfigError, unchecked_return_type = "e is ConfigError")]
pub fn is_config_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, Some("ConfigError"))
}

/// Any error thrown by this package.
#[wasm_bindgen(js_name = isWxCloudbaseError, unchecked_return_type = "e is WxCloudbaseError")]
pub fn is_wx_cloudbase_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, None)
}
