// 40001/40014/42001 with a token function or provider: ask once more with forceRefresh,
// retry once, never loop. A plain string token is not refreshed.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, createService, isConfigError, isWxApiError } from 'wx-cloudbase-service';
import {
  EXPIRED_TOKEN,
  TOKEN,
  UNKNOWN_TOKEN,
  assertHooksClean,
  assertNoSecrets,
  recordingHooks,
  rejection,
  requestsSeen,
  svc,
  withEmu,
} from './helpers.mjs';

/** A token function answering from a list and recording each context it got. */
function tokenSequence(...tokens) {
  const calls = [];
  const fn = (ctx) => {
    calls.push({ ...ctx });
    return tokens[Math.min(calls.length, tokens.length) - 1];
  };
  return { fn, calls };
}

test('42001 with a token function: refreshed once with forceRefresh, then success', async () => {
  await withEmu(async (emu) => {
    const { fn, calls } = tokenSequence(EXPIRED_TOKEN, TOKEN);
    const hooks = recordingHooks();
    const res = await createService(svc(), { accessToken: fn, baseUrl: emu.url, ...hooks });
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    // The refresh names the token WeChat rejected, so a shared cache refreshes only once.
    assert.deepEqual(calls, [{ forceRefresh: false }, { forceRefresh: true, failedToken: EXPIRED_TOKEN }]);
    assert.equal(requestsSeen(emu), 2);
    assert.deepEqual(emu.state().log.map((l) => l.token), ['expired', 'valid']);
    assert.equal(emu.state().services.length, 1);
    assert.deepEqual(hooks.requests.map((v) => v.attempt), [1, 2]);
    assertHooksClean(hooks);
  });
});

test('42001 again after the refresh: no loop (function called twice, 2 requests)', async () => {
  await withEmu(async (emu) => {
    const { fn, calls } = tokenSequence(EXPIRED_TOKEN, EXPIRED_TOKEN, TOKEN);
    const e = await rejection(() => createService(svc(), { accessToken: fn, baseUrl: emu.url }));
    assert.ok(isWxApiError(e), util.inspect(e));
    assert.equal(e.errcode, 42001);
    assert.equal(e.attempts, 2);
    assert.deepEqual(calls, [{ forceRefresh: false }, { forceRefresh: true, failedToken: EXPIRED_TOKEN }]);
    assert.equal(requestsSeen(emu), 2);
    assertNoSecrets(e, 'WxApiError after refresh');
  });
});

test('40014 with an async token function: refreshed, then success', async () => {
  await withEmu(async (emu) => {
    const calls = [];
    const fn = async (ctx) => {
      calls.push(ctx.forceRefresh);
      await new Promise((r) => setTimeout(r, 5));
      return ctx.forceRefresh ? TOKEN : UNKNOWN_TOKEN;
    };
    assert.deepEqual(await createService(svc(), { accessToken: fn, baseUrl: emu.url }), { errcode: 0, errmsg: 'ok' });
    assert.deepEqual(calls, [false, true]);
    assert.equal(requestsSeen(emu), 2);
  });
});

test('40001 (injected) with a token provider object: getToken refreshed, then success', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 40001 });
    const calls = [];
    const provider = {
      async getToken(ctx) {
        assert.equal(this, provider, 'getToken is called as a method');
        calls.push(ctx.forceRefresh);
        return TOKEN;
      },
    };
    const client = new CloudbaseClient({ accessToken: provider, baseUrl: emu.url });
    assert.deepEqual(await client.createService(svc()), { errcode: 0, errmsg: 'ok' });
    assert.deepEqual(calls, [false, true]);
    assert.equal(requestsSeen(emu), 2);
  });
});

test('a plain string expired token: WxApiError 42001, 1 request', async () => {
  await withEmu(async (emu) => {
    const e = await rejection(() => createService(svc(), { accessToken: EXPIRED_TOKEN, baseUrl: emu.url }));
    assert.ok(isWxApiError(e));
    assert.equal(e.errcode, 42001);
    assert.equal(e.attempts, 1);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('errcodes other than 40001/40014/42001 do not refresh', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 40097 });
    const { fn, calls } = tokenSequence(TOKEN);
    const e = await rejection(() => createService(svc(), { accessToken: fn, baseUrl: emu.url }));
    assert.equal(e.errcode, 40097);
    assert.deepEqual(calls, [{ forceRefresh: false }]);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('a token function that throws or returns a non-string is a ConfigError with nothing sent', async () => {
  await withEmu(async (emu) => {
    const boom = new Error('token store down');
    const thrower = await rejection(() => createService(svc(), { accessToken: () => { throw boom; }, baseUrl: emu.url }));
    assert.ok(isConfigError(thrower), util.inspect(thrower));
    assert.equal(thrower.cause, boom);
    const rejecter = await rejection(() => createService(svc(), { accessToken: () => Promise.reject(boom), baseUrl: emu.url }));
    assert.ok(isConfigError(rejecter), util.inspect(rejecter));
    for (const bad of [42, undefined, '', { token: TOKEN }]) {
      const e = await rejection(() => createService(svc(), { accessToken: () => bad, baseUrl: emu.url }));
      assert.ok(isConfigError(e), `token function returning ${util.inspect(bad)}: ${util.inspect(e)}`);
    }
    assert.equal(requestsSeen(emu), 0);
  });
});

test('the refresh on a client is per call: the next call starts with forceRefresh false', async () => {
  await withEmu(async (emu) => {
    let current = EXPIRED_TOKEN;
    const calls = [];
    const client = new CloudbaseClient({
      baseUrl: emu.url,
      accessToken: (ctx) => {
        calls.push(ctx.forceRefresh);
        if (ctx.forceRefresh) current = TOKEN;
        return current;
      },
    });
    await client.createService(svc());
    await client.createService(svc());
    assert.deepEqual(calls, [false, true, false]);
    assert.equal(requestsSeen(emu), 3);
  });
});
