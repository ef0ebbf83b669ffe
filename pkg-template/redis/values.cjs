// The checks of wx-cloudbase-service/redis: the factories' options, what `set` is given, and
// what `get` reads back. No message ever repeats a token or a ticket: they name the field
// and what was wrong with it, never the value.
'use strict';

/** A token expiring further ahead than this is not believed (WeChat's last 7200 s): a bogus
 * far-future value would otherwise block every later write of set-if-later until it expired. */
const TOKEN_HORIZON_MS = 24 * 3600 * 1000;
/** A component_verify_ticket is valid 12 hours after its push (push.md); its key expires then. */
const TICKET_LIFETIME_MS = 12 * 3600 * 1000;
/** Likewise a ticket pushed more than a day "in the future" is not believed. */
const TICKET_HORIZON_S = 24 * 3600;
/** Longer stored values are not parsed at all (a token or ticket is well under 1 KiB). */
const MAX_VALUE_CHARS = 16 * 1024;
const MAX_SECRET_CHARS = 2048;
const MAX_LOCK_TTL_MS = 3600 * 1000;
const DEFAULT_PREFIX = 'wx-cloudbase:';
const KNOWN_OPTIONS = ['componentAppId', 'keyPrefix'];

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v) => typeof v === 'number' && Number.isFinite(v);
// Key parts: printable, no spaces, so a key reads the same in redis-cli and in logs.
const isKeyPart = (v, max) => typeof v === 'string' && v.length <= max && !/[\s\x00-\x1f\x7f]/.test(v);
const isSecretText = (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_SECRET_CHARS;

function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

function didYouMean(key) {
  const lower = key.toLowerCase();
  const near = KNOWN_OPTIONS.find((k) => k.toLowerCase() === lower || editDistance(k.toLowerCase(), lower) <= 3);
  return near ? ` (did you mean "${near}"?)` : '';
}

/**
 * Checks a factory's options; returns `{ componentAppId, keyPrefix }` or throws one TypeError
 * listing every problem (so a user fixes them in one go).
 */
function checkOptions(what, options) {
  if (!isObject(options)) {
    throw new TypeError(`${what}: the options must be an object like { componentAppId, keyPrefix? }`);
  }
  const problems = [];
  for (const key of Object.keys(options)) {
    // A misspelt keyPrefix would silently share keys with another deployment: refuse it.
    if (!KNOWN_OPTIONS.includes(key)) problems.push(`unknown option "${key}"${didYouMean(key)}`);
  }
  const { componentAppId, keyPrefix = DEFAULT_PREFIX } = options;
  if (componentAppId === undefined) problems.push('componentAppId is required (the third-party platform\'s appid)');
  else if (!isKeyPart(componentAppId, 128) || componentAppId === '') {
    problems.push('componentAppId must be a non-empty string of at most 128 characters without spaces or control characters');
  }
  if (!isKeyPart(keyPrefix, 256)) {
    problems.push('keyPrefix must be a string of at most 256 characters without spaces or control characters');
  }
  if (problems.length) throw new TypeError(`${what}: ${problems.join('; ')}`);
  return { componentAppId, keyPrefix };
}

/**
 * What `set` stores for `token`, or a TypeError. Older managers pass only
 * `{ accessToken, expiresAt }`: componentAppId is then this store's own (the key is scoped by
 * it) and obtainedAt the time of the write (the token was requested no later than that).
 */
function tokenToStore(token, componentAppId, now) {
  const bad = (why) => new TypeError(`redis token store: set(token): ${why}`);
  if (!isObject(token)) return bad('token must be an object { accessToken, expiresAt, obtainedAt, componentAppId }');
  const { accessToken, expiresAt, obtainedAt = now, componentAppId: owner = componentAppId } = token;
  if (!isSecretText(accessToken)) return bad(`accessToken must be a non-empty string of at most ${MAX_SECRET_CHARS} characters`);
  if (!isFiniteNumber(expiresAt) || expiresAt > now + TOKEN_HORIZON_MS) {
    return bad('expiresAt must be a finite number (ms since the epoch) less than 24 hours ahead');
  }
  if (!isFiniteNumber(obtainedAt) || obtainedAt > expiresAt) return bad('obtainedAt must be a finite number (ms since the epoch) not after expiresAt');
  if (owner !== componentAppId) return bad('componentAppId is not this store\'s componentAppId');
  return { accessToken, expiresAt, obtainedAt, componentAppId };
}

/** What `get` returns for the raw text read from Redis: the token, or null for anything else. */
function storedToken(raw, componentAppId, now) {
  const v = parseJson(raw);
  if (
    !v ||
    !isSecretText(v.accessToken) ||
    !isFiniteNumber(v.expiresAt) ||
    !isFiniteNumber(v.obtainedAt) ||
    v.obtainedAt > v.expiresAt ||
    v.expiresAt > now + TOKEN_HORIZON_MS ||
    v.componentAppId !== componentAppId
  ) {
    return null;
  }
  // A fresh object of the known fields only: whatever else a newer writer added stays out.
  return { accessToken: v.accessToken, expiresAt: v.expiresAt, obtainedAt: v.obtainedAt, componentAppId };
}

/** What ticket `set` stores, or a TypeError. */
function ticketToStore(ticket, componentAppId, now) {
  const bad = (why) => new TypeError(`redis ticket store: set(ticket): ${why}`);
  if (!isObject(ticket)) return bad('ticket must be an object { ticket, componentAppId, createTime, receivedAt }');
  if (!isSecretText(ticket.ticket)) return bad(`ticket must be a non-empty string of at most ${MAX_SECRET_CHARS} characters`);
  if (ticket.componentAppId !== componentAppId) return bad('componentAppId is not this store\'s componentAppId');
  if (!isFiniteNumber(ticket.createTime) || ticket.createTime < 0 || ticket.createTime > now / 1000 + TICKET_HORIZON_S) {
    return bad('createTime must be the push\'s CreateTime in seconds (a finite number, at most a day ahead)');
  }
  if (!isFiniteNumber(ticket.receivedAt) || ticket.receivedAt < 0) return bad('receivedAt must be a finite number (ms since the epoch)');
  return { ticket: ticket.ticket, componentAppId, createTime: ticket.createTime, receivedAt: ticket.receivedAt };
}

/** What ticket `get` returns for the raw text: the ticket, or null for anything else. */
function storedTicket(raw, componentAppId, now) {
  const v = parseJson(raw);
  if (
    !v ||
    !isSecretText(v.ticket) ||
    v.componentAppId !== componentAppId ||
    !isFiniteNumber(v.createTime) ||
    v.createTime < 0 ||
    v.createTime > now / 1000 + TICKET_HORIZON_S ||
    !isFiniteNumber(v.receivedAt)
  ) {
    return null;
  }
  return { ticket: v.ticket, componentAppId, createTime: v.createTime, receivedAt: v.receivedAt };
}

/** A lock request `{ owner, ttlMs }` as the script needs it, or a TypeError. */
function lockRequest(request, withTtl) {
  const bad = (why) => new TypeError(`redis token store: ${withTtl ? 'lock' : 'unlock'}(request): ${why}`);
  if (!isObject(request)) return bad(`request must be an object { owner${withTtl ? ', ttlMs' : ''} }`);
  if (typeof request.owner !== 'string' || request.owner === '' || request.owner.length > 256) {
    return bad('owner must be a non-empty string of at most 256 characters');
  }
  if (!withTtl) return { owner: request.owner };
  const { ttlMs } = request;
  if (!isFiniteNumber(ttlMs) || ttlMs <= 0 || ttlMs > MAX_LOCK_TTL_MS) return bad('ttlMs must be a number of milliseconds, above 0 and at most 3600000');
  // PX takes whole milliseconds; rounding up never makes a lock shorter than asked.
  return { owner: request.owner, ttlMs: Math.ceil(ttlMs) };
}

/** The JSON object in `raw`, or null when raw is not text holding one. */
function parseJson(raw) {
  if (typeof Buffer !== 'undefined' && Buffer.isBuffer(raw)) raw = raw.toString('utf8');
  if (typeof raw !== 'string' || raw.length > MAX_VALUE_CHARS) return null;
  try {
    const v = JSON.parse(raw);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

module.exports = {
  TOKEN_HORIZON_MS,
  TICKET_LIFETIME_MS,
  TICKET_HORIZON_S,
  checkOptions,
  tokenToStore,
  storedToken,
  ticketToStore,
  storedTicket,
  lockRequest,
};
