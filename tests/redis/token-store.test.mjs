// redisTokenStore against the real server, with each client: set-if-later, TTL, the shape
// read back, malformed values, key layout and scoping, and concurrent writers on many
// connections of both clients.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { redisTokenStore } from 'wx-cloudbase-service/redis';
import { assertMalformedIgnored, assertNoSecrets, KINDS, MIXED, raw, rejection, report, suiteClients, token, uniquePrefix } from './helpers.mjs';

const APP = 'wx-redis-store-tests';

for (const kind of KINDS) {
  describe(`redisTokenStore with ${kind}`, () => {
    const clients = suiteClients([kind]);
    let client;
    before(() => ([client] = clients));
    const fresh = (appId = APP) => redisTokenStore(client, { componentAppId: appId, keyPrefix: uniquePrefix() });

    test('an empty store reads null; a token reads back as written, its key expiring with it', async () => {
      const store = fresh();
      assert.equal(await store.get(), null);
      const t = token(APP, { lifeMs: 60_000 });
      assert.equal(await store.set(t), undefined);
      assert.deepEqual(await store.get(), t);
      const pttl = Number(await raw(client, 'PTTL', store.keys.token));
      assert.ok(pttl > 59_000 && pttl <= 60_000, `PTTL ${pttl}`);
    });

    test('set-if-later: a later token replaces, an earlier or equally late one does not', async () => {
      const store = fresh();
      const now = Date.now();
      const mid = token(APP, { now, lifeMs: 7_000_000 });
      await store.set(mid);
      await store.set(token(APP, { now, lifeMs: 6_000_000 }));
      assert.equal((await store.get()).accessToken, mid.accessToken, 'an earlier token is not written');
      await store.set(token(APP, { now, lifeMs: 7_000_000 }));
      assert.equal((await store.get()).accessToken, mid.accessToken, 'the first of two equally late tokens stays');
      const later = token(APP, { now, lifeMs: 7_100_000 });
      await store.set(later);
      assert.deepEqual(await store.get(), later);
    });

    test('an expired token is not written; the key disappears when the token expires', async () => {
      const store = fresh();
      await store.set(token(APP, { now: Date.now() - 7_200_001 }));
      assert.equal(await raw(client, 'EXISTS', store.keys.token), 0);
      await store.set(token(APP, { lifeMs: 150 }));
      assert.notEqual(await store.get(), null);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await store.get(), null);
    });

    test("an older manager's { accessToken, expiresAt } is stored with this store's appid and the write time", async () => {
      const store = fresh();
      const before = Date.now();
      const legacy = { accessToken: 'legacy-token', expiresAt: before + 7_200_000 };
      await store.set(legacy);
      const got = await store.get();
      assert.equal(got.accessToken, legacy.accessToken);
      assert.equal(got.expiresAt, legacy.expiresAt);
      assert.equal(got.componentAppId, APP);
      assert.ok(got.obtainedAt >= before && got.obtainedAt <= Date.now());
    });

    test('bad tokens are refused with a TypeError that never shows the token', async () => {
      const store = fresh();
      const now = Date.now();
      const bad = {
        notAnObject: 'CANARY-string',
        noToken: { expiresAt: now + 1000 },
        emptyToken: token(APP, { accessToken: '' }),
        numericToken: token(APP, { accessToken: 5 }),
        nanExpiry: token(APP, { expiresAt: Number.NaN }),
        farFuture: token(APP, { lifeMs: 30 * 24 * 3600 * 1000 }),
        obtainedAfterExpiry: token(APP, { obtainedAt: now + 9_000_000 }),
        otherApp: token('wx-another-app'),
      };
      for (const [name, value] of Object.entries(bad)) {
        const err = await rejection(store.set(value));
        assert.equal(err.name, 'TypeError', name);
        assertNoSecrets(err, `set(${name})`);
      }
      assert.equal(await raw(client, 'EXISTS', store.keys.token), 0, 'nothing was written');
    });

    test('malformed stored values read as null and never block a write', async () => {
      const store = fresh();
      const key = store.keys.token;
      const t = token(APP);
      const json = (v) => JSON.stringify(v);
      const malformed = {
        notJson: 'CANARY{',
        jsonNull: 'null',
        array: '[1,2]',
        number: '42',
        empty: '{}',
        tokenNotString: json({ ...t, accessToken: 5 }),
        noObtainedAt: json({ ...t, obtainedAt: undefined }),
        expiryAsString: json({ ...t, expiresAt: String(t.expiresAt) }),
        otherApp: json({ ...t, componentAppId: 'wx-another-app', expiresAt: t.expiresAt + 1000 }),
        farFuture: json({ ...t, expiresAt: Date.now() + 365 * 24 * 3600 * 1000 }),
        huge: json({ ...t, accessToken: 'x'.repeat(20_000) }),
      };
      // Another Redis type is a value it cannot use too, not a failure.
      await assertMalformedIgnored(client, store, key, t, malformed);
      // Unknown extra fields (a newer writer) are ignored, the token is still read.
      await raw(client, 'SET', key, json({ ...t, extra: { nested: true } }));
      assert.deepEqual(await store.get(), t);
    });

    test('keys: <prefix><appid>:token and :token-lock, default prefix wx-cloudbase:, scoped by appid and prefix', async () => {
      const def = redisTokenStore(client, { componentAppId: 'wx-default-prefix-test' });
      assert.deepEqual(
        { ...def.keys },
        {
          token: 'wx-cloudbase:wx-default-prefix-test:token',
          lock: 'wx-cloudbase:wx-default-prefix-test:token-lock',
          ticket: 'wx-cloudbase:wx-default-prefix-test:ticket',
        },
      );
      const prefix = uniquePrefix();
      const a = redisTokenStore(client, { componentAppId: 'wx-app-a', keyPrefix: prefix });
      const b = redisTokenStore(client, { componentAppId: 'wx-app-b', keyPrefix: prefix });
      const a2 = redisTokenStore(client, { componentAppId: 'wx-app-a', keyPrefix: uniquePrefix() });
      const ta = token('wx-app-a');
      await a.set(ta);
      assert.deepEqual(await a.get(), ta);
      assert.equal(await b.get(), null, 'another appid, same prefix');
      assert.equal(await a2.get(), null, 'same appid, another prefix');
      assert.equal(await raw(client, 'GET', `${prefix}wx-app-a:token`), JSON.stringify(ta));
      // A token copied under another appid's key is not that appid's token.
      await raw(client, 'SET', b.keys.token, JSON.stringify(ta));
      assert.equal(await b.get(), null);
      await raw(client, 'DEL', def.keys.token);
    });
  });
}

