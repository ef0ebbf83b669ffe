// Types for emulator/index.mjs (ESM only).

/** Settings that can be given at start and replaced later (POST /__emulator/config). */
export interface EmulatorSettings {
  /** Accepted access_token values. Default `['emulator-token']`. */
  tokens?: string[];
  /** Tokens answered with 42001 (wins over `tokens`). Default `['emulator-expired-token']`. */
  expiredTokens?: string[];
  /** Envs known to have cloud development. Default `['prod-1a2b3c4d5e6f7a8b']`. */
  envs?: string[];
  /** Envs answered with 85088. Default `['nocloud-0000000000000000']`. */
  disabledEnvs?: string[];
  /** When true, env ids not in `envs` answer 85088 too. Default false. */
  strictEnvs?: boolean;
  /** The token endpoint's `component_appid`. Default `'emulator-appid'`. */
  componentAppId?: string;
  /** The token endpoint's `component_appsecret` (wrong one: 40125). Default `'emulator-secret'`. */
  componentAppSecret?: string;
  /** Accepted `component_verify_ticket` values (others: 61006). Default `['emulator-ticket']`. */
  verifyTickets?: string[];
  /** Tickets answered with 61005. Default `['emulator-expired-ticket']`. */
  expiredTickets?: string[];
  /** `expires_in` of issued tokens, in seconds; the API path answers 42001 after it. Default 7200. */
  tokenLifetimeSeconds?: number;
  /** When false, the token endpoint answers 61004 (caller IP not whitelisted). Default true. */
  tokenIpWhitelisted?: boolean;
  /** Tokens issued before the token endpoint answers 45009; null for no limit. Default null. */
  tokenDailyQuota?: number | null;
}

export interface EmulatorOptions extends EmulatorSettings {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Loopback address only: 127.0.0.0/8, `::1` or `localhost`. Default `127.0.0.1`. */
  host?: string;
  /** When false, one line per API call goes to stderr. Default true. */
  quiet?: boolean;
  /** Answer CORS preflights and add `Access-Control-Allow-Origin: *`. Default false. */
  cors?: boolean;
}

/** What kind of access_token a request carried; the token itself is never kept. */
export type TokenKind = 'valid' | 'expired' | 'unknown' | 'missing';
/** What kind of component_verify_ticket a token request carried; the ticket is never kept. */
export type TicketKind = 'valid' | 'expired' | 'unknown' | 'missing';

export type FaultKind =
  | 'busy' | 'errcode' | 'http500' | 'status' | 'redirect' | 'truncated' | 'oversizedBytes'
  | 'stallBody' | 'reset' | 'delayMs' | 'drip' | 'errcodeAsString' | 'missingErrcode';

interface FaultCommon {
  /** How many API calls this fault applies to. Default 1 (for `busy: N`, N). */
  count?: number;
  /** Whether the request is still checked and recorded; the default depends on the kind. */
  process?: boolean;
  /** Wait this long before answering; may be combined with any kind. */
  delayMs?: number;
}

export type FaultSpec =
  | (FaultCommon & { busy: true | number })
  | (FaultCommon & { delayMs: number })
  | (FaultCommon & { stallBody: true })
  | (FaultCommon & { reset: true })
  | (FaultCommon & { http500: true })
  | (FaultCommon & { status: number; bodyBytes?: number })
  | (FaultCommon & { truncated: true; closeEarly?: boolean })
  | (FaultCommon & { oversizedBytes: number; chunked?: boolean })
  | (FaultCommon & { redirect: 301 | 302 | 303 | 307 | 308; to: string })
  | (FaultCommon & { drip: { chunkBytes?: number; intervalMs?: number }; chunked?: boolean })
  | (FaultCommon & { errcode: number; errmsg?: string; extra?: Record<string, unknown> })
  | (FaultCommon & { errcodeAsString: true })
  | (FaultCommon & { missingErrcode: true });

/** A queued fault as shown in state. */
export interface PendingFault {
  id: number;
  kind: FaultKind;
  count: number;
  remaining: number;
  process: boolean;
  delayMs?: number;
  status?: number;
  bodyBytes?: number;
  closeEarly?: boolean;
  oversizedBytes?: number;
  chunked?: boolean;
  redirect?: number;
  to?: string;
  drip?: { chunkBytes: number; intervalMs: number };
  errcode?: number;
  errmsg?: string;
  extra?: Record<string, unknown>;
}

export interface LogEntry {
  seq: number;
  /** ISO 8601 time. */
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** API path only. */
  token?: TokenKind;
  /** Token endpoint only (absent when a fault skipped processing). */
  ticket?: TicketKind;
  /** HTTP status sent, or null when the connection was reset. */
  status: number | null;
  /** errcode in the JSON answer (a string for errcodeAsString), or null when none; 0 for an
   * answer of the token endpoint that carries a token. */
  errcode: number | string | null;
  errmsg?: string;
  fault?: FaultKind;
  /** errcode the request got when processed but a fault shaped the answer. */
  processedErrcode?: number;
  /** Which check failed, e.g. "es_info.port" or "duplicate service". */
  detail?: string;
  env_id?: string;
  service_name?: string;
}

export interface ServiceRecord {
  env_id: string;
  service_name: string;
  /** The request body, with es_info.password replaced by "***". */
  body: Record<string, unknown>;
  /** ISO 8601 time. */
  at: string;
}

export interface PublicConfig {
  /** Number of valid tokens (the values are not shown). */
  tokens: number;
  expiredTokens: number;
  envs: string[];
  disabledEnvs: string[];
  strictEnvs: boolean;
}

/** Token-endpoint settings as shown in state: the secret and tickets never appear. */
export interface PublicTokenConfig {
  componentAppId: string;
  /** Number of valid tickets. */
  verifyTickets: number;
  expiredTickets: number;
  tokenLifetimeSeconds: number;
  tokenIpWhitelisted: boolean;
  tokenDailyQuota: number | null;
}

export interface EmulatorStateSnapshot {
  /** API calls and unknown-path requests since start or reset (control and token-endpoint
   * calls excluded). */
  requests: number;
  /** Count of answered numeric errcodes, keyed by errcode. */
  byErrcode: Record<string, number>;
  services: ServiceRecord[];
  faults: { pending: PendingFault[]; consumed: number };
  /** The last 200 entries. */
  log: LogEntry[];
  config: PublicConfig;
  /** Calls of the token endpoint since start or reset. */
  tokenRequests: number;
  /** Count of the token endpoint's answers by errcode (0: a token was answered). */
  tokenByErrcode: Record<string, number>;
  /** Tokens issued since start or reset. */
  tokensIssued: number;
  /** The token endpoint's own fault queue. */
  tokenFaults: { pending: PendingFault[]; consumed: number };
  tokenConfig: PublicTokenConfig;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:43127` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stop listening and destroy every open connection, stalled ones included. */
  close(): Promise<void>;
  state(): EmulatorStateSnapshot;
  /** Clear services, log, counters and faults (settings stay). */
  reset(): void;
  /** Replace the given settings; throws TypeError on bad input. */
  configure(settings: EmulatorSettings): void;
  /** Queue faults for the next API calls; throws on a bad spec. */
  addFaults(spec: FaultSpec | FaultSpec[]): void;
  /** Queue faults for the next token-endpoint calls (a queue of its own); throws on a bad spec. */
  addTokenFaults(spec: FaultSpec | FaultSpec[]): void;
  /** Make every issued token expired now; returns how many were still valid. */
  expireTokens(): number;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

/** True for 127.0.0.0/8, `::1` and `localhost`. */
export function isLoopback(host: string): boolean;
