//! `ComponentTokenManager`, the JS class: options in, tokens out. Every decision comes from
//! the pure `crate::token_manager` (its `TokenCache` says use / join / start); this module
//! only runs the I/O a refresh needs: the shared store, `getVerifyTicket`, the token request.
//!
//! Single-flight: the refresh in flight is one JS promise, kept in the cache; concurrent
//! callers receive that same promise. No borrow of the cache is held across an `await` (the
//! state lives in a `RefCell` behind an `Rc`, borrowed only between awaits), and `getToken`
//! itself returns synchronously, so any number of calls may overlap.

use super::errors;
use super::js;
use super::transport;
use crate::error::{Error, TransportError, TransportKind};
use crate::issue::Issue;
use crate::request::Endpoint;
use crate::retry::{overall_deadline_ms, Outcome};
use crate::secret::{AccessToken, Secret};
use crate::token_manager::{
    attempt_failure, build_token_request, check_app_id, check_app_secret, check_margin_seconds,
    check_max_retries, check_ticket, check_timeout_ms, parse_token_response, retry_delay, Ask,
    CachedToken, Credentials, IssuedToken, Refresh, Step, StoreMerge, StoredToken, TokenCache,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A token as `ComponentTokenManager` keeps it in a shared store. */
export interface StoredToken {
    /** The component_access_token. */
    accessToken: string;
    /** When WeChat stops accepting it, in milliseconds since the epoch (as `Date.now()`). */
    expiresAt: number;
}

/** A cache shared by several processes or managers (Redis, a database, a `Map`). The
 * manager reads it before asking WeChat and again before writing, and never writes over a
 * token that expires later. A store with an atomic compare-and-set may enforce that rule in
 * `set` too, closing the small window between the read and the write. */
export interface TokenStore {
    /** The stored token, or null/undefined when there is none. */
    get(): StoredToken | null | undefined | Promise<StoredToken | null | undefined>;
    /** Keep `token` (its `expiresAt` is later than the stored one's, as far as the manager
     * saw). */
    set(token: StoredToken): void | Promise<void>;
}

export interface ComponentTokenManagerOptions {
    /** The third-party platform's appid (`component_appid`). */
    componentAppId: string;
    /** The third-party platform's appsecret. Never printed, never put in an error. */
    componentAppSecret: string;
    /** The latest component_verify_ticket, which WeChat pushes to the platform's
     * authorisation event URL every 10 minutes. Called for each token request. */
    getVerifyTicket: () => string | Promise<string>;
    /** A shared cache, so several processes use one token instead of each fetching its
     * own. Its failures never fail `getToken`: the manager carries on with its own cache and
     * reports them to `onStoreError`. */
    store?: TokenStore;
    /** Called with a `ConfigError` (its `cause` is what the store threw) when `store.get` or
     * `store.set` throws, rejects, times out or returns something malformed. */
    onStoreError?: (error: ConfigError) => void;
    /** Refresh this many seconds before the token expires (at most half its lifetime),
     * 0–3600. @default 600 */
    refreshMarginSeconds?: number;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]. */
    baseUrl?: string;
    /** Per token request attempt, and per call of `getVerifyTicket`, `store.get` and
     * `store.set`, in milliseconds. @default 15000 */
    timeoutMs?: number;
    /** Retries of the token request after errcode -1 (busy), a network failure, a timeout
     * or a 5xx, with exponential backoff. 0–10. @default 2 */
    maxRetries?: number;
}

/** What `getToken` takes; `createService` passes `{ forceRefresh }` when WeChat rejected
 * the token it used. */
export interface ComponentTokenContext {
    /** The token was rejected (40001/40014/42001): return another one. Callers that saw the
     * same token fail share one refresh. */
    forceRefresh?: boolean;
    /** The token that was rejected. When the manager already holds a different one, that
     * one is returned without a request. Without it, a forced refresh within 10 s of the
     * previous forced refresh gets that refresh's outcome (its token, or its error). */
    failedToken?: string;
}
"#;

/// A shared store: the object and its two methods.
struct Store {
    target: JsValue,
    get: js_sys::Function,
    set: js_sys::Function,
}

