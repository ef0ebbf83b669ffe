// Settings, created services, issued tokens, the request log and counters of one
// emulator. Tokens, the app secret and tickets are compared here and never stored
// anywhere else: the log keeps only what kind of token or ticket a request carried
// ("valid", "expired", "unknown", "missing").
import { randomBytes } from 'node:crypto';

export const DEFAULT_SETTINGS = Object.freeze({
  tokens: Object.freeze(['emulator-token']),
  expiredTokens: Object.freeze(['emulator-expired-token']),
  envs: Object.freeze(['prod-1a2b3c4d5e6f7a8b']),
  disabledEnvs: Object.freeze(['nocloud-0000000000000000']),
  strictEnvs: false,
  // The token endpoint (POST /cgi-bin/component/api_component_token).
  componentAppId: 'emulator-appid',
  componentAppSecret: 'emulator-secret',
  verifyTickets: Object.freeze(['emulator-ticket']),
  expiredTickets: Object.freeze(['emulator-expired-ticket']),
  tokenLifetimeSeconds: 7200,
  tokenIpWhitelisted: true,
  tokenDailyQuota: null,
});

export const SETTING_KEYS = Object.freeze(Object.keys(DEFAULT_SETTINGS));
export const LOG_LIMIT = 200;
/** Issued tokens remembered at most (the oldest are forgotten, then answer 40014). */
export const ISSUED_LIMIT = 10000;
const MAX_LIFETIME_SECONDS = 366 * 24 * 3600;

const isStringList = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);

/**
 * Check a partial settings object; return a clean copy or throw a TypeError
 * naming the bad key. Unknown keys are errors so typos do not pass silently.
 */
export function checkSettings(input, allowedExtra = []) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError('settings must be a JSON object');
  }
  const out = {};
  for (const [key, value] of Object.entries(input)) {
    if (allowedExtra.includes(key)) continue;
    if (!SETTING_KEYS.includes(key)) throw new TypeError(`unknown setting "${key}"`);
    if (value === undefined) continue;
    out[key] = checkSetting(key, value);
  }
  return out;
}

