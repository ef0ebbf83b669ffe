//! Redaction of the two secrets this library handles (the access token and the ES
//! password) out of URLs, request bodies and any text that may echo them, plus a char-safe
//! cap for error snippets.
//!
//! Redact first, then cap: a secret cut in half by the cap would no longer be recognised.

use crate::request::QUERY_VALUE_SET;
use percent_encoding::utf8_percent_encode;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

/// What every redacted value is replaced by.
pub const MASK: &str = "***";

/// Longest error snippet, in characters (DESIGN.md: snippets are capped at 256 chars).
pub const SNIPPET_MAX_CHARS: usize = 256;

/// Keys whose values [`redact_body`] and [`redact_text`] always mask, compared
/// case-insensitively. `es_info.password` is the one the request carries; the others are
/// masked wherever they turn up (a pasted token-endpoint body, an echo).
const SECRET_KEYS: &[&str] = &[
    "password",
    "access_token",
    "component_access_token",
    "component_appsecret",
];

/// Suffixes of JSON keys (`…"key": "VALUE"`) whose string values [`redact_text`] masks.
/// `access_token"` also covers `component_access_token"`.
const SECRET_KEY_SUFFIXES: &[&str] = &["access_token\"", "password\"", "appsecret\""];

/// The query-parameter name whose value is masked (`component_access_token=` too).
const TOKEN_PARAM: &str = "access_token=";

/// Replaces the value of every `access_token=` query parameter of `url` with `***`
/// (names compared case-insensitively; `component_access_token=` is masked too). A value
/// ends at `&`, `#` or the end of the URL.
pub fn redact_url_token(url: &str) -> String {
    redact_params(url, |c| c == '&' || c == '#')
}

/// Masks `secrets` in free text (an errmsg, a response body): every non-empty secret, its
/// percent-encoded forms (upper- and lowercase hex, as a URL would carry it), its
/// JSON-escaped form and its HTML-escaped forms (an error page) are replaced by `***`; so is the value of any `access_token=VALUE`
/// parameter and of any `"access_token"`, `"password"` or `"…appsecret"` JSON string, even
/// for secrets the caller did not list.
///
/// A very short secret masks every occurrence of its characters: over-redaction is the
/// safe side.
pub fn redact_text(text: &str, secrets: &[&str]) -> String {
    let mut variants: Vec<String> = Vec::new();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let encoded = utf8_percent_encode(secret, QUERY_VALUE_SET).to_string();
        let lower_hex = lowercase_percent_hex(&encoded);
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json_inner = json
            .strip_prefix('"')
            .and_then(|j| j.strip_suffix('"'))
            .unwrap_or_default()
            .to_owned();
        let html = html_escaped(secret, "&#39;");
        let html_hex = html_escaped(secret, "&#x27;");
        for variant in [
            (*secret).to_owned(),
            encoded,
            lower_hex,
            json_inner,
            html,
            html_hex,
        ] {
            if !variant.is_empty() && !variants.contains(&variant) {
                variants.push(variant);
            }
        }
    }
    // Longest first, so a secret that contains another is masked whole.
    variants.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut out = text.to_owned();
    for variant in &variants {
        if out.contains(variant.as_str()) {
            out = out.replace(variant.as_str(), MASK);
        }
    }
    let mut out = redact_params(&out, is_text_value_end);
    for suffix in SECRET_KEY_SUFFIXES {
        out = redact_json_string_values(&out, suffix);
    }
    out
}

/// `secret` as an HTML page would echo it, with `'` written as `apostrophe`.
fn html_escaped(secret: &str, apostrophe: &str) -> String {
    let mut out = String::with_capacity(secret.len());
    for c in secret.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c => out.push(c),
        }
    }
    out
}

/// Re-serialises a JSON body with `es_info.password` (and any other `password`,
/// `access_token`, `component_access_token` or `component_appsecret` key, at any depth)
/// replaced by `"***"`, keeping key order. A body that is not JSON is not shown at all: a
/// placeholder stating its length is returned instead.
pub fn redact_body(body_json: &str) -> String {
    match serde_json::from_str::<Json>(body_json) {
        Ok(mut value) => {
            value.mask_secret_keys();
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

/// `%2F` → `%2f`: the same encoding with lowercase hex digits.
fn lowercase_percent_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0u8;
    for c in encoded.chars() {
        if hex_left > 0 {
            out.push(c.to_ascii_lowercase());
            hex_left -= 1;
        } else {
            if c == '%' {
                hex_left = 2;
            }
            out.push(c);
        }
    }
    out
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

/// A JSON value that keeps object keys in their order (serde_json's own `Value` sorts them
/// unless its `preserve_order` feature is on), so a redacted body reads like the real one.
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn mask_secret_keys(&mut self) {
        match self {
            Json::Array(items) => items.iter_mut().for_each(Json::mask_secret_keys),
            Json::Object(entries) => {
                for (key, value) in entries.iter_mut() {
                    let secret = SECRET_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k));
                    if secret && !matches!(value, Json::Null) {
                        *value = Json::String(MASK.to_owned());
                    } else {
                        value.mask_secret_keys();
                    }
                }
            }
            Json::Null | Json::Bool(_) | Json::Number(_) | Json::String(_) => {}
        }
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}
