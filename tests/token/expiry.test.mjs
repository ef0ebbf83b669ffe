// A token is cached until its expiry minus the margin, then refreshed exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createService } from 'wx-cloudbase-service';
import { apiRequests, manager, report, sleep, svc, tokenRequests, withEmu } from './helpers.mjs';

test('after the lifetime passes, 50 concurrent callers cause exactly one refresh', (t) =>
  withEmu({ tokenLifetimeSeconds: 1 }, async (emu) => {
    const m = manager(emu, { refreshMarginSeconds: 0 });
    const first = await m.getToken();
    assert.equal(tokenRequests(emu), 1);
    await sleep(1100);
    // The emulator agrees that the old token is gone.
    await assert.rejects(createService(svc(), { accessToken: first, baseUrl: emu.url }), { errcode: 42001 });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => m.getToken()));
    assert.equal(new Set(tokens).size, 1);
    assert.notEqual(tokens[0], first);
    assert.equal(tokenRequests(emu), 2, 'exactly one refresh');
    const ok = await createService(svc(), { accessToken: m, baseUrl: emu.url });
    assert.equal(ok.errcode, 0);
    assert.equal(tokenRequests(emu), 2);
    report(t, { tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('the margin refreshes before expiry (at most half the lifetime), so no call sees 42001', (t) =>
  withEmu({ tokenLifetimeSeconds: 2 }, async (emu) => {
    // The default margin (600 s) is more than half of 2 s: the refresh comes after 1 s.
    const m = manager(emu);
    const first = await m.getToken();
    await sleep(400);
    assert.equal(await m.getToken(), first, 'still fresh');
    assert.equal(tokenRequests(emu), 1);
    await sleep(800);
    const results = await Promise.all(Array.from({ length: 20 }, () => createService(svc(), { accessToken: m, baseUrl: emu.url })));
    assert.ok(results.every((r) => r.errcode === 0));
    assert.equal(tokenRequests(emu), 2, 'one early refresh');
    assert.equal(apiRequests(emu), 20, 'no call needed a retry');
    assert.equal(emu.state().byErrcode['42001'], undefined);
    // The replaced token had not expired yet: the refresh was early.
    assert.equal((await createService(svc(), { accessToken: first, baseUrl: emu.url })).errcode, 0);
    report(t, { tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));
