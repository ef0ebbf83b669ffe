// Fault specs: checking what POST /__emulator/faults receives, and the FIFO queue the
// API calls consume one fault at a time. A fault may name the call it is for (`call`);
// one that names none is taken by the next call of any API path.
import { callNamed } from './calls.mjs';
import { boundedJson } from './check.mjs';

/**
 * For each kind: whether the request is still processed (checked and, on
 * success, recorded) before the fault shapes the answer. `process` overrides it.
 */
export const PROCESS_BY_DEFAULT = Object.freeze({
  busy: false,
  errcode: false,
  http500: false,
  status: false,
  redirect: false,
  truncated: false,
  oversizedBytes: false,
  stallBody: false,
  reset: false,
  delayMs: true,
  drip: true,
  errcodeAsString: true,
  missingErrcode: true,
  compressed: false,
  rawSuccess: false,
});
export const KINDS = Object.freeze(Object.keys(PROCESS_BY_DEFAULT));

const COMMON = ['count', 'process', 'delayMs', 'call'];
const PARAMS = {
  errcode: ['errmsg', 'extra'],
  status: ['bodyBytes'],
  redirect: ['to'],
  truncated: ['closeEarly'],
  oversizedBytes: ['chunked'],
  drip: ['chunked'],
  compressed: ['decodedBytes', 'status'],
};
const ENCODINGS = ['gzip', 'br', 'deflate'];
/** Fault texts (errmsg, rawSuccess, extra as JSON) are at most this long. */
const TEXT_LIMIT = 64 * 1024;
const REDIRECTS = [301, 302, 303, 307, 308];
const GiB = 1024 * 1024 * 1024;

export class FaultSpecError extends Error {}

const isInt = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function need(ok, message) {
  if (!ok) throw new FaultSpecError(message);
}

