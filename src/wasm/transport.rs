//! One HTTP attempt: gloo-net builds the request, the global `fetch` sends it, and the body
//! is read in chunks up to a cap. The only module that touches the network.
//!
//! gloo-net panics on a non-`Error` rejection and on a non-`Response` from fetch, and a
//! panic traps the wasm instance; a throwing getter unwinds through wasm. So gloo-net only
//! builds the request: fetch is called through a `catch` binding and its result
//! type-checked, every wait is raced against the attempt's abort (a fetch or stream that
//! ignores it cannot park the call), and the response is read through `Reflect`, where a
//! throw is an ordinary `Err`.

use super::js::{self, Internal, Listener, Timer};
use crate::error::{Error, TransportError, TransportKind};
use crate::request::HttpRequest;
use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestRedirect};

/// Responses larger than this are cut before they cross into wasm: a valid answer is a few
/// dozen bytes.
pub const BODY_CAP: usize = 1 << 20;
/// How much of an error page (non-2xx) is read for the error's snippet.
const ERROR_BODY_PEEK: usize = 4 << 10;

/// Codes Node's fetch (undici) gives when the connection failed before the request was
/// written: retrying these cannot create a service twice.
const NOT_SENT_CODES: &[&str] = &[
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ENETUNREACH",
    "EHOSTUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
];

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_request(request: &web_sys::Request) -> Result<JsValue, JsValue>;
}

pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A failed attempt. `sent` is false only when no byte can have reached the server.
pub struct Failure {
    pub error: Error,
    pub sent: bool,
}

/// The reason our own timer aborts an attempt with; recognised by identity.
struct Attempt {
    timeout_ctrl: AbortController,
    timeout_reason: JsValue,
    caller: Option<AbortSignal>,
    /// Rejects once the attempt's signal aborts: raced against every wait, so a fetch or a
    /// stream that ignores the abort cannot park the attempt.
    aborted: js_sys::Promise,
}

impl Attempt {
    async fn wait(&self, promise: &js_sys::Promise) -> Result<JsValue, JsValue> {
        JsFuture::from(js::race(promise, &self.aborted)).await
    }

    fn timed_out(&self) -> bool {
        let signal = self.timeout_ctrl.signal();
        signal.aborted() && js_sys::Object::is(&signal.reason(), &self.timeout_reason)
    }

    fn caller_aborted(&self) -> bool {
        self.caller.as_ref().is_some_and(AbortSignal::aborted)
    }
}

fn failure(kind: TransportKind, message: String, sent: bool) -> Failure {
    Failure {
        error: Error::Transport(TransportError {
            kind,
            message,
            status: None,
            outcome_unknown: sent,
            attempts: 1,
        }),
        sent,
    }
}

fn aborted_by_caller(sent: bool) -> Failure {
    let message = if sent {
        "the call was aborted by its AbortSignal after the request was sent; a service may \
         have been created: check before calling again"
    } else {
        "the call was aborted by its AbortSignal before anything was sent"
    };
    failure(TransportKind::Aborted, message.to_string(), sent)
}

fn odd_response(what: &str) -> Failure {
    failure(
        TransportKind::BadResponse,
        format!(
            "the response could not be read ({what}); a service may have been created: check \
             before calling again"
        ),
        true,
    )
}

