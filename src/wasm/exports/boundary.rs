//! What the package's JS entry files call for `buildCreateServiceRequest` (see
//! `pkg-template/dist/build-request.js`); hidden from the TypeScript declarations.
//!
//! The request's JSON text crosses as UTF-8 that JS writes straight into wasm memory with
//! `TextEncoder.encodeInto` (wasm-bindgen's string copy is a per-character JS loop, about
//! as slow as `JSON.stringify` itself), and only what JS cannot compute comes back: the
//! URL once per token and base URL, and a body only when it is not the text itself.

use super::super::errors::to_js;
use super::super::input;
use super::super::options;
use super::config_error;
use crate::error::Error;
use crate::request::{request_body, request_url};
use crate::validate::{check, is_clean_canonical, Options};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Input buffers above this are released after use, so one large request does not hold
/// its memory for the life of the instance.
const KEEP_INPUT_BYTES: usize = 64 << 10;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The instance's `WebAssembly.Memory`, for JS to write requests into.
#[wasm_bindgen(js_name = __wxMemory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The address of a buffer of at least `capacity` bytes for the next request's JSON text.
/// It stays valid, and at the same address while it is large enough, until the next call
/// of this function.
#[wasm_bindgen(js_name = __wxInput, skip_typescript)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|buffer| {
        if buffer.len() < capacity {
            buffer.resize(capacity, 0);
        }
        buffer.as_mut_ptr()
    })
}

/// The URL of requests built with these options (`accessToken`, `baseUrl`, `strict`), or
/// the `ConfigError`.
#[wasm_bindgen(js_name = __wxRequestUrl, skip_typescript)]
pub fn request_url_for(opts: JsValue) -> Result<String, JsValue> {
    let settings = options::parse_build(&opts).map_err(config_error)?;
    Ok(request_url(&settings.token, &settings.endpoint))
}

/// Validates the `len` bytes of JSON text written into the input buffer. `undefined` when
/// the text is the body (valid with no finding and keys in the documented order: see
/// `is_clean_canonical`); otherwise the body `build_request` makes. Throws
/// `ValidationError`.
#[wasm_bindgen(js_name = __wxBuildInput, skip_typescript)]
pub fn build_input(len: usize, strict: bool) -> Result<Option<String>, JsValue> {
    INPUT.with_borrow_mut(|buffer| {
        let built = buffer
            .get(..len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .ok_or_else(input::not_text)
            .map_err(|issue| {
                to_js(&Error::Validation {
                    issues: vec![issue],
                })
            })
            .and_then(|text| body(text, strict));
        if buffer.capacity() > KEEP_INPUT_BYTES {
            *buffer = Vec::new();
        }
        built
    })
}

fn body(text: &str, strict: bool) -> Result<Option<String>, JsValue> {
    if is_clean_canonical(text) {
        return Ok(None);
    }
    let value = input::parse(text).map_err(|issue| {
        to_js(&Error::Validation {
            issues: vec![issue],
        })
    })?;
    let (request, _) = check(&value, &Options { strict }).map_err(|e| to_js(&e))?;
    request_body(&request).map(Some).map_err(|e| to_js(&e))
}
