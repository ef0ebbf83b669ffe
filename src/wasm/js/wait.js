// The JS half of every wait of a call (src/wasm/js.rs, ctx.rs, transport.rs). Waiting is
// most of what a call does, so its bookkeeping lives here, where it is cheap: one call from
// wasm starts a wait and one call back into wasm ends it. (wasm-bindgen's JsFuture makes two
// Rust closures per await, each registered with a FinalizationRegistry, and racing promises
// from wasm made promises, bound functions and a timer per wait; BENCHMARKS.md has the
// figures.)
//
// A Guard is a stretch of time no wait may outlive. It ends when its timer fires (as the
// wait's own limit or as the call's deadline, whichever Rust found nearer) or when the call's
// signal aborts; an attempt's guard then also aborts the call's controller, so a fetch that
// obeys its signal stops, and one that ignores it is no longer waited for. A wait ends
// exactly once: with the value, with the rejection, or with how its guard ended. Nothing
// here throws into wasm, and no rejection is left unhandled.

// How a wait ended (src/wasm/js.rs has the same numbers).
const VALUE = 1;
const THREW = 2;
const ABORTED = 5;

/** The wasm callback that wakes a waiting Rust future: (slot, how, value). */
let wake = null;

export function setWake(f) {
  wake = f;
}

/** Whether `signal` has aborted; a getter that throws counts as aborted. */
function hasAborted(signal) {
  try {
    return signal.aborted !== false;
  } catch {
    return true;
  }
}

export class Guard {
  /**
   * @param {number} ms when the guard ends by itself
   * @param {number} how what that end means (the limit's or the deadline's number)
   * @param {AbortSignal | undefined} signal the call's signal (derived from the caller's)
   * @param {AbortController | undefined} controller aborted when the guard ends early
   */
  constructor(ms, how, signal, controller) {
    this.ended = 0;
    this.slot = -1;
    this.ticket = 0;
    this.signal = signal;
    this.controller = controller;
    this.onAbort = null;
    this.timer = null;
    if (signal !== undefined) {
      if (hasAborted(signal)) {
        // Aborted before the wait began (a hook may abort): nothing is sent either.
        this.ended = ABORTED;
        this.stop();
        return;
      }
      this.onAbort = () => this.end(ABORTED);
      try {
        signal.addEventListener('abort', this.onAbort);
      } catch {
        this.onAbort = null;
      }
    }
    this.timer = setTimeout(() => this.end(how), ms);
  }

  /** Ends the guard as `how`: wakes the wait in progress, then stops the attempt. */
  end(how) {
    if (this.ended !== 0) return;
    this.ended = how;
    this.release();
    const slot = this.slot;
    this.slot = -1;
    if (slot >= 0) wake(slot, how, undefined);
    this.stop();
  }

  /** Aborts the attempt's controller; its reason is made now, when it fires. */
  stop() {
    if (this.controller === undefined) return;
    try {
      this.controller.abort();
    } catch {
      // A controller cannot throw here; should it, the wait has ended anyway.
    }
  }

  /**
   * Starts waiting for `value` (a promise, a thenable or a plain value), as `slot`. Returns 0
   * when the wait is under way, or how the guard already ended (nothing to wait for). The
   * value is adopted by a promise of our own, so it is only looked at inside a promise job.
   */
  wait(value, slot) {
    if (this.ended !== 0) return this.ended;
    const ticket = ++this.ticket;
    this.slot = slot;
    const settle = (how, v) => {
      if (this.ticket !== ticket || this.slot < 0) return;
      this.slot = -1;
      wake(slot, how, v);
    };
    new Promise((resolve) => resolve(value)).then(
      (v) => settle(VALUE, v),
      (e) => settle(THREW, e),
    );
    return 0;
  }

  /** Waits for the guard alone to end (a backoff); same return as `wait`. */
  idle(slot) {
    if (this.ended !== 0) return this.ended;
    ++this.ticket;
    this.slot = slot;
    return 0;
  }

  /** The wait in progress is no longer wanted: it will not wake. */
  forget() {
    ++this.ticket;
    this.slot = -1;
  }

  /** Clears the timer and the abort listener (the guard's work is done). */
  release() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.onAbort !== null) {
      try {
        this.signal.removeEventListener('abort', this.onAbort);
      } catch {
        // A signal whose listener cannot be removed: the listener only ends this guard.
      }
      this.onAbort = null;
    }
  }
}

/** fetch's init object for one attempt: the one way the package sends. */
export function fetchInit(method, headers, body, signal) {
  // A redirect must never re-send the body (it may hold a password) anywhere else.
  return { method, headers, body, redirect: 'error', signal };
}

/** The three response headers the transport reads, or null each (throws when `headers` does). */
export function headerValues(response) {
  const headers = response.headers;
  return [headers.get('content-length'), headers.get('content-encoding'), headers.get('content-type')];
}

/** Gives a promise that no one waits for a rejection handler (a hook's, a cancelled body's). */
export function quiet(value) {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    new Promise((resolve) => resolve(value)).catch(() => {});
  }
}