function checkSetting(key, value) {
  switch (key) {
    case 'strictEnvs':
    case 'tokenIpWhitelisted':
      if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean`);
      return value;
    case 'componentAppId':
    case 'componentAppSecret':
      if (typeof value !== 'string' || value === '') throw new TypeError(`${key} must be a non-empty string`);
      return value;
    case 'tokenLifetimeSeconds':
      if (!Number.isInteger(value) || value < 1 || value > MAX_LIFETIME_SECONDS) {
        throw new TypeError(`tokenLifetimeSeconds must be an integer 1..${MAX_LIFETIME_SECONDS}`);
      }
      return value;
    case 'tokenDailyQuota':
      if (value !== null && (!Number.isInteger(value) || value < 0)) {
        throw new TypeError('tokenDailyQuota must be null (no limit) or an integer ≥ 0');
      }
      return value;
    default:
      if (!isStringList(value)) throw new TypeError(`${key} must be an array of non-empty strings`);
      return [...value];
  }
}

export class EmulatorState {
  constructor(settings = {}) {
    this.settings = {
      tokens: [...DEFAULT_SETTINGS.tokens],
      expiredTokens: [...DEFAULT_SETTINGS.expiredTokens],
      envs: [...DEFAULT_SETTINGS.envs],
      disabledEnvs: [...DEFAULT_SETTINGS.disabledEnvs],
      strictEnvs: DEFAULT_SETTINGS.strictEnvs,
      componentAppId: DEFAULT_SETTINGS.componentAppId,
      componentAppSecret: DEFAULT_SETTINGS.componentAppSecret,
      verifyTickets: [...DEFAULT_SETTINGS.verifyTickets],
      expiredTickets: [...DEFAULT_SETTINGS.expiredTickets],
      tokenLifetimeSeconds: DEFAULT_SETTINGS.tokenLifetimeSeconds,
      tokenIpWhitelisted: DEFAULT_SETTINGS.tokenIpWhitelisted,
      tokenDailyQuota: DEFAULT_SETTINGS.tokenDailyQuota,
      ...settings,
    };
    this.clear();
  }

  /** Replace the given settings (already checked by checkSettings). */
  configure(partial) {
    Object.assign(this.settings, partial);
  }

  /** Forget services, issued tokens, log and counters; settings stay. */
  clear() {
    this.services = new Map();
    this.issued = new Map(); // token → expiry, ms since the epoch
    this.log = [];
    this.seq = 0;
    this.requests = 0;
    this.byErrcode = {};
    this.tokenRequests = 0;
    this.tokenByErrcode = {};
    this.tokensIssued = 0;
  }

  /**
   * "missing" | "expired" | "valid" | "unknown". Expired wins over valid. Issued tokens
   * are valid until their lifetime ends (or expireTokens()), then expired.
   */
  tokenKind(token) {
    if (typeof token !== 'string' || token === '') return 'missing';
    if (this.settings.expiredTokens.includes(token)) return 'expired';
    if (this.settings.tokens.includes(token)) return 'valid';
    const expiry = this.issued.get(token);
    if (expiry !== undefined) return Date.now() < expiry ? 'valid' : 'expired';
    return 'unknown';
  }

  /** "missing" | "expired" | "valid" | "unknown" for a component_verify_ticket. */
  ticketKind(ticket) {
    if (typeof ticket !== 'string' || ticket === '') return 'missing';
    if (this.settings.expiredTickets.includes(ticket)) return 'expired';
    if (this.settings.verifyTickets.includes(ticket)) return 'valid';
    return 'unknown';
  }

  /** A new component_access_token, valid for tokenLifetimeSeconds from now. */
  issueToken() {
    this.tokensIssued += 1;
    const token = `emu-cat-${this.tokensIssued}-${randomBytes(12).toString('hex')}`;
    this.issued.set(token, Date.now() + this.settings.tokenLifetimeSeconds * 1000);
    if (this.issued.size > ISSUED_LIMIT) this.issued.delete(this.issued.keys().next().value);
    return token;
  }

  /** Make every issued token expired now (the next call with one answers 42001). */
  expireTokens() {
    const now = Date.now();
    let expired = 0;
    for (const [token, expiry] of this.issued) {
      if (expiry > now) {
        this.issued.set(token, now);
        expired += 1;
      }
    }
    return expired;
  }

  /** "disabled" | "unknown" (only with strictEnvs) | "ok". */
  envStatus(envId) {
    if (this.settings.disabledEnvs.includes(envId)) return 'disabled';
    if (this.settings.strictEnvs && !this.settings.envs.includes(envId)) return 'unknown';
    return 'ok';
  }

  hasService(envId, serviceName) {
    return this.services.has(serviceKey(envId, serviceName));
  }

  addService(envId, serviceName, body) {
    this.services.set(serviceKey(envId, serviceName), {
      env_id: envId,
      service_name: serviceName,
      body: redact(body),
      at: new Date().toISOString(),
    });
  }

  /** Append one log entry of an API call (fields with undefined values are dropped). */
  record(fields) {
    this.requests += 1;
    return this.append(fields, this.byErrcode);
  }

  /** Append one log entry of a token-endpoint call; counted apart from API calls. */
  recordToken(fields) {
    this.tokenRequests += 1;
    return this.append(fields, this.tokenByErrcode);
  }

  append(fields, byErrcode) {
    this.seq += 1;
    const entry = { seq: this.seq, at: new Date().toISOString() };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = v;
    if (typeof entry.errcode === 'number') {
      const key = String(entry.errcode);
      byErrcode[key] = (byErrcode[key] || 0) + 1;
    }
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return entry;
  }

  /** Settings as shown in state: token lists reduced to counts. */
  publicConfig() {
    const s = this.settings;
    return {
      tokens: s.tokens.length,
      expiredTokens: s.expiredTokens.length,
      envs: [...s.envs],
      disabledEnvs: [...s.disabledEnvs],
      strictEnvs: s.strictEnvs,
    };
  }

  /** Token-endpoint settings as shown in state: the secret and tickets reduced to counts. */
  publicTokenConfig() {
    const s = this.settings;
    return {
      componentAppId: s.componentAppId,
      verifyTickets: s.verifyTickets.length,
      expiredTickets: s.expiredTickets.length,
      tokenLifetimeSeconds: s.tokenLifetimeSeconds,
      tokenIpWhitelisted: s.tokenIpWhitelisted,
      tokenDailyQuota: s.tokenDailyQuota,
    };
  }

  snapshot(faults, tokenFaults) {
    return structuredClone({
      requests: this.requests,
      byErrcode: this.byErrcode,
      services: [...this.services.values()],
      faults,
      log: this.log,
      config: this.publicConfig(),
      tokenRequests: this.tokenRequests,
      tokenByErrcode: this.tokenByErrcode,
      tokensIssued: this.tokensIssued,
      tokenFaults,
      tokenConfig: this.publicTokenConfig(),
    });
  }
}

const serviceKey = (envId, serviceName) => `${envId}\u0000${serviceName}`;

/** Deep copy of a request body with es_info.password replaced by "***". */
export function redact(body) {
  const copy = structuredClone(body);
  const es = copy.es_info;
  if (es && typeof es === 'object' && !Array.isArray(es) && 'password' in es) es.password = '***';
  return copy;
}
