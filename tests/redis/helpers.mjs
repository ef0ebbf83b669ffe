// Shared helpers of the Redis store tests. scripts/test-redis.sh copies tests/redis/ into a
// throwaway project (target/redis-consumer/) that installed the packed package, `redis` and
// `ioredis`, so the bare specifiers resolve as in a user's project. Every test talks to
// 127.0.0.1 only: the server scripts/test-redis.sh started ($REDIS_PORT) or one of
// redis-server.mjs.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import IORedis from 'ioredis';
import { createClient } from 'redis';
import { CANARY_ID } from './token-helpers.mjs';

// The manager tests' helpers (tests/token/helpers.mjs, copied in as token-helpers.mjs):
// assertNoSecrets finds anything with "CANARY", the canary id or an emulator token in it.
export { APP_ID, SECRET, TICKET, assertNoSecrets, rejection, sleep, startEmu, svc } from './token-helpers.mjs';

/** Both client libraries; every adapter test runs once with each. */
export const KINDS = ['ioredis', 'node-redis'];

/** The server of scripts/test-redis.sh. */
export function sharedPort() {
  const port = Number(process.env.REDIS_PORT);
  assert.ok(Number.isInteger(port) && port > 0, 'REDIS_PORT is not set: run these tests with scripts/test-redis.sh');
  return port;
}

/** A secret no error may show: it holds the canary id of token-helpers.mjs. */
export const canary = (what) => `CANARY-${what}-${CANARY_ID}-${randomBytes(4).toString('hex')}`;

let seq = 0;
/** A key prefix no other test uses, so tests sharing a server never see each other's keys. */
export const uniquePrefix = () => `wxcs-test-${process.pid}-${++seq}-${randomBytes(3).toString('hex')}:`;

/**
 * A connected client of `kind` on 127.0.0.1:`port`. `failFast` turns the offline queue off,
 * so a command fails at once while Redis is unreachable (the configuration index.d.ts
 * recommends); otherwise the library's defaults. Errors are collected, never thrown:
 * without a listener a lost connection would crash the process.
 */
export async function connect(kind, port, { failFast = false } = {}) {
  const errors = [];
  if (kind === 'ioredis') {
    const client = new IORedis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      ...(failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 0 } : {}),
      retryStrategy: (times) => Math.min(times * 50, 500),
    });
    client.on('error', (e) => errors.push(e));
    await client.connect();
    return Object.assign(client, { kind, errors, close: () => client.disconnect() });
  }
  const client = createClient({
    socket: { host: '127.0.0.1', port, reconnectStrategy: (retries) => Math.min(retries * 50, 500) },
    ...(failFast ? { disableOfflineQueue: true } : {}),
  });
  client.on('error', (e) => errors.push(e));
  await client.connect();
  return Object.assign(client, { kind, errors, close: () => client.destroy() });
}

/**
 * Connections to the shared server for the suite this is called in: one per entry of
 * `kinds`, opened before its tests and closed after. The array fills in `before`.
 */
export function suiteClients(kinds) {
  const clients = [];
  before(async () => {
    for (const kind of kinds) clients.push(await connect(kind, sharedPort()));
  });
  after(() => clients.forEach((c) => c.close()));
  return clients;
}

/** 8 kinds, alternating ioredis and node-redis. */
export const MIXED = Array.from({ length: 8 }, (_, i) => KINDS[i % 2]);

/** Raw commands for tests (node-redis's sendCommand), e.g. raw(c, 'PTTL', key). */
export const raw = (client, ...args) =>
  client.kind === 'ioredis' ? client.call(...args) : client.sendCommand(args.map(String));

/** A token as the new manager stores it. */
export function token(appId, { lifeMs = 7_200_000, now = Date.now(), ...over } = {}) {
  return { accessToken: canary('TOKEN'), expiresAt: now + lifeMs, obtainedAt: now, componentAppId: appId, ...over };
}

/** A ticket as the push receiver stores it. */
export function ticket(appId, { createTime = Math.floor(Date.now() / 1000), receivedAt = Date.now(), ...over } = {}) {
  return { ticket: `ticket@@@${canary('TICKET')}`, componentAppId: appId, createTime, receivedAt, ...over };
}

/**
 * For each raw value of `malformed` (and a key of another Redis type, a list): `store.get()`
 * reads null, and `store.set(good)` still writes over it.
 */
export async function assertMalformedIgnored(client, store, key, good, malformed) {
  const cases = [...Object.entries(malformed), ['a list', null]];
  for (const [name, value] of cases) {
    await raw(client, 'DEL', key);
    if (value === null) await raw(client, 'RPUSH', key, 'a');
    else await raw(client, 'SET', key, value);
    assert.equal(await store.get(), null, name);
    await store.set(good);
    assert.deepEqual(await store.get(), good, `set over ${name}`);
  }
}

/**
 * Records one printed count ("8 processes × 50 getToken: 1 token request"): a diagnostic in
 * the test output and a line in $REDIS_COUNTS_FILE, which scripts/test-redis.sh prints.
 */
export function report(t, line) {
  t.diagnostic(line);
  if (process.env.REDIS_COUNTS_FILE) appendFileSync(process.env.REDIS_COUNTS_FILE, `${line}\n`);
}
