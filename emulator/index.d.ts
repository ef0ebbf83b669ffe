// Types for emulator/index.mjs, the emulator's single entry (ESM; the package may also ship
// it bundled as CommonJS for require('wx-cloudbase-service/emulator'): same API).

/** The eleven calls, by their doc names (family.md). */
export type CallName =
  | 'getWxCloudBaseRunEnvs' | 'createCloudbaseEnv' | 'getShareCloudbaseEnv' | 'shareCloudbaseEnv'
  | 'unshareCloudbaseEnv' | 'createCloudbaseService' | 'createCloudbaseServiceVersion'
  | 'updateCloudbaseServiceVersion' | 'deleteCloudbaseServiceVersion' | 'releaseCloudbaseServiceVersion'
  | 'createCloudbaseMicrservice';

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
  /** When true, env ids neither in `envs` nor created answer 85088 too. Default false. */
  strictEnvs?: boolean;
  /** A created env is listed UNAVAILABLE (and refuses calls, 40097) for this many ms. Default 0. */
  envReadyMs?: number;
  /** When true, a share takes effect at once instead of waiting for its confirmation url. Default false. */
  autoConfirmShares?: boolean;
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

/** How many records each collection keeps (the oldest are forgotten past it). */
export interface EmulatorLimits {
  /** Default 10000. */ services: number;
  /** All versions of all services. Default 5000. */ versions: number;
  /** Created envs. Default 1000. */ envs: number;
  /** Default 1000. */ shares: number;
  /** Default 1000. */ releases: number;
  /** Default 1000. */ microservices: number;
  /** Push log entries. Default 100. */ pushes: number;
  /** Request log entries. Default 200. */ log: number;
  /** Issued tokens remembered (older ones answer 40014). Default 10000. */ issuedTokens: number;
  /** Pending faults per queue (more: refused). Default 1000. */ pendingFaults: number;
}

