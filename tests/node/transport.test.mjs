// After the request was sent, failures are reported with outcomeUnknown: true and never
// retried (the service may exist). Abort signals, before and during a call.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, createService, isTransportError, isWxCloudbaseError } from 'wx-cloudbase-service';
import {
  TOKEN,
  assertHooksClean,
  assertNoSecrets,
  assertPackageError,
  recordingHooks,
  rejection,
  requestsSeen,
  svc,
  withEmu,
} from './helpers.mjs';

function assertTransportError(e, code, { outcomeUnknown, status, attempts = 1 }) {
  assertPackageError(e, 'TransportError', code);
  assert.ok(isTransportError(e) && isWxCloudbaseError(e), 'guards');
  assert.equal(e.outcomeUnknown, outcomeUnknown, `outcomeUnknown (${e.message})`);
  assert.equal(e.status, status, 'status');
  assert.equal(e.attempts, attempts, 'attempts');
  assertNoSecrets(e, `TransportError ${code}`);
}

const cases = [
  ['a delay longer than timeoutMs', { delayMs: 3000 }, 'TIMEOUT', undefined],
  ['a reset connection', { reset: true }, 'NETWORK', undefined],
  ['status 500 with an HTML page', { http500: true }, 'HTTP_STATUS', 500],
  ['status 502 with a 4 KiB page', { status: 502, bodyBytes: 4096 }, 'HTTP_STATUS', 502],
  ['truncated JSON', { truncated: true }, 'BAD_RESPONSE', 200],
  ['a body shorter than its Content-Length', { truncated: true, closeEarly: true }, undefined, undefined],
  ['an answer without errcode', { missingErrcode: true }, 'BAD_RESPONSE', 200],
  ['errcode as a string', { errcodeAsString: true }, 'BAD_RESPONSE', 200],
  ['a body that stalls', { stallBody: true }, 'TIMEOUT', undefined],
  ['a body that drips slower than timeoutMs', { drip: { chunkBytes: 1, intervalMs: 100 } }, 'TIMEOUT', undefined],
  ['a body over 1 MiB', { oversizedBytes: 2 * 1024 * 1024 }, 'BAD_RESPONSE', 200],
  ['a chunked body over 1 MiB', { oversizedBytes: 2 * 1024 * 1024, chunked: true }, 'BAD_RESPONSE', 200],
];

for (const [what, fault, code, status] of cases) {
  test(`${what}: TransportError ${code ?? '(TIMEOUT/NETWORK/BAD_RESPONSE)'}, outcomeUnknown, not retried`, async () => {
    await withEmu(async (emu) => {
      emu.addFaults({ ...fault, count: 5 });
      const hooks = recordingHooks();
      const started = Date.now();
      const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 400, ...hooks }));
      if (code === undefined) {
        assert.ok(['TIMEOUT', 'NETWORK', 'BAD_RESPONSE'].includes(e.code), util.inspect(e));
        assertTransportError(e, e.code, { outcomeUnknown: true, status: e.status });
      } else {
        assertTransportError(e, code, { outcomeUnknown: true, status });
      }
      assert.equal(requestsSeen(emu), 1, 'exactly one request: never retried');
      assert.equal(hooks.requests.length, 1);
      assert.equal(hooks.responses.length, 1);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
      assertHooksClean(hooks);
    });
  });
}

test('status 404 from a gateway: HTTP_STATUS 404, not retried', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ status: 404, bodyBytes: 300, count: 5 });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    assertPackageError(e, 'TransportError', 'HTTP_STATUS');
    assert.equal(e.status, 404);
    assert.equal(typeof e.outcomeUnknown, 'boolean');
    assert.equal(e.attempts, 1);
    assert.equal(requestsSeen(emu), 1);
    assertNoSecrets(e, 'HTTP 404');
  });
});

