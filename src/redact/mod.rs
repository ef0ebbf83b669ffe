//! Redaction of the secrets this library handles (the access token, passwords in bodies,
//! the app secret, the verify ticket) out of URLs, request bodies and any text that may
//! echo them, plus a char-safe cap for error snippets.
//!
//! Redact first, then cap: a secret cut in half by the cap would no longer be recognised.

mod encoded;

use crate::json::Json;

/// What every redacted value is replaced by.
pub const MASK: &str = "***";

/// Longest error snippet, in characters (DESIGN.md: snippets are capped and redacted).
pub const SNIPPET_MAX_CHARS: usize = 256;

/// Keys whose values [`redact_body`] always masks, compared case-insensitively, besides the
/// secret fields the calls declare: the token and credential keys wherever they turn up (a
/// pasted token-endpoint body, an echo).
const SECRET_KEYS: &[&str] = &[
    "password",
    "access_token",
    "component_access_token",
    "component_appsecret",
    "component_secret",
    "component_verify_ticket",
    "encoding_aes_key",
];

/// Suffixes of JSON keys (`…"key": "VALUE"`) whose string values [`redact_text`] masks.
/// `access_token"` also covers `component_access_token"`.
const SECRET_KEY_SUFFIXES: &[&str] = &[
    "access_token\"",
    "password\"",
    "appsecret\"",
    "component_secret\"",
    "verify_ticket\"",
];

/// The query-parameter name whose value is masked (`component_access_token=` too).
const TOKEN_PARAM: &str = "access_token=";

/// Whether the value of a body key is masked: a declared secret field of any call, or one
/// of [`SECRET_KEYS`].
fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) || crate::calls::is_secret_field(key)
}

/// Replaces the value of every `access_token=` query parameter of `url` with `***`
/// (names compared case-insensitively; `component_access_token=` is masked too). A value
/// ends at `&`, `#` or the end of the URL.
pub fn redact_url_token(url: &str) -> String {
    redact_params(url, |c| c == '&' || c == '#')
}

/// Masks `secrets` in free text (an errmsg, a response body, an error page): every
/// non-empty secret in any encoding an echo can carry it in (as it is, JSON-escaped in
/// whole or in part, percent- or form-encoded, as HTML character references) is replaced by
/// `***`; so is the value of any `access_token=VALUE` parameter and of any
/// `"access_token"`, `"password"`, `"…appsecret"` or `"…verify_ticket"` JSON string, even
/// for secrets the caller did not list.
///
/// A very short secret masks every occurrence of its characters: over-redaction is the
/// safe side.
pub fn redact_text(text: &str, secrets: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in encoded::find(text, secrets) {
        out.push_str(text.get(last..start).unwrap_or_default());
        out.push_str(MASK);
        last = end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    let mut out = redact_params(&out, is_text_value_end);
    for suffix in SECRET_KEY_SUFFIXES {
        out = redact_json_string_values(&out, suffix);
    }
    out
}

/// Re-serialises a JSON body with every secret field (see `is_secret_key`), at any
/// depth, replaced by `"***"`, keeping key order. A body that is not JSON is not shown at all: a
/// placeholder stating its length is returned instead.
pub fn redact_body(body_json: &str) -> String {
    match serde_json::from_str::<Json>(body_json) {
        Ok(mut value) => {
            mask_secret_keys(&mut value);
            serde_json::to_string(&value).unwrap_or_else(|_| non_json_placeholder(body_json.len()))
        }
        Err(_) => non_json_placeholder(body_json.len()),
    }
}

/// At most `max_chars` characters of `text`, followed by `…` when it was cut. Cuts on a
/// char boundary; [`SNIPPET_MAX_CHARS`] is the cap error messages use. Redact before
/// calling this.
pub fn snippet(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
    }
}

/// [`redact_text`] then [`snippet`] with [`SNIPPET_MAX_CHARS`]: the form every error
/// message quoting a response uses.
pub fn redacted_snippet(text: &str, secrets: &[&str]) -> String {
    snippet(&redact_text(text, secrets), SNIPPET_MAX_CHARS)
}

fn non_json_placeholder(len: usize) -> String {
    format!("<body of {len} bytes not shown: not valid JSON, so it cannot be redacted>")
}

fn is_text_value_end(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '&' | '#'
                | '"'
                | '\''
                | '`'
                | '<'
                | '>'
                | '\\'
                | ','
                | ';'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
        )
}

/// Masks the value after every case-insensitive `access_token=` in `text`; a value runs
/// until a char for which `is_end` holds.
fn redact_params(text: &str, is_end: impl Fn(char) -> bool) -> String {
    // ASCII lowercasing keeps every byte offset, so offsets found in `lower` index `text`.
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(rel) = lower.get(pos..).and_then(|rest| rest.find(TOKEN_PARAM)) {
        let value_start = pos + rel + TOKEN_PARAM.len();
        out.push_str(text.get(pos..value_start).unwrap_or_default());
        let rest = text.get(value_start..).unwrap_or_default();
        let value_len = rest.find(&is_end).unwrap_or(rest.len());
        if value_len > 0 {
            out.push_str(MASK);
        }
        pos = value_start + value_len;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}

/// Masks the string value of every `…key": "VALUE"` in `text`, where `key_suffix` is the
/// lowercase end of the key including its closing quote.
fn redact_json_string_values(text: &str, key_suffix: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(rel) = lower.get(pos..).and_then(|rest| rest.find(key_suffix)) {
        let after_key = pos + rel + key_suffix.len();
        match json_string_value_span(text, after_key) {
            Some((start, end)) if start < end => {
                out.push_str(text.get(pos..start).unwrap_or_default());
                out.push_str(MASK);
                pos = end;
            }
            _ => {
                out.push_str(text.get(pos..after_key).unwrap_or_default());
                pos = after_key;
            }
        }
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}

/// From just after a key's closing quote, matches `\s*:\s*"VALUE"` and returns the byte
/// span of VALUE (to the end of `text` if the string is unterminated).
fn json_string_value_span(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let mut chars = rest.char_indices();
    let mut seen_colon = false;
    let start = loop {
        let (i, c) = chars.next()?;
        if c.is_whitespace() {
            continue;
        }
        if c == ':' && !seen_colon {
            seen_colon = true;
            continue;
        }
        if c == '"' && seen_colon {
            break from + i + c.len_utf8();
        }
        return None;
    };
    let mut escaped = false;
    for (i, c) in chars {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return Some((start, from + i));
        }
    }
    Some((start, text.len()))
}

/// Replaces the value of every secret key, at any depth, by `"***"`.
fn mask_secret_keys(value: &mut Json) {
    match value {
        Json::Array(items) => items.iter_mut().for_each(mask_secret_keys),
        Json::Object(entries) => {
            for (key, value) in entries.iter_mut() {
                if is_secret_key(key) && !matches!(value, Json::Null) {
                    *value = Json::String(MASK.to_owned());
                } else {
                    mask_secret_keys(value);
                }
            }
        }
        Json::Null | Json::Bool(_) | Json::Number(_) | Json::String(_) => {}
    }
}
