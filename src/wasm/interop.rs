//! Every conversion between JS values and core types. A request crosses as JSON text: one
//! `JSON.stringify` (getters read once, `toJSON` honoured, `undefined` members dropped),
//! its length checked before the text is copied into wasm memory. Answers cross back as
//! JSON text for `JSON.parse`, which keeps `__proto__` as plain data.

use super::errors::issues_to_js;
use super::js;
use crate::issue::{Issue, IssueCode, Report};
use crate::request::HttpRequest;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Input longer than this (UTF-16 units) is refused before it is copied into wasm memory:
/// a valid request is a few kilobytes, and the engine refuses more than 1 MiB anyway.
pub const MAX_INPUT_CHARS: u32 = 1 << 20;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

fn root(code: IssueCode, message: String) -> Issue {
    Issue::error("", code, message)
}

/// The JSON text of `input`, or the one root issue that says why it has none. `example`
/// names the shape the caller should pass.
pub fn json_text(input: &JsValue, example: &str) -> Result<String, Issue> {
    let kind = if input.is_undefined() {
        Some("undefined")
    } else if input.is_symbol() {
        Some("a symbol")
    } else if input.is_function() {
        Some("a function")
    } else if input.is_bigint() {
        Some("a BigInt")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(root(
            IssueCode::Type,
            format!("the request must be an object like {example}; got {kind}"),
        ));
    }
    let text = js_sys::JSON::stringify(input).map_err(|thrown| {
        // The engine's message may quote the caller's data; only its kind is repeated.
        let what = js::describe_thrown(&thrown)
            .name
            .unwrap_or_else(|| "an exception".into());
        root(
            IssueCode::Type,
            format!(
                "the request could not be read as JSON ({what}: a circular reference, a BigInt \
                 value, or a getter or toJSON that threw); pass plain data"
            ),
        )
    })?;
    bounded_text(&text)
}

/// A JS string's text, refused before copying when longer than [`MAX_INPUT_CHARS`].
pub fn bounded_text(text: &js_sys::JsString) -> Result<String, Issue> {
    // A `toJSON` that returns undefined makes JSON.stringify return undefined.
    let not_text = || {
        root(
            IssueCode::Type,
            "the request could not be read as JSON text".into(),
        )
    };
    if !JsValue::from(text.clone()).is_string() {
        return Err(not_text());
    }
    let length = text.length();
    if length > MAX_INPUT_CHARS {
        return Err(root(
            IssueCode::TooLarge,
            format!(
                "the request is {length} characters as JSON, more than the {MAX_INPUT_CHARS} any \
                 valid request needs; nothing was sent"
            ),
        ));
    }
    text.as_string().ok_or_else(not_text)
}

/// `JSON.parse(text)`; text the core produced is always valid, so a failure only gives
/// `null`.
pub fn parse_json(text: &str) -> JsValue {
    json_parse(text).unwrap_or(JsValue::NULL)
}

pub fn report_to_js(report: &Report) -> JsValue {
    js::object(&[
        ("ok", report.ok.into()),
        ("errors", issues_to_js(&report.errors)),
        ("warnings", issues_to_js(&report.warnings)),
    ])
    .into()
}

/// A built request as JS sees it. `url` (it holds the token) and `body` (it may hold a
/// password) are not enumerable, so logging the object never prints them; reading works.
pub fn http_request_to_js(http: &HttpRequest) -> JsValue {
    let headers = js_sys::Object::new();
    for (name, value) in &http.headers {
        js::define(&headers, name, &JsValue::from_str(value));
    }
    let out = js::object(&[("method", http.method.into()), ("headers", headers.into())]);
    js::define_hidden(&out, "url", &JsValue::from_str(&http.url));
    js::define_hidden(&out, "body", &JsValue::from_str(&http.body));
    out.into()
}

/// A string option's text when `value` is a string no longer than `max` UTF-16 units;
/// `None` when it is not a string; `Some(Err)` when it is too long (nothing was copied).
pub fn bounded_string(value: &JsValue, max: usize) -> Option<Result<String, usize>> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    let length = text.length() as usize;
    if length > max {
        return Some(Err(length));
    }
    Some(text.as_string().ok_or(length))
}
