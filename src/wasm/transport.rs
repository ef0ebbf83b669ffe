//! One HTTP attempt: the global `fetch`, the body read with a cap on its decoded size. The
//! only module that touches the network.
//!
//! gloo-net is used through its lowest-cost API: its `Headers` (one per thread, reused: every
//! request sends the same header). Its `RequestBuilder` builds two `Request`s and a `URL` per
//! call (which undici then copies again) and its `send` panics when fetch rejects with a
//! non-`Error` or resolves with a non-`Response` (a replaced global fetch does both), and a
//! panic traps the instance. So fetch is called here through a `catch` binding with a plain
//! init object (made in JS in one call), its result type-checked, every wait under the
//! attempt's guard (its timeout or the call's deadline, and the call's signal), and the
//! response read through bindings that cannot unwind through wasm.
//!
//! An attempt uses the call's one `AbortController`; its guard aborts it when the attempt
//! times out or the caller aborts, so the abort reason is made only then (by the runtime).

use super::body::{self, cancel_body, Read};
use super::ctx::{Ctx, Stretch, Wait, Waited};
use super::js::{self, Host};
use crate::calls::Effect;
use crate::error::{Error, TransportError, TransportKind};
use crate::request::HttpRequest;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Decoded response bytes accepted: a valid answer is at most a few kilobytes. gzip, br and
/// deflate count as what they expand to, so a small compressed bomb is cut here too.
pub const BODY_CAP: usize = 1 << 20;
/// How much of an error page (non-2xx) is read for the error's snippet.
const ERROR_BODY_PEEK: usize = 4 << 10;

/// Codes Node's fetch (undici) gives when nothing can have reached the server: the
/// connection failed, or TLS refused the server before any request byte was written.
const NOT_SENT_CODES: &[&str] = &[
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ENETUNREACH",
    "EHOSTUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "CERT_REVOKED",
    "CERT_UNTRUSTED",
    "CERT_REJECTED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ERR_SSL_WRONG_VERSION_NUMBER",
    "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
];

thread_local! {
    static HEADERS: JsValue = {
        let headers = gloo_net::http::Headers::new();
        headers.set(crate::request::CONTENT_TYPE.0, crate::request::CONTENT_TYPE.1);
        headers.into_raw().into()
    };
}

pub struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
    response: web_sys::Response,
}

impl RawResponse {
    /// The headers messages name (the content-type), read only when a message needs them.
    pub fn headers(&self) -> Vec<(String, String)> {
        match short_text(&Host::content_type(&self.response)) {
            Some(text) => vec![("content-type".to_owned(), text)],
            None => Vec::new(),
        }
    }
}

/// A header value's text; header values are short, and one that is not is not worth copying.
fn short_text(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    (text.length() <= 1024).then(|| String::from(text))
}

/// How an attempt failed. `sent` is false only when no byte can have reached the server.
pub enum Failure {
    Transport {
        error: Error,
        sent: bool,
    },
    /// The call's deadline passed (the attempt may have been sent).
    Deadline,
    /// The caller aborted (the attempt may have been sent).
    Aborted,
}

fn failure(kind: TransportKind, message: String, sent: bool, effect: Effect) -> Failure {
    Failure::Transport {
        error: Error::transport(kind, message, sent && effect == Effect::Changes),
        sent,
    }
}

/// What a failure after sending means for the call.
fn maybe_done(effect: Effect) -> &'static str {
    match effect {
        Effect::Changes => "it may have taken effect: check before calling again",
        Effect::Reads => "this call only reads, so calling again is safe",
    }
}

/// One attempt: the call's controller, and the guard every wait of the attempt is under.
pub(super) struct Attempt {
    controller: web_sys::AbortController,
    pub(super) guard: Stretch,
}

impl Attempt {
    /// Stops whatever is still in flight (the caller went away, or the deadline passed).
    pub(super) fn cancel(&self) {
        let _ = js::call_method(&self.controller, "abort", &[]);
    }
}

