//! Every call from wasm into JS goes through these bindings, and every one that can throw is
//! a `catch` binding that returns an ordinary `Err`: a user value, getter, promise, signal,
//! clock or fetch never unwinds through wasm (which would poison the instance, or leave a
//! `RefCell` borrowed for good). Promises from users are never awaited directly: they are
//! adopted into a fresh native promise first ([`adopt`]), which cannot throw.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Date, js_name = now)]
    fn date_now() -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = race)]
    fn promise_race(list: &js_sys::Array) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    fn promise_resolve(value: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = any)]
    fn abort_signal_any(list: &js_sys::Array) -> Result<web_sys::AbortSignal, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// A native promise, seen through `then` and `catch` with JS callbacks.
    type Settling;
    #[wasm_bindgen(catch, method, js_name = then)]
    fn then_ok(this: &Settling, ok: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, method, js_name = catch)]
    fn catch_err(this: &Settling, err: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
    /// A function, seen only through `bind`.
    type Bindable;
    #[wasm_bindgen(catch, method, js_name = bind)]
    fn bind1(
        this: &Bindable,
        context: &JsValue,
        arg: &JsValue,
    ) -> Result<js_sys::Function, JsValue>;
    #[wasm_bindgen(catch, method, js_name = bind)]
    fn bind2(
        this: &Bindable,
        context: &JsValue,
        a: &JsValue,
        b: &JsValue,
    ) -> Result<js_sys::Function, JsValue>;
}

pub fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
}

/// Defines an own, enumerable, writable data property: unlike an assignment it never runs a
/// setter (one on `Object.prototype` or `Error.prototype` could call back into the package).
pub fn define(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::define_property(
        target.unchecked_ref::<js_sys::Object>(),
        &key.into(),
        &descriptor(value, true),
    );
}

/// Defines a non-enumerable data property (hidden from logging and `JSON.stringify`).
pub fn define_hidden(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::define_property(
        target.unchecked_ref::<js_sys::Object>(),
        &key.into(),
        &descriptor(value, false),
    );
}

/// A data-property descriptor on a null-prototype object, so that neither setting its
/// fields nor `defineProperty` reading them can meet an inherited accessor.
fn descriptor(value: &JsValue, enumerable: bool) -> js_sys::Object {
    let d = js_sys::Object::create(JsValue::NULL.unchecked_ref());
    let _ = js_sys::Reflect::set(&d, &"value".into(), value);
    let _ = js_sys::Reflect::set(&d, &"enumerable".into(), &JsValue::from_bool(enumerable));
    let _ = js_sys::Reflect::set(&d, &"writable".into(), &JsValue::TRUE);
    let _ = js_sys::Reflect::set(&d, &"configurable".into(), &JsValue::TRUE);
    d
}

/// A new plain object whose properties are all defined with [`define`].
pub fn object(entries: &[(&str, JsValue)]) -> js_sys::Object {
    let out = js_sys::Object::new();
    for (key, value) in entries {
        define(&out, key, value);
    }
    out
}

/// `Object.keys(target)`, or `Err` when a Proxy's trap throws.
pub fn keys(target: &JsValue) -> Result<Vec<String>, JsValue> {
    let list = object_keys(target)?;
    Ok(list.iter().filter_map(|k| k.as_string()).collect())
}

/// `target[name](...args)`, with a throwing getter or method returned as `Err`.
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

/// Calls a user function; a throw is an `Err`.
pub fn call(f: &js_sys::Function, this: &JsValue, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    js_sys::Reflect::apply(f, this, &list)
}

/// A JS `Error` with the given name and message, for the crate's own markers.
pub fn error(name: &str, message: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    e
}

/// Milliseconds since the epoch. A `Date.now` that throws (a test double gone wrong) gives
/// the last time seen instead, so no clock read can break a call.
pub fn now_ms() -> f64 {
    thread_local! {
        static LAST: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }
    match date_now() {
        Ok(now) if now.is_finite() => {
            LAST.with(|last| last.set(now));
            now
        }
        _ => LAST.with(std::cell::Cell::get),
    }
}

/// `Math.random()`, or the middle of the range should it be unusable.
pub fn random() -> f64 {
    let r = js_sys::Math::random();
    if (0.0..1.0).contains(&r) {
        r
    } else {
        0.5
    }
}

thread_local! {
    /// A native promise resolved with `undefined`: the root every adoption hangs off.
    static RESOLVED: Option<js_sys::Promise> = promise_resolve(&JsValue::UNDEFINED).ok();
    /// `Array.prototype.at`, bound to `[value], 0`, returns `value`: an identity function
    /// made without `eval` and without a Rust closure that would have to be freed.
    static AT: Option<js_sys::Function> = get(&js_sys::Array::new(), "at")
        .ok()
        .and_then(|f| f.dyn_into().ok());
}

