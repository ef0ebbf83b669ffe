// Settings, created services, the request log and counters of one emulator.
// Tokens are compared here and never stored anywhere else: the log keeps only
// what kind of token a request carried ("valid", "expired", "unknown", "missing").

export const DEFAULT_SETTINGS = Object.freeze({
  tokens: Object.freeze(['emulator-token']),
  expiredTokens: Object.freeze(['emulator-expired-token']),
  envs: Object.freeze(['prod-1a2b3c4d5e6f7a8b']),
  disabledEnvs: Object.freeze(['nocloud-0000000000000000']),
  strictEnvs: false,
});

export const SETTING_KEYS = Object.freeze(Object.keys(DEFAULT_SETTINGS));
export const LOG_LIMIT = 200;

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
    if (key === 'strictEnvs') {
      if (typeof value !== 'boolean') throw new TypeError('strictEnvs must be a boolean');
      out.strictEnvs = value;
    } else {
      if (!isStringList(value)) throw new TypeError(`${key} must be an array of non-empty strings`);
      out[key] = [...value];
    }
  }
  return out;
}

export class EmulatorState {
  constructor(settings = {}) {
    this.settings = {
      tokens: [...DEFAULT_SETTINGS.tokens],
      expiredTokens: [...DEFAULT_SETTINGS.expiredTokens],
      envs: [...DEFAULT_SETTINGS.envs],
      disabledEnvs: [...DEFAULT_SETTINGS.disabledEnvs],
      strictEnvs: DEFAULT_SETTINGS.strictEnvs,
      ...settings,
    };
    this.clear();
  }

  /** Replace the given settings (already checked by checkSettings). */
  configure(partial) {
    Object.assign(this.settings, partial);
  }

  /** Forget services, log and counters; settings stay. */
  clear() {
    this.services = new Map();
    this.log = [];
    this.seq = 0;
    this.requests = 0;
    this.byErrcode = {};
  }

  /** "missing" | "expired" | "valid" | "unknown". Expired wins over valid. */
  tokenKind(token) {
    if (typeof token !== 'string' || token === '') return 'missing';
    if (this.settings.expiredTokens.includes(token)) return 'expired';
    if (this.settings.tokens.includes(token)) return 'valid';
    return 'unknown';
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

  /** Append one log entry (fields with undefined values are dropped). */
  record(fields) {
    this.requests += 1;
    this.seq += 1;
    const entry = { seq: this.seq, at: new Date().toISOString() };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = v;
    if (typeof entry.errcode === 'number') {
      const key = String(entry.errcode);
      this.byErrcode[key] = (this.byErrcode[key] || 0) + 1;
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

  snapshot(faults) {
    return structuredClone({
      requests: this.requests,
      byErrcode: this.byErrcode,
      services: [...this.services.values()],
      faults,
      log: this.log,
      config: this.publicConfig(),
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
