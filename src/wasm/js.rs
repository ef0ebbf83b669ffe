//! The few JS globals the wasm side uses, bound with plain `JsValue` types, plus the helpers
//! that make JS errors and timers safe to hold from Rust.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    /// A function, seen only through `bind`.
    type Bindable;
    #[wasm_bindgen(method, js_name = bind)]
    fn bind_arg(this: &Bindable, context: &JsValue, arg: &JsValue) -> js_sys::Function;
    /// A promise, seen only through `finally` and `catch` with plain JS callbacks.
    type Settling;
    #[wasm_bindgen(method, js_name = finally)]
    fn finally_call(this: &Settling, callback: &js_sys::Function) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = catch)]
    fn catch_call(this: &Settling, callback: &js_sys::Function) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = Promise, js_name = race)]
    fn promise_race(list: &js_sys::Array) -> js_sys::Promise;
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = any)]
    fn abort_signal_any(list: &js_sys::Array) -> Result<web_sys::AbortSignal, JsValue>;
}

/// A signal that aborts when any of `signals` does (`AbortSignal.any`), or `None` where the
/// runtime lacks it (Node < 20.3). It adds no listener to the sources, so one caller signal
/// shared by many concurrent calls collects none.
pub fn any_signal(signals: &[&web_sys::AbortSignal]) -> Option<web_sys::AbortSignal> {
    let list = js_sys::Array::new();
    for s in signals {
        list.push(s);
    }
    abort_signal_any(&list).ok()
}

/// A promise that rejects with `marker` once `signal` aborts (and never settles otherwise).
/// Raced against a promise that ignores the abort (a replaced fetch, a custom stream), it
/// still ends the wait. The listener sits on `signal`, which belongs to one attempt.
pub fn rejects_on_abort(signal: &web_sys::AbortSignal, marker: &JsValue) -> js_sys::Promise {
    let mut reject_fn: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |_resolve, reject| reject_fn = Some(reject));
    if let Some(reject) = reject_fn {
        let handler = bound(&reject, &JsValue::UNDEFINED, marker);
        if signal.aborted() {
            let _ = handler.call0(&JsValue::UNDEFINED);
        } else {
            let _ = signal.add_event_listener_with_callback("abort", &handler);
        }
    }
    let _ = catch_noop(&promise);
    promise
}

/// `Promise.race([a, b])`.
pub fn race(a: &js_sys::Promise, b: &js_sys::Promise) -> js_sys::Promise {
    promise_race(&js_sys::Array::of2(a, b))
}

/// `target[name](...args)`, with a throwing getter or method returned as `Err` instead of
/// unwinding through wasm.
pub fn call_method(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, name)?
        .dyn_into()
        .map_err(|_| JsValue::from(error("TypeError", "not a function")))?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    js_sys::Reflect::apply(&f, target, &list)
}

/// `Function.prototype`, which is itself a function that does nothing: a no-op callback
/// that needs neither `eval` nor a Rust closure that could leak.
pub fn noop() -> js_sys::Function {
    get(&js_sys::global(), "Function")
        .and_then(|f| get(&f, "prototype"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .unwrap_or_else(|| js_sys::Function::new_no_args(""))
}

/// A started `setTimeout` that is cleared when dropped, so no timer outlives the work it
/// guards (a live timer keeps a Node process running).
pub struct Timer(JsValue);

impl Timer {
    /// Calls `handler` after `ms`. Only JS functions are scheduled (see [`bound`]), so no
    /// Rust closure is leaked when the timer is cleared before it fires.
    pub fn start(handler: &js_sys::Function, ms: f64) -> Timer {
        Timer(set_timeout(handler, ms.max(0.0)))
    }
}

/// `f.bind(this, arg)`.
pub fn bound(f: &js_sys::Function, this: &JsValue, arg: &JsValue) -> js_sys::Function {
    f.unchecked_ref::<Bindable>().bind_arg(this, arg)
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.0);
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Abort reasons and markers that only this crate ever looks at. Made once: an `Error`
/// captures a stack when created, which through wasm frames costs more than the rest of an
/// attempt's bookkeeping, and these are compared by identity, never shown.
#[derive(Clone, Copy)]
pub enum Internal {
    /// The reason an attempt's timer aborts with.
    Timeout,
    /// The reason a caller's abort is forwarded with (runtimes without AbortSignal.any).
    CallerAbort,
    /// What `rejects_on_abort` rejects with.
    Aborted,
}

thread_local! {
    static INTERNAL: [JsValue; 3] = [
        error("TimeoutError", "the attempt timed out").into(),
        error("AbortError", "aborted by the caller's AbortSignal").into(),
        error("AbortError", "attempt aborted").into(),
    ];
}

pub fn internal(which: Internal) -> JsValue {
    INTERNAL.with(|all| match which {
        Internal::Timeout => all[0].clone(),
        Internal::CallerAbort => all[1].clone(),
        Internal::Aborted => all[2].clone(),
    })
}

/// A JS `Error` with the given name (`TimeoutError`, `AbortError`, …) and message.
pub fn error(name: &str, message: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    e
}

pub fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
}

pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on an object we just created cannot fail; a failure would only
    // lose one field, never trap.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

/// `e.name` and `e.code` / `e.cause.code` of a thrown value, read defensively: a rejection
/// may be any value at all (a string, `undefined`, a Proxy whose getters throw).
pub fn describe_thrown(value: &JsValue) -> Thrown {
    let text = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_string());
    if !value.is_object() {
        return Thrown::default();
    }
    let cause = get(value, "cause").unwrap_or(JsValue::UNDEFINED);
    let cause_code = if cause.is_object() {
        text(get(&cause, "code"))
    } else {
        None
    };
    let cause_message = if cause.is_object() {
        text(get(&cause, "message"))
    } else {
        None
    };
    Thrown {
        name: text(get(value, "name")),
        code: text(get(value, "code")).or(cause_code),
        cause_message,
    }
}

