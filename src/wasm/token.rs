//! Where a call's access token comes from: a fixed string, a function, or a provider object
//! (`{ getToken(ctx) }`, e.g. a token manager). Only the last two can mint a new token when
//! WeChat says the current one is invalid or expired.

use super::errors;
use super::js;
use crate::error::{Error, TransportError, TransportKind};
use crate::issue::Issue;
use crate::secret::AccessToken;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// `Some` for a JS string: its text, or a `too_large` issue when it is far longer than any
/// token, checked before the text is copied into wasm memory (a 10 MB "token" must not grow
/// the instance for good).
pub fn bounded_string(value: &JsValue) -> Option<Result<String, Vec<Issue>>> {
    let js = value.dyn_ref::<js_sys::JsString>()?;
    if js.length() as usize > crate::secret::MAX_ACCESS_TOKEN_LEN {
        return Some(Err(vec![Issue::error(
            PATH,
            "too_large",
            format!(
                "the access token is longer than {} characters, so it is not a \
                 component_access_token; pass the token itself",
                crate::secret::MAX_ACCESS_TOKEN_LEN
            ),
        )]));
    }
    Some(Ok(js.into()))
}

fn config(message: &str) -> Issue {
    Issue::error(PATH, "type", message)
}

impl TokenSource {
    pub fn from_js(value: &JsValue) -> Result<TokenSource, Vec<Issue>> {
        if let Some(text) = bounded_string(value) {
            return text
                .and_then(|t| AccessToken::parse(&t))
                .map(TokenSource::Fixed);
        }
        if value.is_undefined() || value.is_null() {
            return Err(vec![Issue::error(
                PATH,
                "required",
                "accessToken is required: pass the component_access_token string, a function \
                 returning it, or a token provider such as ComponentTokenManager",
            )]);
        }
        if let Some(f) = value.dyn_ref::<js_sys::Function>() {
            return Ok(TokenSource::Function(f.clone()));
        }
        if value.is_object() {
            if let Some(get_token) = js::get(value, "getToken")
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            {
                return Ok(TokenSource::Provider {
                    target: value.clone(),
                    get_token,
                });
            }
        }
        Err(vec![config(
            "accessToken must be a string, a function ({ forceRefresh }) => string | \
             Promise<string>, or an object with getToken(ctx)",
        )])
    }

    pub fn can_refresh(&self) -> bool {
        !matches!(self, TokenSource::Fixed(_))
    }

    /// The token to use. With `failed` (the token WeChat just rejected) a function or
    /// provider is asked for a new one: `{ forceRefresh: true, failedToken }`, so a shared
    /// manager can tell a stale rejection from a fresh one and refresh only once.
    /// Errors thrown by the source come back as they were when they are this package's own
    /// (a token manager's `WxApiError`), otherwise as a `ConfigError` whose `cause` is the
    /// thrown value.
    /// A function or provider that has not settled after `timeout_ms` fails the call with a
    /// `TIMEOUT` that says nothing was sent.
    pub async fn get(
        &self,
        failed: Option<&AccessToken>,
        timeout_ms: f64,
    ) -> Result<AccessToken, JsValue> {
        let (this, f) = match self {
            TokenSource::Fixed(token) => return Ok(token.clone()),
            TokenSource::Function(f) => (JsValue::UNDEFINED, f),
            TokenSource::Provider { target, get_token } => (target.clone(), get_token),
        };
        let ctx = js_sys::Object::new();
        js::set(&ctx, "forceRefresh", &JsValue::from_bool(failed.is_some()));
        if let Some(failed) = failed {
            js::set(&ctx, "failedToken", &JsValue::from_str(failed.expose()));
        }
        let produced = match f.call1(&this, &ctx) {
            Ok(v) => {
                let reason = errors::to_js(&Error::Transport(TransportError {
                    kind: TransportKind::Timeout,
                    message: format!(
                        "the accessToken function or provider did not settle within {} ms; \
                         nothing was sent",
                        timeout_ms.round() as u64
                    ),
                    status: None,
                    outcome_unknown: false,
                    attempts: 0,
                }));
                let pending = js_sys::Promise::resolve(&v);
                JsFuture::from(js::with_deadline(pending, timeout_ms, &reason)).await
            }
            Err(thrown) => Err(thrown),
        };
        let value = produced.map_err(|thrown| {
            if errors::is_ours(&thrown, None) {
                return thrown;
            }
            let err = errors::to_js(&Error::Config {
                issues: vec![Issue::error(
                    PATH,
                    "token_source",
                    "the accessToken function or provider threw or rejected; see `cause`",
                )],
            });
            js::set(&err, "cause", &thrown);
            err
        })?;
        let text = bounded_string(&value).ok_or_else(|| {
            errors::to_js(&Error::Config {
                issues: vec![config(
                    "the accessToken function or provider returned something that is not a \
                     string; it must resolve to the component_access_token",
                )],
            })
        })?;
        text.and_then(|t| AccessToken::parse(&t))
            .map_err(|issues| errors::to_js(&Error::Config { issues }))
    }
}
