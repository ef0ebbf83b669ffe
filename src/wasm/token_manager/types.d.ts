
/** A token as `ComponentTokenManager` keeps it in a shared store: the token, its owner and
 * its whole life, so that any reader can apply its own refresh margin. */
export interface StoredToken {
    /** The component_access_token. */
    accessToken: string;
    /** When WeChat stops accepting it, in milliseconds since the epoch (as `Date.now()`). */
    expiresAt: number;
    /** When it was requested, in milliseconds since the epoch. (Optional when reading a
     * store written by an older version: the documented 7200 s lifetime is then assumed.) */
    obtainedAt?: number;
    /** The third-party platform it belongs to; a manager ignores another platform's token. */
    componentAppId?: string;
}

/** A cache shared by several processes or managers (Redis, a database, a `Map`). The
 * manager reads it before asking WeChat and again before writing, and never writes over a
 * token that expires later. With `lock`/`unlock`, one refresh is shared across processes:
 * the lock's holder asks WeChat, the others wait for its token in the store. Every call is
 * bounded (`storeTimeoutMs`); any failure goes to `onStoreError` and never fails `getToken`.
 * `wx-cloudbase-service/redis` has one for Redis. */
export interface TokenStore {
    /** The stored token, or null/undefined when there is none. */
    get(): StoredToken | null | undefined | Promise<StoredToken | null | undefined>;
    /** Keep `token` unless the store holds one that expires later (atomically, if it can). */
    set(token: StoredToken): void | Promise<void>;
    /** Try to take the refresh lock: true when taken. It must expire by itself after `ttlMs`,
     * so a process that dies while holding it blocks no one for long. */
    lock?(request: { owner: string; ttlMs: number }): boolean | Promise<boolean>;
    /** Release the lock if `owner` holds it. */
    unlock?(request: { owner: string }): void | Promise<void>;
}

/** What `onRefresh` receives after each refresh. */
export interface RefreshView {
    /** Why it ran: no token yet, the token was about to expire, or WeChat rejected it. */
    reason: "cold" | "expiring" | "forced";
    /** Where the token came from, or that there is none. */
    outcome: "store" | "fetched" | "failed";
    /** Requests sent to the token endpoint by this refresh. */
    tokenRequests: number;
    durationMs: number;
}

export interface ComponentTokenManagerOptions {
    /** The third-party platform's appid (`component_appid`). */
    componentAppId: string;
    /** The third-party platform's appsecret. Never printed, never put in an error. */
    componentAppSecret: string;
    /** The latest component_verify_ticket, which WeChat pushes to the platform's
     * authorisation event URL every 10 minutes (a `PushReceiver`'s `latestTicket`). Called
     * for each token request. */
    getVerifyTicket: () => string | Promise<string>;
    /** A shared cache, so several processes use one token instead of each fetching its own. */
    store?: TokenStore;
    /** Called with a `ConfigError` (its `cause` is what the store threw) when a store call
     * throws, rejects, times out or returns something malformed. Sync or async; never breaks
     * the refresh. */
    onStoreError?: (error: ConfigError) => void | Promise<void>;
    /** Called after each refresh. Sync or async; never breaks it. */
    onRefresh?: (view: RefreshView) => void | Promise<void>;
    /** Refresh this many seconds before the token expires (at most half its lifetime),
     * 0–3600. @default 600 */
    refreshMarginSeconds?: number;
    /** @default "https://api.weixin.qq.com"; `http://` only for 127.0.0.0/8, localhost, [::1]
     * and the hosts of `allowHttpHosts`. */
    baseUrl?: string;
    /** Host names that may be reached over `http://`. @default [] */
    allowHttpHosts?: string[];
    /** Per token request attempt, and per call of `getVerifyTicket`, in milliseconds.
     * @default 15000 */
    timeoutMs?: number;
    /** A whole refresh: store, lock, ticket, attempts and backoff. @default 30000 */
    deadlineMs?: number;
    /** Each call of the store's methods, in milliseconds: a store that hangs cannot eat the
     * refresh's time. @default 1000 */
    storeTimeoutMs?: number;
    /** Retries of the token request after errcode -1 (busy), a network failure, a timeout
     * or a 5xx, with exponential backoff. 0–10. @default 2 */
    maxRetries?: number;
}

/** What `getToken` takes; a client passes `{ forceRefresh, failedToken }` when WeChat
 * rejected the token it used. */
export interface ComponentTokenContext {
    /** The token was rejected (40001/40014/42001): return another one. Callers that saw the
     * same token fail share one refresh. */
    forceRefresh?: boolean;
    /** The token that was rejected. When the manager already holds a different one, that
     * one is returned without a request. */
    failedToken?: string;
}
