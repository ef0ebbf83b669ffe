//! Turning WeChat's answer to a call into `Ok(Answer)` or an [`Error`].
//!
//! WeChat answers HTTP 200 even for errors: success is `errcode == 0` only (and, for a
//! release, a `result` that is not `"failed"`). A success is never turned into a failure
//! because of what else the answer holds: extra keys are kept, integers beyond 2^53 are
//! kept exactly (as decimal strings, since a JavaScript number would change them), and a
//! `__proto__` key stays plain data (the answer reaches JS as JSON text for `JSON.parse`).
//! Every message quoting the answer is redacted and capped at
//! [`redact::SNIPPET_MAX_CHARS`] characters.

mod numbers;

use crate::calls::{Call, Effect};
use crate::errcode;
use crate::error::{Error, TransportError, TransportKind, WxApiError};
use crate::redact;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

pub use numbers::quote_big_integers;

/// A successful answer, as JSON text: the body as WeChat sent it, with integers beyond
/// 2^53 − 1 written as strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub json: String,
}

impl Answer {
    /// The answer as a JSON value.
    pub fn value(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.json).ok()
    }
}

/// The top-level keys the parser looks at; the last of a repeated key wins, as in
/// `JSON.parse`.
#[derive(Default)]
struct Top {
    errcode: Option<Result<i64, &'static str>>,
    errmsg: Option<Errmsg>,
    result: Option<String>,
}

/// What `errmsg` held: a string as it should, or anything else (its JSON text).
enum Errmsg {
    Text(String),
    Other(String),
}

struct TopSeed;

impl<'de> DeserializeSeed<'de> for TopSeed {
    type Value = Option<Top>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed {
    type Value = Option<Top>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut top = Top::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "errcode" => {
                    let raw: &RawValue = map.next_value()?;
                    top.errcode = Some(errcode_of(raw.get()));
                }
                "errmsg" => {
                    let raw: &RawValue = map.next_value()?;
                    top.errmsg = Some(match crate::json_read::string(raw.get()) {
                        Some(text) => Errmsg::Text(text),
                        None if raw.get() == "null" => Errmsg::Other(String::new()),
                        None => Errmsg::Other(raw.get().to_owned()),
                    });
                }
                "result" => {
                    let raw: &RawValue = map.next_value()?;
                    top.result = crate::json_read::string(raw.get());
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(top))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// An errcode must be a JSON integer that fits in 64 bits: `"0"` and `0.0` are not.
pub(crate) fn errcode_of(raw: &str) -> Result<i64, &'static str> {
    let is_number = raw
        .bytes()
        .next()
        .is_some_and(|b| b == b'-' || b.is_ascii_digit());
    if !is_number {
        return Err("errcode is not a JSON number");
    }
    raw.parse::<i64>()
        .map_err(|_| "errcode is not an integer that fits in 64 bits")
}

/// WeChat's request id, from an errmsg that ends with `rid: <id>`.
pub fn request_id(errmsg: &str) -> Option<String> {
    let at = errmsg.rfind("rid:")?;
    let id: String = errmsg
        .get(at + 4..)?
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(128)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// Parses the answer to one attempt of `call`. `secrets` are the values to mask in any
/// message or kept text (the token and the body's secrets that were sent);
/// `access_token=…` parameters and secret JSON keys are masked whether listed or not.
///
/// - status outside 2xx → `HTTP_STATUS` (`outcome_unknown` for a 5xx to a call that
///   changes something: the request reached a server);
/// - a body that is not a UTF-8 JSON object with an integer `errcode` → `BAD_RESPONSE`
///   (`outcome_unknown` for a call that changes something);
/// - `errcode` 0 → `Ok`, unless the call declares a failing `result` and the answer has it;
/// - any other `errcode` → `WX_API` with the catalog's name, hint and class.
///
/// `headers` are only used to name the content-type in messages: WeChat sometimes sends
/// JSON as `text/plain`, so it is not required to be `application/json`.
pub fn parse_response(
    call: &Call,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    secrets: &[&str],
) -> Result<Answer, Error> {
    if !(200..=299).contains(&status) {
        return Err(http_status_error(call, status, body, secrets));
    }
    let bad = |what: &str, quote: Option<&str>| {
        bad_response(call, status, content_type(headers), what, quote, secrets)
    };
    if body.is_empty() {
        return Err(bad("the body is empty", None));
    }
    let Ok(text) = std::str::from_utf8(body) else {
        let lossy = String::from_utf8_lossy(body);
        return Err(bad("the body is not UTF-8 text", Some(&lossy)));
    };
    // A UTF-8 byte order mark is not JSON, but says nothing wrong about the answer.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let top = match TopSeed
        .deserialize(&mut de)
        .and_then(|t| de.end().map(|()| t))
    {
        Ok(Some(top)) => top,
        Ok(None) => return Err(bad("the body is not a JSON object", Some(text))),
        Err(_) => return Err(bad("the body is not JSON", Some(text))),
    };
    let errcode = match top.errcode {
        Some(Ok(code)) => code,
        Some(Err(what)) => return Err(bad(what, Some(text))),
        None => return Err(bad("the body has no errcode", Some(text))),
    };
    let errmsg = match &top.errmsg {
        Some(Errmsg::Text(text) | Errmsg::Other(text)) => text.clone(),
        None => String::new(),
    };
    if errcode == 0 {
        if let Some(failed) = call.failed_result {
            if top.result.as_deref() == Some(failed.value) {
                let answer = redact::redact_text(&quote_big_integers(text), secrets);
                let mut error = WxApiError::from_catalog(
                    0,
                    redact::redacted_snippet(&errmsg, secrets),
                    failed.hint,
                );
                error.errname = Some("result_failed");
                error.result = top.result;
                error.answer = Some(answer);
                return Err(Error::wx_api(error));
            }
        }
        let json = quote_big_integers(text);
        let json = match &top.errmsg {
            Some(Errmsg::Text(_)) => json.into_owned(),
            _ => with_errmsg(&json, &errmsg),
        };
        return Ok(Answer { json });
    }
    let errmsg = redact::redacted_snippet(&errmsg, secrets);
    Err(Error::wx_api(WxApiError::from_catalog(
        errcode,
        errmsg,
        errcode::UNKNOWN_HINT,
    )))
}

fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.as_str())
}

