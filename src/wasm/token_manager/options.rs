//! The manager's options, read with the one options reader: every string length-checked
//! before it is copied (the app secret, the app id, the base URL), unknown keys refused.

use super::store::Store;
use super::Inner;
use crate::issue::{Issue, IssueCode};
use crate::options::{
    DEADLINE_MS, MAX_RETRIES, REFRESH_MARGIN_SECONDS, STORE_TIMEOUT_MS, TIMEOUT_MS,
};
use crate::token_manager::{
    check_app_id, check_app_secret, Credentials, TokenCache, MAX_APP_ID_LEN, MAX_SECRET_LEN,
};
use crate::wasm::js;
use crate::wasm::options::Reader;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const KEYS: &[&str] = &[
    "componentAppId",
    "componentAppSecret",
    "getVerifyTicket",
    "store",
    "onStoreError",
    "onRefresh",
    "refreshMarginSeconds",
    "baseUrl",
    "allowHttpHosts",
    "timeoutMs",
    "deadlineMs",
    "storeTimeoutMs",
    "maxRetries",
];

fn store(r: &mut Reader<'_>) -> Option<Store> {
    let target = r.value("store")?;
    let method = |name| {
        js::get(&target, name)
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    };
    let optional = |name| match js::get(&target, name) {
        Ok(v) if v.is_undefined() => Ok(None),
        Ok(v) => v.dyn_into::<js_sys::Function>().map(Some).map_err(|_| ()),
        Err(_) => Err(()),
    };
    match (
        target.is_object(),
        method("get"),
        method("set"),
        optional("lock"),
        optional("unlock"),
    ) {
        (true, Some(get), Some(set), Ok(lock), Ok(unlock))
            if lock.is_some() == unlock.is_some() =>
        {
            Some(Store {
                target,
                get,
                set,
                lock: lock.zip(unlock),
            })
        }
        _ => {
            r.issue(Issue::error(
                "store",
                IssueCode::Type,
                "store must be an object with get() and set(token) methods, and optionally both \
                 lock(request) and unlock(request) (each may return a promise)",
            ));
            None
        }
    }
}

/// A name for this manager as a lock owner: unique enough that two processes never share
/// it.
fn owner() -> String {
    let a = (js::random() * 4_294_967_296.0) as u64;
    let b = (js::random() * 4_294_967_296.0) as u64;
    format!("m-{a:08x}{b:08x}")
}

pub fn parse(opts: &JsValue) -> Result<Inner, Vec<Issue>> {
    let mut r = Reader::open(opts, "the token manager options", KEYS, true);
    let app_id = r.required_string("componentAppId", MAX_APP_ID_LEN);
    let app_secret = r.required_string("componentAppSecret", MAX_SECRET_LEN);
    // Each is checked on its own, so every bad option is reported at once.
    let app_id = app_id.filter(|id| check_app_id(id).map_err(|i| r.issue(i)).is_ok());
    let app_secret = app_secret.filter(|s| check_app_secret(s).map_err(|i| r.issue(i)).is_ok());
    let credentials = match (app_id, app_secret) {
        (Some(id), Some(secret)) => Credentials::parse(&id, &secret).ok(),
        _ => None,
    };
    let get_ticket = r.function("getVerifyTicket");
    if get_ticket.is_none() && !r.issues().iter().any(|i| i.path == "getVerifyTicket") {
        r.issue(Issue::error(
            "getVerifyTicket",
            IssueCode::Required,
            "getVerifyTicket is required: a function returning (or resolving to) the latest \
             component_verify_ticket (a PushReceiver's latestTicket)",
        ));
    }
    let store = store(&mut r);
    let on_store_error = r.function("onStoreError");
    let on_refresh = r.function("onRefresh");
    let margin = r
        .number(&REFRESH_MARGIN_SECONDS)
        .unwrap_or(REFRESH_MARGIN_SECONDS.default);
    let timeout_ms = r.number(&TIMEOUT_MS).unwrap_or(TIMEOUT_MS.default);
    let deadline_ms = r.number(&DEADLINE_MS).unwrap_or(DEADLINE_MS.default);
    let store_timeout_ms = r
        .number(&STORE_TIMEOUT_MS)
        .unwrap_or(STORE_TIMEOUT_MS.default);
    let max_retries = r.number(&MAX_RETRIES).unwrap_or(MAX_RETRIES.default) as u32;
    let hosts = r.hosts("allowHttpHosts");
    let base = r.base_url(&hosts);
    let issues = r.finish();
    match (credentials, get_ticket, issues) {
        (Some(credentials), Some(get_ticket), Ok(())) => Ok(Inner {
            credentials,
            base,
            get_ticket,
            store,
            on_store_error,
            on_refresh,
            timeout_ms,
            deadline_ms,
            store_timeout_ms,
            max_retries,
            owner: owner(),
            cache: RefCell::new(TokenCache::new(margin * 1000.0)),
            store_hung: std::cell::Cell::new(false),
        }),
        (_, _, Err(issues)) => Err(issues),
        _ => Err(vec![Issue::error(
            "",
            IssueCode::Type,
            "the token manager options are incomplete",
        )]),
    }
}
