//! The `onRequest` / `onResponse` hooks (and the token manager's `onStoreError` and
//! `onRefresh`): called with views that hold no secret, sync or async, and never able to
//! break the call — a hook that throws is ignored, one that returns a rejecting promise gets
//! a handler (Node would otherwise end the process on the unhandled rejection). Hooks
//! observe; they do not steer, so the call never waits for one.

use super::errors::issues_to_js;
use super::js;
use crate::issue::Issue;
use crate::request::HttpRequest;
use wasm_bindgen::prelude::*;

/// Calls `hook` with `view`, if there is a hook.
pub fn notify(hook: Option<&js_sys::Function>, view: &JsValue) {
    let Some(f) = hook else { return };
    if let Ok(returned) = js::call(f, &JsValue::UNDEFINED, &[view]) {
        js::quiet(&returned);
    }
}

/// Calls `hook` with the view `make` gives, if there is a hook: a call with no hooks makes
/// no view (a view copies the redacted URL and body into JS).
pub fn notify_with(hook: Option<&js_sys::Function>, make: impl FnOnce() -> JsValue) {
    if hook.is_some() {
        notify(hook, &make());
    }
}

/// Which call and attempt a view is about.
pub struct Attempt {
    /// The call's number, shown as `callId: "c<number>"`.
    pub call_id: u64,
    pub call: &'static str,
    pub attempt: u32,
}

pub fn request_view(at: &Attempt, http: &HttpRequest, warnings: &[Issue]) -> JsValue {
    js::object(&[
        ("callId", format!("c{}", at.call_id).into()),
        ("call", at.call.into()),
        ("attempt", f64::from(at.attempt).into()),
        ("method", http.method.into()),
        ("url", http.redacted_url().into()),
        ("body", http.redacted_body().into()),
        ("warnings", issues_to_js(warnings)),
    ])
    .into()
}

/// What an attempt ended with, for `onResponse`.
pub enum Seen<'a> {
    /// An answer with this errcode.
    Errcode(i64),
    /// No usable answer: the error's code (`TIMEOUT`, `NETWORK`, …).
    Error(&'a str),
}

pub fn response_view(
    at: &Attempt,
    status: Option<u16>,
    seen: Seen<'_>,
    duration_ms: f64,
) -> JsValue {
    let mut entries = vec![
        ("callId", JsValue::from(format!("c{}", at.call_id))),
        ("call", at.call.into()),
        ("attempt", f64::from(at.attempt).into()),
        ("durationMs", duration_ms.max(0.0).into()),
    ];
    if let Some(status) = status {
        entries.push(("status", f64::from(status).into()));
    }
    match seen {
        Seen::Errcode(code) => entries.push(("errcode", (code as f64).into())),
        Seen::Error(code) => entries.push(("error", code.into())),
    }
    js::object(&entries).into()
}
