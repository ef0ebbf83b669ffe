//! The calls into a shared store: each bounded by `storeTimeoutMs` (well inside a call's
//! budget, so a store that hangs cannot eat the token request's time), each failure —
//! a throw, a rejection, a timeout, a malformed value, another platform's token — reported
//! to `onStoreError` and otherwise ignored: the store helps, it never fails a `getToken`.

use super::Inner;
use crate::error::{Error, Sent};
use crate::issue::{Issue, IssueCode};
use crate::secret::MAX_ACCESS_TOKEN_LEN;
use crate::token_manager::StoredToken;
use crate::wasm::ctx::{Ctx, Waited};
use crate::wasm::errors::JsFail;
use crate::wasm::hooks;
use crate::wasm::interop::bounded_string;
use crate::wasm::js;
use wasm_bindgen::prelude::*;

/// A shared store: the object and its methods.
pub struct Store {
    pub target: JsValue,
    pub get: js_sys::Function,
    pub set: js_sys::Function,
    /// `lock` and `unlock`, when the store has both.
    pub lock: Option<(js_sys::Function, js_sys::Function)>,
}

/// A store method, as messages name it and the issue code of its failures.
pub struct Op {
    pub what: &'static str,
    pub code: IssueCode,
}

pub const GET: Op = Op {
    what: "store.get()",
    code: IssueCode::StoreGet,
};
pub const SET: Op = Op {
    what: "store.set()",
    code: IssueCode::StoreSet,
};
pub const LOCK: Op = Op {
    what: "store.lock()",
    code: IssueCode::StoreGet,
};
pub const UNLOCK: Op = Op {
    what: "store.unlock()",
    code: IssueCode::StoreSet,
};

/// What a store call gave.
pub enum Called {
    Value(JsValue),
    /// It failed (and was reported), or the refresh's deadline passed.
    Failed,
}

impl Inner {
    /// Reports a store failure. `sent` says how many token requests the refresh had sent,
    /// so the error says truthfully what was done.
    pub(super) fn store_error(
        &self,
        code: IssueCode,
        message: &str,
        cause: Option<&JsValue>,
        sent: u32,
    ) {
        let Some(hook) = &self.on_store_error else {
            return;
        };
        let sent = if sent == 0 {
            Sent::Nothing
        } else {
            Sent::Requests(sent)
        };
        let err = Error::Config {
            issues: vec![Issue::error("store", code, message)],
            sent,
        };
        let fail = JsFail::new(&err);
        let fail = match cause {
            Some(cause) => fail.cause(cause),
            None => fail,
        };
        hooks::notify(Some(hook), &fail.into_js());
    }

    /// Calls `f` on the store with `arg`, at most `storeTimeoutMs`.
    pub(super) async fn call_store(
        &self,
        ctx: &Ctx,
        store: &Store,
        f: &js_sys::Function,
        op: &Op,
        arg: Option<&JsValue>,
        sent: u32,
    ) -> Called {
        let (what, code) = (op.what, op.code);
        if self.store_hung.get() {
            return Called::Failed;
        }
        let args: Vec<&JsValue> = arg.into_iter().collect();
        let value = match js::call(f, &store.target, &args) {
            Ok(value) => value,
            Err(thrown) => {
                self.store_error(
                    code,
                    &format!("{what} threw; the manager went on without the store (see `cause`)"),
                    Some(&thrown),
                    sent,
                );
                return Called::Failed;
            }
        };
        match ctx.wait_at_most(&value, self.store_timeout_ms).await {
            Waited::Value(v) => Called::Value(v),
            Waited::Threw(thrown) => {
                self.store_error(
                    code,
                    &format!(
                        "{what} rejected; the manager went on without the store (see `cause`)"
                    ),
                    Some(&thrown),
                    sent,
                );
                Called::Failed
            }
            Waited::Limit => {
                self.store_hung.set(true);
                self.store_error(
                    code,
                    &format!(
                        "{what} did not settle within {} ms (storeTimeoutMs); the manager went on \
                         without the store for the rest of this refresh",
                        self.store_timeout_ms.round() as u64
                    ),
                    None,
                    sent,
                );
                Called::Failed
            }
            Waited::Deadline | Waited::Aborted => Called::Failed,
        }
    }

    /// What the store holds, when it is a token of this platform.
    pub(super) async fn read_store(
        &self,
        ctx: &Ctx,
        store: &Store,
        sent: u32,
    ) -> Option<StoredToken> {
        let value = match self
            .call_store(ctx, store, &store.get, &GET, None, sent)
            .await
        {
            Called::Value(v) => v,
            Called::Failed => return None,
        };
        if value.is_undefined() || value.is_null() {
            return None;
        }
        let text = |key| {
            js::get(&value, key)
                .ok()
                .and_then(|v| bounded_string(&v, MAX_ACCESS_TOKEN_LEN))
                .and_then(Result::ok)
        };
        let number = |key| js::get(&value, key).ok().and_then(|v| v.as_f64());
        let parsed = StoredToken::parse(
            text("accessToken").as_deref(),
            number("expiresAt"),
            number("obtainedAt"),
            text("componentAppId").as_deref(),
            self.credentials.app_id(),
        );
        match parsed {
            Ok(stored) => Some(stored),
            Err(issue) => {
                self.store_error(IssueCode::StoreValue, &issue.message, None, sent);
                None
            }
        }
    }

    pub(super) async fn write_store(
        &self,
        ctx: &Ctx,
        store: &Store,
        token: &StoredToken,
        sent: u32,
    ) {
        let mut entries = vec![
            ("accessToken", JsValue::from_str(token.token.expose())),
            ("expiresAt", token.expires_at_ms.into()),
        ];
        if let Some(at) = token.obtained_at_ms {
            entries.push(("obtainedAt", at.into()));
        }
        if let Some(id) = &token.component_app_id {
            entries.push(("componentAppId", JsValue::from_str(id)));
        }
        let value: JsValue = js::object(&entries).into();
        let _ = self
            .call_store(ctx, store, &store.set, &SET, Some(&value), sent)
            .await;
    }
}