/// Everything a refresh needs; shared (`Rc`) by the class and every refresh in flight.
struct Inner {
    credentials: Credentials,
    endpoint: Endpoint,
    get_ticket: js_sys::Function,
    store: Option<Store>,
    on_store_error: Option<js_sys::Function>,
    timeout_ms: f64,
    max_retries: u32,
    cache: RefCell<TokenCache<js_sys::Promise>>,
}

/// Caches the third-party platform's `component_access_token`, refreshes it before it
/// expires, and shares one refresh among any number of concurrent callers. Pass it as
/// `accessToken` to `createService` or `CloudbaseClient`.
#[wasm_bindgen]
pub struct ComponentTokenManager {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl ComponentTokenManager {
    /// Throws `ConfigError` when an option is missing or bad (no message repeats the
    /// secret).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ComponentTokenManagerOptions")] opts: JsValue,
    ) -> Result<ComponentTokenManager, JsValue> {
        parse_options(&opts)
            .map(|inner| ComponentTokenManager {
                inner: Rc::new(inner),
            })
            .map_err(|issues| errors::to_js(&Error::Config { issues }))
    }

    /// The current token: cached while fresh, else one refresh shared by every concurrent
    /// caller. Rejects with `WxApiError` (the token endpoint's errcode, with a hint),
    /// `TransportError` or `ConfigError` (`getVerifyTicket` failed or returned no ticket).
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComponentTokenContext")] ctx: JsValue,
    ) -> js_sys::Promise {
        let ask = read_ask(&ctx);
        let inner = Rc::clone(&self.inner);
        // `start` runs inside this borrow: it only creates the promise. The refresh itself
        // runs later, from the microtask queue (`future_to_promise` never polls in place).
        let step = self
            .inner
            .cache
            .borrow_mut()
            .plan(&ask, js::now_ms(), |refresh| start(inner, refresh.clone()));
        match step {
            Step::Use(token) => js_sys::Promise::resolve(&JsValue::from_str(token.expose())),
            Step::Join(promise) | Step::Started(promise) => promise,
        }
    }
}

fn read_ask(ctx: &JsValue) -> Ask {
    if !ctx.is_object() {
        return Ask::default();
    }
    let force_refresh = js::get(ctx, "forceRefresh").ok().and_then(|v| v.as_bool()) == Some(true);
    let failed_token = js::get(ctx, "failedToken")
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|t| AccessToken::parse(&t).ok());
    Ask {
        force_refresh,
        failed_token,
    }
}

// ---------------------------------------------------------------------------------------
// Options

struct Reader<'a> {
    opts: &'a JsValue,
    issues: Vec<Issue>,
}

impl Reader<'_> {
    fn value(&mut self, key: &'static str) -> Option<JsValue> {
        match js::get(self.opts, key) {
            Ok(v) if v.is_undefined() => None,
            Ok(v) => Some(v),
            Err(_) => {
                self.issue(key, "type", format!("reading {key} threw"));
                None
            }
        }
    }

    fn issue(&mut self, key: &'static str, code: &'static str, message: String) {
        self.issues.push(Issue::error(key, code, message));
    }

    fn required_string(&mut self, key: &'static str) -> Option<String> {
        let Some(v) = self.value(key) else {
            self.issue(key, "required", format!("{key} is required (a string)"));
            return None;
        };
        let text = v.as_string();
        if text.is_none() {
            self.issue(key, "type", format!("{key} must be a string"));
        }
        text
    }

    fn function(&mut self, key: &'static str) -> Option<js_sys::Function> {
        let v = self.value(key)?;
        let f = v.dyn_into::<js_sys::Function>().ok();
        if f.is_none() {
            self.issue(key, "type", format!("{key} must be a function"));
        }
        f
    }

    fn number(&mut self, key: &'static str) -> Option<f64> {
        let v = self.value(key)?;
        // Not a number: passed on as NaN so the range check reports it.
        Some(v.as_f64().unwrap_or(f64::NAN))
    }

    fn take<T>(&mut self, checked: Result<T, Issue>) -> Option<T> {
        checked.map_err(|issue| self.issues.push(issue)).ok()
    }

    fn store(&mut self) -> Option<Store> {
        let target = self.value("store")?;
        let method = |name| {
            js::get(&target, name)
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        };
        match (target.is_object(), method("get"), method("set")) {
            (true, Some(get), Some(set)) => Some(Store { target, get, set }),
            _ => {
                self.issue(
                    "store",
                    "type",
                    "store must be an object with get() and set(token) methods (each may \
                     return a promise)"
                        .into(),
                );
                None
            }
        }
    }
}

