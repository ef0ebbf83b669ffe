// Run by defects-crashes.test.mjs in a fresh process (issue 10, items 1–4): a user value that
// throws when wasm reads it — a fake AbortSignal, a promise whose `constructor` getter throws,
// a `Date.now` that throws once, a setter on `Error.prototype.issues` — handed to the entry
// point named by argv[2]. An exception escaping through wasm kills a process by default, so
// each case runs alone. Prints one JSON line: how the first call settled, what the calls
// after it did, the requests the emulator saw, and every uncaught exception or unhandled
// rejection (collected, so the line is printed either way). Only names the package has had
// since its first release are imported, so an older build can run the same cases.
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import * as lib from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';
import { TLS_CERT, TLS_KEY } from './tls-fixture.mjs';

const { CloudbaseClient, ComponentTokenManager, createService, buildCreateServiceRequest, validateCreateServiceRequest, wasmMemoryBytes } = lib;
const kind = process.argv[2];
const uncaught = [];
process.on('uncaughtException', (e) => uncaught.push(`uncaughtException: ${e?.message ?? e}`));
process.on('unhandledRejection', (e) => uncaught.push(`unhandledRejection: ${e?.message ?? e}`));

const TOKEN = 'probe-token';
const APP = { componentAppId: 'emulator-appid', componentAppSecret: 'emulator-secret' };
const emu = await startEmulator({ quiet: true, tokens: [TOKEN] });
let seq = 0;
const svc = (over = {}) => ({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: `probe-${++seq}`, is_public: true, ...over });
const TIMEOUT_MS = 400;
const HUGE = 10_000_000;
const huge = () => `probe-${'x'.repeat(HUGE)}`;

/** A real promise whose `constructor` getter throws: `Promise.resolve(p)` reads it. */
function evilPromise(value = TOKEN) {
  const p = Promise.resolve(value);
  Object.defineProperty(p, 'constructor', { get() { throw new Error('constructor getter threw'); } });
  return p;
}

/** How a promise settled: the value, or the error's shape. Never rejects. */
async function settle(fn) {
  const started = performance.now();
  let out;
  try {
    out = { resolved: await fn() };
    if (typeof out.resolved === 'string') out.resolved = out.resolved.startsWith('emu-cat-') ? 'an issued token' : out.resolved;
  } catch (e) {
    out = { name: e?.name, code: e?.code, outcomeUnknown: e?.outcomeUnknown, attempts: e?.attempts, paths: Array.isArray(e?.issues) ? e.issues.map((i) => i?.path) : undefined, message: String(e?.message).slice(0, 300), causeName: e?.cause?.name };
  }
  out.ms = Math.round(performance.now() - started);
  return out;
}

const okCall = () => settle(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 }));
const manager = (over = {}) => new ComponentTokenManager({ ...APP, getVerifyTicket: () => 'emulator-ticket', baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0, ...over });
const mapStore = () => {
  const map = new Map();
  return { map, get: () => map.get('t') ?? null, set: (t) => void map.set('t', t) };
};

