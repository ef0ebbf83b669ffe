//! The context of one call (or one token refresh): its deadline, the caller's signal, its one
//! `AbortController`, and the one way it waits for anything — a user's token function, a
//! store, fetch, a body read, a backoff — so nothing can outlive the deadline and an abort
//! ends any wait at once. The error of a deadline or an abort is made by the caller, when it
//! happens, with what the call had done so far (never one shared object).
//!
//! A wait is a [`Guard`] (src/wasm/js/wait.js: one timer at whichever is nearer, the wait's
//! limit or the deadline, and a listener on the call's signal) and a [`Wait`] future that JS
//! wakes once, through one callback made for the life of the instance. That is one call into
//! JS to start a wait and one back when it ends; no closure, promise or timer is made per
//! wait on the Rust side.

use super::js::{self, Guard, Host};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::prelude::*;

/// How a wait ended, as wait.js numbers it (2, it threw, is any other number).
const VALUE: u32 = 1;
const LIMIT: u32 = 3;
const DEADLINE: u32 = 4;
const ABORTED: u32 = 5;

/// The longest timer JS runs as asked (2^31 − 1 ms); a longer one would fire at once.
const MAX_TIMER_MS: f64 = 2_147_483_647.0;

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

fn waited(how: u32, value: JsValue) -> Waited {
    match how {
        VALUE => Waited::Value(value),
        LIMIT => Waited::Limit,
        DEADLINE => Waited::Deadline,
        ABORTED => Waited::Aborted,
        _ => Waited::Threw(value),
    }
}

/// A guard whose timer and listener are cleared when it is dropped, so none outlives the
/// work it guards (a live timer keeps a Node process running).
pub struct Stretch(Guard);

impl Drop for Stretch {
    fn drop(&mut self) {
        self.0.release();
    }
}

pub struct Ctx {
    deadline_at: f64,
    signal: Option<web_sys::AbortSignal>,
    /// The call's controller, made at its first attempt and replaced only once aborted.
    controller: RefCell<Option<web_sys::AbortController>>,
}

