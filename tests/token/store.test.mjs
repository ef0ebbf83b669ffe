// Managers sharing a store: one token for all of them, never an older token over a newer one,
// and a store that fails never fails getToken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudbaseClient, isConfigError } from 'wx-cloudbase-service';
import { assertNoSecrets, manager, mapStore, report, sleep, svc, tokenRequests, withEmu } from './helpers.mjs';

const stored = (store) => store.map.get('component_access_token');

test('two managers sharing a Map store use one token: 1 request', (t) =>
  withEmu(async (emu) => {
    const store = mapStore();
    const a = manager(emu, { store });
    const b = manager(emu, { store });
    const before = Date.now();
    const ta = await a.getToken();
    assert.equal(store.writes.length, 1);
    assert.equal(stored(store).accessToken, ta);
    const expiresAt = stored(store).expiresAt;
    assert.ok(expiresAt >= before + 7_200_000 - 50 && expiresAt <= Date.now() + 7_200_000, `expiresAt ${expiresAt}`);
    const tb = await Promise.all(Array.from({ length: 20 }, () => b.getToken()));
    assert.ok(tb.every((x) => x === ta));
    assert.equal(tokenRequests(emu), 1);
    assert.equal(store.writes.length, 1, 'adopting does not write');
    report(t, { managers: 2, tokenRequests: tokenRequests(emu), storeWrites: store.writes.length });
  }));

test('a slow older refresh never overwrites the newer token another manager stored', (t) =>
  withEmu(async (emu) => {
    const store = mapStore();
    const a = manager(emu, { store });
    const b = manager(emu, { store });
    // A's request is answered late: its token is issued first but arrives last.
    emu.addTokenFaults({ delayMs: 500 });
    const pending = a.getToken();
    await sleep(150);
    assert.equal(emu.state().tokenFaults.consumed, 1, "A's request reached the emulator first");
    const tb = await b.getToken();
    assert.deepEqual(store.writes.map((w) => w.accessToken), [tb]);
    const ta = await pending;
    assert.equal(ta, tb, 'A uses the later token it found in the store');
    assert.equal(stored(store).accessToken, tb, 'the store still holds the later token');
    assert.equal(store.writes.length, 1, 'A wrote nothing');
    assert.equal(tokenRequests(emu), 2);
    assert.equal(await a.getToken(), tb);
    report(t, { managers: 2, tokenRequests: tokenRequests(emu), storeWrites: store.writes.length });
  }));

test('a token already in the store is used without a request; a stale one is replaced', (t) =>
  withEmu(async (emu) => {
    const seed = await manager(emu).getToken();
    const store = mapStore();
    store.map.set('component_access_token', { accessToken: seed, expiresAt: Date.now() + 7_000_000 });
    const m = manager(emu, { store });
    assert.equal(await m.getToken(), seed);
    assert.equal(tokenRequests(emu), 1, 'only the seeding request');
    // Within the margin: the manager fetches and writes a newer one.
    const stale = mapStore();
    stale.map.set('component_access_token', { accessToken: seed, expiresAt: Date.now() + 60_000 });
    const n = manager(emu, { store: stale });
    const fresh = await n.getToken();
    assert.notEqual(fresh, seed);
    assert.equal(stored(stale).accessToken, fresh);
    assert.equal(tokenRequests(emu), 2);
    report(t, { tokenRequests: tokenRequests(emu) });
  }));

