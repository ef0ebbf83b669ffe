//! One `createService` call: validate, then attempts under the retry rules, with a token
//! refresh where allowed. Everything it decides comes from the pure core (`validate`,
//! `build_request`, `parse_response`, `retry::decide`); this loop only sequences them.

use super::errors;
use super::js;
use super::options::Settings;
use super::transport::{self, RawResponse};
use crate::error::{Error, TransportError, TransportKind};
use crate::issue::Issue;
use crate::model::CreateServiceRequest;
use crate::request::{build_request, HttpRequest};
use crate::response::parse_response;
use crate::retry::{decide, CallState, Decision, Outcome};
use crate::secret::AccessToken;
use wasm_bindgen::prelude::*;

use errors::after_attempts as fail;

fn deadline_passed(attempts: u32) -> Error {
    Error::Transport(TransportError {
        kind: TransportKind::Timeout,
        message: "the call's overall deadline passed before it could finish; check whether \
                  a service was created before calling again"
            .into(),
        status: None,
        outcome_unknown: attempts > 0,
        attempts,
    })
}

/// Retries happen only when nothing can have been created, so an abort during the wait
/// before one leaves nothing behind.
fn aborted_while_waiting() -> Error {
    Error::Transport(TransportError {
        kind: TransportKind::Aborted,
        message: "the call was aborted by its AbortSignal while waiting to retry; no service \
                  was created"
            .into(),
        status: None,
        outcome_unknown: false,
        attempts: 0,
    })
}

/// The signal was aborted before the next request went out, and the last one (if any) was
/// one that cannot have created anything (retries happen only then).
fn aborted_before_start() -> Error {
    Error::Transport(TransportError {
        kind: TransportKind::Aborted,
        message: "the call was aborted by its AbortSignal before anything was sent".into(),
        status: None,
        outcome_unknown: false,
        attempts: 0,
    })
}

/// Calls a hook with a view that holds no secret; a hook that throws does not break the
/// call (hooks observe, they do not steer).
fn notify(hook: &Option<js_sys::Function>, view: &js_sys::Object) {
    if let Some(f) = hook {
        let _ = f.call1(&JsValue::UNDEFINED, view);
    }
}

fn request_view(http: &HttpRequest, warnings: &[Issue], attempt: u32) -> js_sys::Object {
    let view = js_sys::Object::new();
    js::set(&view, "warnings", &errors::issues_to_js(warnings));
    js::set(&view, "method", &JsValue::from_str(http.method));
    js::set(&view, "url", &JsValue::from_str(&http.redacted_url()));
    js::set(&view, "body", &JsValue::from_str(&http.redacted_body()));
    js::set(&view, "attempt", &JsValue::from_f64(f64::from(attempt)));
    view
}

fn response_view(
    raw: Option<&RawResponse>,
    outcome: &Result<crate::model::CreateServiceResponse, Error>,
    attempt: u32,
    started: f64,
) -> js_sys::Object {
    let view = js_sys::Object::new();
    js::set(&view, "attempt", &JsValue::from_f64(f64::from(attempt)));
    js::set(
        &view,
        "durationMs",
        &JsValue::from_f64(js::now_ms() - started),
    );
    if let Some(raw) = raw {
        js::set(&view, "status", &JsValue::from_f64(f64::from(raw.status)));
    }
    match outcome {
        Ok(ok) => js::set(&view, "errcode", &JsValue::from_f64(ok.errcode as f64)),
        Err(Error::WxApi(wx)) => js::set(&view, "errcode", &JsValue::from_f64(wx.errcode as f64)),
        Err(other) => js::set(&view, "error", &JsValue::from_str(other.code())),
    }
    view
}

pub async fn create_service(
    request: CreateServiceRequest,
    warnings: &[Issue],
    settings: Settings,
) -> Result<crate::model::CreateServiceResponse, JsValue> {
    let started = js::now_ms();
    let deadline =
        started + crate::retry::overall_deadline_ms(settings.timeout_ms, settings.max_retries);
    let signal = settings.signal.as_ref();
    let password = request
        .es_info
        .as_ref()
        .and_then(|es| es.password.as_ref())
        .map(|p| p.expose().to_string());
    if signal.is_some_and(web_sys::AbortSignal::aborted) {
        return Err(fail(&aborted_before_start(), 0));
    }
    let mut token: AccessToken = settings.token.get(None, settings.timeout_ms).await?;
    let mut state = CallState {
        retries: 0,
        max_retries: settings.max_retries,
        can_refresh: settings.token.can_refresh(),
        refreshed: false,
        remaining_ms: 0.0,
        now_ms: 0.0,
    };
    let mut attempts = 0u32;
    loop {
        if signal.is_some_and(web_sys::AbortSignal::aborted) {
            return Err(fail(&aborted_before_start(), attempts));
        }
        let remaining = deadline - js::now_ms();
        if remaining <= 0.0 {
            return Err(fail(&deadline_passed(attempts), attempts));
        }
        let http =
            build_request(&request, &token, &settings.endpoint).map_err(|e| fail(&e, attempts))?;
        attempts += 1;
        notify(
            &settings.on_request,
            &request_view(&http, warnings, attempts),
        );
        let attempt_started = js::now_ms();
        let sent = transport::send(
            &http,
            settings.origin(),
            settings.timeout_ms.min(remaining),
            signal,
        )
        .await;
        let mut secrets: Vec<&str> = vec![token.expose()];
        if let Some(p) = password.as_deref() {
            secrets.push(p);
        }
        let (raw, was_sent, outcome) = match sent {
            Ok(raw) => {
                let parsed = parse_response(raw.status, &raw.headers, &raw.body, &secrets);
                (Some(raw), true, parsed)
            }
            Err(f) => (None, f.sent, Err(f.error)),
        };
        notify(
            &settings.on_response,
            &response_view(raw.as_ref(), &outcome, attempts, attempt_started),
        );
        let err = match outcome {
            Ok(ok) => return Ok(ok),
            Err(err) => err,
        };
        if matches!(&err, Error::Transport(t) if t.kind == TransportKind::Aborted) {
            return Err(fail(&err, attempts));
        }
        state.remaining_ms = deadline - js::now_ms();
        state.now_ms = js::now_ms();
        let seen = if was_sent {
            Outcome::Failed(&err)
        } else {
            Outcome::NotSent
        };
        match decide(seen, state, js_sys::Math::random()) {
            Decision::Retry { delay_ms } => {
                state.retries += 1;
                js::sleep(delay_ms, signal).await;
                if signal.is_some_and(web_sys::AbortSignal::aborted) {
                    return Err(fail(&aborted_while_waiting(), attempts));
                }
            }
            Decision::RefreshToken => {
                state.refreshed = true;
                token = settings
                    .token
                    .get(Some(&token), settings.timeout_ms)
                    .await?;
            }
            Decision::GiveUp => return Err(fail(&err, attempts)),
        }
    }
}
