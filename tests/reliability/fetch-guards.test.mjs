// The guards around gloo-net and the global fetch (DESIGN.md: "Guard every one … a test
// proves each guard"). A replaced or wrapped global fetch (a mock library, an instrumentation
// or logging wrapper) may reject with anything, resolve with anything, never settle, or hand
// back a Response whose stream is locked or whose getters throw. Each case runs in a fresh
// process (fetch-probe.mjs), because an exception escaping through wasm would kill it; the
// case must end in a TransportError within the deadline, with no uncaught exception or
// unhandled rejection and no abort listener left on the caller's signal, and the next call
// (with the real fetch) must work.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { figure } from './lib.mjs';

const execFileAsync = util.promisify(execFile);
const probe = fileURLToPath(new URL('./fetch-probe.mjs', import.meta.url));
/** The probe's timeoutMs and maxRetries 0: the outer deadline is 2 × 300 + 1000 ms. */
const TIMEOUT_MS = 300;
const OUTER_DEADLINE_MS = 2 * TIMEOUT_MS + 1000;
const SLACK = 300;

// [case, what it is, expected codes, expected outcomeUnknown, settle bound in ms]
const CASES = [
  ['rejects-string', 'fetch rejects with a string', ['NETWORK'], true, TIMEOUT_MS],
  ['rejects-undefined', 'fetch rejects with undefined', ['NETWORK'], true, TIMEOUT_MS],
  ['rejects-proxy', 'fetch rejects with a Proxy whose getters throw', ['NETWORK'], true, TIMEOUT_MS],
  ['throws-sync', 'fetch throws synchronously', ['NETWORK'], false, TIMEOUT_MS],
  ['throws-string-sync', 'fetch throws a string synchronously', ['NETWORK'], false, TIMEOUT_MS],
  ['resolves-plain-object', 'fetch resolves with a Response look-alike', ['BAD_RESPONSE'], true, TIMEOUT_MS],
  ['resolves-null', 'fetch resolves with null', ['BAD_RESPONSE'], true, TIMEOUT_MS],
  ['returns-string', 'fetch returns a string, not a promise', ['BAD_RESPONSE'], true, TIMEOUT_MS],
  ['returns-hostile-proxy', 'fetch returns a Proxy whose every trap throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['resolves-hostile-proxy', 'fetch resolves with a Proxy whose every trap throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  // A fetch that ignores the abort signal: only the JS-side outer deadline can end the call.
  ['never-settles', 'fetch returns a promise that never settles', ['TIMEOUT'], true, OUTER_DEADLINE_MS + SLACK],
  ['thenable-never-settles', 'fetch returns a thenable that never settles', ['TIMEOUT'], true, OUTER_DEADLINE_MS + SLACK],
  ['body-errors-string', 'the body stream errors with a string', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['body-non-bytes-chunk', 'the body stream yields a string chunk', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['status-getter-throws', 'the Response status getter throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['headers-getter-throws', 'the Response headers getter throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['body-getter-throws', 'the Response body getter throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['getReader-throws', 'body.getReader() throws', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['locked-body', 'a fetch wrapper hands back a Response whose body stream is locked', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
  ['read-throws', 'reader.read() throws synchronously', ['NETWORK', 'BAD_RESPONSE'], true, TIMEOUT_MS],
];

// Whether this runtime itself can read a proxied Response: since Node 24, undici's getters
// check their receiver's brand, and a Proxy is not a Response, so `status` throws for any code.
const runtimeReadsProxiedResponse = (() => {
  try {
    return new Proxy(new Response('x'), {}).status === 200;
  } catch {
    return false;
  }
})();

test('a proxied Response (a Proxy around a real one) works like the Response itself', async () => {
  const { stdout } = await execFileAsync(process.execPath, [probe, 'proxied-response'], { encoding: 'utf8' });
  const r = JSON.parse(stdout.trim().split('\n').at(-1));
  assert.deepEqual(r.uncaught, []);
  if (runtimeReadsProxiedResponse) {
    assert.deepEqual(r.first.resolved, { errcode: 0, errmsg: 'ok' });
  } else {
    // Where the runtime refuses to read it, the call ends as a typed, honest BAD_RESPONSE
    // (the request was sent, so its outcome is unknown), never an exception.
    figure(`proxied Response on ${process.version}: the runtime refuses its getters; ${r.first.code}`);
    assert.equal(r.first.transport, true, util.inspect(r.first));
    assert.equal(r.first.code, 'BAD_RESPONSE');
    assert.equal(r.first.outcomeUnknown, true);
  }
  assert.equal(r.next, 0);
});

for (const [kind, what, codes, outcomeUnknown, bound] of CASES) {
  test(`global fetch: ${what}: a TransportError within ${bound} ms, nothing uncaught, the next call works`, async () => {
    const { stdout } = await execFileAsync(process.execPath, [probe, kind], { encoding: 'utf8', timeout: 30_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1));
    const { first } = r;
    figure(`fetch guard ${kind}: ${first.resolved ? 'resolved' : `${first.code}`} after ${first.ms} ms, outcomeUnknown ${first.outcomeUnknown}, listeners left ${r.listenersLeft}; uncaught: ${r.uncaught.length ? r.uncaught.join(' | ') : 'none'}`);
    assert.deepEqual(r.uncaught, [], `${what}: an exception escaped (by default it kills the process)`);
    assert.equal(first.transport, true, `${what}: ${util.inspect(first)}`);
    assert.ok(codes.includes(first.code), `${what}: code ${first.code}, expected ${codes.join('/')}: ${first.message}`);
    assert.equal(first.outcomeUnknown, outcomeUnknown, `${what}: outcomeUnknown`);
    assert.ok(first.ms <= bound, `${what}: settled after ${first.ms} ms, bound ${bound} ms (${first.message})`);
    assert.equal(r.listenersLeft, 0, `${what}: the call left its abort listener on the caller's signal`);
    assert.equal(r.next, 0, `${what}: the next call failed: ${r.next}`);
    assert.equal(r.validates, true);
  });
}
