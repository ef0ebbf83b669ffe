// Talks to a `redis` (node-redis v4+) or `ioredis` client without importing either: this
// package depends on neither, and a user's client may come from another copy of the library
// than any we could import (so `instanceof` would fail anyway). The client is recognised by
// the methods only that library has, and used through two calls whose shapes are stable
// across their major versions: `get(key)` and `eval(script, …)`.
'use strict';

const fn = (obj, name) => obj !== null && typeof obj === 'object' && typeof obj[name] === 'function';

/**
 * `{ kind, get(key), run(script, key, args) }` for `client`, or a TypeError.
 * - ioredis (Redis, Cluster): `defineCommand` is ioredis's own way to add Lua commands and
 *   node-redis has no such method; its lowercase `evalsha` is how ioredis names commands
 *   (node-redis says `evalSha`). Its `eval` is positional: (script, numKeys, ...keys, ...args).
 * - node-redis v4+ (client, cluster): camelCase `evalSha` and `scriptLoad` are node-redis's
 *   names; its `eval` takes (script, { keys, arguments }) with string arguments. Its boolean
 *   `isOpen` tells it from the callback-style wrapper of `client.legacy()` (v5+), which has the
 *   same method names but returns no promises, so it is refused.
 * - node-redis v4 with `legacyMode: true`: the client's methods are callback-style and the
 *   promise API is under `client.v4`, which is what is used then.
 */
function adapt(client) {
  if (client === null || typeof client !== 'object') throw notAClient();
  if (fn(client, 'defineCommand') && fn(client, 'evalsha') && fn(client, 'eval') && fn(client, 'get')) {
    return {
      kind: 'ioredis',
      get: (key) => client.get(key),
      run: (script, key, args) => client.eval(script, 1, key, ...args.map(String)),
    };
  }
  const legacyV4 = fn(client.v4, 'evalSha');
  const api = legacyV4 ? client.v4 : client;
  const promised = legacyV4 || typeof client.isOpen === 'boolean';
  if (promised && fn(api, 'evalSha') && fn(api, 'scriptLoad') && fn(api, 'eval') && fn(api, 'get')) {
    return {
      kind: 'node-redis',
      get: (key) => api.get(key),
      run: (script, key, args) => api.eval(script, { keys: [key], arguments: args.map(String) }),
    };
  }
  throw notAClient();
}

function notAClient() {
  return new TypeError(
    'wx-cloudbase-service/redis: the client must be a connected `redis` (node-redis v4 or later, e.g. createClient().connect()) or `ioredis` client',
  );
}

/**
 * A Redis failure, as the store rejects with it. The client's own error is not attached as
 * `cause`: ioredis puts the command and its arguments on its errors (`err.command.args`),
 * which for a write are the token or the ticket. Its message and code are kept, with any
 * secret of the call replaced by `***`.
 */
class RedisStoreError extends Error {
  constructor(store, operation, err, secrets) {
    const text = redact(err instanceof Error ? err.message : String(err), secrets).slice(0, 500);
    super(`${store}: ${operation} failed: ${text}`);
    this.name = 'RedisStoreError';
    this.code = 'REDIS_STORE';
    this.operation = operation;
    // WRONGTYPE, OOM, NOSCRIPT… (Redis's error prefix) or ECONNREFUSED… (a socket's code).
    const code = (err && typeof err.code === 'string' && err.code) || /^([A-Z][A-Z_]{2,})\b/.exec(text)?.[1];
    if (code) this.redisCode = code;
  }
}

function redact(text, secrets) {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** Runs `call()`; a rejection (or a throw) becomes a RedisStoreError. */
async function guarded(store, operation, secrets, call) {
  try {
    return await call();
  } catch (err) {
    throw new RedisStoreError(store, operation, err, secrets);
  }
}

const isWrongType = (err) => err instanceof Error && /^WRONGTYPE\b/.test(err.message);

module.exports = { adapt, guarded, isWrongType, RedisStoreError };
