// wx-cloudbase-service/redis: a TokenStore and a TicketStore on Redis, for the `redis`
// (node-redis v4+) and `ioredis` clients, so several processes share one
// component_access_token and the latest component_verify_ticket.
//
// This CommonJS file is the one source; index.mjs re-exports it (Node's ESM loader sees the
// `exports.name =` lines), so `import` and `require` get the same functions, and Node 18, which
// cannot `require` an ES module, is served too.
//
// Keys (prefix default `wx-cloudbase:`): PREFIX + appid + `:token`, `:token-lock`, `:ticket`.
// Values are JSON. Every write is one Lua script (scripts.cjs); `get` never throws on a value
// it cannot use (another version may have written it) and returns null, but a Redis failure
// rejects, so the manager reports it to onStoreError and carries on with its own cache.
'use strict';

const { adapt, guarded, isWrongType, RedisStoreError } = require('./client.cjs');
const scripts = require('./scripts.cjs');
const values = require('./values.cjs');

const TOKEN_STORE = 'redis token store';
const TICKET_STORE = 'redis ticket store';

/** GET key → text, null when absent or of another Redis type (WRONGTYPE is a value, not a failure). */
async function readRaw(redis, store, key) {
  try {
    return await redis.get(key);
  } catch (err) {
    if (isWrongType(err)) return null;
    throw new RedisStoreError(store, 'get', err, []);
  }
}

/** The keys of `componentAppId` under `keyPrefix`. */
function keysOf({ componentAppId, keyPrefix }) {
  const base = `${keyPrefix}${componentAppId}`;
  return Object.freeze({ token: `${base}:token`, lock: `${base}:token-lock`, ticket: `${base}:ticket` });
}

/**
 * What both stores share: the client, the checked options, the keys, `get` of `key` (parsed
 * by `parse`), `run` (a script whose failure becomes a RedisStoreError without `secrets`)
 * and `write`.
 */
function open(factory, label, client, options, key, parse) {
  const redis = adapt(client);
  const opts = values.checkOptions(factory, options);
  const { componentAppId } = opts;
  const keys = keysOf(opts);
  const run = (operation, secrets, script, args, lockKey = false) =>
    guarded(label, operation, secrets, () => redis.run(script, lockKey ? keys.lock : keys[key], args));
  return {
    appId: componentAppId,
    keys,
    get: async () => parse(await readRaw(redis, label, keys[key]), componentAppId, Date.now()),
    run,
    /**
     * A write of `value` by `script`, with ARGV [json, PX ttl, horizon, appid, ...compared]
     * (the layout of both set scripts). Skipped when `ttl` is not positive: an expired value
     * is of no use to any reader, and PX must be positive.
     */
    async write(value, secret, ttl, horizon, script, compared) {
      if (ttl <= 0) return;
      const json = JSON.stringify(value);
      await run('set', [secret, json], script, [json, ttl, horizon, componentAppId, ...compared]);
    },
  };
}

/** The argument check's TypeError is thrown (so the promise rejects), a value returned. */
function checked(value) {
  if (value instanceof TypeError) throw value;
  return value;
}

/**
 * The TokenStore of `componentAppId` on `client`: get/set of the token, lock/unlock of the
 * refresh lock. Throws a TypeError for a client it does not recognise or bad options.
 */
function redisTokenStore(client, options) {
  const s = open('redisTokenStore', TOKEN_STORE, client, options, 'token', values.storedToken);
  return Object.freeze({
    keys: s.keys,
    get: s.get,
    async set(token) {
      const now = Date.now();
      const t = checked(values.tokenToStore(token, s.appId, now));
      // The key expires with the token.
      const ttl = Math.ceil(t.expiresAt - now);
      await s.write(t, t.accessToken, ttl, now + values.TOKEN_HORIZON_MS, scripts.TOKEN_SET, [t.expiresAt]);
    },
    async lock(request) {
      const r = checked(values.lockRequest(request, true));
      return Number(await s.run('lock', [], scripts.LOCK, [r.owner, r.ttlMs], true)) === 1;
    },
    async unlock(request) {
      const r = checked(values.lockRequest(request, false));
      await s.run('unlock', [], scripts.UNLOCK, [r.owner], true);
    },
  });
}

/**
 * The TicketStore of `componentAppId` on `client`: the latest component_verify_ticket,
 * "latest wins" by the push's CreateTime, then receivedAt.
 */
function redisTicketStore(client, options) {
  const s = open('redisTicketStore', TICKET_STORE, client, options, 'ticket', values.storedTicket);
  return Object.freeze({
    keys: s.keys,
    get: s.get,
    async set(ticket) {
      const now = Date.now();
      const t = checked(values.ticketToStore(ticket, s.appId, now));
      // The key lives as long as the ticket is valid: 12 hours after it arrived.
      const ttl = Math.min(values.TICKET_LIFETIME_MS, Math.ceil(t.receivedAt + values.TICKET_LIFETIME_MS - now));
      const horizon = Math.floor(now / 1000) + values.TICKET_HORIZON_S;
      await s.write(t, t.ticket, ttl, horizon, scripts.TICKET_SET, [t.createTime, t.receivedAt]);
    },
  });
}

exports.redisTokenStore = redisTokenStore;
exports.redisTicketStore = redisTicketStore;
exports.RedisStoreError = RedisStoreError;
