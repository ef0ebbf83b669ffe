//! Building the HTTP request of a call and rendering it as a curl command. Pure functions:
//! nothing here touches the network.
//!
//! The built [`HttpRequest`] holds the real token (in the URL) and the real secrets of the
//! body (passwords), because that is what is sent. Its `Debug`,
//! [`HttpRequest::redacted_url`], [`HttpRequest::redacted_body`] and [`to_curl`] (unless
//! told to reveal) mask them.

use crate::base_url::{BaseUrl, QUERY_VALUE_SET};
use crate::calls::Call;
use crate::redact;
use crate::secret::AccessToken;
use percent_encoding::utf8_percent_encode;
use std::fmt;

/// The path prefix of every call of the family.
pub const FAMILY_PREFIX: &str = "/componenttcb/";

/// A request ready to send. `url` holds the real token and `body` the real secrets;
/// `Debug` shows the redacted forms.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Always `"POST"`.
    pub method: &'static str,
    /// `{base}/componenttcb/{path}?access_token={percent-encoded token}`.
    pub url: String,
    /// `[("content-type", "application/json")]`.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, keys in the declared order.
    pub body: String,
}

/// Methods [`HttpRequest::from_parts`] keeps; anything else becomes `POST`.
const METHODS: &[&str] = &["POST", "GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

impl HttpRequest {
    /// Rebuilds a request from plain parts, e.g. an `HttpRequest` object handed back from
    /// JS to `toCurl`. The method is matched case-insensitively against the standard ones
    /// (anything else becomes `POST`, the only method this API takes). Only the
    /// `content-type` header is kept: an unknown header could hold a secret that redaction
    /// does not know of, and this library sends no other.
    pub fn from_parts(
        method: impl AsRef<str>,
        url: impl Into<String>,
        headers: impl IntoIterator<Item = (String, String)>,
        body: impl Into<String>,
    ) -> HttpRequest {
        let method = method.as_ref();
        let method = METHODS
            .iter()
            .find(|m| m.eq_ignore_ascii_case(method))
            .copied()
            .unwrap_or("POST");
        let headers = headers
            .into_iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| ("content-type", value))
            .collect();
        HttpRequest {
            method,
            url: url.into(),
            headers,
            body: body.into(),
        }
    }

    /// The URL with the `access_token` value replaced by `***`.
    pub fn redacted_url(&self) -> String {
        redact::redact_url_token(&self.url)
    }

    /// The body with every secret field replaced by `"***"` (see [`redact::redact_body`]).
    pub fn redacted_body(&self) -> String {
        redact::redact_body(&self.body)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &self.headers)
            .field("body", &self.redacted_body())
            .finish()
    }
}

/// The method of every request [`build_request`] makes.
pub const METHOD: &str = "POST";

/// The one header of every request [`build_request`] makes.
pub const CONTENT_TYPE: (&str, &str) = ("content-type", "application/json");

/// Builds the `POST` of `call` with `body` (the canonical body the engine made, see
/// [`crate::engine::check`]) and `token`, against `base`. The token goes only into the URL
/// query.
pub fn build_request(
    call: &Call,
    body: String,
    token: &AccessToken,
    base: &BaseUrl,
) -> HttpRequest {
    HttpRequest {
        method: METHOD,
        url: request_url(call, token, base),
        headers: vec![(CONTENT_TYPE.0, CONTENT_TYPE.1.to_owned())],
        body,
    }
}

/// `{base}/componenttcb/{path}?access_token={percent-encoded token}`: the URL of
/// [`build_request`]'s requests, which depends on nothing but the call, the token and the
/// base URL.
pub fn request_url(call: &Call, token: &AccessToken, base: &BaseUrl) -> String {
    format!(
        "{}{FAMILY_PREFIX}{}?access_token={}",
        base.as_str(),
        call.path,
        utf8_percent_encode(token.expose(), QUERY_VALUE_SET)
    )
}

/// Renders `req` as a POSIX-shell command:
/// `curl -X POST 'URL' -H 'content-type: application/json' --data-raw 'BODY'`.
/// Every argument is single-quoted (an embedded `'` becomes `'\''`). The token and the body's
/// secrets are masked unless `reveal` is true.
pub fn to_curl(req: &HttpRequest, reveal: bool) -> String {
    let (url, body) = if reveal {
        (req.url.clone(), req.body.clone())
    } else {
        (req.redacted_url(), req.redacted_body())
    };
    let method = if !req.method.is_empty() && req.method.bytes().all(|b| b.is_ascii_uppercase()) {
        req.method.to_owned()
    } else {
        shell_quote(req.method)
    };
    let mut out = format!("curl -X {method} {}", shell_quote(&url));
    for (name, value) in &req.headers {
        out.push_str(" -H ");
        out.push_str(&shell_quote(&format!("{name}: {value}")));
    }
    out.push_str(" --data-raw ");
    out.push_str(&shell_quote(&body));
    out
}

/// Single-quotes `s` for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