/// Sends `req` once, within `timeout_ms` and the call's context. `origin` (scheme, host,
/// port: no token) names the server in messages.
pub async fn send(
    req: &HttpRequest,
    origin: &str,
    timeout_ms: f64,
    ctx: &Ctx,
    effect: Effect,
) -> Result<RawResponse, Failure> {
    let no_runtime = || {
        failure(
            TransportKind::Network,
            "AbortController or timers are not available in this runtime (Node 20+ is \
             required)"
                .into(),
            false,
            effect,
        )
    };
    let controller = ctx.controller().ok_or_else(no_runtime)?;
    let guard = ctx
        .guard(Some(timeout_ms), Some(&controller))
        .ok_or_else(no_runtime)?;
    let attempt = Attempt { controller, guard };
    let sent = HEADERS.with(|headers| {
        Wait::send(
            &attempt.guard,
            &req.url,
            &js::key(req.method),
            headers,
            &req.body,
        )
    });
    let Some(sent) = sent else {
        return Err(failure(
            TransportKind::Network,
            "the global fetch is missing or threw synchronously (Node 20+ is required); \
             nothing was sent"
                .into(),
            false,
            effect,
        ));
    };
    let answer = match sent.await {
        Waited::Value(answer) => answer,
        Waited::Limit => return Err(timed_out(&attempt, origin, timeout_ms, effect)),
        Waited::Threw(_) if ctx.aborted() => return Err(Failure::Aborted),
        Waited::Threw(thrown) => return Err(classify(&thrown, origin, effect)),
        other => return Err(ended(other, &attempt)),
    };
    let odd = |what: &str| {
        failure(
            TransportKind::BadResponse,
            format!(
                "the response could not be read ({what}); {}",
                maybe_done(effect)
            ),
            true,
            effect,
        )
    };
    // Everything read off the response is read in JS, which answers instead of throwing: a
    // wrapped or mocked Response whose getters or stream throw gives an error here instead
    // of unwinding through wasm.
    let read = Host::head(&answer);
    match read.get(0).as_f64() {
        Some(0.0) => {}
        Some(1.0) => {
            return Err(failure(
                TransportKind::BadResponse,
                format!(
                    "fetch resolved with something that is not a Response; {}",
                    maybe_done(effect)
                ),
                true,
                effect,
            ))
        }
        Some(2.0) => return Err(odd("no valid status")),
        _ => return Err(odd("headers cannot be read")),
    }
    let response: web_sys::Response = answer.unchecked_into();
    let status = read
        .get(1)
        .as_f64()
        .filter(|n| n.fract() == 0.0 && (100.0..=999.0).contains(n))
        .map(|n| n as u16)
        .ok_or_else(|| odd("no valid status"))?;
    let headers: Vec<(&str, String)> = ["content-length", "content-encoding"]
        .into_iter()
        .zip(2..)
        .filter_map(|(name, i)| Some((name, short_text(&read.get(i))?)))
        .collect();
    let success = (200..300).contains(&status);
    let cap = if success { BODY_CAP } else { ERROR_BODY_PEEK };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    };
    let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    // A declared length counts wire bytes; only without a content-encoding is it the size
    // of the body itself.
    let identity =
        header("content-encoding").is_none_or(|e| e.trim().eq_ignore_ascii_case("identity"));
    if identity && success && declared.is_some_and(|n| n > BODY_CAP as u64) {
        cancel_body(&response);
        return Err(too_large(status, effect));
    }
    let read = if identity && declared.is_some_and(|n| n <= cap as u64) {
        body::read_whole(&response, &attempt.guard).await
    } else {
        body::read_capped(&response, cap, &attempt.guard).await
    };
    let body = match read {
        Ok((_, true)) if success => return Err(too_large(status, effect)),
        Ok((body, _)) => body,
        Err(Read::Waited(Waited::Limit)) => {
            return Err(timed_out(&attempt, origin, timeout_ms, effect))
        }
        Err(Read::Waited(Waited::Threw(_))) if ctx.aborted() => return Err(Failure::Aborted),
        Err(Read::Waited(Waited::Threw(thrown))) => return Err(classify(&thrown, origin, effect)),
        Err(Read::Waited(other)) => return Err(ended(other, &attempt)),
        Err(Read::Odd(what)) => return Err(odd(what)),
    };
    Ok(RawResponse {
        status,
        body,
        response,
    })
}

/// The deadline or an abort ended a wait: stop the attempt.
fn ended(waited: Waited, attempt: &Attempt) -> Failure {
    attempt.cancel();
    match waited {
        Waited::Aborted => Failure::Aborted,
        _ => Failure::Deadline,
    }
}

fn too_large(status: u16, effect: Effect) -> Failure {
    let error = TransportError::answered(
        TransportKind::BadResponse,
        format!(
            "the response body is larger than {BODY_CAP} bytes (decoded), far more than any \
             answer of this call; it was cut off unread; {}",
            maybe_done(effect)
        ),
        status,
        effect == Effect::Changes,
    );
    Failure::Transport {
        error: Error::Transport(error),
        sent: true,
    }
}

/// The attempt's timeout passed: stop it (if fetch obeys its signal, it already stopped).
fn timed_out(attempt: &Attempt, origin: &str, timeout_ms: f64, effect: Effect) -> Failure {
    attempt.cancel();
    failure(
        TransportKind::Timeout,
        format!(
            "no complete answer from {origin} within {} ms; the request may have been \
             received, so {}",
            timeout_ms.round() as u64,
            maybe_done(effect)
        ),
        true,
        effect,
    )
}

/// Turns a rejection of fetch or of a body read into a typed failure. (The attempt's own
/// timeout and the caller's abort end the wait before fetch rejects, so they never get here.)
fn classify(thrown: &JsValue, origin: &str, effect: Effect) -> Failure {
    let info = js::describe_thrown(thrown);
    let code = info.code.unwrap_or_default();
    if NOT_SENT_CODES.contains(&code.as_str()) || code.starts_with("ERR_SSL_") {
        return failure(
            TransportKind::Network,
            format!("could not connect to {origin} ({code}); nothing was sent"),
            false,
            effect,
        );
    }
    let cause = info.cause_message.unwrap_or_default();
    if cause == "bad port" {
        return failure(
            TransportKind::Network,
            format!("fetch refuses to connect to the port of {origin} (a blocked port); nothing was sent"),
            false,
            effect,
        );
    }
    if cause.contains("redirect") {
        return failure(
            TransportKind::Network,
            format!(
                "{origin} answered with a redirect, which is refused so the body (it may hold a \
                 password) is never re-sent elsewhere; check baseUrl"
            ),
            true,
            effect,
        );
    }
    let detail = if code.is_empty() {
        info.name.unwrap_or_else(|| "an error".into())
    } else {
        code
    };
    failure(
        TransportKind::Network,
        format!(
            "the connection to {origin} failed after the request was sent ({detail}); {}",
            maybe_done(effect)
        ),
        true,
        effect,
    )
}