export interface EmulatorOptions extends EmulatorSettings {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** A loopback address (127.0.0.0/8, `::1`, `localhost`) unless `allowNonLoopback`. Default `127.0.0.1`. */
  host?: string;
  /** Allow a non-loopback `host` such as `0.0.0.0` (a container sidecar). Default false. */
  allowNonLoopback?: boolean;
  /** Lower (or raise) the collection limits; fixed for the emulator's life. */
  limits?: Partial<EmulatorLimits>;
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
  | 'stallBody' | 'reset' | 'delayMs' | 'drip' | 'errcodeAsString' | 'missingErrcode'
  | 'compressed' | 'rawSuccess';

interface FaultCommon {
  /** How many API calls this fault applies to. Default 1 (for `busy: N`, N). */
  count?: number;
  /** Only calls of this one (doc name, path, or path without /componenttcb/); API faults only. */
  call?: CallName | string;
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
  | (FaultCommon & { missingErrcode: true })
  /** A content-encoded answer that decodes to `decodedBytes` of JSON-looking text (a bomb). */
  | (FaultCommon & { compressed: 'gzip' | 'br' | 'deflate'; decodedBytes: number; status?: 200 | 502 })
  /** This exact text as the HTTP 200 JSON answer (big integers, `__proto__` keys…), at most 64 KiB. */
  | (FaultCommon & { rawSuccess: string });

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
  compressed?: 'gzip' | 'br' | 'deflate';
  decodedBytes?: number;
  rawSuccess?: string;
  /** The call it waits for (doc name); absent: the next call of any path. */
  call?: CallName;
}

export interface LogEntry {
  seq: number;
  /** ISO 8601 time. */
  at: string;
  method: string;
  /** Path without the query string (cut to 256 characters). */
  path: string;
  /** The call, on the eleven API paths. */
  call?: CallName;
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
  /** Which check failed, e.g. "es_info.port", "data[0].env" or "duplicate service". */
  detail?: string;
  env_id?: string;
  /** The service a call named (server_name in the version calls). */
  service_name?: string;
  version_name?: string;
  /** api_start_push_ticket: whether it triggered a push. */
  pushed?: boolean;
}

export interface ServiceRecord {
  env_id: string;
  service_name: string;
  /** The request's documented fields (strings cut to 256 characters), es_info.password as "***". */
  body: Record<string, unknown>;
  /** ISO 8601 time. */
  at: string;
  /** Names of its versions, oldest first. */
  versions: string[];
  /** The version last released, or null. */
  released_version: string | null;
}

export interface EnvRecord {
  env_id: string;
  alias: string;
  status: 'NORMAL' | 'UNAVAILABLE';
  vpc_id?: string;
  sub_net_ids?: string[];
  /** ISO 8601 times: created, and when it is (or was) NORMAL. */
  at: string;
  ready_at: string;
}

export interface VersionRecord {
  env_id: string;
  server_name: string;
  version_name: string;
  run_id: string;
  upload_type: string;
  /** Documented fields as created, then as updated (update's strings stay strings); passwords "***". */
  body: Record<string, unknown>;
  updates: number;
  at: string;
  updated_at?: string;
}

export interface ReleaseRecord {
  env_id: string;
  server_name: string;
  release_version: string;
  /** Over 2^31, at most 2^53 − 1. */
  release_order_id: number;
  at: string;
}

export interface ShareRecord {
  env: string;
  appid: string;
  status: 'pending' | 'confirmed';
  /** The confirmation url shareCloudbaseEnv answered in msg_info_list. */
  url: string;
  at: string;
  confirmed_at?: string;
}

export interface MicroserviceRecord {
  env_id: string;
  at: string;
  /** createCloudbaseMicrservice calls that succeeded for it. */
  calls: number;
}

export interface PushLogEntry {
  seq: number;
  at: string;
  /** The push URL without its query. */
  target: string;
  /** The receiver's answer (body cut to 256 characters; ticket, token and key as "***"). */
  status?: number;
  body?: string;
  /** Instead of an answer: "timeout" (5 s), "ECONNREFUSED", "ECONNRESET", … */
  error?: string;
  /** HTTP 200 with the body `success`, as WeChat wants. */
  ok: boolean;
  ms: number;
}

export interface PushesState {
  active: boolean;
  target: string | null;
  everyMs: number | null;
  /** Pushes sent since start (not cleared by reset). */
  sent: number;
  /** Calls of api_start_push_ticket. */
  startRequests: number;
  log: PushLogEntry[];
}

export interface PublicConfig {
  /** Number of valid tokens (the values are not shown). */
  tokens: number;
  expiredTokens: number;
  envs: string[];
  disabledEnvs: string[];
  strictEnvs: boolean;
  envReadyMs: number;
  autoConfirmShares: boolean;
}

/** Token-endpoint settings as shown in state: the secret and tickets never appear. */
export interface PublicTokenConfig {
  componentAppId: string;
  /** Number of valid tickets. */
  verifyTickets: number;
  expiredTickets: number;
  /** Tickets sent in pushes and remembered (each valid 12 hours). */
  pushedTickets: number;
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
  /** Created envs (configured ones are in `config.envs`). */
  envs: EnvRecord[];
  versions: VersionRecord[];
  releases: ReleaseRecord[];
  shares: ShareRecord[];
  microservices: MicroserviceRecord[];
  /** How many records each collection forgot because it was full. */
  forgotten: Record<'envs' | 'services' | 'versions' | 'releases' | 'shares' | 'microservices', number>;
  faults: { pending: PendingFault[]; consumed: number };
  /** The last `limits.log` entries (default 200). */
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
  pushes: PushesState;
  limits: EmulatorLimits;
}

export interface TicketPushOptions {
  /** Where to POST the pushes (the platform's authorisation event URL); its query is kept. */
  url: string;
  /** The platform's message token (signs msg_signature and signature). */
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAesKey: string;
  /** The AppId in the push. Default: the `componentAppId` setting. */
  componentAppId?: string;
  /** Milliseconds between pushes (10..86400000). Default 600000 (WeChat: every 10 minutes). */
  everyMs?: number;
  /** The ticket to push every time. Default: a new `ticket@@@…` each push. */
  ticket?: string;
}

export interface TicketPushHandle {
  /** Stop the schedule; a push in flight is abandoned. */
  stop(): void;
  readonly pushesSent: number;
  /** The last push's answer (secrets as "***"), or why it had none; null before the first. */
  readonly lastAnswer: { status: number; body: string } | { error: string } | null;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:43127` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stop listening and destroy every open connection, stalled ones included. */
  close(): Promise<void>;
  state(): EmulatorStateSnapshot;
  /** Clear envs, services, versions, releases, shares, tokens, log, counters and faults (settings stay). */
  reset(): void;
  /** Replace the given settings; throws TypeError on bad input. */
  configure(settings: EmulatorSettings): void;
  /** Queue faults for the next API calls; throws on a bad spec. */
  addFaults(spec: FaultSpec | FaultSpec[]): void;
  /** Queue faults for the next token-endpoint calls (a queue of its own); throws on a bad spec. */
  addTokenFaults(spec: FaultSpec | FaultSpec[]): void;
  /** Make every issued token expired now; returns how many were still valid. */
  expireTokens(): number;
  /**
   * Send encrypted component_verify_ticket pushes to `url`: one now, then every `everyMs`.
   * Replaces an earlier schedule. Throws TypeError on bad options. Each pushed ticket is
   * accepted by the token endpoint for 12 hours.
   */
  startTicketPushes(options: TicketPushOptions): TicketPushHandle;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

/** True for 127.0.0.0/8, `::1` and `localhost`. */
export function isLoopback(host: string): boolean;
