// Concurrent callers share one token request; the cached token serves later ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudbaseClient, ComponentTokenManager, createService } from 'wx-cloudbase-service';
import { apiRequests, manager, report, svc, tokenRequests, withEmu } from './helpers.mjs';

test('100 concurrent getToken callers cause 1 token request', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => m.getToken()));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(tokenRequests(emu), 1);
    const again = await Promise.all(Array.from({ length: 100 }, () => m.getToken({ forceRefresh: false })));
    assert.deepEqual(new Set(again), new Set(tokens));
    assert.equal(tokenRequests(emu), 1, 'the cached token serves later callers');
    report(t, { callers: 200, tokenRequests: tokenRequests(emu) });
  }));

test('50 concurrent createService calls with the manager as accessToken: 1 token request', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const client = new CloudbaseClient({ accessToken: m, baseUrl: emu.url });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.createService(svc())));
    assert.ok(results.every((r) => r.errcode === 0));
    assert.equal(tokenRequests(emu), 1);
    assert.equal(apiRequests(emu), 50);
    const one = await createService(svc(), { accessToken: m, baseUrl: emu.url });
    assert.equal(one.errcode, 0);
    assert.equal(tokenRequests(emu), 1);
    report(t, { calls: 51, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('getToken accepts no context, an empty one, or junk, and returns a promise every time', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const results = await Promise.all([m.getToken(), m.getToken({}), m.getToken(null), m.getToken(42), m.getToken({ forceRefresh: 'yes' })]);
    assert.equal(new Set(results).size, 1);
    assert.equal(tokenRequests(emu), 1);
    report(t, { callers: 5, tokenRequests: tokenRequests(emu) });
  }));

test('the manager is a class with getToken, usable as a TokenProvider', () => {
  assert.equal(typeof ComponentTokenManager, 'function');
  assert.equal(typeof ComponentTokenManager.prototype.getToken, 'function');
});
