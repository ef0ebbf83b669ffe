//! What the package's JS entries call for `validateRequest` and `buildRequest` (see
//! `pkg-template/dist/fast.js`); hidden from the TypeScript declarations.
//!
//! The request's JSON text crosses as UTF-8 that JS writes straight into wasm memory with
//! `TextEncoder.encodeInto` (wasm-bindgen's string copy walks the text in JS first), and
//! only what JS cannot compute comes back: a few flags, the URL once per token and base URL,
//! and a body or report only when it is not the obvious one. The engine is the same one the
//! other exports use; nothing here validates on its own.

use super::errors::{to_js, JsFail};
use super::exports::call_named;
use super::interop::report_to_js;
use super::settings;
use crate::engine::{self, Body, Checked, Rules};
use crate::error::Error;
use crate::issue::{Issue, IssueCode};
use crate::request::request_url;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Input buffers above this are released after use, so one large request does not hold
/// its memory for the life of the instance.
const KEEP_INPUT_BYTES: usize = 64 << 10;

/// `__wxCheck`'s answer, bit by bit.
const OK: u32 = 1;
const BODY_IS_INPUT: u32 = 2;
const HAS_WARNINGS: u32 = 4;
const NO_SUCH_CALL: u32 = 8;
/// Bits of its `flags` argument.
const STRICT: u32 = 1;
const ALLOW_UNKNOWN_KEYS: u32 = 2;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The last check, for `__wxBody`, `__wxReport` and `__wxError` right after it.
    static LAST: RefCell<Option<Checked>> = const { RefCell::new(None) };
}

/// The instance's `WebAssembly.Memory`, for JS to write requests into.
#[wasm_bindgen(js_name = __wxMemory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The address of a buffer of at least `capacity` bytes for the next request's JSON text.
/// It stays valid, and at the same address while it is large enough, until the next call of
/// this function.
#[wasm_bindgen(js_name = __wxInput, skip_typescript)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|buffer| {
        if buffer.len() < capacity {
            buffer.resize(capacity, 0);
        }
        buffer.as_mut_ptr()
    })
}

/// The URL of requests of `call` built with these options (`accessToken`, `baseUrl`, …),
/// or the `ConfigError`.
#[wasm_bindgen(js_name = __wxRequestUrl, skip_typescript)]
pub fn request_url_for(call: JsValue, opts: JsValue) -> Result<String, JsValue> {
    let call = call_named(&call).map_err(|issue| to_js(&Error::config(vec![issue])))?;
    let build = settings::build(&opts).map_err(|issues| to_js(&Error::config(issues)))?;
    Ok(request_url(call, &build.token, &build.base))
}

/// The position of the call named `name` in the family (`calls::CALLS`), or -1: the entry
/// looks a name up once and passes the number to [`check`] from then on.
#[wasm_bindgen(js_name = __wxCallIndex, skip_typescript)]
pub fn call_index(name: JsValue) -> i32 {
    match call_named(&name) {
        Ok(call) => crate::calls::CALLS
            .iter()
            .position(|c| std::ptr::eq(*c, call))
            .map_or(-1, |i| i as i32),
        Err(_) => -1,
    }
}

/// Checks the `len` bytes of JSON text in the input buffer as a request of the call at
/// `call` (see [`call_index`]); `flags` holds strict and allowUnknownKeys. Returns bits: ok,
/// the body is the text itself, there are warnings; [`NO_SUCH_CALL`] for an index that is
/// no call's (the entry passes only indexes it was given). The details stay for `__wxBody`,
/// `__wxReport` and `__wxError`. A plain number, not a `Result`: this is the one call every
/// build and validation makes, and a `Result` costs a multi-value shim and a check in JS.
#[wasm_bindgen(js_name = __wxCheck, skip_typescript)]
pub fn check(call: u32, len: usize, flags: u32) -> u32 {
    let Some(call) = crate::calls::CALLS.get(call as usize).copied() else {
        return NO_SUCH_CALL;
    };
    let rules = Rules {
        strict: flags & STRICT != 0,
        allow_unknown_keys: flags & ALLOW_UNKNOWN_KEYS != 0,
    };
    let checked = INPUT.with_borrow_mut(|buffer| {
        let text = buffer
            .get(..len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok());
        let checked = match text {
            Some(text) => {
                let mut checked = engine::check(call, text, &rules);
                // The body is kept only when it differs from the text JS already has.
                if let Some(Body::Input) = checked.body {
                    checked.body = Some(Body::Input);
                }
                checked
            }
            None => not_text(),
        };
        if buffer.capacity() > KEEP_INPUT_BYTES {
            *buffer = Vec::new();
        }
        checked
    });
    let mut bits = 0;
    if checked.report.ok {
        bits |= OK;
    }
    if checked.body == Some(Body::Input) {
        bits |= BODY_IS_INPUT;
    }
    if !checked.report.warnings.is_empty() {
        bits |= HAS_WARNINGS;
    }
    LAST.with_borrow_mut(|last| *last = Some(checked));
    bits
}

fn not_text() -> Checked {
    Checked {
        report: crate::issue::Report::from_issues(
            vec![Issue::error(
                "",
                IssueCode::Type,
                "the request could not be read as JSON text",
            )],
            false,
        ),
        body: None,
        secrets: Vec::new(),
    }
}

/// The body the last check built, when it is not the input text.
#[wasm_bindgen(js_name = __wxBody, skip_typescript)]
pub fn body() -> Option<String> {
    LAST.with_borrow(|last| match last.as_ref()?.body.as_ref()? {
        Body::Built(text) => Some(text.clone()),
        Body::Input => None,
    })
}

/// The report of the last check.
#[wasm_bindgen(js_name = __wxReport, skip_typescript)]
pub fn report() -> JsValue {
    let report = LAST.with_borrow(|last| last.as_ref().map(|c| c.report.clone()));
    report_to_js(&report.unwrap_or_default())
}

/// The `ValidationError` of the last check.
#[wasm_bindgen(js_name = __wxError, skip_typescript)]
pub fn error() -> JsValue {
    let (issues, warnings) = LAST.with_borrow(|last| {
        last.as_ref()
            .map(|c| (c.report.errors.clone(), c.report.warnings.clone()))
            .unwrap_or_default()
    });
    JsFail::new(&Error::Validation { issues, warnings }).into_js()
}