test('a redirect is refused, not followed: the body is never re-sent', async () => {
  await withEmu(async (emu) => {
    for (const redirect of [307, 308, 302]) {
      emu.reset();
      emu.addFaults({ redirect, to: `${emu.url}/componenttcb/establishcloudbaserunserver?access_token=${TOKEN}` });
      const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
      assert.ok(isTransportError(e), util.inspect(e));
      assert.equal(e.attempts, 1);
      assert.equal(requestsSeen(emu), 1, `redirect ${redirect} was not followed`);
      assert.equal(emu.state().services.length, 0);
      assertNoSecrets(e, `redirect ${redirect}`);
    }
  });
});

test('an already aborted signal: ABORTED, nothing sent, no attempt counted', async () => {
  await withEmu(async (emu) => {
    const hooks = recordingHooks();
    const e = await rejection(() =>
      createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, signal: AbortSignal.abort(), ...hooks }),
    );
    assertPackageError(e, 'TransportError', 'ABORTED');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(requestsSeen(emu), 0);
    assertNoSecrets(e, 'pre-aborted');
    // Nothing was sent, so nothing may say an attempt was made.
    const problems = [];
    if (e.attempts !== 0) problems.push(`attempts is ${e.attempts}`);
    if (hooks.requests.length) problems.push(`onRequest was called ${hooks.requests.length} time(s)`);
    if (hooks.responses.length) problems.push(`onResponse was called ${hooks.responses.length} time(s)`);
    assert.deepEqual(problems, [], 'a call aborted before it started reports no attempt');
  });
});

test('an already aborted signal on a client call: ABORTED, nothing sent', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    const e = await rejection(() => client.createService(svc(), { signal: AbortSignal.abort('gone') }));
    assert.equal(e.code, 'ABORTED');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(requestsSeen(emu), 0);
  });
});

const reasons = [
  ['no reason (an AbortError DOMException)', undefined],
  ['a string reason', 'a string'],
  ['an Error reason', new Error('stop')],
  ['a number reason', 42],
  ['a null reason', null],
  ['a plain object reason', { why: 'object' }],
];

for (const [what, reason] of reasons) {
  test(`abort mid-flight with ${what}: ABORTED, no crash, the client still works`, async () => {
    await withEmu(async (emu) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
      emu.addFaults({ delayMs: 1500 });
      const ac = new AbortController();
      const timer = setTimeout(() => (reason === undefined ? ac.abort() : ac.abort(reason)), 150);
      const started = Date.now();
      const e = await rejection(() => client.createService(svc(), { signal: ac.signal }));
      clearTimeout(timer);
      assertTransportError(e, 'ABORTED', { outcomeUnknown: true, status: undefined });
      assert.ok(Date.now() - started < 1200, `the abort ended the call at once (took ${Date.now() - started} ms)`);
      assert.equal(requestsSeen(emu), 1);
      const res = await client.createService(svc());
      assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    });
  });
}

test('aborting after the call finished changes nothing', async () => {
  await withEmu(async (emu) => {
    const ac = new AbortController();
    const res = await createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, signal: ac.signal });
    ac.abort('late');
    assert.equal(res.errcode, 0);
    await new Promise((r) => setTimeout(r, 20));
  });
});

test('abort during the retry backoff: ABORTED promptly', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ busy: 10 });
    const ac = new AbortController();
    const hooks = recordingHooks();
    const p = createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, signal: ac.signal, maxRetries: 10, ...hooks });
    // Wait for the first busy answer, then abort while the client waits to retry.
    while (hooks.responses.length === 0) await new Promise((r) => setTimeout(r, 5));
    const abortedAt = Date.now();
    ac.abort();
    const e = await rejection(() => p);
    assert.equal(e.code, 'ABORTED', util.inspect(e));
    assert.ok(Date.now() - abortedAt < 500, `took ${Date.now() - abortedAt} ms after the abort`);
    assert.ok(requestsSeen(emu) <= 2);
  });
});

test('timeoutMs given per call on a client overrides the client value', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 10000 });
    emu.addFaults({ delayMs: 2000 });
    const started = Date.now();
    const e = await rejection(() => client.createService(svc(), { timeoutMs: 300 }));
    assert.equal(e.code, 'TIMEOUT');
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  });
});
