// Run by fetch-guards.test.mjs in a fresh process: replaces the global fetch with one that
// misbehaves in the way named by argv[2], makes one call on a client, restores fetch, makes
// another call, and prints one JSON line: how the first call settled (code, outcomeUnknown,
// attempts, ms), the abort listeners it left on its signal, whether the next call worked, and
// every uncaught exception or unhandled rejection the process saw (by default either would
// have killed it).
import { getEventListeners } from 'node:events';
import { CloudbaseClient, isTransportError, validateCreateServiceRequest } from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const kind = process.argv[2];
const uncaught = [];
process.on('uncaughtException', (e) => uncaught.push(`uncaughtException: ${e?.message ?? e}`));
process.on('unhandledRejection', (e) => uncaught.push(`unhandledRejection: ${e?.message ?? e}`));

const emu = await startEmulator({ tokens: ['probe-token'] });
const TIMEOUT_MS = 300;
const client = new CloudbaseClient({ accessToken: 'probe-token', baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 });
let seq = 0;
const svc = () => ({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: `probe-${++seq}`, is_public: true });
const realFetch = globalThis.fetch;
const okResponse = () => new Response('{"errcode":0,"errmsg":"ok"}', { headers: { 'content-type': 'application/json' } });
const stream = (chunks, errorWith, fail = false) =>
  new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      if (fail) c.error(errorWith);
      else c.close();
    },
  });
/** A real Response with one own property replaced by a getter that throws. */
const throwingProp = (prop) => () => {
  const r = okResponse();
  Object.defineProperty(r, prop, { get() { throw new Error(`${prop} getter threw`); } });
  return Promise.resolve(r);
};
const hostileProxy = () =>
  new Proxy({}, {
    getPrototypeOf() { throw new Error('getPrototypeOf trap'); },
    get() { throw new Error('get trap'); },
  });
const fakes = {
  'rejects-string': () => Promise.reject('a string'),
  'rejects-undefined': () => Promise.reject(undefined),
  'rejects-proxy': () => Promise.reject(new Proxy({}, { get() { throw new Error('trap'); } })),
  'throws-sync': () => { throw new TypeError('sync'); },
  'throws-string-sync': () => { throw 'a string'; },
  'resolves-plain-object': () => Promise.resolve({ status: 200, ok: true, headers: new Headers(), json: async () => ({ errcode: 0 }) }),
  'resolves-null': () => Promise.resolve(null),
  'returns-string': () => 'not a promise',
  // `instanceof` on these throws (the getPrototypeOf trap): the package must not ask unguarded.
  'returns-hostile-proxy': () => hostileProxy(),
  'resolves-hostile-proxy': () => Promise.resolve(hostileProxy()),
  'never-settles': () => new Promise(() => {}),
  'thenable-never-settles': () => ({ then() {} }),
  'body-errors-string': () => Promise.resolve(new Response(stream([new TextEncoder().encode('{"errc')], 'boom', true))),
  'body-non-bytes-chunk': () => Promise.resolve(new Response(stream(['a string chunk']))),
  'proxied-response': () => Promise.resolve(new Proxy(okResponse(), {})),
  'status-getter-throws': throwingProp('status'),
  'headers-getter-throws': throwingProp('headers'),
  'body-getter-throws': throwingProp('body'),
  'getReader-throws': () => {
    const r = okResponse();
    r.body.getReader = () => { throw new Error('getReader threw'); };
    return Promise.resolve(r);
  },
  // A wrapper that peeks at the body and leaves the stream locked (a logging wrapper could).
  'locked-body': async (...args) => {
    const res = await realFetch(...args);
    res.body.getReader();
    return res;
  },
  'read-throws': () => {
    const r = okResponse();
    const reader = { read() { throw new Error('read threw'); }, cancel: async () => {}, releaseLock() {} };
    r.body.getReader = () => reader;
    return Promise.resolve(r);
  },
};
if (!fakes[kind]) throw new Error(`unknown case ${kind}`);

globalThis.fetch = fakes[kind];
const signal = new AbortController().signal;
const started = performance.now();
let first;
try {
  const value = await client.createService(svc(), { signal });
  first = { resolved: value };
} catch (e) {
  first = { name: e?.name, code: e?.code, transport: isTransportError(e), outcomeUnknown: e?.outcomeUnknown, attempts: e?.attempts, message: String(e?.message).slice(0, 200) };
}
first.ms = Math.round(performance.now() - started);
// The call's abort listener on the caller's signal is removed when it ends, whichever way.
const listenersLeft = getEventListeners(signal, 'abort').length;
globalThis.fetch = realFetch;
let next;
try {
  next = (await client.createService(svc())).errcode;
} catch (e) {
  next = `${e?.name}: ${e?.message}`;
}
const validates = validateCreateServiceRequest(svc()).ok;
await emu.close();
await new Promise((r) => setTimeout(r, 20));
console.log(JSON.stringify({ first, next, validates, uncaught, listenersLeft, timeoutMs: TIMEOUT_MS }));
