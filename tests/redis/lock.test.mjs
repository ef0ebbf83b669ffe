// The refresh lock of redisTokenStore: SET NX PX, compare-and-delete, expiry, contention
// across connections of both clients.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { redisTokenStore } from 'wx-cloudbase-service/redis';
import { KINDS, MIXED, raw, rejection, report, sleep, suiteClients, uniquePrefix } from './helpers.mjs';

const APP = 'wx-redis-lock-tests';

for (const kind of KINDS) {
  describe(`the token-lock with ${kind}`, () => {
    const clients = suiteClients([kind]);
    let client;
    before(() => ([client] = clients));
    const fresh = () => redisTokenStore(client, { componentAppId: APP, keyPrefix: uniquePrefix() });

    test('lock is taken once; nobody else (nor the owner again) takes it while held', async () => {
      const store = fresh();
      assert.equal(await store.lock({ owner: 'a', ttlMs: 5000 }), true);
      assert.equal(await store.lock({ owner: 'b', ttlMs: 5000 }), false);
      assert.equal(await store.lock({ owner: 'a', ttlMs: 5000 }), false, 'not re-entrant');
      assert.equal(await raw(client, 'GET', store.keys.lock), 'a');
      const pttl = Number(await raw(client, 'PTTL', store.keys.lock));
      assert.ok(pttl > 4000 && pttl <= 5000, `PTTL ${pttl}`);
    });

    test('unlock releases only for the owner', async () => {
      const store = fresh();
      await store.lock({ owner: 'a', ttlMs: 5000 });
      assert.equal(await store.unlock({ owner: 'b' }), undefined);
      assert.equal(await raw(client, 'GET', store.keys.lock), 'a', "b cannot release a's lock");
      await store.unlock({ owner: 'a' });
      assert.equal(await raw(client, 'EXISTS', store.keys.lock), 0);
      await store.unlock({ owner: 'a' });
      assert.equal(await store.lock({ owner: 'b', ttlMs: 5000 }), true, 'free again');
    });

    test('the lock expires by itself after ttlMs; a late unlock of the old owner leaves the new one alone', async () => {
      const store = fresh();
      assert.equal(await store.lock({ owner: 'a', ttlMs: 150.2 }), true);
      await sleep(300);
      assert.equal(await store.lock({ owner: 'b', ttlMs: 5000 }), true);
      await store.unlock({ owner: 'a' });
      assert.equal(await raw(client, 'GET', store.keys.lock), 'b');
    });

    test('a lock key without expiry, or of another type, was not set by a store and is taken over', async () => {
      const store = fresh();
      await raw(client, 'SET', store.keys.lock, 'stale');
      assert.equal(await store.lock({ owner: 'a', ttlMs: 5000 }), true);
      assert.equal(await raw(client, 'GET', store.keys.lock), 'a');
      assert.ok(Number(await raw(client, 'PTTL', store.keys.lock)) > 0);
      await raw(client, 'DEL', store.keys.lock);
      await raw(client, 'RPUSH', store.keys.lock, 'x');
      await store.unlock({ owner: 'a' });
      assert.equal(await store.lock({ owner: 'a', ttlMs: 5000 }), true);
    });

    test('bad lock requests are TypeErrors and leave the lock alone', async () => {
      const store = fresh();
      for (const request of [undefined, {}, { owner: '' }, { owner: 'a' }, { owner: 'a', ttlMs: 0 }, { owner: 'a', ttlMs: Infinity }, { owner: 'a', ttlMs: 3_600_001 }, { owner: 5, ttlMs: 1000 }]) {
        assert.equal((await rejection(store.lock(request))).name, 'TypeError', JSON.stringify(request));
      }
      for (const request of [undefined, { owner: '' }, { owner: 1 }]) {
        assert.equal((await rejection(store.unlock(request))).name, 'TypeError', JSON.stringify(request));
      }
      assert.equal(await raw(client, 'EXISTS', store.keys.lock), 0);
    });
  });
}

describe('the token-lock with both clients at once', () => {
  const clients = suiteClients(MIXED);

  test('80 contenders on 8 connections: exactly one takes the lock, in every round', async (t) => {
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      const prefix = uniquePrefix();
      const stores = clients.map((c) => redisTokenStore(c, { componentAppId: APP, keyPrefix: prefix }));
      const results = await Promise.all(Array.from({ length: 80 }, (_, i) => stores[i % 8].lock({ owner: `o${i}`, ttlMs: 5000 })));
      assert.equal(results.filter(Boolean).length, 1, `round ${round}`);
      const winner = `o${results.indexOf(true)}`;
      // Every loser tries to release it at once: none can.
      await Promise.all(results.map((won, i) => (won ? null : stores[i % 8].unlock({ owner: `o${i}` }))));
      assert.equal(await raw(clients[0], 'GET', stores[0].keys.lock), winner);
      await stores[results.indexOf(true) % 8].unlock({ owner: winner });
      assert.equal(await raw(clients[0], 'EXISTS', stores[0].keys.lock), 0);
    }
    report(t, `token-lock: ${rounds} rounds × 80 contenders on 8 connections (ioredis + node-redis): exactly 1 winner each`);
  });
});
