//! Every call from wasm into JS goes through these bindings, and every one that can throw is
//! a `catch` binding that returns an ordinary `Err`: a user value, getter, promise, signal,
//! clock or fetch never unwinds through wasm (which would poison the instance, or leave a
//! `RefCell` borrowed for good). Promises from users are never awaited directly: every wait
//! adopts them into a fresh native promise first (src/wasm/ctx.rs and js/wait.js), which
//! cannot throw.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = any)]
    fn abort_signal_any(list: &js_sys::Array) -> Result<web_sys::AbortSignal, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;
}

// src/wasm/js/wait.js, the JS half of the waits and the fetch, in one block (wasm-bindgen
// lists a module once per block; two blocks of one module collide in the glue). Its functions
// catch what they run and answer with a value instead of throwing, so these are plain
// bindings: no `catch` wrapper (an arguments array and an `apply` at one megamorphic call
// site) on a call's hot path.
#[wasm_bindgen(module = "/src/wasm/js/wait.js")]
extern "C" {
    /// What the host runtime does for the package (see wait.js), as static methods.
    pub type Host;
    #[wasm_bindgen(static_method_of = Host, js_name = setWake)]
    pub fn set_wake(f: &Closure<dyn FnMut(u32, u32, JsValue)>);

    /// One stretch of time no wait may outlive (see wait.js).
    pub type Guard;
    #[wasm_bindgen(static_method_of = Guard)]
    pub fn make(ms: f64, how: u32, signal: &JsValue, controller: &JsValue) -> Option<Guard>;
    #[wasm_bindgen(method)]
    pub fn wait(this: &Guard, value: &JsValue, slot: u32) -> u32;
    #[wasm_bindgen(method)]
    pub fn watch(this: &Guard, value: &JsValue, slot: u32) -> u32;
    #[wasm_bindgen(method)]
    pub fn idle(this: &Guard, slot: u32) -> u32;
    #[wasm_bindgen(method)]
    pub fn send(
        this: &Guard,
        slot: u32,
        url: &str,
        method: &JsValue,
        headers: &JsValue,
        body: &str,
    ) -> i32;
    #[wasm_bindgen(method)]
    pub fn forget(this: &Guard);
    #[wasm_bindgen(method)]
    pub fn release(this: &Guard);

    /// [0, status, content-length, content-encoding], or [1] not a Response, [2] its status
    /// getter threw, [3] its headers cannot be read.
    #[wasm_bindgen(static_method_of = Host)]
    pub fn head(response: &JsValue) -> js_sys::Array;
    #[wasm_bindgen(static_method_of = Host, js_name = contentType)]
    pub fn content_type(response: &JsValue) -> JsValue;
    /// `response.arrayBuffer()`, or null when it throws at once.
    #[wasm_bindgen(static_method_of = Host, js_name = wholeBody)]
    pub fn whole_body(response: &JsValue) -> JsValue;
    #[wasm_bindgen(static_method_of = Host, js_name = quiet)]
    fn quiet_js(value: &JsValue);
    /// `Date.now()`, or NaN should it throw.
    #[wasm_bindgen(static_method_of = Host, js_name = now)]
    fn date_now() -> f64;
    /// `queueMicrotask(f)`; false where the runtime cannot.
    #[wasm_bindgen(static_method_of = Host, js_name = random)]
    fn math_random() -> f64;
    #[wasm_bindgen(static_method_of = Host)]
    fn soon(f: &js_sys::Function) -> bool;
}