const cases = {
  // Item 1: passes `instanceof AbortSignal`; its `aborted` getter throws.
  'fake-signal': async () => {
    const signal = Object.create(AbortSignal.prototype);
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: TIMEOUT_MS });
    return {
      first: await settle(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, signal })),
      override: await settle(() => client.createService(svc(), { signal })),
      after: [await settle(() => client.createService(svc())), await okCall()],
    };
  },
  // Item 2: the same promise-like from each entry point that takes a user's promise.
  'evil-token-function': async () => {
    const client = new CloudbaseClient({ accessToken: () => evilPromise(), baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 });
    return { first: await settle(() => client.createService(svc())), after: [await okCall()] };
  },
  'evil-provider': async () => {
    const client = new CloudbaseClient({ accessToken: { getToken: () => evilPromise() }, baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 });
    return { first: await settle(() => client.createService(svc())), after: [await okCall()] };
  },
  'evil-fetch': async () => {
    const real = globalThis.fetch;
    globalThis.fetch = () => evilPromise(new Response('{"errcode":0,"errmsg":"ok"}'));
    const first = await settle(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 }));
    globalThis.fetch = real;
    return { first, after: [await okCall()] };
  },
  // Item 10: two concurrent calls that fail the same way get two Error objects, each with its
  // own attempts (this failure once ended at the overall deadline with one shared object).
  'concurrent-evil-token': async () => {
    const client = new CloudbaseClient({ accessToken: () => evilPromise(), baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 0 });
    const errors = [];
    const calls = [0, 1].map(() => client.createService(svc()).catch((e) => void errors.push(e)));
    const first = await settle(() => calls[0]);
    await calls[1];
    errors[0].marker = 'only on the first';
    return { first: { code: errors[0]?.code, attempts: errors[0]?.attempts, ms: first.ms }, same: errors[0] === errors[1], markerShows: errors[1]?.marker !== undefined, attempts: errors.map((e) => e.attempts), codes: errors.map((e) => e.code), after: [await okCall()] };
  },
  // Items 2 and 3: the manager's own entry points, then the same manager asked again.
  'evil-ticket': async () => {
    let evil = true;
    const m = manager({ getVerifyTicket: () => (evil ? evilPromise('emulator-ticket') : 'emulator-ticket') });
    const first = await settle(() => m.getToken());
    evil = false;
    const before = emu.state().tokenRequests;
    const again = await settle(() => m.getToken());
    const via = await settle(() => createService(svc(), { accessToken: m, baseUrl: emu.url, timeoutMs: TIMEOUT_MS }));
    return { first, after: [again, via, await okCall()], tokenRequestsAfter: emu.state().tokenRequests - before };
  },
  'evil-store-get': async () => {
    let evil = true;
    const store = mapStore();
    const storeErrors = [];
    const m = manager({ store: { get: () => (evil ? evilPromise(null) : store.get()), set: store.set }, onStoreError: (e) => storeErrors.push(e?.code) });
    const first = await settle(() => m.getToken());
    evil = false;
    const m2 = manager({ store: { get: () => (evil ? evilPromise(null) : store.get()), set: store.set } });
    evil = true;
    const other = await settle(() => m2.getToken());
    evil = false;
    const again = await settle(() => m2.getToken({ forceRefresh: true }));
    return { first, after: [other, again, await okCall()], storeErrors };
  },
  // Item 3: Date.now throws once while the manager reads the clock.
  'date-now-throws-once': async () => {
    const m = manager();
    const realNow = Date.now;
    let armed = true;
    Date.now = function now() {
      if (armed) {
        armed = false;
        throw new Error('clock threw');
      }
      return realNow.call(Date);
    };
    const first = await settle(() => m.getToken());
    Date.now = realNow;
    const again = await settle(() => m.getToken());
    const via = await settle(() => createService(svc(), { accessToken: m, baseUrl: emu.url, timeoutMs: TIMEOUT_MS }));
    return { first, after: [again, via, await okCall(), { resolved: validateCreateServiceRequest(svc()).ok }] };
  },
  // The same rule for the retry jitter: Math.random throwing while a retry is planned.
  'math-random-throws': async () => {
    emu.addFaults({ errcode: -1, count: 2 });
    const before = emu.state().log.length;
    const realRandom = Math.random;
    Math.random = () => {
      throw new Error('random threw');
    };
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: TIMEOUT_MS, maxRetries: 3 });
    const first = await settle(() => client.createService(svc()));
    Math.random = realRandom;
    return { first, attemptsSeen: emu.state().log.length - before, after: [await okCall()] };
  },
  // Item 9, run with the fixture trusted (NODE_EXTRA_CA_CERTS): a certificate for another
  // name. Nothing may reach the server.
  'tls-wrong-name': async () => {
    let requests = 0;
    const server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (req, res) => {
      requests++;
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${server.address().port}`;
    const first = await settle(() => createService(svc(), { accessToken: TOKEN, baseUrl: url, timeoutMs: TIMEOUT_MS, maxRetries: 0 }));
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    return { first, serverRequests: requests, after: [await okCall()] };
  },
  // Item 17: 10 MB strings where the manager takes a string. The growth of wasm memory (it
  // never shrinks) shows whether one was copied in before its length was checked.
  ...Object.fromEntries(
    Object.entries({
      'baseurl': () => new ComponentTokenManager({ ...APP, getVerifyTicket: () => 'emulator-ticket', baseUrl: `${emu.url}/${'p'.repeat(HUGE)}` }).getToken(),
      'appsecret': () => new ComponentTokenManager({ ...APP, componentAppSecret: huge(), getVerifyTicket: () => 'emulator-ticket', baseUrl: emu.url }).getToken(),
      'appid': () => new ComponentTokenManager({ ...APP, componentAppId: huge(), getVerifyTicket: () => 'emulator-ticket', baseUrl: emu.url }).getToken(),
      'ticket': () => manager({ getVerifyTicket: async () => huge() }).getToken(),
      'stored-token': () => manager({ store: { get: () => ({ accessToken: huge(), expiresAt: Date.now() + 7_000_000, obtainedAt: Date.now(), componentAppId: APP.componentAppId }), set: () => {} }, onStoreError: () => {} }).getToken(),
      'failed-token': async () => {
        const m = manager();
        await m.getToken();
        return m.getToken({ forceRefresh: true, failedToken: huge() });
      },
    }).map(([name, fn]) => [`memory-${name}`, async () => {
      // Warm the instance (a token request), so only the case itself is measured.
      await manager().getToken();
      const before = wasmMemoryBytes();
      const first = await settle(fn);
      return { first, grew: wasmMemoryBytes() - before, tokenRequests: emu.state().tokenRequests, after: [await okCall()] };
    }]),
  ),
  // Item 4: setters on Error.prototype for the properties the package puts on its errors,
  // each calling back into the package while the package is building its own error.
  'error-prototype-setters': async () => {
    const nested = [];
    let depth = 0;
    const props = ['issues', 'code', 'errcode', 'attempts', 'outcomeUnknown'];
    for (const prop of props) {
      Object.defineProperty(Error.prototype, prop, {
        configurable: true,
        set(v) {
          if (depth++ === 0) {
            try {
              buildCreateServiceRequest({ env_id: 1 }, { accessToken: TOKEN });
            } catch (e) {
              nested.push(e?.name);
            }
            nested.push(validateCreateServiceRequest(svc()).ok ? 'valid' : 'invalid');
          }
          depth--;
          Object.defineProperty(this, prop, { value: v, writable: true, configurable: true, enumerable: true });
        },
      });
    }
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 0 });
    const dup = svc();
    await client.createService(dup);
    const results = [
      await settle(() => buildCreateServiceRequest({}, { accessToken: TOKEN, baseUrl: emu.url })),
      await settle(() => createService({}, { accessToken: TOKEN, baseUrl: emu.url })),
      await settle(() => createService(svc(), { accessToken: TOKEN, baseUrl: 'ftp://x' })),
      await settle(() => client.createService(dup)),
    ];
    for (const prop of props) delete Error.prototype[prop];
    return { first: results[0], more: results.slice(1), after: [await okCall(), { resolved: validateCreateServiceRequest(svc()).ok }], nested };
  },
};
if (!cases[kind]) throw new Error(`unknown case ${kind}`);

const started = performance.now();
const out = await Promise.race([
  cases[kind](),
  new Promise((resolve) => setTimeout(() => resolve({ hung: true }), 15_000).unref()),
]);
out.totalMs = Math.round(performance.now() - started);
out.uncaught = uncaught;
out.requests = emu.state().requests;
await emu.close();
console.log(JSON.stringify(out));
