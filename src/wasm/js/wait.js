// The JS half of a call's waits and of its fetch (src/wasm/ctx.rs, transport.rs, js.rs).
// Waiting is most of what a call does, so its bookkeeping lives here, where it is cheap: one
// call from wasm starts a wait and one call back into wasm ends it. Every function here
// catches what it runs and answers with a value instead of throwing, so wasm calls them
// directly: wasm-bindgen's `catch` wrapper (an arguments array and an `apply` per call, at one
// megamorphic call site for every import) measured as a sizeable share of a call's time.
// BENCHMARKS.md has the figures.
//
// A Guard is a stretch of time no wait may outlive. It ends when its timer fires (as the
// wait's own limit or as the call's deadline, whichever Rust found nearer) or when the call's
// signal aborts; an attempt's guard then also aborts the call's controller, so a fetch that
// obeys its signal stops, and one that ignores it is no longer waited for. A wait ends
// exactly once: with the value, with the rejection, or with how its guard ended. No
// rejection is left unhandled.

// How a wait ended (src/wasm/ctx.rs has the same numbers).
const VALUE = 1;
const THREW = 2;
const ABORTED = 5;

/** The wasm callback that wakes a waiting Rust future: (slot, how, value). */
let wake = null;

/** Whether `signal` has aborted; a getter that throws counts as aborted. */
function hasAborted(signal) {
  try {
    return signal.aborted !== false;
  } catch {
    return true;
  }
}

/**
 * `value instanceof type`, false where the check throws (a Proxy whose getPrototypeOf trap
 * throws, say): nothing here may throw into wasm.
 */
function isInstance(value, type) {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

function isPromise(value) {
  return isInstance(value, Promise);
}

export class Guard {
  /**
   * A guard, or null where the runtime has no timers.
   * @param {number} ms when the guard ends by itself
   * @param {number} how what that end means (the limit's or the deadline's number)
   * @param {AbortSignal | undefined} signal the call's signal (derived from the caller's)
   * @param {AbortController | undefined} controller aborted when the guard ends early
   */
  static make(ms, how, signal, controller) {
    try {
      return new Guard(ms, how, signal, controller);
    } catch {
      return null;
    }
  }

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
    new Promise((resolve) => resolve(value)).then(
      (v) => this.settle(ticket, VALUE, v),
      (e) => this.settle(ticket, THREW, e),
    );
    return 0;
  }

  /**
   * As `wait`, for what fetch or a body read returned: a native promise is watched directly
   * (its `then` is the runtime's, or the replaced fetch's own code, which runs synchronously
   * anyway), saving the adopting promise and its two jobs; anything else is adopted.
   */
  watch(value, slot) {
    if (!isPromise(value)) return this.wait(value, slot);
    if (this.ended !== 0) return this.ended;
    const ticket = ++this.ticket;
    this.slot = slot;
    try {
      value.then(
        (v) => this.settle(ticket, VALUE, v),
        (e) => this.settle(ticket, THREW, e),
      );
    } catch {
      // A promise whose own `then` throws: adopted instead, which makes that a rejection.
      return this.wait(value, slot);
    }
    return 0;
  }

  /** Ends the wait `ticket` with its value, unless it ended (or was forgotten) already. */
  settle(ticket, how, value) {
    if (this.ticket !== ticket || this.slot < 0) return;
    const slot = this.slot;
    this.slot = -1;
    wake(slot, how, value);
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
    try {
      if (this.timer !== null) clearTimeout(this.timer);
    } catch {
      // A replaced clearTimeout that throws: the timer only ends a guard already done.
    }
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

  /**
   * Sends one attempt: the global fetch with the one init object the package sends, its
   * answer waited for as `slot`. Returns as `wait` does, or -1 when fetch is missing or threw
   * at once (nothing was sent).
   */
  send(slot, url, method, headers, body) {
    if (this.ended !== 0) return this.ended;
    let pending;
    try {
      // A redirect must never re-send the body (it may hold a password) anywhere else.
      pending = fetch(url, { method, headers, body, redirect: 'error', signal: this.controller.signal });
    } catch {
      return -1;
    }
    return this.watch(pending, slot);
  }
}

/**
 * What the host runtime does for the package, as static methods: wasm-bindgen imports a
 * class once, where it lists a module once per free function (and esbuild flags the repeats).
 */
export class Host {
  static setWake(f) {
    wake = f;
  }

  /**
   * What the transport reads off a response before its body: [0, status, content-length,
   * content-encoding] (null for an absent header), or [1] for something that is not a
   * Response, [2] when its status getter throws, [3] when its headers cannot be read.
   */
  static head(response) {
    if (!isInstance(response, Response)) return [1];
    let status;
    try {
      status = response.status;
    } catch {
      return [2];
    }
    try {
      const headers = response.headers;
      return [0, status, headers.get('content-length'), headers.get('content-encoding')];
    } catch {
      return [3];
    }
  }

  /** The response's content-type, named in messages about an answer that cannot be used. */
  static contentType(response) {
    try {
      return response.headers.get('content-type');
    } catch {
      return null;
    }
  }

  /** `response.arrayBuffer()`, or null when it throws at once. */
  static wholeBody(response) {
    try {
      return response.arrayBuffer();
    } catch {
      return null;
    }
  }

  /** Milliseconds since the epoch, or NaN should a replaced Date.now throw or not give a number. */
  static now() {
    try {
      const ms = Date.now();
      return typeof ms === 'number' ? ms : NaN;
    } catch {
      return NaN;
    }
  }

  /** `Math.random()`, or NaN should a replaced one throw. */
  static random() {
    try {
      return Math.random();
    } catch {
      return NaN;
    }
  }

  /** Runs `f` in a microtask; false where the runtime cannot. */
  static soon(f) {
    try {
      queueMicrotask(f);
      return true;
    } catch {
      return false;
    }
  }

  /** Gives a promise that no one waits for a rejection handler (a hook's, a cancelled body's). */
  static quiet(value) {
    try {
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        new Promise((resolve) => resolve(value)).catch(() => {});
      }
    } catch {
      // Nothing to quiet.
    }
  }
}
