//! Core errors as real JS `Error` objects, built one way ([`JsFail`]): a stable `name` and
//! `code`, the data fields of DESIGN.md defined as own properties (never assigned), `attempts`
//! where the call loop knows it, `cause` where another error led to this one, and guards
//! that work across realms (where `instanceof` does not).

use super::js;
use crate::error::{Error, Sent};
use crate::issue::Issue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/wasm/js/errors.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = makeError)]
    fn make_error(
        name: &str,
        message: &str,
        fields: &JsValue,
        cause: &JsValue,
    ) -> Result<JsValue, JsValue>;
}

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
    ("PushError", &["PUSH"]),
];

pub fn issues_to_js(issues: &[Issue]) -> JsValue {
    let list = js_sys::Array::new();
    for issue in issues {
        list.push(&js::object(&[
            ("path", JsValue::from_str(&issue.path)),
            ("code", JsValue::from_str(issue.code.as_str())),
            ("message", JsValue::from_str(&issue.message)),
        ]));
    }
    list.into()
}

/// An error on its way to JS.
pub struct JsFail {
    name: &'static str,
    message: String,
    fields: Vec<(&'static str, JsValue)>,
    cause: Option<JsValue>,
}

impl JsFail {
    /// The JS error of a core error.
    pub fn new(err: &Error) -> JsFail {
        let mut fields: Vec<(&'static str, JsValue)> = vec![("code", err.code().into())];
        match err {
            Error::Validation { issues, warnings } => {
                fields.push(("issues", issues_to_js(issues)));
                fields.push(("warnings", issues_to_js(warnings)));
            }
            Error::Config { issues, sent } => {
                fields.push(("issues", issues_to_js(issues)));
                let sent = match sent {
                    Sent::Nothing => 0,
                    Sent::Requests(n) => *n,
                };
                fields.push(("attempts", f64::from(sent).into()));
            }
            Error::WxApi(wx) => {
                fields.push(("errcode", (wx.errcode as f64).into()));
                fields.push(("errmsg", JsValue::from_str(&wx.errmsg)));
                fields.push((
                    "errname",
                    wx.errname.map_or(JsValue::UNDEFINED, JsValue::from_str),
                ));
                fields.push(("hint", JsValue::from_str(wx.hint)));
                fields.push(("retryable", wx.retryable().into()));
                if let Some(id) = &wx.request_id {
                    fields.push(("requestId", JsValue::from_str(id)));
                }
                if let Some(result) = &wx.result {
                    fields.push(("result", JsValue::from_str(result)));
                }
                if let Some(answer) = &wx.answer {
                    fields.push(("answer", super::interop::parse_json(answer)));
                }
            }
            Error::Transport(t) => {
                if let Some(status) = t.status {
                    fields.push(("status", f64::from(status).into()));
                }
                fields.push(("outcomeUnknown", t.outcome_unknown.into()));
            }
        }
        JsFail {
            name: err.name(),
            message: err.to_string(),
            fields,
            cause: None,
        }
    }

    /// A `PushError` with its `reason`.
    pub fn push(reason: &'static str, message: String) -> JsFail {
        JsFail {
            name: "PushError",
            message,
            fields: vec![("code", "PUSH".into()), ("reason", reason.into())],
            cause: None,
        }
    }

    /// Requests sent during the call.
    pub fn attempts(mut self, attempts: u32) -> JsFail {
        self.fields.retain(|(key, _)| *key != "attempts");
        self.fields.push(("attempts", f64::from(attempts).into()));
        self
    }

    /// The error that led to this one.
    pub fn cause(mut self, cause: &JsValue) -> JsFail {
        self.cause = Some(cause.clone());
        self
    }

    pub fn into_js(self) -> JsValue {
        let fields = js_sys::Object::new();
        for (key, value) in &self.fields {
            js::define(&fields, key, value);
        }
        let cause = self.cause.unwrap_or(JsValue::UNDEFINED);
        make_error(self.name, &self.message, &fields, &cause).unwrap_or_else(|_| {
            // The class constructor cannot throw on these arguments; should it ever, a
            // plain Error with the same fields still reaches the caller.
            let e = js::error(self.name, &self.message);
            for (key, value) in &self.fields {
                js::define(&e, key, value);
            }
            e.into()
        })
    }
}

/// The JS error of `err`, with no attempt count.
pub fn to_js(err: &Error) -> JsValue {
    JsFail::new(err).into_js()
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
        .and_then(|f| js::call(&f, value, &[]).ok())
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

#[wasm_bindgen(js_name = isPushError, unchecked_return_type = "e is PushError")]
pub fn is_push_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, Some("PushError"))
}

/// Any error thrown by this package.
#[wasm_bindgen(js_name = isWxCloudbaseError, unchecked_return_type = "e is WxCloudbaseError")]
pub fn is_wx_cloudbase_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_ours(&e, None)
}

/// A copy of one of this package's errors with its own `attempts` and `cause` (the original,
/// unless given another): an error shared by several callers (one token refresh's, say)
/// reaches each as its own object, with that caller's count. Anything else is returned as
/// it is.
pub fn restamp(err: &JsValue, attempts: u32, cause: Option<&JsValue>) -> JsValue {
    if !is_ours(err, None) {
        return err.clone();
    }
    let text = |key| js::get(err, key).ok().and_then(|v| v.as_string());
    let (Some(name), Some(message)) = (text("name"), text("message")) else {
        return err.clone();
    };
    let fields = js_sys::Object::new();
    for key in js::keys(err).unwrap_or_default() {
        if key != "attempts" {
            if let Ok(value) = js::get(err, &key) {
                js::define(&fields, &key, &value);
            }
        }
    }
    js::define(&fields, "attempts", &f64::from(attempts).into());
    make_error(&name, &message, &fields, cause.unwrap_or(err)).unwrap_or_else(|_| err.clone())
}