/** Check one fault object; return its normalised form { kind, count, process, ... }. */
export function checkFault(spec) {
  need(isObject(spec), 'a fault must be a JSON object');
  // delayMs may go with any kind; status is a kind of its own or a parameter of compressed.
  const kinds = KINDS.filter((k) => Object.hasOwn(spec, k) && k !== 'delayMs' && !(k === 'status' && 'compressed' in spec));
  if (kinds.length === 0 && Object.hasOwn(spec, 'delayMs')) kinds.push('delayMs');
  need(kinds.length === 1, `a fault needs exactly one kind of: ${KINDS.join(', ')}`);
  const kind = kinds[0];
  const allowed = [kind, ...COMMON, ...(PARAMS[kind] || [])];
  for (const key of Object.keys(spec)) need(allowed.includes(key), `unknown key "${key}" for fault ${kind}`);

  const v = spec[kind];
  const f = { kind };
  switch (kind) {
    case 'busy':
      need(v === true || isInt(v, 1, 1e6), 'busy must be true or a count ≥ 1');
      break;
    case 'stallBody': case 'reset': case 'http500':
    case 'errcodeAsString': case 'missingErrcode':
      need(v === true, `${kind} must be true`);
      break;
    case 'truncated':
      need(v === true, 'truncated must be true');
      need(spec.closeEarly === undefined || typeof spec.closeEarly === 'boolean', 'closeEarly must be a boolean');
      f.closeEarly = spec.closeEarly === true;
      break;
    case 'delayMs':
      break;
    case 'status':
      need(isInt(v, 400, 599), 'status must be an integer 400..599');
      need(spec.bodyBytes === undefined || isInt(spec.bodyBytes, 0, GiB), 'bodyBytes must be an integer 0..1 GiB');
      f.status = v;
      if (spec.bodyBytes !== undefined) f.bodyBytes = spec.bodyBytes;
      break;
    case 'oversizedBytes':
      need(isInt(v, 25, GiB), 'oversizedBytes must be an integer 25..1 GiB');
      f.oversizedBytes = v;
      break;
    case 'redirect':
      need(REDIRECTS.includes(v), `redirect must be one of ${REDIRECTS.join(', ')}`);
      need(typeof spec.to === 'string' && spec.to.length > 0 && spec.to.length <= 8192, 'redirect needs "to", a URL string');
      // A Location header carries no CR, LF or other control character (header injection).
      need(!/[^\x20-\x7e]/.test(spec.to), 'redirect "to" must be printable ASCII: no CR, LF or other control characters');
      f.redirect = v;
      f.to = spec.to;
      break;
    case 'drip': {
      need(isObject(v), 'drip must be an object { chunkBytes, intervalMs }');
      for (const key of Object.keys(v)) need(key === 'chunkBytes' || key === 'intervalMs', `unknown drip key "${key}"`);
      const chunkBytes = v.chunkBytes ?? 1;
      const intervalMs = v.intervalMs ?? 100;
      need(isInt(chunkBytes, 1, GiB), 'drip.chunkBytes must be an integer ≥ 1');
      need(isInt(intervalMs, 0, 600000), 'drip.intervalMs must be an integer 0..600000');
      f.drip = { chunkBytes, intervalMs };
      break;
    }
    case 'errcode':
      need(Number.isSafeInteger(v), 'errcode must be an integer');
      need(spec.errmsg === undefined || (typeof spec.errmsg === 'string' && spec.errmsg.length <= TEXT_LIMIT), 'errmsg must be a string of at most 64 KiB');
      need(spec.extra === undefined || isObject(spec.extra), 'extra must be an object');
      need(!spec.extra || !('errcode' in spec.extra || 'errmsg' in spec.extra), 'extra must not hold errcode or errmsg');
      f.errcode = v;
      if (spec.errmsg !== undefined) f.errmsg = spec.errmsg;
      if (spec.extra !== undefined) {
        // Checked for depth and size before it is copied, so no fault can break state().
        const text = boundedJson(spec.extra, 16, TEXT_LIMIT);
        need(text !== null, 'extra must be at most 16 levels deep and 64 KiB as JSON');
        f.extra = JSON.parse(text);
      }
      break;
    case 'compressed': {
      need(ENCODINGS.includes(v), `compressed must be one of ${ENCODINGS.join(', ')}`);
      need(isInt(spec.decodedBytes, 25, 4 * GiB), 'compressed needs decodedBytes, an integer 25..4 GiB');
      need(spec.status === undefined || spec.status === 200 || spec.status === 502, 'compressed status must be 200 or 502');
      f.compressed = v;
      f.decodedBytes = spec.decodedBytes;
      f.status = spec.status ?? 200;
      break;
    }
    case 'rawSuccess':
      need(typeof v === 'string' && v.length > 0 && v.length <= TEXT_LIMIT, 'rawSuccess must be a JSON text of at most 64 KiB');
      f.rawSuccess = v;
      break;
    default:
      break;
  }
  if (PARAMS[kind]?.includes('chunked')) {
    need(spec.chunked === undefined || typeof spec.chunked === 'boolean', 'chunked must be a boolean');
    f.chunked = spec.chunked === true;
  }
  need(spec.delayMs === undefined || isInt(spec.delayMs, 0, 600000), 'delayMs must be an integer 0..600000');
  if (spec.delayMs !== undefined) f.delayMs = spec.delayMs;
  need(spec.count === undefined || isInt(spec.count, 1, 1e6), 'count must be an integer 1..1000000');
  need(spec.process === undefined || typeof spec.process === 'boolean', 'process must be a boolean');
  f.count = spec.count ?? (kind === 'busy' && v !== true ? v : 1);
  f.process = spec.process ?? PROCESS_BY_DEFAULT[kind];
  if (spec.call !== undefined) {
    const target = callNamed(spec.call);
    need(target !== null, 'call must name one of the eleven calls (doc name or path)');
    f.call = target.name;
  }
  return f;
}

/** Accept one fault object or an array of them; `forToken`: for the token endpoint's queue. */
export function checkFaults(input, { forToken = false } = {}) {
  const list = Array.isArray(input) ? input : [input];
  need(list.length > 0, 'no faults given');
  const faults = list.map(checkFault);
  need(!forToken || faults.every((f) => f.call === undefined), 'token faults take no "call": their queue is the token endpoint\'s');
  return faults;
}

export class FaultQueue {
  constructor(limit = 1000) {
    this.limit = limit;
    this.clear();
  }

  clear() {
    this.queue = [];
    this.consumed = 0;
    this.nextId = 1;
  }

  add(faults) {
    need(this.queue.length + faults.length <= this.limit, `at most ${this.limit} faults may be pending`);
    for (const f of faults) this.queue.push({ id: this.nextId++, ...f, remaining: f.count });
  }

  /** Take the first pending fault meant for this call (or for any call), or null. */
  take(callName) {
    const at = this.queue.findIndex((f) => f.call === undefined || f.call === callName);
    if (at < 0) return null;
    const found = this.queue[at];
    found.remaining -= 1;
    if (found.remaining === 0) this.queue.splice(at, 1);
    this.consumed += 1;
    const { remaining, ...fault } = found;
    return fault;
  }

  snapshot() {
    return { pending: this.queue.map((f) => ({ ...f })), consumed: this.consumed };
  }
}