#[derive(Default, Debug)]
pub struct Thrown {
    pub name: Option<String>,
    pub code: Option<String>,
    pub cause_message: Option<String>,
}

/// Sleeps `ms`, waking early when `signal` aborts. Listener and timer are removed on return.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    if ms <= 0.0 {
        return;
    }
    // Listen on a signal derived from the caller's where the runtime can derive one, so
    // concurrent calls sharing a signal do not pile listeners onto it.
    let derived = signal.and_then(|s| any_signal(&[s]));
    let signal = derived.as_ref().or(signal);
    let mut resolve_fn: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_fn = Some(resolve));
    let Some(resolve) = resolve_fn else { return };
    let _timer = Timer::start(&resolve, ms);
    let _link = signal.map(|s| Listener::add(s, "abort", &resolve));
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// An event listener removed when dropped, so reusing one signal for many calls leaks
/// nothing.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    callback: js_sys::Function,
}

impl Listener {
    pub fn add(
        target: &web_sys::EventTarget,
        kind: &'static str,
        callback: &js_sys::Function,
    ) -> Self {
        let _ = target.add_event_listener_with_callback(kind, callback);
        Listener {
            target: target.clone(),
            kind,
            callback: callback.clone(),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, &self.callback);
    }
}

/// Attaches a no-op rejection handler, for promises whose outcome no longer matters.
pub fn catch_noop(promise: &js_sys::Promise) -> js_sys::Promise {
    promise.unchecked_ref::<Settling>().catch_call(&noop())
}

/// A function that aborts `controller` with `reason` (always an `Error`: gloo-net and
/// `wasm-bindgen-futures` must never see a non-`Error` rejection).
pub fn aborter(controller: &web_sys::AbortController, reason: &JsValue) -> js_sys::Function {
    let abort: js_sys::Function = get(controller, "abort")
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .unwrap_or_else(noop);
    bound(&abort, controller, reason)
}

/// `main` raced against a JS timer that rejects with `reason` after `ms`; the timer is
/// cleared as soon as `main` settles. The race lives entirely in JS, so the returned promise
/// settles even if the Rust future behind `main` never did.
pub fn with_deadline(main: js_sys::Promise, ms: f64, reason: &JsValue) -> js_sys::Promise {
    let mut reject_fn: Option<js_sys::Function> = None;
    let deadline = js_sys::Promise::new(&mut |_resolve, reject| reject_fn = Some(reject));
    let Some(reject) = reject_fn else { return main };
    let timer_id = set_timeout(&bound(&reject, &JsValue::UNDEFINED, reason), ms);
    let clear: Option<js_sys::Function> = get(&js_sys::global(), "clearTimeout")
        .ok()
        .and_then(|f| f.dyn_into().ok());
    let main = match clear {
        Some(clear) => main.unchecked_ref::<Settling>().finally_call(&bound(
            &clear,
            &JsValue::UNDEFINED,
            &timer_id,
        )),
        None => main,
    };
    // The losing deadline promise is never awaited; give it a handler so an unhandled
    // rejection cannot be reported for it.
    let _ = catch_noop(&deadline);
    promise_race(&js_sys::Array::of2(&main, &deadline))
}