pub(crate) fn quote_body(body: &str, secrets: &[&str]) -> String {
    if body.trim().is_empty() {
        "(empty body)".to_owned()
    } else {
        format!("body: {}", redact::redacted_snippet(body, secrets))
    }
}

/// What an answer that cannot be used means for a call: whether it may have taken effect.
fn after_sending(call: &Call) -> &'static str {
    match call.effect {
        Effect::Changes => {
            "the request was sent, so it may have taken effect: check (e.g. in the CloudBase \
             console) before calling again"
        }
        Effect::Reads => "this call only reads, so calling again is safe",
    }
}

fn http_status_error(call: &Call, status: u16, body: &[u8], secrets: &[&str]) -> Error {
    let server_error = status >= 500;
    let advice = if server_error {
        after_sending(call)
    } else {
        "WeChat answers 200 even for errors, so a proxy, gateway or wrong baseUrl likely \
         answered: check baseUrl"
    };
    let body = quote_body(&String::from_utf8_lossy(body), secrets);
    Error::Transport(TransportError::answered(
        TransportKind::HttpStatus,
        format!("HTTP status {status} instead of 200; {advice}; {body}"),
        status,
        server_error && call.effect == Effect::Changes,
    ))
}

fn bad_response(
    call: &Call,
    status: u16,
    content_type: Option<&str>,
    what: &str,
    quote: Option<&str>,
    secrets: &[&str],
) -> Error {
    let content_type = match content_type {
        Some(ct) => format!(" (content-type {})", redact::redacted_snippet(ct, secrets)),
        None => String::new(),
    };
    let body = match quote {
        Some(text) => format!("; {}", quote_body(text, secrets)),
        None => String::new(),
    };
    Error::Transport(TransportError::answered(
        TransportKind::BadResponse,
        format!(
            "unexpected answer from WeChat: {what}{content_type}; {}{body}",
            after_sending(call)
        ),
        status,
        call.effect == Effect::Changes,
    ))
}

/// The answer with `errmsg` set to a string (it was missing or not one), so an answer
/// always has the `errmsg: string` its type promises. Key order is kept.
fn with_errmsg(json: &str, errmsg: &str) -> String {
    use crate::json::Json;
    let Ok(Json::Object(mut entries)) = serde_json::from_str::<Json>(json) else {
        return json.to_owned();
    };
    let text = Json::String(errmsg.to_owned());
    match entries.iter_mut().find(|(key, _)| key == "errmsg") {
        Some((_, value)) => *value = text,
        None => entries.push(("errmsg".to_owned(), text)),
    }
    serde_json::to_string(&Json::Object(entries)).unwrap_or_else(|_| json.to_owned())
}
