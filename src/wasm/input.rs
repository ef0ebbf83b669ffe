//! How a request crosses from JS into wasm: one `JSON.stringify` on the JS side and one
//! string copied in, instead of a property-by-property walk across the boundary (measured
//! the cheaper way; see BENCHMARKS.md). `JSON.stringify` also settles what a JS value
//! means: getters are read once, `toJSON` is honoured, `undefined` members drop out.

use super::js;
use crate::issue::Issue;
use wasm_bindgen::prelude::*;

/// Input larger than this is refused before it is copied into wasm memory: a valid request
/// is a few kilobytes, and no string in it may exceed 64 KiB.
pub const MAX_INPUT_CHARS: u32 = 1 << 20;

fn root(code: &'static str, message: String) -> Issue {
    Issue::error("", code, message)
}

/// The issue of a request whose JSON text cannot be read.
pub fn not_text() -> Issue {
    root(
        "type",
        "the request could not be read as JSON text".to_string(),
    )
}

/// The JSON text of `input`, or the one root issue that says why it has none.
pub fn to_json_text(input: &JsValue) -> Result<String, Issue> {
    let kind = if input.is_undefined() {
        Some("undefined")
    } else if input.is_symbol() {
        Some("a symbol")
    } else if input.is_function() {
        Some("a function")
    } else if input.is_bigint() {
        Some("a BigInt")
    } else if input.as_f64().is_some() {
        Some("a number")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(root(
            "type",
            format!(
                "the request must be an object like {{ env_id, service_name, is_public }}; got {kind}"
            ),
        ));
    }
    let text = js_sys::JSON::stringify(input).map_err(|thrown| {
        // The engine's message may quote the caller's data; only its kind is repeated.
        let what = js::describe_thrown(&thrown)
            .name
            .unwrap_or_else(|| "an exception".into());
        root(
            "type",
            format!(
                "the request could not be read as JSON ({what}: a circular reference, a BigInt \
                 value, or a getter or toJSON that threw); pass plain data"
            ),
        )
    })?;
    // A `toJSON` that returns undefined makes JSON.stringify return undefined.
    if !text.is_string() {
        return Err(not_text());
    }
    let length = text.length();
    if length > MAX_INPUT_CHARS {
        return Err(root(
            "too_large",
            format!(
                "the request is {length} characters as JSON, more than the {MAX_INPUT_CHARS} any \
                 valid request needs; nothing was sent"
            ),
        ));
    }
    text.as_string().ok_or_else(not_text)
}

/// Parses JSON text produced by `JSON.stringify` into a value for the validator.
pub fn parse(text: &str) -> Result<serde_json::Value, Issue> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.contains("recursion limit") {
            root(
                "depth",
                "the request is nested far deeper than its schema (objects or arrays within \
                 each other over 100 levels); pass the flat object of the docs"
                    .to_string(),
            )
        } else if message.contains("surrogate") {
            root(
                "control_char",
                "a string in the request holds a lone UTF-16 surrogate, which is not valid \
                 text; remove it"
                    .to_string(),
            )
        } else {
            root("type", "the request is not valid JSON data".to_string())
        }
    })
}

/// `input` as a JSON value, or the root issue that stops it.
pub fn to_value(input: &JsValue) -> Result<serde_json::Value, Issue> {
    parse(&to_json_text(input)?)
}
