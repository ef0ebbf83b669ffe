// Issue 10, items 1–4: a call from wasm into JS that can throw. Each case runs in a fresh
// process (defects-probe.mjs), because a throw escaping through wasm is an uncaught exception
// that kills a process, and a trapped instance fails every later call. Every case asserts: no
// uncaught exception or unhandled rejection, the package's typed error (or success) at once,
// nothing sent that should not be, and that the calls after it (same client, same manager,
// a new call) work.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { figure } from './lib.mjs';

const execFileAsync = util.promisify(execFile);
const probe = fileURLToPath(new URL('./defects-probe.mjs', import.meta.url));
/** The probe's timeoutMs: a typed error "at once" settles well inside it. */
const TIMEOUT_MS = 400;

async function run(kind) {
  const { stdout } = await execFileAsync(process.execPath, [probe, kind], { encoding: 'utf8', timeout: 40_000 });
  const r = JSON.parse(stdout.trim().split('\n').at(-1));
  figure(`defects probe ${kind}: first ${r.first ? (r.first.code ?? r.first.name ?? 'resolved') : 'none'} in ${r.first?.ms} ms; uncaught: ${r.uncaught?.length ? r.uncaught.join(' | ') : 'none'}`);
  assert.notEqual(r.hung, true, `${kind}: the case did not finish within 15 s`);
  assert.deepEqual(r.uncaught, [], `${kind}: an exception escaped through wasm (by default it kills the process)`);
  return r;
}

function assertConfig(e, path, label) {
  assert.equal(e.name, 'ConfigError', `${label}: ${util.inspect(e)}`);
  assert.equal(e.code, 'CONFIG');
  assert.deepEqual(e.paths, [path], `${label}: issue paths`);
  assert.equal(e.attempts, 0, `${label}: nothing was sent`);
  assert.ok(e.ms < TIMEOUT_MS, `${label}: settled after ${e.ms} ms, not at once`);
}

function assertAllWork(after, label) {
  for (const [i, a] of after.entries()) {
    assert.ok('resolved' in a, `${label}: call #${i + 1} after the case failed: ${util.inspect(a)}`);
    assert.notEqual(a.name, 'RuntimeError');
  }
}

test('item 1: a signal made with Object.create(AbortSignal.prototype) is a ConfigError at signal, nothing sent, nothing uncaught', async () => {
  const r = await run('fake-signal');
  assertConfig(r.first, 'signal', 'createService');
  assertConfig(r.override, 'signal', 'a client call override');
  assertAllWork(r.after, 'fake signal');
  assert.equal(r.requests, 2, 'only the two calls after it were sent');
});

for (const [kind, path, what] of [
  ['evil-token-function', 'accessToken', 'an accessToken function'],
  ['evil-provider', 'accessToken', "a provider's getToken"],
]) {
  test(`item 2: ${what} returning a promise whose constructor getter throws: ConfigError with the throw as cause, attempts 0, at once`, async () => {
    const r = await run(kind);
    assertConfig(r.first, path, what);
    assert.equal(r.first.outcomeUnknown, undefined, 'a ConfigError, not a TIMEOUT claiming outcomeUnknown');
    assert.equal(r.first.causeName, 'Error', 'the getter\'s throw is the cause');
    assertAllWork(r.after, what);
    assert.equal(r.requests, 1, 'nothing was sent for the failed call');
  });
}

test('item 2: a replaced global fetch returning such a promise: a TransportError at once, not a TIMEOUT at the outer deadline', async () => {
  const r = await run('evil-fetch');
  assert.equal(r.first.name, 'TransportError', util.inspect(r.first));
  assert.ok(['NETWORK', 'BAD_RESPONSE'].includes(r.first.code), util.inspect(r.first));
  assert.equal(r.first.attempts, 1);
  assert.ok(r.first.ms < TIMEOUT_MS, `settled after ${r.first.ms} ms`);
  assertAllWork(r.after, 'evil fetch');
});

test('items 2 and 3: getVerifyTicket returning such a promise: ConfigError at getVerifyTicket; the same manager then works (a token request, a call)', async () => {
  const r = await run('evil-ticket');
  assertConfig(r.first, 'getVerifyTicket', 'getVerifyTicket');
  assert.equal(r.first.causeName, 'Error');
  assertAllWork(r.after, 'the manager after a bad ticket');
  assert.equal(r.after[0].resolved, 'an issued token');
  assert.equal(r.tokenRequestsAfter, 1, 'the next getToken asked the token endpoint (not a 0 ms rejection)');
});

test('items 2 and 3: store.get returning such a promise: onStoreError hears of it, getToken still gets a token, the managers keep working', async () => {
  const r = await run('evil-store-get');
  assert.equal(r.first.resolved, 'an issued token', util.inspect(r.first));
  assert.ok(r.storeErrors.length >= 1 && r.storeErrors.every((c) => c === 'CONFIG'), `onStoreError is told, with ConfigErrors: ${r.storeErrors}`);
  assertAllWork(r.after, 'the managers after a bad store read');
});

test('item 3: Date.now throwing once during getToken does not poison the instance', async () => {
  const r = await run('date-now-throws-once');
  assert.notEqual(r.first.name, 'RuntimeError', util.inspect(r.first));
  assertAllWork(r.after, 'after the clock threw');
  assert.equal(r.after[0].resolved, 'an issued token');
  assert.deepEqual(r.after[1].resolved, { errcode: 0, errmsg: 'ok' });
});

test('Math.random throwing while a retry is planned: the call retries and succeeds; the instance keeps working', async () => {
  const r = await run('math-random-throws');
  assert.deepEqual(r.first.resolved, { errcode: 0, errmsg: 'ok' }, util.inspect(r.first));
  assert.equal(r.attemptsSeen, 3, 'two busy answers, then the one that worked');
  assertAllWork(r.after, 'after Math.random threw');
});

test('item 4: setters on Error.prototype (issues, code, errcode, attempts, outcomeUnknown) that call back into the package: typed errors, no RuntimeError anywhere', async () => {
  const r = await run('error-prototype-setters');
  assert.ok(!r.nested.includes('RuntimeError'), `a call made from the setter trapped: ${r.nested.join(', ')}`);
  const [build, call, config, api] = [r.first, ...r.more];
  assert.equal(build.name, 'ValidationError');
  assert.deepEqual(build.paths, ['env_id', 'service_name', 'is_public']);
  assert.equal(call.name, 'ValidationError');
  assert.equal(config.name, 'ConfigError');
  assert.deepEqual(config.paths, ['baseUrl']);
  assert.equal(api.name, 'WxApiError');
  assert.equal(api.attempts, 1);
  assertAllWork(r.after, 'after the setters');
});
