//! Turning WeChat's answer into `Ok(CreateServiceResponse)` or an [`Error`].
//!
//! WeChat answers HTTP 200 even for errors: success is `errcode == 0` only. Every message
//! quoting the answer is redacted (token, ES password) and capped at
//! [`redact::SNIPPET_MAX_CHARS`] characters.

use crate::errcode;
use crate::error::{Error, TransportError, TransportKind, WxApiError};
use crate::model::CreateServiceResponse;
use crate::redact;
use serde_json::Value;

/// Parses one answer. `secrets` are the values to mask in any message (the access token
/// and the ES password that were sent); `access_token=…` parameters and
/// `"password": "…"` pairs are masked whether listed or not.
///
/// - status outside 2xx → `HTTP_STATUS` (`outcome_unknown` for 5xx: the request reached a
///   server, so a service may have been created);
/// - a body that is not a UTF-8 JSON object with an integer `errcode` → `BAD_RESPONSE`
///   (`outcome_unknown`); a string `"0"` or a float `0.0` is not an integer errcode;
/// - `errcode` 0 → `Ok`, other keys kept in `extra`, a missing `errmsg` read as `""`;
/// - any other `errcode` → `WX_API` with the catalog's name, hint and class (unknown codes:
///   no name, a generic hint, class `Unknown`).
///
/// `headers` are only used to name the content-type in messages: WeChat sometimes sends
/// JSON as `text/plain`, so it is not required to be `application/json`.
pub fn parse_response(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    secrets: &[&str],
) -> Result<CreateServiceResponse, Error> {
    if !(200..=299).contains(&status) {
        return Err(http_status_error(status, body, secrets));
    }
    let bad = |what: &str, quote: Option<&str>| {
        bad_response(status, content_type(headers), what, quote, secrets)
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
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Err(bad("the body is not JSON", Some(text)));
    };
    let Value::Object(mut map) = value else {
        return Err(bad("the body is not a JSON object", Some(text)));
    };
    let errcode = match map.remove("errcode") {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(code) => code,
            None => {
                return Err(bad(
                    "errcode is not an integer that fits in 64 bits",
                    Some(text),
                ))
            }
        },
        Some(_) => return Err(bad("errcode is not a JSON number", Some(text))),
        None => return Err(bad("the body has no errcode", Some(text))),
    };
    let errmsg = match map.remove("errmsg") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
    };
    if errcode == 0 {
        return Ok(CreateServiceResponse {
            errcode,
            errmsg,
            extra: map,
        });
    }
    let errmsg = redact::redacted_snippet(&errmsg, secrets);
    let error = WxApiError::from_catalog(errcode, errmsg, errcode::UNKNOWN_HINT);
    Err(Error::WxApi(error))
}

fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.as_str())
}

fn quote_body(body: &str, secrets: &[&str]) -> String {
    if body.trim().is_empty() {
        "(empty body)".to_owned()
    } else {
        format!("body: {}", redact::redacted_snippet(body, secrets))
    }
}

fn http_status_error(status: u16, body: &[u8], secrets: &[&str]) -> Error {
    let server_error = status >= 500;
    let advice = if server_error {
        "the request was sent, so a service may have been created: check (e.g. in the \
         CloudBase console) before calling again"
    } else {
        "WeChat answers 200 even for errors, so a proxy, gateway or wrong baseUrl likely \
         answered: check baseUrl"
    };
    let body = quote_body(&String::from_utf8_lossy(body), secrets);
    answered(
        TransportKind::HttpStatus,
        format!("HTTP status {status} instead of 200; {advice}; {body}"),
        status,
        server_error,
    )
}

/// A transport error for an answer that arrived with `status`.
fn answered(kind: TransportKind, message: String, status: u16, outcome_unknown: bool) -> Error {
    let mut error = Error::transport(kind, message);
    if let Error::Transport(TransportError {
        status: s,
        outcome_unknown: o,
        ..
    }) = &mut error
    {
        *s = Some(status);
        *o = outcome_unknown;
    }
    error
}

fn bad_response(
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
    answered(
        TransportKind::BadResponse,
        format!(
            "unexpected answer from WeChat: {what}{content_type}; the request was sent, so a \
             service may have been created: check before calling again{body}"
        ),
        status,
        true,
    )
}
