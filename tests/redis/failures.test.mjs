// Redis failures reject (so the manager can report them), with a RedisStoreError that never
// shows the token or the ticket, on a redis-server of its own that these tests stop, restart
// and starve of memory.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RedisStoreError, redisTicketStore, redisTokenStore } from 'wx-cloudbase-service/redis';
import { startRedis } from './redis-server.mjs';
import { KINDS, assertNoSecrets, connect, raw, rejection, sleep, ticket, token, uniquePrefix } from './helpers.mjs';

const APP = 'wx-redis-failure-tests';

/** Settles within `ms`? Resolves to { settled, value, error }. */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  const outcome = promise.then(
    (value) => ({ settled: true, value }),
    (error) => ({ settled: true, error }),
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Redis failures', () => {
  let server;
  before(async () => {
    server = await startRedis();
  });
  after(() => server.close());

  for (const kind of KINDS) {
    test(`${kind}, failing fast: every method rejects with a RedisStoreError while the server is down`, async () => {
      const client = await connect(kind, server.port, { failFast: true });
      try {
        const opts = { componentAppId: APP, keyPrefix: uniquePrefix() };
        const tokens = redisTokenStore(client, opts);
        const tickets = redisTicketStore(client, opts);
        const tok = token(APP);
        const tic = ticket(APP);
        await tokens.set(tok);
        await server.stop();
        const calls = {
          get: tokens.get(),
          set: tokens.set(tok),
          lock: tokens.lock({ owner: 'a', ttlMs: 1000 }),
          unlock: tokens.unlock({ owner: 'a' }),
          'ticket get': tickets.get(),
          'ticket set': tickets.set(tic),
        };
        for (const [name, call] of Object.entries(calls)) {
          const { settled, error } = await within(call, 2000);
          assert.ok(settled, `${name} settles at once`);
          assert.ok(error instanceof RedisStoreError, `${name}: ${error}`);
          assert.equal(error.code, 'REDIS_STORE');
          assert.equal(error.operation, name.replace('ticket ', ''));
          assert.match(error.message, /^redis (token|ticket) store: (get|set|lock|unlock) failed: /);
          assertNoSecrets(error, `${kind} ${name} error`);
        }
      } finally {
        await server.start();
        client.close();
      }
    });

    test(`${kind}, the library's defaults: a call waits for the reconnect, then completes`, async () => {
      const client = await connect(kind, server.port);
      try {
        const tokens = redisTokenStore(client, { componentAppId: APP, keyPrefix: uniquePrefix() });
        const tok = token(APP);
        await tokens.set(tok);
        await server.stop();
        const pending = tokens.get();
        assert.equal((await within(pending, 300)).settled, false, 'queued while offline (the manager bounds it with storeTimeoutMs)');
        await server.start();
        // The store's data went with the server (no persistence): the queued read finds nothing.
        const outcome = await within(pending, 5000);
        assert.ok(outcome.settled, 'settles after the reconnect');
        assert.equal(outcome.error, undefined, String(outcome.error));
        assert.equal(outcome.value, null);
        await tokens.set(tok);
        assert.deepEqual(await tokens.get(), tok, 'works again');
      } finally {
        client.close();
      }
    });

    test(`${kind}: a write Redis refuses (OOM) rejects without the token or ticket, though ioredis's own error holds them`, async () => {
      const client = await connect(kind, server.port);
      const admin = await connect('node-redis', server.port);
      try {
        const opts = { componentAppId: APP, keyPrefix: uniquePrefix() };
        const tokens = redisTokenStore(client, opts);
        const tickets = redisTicketStore(client, opts);
        await raw(admin, 'CONFIG', 'SET', 'maxmemory', '1');
        for (const [name, call] of [
          ['token set', () => tokens.set(token(APP))],
          ['ticket set', () => tickets.set(ticket(APP))],
        ]) {
          const err = await rejection(call());
          assert.ok(err instanceof RedisStoreError, `${name}: ${err}`);
          assert.equal(err.redisCode, 'OOM', name);
          assertNoSecrets(err, `${kind} ${name} (OOM)`);
        }
        assert.equal(await tokens.get(), null, 'reads still work');
        assert.equal(await tokens.lock({ owner: 'a', ttlMs: 1000 }).catch((e) => e.redisCode), 'OOM');
      } finally {
        await raw(admin, 'CONFIG', 'SET', 'maxmemory', '0');
        admin.close();
        client.close();
      }
    });
  }

  test('a store made while the server is down works once it is up (clients reconnect by themselves)', async () => {
    const clients = await Promise.all(KINDS.map((kind) => connect(kind, server.port, { failFast: true })));
    try {
      await server.stop();
      const stores = clients.map((c) => redisTokenStore(c, { componentAppId: APP, keyPrefix: 'wxcs-test-reconnect:' }));
      await server.start();
      const tok = token(APP);
      // Bounded: 100 tries, 50 ms apart, until both clients are back.
      for (const store of stores) {
        let done = false;
        for (let i = 0; i < 100 && !done; i++) {
          done = await store.set(tok).then(() => true, () => false);
          if (!done) await sleep(50);
        }
        assert.ok(done, 'reconnected within 5 s');
      }
      for (const store of stores) assert.deepEqual(await store.get(), tok);
    } finally {
      clients.forEach((c) => c.close());
    }
  });
});