describe('redisTokenStore with both clients at once', () => {
  const clients = suiteClients(MIXED);

  test('concurrent writers on 8 connections: the latest-expiring token always ends up stored', async (t) => {
    const rounds = 10;
    const writers = 200;
    for (let round = 0; round < rounds; round++) {
      const prefix = uniquePrefix();
      const stores = clients.map((c) => redisTokenStore(c, { componentAppId: APP, keyPrefix: prefix }));
      const now = Date.now();
      const tokens = Array.from({ length: writers }, () => token(APP, { now, lifeMs: 3_600_000 + Math.floor(Math.random() * 3_600_000) }));
      await Promise.all(tokens.map((tok, i) => stores[i % stores.length].set(tok)));
      const latest = tokens.reduce((a, b) => (b.expiresAt > a.expiresAt ? b : a));
      const winners = tokens.filter((x) => x.expiresAt === latest.expiresAt).map((x) => x.accessToken);
      const stored = await stores[round % stores.length].get();
      assert.ok(winners.includes(stored.accessToken), `round ${round}: stored expiresAt ${stored.expiresAt}, latest ${latest.expiresAt}`);
    }
    report(t, `token set-if-later: ${rounds} rounds × ${writers} concurrent writers on ${clients.length} connections (ioredis + node-redis): latest always kept`);
  });
});
