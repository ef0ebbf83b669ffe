// The package's JS-side functions: nodePushHandler (node:http / Express), and
// validateRequest and buildRequest (and the seed call's own names) as the entry files export
// them: the wasm exports' engine, rules and messages, with the request crossing the boundary
// the cheap way. `glue` is wasm-bindgen's module, read only when a function is called, so an
// entry that initialises later (./slim) can bind it first.
//
// The JSON text goes into wasm as UTF-8 that TextEncoder.encodeInto writes straight into wasm
// memory, and only what JS cannot compute comes back: a few flags, the URL once per call,
// token and base URL, and a body or report only when it is not the obvious one. Anything
// unusual (options that are not plain strings and booleans, an input that is not an object, a
// JSON.stringify that throws) goes to the wasm export, which words the error. BENCHMARKS.md
// has the figures.

const METHOD = 'POST';
const CONTENT_TYPE = 'application/json';
/** As src/wasm/interop.rs: longer JSON is refused there, with its own message. */
const MAX_INPUT_CHARS = 1 << 20;
/** The bits of __wxCheck (src/wasm/fast.rs). */
const OK = 1;
const BODY_IS_INPUT = 2;
const HAS_WARNINGS = 4;
const NO_SUCH_CALL = 8;
const STRICT = 1;
const ALLOW_UNKNOWN_KEYS = 2;
const RULE_KEYS = new Set(['strict', 'allowUnknownKeys']);
const BUILD_KEYS = new Set(['accessToken', 'baseUrl', 'strict', 'allowUnknownKeys']);
const CREATE_SERVICE = 'createCloudbaseService';

/**
 * A request ready to send. `url` holds the token and `body` may hold a password, so they are
 * getters over private fields: console.log, util.inspect and JSON.stringify show neither, and
 * reading them works.
 */
class HttpRequest {
  #url;
  #body;

  constructor(url, body) {
    this.method = METHOD;
    this.headers = { 'content-type': CONTENT_TYPE };
    this.#url = url;
    this.#body = body;
  }

  get url() {
    return this.#url;
  }

  get body() {
    return this.#body;
  }
}

/** The options when they are a plain object of the known keys with plain values, else null. */
function plainOptions(opts, keys) {
  if (opts === undefined) return {};
  if (typeof opts !== 'object' || opts === null || Object.getPrototypeOf(opts) !== Object.prototype) return null;
  const out = {};
  for (const key of Object.keys(opts)) {
    if (!keys.has(key)) return null;
    const desc = Object.getOwnPropertyDescriptor(opts, key);
    if (!desc || !('value' in desc)) return null;
    out[key] = desc.value;
  }
  if (out.strict !== undefined && typeof out.strict !== 'boolean') return null;
  if (out.allowUnknownKeys !== undefined && typeof out.allowUnknownKeys !== 'boolean') return null;
  return out;
}

/** Longest push body read (as src/push/xml.rs accepts). */
const MAX_PUSH_BYTES = 256 * 1024;

/**
 * A node:http / Express handler for WeChat's authorisation-event URL: reads the raw body
 * (bounded), gives it with the query to `receiver.handle`, and answers the bare text
 * `success` (or `fail` with 400/403/413 — never a stack, a message or a secret). Mount it
 * before any body parser, or after `express.raw({ type: '*\/*' })`.
 */
function nodePushHandler(receiver) {
  if (receiver === null || typeof receiver !== 'object' || typeof receiver.handle !== 'function') {
    throw new TypeError('nodePushHandler(receiver) takes a PushReceiver');
  }
  return function pushHandler(req, res) {
    let answered = false;
    const answer = (status) => {
      if (answered) return;
      answered = true;
      try {
        res.statusCode = status;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(status === 200 ? 'success' : 'fail');
      } catch {
        // The connection is gone: nothing to answer.
      }
    };
    const url = String(req.originalUrl ?? req.url ?? '');
    const at = url.indexOf('?');
    const query = at >= 0 ? url.slice(at + 1) : '';
    const finish = (body) => {
      let pending;
      try {
        pending = receiver.handle({ query, body });
      } catch {
        return answer(400);
      }
      Promise.resolve(pending).then(
        () => answer(200),
        (e) => answer(e !== null && typeof e === 'object' && e.reason === 'signature' ? 403 : 400),
      );
    };
    // Express with express.raw() or express.text() has read the body already.
    const parsed = req.body;
    if (typeof parsed === 'string') return finish(parsed);
    if (parsed instanceof Uint8Array) return finish(new Uint8Array(parsed.buffer, parsed.byteOffset, parsed.byteLength));
    // A body parser of another kind read the stream and left no text: no 'end' will come.
    if (req.readableEnded === true) return answer(400);
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_PUSH_BYTES) {
        answer(413);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (answered) return;
      const body = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      finish(body);
    });
    req.on('error', () => answer(400));
  };
}

