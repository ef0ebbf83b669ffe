//! One call: its token, then attempts under the retry rules, with a token refresh where
//! allowed, within its deadline and the caller's signal. Everything it decides comes from
//! the pure core (`engine`, `build_request`, `parse_response`, `retry::decide`); this loop
//! only sequences them. Every error it ends with is made here, for this call, with the
//! attempts it sent and what led to it as `cause`.

use super::ctx::Ctx;
use super::driver::{Driver, Ended};
use super::errors::JsFail;
use super::hooks::{self, Attempt, Seen};
use super::interop::parse_json;
use super::js;
use super::settings::Settings;
use super::token::TokenFailure;
use super::transport::Failure;
use crate::calls::{Call, Effect};
use crate::error::{Error, Sent, TransportKind};
use crate::issue::{Issue, IssueCode};
use crate::request::build_request;
use crate::response::parse_response;
use crate::retry::{decide, CallState, Decision, Outcome};
use wasm_bindgen::prelude::*;

/// A checked request, ready to be sent.
pub struct Checked {
    pub call: &'static Call,
    pub body: String,
    /// The values of its secret fields, masked in anything an answer echoes.
    pub secrets: Vec<String>,
    pub warnings: Vec<Issue>,
}

/// Where a call stood when its deadline passed or its caller aborted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing was sent yet (or every attempt so far was one that did nothing).
    Before,
    /// A request was in flight.
    InFlight,
}

fn timeout(call: &Call, stage: Stage, deadline_ms: f64, attempts: u32) -> JsValue {
    let in_flight = stage == Stage::InFlight;
    let what = if in_flight {
        match call.effect {
            Effect::Changes => "while a request was in flight; it may have taken effect: check before calling again",
            Effect::Reads => "while a request was in flight; this call only reads, so calling again is safe",
        }
    } else {
        "before anything that could take effect was sent"
    };
    let err = Error::transport(
        TransportKind::Timeout,
        format!(
            "{} did not finish within its deadline ({} ms, deadlineMs) {what}",
            call.name,
            deadline_ms.round() as u64
        ),
        in_flight && call.effect == Effect::Changes,
    );
    JsFail::new(&err).attempts(attempts).into_js()
}

fn aborted(call: &Call, stage: Stage, attempts: u32, cause: Option<&JsValue>) -> JsValue {
    let in_flight = stage == Stage::InFlight;
    let message = if in_flight {
        match call.effect {
            Effect::Changes => "the call was aborted by its AbortSignal after the request was sent; it may have taken effect: check before calling again",
            Effect::Reads => "the call was aborted by its AbortSignal after the request was sent",
        }
    } else {
        "the call was aborted by its AbortSignal before anything that could take effect was sent"
    };
    let err = Error::transport(
        TransportKind::Aborted,
        message,
        in_flight && call.effect == Effect::Changes,
    );
    let fail = JsFail::new(&err).attempts(attempts);
    match cause {
        Some(cause) => fail.cause(cause).into_js(),
        None => fail.into_js(),
    }
}

/// A JS error of this package's, made anew for this call with its own `attempts` (a token
/// manager's error is shared by every caller of one refresh); the original is its `cause`.
fn restamped(err: &JsValue, attempts: u32) -> JsValue {
    super::errors::restamp(err, attempts, None)
}