fn parse_options(opts: &JsValue) -> Result<Inner, Vec<Issue>> {
    if !opts.is_object() {
        return Err(vec![Issue::error(
            "",
            "type",
            "the options must be an object like { componentAppId, componentAppSecret, \
             getVerifyTicket }",
        )]);
    }
    let mut r = Reader {
        opts,
        issues: Vec::new(),
    };
    let app_id = r.required_string("componentAppId");
    let app_secret = r.required_string("componentAppSecret");
    // Each is checked on its own, so every bad option is reported at once.
    let app_id = app_id.and_then(|id| r.take(check_app_id(&id)).map(|()| id));
    let app_secret = app_secret.and_then(|s| r.take(check_app_secret(&s)).map(|()| s));
    let credentials = match (app_id, app_secret) {
        (Some(id), Some(secret)) => Credentials::parse(&id, &secret).ok(),
        _ => None,
    };
    let get_ticket = r.function("getVerifyTicket");
    if get_ticket.is_none() && !r.issues.iter().any(|i| i.path == "getVerifyTicket") {
        r.issue(
            "getVerifyTicket",
            "required",
            "getVerifyTicket is required: a function returning (or resolving to) the latest \
             component_verify_ticket"
                .into(),
        );
    }
    let store = r.store();
    let on_store_error = r.function("onStoreError");
    let margin = r.number("refreshMarginSeconds");
    let margin_ms = r.take(check_margin_seconds(margin));
    let timeout = r.number("timeoutMs");
    let timeout_ms = r.take(check_timeout_ms(timeout));
    let retries = r.number("maxRetries");
    let max_retries = r.take(check_max_retries(retries));
    let endpoint = match r.value("baseUrl") {
        None => Some(Endpoint::default()),
        Some(v) => match v.as_string().map(|text| Endpoint::parse(&text)) {
            Some(Ok(e)) => Some(e),
            Some(Err(issues)) => {
                r.issues.extend(issues);
                None
            }
            None => {
                r.issue(
                    "baseUrl",
                    "type",
                    "baseUrl must be a string such as https://api.weixin.qq.com".into(),
                );
                None
            }
        },
    };
    match (
        credentials,
        get_ticket,
        margin_ms,
        timeout_ms,
        max_retries,
        endpoint,
    ) {
        (
            Some(credentials),
            Some(get_ticket),
            Some(margin_ms),
            Some(timeout_ms),
            Some(max_retries),
            Some(endpoint),
        ) if r.issues.is_empty() => Ok(Inner {
            credentials,
            endpoint,
            get_ticket,
            store,
            on_store_error,
            timeout_ms,
            max_retries,
            cache: RefCell::new(TokenCache::new(margin_ms)),
        }),
        _ => Err(r.issues),
    }
}

// ---------------------------------------------------------------------------------------
// A refresh

/// Starts `refresh` and returns its promise, raced in JS against a deadline that covers
/// every step, so it always settles.
fn start(inner: Rc<Inner>, refresh: Refresh) -> js_sys::Promise {
    // store.get, getVerifyTicket, the requests, store.get again, store.set, plus a second.
    let limit =
        overall_deadline_ms(inner.timeout_ms, inner.max_retries) + 4.0 * inner.timeout_ms + 1_000.0;
    let promise = wasm_bindgen_futures::future_to_promise(run(inner, refresh));
    let reason = errors::to_js(&Error::transport(
        TransportKind::Timeout,
        "the component_access_token refresh did not settle within its deadline",
    ));
    js::with_deadline(promise, limit, &reason)
}

async fn run(inner: Rc<Inner>, refresh: Refresh) -> Result<JsValue, JsValue> {
    let outcome = obtain(&inner, &refresh).await;
    inner.cache.borrow_mut().finish(
        refresh.generation,
        outcome.as_ref().ok().cloned(),
        js::now_ms(),
    );
    outcome.map(|cached| JsValue::from_str(cached.token.expose()))
}

