// The factories' checks: options (unknown keys with a suggestion, componentAppId required)
// and which clients are recognised; ESM and CJS give the same functions.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import IORedis from 'ioredis';
import { createClient, createCluster } from 'redis';
import * as esm from 'wx-cloudbase-service/redis';
import { connect, raw, sharedPort, token, uniquePrefix } from './helpers.mjs';

const { redisTicketStore, redisTokenStore } = esm;
const FACTORIES = { redisTokenStore, redisTicketStore };

describe('options and clients', () => {
  let client;
  before(async () => {
    client = await connect('node-redis', sharedPort());
  });
  after(() => client.close());

  test('import and require give the same functions', () => {
    const cjs = createRequire(import.meta.url)('wx-cloudbase-service/redis');
    assert.equal(cjs.redisTokenStore, esm.redisTokenStore);
    assert.equal(cjs.redisTicketStore, esm.redisTicketStore);
    assert.equal(cjs.RedisStoreError, esm.RedisStoreError);
  });

  for (const [name, factory] of Object.entries(FACTORIES)) {
    test(`${name}: bad options are one TypeError naming every problem, unknown keys with a suggestion`, () => {
      const cases = [
        [undefined, /options must be an object/],
        ['wx-app', /options must be an object/],
        [{}, /componentAppId is required/],
        [{ componentAppId: '' }, /componentAppId must be a non-empty string/],
        [{ componentAppId: 5 }, /componentAppId must be/],
        [{ componentAppId: 'wx app' }, /without spaces/],
        [{ componentAppId: 'x'.repeat(129) }, /at most 128/],
        [{ componentAppId: 'wx-app', keyPrefix: 5 }, /keyPrefix must be a string/],
        [{ componentAppId: 'wx-app', keyPrefix: 'a\nb' }, /keyPrefix must be/],
        [{ componentAppId: 'wx-app', keyprefix: 'p:' }, /unknown option "keyprefix" \(did you mean "keyPrefix"\?\)/],
        [{ componentAppid: 'wx-app' }, /unknown option "componentAppid" \(did you mean "componentAppId"\?\).*componentAppId is required/],
        [{ componentAppId: 'wx-app', prefix: 'p:' }, /unknown option "prefix" \(did you mean "keyPrefix"\?\)/],
        [{ componentAppId: 'wx-app', ttl: 5 }, /unknown option "ttl"(?! \(did)/],
      ];
      for (const [options, message] of cases) {
        assert.throws(() => factory(client, options), (err) => err.name === 'TypeError' && message.test(err.message) && err.message.startsWith(`${name}:`), JSON.stringify(options));
      }
      assert.equal(typeof factory(client, { componentAppId: 'wx-app', keyPrefix: '' }).get, 'function', 'an empty prefix is allowed');
    });
  }

  test('anything but a node-redis or ioredis client is refused with a TypeError', () => {
    const notClients = {
      null: null,
      string: 'redis://127.0.0.1',
      plain: {},
      getOnly: { get: async () => null },
      evalAndGet: { get: async () => null, eval: async () => 0 },
      // node-redis v5+'s callback-style wrapper: the same names, no promises.
      nodeRedisLegacyWrapper: createClient().legacy(),
    };
    for (const [name, c] of Object.entries(notClients)) {
      for (const factory of Object.values(FACTORIES)) {
        assert.throws(() => factory(c, { componentAppId: 'wx-app' }), { name: 'TypeError', message: /node-redis v4 or later.*ioredis/ }, name);
      }
    }
  });

  test('clusters of both libraries are recognised (not connected here)', async () => {
    const ioCluster = new IORedis.Cluster([{ host: '127.0.0.1', port: sharedPort() }], { lazyConnect: true });
    const nodeCluster = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${sharedPort()}` }] });
    for (const c of [ioCluster, nodeCluster]) {
      assert.equal(typeof redisTokenStore(c, { componentAppId: 'wx-app' }).set, 'function');
      assert.equal(typeof redisTicketStore(c, { componentAppId: 'wx-app' }).set, 'function');
    }
    ioCluster.disconnect();
  });

  test("node-redis v4's legacyMode shape: the promise API under client.v4 is used", async () => {
    const legacyShaped = {
      isOpen: true,
      v4: client,
      get: (key, callback) => callback(new Error('the callback API must not be used')),
      eval: (...args) => args.at(-1)(new Error('the callback API must not be used')),
    };
    const store = redisTokenStore(legacyShaped, { componentAppId: 'wx-app', keyPrefix: uniquePrefix() });
    const t = token('wx-app');
    await store.set(t);
    assert.deepEqual(await store.get(), t);
    assert.equal(await store.lock({ owner: 'a', ttlMs: 1000 }), true);
    await store.unlock({ owner: 'a' });
    assert.equal(await raw(client, 'EXISTS', store.keys.lock), 0);
  });
});