/// Sends `req` once. `origin` (scheme, host, port: no token) names the server in messages.
pub async fn send(
    req: &HttpRequest,
    origin: &str,
    timeout_ms: f64,
    caller: Option<&AbortSignal>,
) -> Result<RawResponse, Failure> {
    if caller.is_some_and(AbortSignal::aborted) {
        return Err(aborted_by_caller(false));
    }
    let timeout_ctrl = AbortController::new().map_err(|_| {
        failure(
            TransportKind::Network,
            "AbortController is not available in this runtime (Node 18+ is required)".into(),
            false,
        )
    })?;
    let timeout_reason = js::internal(Internal::Timeout);
    let _timer = Timer::start(&js::aborter(&timeout_ctrl, &timeout_reason), timeout_ms);
    // The attempt's signal: the caller's and the timer's combined. Where AbortSignal.any is
    // missing (Node 18), the caller's abort is forwarded by a listener removed on return.
    let mut _link = None;
    let signal = match caller {
        None => timeout_ctrl.signal(),
        Some(c) => js::any_signal(&[c, &timeout_ctrl.signal()]).unwrap_or_else(|| {
            let reason = js::internal(Internal::CallerAbort);
            _link = Some(Listener::add(
                c,
                "abort",
                &js::aborter(&timeout_ctrl, &reason),
            ));
            timeout_ctrl.signal()
        }),
    };
    let attempt = Attempt {
        aborted: js::rejects_on_abort(&signal, &js::internal(Internal::Aborted)),
        timeout_ctrl,
        timeout_reason,
        caller: caller.cloned(),
    };

    let request =
        build(req, &signal).map_err(|message| failure(TransportKind::Network, message, false))?;
    let pending = fetch_request(&request).map_err(|_| {
        failure(
            TransportKind::Network,
            "the global fetch is missing or threw synchronously (Node 18+ is required)".into(),
            false,
        )
    })?;
    // `resolve` adopts whatever fetch returned (a promise, a thenable or a plain value), so a
    // replaced global fetch cannot break the await.
    let answer = match attempt.wait(&js_sys::Promise::resolve(&pending)).await {
        Ok(answer) => answer,
        Err(thrown) => return Err(classify(&thrown, &attempt, origin, timeout_ms)),
    };
    let Ok(response) = answer.dyn_into::<web_sys::Response>() else {
        return Err(failure(
            TransportKind::BadResponse,
            "fetch resolved with something that is not a Response; a service may have been \
             created: check before calling again"
                .into(),
            true,
        ));
    };
    // Everything read off the response goes through Reflect: a wrapped or mocked Response
    // whose getters or stream throw gives an error here instead of unwinding through wasm.
    let status = js::get(&response, "status")
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|n| n.fract() == 0.0 && (100.0..=999.0).contains(n))
        .map(|n| n as u16)
        .ok_or_else(|| odd_response("no valid status"))?;
    let headers = read_headers(&response)?;
    let cap = if (200..300).contains(&status) {
        BODY_CAP
    } else {
        ERROR_BODY_PEEK
    };
    let declared_too_large = declared_length(&headers).is_some_and(|n| n > BODY_CAP as u64);
    if declared_too_large && cap == BODY_CAP {
        cancel_body(&response);
        return Err(too_large(status));
    }
    let declared_small = declared_length(&headers).is_some_and(|n| n <= cap as u64);
    let read = if declared_small {
        read_whole(&response, &attempt).await
    } else {
        read_capped(&response, cap, &attempt).await
    };
    let body = match read {
        Ok((_, true)) if cap == BODY_CAP => return Err(too_large(status)),
        Ok((body, _)) => body,
        Err(Read::Thrown(thrown)) => return Err(classify(&thrown, &attempt, origin, timeout_ms)),
        Err(Read::Odd(what)) => return Err(odd_response(what)),
    };
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

fn too_large(status: u16) -> Failure {
    let mut f = failure(
        TransportKind::BadResponse,
        format!(
            "the response body is larger than {} bytes, far more than any answer of this \
             call; it was cut off unread. A service may have been created: check before \
             calling again",
            BODY_CAP
        ),
        true,
    );
    if let Error::Transport(t) = &mut f.error {
        t.status = Some(status);
    }
    f
}

fn build(req: &HttpRequest, signal: &AbortSignal) -> Result<web_sys::Request, String> {
    let mut builder = RequestBuilder::new(&req.url)
        .method(Method::POST)
        // A redirect must never re-send the body (it holds the ES password) anywhere else.
        .redirect(RequestRedirect::Error)
        .abort_signal(Some(signal));
    for (name, value) in &req.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(JsValue::from_str(&req.body))
        .map(web_sys::Request::from)
        .map_err(|_| "the request could not be built from its URL and headers".to_string())
}

/// The two headers the parser looks at. A response whose headers cannot be read is not
/// one to trust for the rest either.
fn read_headers(response: &web_sys::Response) -> Result<Vec<(String, String)>, Failure> {
    let raw = js::get(response, "headers").map_err(|_| odd_response("headers getter threw"))?;
    let mut found = Vec::new();
    for name in ["content-type", "content-length"] {
        let value = js::call_method(&raw, "get", &[&JsValue::from_str(name)])
            .map_err(|_| odd_response("headers cannot be read"))?;
        if let Some(value) = value.as_string() {
            found.push((name.to_string(), value));
        }
    }
    Ok(found)
}

fn declared_length(headers: &[(String, String)]) -> Option<u64> {
    headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.trim().parse().ok())
}