test('a forced refresh in one manager serves the other manager\'s forced refresh', (t) =>
  withEmu(async (emu) => {
    const store = mapStore();
    const a = manager(emu, { store });
    const b = manager(emu, { store });
    const ca = new CloudbaseClient({ accessToken: a, baseUrl: emu.url });
    const cb = new CloudbaseClient({ accessToken: b, baseUrl: emu.url });
    assert.equal(await a.getToken(), await b.getToken());
    emu.expireTokens();
    assert.equal((await ca.createService(svc())).errcode, 0);
    assert.equal(tokenRequests(emu), 2);
    // B still holds the expired token; its forced refresh finds A's replacement in the store.
    assert.equal((await cb.createService(svc())).errcode, 0);
    assert.equal(tokenRequests(emu), 2, 'no request for B');
    assert.equal(await b.getToken(), await a.getToken());
    const writes = store.writes.map((w) => w.expiresAt);
    assert.deepEqual(writes, [...writes].sort((x, y) => x - y), 'writes only ever move expiresAt forward');
    report(t, { managers: 2, tokenRequests: tokenRequests(emu), storeWrites: store.writes.length });
  }));

test('both managers hit by 42001 at once: every call succeeds with at most one refresh each', (t) =>
  withEmu(async (emu) => {
    const store = mapStore();
    const managers = [manager(emu, { store }), manager(emu, { store })];
    const clients = managers.map((m) => new CloudbaseClient({ accessToken: m, baseUrl: emu.url }));
    // Both hold the one stored token (A fetched it, B adopted it), which then expires. (Had
    // they started at the same instant, each would hold its own token; one of those expiring
    // would not make the other's stored token invalid, as expireTokens() would here.)
    for (const c of clients) await c.createService(svc());
    assert.equal(tokenRequests(emu), 1);
    emu.expireTokens();
    const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 50 }, () => c.createService(svc()))));
    assert.ok(results.every((r) => r.errcode === 0));
    const n = tokenRequests(emu);
    assert.ok(n >= 2 && n <= 3, `token requests: ${n}`);
    report(t, { managers: 2, calls: 102, tokenRequests: n });
  }));

test('a failing store never fails getToken; onStoreError hears of it without secrets', (t) =>
  withEmu(async (emu) => {
    const heard = [];
    const onStoreError = (e) => {
      heard.push(e);
      throw new Error('a throwing hook is ignored');
    };
    const stores = {
      throws: { get() { throw new Error('redis down'); }, set() { throw new Error('redis down'); } },
      rejects: { get: () => Promise.reject(new Error('redis down')), set: () => Promise.reject('a string reason') },
      garbage: { get: async () => ({ accessToken: 5, expiresAt: 'soon' }), set: async () => {} },
      hangs: { get: () => new Promise(() => {}), set: () => new Promise(() => {}) },
    };
    const codes = {};
    for (const [name, store] of Object.entries(stores)) {
      heard.length = 0;
      const m = manager(emu, { store, onStoreError, timeoutMs: 300 });
      const token = await m.getToken();
      assert.equal(typeof token, 'string', name);
      assert.ok(heard.length >= 1, name);
      for (const e of heard) {
        assert.ok(isConfigError(e), name);
        assert.ok(e instanceof Error);
        assertNoSecrets(e, `store error (${name})`);
      }
      codes[name] = heard.map((e) => e.issues[0].code);
    }
    assert.deepEqual(codes.throws, ['store_get', 'store_get', 'store_set']);
    assert.deepEqual(codes.rejects, ['store_get', 'store_get', 'store_set']);
    assert.deepEqual(codes.garbage, ['store_value', 'store_value']);
    // A store that does not settle costs one storeTimeoutMs per refresh: after the first
    // read times out, the rest of that refresh (the re-read, the write) goes without it.
    assert.deepEqual(codes.hangs, ['store_get']);
    assert.equal(tokenRequests(emu), 4);
    // Without a hook, failures are silent and still harmless.
    assert.equal(typeof (await manager(emu, { store: stores.throws }).getToken()), 'string');
    report(t, { stores: 5, tokenRequests: tokenRequests(emu) });
  }));

test('a bad store option is a ConfigError', () =>
  withEmu(async (emu) => {
    for (const store of [5, { get() {} }, { set() {} }, { get: 1, set: 2 }]) {
      assert.throws(() => manager(emu, { store }), { name: 'ConfigError', code: 'CONFIG' });
    }
  }));