impl Ctx {
    /// A context that ends `deadline_ms` from now, or when `signal` aborts.
    pub fn new(deadline_ms: f64, signal: Option<&web_sys::AbortSignal>) -> Ctx {
        // A signal of our own derived from the caller's, so many concurrent calls sharing
        // one signal add no listener to it (Node warns past ten).
        let signal = signal.map(|s| js::any_signal(&[s]).unwrap_or_else(|| s.clone()));
        Ctx {
            deadline_at: js::now_ms() + deadline_ms,
            signal,
            controller: RefCell::new(None),
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

    /// The call's controller for an attempt: the same one for every attempt, unless an
    /// earlier attempt's end aborted it. `None` where the runtime has none.
    pub fn controller(&self) -> Option<web_sys::AbortController> {
        let mut slot = self.controller.borrow_mut();
        if let Some(c) = slot.as_ref() {
            if !js::aborted(&c.signal()) {
                return Some(c.clone());
            }
        }
        let fresh = web_sys::AbortController::new().ok()?;
        *slot = Some(fresh.clone());
        Some(fresh)
    }

    /// A guard that ends after `limit_ms` (or at the deadline, if nearer) or on an abort,
    /// aborting `controller` if it ends early.
    pub fn guard(
        &self,
        limit_ms: Option<f64>,
        controller: Option<&web_sys::AbortController>,
    ) -> Option<Stretch> {
        let left = self.remaining().max(0.0);
        let (ms, how) = match limit_ms {
            Some(limit) if limit.max(0.0) < left => (limit.max(0.0), LIMIT),
            _ => (left, DEADLINE),
        };
        let signal = self
            .signal
            .as_ref()
            .map_or(JsValue::UNDEFINED, |s| s.into());
        let controller = controller.map_or(JsValue::UNDEFINED, |c| c.into());
        Guard::make(ms.min(MAX_TIMER_MS), how, &signal, &controller).map(Stretch)
    }

    /// Waits for `value` (a promise, thenable or plain value) until the deadline or an
    /// abort.
    pub async fn wait(&self, value: &JsValue) -> Waited {
        self.guarded(value, None).await
    }

    /// As [`Ctx::wait`], and at most `limit_ms`.
    pub async fn wait_at_most(&self, value: &JsValue, limit_ms: f64) -> Waited {
        self.guarded(value, Some(limit_ms)).await
    }

    async fn guarded(&self, value: &JsValue, limit_ms: Option<f64>) -> Waited {
        match self.guard(limit_ms, None) {
            Some(guard) => Wait::start(&guard, Start::Value(value)).await,
            None => Waited::Threw(JsValue::UNDEFINED),
        }
    }

    /// Sleeps `ms`; `Value` when it slept the whole time.
    pub async fn sleep(&self, ms: f64) -> Waited {
        let Some(guard) = self.guard(Some(ms), None) else {
            return Waited::Value(JsValue::UNDEFINED);
        };
        match Wait::start(&guard, Start::Idle).await {
            Waited::Limit => Waited::Value(JsValue::UNDEFINED),
            other => other,
        }
    }
}

/// Where a wait stands: JS has it (the waker to wake), or JS has ended it.
enum Slot {
    Free,
    Pending(Option<Waker>),
    Ready(u32, JsValue),
}

/// Every wait in progress, by the slot number JS holds; freed slots are reused.
#[derive(Default)]
struct Slots {
    entries: Vec<Slot>,
    free: Vec<u32>,
}

thread_local! {
    static SLOTS: RefCell<Slots> = RefCell::new(Slots::default());
    /// Whether wait.js has the callback that ends waits.
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called by wait.js, once per wait.
fn woken(slot: u32, how: u32, value: JsValue) {
    let waker = SLOTS.with_borrow_mut(|slots| {
        let entry = slots.entries.get_mut(slot as usize)?;
        match entry {
            Slot::Pending(waker) => {
                let waker = waker.take();
                *entry = Slot::Ready(how, value);
                waker
            }
            // Not a wait in progress (it cannot be): nothing to wake.
            _ => None,
        }
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

fn install() {
    if INSTALLED.get() {
        return;
    }
    // Made once and kept for the life of the instance: every wait shares it.
    let callback = Closure::<dyn FnMut(u32, u32, JsValue)>::new(woken);
    Host::set_wake(&callback);
    callback.forget();
    INSTALLED.set(true);
}

fn take_slot() -> u32 {
    SLOTS.with_borrow_mut(|slots| match slots.free.pop() {
        Some(index) => {
            if let Some(entry) = slots.entries.get_mut(index as usize) {
                *entry = Slot::Pending(None);
            }
            index
        }
        None => {
            slots.entries.push(Slot::Pending(None));
            (slots.entries.len() - 1) as u32
        }
    })
}

/// Frees `slot`, returning how its wait ended if it has.
fn free_slot(slot: u32) -> Option<(u32, JsValue)> {
    SLOTS.with_borrow_mut(|slots| {
        let entry = slots.entries.get_mut(slot as usize)?;
        let was = std::mem::replace(entry, Slot::Free);
        if matches!(was, Slot::Free) {
            return None;
        }
        slots.free.push(slot);
        match was {
            Slot::Ready(how, value) => Some((how, value)),
            _ => None,
        }
    })
}

/// What a wait waits for.
pub enum Start<'v> {
    /// A promise, a thenable or a plain value.
    Value(&'v JsValue),
    /// What a body read returned: a native promise is watched without adopting it.
    Read(&'v JsValue),
    /// The guard alone (a backoff).
    Idle,
}

/// One wait under a guard.
pub struct Wait<'a> {
    guard: &'a Guard,
    slot: Option<u32>,
    done: Option<Waited>,
}

impl<'a> Wait<'a> {
    pub fn start(stretch: &'a Stretch, what: Start<'_>) -> Wait<'a> {
        install();
        let guard = &stretch.0;
        let slot = take_slot();
        let started = match what {
            Start::Value(value) => guard.wait(value, slot),
            Start::Read(value) => guard.watch(value, slot),
            Start::Idle => guard.idle(slot),
        };
        Wait::begun(guard, slot, started)
    }

    /// One attempt's fetch, its answer waited for; `None` when fetch is missing or threw at
    /// once, so nothing was sent.
    pub fn send(
        stretch: &'a Stretch,
        url: &str,
        method: &JsValue,
        headers: &JsValue,
        body: &str,
    ) -> Option<Wait<'a>> {
        install();
        let guard = &stretch.0;
        let slot = take_slot();
        match guard.send(slot, url, method, headers, body) {
            n if n < 0 => {
                free_slot(slot);
                None
            }
            n => Some(Wait::begun(guard, slot, n as u32)),
        }
    }

    /// `started`: 0 when JS has the wait, else how the guard had already ended.
    fn begun(guard: &'a Guard, slot: u32, started: u32) -> Wait<'a> {
        if started == 0 {
            return Wait {
                guard,
                slot: Some(slot),
                done: None,
            };
        }
        free_slot(slot);
        Wait {
            guard,
            slot: None,
            done: Some(waited(started, JsValue::UNDEFINED)),
        }
    }
}

impl Future for Wait<'_> {
    type Output = Waited;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Waited> {
        if let Some(done) = self.done.take() {
            return Poll::Ready(done);
        }
        let Some(slot) = self.slot else {
            return Poll::Ready(Waited::Threw(JsValue::UNDEFINED));
        };
        let ready = SLOTS.with_borrow_mut(|slots| match slots.entries.get_mut(slot as usize) {
            Some(Slot::Pending(waker)) => {
                if !waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                    *waker = Some(cx.waker().clone());
                }
                false
            }
            _ => true,
        });
        if !ready {
            return Poll::Pending;
        }
        self.slot = None;
        Poll::Ready(match free_slot(slot) {
            Some((how, value)) => waited(how, value),
            None => Waited::Threw(JsValue::UNDEFINED),
        })
    }
}

impl Drop for Wait<'_> {
    fn drop(&mut self) {
        // Dropped while JS still has it: JS must not wake a slot that may be reused.
        if let Some(slot) = self.slot.take() {
            self.guard.forget();
            free_slot(slot);
        }
    }
}
