//! The latest `component_verify_ticket`: kept in memory and, with a ticket store, shared
//! with every process ("latest wins" by the push's CreateTime, per component appid). A
//! ticket lives 12 hours; one older is never handed out. Store calls are bounded and their
//! failures go to `onStoreError`, never to the push's answer.

use super::Inner;
use crate::error::{Error, Sent};
use crate::issue::{Issue, IssueCode};
use crate::push::PushKeys;
use crate::secret::Secret;
use crate::token_manager::MAX_TICKET_LEN;
use crate::wasm::ctx::{Ctx, Waited};
use crate::wasm::errors::{to_js, JsFail};
use crate::wasm::hooks;
use crate::wasm::interop::bounded_string;
use crate::wasm::js;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long a ticket is good for (push.md: 12 hours).
const TICKET_LIFE_MS: f64 = 12.0 * 3600.0 * 1000.0;

/// A ticket and when it came.
#[derive(Clone)]
pub struct Latest {
    pub ticket: Secret,
    /// The push's CreateTime, Unix seconds.
    pub create_time: u64,
    pub received_at_ms: f64,
}

impl Latest {
    fn fresh(&self, now_ms: f64) -> bool {
        now_ms - self.received_at_ms < TICKET_LIFE_MS
    }

    fn newer_than(&self, other: &Latest) -> bool {
        (self.create_time, self.received_at_ms) > (other.create_time, other.received_at_ms)
    }
}

pub struct TicketStore {
    target: JsValue,
    get: js_sys::Function,
    set: js_sys::Function,
}

impl TicketStore {
    pub fn from_js(value: &JsValue) -> Result<TicketStore, Issue> {
        let method = |name| {
            js::get(value, name)
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        };
        match (value.is_object(), method("get"), method("set")) {
            (true, Some(get), Some(set)) => Ok(TicketStore {
                target: value.clone(),
                get,
                set,
            }),
            _ => Err(Issue::error(
                "ticketStore",
                IssueCode::Type,
                "ticketStore must be an object with get() and set(ticket) methods (each may \
                 return a promise), e.g. redisTicketStore from wx-cloudbase-service/redis",
            )),
        }
    }
}

fn store_error(inner: &Inner, code: IssueCode, message: &str, cause: Option<&JsValue>) {
    let Some(hook) = &inner.on_store_error else {
        return;
    };
    let err = Error::Config {
        issues: vec![Issue::error("ticketStore", code, message)],
        sent: Sent::Nothing,
    };
    let fail = JsFail::new(&err);
    let fail = match cause {
        Some(c) => fail.cause(c),
        None => fail,
    };
    hooks::notify(Some(hook), &fail.into_js());
}

async fn call(
    inner: &Inner,
    f: &js_sys::Function,
    what: &str,
    code: IssueCode,
    arg: Option<&JsValue>,
) -> Option<JsValue> {
    let Some(store) = &inner.store else {
        return None;
    };
    let ctx = Ctx::new(inner.store_timeout_ms, None);
    let args: Vec<&JsValue> = arg.into_iter().collect();
    let waited = match js::call(f, &store.target, &args) {
        Ok(value) => ctx.wait(&value).await,
        Err(thrown) => Waited::Threw(thrown),
    };
    match waited {
        Waited::Value(v) => Some(v),
        Waited::Threw(thrown) => {
            store_error(
                inner,
                code,
                &format!("{what} threw or rejected (see `cause`)"),
                Some(&thrown),
            );
            None
        }
        _ => {
            store_error(
                inner,
                code,
                &format!(
                    "{what} did not settle within {} ms (storeTimeoutMs)",
                    inner.store_timeout_ms.round() as u64
                ),
                None,
            );
            None
        }
    }
}

/// Keeps `latest` when it is newer than what this receiver holds, and writes it to the
/// store (which keeps the newest of all writers).
pub async fn keep(inner: &Inner, latest: Latest) {
    let newer = inner
        .latest
        .borrow()
        .as_ref()
        .is_none_or(|held| latest.newer_than(held));
    if !newer {
        return;
    }
    *inner.latest.borrow_mut() = Some(latest.clone());
    if let Some(store) = &inner.store {
        let value: JsValue = js::object(&[
            ("ticket", JsValue::from_str(latest.ticket.expose())),
            ("componentAppId", JsValue::from_str(inner.keys.app_id())),
            ("createTime", (latest.create_time as f64).into()),
            ("receivedAt", latest.received_at_ms.into()),
        ])
        .into();
        let set = store.set.clone();
        let _ = call(
            inner,
            &set,
            "ticketStore.set()",
            IssueCode::StoreSet,
            Some(&value),
        )
        .await;
    }
}

/// What the store holds, when it is a fresh ticket of this platform.
async fn stored(inner: &Inner, keys: &PushKeys) -> Option<Latest> {
    let store = inner.store.as_ref()?;
    let value = call(
        inner,
        &store.get.clone(),
        "ticketStore.get()",
        IssueCode::StoreGet,
        None,
    )
    .await?;
    if value.is_null() || value.is_undefined() {
        return None;
    }
    let text = |key, max| {
        js::get(&value, key)
            .ok()
            .and_then(|v| bounded_string(&v, max))
            .and_then(Result::ok)
    };
    let number = |key| js::get(&value, key).ok().and_then(|v| v.as_f64());
    let ticket = text("ticket", MAX_TICKET_LEN);
    let owner = text("componentAppId", 128);
    let (create_time, received_at) = (number("createTime"), number("receivedAt"));
    match (ticket, owner, create_time, received_at) {
        (Some(ticket), Some(owner), Some(create_time), Some(received_at_ms))
            if owner == keys.app_id() && create_time.is_finite() && received_at_ms.is_finite() =>
        {
            Some(Latest {
                ticket: Secret::new(ticket),
                create_time: create_time.max(0.0) as u64,
                received_at_ms,
            })
        }
        _ => {
            store_error(
                inner,
                IssueCode::StoreValue,
                "ticketStore.get() must resolve to null or { ticket, componentAppId (this \
                 receiver's), createTime, receivedAt }",
                None,
            );
            None
        }
    }
}

/// The latest fresh ticket, from memory or the store.
pub async fn latest(inner: &Inner) -> Result<JsValue, JsValue> {
    let now = js::now_ms();
    let held = inner.latest.borrow().clone().filter(|l| l.fresh(now));
    let from_store = stored(inner, &inner.keys).await.filter(|l| l.fresh(now));
    let best = match (held, from_store) {
        (Some(a), Some(b)) => Some(if b.newer_than(&a) { b } else { a }),
        (a, b) => a.or(b),
    };
    match best {
        Some(latest) => Ok(JsValue::from_str(latest.ticket.expose())),
        None => Err(to_js(&Error::config_one(
            "ticketStore",
            IssueCode::Required,
            "no component_verify_ticket has arrived yet (or the last one is older than 12 \
             hours): WeChat pushes one every 10 minutes to the authorisation event URL once the \
             platform is set up; call api_start_push_ticket to start the pushes",
        ))),
    }
}
