// Types of wx-cloudbase-service/redis. They restate the store contract of ComponentTokenManager
// so this file stands alone (no import from the main entry).

/** The component_access_token as a shared store holds it. */
export interface StoredToken {
  /** The component_access_token itself (a credential: keep the store private). */
  accessToken: string;
  /** When it expires, in ms since the epoch. */
  expiresAt: number;
  /** When it was requested, in ms since the epoch (a reader applies its own refresh margin). */
  obtainedAt: number;
  /** The third-party platform it belongs to. */
  componentAppId: string;
}

/** A store shared by several managers (processes) of one component appid. */
export interface TokenStore {
  /** The stored token, or null/undefined when there is none. */
  get(): StoredToken | null | undefined | Promise<StoredToken | null | undefined>;
  /** Keep `token`, unless the stored one expires later (atomically on the server). */
  set(token: StoredToken): void | Promise<void>;
  /** Try to take the refresh lock for `owner` (true = taken); it expires by itself after `ttlMs`. */
  lock?(request: { owner: string; ttlMs: number }): boolean | Promise<boolean>;
  /** Release the refresh lock, only if `owner` holds it. */
  unlock?(request: { owner: string }): void | Promise<void>;
}

/** The latest component_verify_ticket as a shared store holds it. */
export interface StoredTicket {
  /** The decrypted ComponentVerifyTicket (a secret). */
  ticket: string;
  componentAppId: string;
  /** The push's CreateTime, in seconds. */
  createTime: number;
  /** When this process received the push, in ms since the epoch. */
  receivedAt: number;
}

/** "Latest wins": a ticket with an older createTime (then receivedAt) never replaces a newer one. */
export interface TicketStore {
  get(): StoredTicket | null | undefined | Promise<StoredTicket | null | undefined>;
  set(ticket: StoredTicket): void | Promise<void>;
}

/**
 * A `redis` (node-redis v4 or later: `createClient()`, `createCluster()`, v4 `legacyMode`) or
 * `ioredis` (`new Redis()`, `new Redis.Cluster()`) client. It is recognised by its methods,
 * not imported: this package depends on neither library. Connect it first.
 *
 * Both clients queue commands while disconnected by default, so a call waits for the
 * reconnect (the manager gives up after its `storeTimeoutMs` and uses its own cache). To fail
 * at once instead: node-redis `createClient({ disableOfflineQueue: true })`, ioredis
 * `new Redis({ enableOfflineQueue: false })`. Either way add an `'error'` listener to the
 * client: without one a lost connection crashes node-redis's process.
 */
export interface RedisClientLike {
  get(key: string): unknown;
  eval(...args: any[]): unknown;
}

export interface RedisStoreOptions {
  /** The third-party platform's appid; keys and values are scoped by it. Required. */
  componentAppId: string;
  /**
   * Put before every key, e.g. `'myapp:'` (no spaces or control characters). Keys are
   * `${keyPrefix}${componentAppId}:token`, `…:token-lock` and `…:ticket`.
   * @default 'wx-cloudbase:'
   */
  keyPrefix?: string;
}

/** The Redis keys a store uses. */
export interface RedisStoreKeys {
  readonly token: string;
  readonly lock: string;
  readonly ticket: string;
}

/**
 * The token store on Redis. Every method returns a promise; a Redis failure rejects with a
 * {@link RedisStoreError}, a bad argument with a TypeError (neither ever shows the token).
 */
export interface RedisTokenStore extends TokenStore {
  readonly keys: RedisStoreKeys;
  /**
   * The stored token; null when there is none, and also for a value it cannot use (not JSON,
   * wrong shape, another appid, expiring over 24 h ahead, another Redis type): such a value
   * may come from another version and never makes `get` throw.
   */
  get(): Promise<StoredToken | null>;
  /**
   * A Lua script writes `token` unless the stored (valid) token expires at the same time or
   * later; the key expires with the token (PX). An already expired token is not written.
   * Older managers pass `{ accessToken, expiresAt }` only: componentAppId is then this store's
   * and obtainedAt the time of the write. A componentAppId of another app is refused.
   */
  set(token: StoredToken | (Pick<StoredToken, 'accessToken' | 'expiresAt'> & Partial<StoredToken>)): Promise<void>;
  /**
   * `SET lock owner NX PX ttlMs` (`ttlMs` up to 3600000): true when taken, false when anyone
   * holds it, `owner` included. A lock key without an expiry (not set by this store) is taken over.
   */
  lock(request: { owner: string; ttlMs: number }): Promise<boolean>;
  /** Deletes the lock only if `owner` holds it (compare-and-delete in one script). */
  unlock(request: { owner: string }): Promise<void>;
}

/** The ticket store on Redis; failures as in {@link RedisTokenStore}. */
export interface RedisTicketStore extends TicketStore {
  readonly keys: RedisStoreKeys;
  /** The stored ticket, or null (none, or a value it cannot use: see RedisTokenStore.get). */
  get(): Promise<StoredTicket | null>;
  /**
   * A Lua script writes `ticket` unless the stored one has a later createTime, or the same
   * createTime and a later or equal receivedAt. The key expires 12 hours after receivedAt
   * (a ticket's validity). `componentAppId` must be this store's.
   */
  set(ticket: StoredTicket): Promise<void>;
}

/**
 * The token store of `options.componentAppId` on `client`, for `ComponentTokenManager`'s
 * `store` option. Throws a TypeError for an unrecognised client or bad options (unknown keys
 * are refused, with a suggestion).
 *
 * @example
 * const redis = await createClient({ url: process.env.REDIS_URL }).on('error', log).connect();
 * const tokens = new ComponentTokenManager({ componentAppId, componentAppSecret, getVerifyTicket,
 *   store: redisTokenStore(redis, { componentAppId }) });
 */
export function redisTokenStore(client: RedisClientLike, options: RedisStoreOptions): RedisTokenStore;

/**
 * The ticket store of `options.componentAppId` on `client`: the push receiver `set`s each
 * ticket, every process's `getVerifyTicket` reads `(await tickets.get())?.ticket`.
 */
export function redisTicketStore(client: RedisClientLike, options: RedisStoreOptions): RedisTicketStore;

/** How a store rejects when Redis fails (refused, offline, OOM, …). Never holds a secret. */
export class RedisStoreError extends Error {
  private constructor();
  readonly name: 'RedisStoreError';
  readonly code: 'REDIS_STORE';
  readonly operation: 'get' | 'set' | 'lock' | 'unlock';
  /** Redis's error prefix (`WRONGTYPE`, `OOM`, …) or the socket's code, when there is one. */
  readonly redisCode?: string;
}