pub async fn run(call_id: u64, input: Checked, s: Settings) -> Result<JsValue, JsValue> {
    let call = input.call;
    let ctx = Ctx::new(s.deadline_ms, s.signal.as_ref());
    let mut d = Driver::new(&ctx);
    if ctx.aborted() {
        return Err(aborted(call, Stage::Before, 0, None));
    }
    let limit = s.timeout_ms;
    let mut token = match s.token.get(&ctx, None, limit, 0).await {
        Ok(token) => token,
        Err(TokenFailure::Failed(e)) => return Err(e),
        Err(TokenFailure::Source(e)) => return Err(restamped(&e, 0)),
        Err(TokenFailure::Deadline) => return Err(timeout(call, Stage::Before, s.deadline_ms, 0)),
        Err(TokenFailure::Aborted) => return Err(aborted(call, Stage::Before, 0, None)),
    };
    let mut state = CallState {
        retries: 0,
        max_retries: s.max_retries,
        can_refresh: s.token.can_refresh(),
        refreshed: false,
        remaining_ms: 0.0,
        now_ms: 0.0,
        effect: call.effect,
    };
    let origin = s.base.origin();
    // The last error of an attempt that did nothing, kept as the cause of what ends the call.
    let mut last: Option<JsValue> = None;
    loop {
        if ctx.aborted() {
            return Err(aborted(call, Stage::Before, d.attempts, last.as_ref()));
        }
        if ctx.remaining() <= 0.0 {
            return Err(timeout(call, Stage::Before, s.deadline_ms, d.attempts));
        }
        let http = build_request(call, input.body.clone(), &token, &s.base);
        let at = Attempt {
            call_id,
            call: call.name,
            attempt: d.attempts + 1,
        };
        hooks::notify_with(s.on_request.as_ref(), || {
            hooks::request_view(&at, &http, &input.warnings)
        });
        let started = js::now_ms();
        let sent = d.attempt(&http, origin, s.timeout_ms, call.effect).await;
        let mut secrets: Vec<&str> = vec![token.expose()];
        secrets.extend(input.secrets.iter().map(String::as_str));
        let duration = js::now_ms() - started;
        let (outcome, was_sent) = match sent {
            Ok(raw) => {
                let mut parsed = parse_response(call, raw.status, &[], &raw.body, &secrets);
                // An unusable answer's message names its content-type, read only then.
                if matches!(&parsed, Err(Error::Transport(t)) if t.kind == TransportKind::BadResponse)
                {
                    parsed = parse_response(call, raw.status, &raw.headers(), &raw.body, &secrets);
                }
                let seen = match &parsed {
                    Ok(_) => Seen::Errcode(0),
                    Err(Error::WxApi(wx)) => Seen::Errcode(wx.errcode),
                    Err(other) => Seen::Error(other.code()),
                };
                hooks::notify_with(s.on_response.as_ref(), || {
                    hooks::response_view(&at, Some(raw.status), seen, duration)
                });
                (parsed, true)
            }
            Err(Failure::Transport { error, sent }) => {
                hooks::notify_with(s.on_response.as_ref(), || {
                    hooks::response_view(&at, None, Seen::Error(error.code()), duration)
                });
                (Err(error), sent)
            }
            Err(Failure::Deadline) => {
                return Err(timeout(call, Stage::InFlight, s.deadline_ms, d.attempts))
            }
            Err(Failure::Aborted) => {
                return Err(aborted(call, Stage::InFlight, d.attempts, last.as_ref()))
            }
        };
        let err = match outcome {
            Ok(answer) => return Ok(parse_json(&answer.json)),
            Err(err) => err,
        };
        state.remaining_ms = ctx.remaining();
        state.now_ms = js::now_ms();
        let seen = if was_sent {
            Outcome::Failed(&err)
        } else {
            Outcome::NotSent
        };
        match decide(seen, state, js::random()) {
            Decision::Retry { delay_ms } => {
                state.retries += 1;
                let cause = JsFail::new(&err).attempts(d.attempts).into_js();
                match d.backoff(delay_ms).await {
                    Ok(()) => last = Some(cause),
                    // Retries happen only after attempts that did nothing, so nothing is
                    // in flight while waiting.
                    Err(Ended::Aborted) => {
                        return Err(aborted(call, Stage::Before, d.attempts, Some(&cause)))
                    }
                    Err(Ended::Deadline) => {
                        return Err(timeout(call, Stage::Before, s.deadline_ms, d.attempts))
                    }
                }
            }
            Decision::RefreshToken => {
                state.refreshed = true;
                let rejected = JsFail::new(&err).attempts(d.attempts);
                match s.token.get(&ctx, Some(&token), limit, d.attempts).await {
                    Ok(fresh) => token = fresh,
                    Err(TokenFailure::Failed(e)) => {
                        return Err(refresh_failed(&err, rejected, &e, d.attempts))
                    }
                    // A token manager's own error (61004, 61006, …) says what is wrong; WeChat's
                    // rejection of the old token is its cause, the manager's original behind it.
                    Err(TokenFailure::Source(e)) => {
                        let cause = rejected.cause(&e).into_js();
                        return Err(super::errors::restamp(&e, d.attempts, Some(&cause)));
                    }
                    Err(TokenFailure::Deadline) => {
                        return Err(timeout(call, Stage::Before, s.deadline_ms, d.attempts))
                    }
                    Err(TokenFailure::Aborted) => {
                        let cause = rejected.into_js();
                        return Err(aborted(call, Stage::Before, d.attempts, Some(&cause)));
                    }
                }
            }
            Decision::GiveUp => return Err(JsFail::new(&err).attempts(d.attempts).into_js()),
        }
    }
}

/// WeChat rejected the token and the source failed when asked for a new one. The call ends
/// with a ConfigError that says what was sent; its `cause` is WeChat's error, whose own
/// `cause` is what the source threw.
fn refresh_failed(err: &Error, rejected: JsFail, source: &JsValue, attempts: u32) -> JsValue {
    let errcode = match err {
        Error::WxApi(wx) => wx.errcode,
        _ => 0,
    };
    let api = rejected.cause(source).into_js();
    let config = Error::Config {
        issues: vec![Issue::error(
            "accessToken",
            IssueCode::TokenSource,
            format!(
                "WeChat rejected the access token (errcode {errcode}) and the accessToken \
                 function or provider failed when asked for a new one; see `cause` (WeChat's \
                 error, whose `cause` is the source's)"
            ),
        )],
        sent: Sent::Requests(attempts),
    };
    JsFail::new(&config)
        .attempts(attempts)
        .cause(&api)
        .into_js()
}