/// A fresh token: the store's when it has a usable one, else a new one from WeChat (then
/// the store's after all if it got a later one meanwhile, else ours is written).
async fn obtain(inner: &Inner, refresh: &Refresh) -> Result<CachedToken, JsValue> {
    if let Some(store) = &inner.store {
        if let Some(stored) = inner.read_store(store).await {
            let adopted = inner
                .cache
                .borrow()
                .adopt_from_store(&stored, refresh, js::now_ms());
            if let Some(cached) = adopted {
                return Ok(cached);
            }
        }
    }
    let ticket = inner.verify_ticket().await?;
    let (issued, sent_at) = inner.fetch(&ticket).await?;
    let ours = inner.cache.borrow().issued(&issued, sent_at, refresh);
    let Some(store) = &inner.store else {
        return Ok(ours);
    };
    let stored = inner.read_store(store).await;
    let merge =
        inner
            .cache
            .borrow()
            .merge_with_store(&ours, stored.as_ref(), refresh, js::now_ms());
    match merge {
        StoreMerge::KeepStored(theirs) => Ok(theirs),
        StoreMerge::Write => {
            inner.write_store(store, &ours.to_stored()).await;
            Ok(ours)
        }
    }
}

fn config_error(path: &str, code: &'static str, message: &str, cause: Option<&JsValue>) -> JsValue {
    let err = errors::to_js(&Error::Config {
        issues: vec![Issue::error(path, code, message)],
    });
    if let Some(cause) = cause {
        js::set(&err, "cause", cause);
    }
    err
}

/// Why a guarded call failed.
enum CallFailure {
    /// It threw or rejected with this value.
    Threw(JsValue),
    /// It did not settle within the timeout.
    TimedOut,
}

/// Calls `f` on `this` (with `arg`), adopts its result as a promise and waits at most `ms`.
async fn call_guarded(
    f: &js_sys::Function,
    this: &JsValue,
    arg: Option<&JsValue>,
    ms: f64,
) -> Result<JsValue, CallFailure> {
    let called = match arg {
        Some(arg) => f.call1(this, arg),
        None => f.call0(this),
    };
    let value = called.map_err(CallFailure::Threw)?;
    let timeout: JsValue = js::error("TimeoutError", "did not settle in time").into();
    let raced = js::with_deadline(js_sys::Promise::resolve(&value), ms, &timeout);
    JsFuture::from(raced).await.map_err(|thrown| {
        if js_sys::Object::is(&thrown, &timeout) {
            CallFailure::TimedOut
        } else {
            CallFailure::Threw(thrown)
        }
    })
}

fn fail(err: Error, attempts: u32) -> JsValue {
    errors::after_attempts(&err, attempts)
}

impl Inner {
    fn origin(&self) -> &str {
        self.endpoint.origin()
    }

    fn report_store_error(&self, code: &'static str, message: &str, cause: Option<&JsValue>) {
        if let Some(hook) = &self.on_store_error {
            let err = config_error("store", code, message, cause);
            // A hook that throws does not break the refresh: hooks observe.
            let _ = hook.call1(&JsValue::UNDEFINED, &err);
        }
    }

    async fn read_store(&self, store: &Store) -> Option<StoredToken> {
        let value = match call_guarded(&store.get, &store.target, None, self.timeout_ms).await {
            Ok(v) => v,
            Err(CallFailure::Threw(thrown)) => {
                self.report_store_error(
                    "store_get",
                    "store.get() threw or rejected; the manager went on without the store \
                     (see `cause`)",
                    Some(&thrown),
                );
                return None;
            }
            Err(CallFailure::TimedOut) => {
                self.report_store_error(
                    "store_get",
                    &format!(
                        "store.get() did not settle within {:.0} ms; the manager went on \
                         without the store",
                        self.timeout_ms
                    ),
                    None,
                );
                return None;
            }
        };
        if value.is_undefined() || value.is_null() {
            return None;
        }
        let field = |key| js::get(&value, key).ok();
        let token = field("accessToken").and_then(|v| v.as_string());
        let expires_at = field("expiresAt").and_then(|v| v.as_f64());
        match StoredToken::parse(token.as_deref(), expires_at) {
            Ok(stored) => Some(stored),
            Err(issue) => {
                self.report_store_error("store_value", &issue.message, None);
                None
            }
        }
    }

