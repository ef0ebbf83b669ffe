// Retries happen only where nothing can have been created: errcode -1 (busy) and a
// connection that failed before anything was sent.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, createService, isTransportError, isWxApiError } from 'wx-cloudbase-service';
import {
  TOKEN,
  assertHooksClean,
  assertNoSecrets,
  closedPort,
  recordingHooks,
  rejection,
  requestsSeen,
  svc,
  withEmu,
} from './helpers.mjs';

test('-1 (busy) once, then success: 2 requests, attempts 1 and 2', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ busy: 1 });
    const hooks = recordingHooks();
    const res = await createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, ...hooks });
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    assert.equal(requestsSeen(emu), 2);
    assert.equal(emu.state().services.length, 1);
    assert.deepEqual(hooks.requests.map((v) => v.attempt), [1, 2]);
    assert.deepEqual(hooks.responses.map((v) => v.errcode), [-1, 0]);
    assertHooksClean(hooks);
  });
});

test('-1 (busy) more often than maxRetries: WxApiError -1, retryable, maxRetries + 1 requests', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ busy: 10 });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    assert.ok(isWxApiError(e), util.inspect(e));
    assert.equal(e.errcode, -1);
    assert.equal(e.retryable, true);
    assert.equal(e.attempts, 3, 'default maxRetries is 2');
    assert.equal(requestsSeen(emu), 3);
    assertNoSecrets(e, 'busy WxApiError');
  });
});

test('maxRetries bounds the busy retries (1 and 0)', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 1 });
    emu.addFaults({ busy: 10 });
    const e1 = await rejection(() => client.createService(svc()));
    assert.equal(e1.errcode, -1);
    assert.equal(e1.attempts, 2);
    assert.equal(requestsSeen(emu), 2);
    emu.reset();
    emu.addFaults({ busy: 10 });
    const e0 = await rejection(() => client.createService(svc(), { maxRetries: 0 }));
    assert.equal(e0.errcode, -1);
    assert.equal(e0.attempts, 1);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('connection refused: retried (attempts = maxRetries + 1), NETWORK, outcomeUnknown false', async () => {
  const port = await closedPort();
  const hooks = recordingHooks();
  const e = await rejection(() =>
    createService(svc(), { accessToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, ...hooks }),
  );
  assert.ok(isTransportError(e), util.inspect(e));
  assert.equal(e.name, 'TransportError');
  assert.equal(e.code, 'NETWORK');
  assert.equal(e.outcomeUnknown, false);
  assert.equal(e.attempts, 3);
  assert.equal(hooks.requests.length, 3, 'onRequest once per attempt');
  assert.deepEqual(hooks.requests.map((v) => v.attempt), [1, 2, 3]);
  assert.ok(hooks.responses.every((v) => v.error === 'NETWORK' && v.status === undefined), util.inspect(hooks.responses));
  assertNoSecrets(e, 'connection refused');
  assertHooksClean(hooks);
});

test('connection refused with maxRetries 1 and 0', async () => {
  const port = await closedPort();
  for (const maxRetries of [1, 0]) {
    const e = await rejection(() =>
      createService(svc(), { accessToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries }),
    );
    assert.equal(e.code, 'NETWORK');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(e.attempts, maxRetries + 1);
  }
});
