//! Where a call's access token comes from: a fixed string, a function, or a provider object
//! (`{ getToken(ctx) }`, e.g. a token manager). Only the last two can mint a new token when
//! WeChat says the current one is invalid or expired. A function is called through a
//! `catch` binding and what it returns is adopted into a native promise, so no value it
//! returns or throws can unwind through wasm.

use super::ctx::{Ctx, Waited};
use super::errors;
use super::interop::bounded_string;
use super::js;
use crate::error::{Error, Sent, TransportError, TransportKind};
use crate::issue::{Issue, IssueCode};
use crate::secret::{AccessToken, MAX_ACCESS_TOKEN_LEN};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
pub enum TokenSource {
    Fixed(AccessToken),
    Function(js_sys::Function),
    Provider {
        target: JsValue,
        get_token: js_sys::Function,
    },
}

const PATH: &str = "accessToken";

fn too_long(length: usize) -> Vec<Issue> {
    vec![Issue::error(
        PATH,
        IssueCode::TooLarge,
        format!(
            "the access token is {length} characters long, more than any \
             component_access_token ({MAX_ACCESS_TOKEN_LEN} at most); pass the token itself"
        ),
    )]
}

/// A token string from JS, checked (its length before it is copied).
pub fn parse_token(value: &JsValue) -> Option<Result<AccessToken, Vec<Issue>>> {
    Some(match bounded_string(value, MAX_ACCESS_TOKEN_LEN)? {
        Ok(text) => AccessToken::parse(&text),
        Err(length) => Err(too_long(length)),
    })
}

/// Why getting a token failed.
pub enum TokenFailure {
    /// The source failed: the ConfigError made for this call.
    Failed(JsValue),
    /// The source rejected with one of this package's own errors (a token manager's
    /// `WxApiError`, shared by every caller of its refresh).
    Source(JsValue),
    /// The call's deadline passed while waiting for the source.
    Deadline,
    /// The caller aborted while waiting for the source.
    Aborted,
}

impl TokenSource {
    pub fn from_js(value: &JsValue) -> Result<TokenSource, Vec<Issue>> {
        if let Some(token) = parse_token(value) {
            return token.map(TokenSource::Fixed);
        }
        if value.is_undefined() || value.is_null() {
            return Err(vec![Issue::error(
                PATH,
                IssueCode::Required,
                "accessToken is required: pass the component_access_token string, a function \
                 returning it, or a token provider such as ComponentTokenManager",
            )]);
        }
        if let Some(f) = value.dyn_ref::<js_sys::Function>() {
            return Ok(TokenSource::Function(f.clone()));
        }
        let get_token = js::get(value, "getToken")
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match get_token {
            Some(get_token) if value.is_object() => Ok(TokenSource::Provider {
                target: value.clone(),
                get_token,
            }),
            _ => Err(vec![Issue::error(
                PATH,
                IssueCode::Type,
                "accessToken must be a string, a function ({ forceRefresh }) => string | \
                 Promise<string>, or an object with getToken(ctx)",
            )]),
        }
    }

    pub fn can_refresh(&self) -> bool {
        !matches!(self, TokenSource::Fixed(_))
    }

    /// The token to use, waiting at most `limit_ms` (and never past the call's deadline).
    /// With `failed` (the token WeChat just rejected), a function or provider is asked for a
    /// new one: `{ forceRefresh: true, failedToken }`. `sent` says how many requests the call
    /// has sent, so a failure says truthfully what was done.
    pub async fn get(
        &self,
        ctx: &Ctx,
        failed: Option<&AccessToken>,
        limit_ms: f64,
        sent: u32,
    ) -> Result<AccessToken, TokenFailure> {
        let (this, f) = match self {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::Function(f) => (JsValue::UNDEFINED, f),
            TokenSource::Provider { target, get_token } => (target.clone(), get_token),
        };
        let mut entries = vec![("forceRefresh", JsValue::from_bool(failed.is_some()))];
        if let Some(failed) = failed {
            entries.push(("failedToken", JsValue::from_str(failed.expose())));
        }
        let ask = js::object(&entries);
        let config = |issue: Issue| {
            let sent = if sent == 0 {
                Sent::Nothing
            } else {
                Sent::Requests(sent)
            };
            errors::JsFail::new(&Error::Config {
                issues: vec![issue],
                sent,
            })
        };
        let value = match js::call(f, &this, &[&ask]) {
            Ok(value) => match ctx.wait_at_most(&value, limit_ms).await {
                Waited::Value(v) => v,
                Waited::Threw(thrown) => return Err(threw(thrown, config)),
                Waited::Deadline => return Err(TokenFailure::Deadline),
                Waited::Aborted => return Err(TokenFailure::Aborted),
                // A source that hangs is a timeout like an attempt's (it gets timeoutMs),
                // not bad options: nothing was sent for it, so nothing is unknown.
                Waited::Limit => {
                    let message = format!(
                        "the accessToken function or provider did not settle within {} ms, so \
                         nothing was sent for this attempt",
                        limit_ms.round() as u64
                    );
                    let timeout = TransportError::new(TransportKind::Timeout, message, false);
                    return Err(TokenFailure::Failed(
                        errors::JsFail::new(&Error::Transport(timeout))
                            .attempts(sent)
                            .into_js(),
                    ));
                }
            },
            Err(thrown) => return Err(threw(thrown, config)),
        };
        let checked = parse_token(&value).unwrap_or_else(|| {
            Err(vec![Issue::error(
                PATH,
                IssueCode::Type,
                "the accessToken function or provider returned something that is not a \
                 string; it must resolve to the component_access_token",
            )])
        });
        checked.map_err(|issues| {
            let sent = if sent == 0 {
                Sent::Nothing
            } else {
                Sent::Requests(sent)
            };
            TokenFailure::Failed(errors::to_js(&Error::Config { issues, sent }))
        })
    }
}

/// What the source threw: this package's own errors (a token manager's `WxApiError`) pass
/// through; anything else becomes a ConfigError whose `cause` is the thrown value.
fn threw(thrown: JsValue, config: impl Fn(Issue) -> errors::JsFail) -> TokenFailure {
    if errors::is_ours(&thrown, None) {
        return TokenFailure::Source(thrown);
    }
    TokenFailure::Failed(
        config(Issue::error(
            PATH,
            IssueCode::TokenSource,
            "the accessToken function or provider threw or rejected; see `cause`",
        ))
        .cause(&thrown)
        .into_js(),
    )
}