thread_local! {
    /// The JS strings of the property names the package reads and writes over and over,
    /// made once each (by their address: only `'static` text is ever cached).
    static KEYS: std::cell::RefCell<Vec<(usize, usize, JsValue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The JS string of a fixed name, made once: passing text from wasm decodes it every time.
pub fn key(name: &'static str) -> JsValue {
    let id = (name.as_ptr() as usize, name.len());
    let cached = KEYS.with_borrow(|keys| {
        keys.iter()
            .find(|(p, l, _)| (*p, *l) == id)
            .map(|(_, _, v)| v.clone())
    });
    cached.unwrap_or_else(|| {
        let value = JsValue::from_str(name);
        KEYS.with_borrow_mut(|keys| keys.push((id.0, id.1, value.clone())));
        value
    })
}

/// `target[name]` for a fixed name, or `Err` when a getter or Proxy trap throws.
pub fn prop(target: &JsValue, name: &'static str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &key(name))
}

/// Attaches a no-op rejection handler to `value` if it is a thenable whose outcome no longer
/// matters (a hook's promise, a cancelled body's), so Node reports no unhandled rejection.
pub fn quiet(value: &JsValue) {
    Host::quiet_js(value);
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
    let _ = js_sys::Reflect::set(&d, &key("value"), value);
    let _ = js_sys::Reflect::set(&d, &key("enumerable"), &JsValue::from_bool(enumerable));
    let _ = js_sys::Reflect::set(&d, &key("writable"), &JsValue::TRUE);
    let _ = js_sys::Reflect::set(&d, &key("configurable"), &JsValue::TRUE);
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
    match Host::date_now() {
        now if now.is_finite() => {
            LAST.with(|last| last.set(now));
            now
        }
        _ => LAST.with(std::cell::Cell::get),
    }
}

/// `Math.random()`, or the middle of the range should it be unusable (or throw).
pub fn random() -> f64 {
    let r = Host::math_random();
    if (0.0..1.0).contains(&r) {
        r
    } else {
        0.5
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
    match prop(signal, "aborted") {
        Ok(v) => v.as_bool().unwrap_or(true),
        Err(_) => true,
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

type Boxed = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// A spawned future and the functions that settle its promise.
///
/// The package's own executor: every wait ends through one callback that wakes the task
/// (src/wasm/ctx.rs), so the task is polled right there, in that promise job or timer,
/// instead of being queued for another microtask (wasm-bindgen-futures' queue), and no
/// closure is made per task or per wait.
struct Task {
    future: std::cell::RefCell<Option<Boxed>>,
    settle: (js_sys::Function, js_sys::Function),
    /// Being polled now; `Again` when woken meanwhile (poll once more before returning).
    state: std::cell::Cell<Polling>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Polling {
    Idle,
    Busy,
    Again,
}

impl Task {
    fn run(task: &std::rc::Rc<Task>) {
        match task.state.get() {
            Polling::Idle => {}
            // A wake from inside its own poll (a hook aborting the call's signal, say).
            Polling::Busy | Polling::Again => return task.state.set(Polling::Again),
        }
        loop {
            task.state.set(Polling::Busy);
            // Taken out while polled: a nested wake or spawn never meets a held borrow.
            let Some(mut future) = task.future.borrow_mut().take() else {
                return task.state.set(Polling::Idle);
            };
            let waker = waker(task);
            let mut cx = std::task::Context::from_waker(&waker);
            if let std::task::Poll::Ready(result) = future.as_mut().poll(&mut cx) {
                task.state.set(Polling::Idle);
                let (resolve, reject) = &task.settle;
                let (f, value) = match &result {
                    Ok(v) => (resolve, v),
                    Err(e) => (reject, e),
                };
                let _ = f.call1(&JsValue::UNDEFINED, value);
                return;
            }
            *task.future.borrow_mut() = Some(future);
            if task.state.get() == Polling::Busy {
                return task.state.set(Polling::Idle);
            }
        }
    }
}

/// A waker that holds its task (a strong count): waking a finished task does nothing.
fn waker(task: &std::rc::Rc<Task>) -> std::task::Waker {
    use std::task::{RawWaker, RawWakerVTable, Waker};
    unsafe fn clone(data: *const ()) -> RawWaker {
        // SAFETY: `data` came from `Rc::into_raw` of a `Task` whose count this waker owns.
        unsafe { std::rc::Rc::increment_strong_count(data as *const Task) };
        RawWaker::new(data, &VTABLE)
    }
    unsafe fn wake(data: *const ()) {
        // SAFETY: as in `clone`; this consumes the waker's count.
        let task = unsafe { std::rc::Rc::from_raw(data as *const Task) };
        Task::run(&task);
    }
    unsafe fn wake_by_ref(data: *const ()) {
        // SAFETY: as in `clone`; the count stays with the waker.
        let task =
            std::mem::ManuallyDrop::new(unsafe { std::rc::Rc::from_raw(data as *const Task) });
        Task::run(&task);
    }
    unsafe fn drop(data: *const ()) {
        // SAFETY: as in `clone`; this releases the waker's count.
        unsafe { std::rc::Rc::decrement_strong_count(data as *const Task) };
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop);
    let data = std::rc::Rc::into_raw(task.clone()) as *const ();
    // SAFETY: the vtable's functions keep the count of the `Rc` behind `data` as above.
    unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
}

thread_local! {
    /// Tasks spawned since the last microtask, and the function that starts them.
    static STARTING: std::cell::RefCell<Vec<std::rc::Rc<Task>>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static STARTER: Option<js_sys::Function> = {
        let start = Closure::<dyn FnMut()>::new(|| {
            let tasks = STARTING.with_borrow_mut(std::mem::take);
            for task in &tasks {
                Task::run(task);
            }
        });
        let f = start.as_ref().unchecked_ref::<js_sys::Function>().clone();
        // Kept for the life of the instance: every spawn shares it.
        start.forget();
        Some(f)
    };
}

/// The one way a future becomes a JS promise. It first runs in a microtask, as an async JS
/// function's body would after its caller has the promise, then whenever a wait of it ends.
pub fn spawn(
    future: impl std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
) -> js_sys::Promise {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some(settle) = settle else {
        return promise;
    };
    let task = std::rc::Rc::new(Task {
        future: std::cell::RefCell::new(Some(Box::pin(future))),
        settle,
        state: std::cell::Cell::new(Polling::Idle),
    });
    let first = STARTING.with_borrow_mut(|tasks| {
        tasks.push(task);
        tasks.len() == 1
    });
    // A runtime without queueMicrotask (none the package supports) still runs the call, at once.
    let queued = !first || STARTER.with(|f| f.as_ref().is_some_and(Host::soon));
    if !queued {
        for task in STARTING.with_borrow_mut(std::mem::take) {
            Task::run(&task);
        }
    }
    promise
}