/// A function that returns `value` when called.
pub fn constant(value: &JsValue) -> Option<js_sys::Function> {
    AT.with(|at| {
        let at = at.as_ref()?;
        at.unchecked_ref::<Bindable>()
            .bind2(
                &js_sys::Array::of1(value),
                &JsValue::from_f64(0.0),
                &JsValue::UNDEFINED,
            )
            .ok()
    })
}

/// A fresh native promise that settles as `value` does: a promise, a thenable or a plain
/// value. Never throws, whatever `value` is (a promise whose `constructor` or `then`
/// getter throws becomes a rejection): the value is only looked at inside a promise job.
pub fn adopt(value: &JsValue) -> js_sys::Promise {
    let adopted = RESOLVED.with(|resolved| {
        let resolved = resolved.as_ref()?;
        let f = constant(value)?;
        resolved.unchecked_ref::<Settling>().then_ok(&f).ok()
    });
    adopted.unwrap_or_else(|| js_sys::Promise::reject(&error("TypeError", "no Promise").into()))
}

/// Attaches a no-op rejection handler, for promises whose outcome no longer matters (so
/// Node reports no unhandled rejection).
pub fn ignore(promise: &js_sys::Promise) {
    let _ = promise.unchecked_ref::<Settling>().catch_err(&noop());
}

/// `Function.prototype`, itself a function that does nothing.
pub fn noop() -> js_sys::Function {
    get(&js_sys::global(), "Function")
        .and_then(|f| get(&f, "prototype"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .unwrap_or_else(|| js_sys::Function::new_no_args(""))
}

/// `Promise.race(list)`.
pub fn race(list: &[&js_sys::Promise]) -> js_sys::Promise {
    let array = js_sys::Array::new();
    for p in list {
        array.push(p);
    }
    promise_race(&array).unwrap_or_else(|e| js_sys::Promise::reject(&e))
}

/// `f.bind(this, arg)`.
pub fn bound(f: &js_sys::Function, this: &JsValue, arg: &JsValue) -> Option<js_sys::Function> {
    f.unchecked_ref::<Bindable>().bind1(this, arg).ok()
}

/// A promise and the function that resolves it.
pub fn deferred() -> Option<(js_sys::Promise, js_sys::Function)> {
    let mut resolve_fn: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_fn = Some(resolve));
    resolve_fn.map(|resolve| (promise, resolve))
}

/// A started `setTimeout`, cleared when dropped, so no timer outlives the work it guards
/// (a live timer keeps a Node process running). Only JS functions are scheduled, so no
/// Rust closure leaks when the timer is cleared before it fires.
pub struct Timer(Option<JsValue>);

impl Timer {
    pub fn start(handler: &js_sys::Function, ms: f64) -> Timer {
        Timer(set_timeout(handler, ms.max(0.0)).ok())
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(id) = &self.0 {
            let _ = clear_timeout(id);
        }
    }
}

/// A signal that aborts when any of `signals` does (`AbortSignal.any`), without adding a
/// listener to them; `None` where the runtime refuses (a look-alike signal).
pub fn any_signal(signals: &[&web_sys::AbortSignal]) -> Option<web_sys::AbortSignal> {
    let list = js_sys::Array::new();
    for s in signals {
        list.push(s);
    }
    abort_signal_any(&list).ok()
}

/// Whether `signal` has aborted; a getter that throws counts as aborted (a signal that
/// cannot be read cannot be trusted to say the call may go on).
pub fn aborted(signal: &web_sys::AbortSignal) -> bool {
    match get(signal, "aborted") {
        Ok(v) => v.as_bool().unwrap_or(true),
        Err(_) => true,
    }
}

/// An event listener removed when dropped.
pub struct Listener {
    target: JsValue,
    kind: &'static str,
    callback: js_sys::Function,
}

impl Listener {
    pub fn add(target: &JsValue, kind: &'static str, callback: &js_sys::Function) -> Option<Self> {
        call_method(target, "addEventListener", &[&kind.into(), callback]).ok()?;
        Some(Listener {
            target: target.clone(),
            kind,
            callback: callback.clone(),
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = call_method(
            &self.target,
            "removeEventListener",
            &[&self.kind.into(), &self.callback],
        );
    }
}

/// `e.name`, `e.code` / `e.cause.code` and `e.cause.message` of a thrown value, read
/// defensively: a rejection may be any value at all.
pub fn describe_thrown(value: &JsValue) -> Thrown {
    let text = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_string());
    if !value.is_object() {
        return Thrown::default();
    }
    let cause = get(value, "cause").unwrap_or(JsValue::UNDEFINED);
    let (cause_code, cause_message) = if cause.is_object() {
        (text(get(&cause, "code")), text(get(&cause, "message")))
    } else {
        (None, None)
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

/// The one way a future becomes a JS promise: boxed, so `future_to_promise` (and the
/// machinery behind it) is compiled once for every caller instead of once per future type.
pub fn spawn(
    future: impl std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
) -> js_sys::Promise {
    let boxed: std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>> =
        Box::pin(future);
    wasm_bindgen_futures::future_to_promise(boxed)
}