    async fn write_store(&self, store: &Store, token: &StoredToken) {
        let value = js_sys::Object::new();
        js::set(
            &value,
            "accessToken",
            &JsValue::from_str(token.token.expose()),
        );
        js::set(&value, "expiresAt", &JsValue::from_f64(token.expires_at_ms));
        match call_guarded(&store.set, &store.target, Some(&value), self.timeout_ms).await {
            Ok(_) => {}
            Err(CallFailure::Threw(thrown)) => self.report_store_error(
                "store_set",
                "store.set() threw or rejected; the token is still used (see `cause`)",
                Some(&thrown),
            ),
            Err(CallFailure::TimedOut) => self.report_store_error(
                "store_set",
                &format!(
                    "store.set() did not settle within {:.0} ms; the token is still used",
                    self.timeout_ms
                ),
                None,
            ),
        }
    }

    async fn verify_ticket(&self) -> Result<Secret, JsValue> {
        let value = match call_guarded(&self.get_ticket, &JsValue::UNDEFINED, None, self.timeout_ms)
            .await
        {
            Ok(v) => v,
            // This package's own errors (e.g. from a nested manager) pass through as they are.
            Err(CallFailure::Threw(thrown)) if errors::is_ours(&thrown, None) => {
                return Err(thrown)
            }
            Err(CallFailure::Threw(thrown)) => {
                return Err(config_error(
                    "getVerifyTicket",
                    "token_source",
                    "getVerifyTicket threw or rejected; see `cause`",
                    Some(&thrown),
                ))
            }
            Err(CallFailure::TimedOut) => {
                return Err(config_error(
                    "getVerifyTicket",
                    "timeout",
                    &format!(
                        "getVerifyTicket did not settle within {:.0} ms",
                        self.timeout_ms
                    ),
                    None,
                ))
            }
        };
        let Some(text) = value.as_string() else {
            return Err(config_error(
                "getVerifyTicket",
                "type",
                "getVerifyTicket must return (or resolve to) the component_verify_ticket string",
                None,
            ));
        };
        check_ticket(&text).map_err(|issue| {
            errors::to_js(&Error::Config {
                issues: vec![issue],
            })
        })
    }

    /// The token request, retried on transient failures. Returns the token and when the
    /// attempt that got it was sent.
    async fn fetch(&self, ticket: &Secret) -> Result<(IssuedToken, f64), JsValue> {
        let request = build_token_request(&self.endpoint, &self.credentials, ticket)
            .map_err(|e| errors::to_js(&e))?;
        let http = request.to_http();
        let secrets = [self.credentials.app_secret().expose(), ticket.expose()];
        let deadline = js::now_ms() + overall_deadline_ms(self.timeout_ms, self.max_retries);
        let mut retries = 0u32;
        let mut attempts = 0u32;
        loop {
            let remaining = deadline - js::now_ms();
            if remaining <= 0.0 {
                return Err(fail(
                    Error::Transport(TransportError {
                        kind: TransportKind::Timeout,
                        message: "the token request's overall deadline passed".into(),
                        status: None,
                        outcome_unknown: false,
                        attempts,
                    }),
                    attempts,
                ));
            }
            attempts += 1;
            let sent_at = js::now_ms();
            let timeout = self.timeout_ms.min(remaining);
            let (sent, outcome) = match transport::send(&http, self.origin(), timeout, None).await {
                Ok(raw) => (true, parse_token_response(raw.status, &raw.body, &secrets)),
                Err(f) => (
                    f.sent,
                    Err(attempt_failure(f.error, f.sent, self.origin(), timeout)),
                ),
            };
            let err = match outcome {
                Ok(issued) => return Ok((issued, sent_at)),
                Err(err) => err,
            };
            let seen = if sent {
                Outcome::Failed(&err)
            } else {
                Outcome::NotSent
            };
            let remaining = deadline - js::now_ms();
            match retry_delay(
                seen,
                retries,
                self.max_retries,
                remaining,
                js_sys::Math::random(),
            ) {
                Some(delay) => {
                    retries += 1;
                    js::sleep(delay, None).await;
                }
                None => return Err(fail(err, attempts)),
            }
        }
    }
}
