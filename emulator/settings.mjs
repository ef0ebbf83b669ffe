// Settings (replaceable at run time through POST /__emulator/config) and limits (fixed at
// start) of one emulator, with the checks that refuse a bad value by name.

export const DEFAULT_SETTINGS = Object.freeze({
  tokens: Object.freeze(['emulator-token']),
  expiredTokens: Object.freeze(['emulator-expired-token']),
  envs: Object.freeze(['prod-1a2b3c4d5e6f7a8b']),
  disabledEnvs: Object.freeze(['nocloud-0000000000000000']),
  strictEnvs: false,
  /** A created env is UNAVAILABLE for this long, then NORMAL. */
  envReadyMs: 0,
  /** When true, a share takes effect at once instead of waiting for its confirmation url. */
  autoConfirmShares: false,
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

/**
 * How many records each collection keeps; past a limit the oldest is forgotten (as if it
 * had never been created). These keep state() small and fast however long a run lasts.
 */
export const DEFAULT_LIMITS = Object.freeze({
  services: 10000,
  versions: 5000,
  envs: 1000,
  shares: 1000,
  releases: 1000,
  microservices: 1000,
  pushes: 100,
  log: 200,
  issuedTokens: 10000,
  pendingFaults: 1000,
});

const MAX_LIFETIME_SECONDS = 366 * 24 * 3600;
const DAY_MS = 24 * 3600 * 1000;

const isStringList = (v) =>
  Array.isArray(v) && v.length <= 10000 && v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 4096);

/** A fresh, mutable copy of the defaults merged with checked settings. */
export function initialSettings(settings = {}) {
  const out = {};
  for (const key of SETTING_KEYS) {
    const d = DEFAULT_SETTINGS[key];
    out[key] = Array.isArray(d) ? [...d] : d;
  }
  return Object.assign(out, settings);
}

/**
 * Check a partial settings object; return a clean copy or throw a TypeError naming the
 * bad key. Unknown keys are errors so typos do not pass silently; `allowedExtra` names
 * start options that are not settings (they are skipped here).
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
    case 'autoConfirmShares':
      if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean`);
      return value;
    case 'componentAppId':
    case 'componentAppSecret':
      if (typeof value !== 'string' || value === '' || value.length > 4096) throw new TypeError(`${key} must be a non-empty string`);
      return value;
    case 'tokenLifetimeSeconds':
      if (!Number.isInteger(value) || value < 1 || value > MAX_LIFETIME_SECONDS) {
        throw new TypeError(`tokenLifetimeSeconds must be an integer 1..${MAX_LIFETIME_SECONDS}`);
      }
      return value;
    case 'envReadyMs':
      if (!Number.isInteger(value) || value < 0 || value > DAY_MS) throw new TypeError(`envReadyMs must be an integer 0..${DAY_MS}`);
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

/** Check the `limits` start option: any subset of DEFAULT_LIMITS, each an integer ≥ 1. */
export function checkLimits(input = {}) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('limits must be an object');
  const out = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) throw new TypeError(`unknown limit "${key}"`);
    if (!Number.isInteger(value) || value < 1 || value > 1e6) throw new TypeError(`limits.${key} must be an integer 1..1000000`);
    out[key] = value;
  }
  return Object.freeze(out);
}
