//! One HTTP attempt: gloo-net builds the request, the global `fetch` sends it, and the body
//! is read in chunks up to a cap. The only module that touches the network.
//!
//! gloo-net panics on a non-`Error` rejection and on a non-`Response` from fetch, and a
//! panic traps the wasm instance. So gloo-net only builds the request and wraps a response
//! already checked here: fetch is called through a `catch` binding, its result is
//! type-checked before use, and every abort uses an `Error` reason of our own (a caller's
//! `abort('a string')` only triggers our controller, it never reaches fetch).

use super::js::{self, Listener, Timer};
use crate::error::{Error, TransportError, TransportKind};
use crate::request::HttpRequest;
use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader, RequestRedirect};

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

/// Where this attempt's abort came from, told apart by the identity of the reason.
struct Reasons {
    timeout: JsValue,
    caller: JsValue,
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
    let controller = AbortController::new().map_err(|_| {
        failure(
            TransportKind::Network,
            "AbortController is not available in this runtime (Node 18+ is required)".into(),
            false,
        )
    })?;
    let reasons = Reasons {
        timeout: js::error("TimeoutError", "the attempt timed out").into(),
        caller: js::error("AbortError", "aborted by the caller's AbortSignal").into(),
    };
    let _timer = Timer::start(&js::aborter(&controller, &reasons.timeout), timeout_ms);
    let _link =
        caller.map(|s| Listener::add(s, "abort", &js::aborter(&controller, &reasons.caller)));

    let request = build(req, &controller.signal())
        .map_err(|message| failure(TransportKind::Network, message, false))?;
    let pending = fetch_request(&request).map_err(|_| {
        failure(
            TransportKind::Network,
            "the global fetch is missing or threw synchronously (Node 18+ is required)".into(),
            false,
        )
    })?;
    // `resolve` adopts whatever fetch returned (a promise, a thenable or a plain value), so a
    // replaced global fetch cannot break the await.
    let settled = JsFuture::from(js_sys::Promise::resolve(&pending)).await;
    let answer = match settled {
        Ok(answer) => answer,
        Err(thrown) => return Err(classify(&thrown, &controller, &reasons, origin, timeout_ms)),
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
    let status = response.status();
    let headers = read_headers(&response);
    let cap = if (200..300).contains(&status) {
        BODY_CAP
    } else {
        ERROR_BODY_PEEK
    };
    let declared_too_large = declared_length(&headers).is_some_and(|n| n > BODY_CAP as u64);
    let body = if declared_too_large && cap == BODY_CAP {
        cancel_body(&response);
        return Err(too_large(status));
    } else {
        match read_capped(&response, cap).await {
            Ok((_, cut)) if cut && cap == BODY_CAP => return Err(too_large(status)),
            Ok((body, _)) => body,
            Err(thrown) => {
                return Err(classify(&thrown, &controller, &reasons, origin, timeout_ms))
            }
        }
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

fn read_headers(response: &web_sys::Response) -> Vec<(String, String)> {
    let raw = response.headers();
    ["content-type", "content-length"]
        .iter()
        .filter_map(|name| match raw.get(name) {
            Ok(Some(value)) => Some((name.to_string(), value)),
            _ => None,
        })
        .collect()
}

fn declared_length(headers: &[(String, String)]) -> Option<u64> {
    headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.trim().parse().ok())
}

fn cancel_body(response: &web_sys::Response) {
    if let Some(stream) = response.body() {
        let _ = stream.cancel().catch_call_noop();
    }
}

trait CatchNoop {
    fn catch_call_noop(self) -> JsValue;
}

impl CatchNoop for js_sys::Promise {
    /// A cancelled stream's promise may reject after we stopped caring; handle it so Node
    /// reports no unhandled rejection.
    fn catch_call_noop(self) -> JsValue {
        js::catch_noop(&self).into()
    }
}

/// Reads the body chunk by chunk; stops (and cancels the rest) once more than `cap` bytes
/// arrived. Returns the bytes read (at most `cap`) and whether the body was cut.
async fn read_capped(response: &web_sys::Response, cap: usize) -> Result<(Vec<u8>, bool), JsValue> {
    let Some(stream) = response.body() else {
        return Ok((Vec::new(), false));
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await?;
        if js::get(&step, "done")?.as_bool().unwrap_or(true) {
            return Ok((body, false));
        }
        let chunk: js_sys::Uint8Array = js::get(&step, "value")?
            .dyn_into()
            .map_err(|_| JsValue::from(js::error("TypeError", "body chunk is not bytes")))?;
        let room = cap.saturating_sub(body.len());
        let len = chunk.length() as usize;
        if len > room {
            let head = chunk.subarray(0, room as u32);
            body.extend(head.to_vec());
            let _ = reader.cancel().catch_call_noop();
            return Ok((body, true));
        }
        body.extend(chunk.to_vec());
    }
}

/// Turns a rejection of fetch or of a body read into a typed failure.
fn classify(
    thrown: &JsValue,
    controller: &AbortController,
    reasons: &Reasons,
    origin: &str,
    timeout_ms: f64,
) -> Failure {
    let reason = controller.signal().reason();
    if controller.signal().aborted() && js_sys::Object::is(&reason, &reasons.timeout) {
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
    if controller.signal().aborted() && js_sys::Object::is(&reason, &reasons.caller) {
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
