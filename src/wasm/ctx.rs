//! The context of one call (or one token refresh): its deadline, the caller's signal, and
//! the one way it waits for anything — a user's token function, a store, fetch, a body
//! read, a backoff — raced against both, so nothing can outlive the deadline and an abort
//! ends any wait at once. The error of a deadline or an abort is made by the caller, when
//! it happens, with what the call had done so far (never one shared object).

use super::js::{self, Listener, Timer};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// What the deadline, abort and limit promises resolve with; compared by identity.
    static DEADLINE: JsValue = js_sys::Object::new().into();
    static ABORT: JsValue = js_sys::Object::new().into();
    static LIMIT: JsValue = js_sys::Object::new().into();
}

fn marker(which: &'static std::thread::LocalKey<JsValue>) -> JsValue {
    which.with(Clone::clone)
}

/// How a wait ended.
pub enum Waited {
    /// The promise resolved with this value.
    Value(JsValue),
    /// It rejected (or the function threw) with this value.
    Threw(JsValue),
    /// The context's deadline passed first.
    Deadline,
    /// The caller's signal aborted first.
    Aborted,
    /// The wait's own limit passed first (see [`Ctx::wait_at_most`]).
    Limit,
}

/// A promise that resolves with `value` after `ms`, and the timer (cleared on drop).
fn after(ms: f64, value: &JsValue) -> Option<(js_sys::Promise, Timer)> {
    let (promise, resolve) = js::deferred()?;
    let fire = js::bound(&resolve, &JsValue::UNDEFINED, value)?;
    Some((promise, Timer::start(&fire, ms)))
}

pub struct Ctx {
    deadline_at: f64,
    deadline: Option<(js_sys::Promise, Timer)>,
    signal: Option<web_sys::AbortSignal>,
    abort: Option<(js_sys::Promise, Option<Listener>)>,
}

impl Ctx {
    /// A context that ends `deadline_ms` from now, or when `signal` aborts.
    pub fn new(deadline_ms: f64, signal: Option<&web_sys::AbortSignal>) -> Ctx {
        let deadline = after(deadline_ms, &marker(&DEADLINE));
        // A signal of our own derived from the caller's, so many concurrent calls sharing
        // one signal add no listener to it (Node warns past ten).
        let signal = signal.map(|s| js::any_signal(&[s]).unwrap_or_else(|| s.clone()));
        let abort = signal.as_ref().and_then(|s| {
            let (promise, resolve) = js::deferred()?;
            let fire = js::bound(&resolve, &JsValue::UNDEFINED, &marker(&ABORT))?;
            let listener = if js::aborted(s) {
                let _ = js::call(&fire, &JsValue::UNDEFINED, &[]);
                None
            } else {
                Listener::add(s, "abort", &fire)
            };
            Some((promise, listener))
        });
        Ctx {
            deadline_at: js::now_ms() + deadline_ms,
            deadline,
            signal,
            abort,
        }
    }

    /// Milliseconds left before the deadline.
    pub fn remaining(&self) -> f64 {
        self.deadline_at - js::now_ms()
    }

    /// Whether the caller's signal has aborted.
    pub fn aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(js::aborted)
    }

    /// The signal fetch should obey (the caller's, derived), if any.
    pub fn signal(&self) -> Option<&web_sys::AbortSignal> {
        self.signal.as_ref()
    }

    /// Waits for `value` (a promise, thenable or plain value) until the deadline or an
    /// abort.
    pub async fn wait(&self, value: &JsValue) -> Waited {
        self.race(value, None).await
    }

    /// As [`Ctx::wait`], and at most `limit_ms`.
    pub async fn wait_at_most(&self, value: &JsValue, limit_ms: f64) -> Waited {
        let limit = after(limit_ms.max(0.0), &marker(&LIMIT));
        self.race(value, limit.as_ref().map(|(p, _)| p)).await
    }

    /// Sleeps `ms`; `Value` when it slept the whole time.
    pub async fn sleep(&self, ms: f64) -> Waited {
        match after(ms.max(0.0), &JsValue::UNDEFINED) {
            Some((promise, _timer)) => self.race(&promise, None).await,
            None => Waited::Value(JsValue::UNDEFINED),
        }
    }

    async fn race(&self, value: &JsValue, limit: Option<&js_sys::Promise>) -> Waited {
        if self.aborted() {
            return Waited::Aborted;
        }
        let adopted = js::adopt(value);
        let mut list: Vec<&js_sys::Promise> = vec![&adopted];
        if let Some((deadline, _)) = &self.deadline {
            list.push(deadline);
        }
        if let Some((abort, _)) = &self.abort {
            list.push(abort);
        }
        if let Some(limit) = limit {
            list.push(limit);
        }
        let raced = js::race(&list);
        // The losers of the race stay pending or settle unobserved; the adopted promise may
        // still reject later, which must not be reported as unhandled.
        js::ignore(&adopted);
        match JsFuture::from(raced).await {
            Ok(v) if is(&v, &DEADLINE) => Waited::Deadline,
            Ok(v) if is(&v, &ABORT) => Waited::Aborted,
            Ok(v) if is(&v, &LIMIT) => Waited::Limit,
            Ok(v) => Waited::Value(v),
            Err(thrown) => Waited::Threw(thrown),
        }
    }
}

fn is(value: &JsValue, which: &'static std::thread::LocalKey<JsValue>) -> bool {
    which.with(|m| js_sys::Object::is(value, m))
}
