// Issue 10, items 13–17: the token manager and its stores, against the emulator's token
// endpoint. A hanging store read must not eat the caller's budget; a forced refresh must not
// adopt a stored token that expires before the one WeChat just rejected; a short-lived token
// in a shared store serves every manager; another platform's stored token is never used; and
// a 10 MB string is refused before it is copied into wasm (each in a fresh process).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import { CloudbaseClient, ComponentTokenManager, createService } from 'wx-cloudbase-service';
import { svc } from './helpers.mjs';
import { MiB, figure, mib, timed } from './lib.mjs';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const execFileAsync = util.promisify(execFile);
const probe = fileURLToPath(new URL('./defects-probe.mjs', import.meta.url));
const APP = { componentAppId: 'wx-defects-tokens', componentAppSecret: 'tokens-secret' };
const TICKET = 'tokens-ticket';

async function withTokenEmu(options, fn) {
  const emu = await startEmulator({ quiet: true, ...APP, verifyTickets: [TICKET], ...options });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

const manager = (emu, over = {}) => new ComponentTokenManager({ ...APP, getVerifyTicket: () => TICKET, baseUrl: emu.url, ...over });

/** A Map store that, like a careful store, never writes over a token that expires later. */
function mapStore() {
  const map = new Map();
  return {
    map,
    get: () => map.get('token') ?? null,
    set: (t) => {
      const current = map.get('token');
      if (!current || current.expiresAt < t.expiresAt) map.set('token', { ...t });
    },
  };
}

const hanging = () => new Promise(() => {});

for (const shared of [2000, 5000]) test(`item 13: a store that hangs does not fail createService when client and manager share timeoutMs ${shared}`, async () => {
  await withTokenEmu({}, async (emu) => {
    const storeErrors = [];
    const m = manager(emu, { timeoutMs: shared, store: { get: hanging, set: hanging }, onStoreError: (e) => storeErrors.push(e.issues?.[0]?.code) });
    const client = new CloudbaseClient({ accessToken: m, baseUrl: emu.url, timeoutMs: shared });
    const rs = await Promise.all([1, 2, 3].map(() => timed(client.createService(svc()))));
    figure(`hanging store.get, shared timeoutMs ${shared}: ${rs.map((r) => (r.ok ? 'ok' : r.error.code)).join(', ')} after ${rs.map((r) => Math.round(r.ms)).join(', ')} ms`);
    for (const r of rs) {
      assert.ok(r.ok, `failed during the refresh: ${r.error?.code} ${r.error?.message}`);
      assert.ok(r.ms < shared, `${Math.round(r.ms)} ms: the store ate the budget`);
    }
    assert.equal(emu.state().tokenRequests, 1);
    // One storeTimeoutMs per refresh: after the first hang the refresh goes on without it.
    assert.ok(rs.every((r) => r.ms < 1000 + 500), `slower than one storeTimeoutMs: ${rs.map((r) => Math.round(r.ms))}`);
    assert.ok(storeErrors.length > 0 && storeErrors.every((c) => /^store_/.test(c)), `onStoreError: ${storeErrors}`);
  });
});

test('item 13: storeTimeoutMs bounds each store call, so a 1 s shared budget still gets its token', async () => {
  await withTokenEmu({}, async (emu) => {
    const m = manager(emu, { timeoutMs: 1000, storeTimeoutMs: 100, store: { get: hanging, set: hanging }, onStoreError: () => {} });
    const r = await timed(createService(svc(), { accessToken: m, baseUrl: emu.url, timeoutMs: 1000 }));
    assert.ok(r.ok, `${r.error?.code}: ${r.error?.message}`);
    assert.ok(r.ms < 1000, `${Math.round(r.ms)} ms`);
  });
});

test('item 14: after 42001, a forced refresh does not adopt a stored token expiring before the rejected one; the retried call succeeds', async () => {
  await withTokenEmu({}, async (emu) => {
    const store = mapStore();
    const m = manager(emu, { store });
    await m.getToken();
    const stored = store.map.get('token');
    // The store goes back to an older token (another process, a restored backup): valid by
    // its own expiry, but it expires an hour before the one the manager holds.
    store.map.set('token', { ...stored, accessToken: 'an-older-token', expiresAt: stored.expiresAt - 3_600_000, obtainedAt: (stored.obtainedAt ?? Date.now() - 1000) - 3_600_000 });
    emu.expireTokens();
    const before = emu.state().tokenRequests;
    const r = await timed(createService(svc(), { accessToken: m, baseUrl: emu.url }));
    assert.ok(r.ok, `the retried call failed: ${r.error?.code} ${r.error?.errcode} (${emu.state().tokenRequests - before} token requests)`);
    assert.equal(emu.state().tokenRequests - before, 1, 'the refresh asked WeChat');
    assert.notEqual(await m.getToken(), 'an-older-token');
  });
});

test('item 15: a token living less than 2 × refreshMarginSeconds in a shared Map store serves three managers with one request', async () => {
  await withTokenEmu({ tokenLifetimeSeconds: 5 }, async (emu) => {
    const store = mapStore();
    const managers = [1, 2, 3].map(() => manager(emu, { store }));
    const tokens = [];
    for (const m of managers) tokens.push(await m.getToken());
    assert.equal(emu.state().tokenRequests, 1, 'each manager asked WeChat for its own token');
    assert.equal(new Set(tokens).size, 1);
    const written = store.map.get('token');
    assert.equal(typeof written.obtainedAt, 'number', `the stored value carries what a reader needs for its margin: ${Object.keys(written)}`);
    assert.ok(written.expiresAt - written.obtainedAt <= 5000 && written.expiresAt - written.obtainedAt > 4000);
    // And the token is usable by a call.
    assert.equal((await createService(svc(), { accessToken: managers[2], baseUrl: emu.url })).errcode, 0);
  });
});

test('item 16: a store holding another platform\'s token is not adopted; the manager stores its own appid', async () => {
  await withTokenEmu({}, async (emu) => {
    const store = mapStore();
    store.map.set('token', { accessToken: 'another-platforms-token', expiresAt: Date.now() + 7_000_000, obtainedAt: Date.now(), componentAppId: 'wx-another-platform' });
    const storeErrors = [];
    const m = manager(emu, { store: { get: store.get, set: (t) => void store.map.set('token', { ...t }) }, onStoreError: (e) => storeErrors.push(e) });
    const token = await m.getToken();
    assert.notEqual(token, 'another-platforms-token', 'another platform\'s token was adopted');
    assert.equal(emu.state().tokenRequests, 1);
    assert.equal(store.map.get('token').componentAppId, APP.componentAppId, 'the stored value names its platform');
    assert.ok(storeErrors.some((e) => /another component appid/.test(e.message)), 'onStoreError is told why the stored token was not used');
    assert.equal((await createService(svc(), { accessToken: m, baseUrl: emu.url })).errcode, 0);
  });
});

// Item 17: each case in a fresh process, so the growth of wasm memory is this case's.
const MEMORY = [
  ['a 10 MB baseUrl', 'baseurl', 'CONFIG', 'baseUrl'],
  ['a 10 MB componentAppSecret', 'appsecret', 'CONFIG', 'componentAppSecret'],
  ['a 10 MB componentAppId', 'appid', 'CONFIG', 'componentAppId'],
  ['a 10 MB ticket from getVerifyTicket', 'ticket', 'CONFIG', 'getVerifyTicket'],
  ['a 10 MB stored token (ignored, a token is fetched)', 'stored-token', null],
  ['a 10 MB failedToken', 'failed-token', null],
];
for (const [label, kind, code, path] of MEMORY) {
  test(`item 17: ${label}: ${code ?? 'a token'}, without copying the 10 MB into wasm`, async () => {
    const { stdout } = await execFileAsync(process.execPath, [probe, `memory-${kind}`], { encoding: 'utf8', timeout: 60_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1));
    figure(`manager memory probe ${kind}: ${r.first.code ?? 'resolved'} in ${r.first.ms} ms, wasm +${mib(r.grew)}`);
    assert.deepEqual(r.uncaught, []);
    if (code) {
      assert.equal(r.first.code, code, util.inspect(r.first));
      assert.deepEqual(r.first.paths, [path]);
      assert.equal(r.first.attempts, 0);
      assert.equal(r.tokenRequests, 1, 'only the warm-up token request: nothing was sent');
    } else {
      assert.equal(r.first.resolved, 'an issued token', util.inspect(r.first));
    }
    assert.ok(r.grew < MiB, `wasm memory grew by ${mib(r.grew)}: the string was copied in before its length was checked`);
    assert.ok('resolved' in r.after[0], 'the next call works');
  });
}