function bindFast(glue) {
  const encoder = new TextEncoder();
  let memory = null;
  // A view of the input buffer, kept while the buffer stays where it is.
  let view = null;
  let last = null;

  // The position of each call name in the family, looked up once (-1: not a call).
  const indexes = new Map();
  const callIndex = (call) => {
    let index = indexes.get(call);
    if (index === undefined) {
      index = glue.__wxCallIndex(call);
      if (index >= 0) indexes.set(call, index);
    }
    return index;
  };

  // The JSON text of the last check, set once JSON.stringify (which may run a user's toJSON,
  // even a nested build) has returned, and read right after the check.
  let checkedText = '';

  /**
   * Writes the JSON text of `input` into wasm memory and checks it: __wxCheck's bits, with
   * the text in `checkedText`; -1 when the wasm export must do it.
   */
  const check = (call, input, opts) => {
    if (typeof input !== 'object' || input === null) return -1;
    const index = callIndex(call);
    // An unknown call name: the wasm export words the error (or the report).
    if (index < 0) return -1;
    let text;
    try {
      text = JSON.stringify(input);
    } catch {
      return -1;
    }
    if (typeof text !== 'string' || text.length > MAX_INPUT_CHARS) return -1;
    const capacity = text.length * 3;
    const at = glue.__wxInput(capacity);
    memory ??= glue.__wxMemory();
    // A view of a buffer that memory growth replaced is detached, and has length 0.
    if (view === null || view.byteOffset !== at || view.length < capacity) {
      view = new Uint8Array(memory.buffer, at, capacity);
    }
    const { written } = encoder.encodeInto(text, view);
    const flags = (opts.strict === true ? STRICT : 0) | (opts.allowUnknownKeys === true ? ALLOW_UNKNOWN_KEYS : 0);
    const bits = glue.__wxCheck(index, written, flags);
    checkedText = text;
    // Not a call's index (it cannot be: it came from __wxCallIndex): the wasm export answers.
    return (bits & NO_SUCH_CALL) !== 0 ? -1 : bits;
  };

  function validateRequest(call, input, opts) {
    const options = plainOptions(opts, RULE_KEYS);
    const bits = typeof call === 'string' && options !== null ? check(call, input, options) : -1;
    if (bits < 0) return glue.validateRequest(call, input, opts);
    if ((bits & OK) !== 0 && (bits & HAS_WARNINGS) === 0) return { ok: true, errors: [], warnings: [] };
    return glue.__wxReport();
  }

  function buildRequest(call, input, opts) {
    const options = plainOptions(opts, BUILD_KEYS);
    if (
      typeof call !== 'string' ||
      options === null ||
      typeof options.accessToken !== 'string' ||
      (options.baseUrl !== undefined && typeof options.baseUrl !== 'string')
    ) {
      const built = glue.buildRequest(call, input, opts);
      return new HttpRequest(built.url, built.body);
    }
    if (last === null || last.call !== call || last.accessToken !== options.accessToken || last.baseUrl !== options.baseUrl) {
      last = { call, accessToken: options.accessToken, baseUrl: options.baseUrl, url: glue.__wxRequestUrl(call, { accessToken: options.accessToken, baseUrl: options.baseUrl }) };
    }
    const url = last.url;
    const bits = check(call, input, options);
    if (bits < 0) {
      const built = glue.buildRequest(call, input, opts);
      return new HttpRequest(built.url, built.body);
    }
    if ((bits & OK) === 0) throw glue.__wxError();
    return new HttpRequest(url, (bits & BODY_IS_INPUT) !== 0 ? checkedText : glue.__wxBody());
  }

  return {
    validateRequest,
    buildRequest,
    validateCreateServiceRequest: (input, opts) => validateRequest(CREATE_SERVICE, input, opts),
    buildCreateServiceRequest: (input, opts) => buildRequest(CREATE_SERVICE, input, opts),
    nodePushHandler,
  };
}

export { bindFast };
