// redisTicketStore against the real server, with each client: latest wins (createTime, then
// receivedAt), TTL of 12 hours after receipt, malformed values, scoping, concurrent writers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { redisTicketStore, redisTokenStore } from 'wx-cloudbase-service/redis';
import { assertMalformedIgnored, assertNoSecrets, KINDS, MIXED, raw, rejection, report, suiteClients, ticket, token, uniquePrefix } from './helpers.mjs';

const APP = 'wx-redis-ticket-tests';
const HOURS_12 = 12 * 3600 * 1000;

for (const kind of KINDS) {
  describe(`redisTicketStore with ${kind}`, () => {
    const clients = suiteClients([kind]);
    let client;
    before(() => ([client] = clients));
    const fresh = (keyPrefix = uniquePrefix()) => redisTicketStore(client, { componentAppId: APP, keyPrefix });

    test('a ticket reads back as written; its key expires 12 hours after it was received', async () => {
      const store = fresh();
      assert.equal(await store.get(), null);
      const t = ticket(APP, { receivedAt: Date.now() - 3_600_000 });
      await store.set(t);
      assert.deepEqual(await store.get(), t);
      const pttl = Number(await raw(client, 'PTTL', store.keys.ticket));
      assert.ok(pttl > HOURS_12 - 3_600_000 - 2000 && pttl <= HOURS_12 - 3_600_000, `PTTL ${pttl}`);
      assert.match(store.keys.ticket, /:wx-redis-ticket-tests:ticket$/);
    });

    test('latest wins: by createTime, then receivedAt; an older ticket never replaces a newer one', async () => {
      const store = fresh();
      const now = Date.now();
      const ct = Math.floor(now / 1000);
      const newest = ticket(APP, { createTime: ct, receivedAt: now });
      await store.set(newest);
      await store.set(ticket(APP, { createTime: ct - 600, receivedAt: now + 5000 }));
      assert.equal((await store.get()).ticket, newest.ticket, 'an older createTime loses, even received later');
      await store.set(ticket(APP, { createTime: ct, receivedAt: now - 1 }));
      assert.equal((await store.get()).ticket, newest.ticket, 'same createTime, received earlier: loses');
      await store.set(ticket(APP, { createTime: ct, receivedAt: now }));
      assert.equal((await store.get()).ticket, newest.ticket, 'same createTime and receivedAt: the stored one stays');
      const sameTimeLater = ticket(APP, { createTime: ct, receivedAt: now + 1 });
      await store.set(sameTimeLater);
      assert.deepEqual(await store.get(), sameTimeLater);
      const next = ticket(APP, { createTime: ct + 600, receivedAt: now - 10_000 });
      await store.set(next);
      assert.deepEqual(await store.get(), next, 'a later createTime wins, whatever receivedAt says');
    });

    test('a ticket received over 12 hours ago is not written', async () => {
      const store = fresh();
      await store.set(ticket(APP, { receivedAt: Date.now() - HOURS_12 - 1000 }));
      assert.equal(await raw(client, 'EXISTS', store.keys.ticket), 0);
    });

    test('bad tickets are refused with a TypeError that never shows the ticket', async () => {
      const store = fresh();
      const bad = {
        notAnObject: null,
        empty: ticket(APP, { ticket: '' }),
        otherApp: ticket('wx-another-app'),
        noAppId: ticket(APP, { componentAppId: undefined }),
        createTimeAsString: ticket(APP, { createTime: String(Math.floor(Date.now() / 1000)) }),
        createTimeInMs: ticket(APP, { createTime: Date.now() }),
        negative: ticket(APP, { createTime: -1 }),
        noReceivedAt: ticket(APP, { receivedAt: null }),
      };
      for (const [name, value] of Object.entries(bad)) {
        const err = await rejection(store.set(value));
        assert.equal(err.name, 'TypeError', name);
        assertNoSecrets(err, `set(${name})`);
      }
      assert.equal(await raw(client, 'EXISTS', store.keys.ticket), 0);
    });

    test('malformed stored tickets read as null and never block a newer write', async () => {
      const store = fresh();
      const key = store.keys.ticket;
      const t = ticket(APP);
      const json = (v) => JSON.stringify(v);
      const malformed = {
        notJson: 'CANARY',
        empty: '{}',
        ticketNotString: json({ ...t, ticket: 7 }),
        otherApp: json({ ...t, componentAppId: 'wx-another-app', createTime: t.createTime + 60 }),
        farFuture: json({ ...t, createTime: t.createTime + 30 * 24 * 3600 }),
        noReceivedAt: json({ ...t, receivedAt: null }),
      };
      await assertMalformedIgnored(client, store, key, t, malformed);
    });

    test('the ticket and the token of one appid and prefix live under their own keys', async () => {
      const prefix = uniquePrefix();
      const tickets = fresh(prefix);
      const tokens = redisTokenStore(client, { componentAppId: APP, keyPrefix: prefix });
      const t = ticket(APP);
      const tok = token(APP);
      await tickets.set(t);
      await tokens.set(tok);
      assert.deepEqual(await tickets.get(), t);
      assert.deepEqual(await tokens.get(), tok);
      assert.equal(await redisTicketStore(client, { componentAppId: 'wx-another-app', keyPrefix: prefix }).get(), null);
    });
  });
}

describe('redisTicketStore with both clients at once', () => {
  const clients = suiteClients(MIXED);

  test('concurrent pushes on 8 connections: the newest ticket always ends up stored', async (t) => {
    const rounds = 10;
    const writers = 100;
    for (let round = 0; round < rounds; round++) {
      const prefix = uniquePrefix();
      const stores = clients.map((c) => redisTicketStore(c, { componentAppId: APP, keyPrefix: prefix }));
      const now = Date.now();
      const base = Math.floor(now / 1000) - 3600;
      // Few distinct createTimes, so receivedAt decides between many of them.
      const tickets = Array.from({ length: writers }, () =>
        ticket(APP, { createTime: base + 600 * Math.floor(Math.random() * 5), receivedAt: now - Math.floor(Math.random() * 1000) }),
      );
      await Promise.all(tickets.map((x, i) => stores[i % stores.length].set(x)));
      const newer = (a, b) => b.createTime > a.createTime || (b.createTime === a.createTime && b.receivedAt > a.receivedAt);
      const best = tickets.reduce((a, b) => (newer(a, b) ? b : a));
      const stored = await stores[0].get();
      assert.equal(stored.createTime, best.createTime, `round ${round}`);
      assert.equal(stored.receivedAt, best.receivedAt, `round ${round}`);
    }
    report(t, `ticket latest-wins: ${rounds} rounds × ${writers} concurrent writers on ${clients.length} connections (ioredis + node-redis): newest always kept`);
  });
});