/// Cancels what is left of a body; its promise may reject after we stopped caring, so it
/// gets a handler and Node reports no unhandled rejection.
fn cancel(target: &JsValue) {
    if let Ok(p) = js::call_method(target, "cancel", &[]) {
        let _ = js::catch_noop(&js_sys::Promise::resolve(&p));
    }
}

fn cancel_body(response: &web_sys::Response) {
    if let Ok(stream) = js::get(response, "body") {
        if stream.is_object() {
            cancel(&stream);
        }
    }
}

enum Read {
    /// A read rejected (abort, timeout, reset): classified like a fetch rejection.
    Thrown(JsValue),
    /// The body is not a readable stream of bytes.
    Odd(&'static str),
}

/// Reads a body whose declared length is within the cap in one step (`arrayBuffer()`); the
/// runtime refuses a body longer than its `content-length`, so the cap still holds.
async fn read_whole(
    response: &web_sys::Response,
    attempt: &Attempt,
) -> Result<(Vec<u8>, bool), Read> {
    let pending = js::call_method(response, "arrayBuffer", &[])
        .map_err(|_| Read::Odd("body is not readable"))?;
    let buffer = attempt
        .wait(&js_sys::Promise::resolve(&pending))
        .await
        .map_err(Read::Thrown)?;
    let buffer: js_sys::ArrayBuffer = buffer
        .dyn_into()
        .map_err(|_| Read::Odd("body is not bytes"))?;
    Ok((js_sys::Uint8Array::new(&buffer).to_vec(), false))
}

/// Reads the body chunk by chunk; stops (and cancels the rest) once more than `cap` bytes
/// arrived. Returns the bytes read (at most `cap`) and whether the body was cut.
async fn read_capped(
    response: &web_sys::Response,
    cap: usize,
    attempt: &Attempt,
) -> Result<(Vec<u8>, bool), Read> {
    let stream = js::get(response, "body").map_err(|_| Read::Odd("body getter threw"))?;
    if stream.is_null() || stream.is_undefined() {
        return Ok((Vec::new(), false));
    }
    let reader = js::call_method(&stream, "getReader", &[])
        .map_err(|_| Read::Odd("body is not readable"))?;
    let mut body = Vec::new();
    loop {
        let next = js::call_method(&reader, "read", &[]).map_err(|_| Read::Odd("read threw"))?;
        let step = attempt
            .wait(&js_sys::Promise::resolve(&next))
            .await
            .map_err(Read::Thrown)?;
        let done = js::get(&step, "done").map_err(|_| Read::Odd("bad read result"))?;
        if done.as_bool().unwrap_or(true) {
            return Ok((body, false));
        }
        let chunk: js_sys::Uint8Array = js::get(&step, "value")
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(Read::Odd("body chunk is not bytes"))?;
        let room = cap.saturating_sub(body.len());
        let len = chunk.length() as usize;
        if len > room {
            body.extend(chunk.subarray(0, room as u32).to_vec());
            cancel(&reader);
            return Ok((body, true));
        }
        body.extend(chunk.to_vec());
    }
}

/// Turns a rejection of fetch or of a body read into a typed failure.
fn classify(thrown: &JsValue, attempt: &Attempt, origin: &str, timeout_ms: f64) -> Failure {
    if attempt.timed_out() {
        return failure(
            TransportKind::Timeout,
            format!(
                "no complete answer from {origin} within {} ms; the request may have \
                 been received and a service created: check before calling again",
                timeout_ms.round() as u64
            ),
            true,
        );
    }
    if attempt.caller_aborted() {
        return aborted_by_caller(true);
    }
    let info = js::describe_thrown(thrown);
    let code = info.code.unwrap_or_default();
    if NOT_SENT_CODES.contains(&code.as_str()) {
        return failure(
            TransportKind::Network,
            format!("could not connect to {origin} ({code}); nothing was sent"),
            false,
        );
    }
    let cause = info.cause_message.unwrap_or_default();
    if cause == "bad port" {
        return failure(
            TransportKind::Network,
            format!("fetch refuses to connect to the port of {origin} (a blocked port); nothing was sent"),
            false,
        );
    }
    if cause.contains("redirect") {
        return failure(
            TransportKind::Network,
            format!(
                "{origin} answered with a redirect, which is refused so the body (it may hold \
                 the ES password) is never re-sent elsewhere; check baseUrl"
            ),
            true,
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
            "the connection to {origin} failed after the request was sent ({detail}); a \
             service may have been created: check before calling again"
        ),
        true,
    )
}
