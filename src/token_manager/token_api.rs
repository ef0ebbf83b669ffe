//! The token API (`POST /cgi-bin/component/api_component_token`): the request, the
//! parsing of its answer, and when to try again.

use super::Credentials;
use crate::base_url::BaseUrl;
use crate::errcode::{self, RetryClass};
use crate::error::{Error, TransportError, TransportKind, WxApiError};
use crate::issue::IssueCode;
use crate::json_read;
use crate::redact;
use crate::request::HttpRequest;
use crate::response::quote_body as quote;
use crate::retry::{backoff_ms, Outcome};
use crate::secret::{AccessToken, Secret};
use serde::Serialize;
use serde_json::value::RawValue;
use std::fmt;

/// Path of the token endpoint, appended to the base URL.
pub const TOKEN_PATH: &str = "/cgi-bin/component/api_component_token";

/// Longest `expires_in` accepted from the endpoint (a year): WeChat says 7200.
const MAX_EXPIRES_IN_SECONDS: f64 = 366.0 * 24.0 * 3600.0;

/// Hint of errcodes the catalog lacks, for the token endpoint (the catalog's own fallback
/// talks about services, which this endpoint never creates).
pub const UNKNOWN_TOKEN_ERRCODE_HINT: &str = "This errcode is not documented for \
    api_component_token: check errmsg and the third-party platform's settings on the WeChat \
    Open Platform before trying again.";

/// The token request: its body holds the app secret and the verify ticket, so `Debug`
/// shows neither.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenRequest {
    url: String,
    body: Secret,
}

#[derive(Serialize)]
struct TokenBody<'a> {
    component_appid: &'a str,
    component_appsecret: &'a str,
    component_verify_ticket: &'a str,
}

/// `POST {base}/cgi-bin/component/api_component_token` with
/// `{component_appid, component_appsecret, component_verify_ticket}`.
pub fn build_token_request(
    endpoint: &BaseUrl,
    credentials: &Credentials,
    ticket: &Secret,
) -> Result<TokenRequest, Error> {
    let body = serde_json::to_string(&TokenBody {
        component_appid: credentials.app_id(),
        component_appsecret: credentials.app_secret().expose(),
        component_verify_ticket: ticket.expose(),
    })
    .map_err(|_| {
        Error::config_one(
            "",
            IssueCode::Serialize,
            "the token request could not be serialised to JSON",
        )
    })?;
    Ok(TokenRequest {
        url: format!("{}{TOKEN_PATH}", endpoint.as_str()),
        body: Secret::new(body),
    })
}

impl TokenRequest {
    /// The URL: base plus [`TOKEN_PATH`], no query, nothing secret.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The JSON body, secrets included: for the wire only.
    pub fn body(&self) -> &Secret {
        &self.body
    }

    /// The request in the transport's shape.
    pub fn to_http(&self) -> HttpRequest {
        HttpRequest {
            method: "POST",
            url: self.url.clone(),
            headers: vec![("content-type", "application/json".to_owned())],
            body: self.body.expose().to_owned(),
        }
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("url", &self.url)
            .field("body", &self.body)
            .finish()
    }
}

/// The keys of the endpoint's answer the parser reads, each kept as raw JSON to be judged
/// on its own (other keys are skipped; the last of a repeated key counts, as in `JSON.parse`).
const ANSWER_KEYS: [&str; 4] = ["errcode", "errmsg", "component_access_token", "expires_in"];

/// A token as the endpoint issued it.
#[derive(Clone, Debug, PartialEq)]
pub struct IssuedToken {
    pub token: AccessToken,
    /// Lifetime in seconds (`expires_in`), a positive integer.
    pub expires_in_seconds: f64,
}

fn transport_error(kind: TransportKind, message: String, status: Option<u16>) -> Error {
    // Getting a token creates nothing: whatever happened, asking again is safe.
    let mut error = TransportError::new(kind, message, false);
    error.status = status;
    Error::Transport(error)
}

