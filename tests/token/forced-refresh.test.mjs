// WeChat rejecting a token mid-flight (42001): one forced refresh, shared by every caller that
// saw the same token fail, then success.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudbaseClient, createService } from 'wx-cloudbase-service';
import { apiRequests, manager, report, sleep, svc, tokenRequests, withEmu } from './helpers.mjs';

test('42001 mid-flight in createService: one refresh, then success', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const first = await m.getToken();
    emu.expireTokens(); // WeChat now answers 42001 for the cached token
    const seen = [];
    const res = await createService(svc(), {
      accessToken: m,
      baseUrl: emu.url,
      onResponse: (view) => seen.push(view.errcode),
    });
    assert.equal(res.errcode, 0);
    assert.deepEqual(seen, [42001, 0]);
    assert.equal(tokenRequests(emu), 2, 'the first token and one refresh');
    assert.equal(apiRequests(emu), 2);
    assert.notEqual(await m.getToken(), first);
    assert.equal(tokenRequests(emu), 2);
    report(t, { tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('100 concurrent calls that all see 42001 for the same token cause one refresh', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const client = new CloudbaseClient({ accessToken: m, baseUrl: emu.url });
    await m.getToken();
    emu.expireTokens();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.createService(svc())));
    assert.ok(results.every((r) => r.errcode === 0));
    assert.equal(emu.state().byErrcode['42001'], 100);
    assert.equal(tokenRequests(emu), 2, 'the first token and one refresh, not one per call');
    assert.equal(apiRequests(emu), 200);
    report(t, { calls: 100, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

/**
 * A per-call provider passing `failedToken` the way createService's token source would if it
 * said which token failed: it remembers the token it handed out for this call.
 */
const perCall = (m) => {
  let last;
  return {
    async getToken(ctx) {
      last = await m.getToken(ctx.forceRefresh ? { forceRefresh: true, failedToken: last } : {});
      return last;
    },
  };
};

test('42001 for the same token, with failedToken passed: one refresh, however late each call sees it', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    await m.getToken();
    emu.expireTokens();
    // Half the calls see their 42001 late, after the refresh has finished.
    emu.addFaults({ delayMs: 300, process: true, count: 50 });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => createService(svc(), { accessToken: perCall(m), baseUrl: emu.url })),
    );
    assert.ok(results.every((r) => r.errcode === 0));
    assert.equal(tokenRequests(emu), 2);
    assert.equal(apiRequests(emu), 200);
    // A later genuine failure of the new token still refreshes.
    emu.expireTokens();
    assert.equal((await createService(svc(), { accessToken: perCall(m), baseUrl: emu.url })).errcode, 0);
    assert.equal(tokenRequests(emu), 3);
    report(t, { calls: 101, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('failedToken: callers of a replaced token get the replacement without a request', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const t1 = await m.getToken();
    const refreshed = await Promise.all(Array.from({ length: 50 }, () => m.getToken({ forceRefresh: true, failedToken: t1 })));
    assert.equal(new Set(refreshed).size, 1);
    const t2 = refreshed[0];
    assert.notEqual(t2, t1);
    assert.equal(tokenRequests(emu), 2);
    // Late reporters of t1's failure, long after the refresh: t2, no request.
    await sleep(50);
    for (let i = 0; i < 20; i++) assert.equal(await m.getToken({ forceRefresh: true, failedToken: t1 }), t2);
    assert.equal(tokenRequests(emu), 2);
    // t2 failing is a new failure: one more refresh.
    const t3 = await m.getToken({ forceRefresh: true, failedToken: t2 });
    assert.notEqual(t3, t2);
    assert.equal(tokenRequests(emu), 3);
    report(t, { tokenRequests: tokenRequests(emu) });
  }));

test('forceRefresh without failedToken: a second forced refresh right after the first reuses its token', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const t1 = await m.getToken();
    const t2 = await m.getToken({ forceRefresh: true });
    assert.notEqual(t2, t1);
    assert.equal(tokenRequests(emu), 2);
    assert.equal(await m.getToken({ forceRefresh: true }), t2, 'within the cooldown');
    assert.equal(tokenRequests(emu), 2);
    report(t, { tokenRequests: tokenRequests(emu) });
  }));

test('a plain string token is not refreshed: 42001 is reported', () =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const token = await m.getToken();
    emu.expireTokens();
    await assert.rejects(createService(svc(), { accessToken: token, baseUrl: emu.url }), { name: 'WxApiError', errcode: 42001 });
    assert.equal(tokenRequests(emu), 1);
  }));
