//! `ComponentTokenManager`, the JS class: options in, tokens out. Every decision comes from
//! the pure `crate::token_manager` (its `TokenCache` says use / join / start); this module
//! only runs the I/O a refresh needs (`refresh.rs`: the shared store and its lock,
//! `getVerifyTicket`, the token request; `store.rs`: the bounded store calls).
//!
//! Single-flight: the refresh in flight is one JS promise, kept in the cache; concurrent
//! callers receive that same promise. The cache lives in a `RefCell` borrowed only between
//! calls into JS, never across one (a JS call that threw while it was borrowed would leave it
//! borrowed for good), and never across an `await`.

mod options;
mod refresh;
mod store;

use super::errors::to_js;
use super::js;
use crate::error::Error;
use crate::secret::{AccessToken, MAX_ACCESS_TOKEN_LEN};
use crate::token_manager::{Ask, Credentials, Step, TokenCache};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

pub use store::Store;

/// Everything a refresh needs; shared (`Rc`) by the class and every refresh in flight.
pub struct Inner {
    credentials: Credentials,
    base: crate::base_url::BaseUrl,
    get_ticket: js_sys::Function,
    store: Option<Store>,
    on_store_error: Option<js_sys::Function>,
    on_refresh: Option<js_sys::Function>,
    timeout_ms: f64,
    deadline_ms: f64,
    store_timeout_ms: f64,
    max_retries: u32,
    /// Names this manager as a lock owner in a shared store.
    owner: String,
    cache: RefCell<TokenCache<js_sys::Promise>>,
    /// Set when a store call of the running refresh did not settle in time: the rest of
    /// that refresh goes without the store, so a hanging store costs one `storeTimeoutMs`
    /// per refresh, not one per store call (a refresh makes up to five).
    store_hung: std::cell::Cell<bool>,
}

/// Caches the third-party platform's `component_access_token`, refreshes it before it
/// expires, and shares one refresh among any number of concurrent callers (and, through a
/// store with a lock, among processes). Pass it as `accessToken` to `createService` or
/// `CloudbaseClient`.
#[wasm_bindgen]
pub struct ComponentTokenManager {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl ComponentTokenManager {
    /// Throws `ConfigError` when an option is missing, bad or unknown (no message repeats a
    /// secret).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ComponentTokenManagerOptions")] opts: JsValue,
    ) -> Result<ComponentTokenManager, JsValue> {
        options::parse(&opts)
            .map(|inner| ComponentTokenManager {
                inner: Rc::new(inner),
            })
            .map_err(|issues| to_js(&Error::config(issues)))
    }

    /// The current token: cached while fresh, else one refresh shared by every concurrent
    /// caller. Rejects with `WxApiError` (the token endpoint's errcode, with a hint),
    /// `TransportError` or `ConfigError` (`getVerifyTicket` failed or returned no ticket).
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ComponentTokenContext")] ctx: JsValue,
    ) -> js_sys::Promise {
        // Everything JS is read before the cache is borrowed.
        let ask = read_ask(&ctx);
        let now = js::now_ms();
        let inner = Rc::clone(&self.inner);
        let mut started = None;
        let step = self.inner.cache.borrow_mut().plan(&ask, now, |r| {
            // Only records what to start: the promise is made once the borrow has ended.
            started = Some(r.clone());
            js_sys::Promise::resolve(&JsValue::UNDEFINED)
        });
        let step = match (step, started) {
            (Step::Started(_), Some(r)) => {
                let promise = refresh::start(inner, r.clone());
                self.inner
                    .cache
                    .borrow_mut()
                    .set_handle(r.generation, promise.clone());
                Step::Started(promise)
            }
            (step, _) => step,
        };
        match step {
            Step::Use(token) => js_sys::Promise::resolve(&JsValue::from_str(token.expose())),
            Step::Join(promise) | Step::Started(promise) => promise,
        }
    }
}

/// What `getToken`'s argument asks for. It is read leniently (a client passes it): only
/// `forceRefresh: true` and a valid `failedToken` string count.
fn read_ask(ctx: &JsValue) -> Ask {
    if !ctx.is_object() {
        return Ask::default();
    }
    let force_refresh = js::get(ctx, "forceRefresh").ok().and_then(|v| v.as_bool()) == Some(true);
    let failed_token = js::get(ctx, "failedToken")
        .ok()
        .and_then(|v| super::interop::bounded_string(&v, MAX_ACCESS_TOKEN_LEN))
        .and_then(Result::ok)
        .and_then(|t| AccessToken::parse(&t).ok());
    Ask {
        force_refresh,
        failed_token,
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");