/// Parses an answer of the token endpoint. `secrets` (the app secret and the ticket that
/// were sent) are masked in every quoted text; token values are masked by their key.
///
/// - status outside 2xx → `HTTP_STATUS`;
/// - a non-zero integer `errcode` → `WX_API` with the catalog's name and hint;
/// - a body that is not a JSON object with a valid `component_access_token` string and a
///   positive integer `expires_in` → `BAD_RESPONSE`.
pub fn parse_token_response(
    status: u16,
    body: &[u8],
    secrets: &[&str],
) -> Result<IssuedToken, Error> {
    let text = String::from_utf8_lossy(body);
    if !(200..=299).contains(&status) {
        let advice = if status >= 500 {
            "WeChat or a gateway failed; try again later"
        } else {
            "WeChat answers 200 even for errors, so a proxy, gateway or wrong baseUrl likely \
             answered: check baseUrl"
        };
        return Err(transport_error(
            TransportKind::HttpStatus,
            format!(
                "the token endpoint answered HTTP status {status} instead of 200; {advice}; {}",
                quote(&text, secrets)
            ),
            Some(status),
        ));
    }
    let bad = |what: &str| {
        transport_error(
            TransportKind::BadResponse,
            format!(
                "unexpected answer from the token endpoint: {what}; {}",
                quote(&text, secrets)
            ),
            Some(status),
        )
    };
    let Ok(utf8) = std::str::from_utf8(body) else {
        return Err(bad("the body is not UTF-8 text"));
    };
    let utf8 = utf8.strip_prefix('\u{feff}').unwrap_or(utf8);
    let Some([errcode, errmsg, token, expires_in]) = json_read::pick(utf8, &ANSWER_KEYS) else {
        return Err(bad("the body is not a JSON object"));
    };
    match errcode.map(|raw| crate::response::errcode_of(raw.get())) {
        None | Some(Ok(0)) => {}
        Some(Ok(code)) => {
            let errmsg = match errmsg.map(RawValue::get) {
                None | Some("null") => String::new(),
                Some(raw) => json_read::string(raw).unwrap_or_else(|| raw.to_owned()),
            };
            return Err(Error::wx_api(wx_api_error(code, &errmsg, secrets)));
        }
        Some(Err(what)) => return Err(bad(what)),
    }
    let token = token.and_then(|raw| json_read::string(raw.get()));
    let token = match token {
        Some(s) => match AccessToken::parse(&s) {
            Ok(token) => token,
            Err(_) => return Err(bad("component_access_token is not a valid token")),
        },
        None => return Err(bad("component_access_token is missing or not a string")),
    };
    let expires_in = expires_in.and_then(|raw| json_read::number(raw.get()));
    let expires_in = match expires_in {
        Some(s) if s.fract() == 0.0 && s > 0.0 && s <= MAX_EXPIRES_IN_SECONDS => s,
        _ => {
            return Err(bad(
                "expires_in is missing or not a positive whole number of seconds",
            ))
        }
    };
    Ok(IssuedToken {
        token,
        expires_in_seconds: expires_in,
    })
}

/// The `WxApiError` of a token-endpoint errcode, errmsg redacted and capped.
pub fn wx_api_error(errcode: i64, errmsg: &str, secrets: &[&str]) -> WxApiError {
    let errmsg = redact::redacted_snippet(errmsg, secrets);
    WxApiError::from_catalog(errcode, errmsg, UNKNOWN_TOKEN_ERRCODE_HINT)
}

/// The error of a failed attempt at `origin`, with a message about the token endpoint.
/// `sent` says whether the request may have left. A not-sent failure keeps the transport's
/// message (it names the cause and says nothing was sent); the others' messages talk about
/// services, which this endpoint never creates, so they are replaced.
pub fn attempt_failure(error: Error, sent: bool, origin: &str, timeout_ms: f64) -> Error {
    let Error::Transport(t) = error else {
        return error;
    };
    let message = match (t.kind, sent) {
        (_, false) => t.message,
        (TransportKind::Timeout, true) => format!(
            "no complete answer from {origin} within {} ms while getting a \
             component_access_token",
            crate::engine::text::number(timeout_ms.round())
        ),
        (TransportKind::BadResponse, true) => format!(
            "the token endpoint at {origin} sent an answer that cannot be read (not a \
             response, or larger than any token answer)"
        ),
        (_, true) => {
            format!("the connection to {origin} failed while getting a component_access_token")
        }
    };
    transport_error(t.kind, message, t.status)
}

/// Whether to try the token request again, and after how long. Getting a token creates
/// nothing, so every transient failure is worth another attempt: errcode `-1` (busy), a
/// failure before sending, a timeout, a dropped connection and a 5xx. Not: other errcodes
/// (the ticket, secret, whitelist or quota must be fixed first) and unreadable answers.
/// `None` once `max_retries` are spent or the wait would pass the deadline.
pub fn retry_delay(
    outcome: Outcome<'_>,
    retries: u32,
    max_retries: u32,
    remaining_ms: f64,
    unit: f64,
) -> Option<f64> {
    let transient = match outcome {
        Outcome::NotSent => true,
        Outcome::Failed(Error::WxApi(e)) => {
            errcode::lookup(e.errcode).is_some_and(|info| info.class == RetryClass::Retry)
        }
        Outcome::Failed(Error::Transport(t)) => match t.kind {
            TransportKind::Timeout | TransportKind::Network => true,
            TransportKind::HttpStatus => t.status.is_some_and(|s| s >= 500),
            TransportKind::BadResponse | TransportKind::Aborted => false,
        },
        Outcome::Failed(_) => false,
    };
    let delay = backoff_ms(retries, unit);
    (transient && retries < max_retries && delay < remaining_ms).then_some(delay)
}
