// Request checks for POST /componenttcb/establishcloudbaserunserver, written from
// the API facts only. Each check returns null (passes) or the dotted name of the
// first field that fails; the errcode is chosen by the caller (create.mjs).
import { isIP } from 'node:net';

/** errmsg the emulator answers for each errcode it produces or is asked to inject. */
export const ERRMSG = Object.freeze({
  0: 'ok',
  '-1': 'system busy',
  '-1000': 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40014: 'invalid access_token',
  40097: 'invalid args',
  40101: 'missing parameter',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, retry next minute',
  47001: 'data format error',
  85088: 'no qbase privilege',
});

export const errmsgFor = (errcode) => ERRMSG[errcode] ?? `emulated errcode ${errcode}`;
export const answer = (errcode, errmsg = errmsgFor(errcode)) => ({ errcode, errmsg });

export const REQUIRED = Object.freeze(['env_id', 'service_name', 'is_public']);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v) => typeof v === 'string';
const nonEmpty = (v) => typeof v === 'string' && v.length > 0;
const isBool = (v) => typeof v === 'boolean';
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const intIn = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;
const oneOf = (...allowed) => (v) => allowed.includes(v);
const isIp = (v) => typeof v === 'string' && isIP(v) !== 0;
const stringList = (v) => Array.isArray(v) && v.every(isString);

// Optional nested fields: absent or null is allowed, anything else must pass.
const ES_INFO = {
  id: isNumber,
  secret_name: isString,
  ip: isIp,
  port: intIn(1, 65535),
  index: isString,
  account: isString,
  password: isString,
};
const VPC_INFO = {
  vpc_id: isString,
  subnet_ids: stringList,
  create_type: intIn(0, 3),
};

const nested = (fields) => (v, path) => (isObject(v) ? firstBad(v, fields, path) : path);

// Top-level fields in the order they are checked. Unknown keys are ignored.
const TOP = {
  env_id: nonEmpty,
  service_name: nonEmpty,
  is_public: isBool,
  image_repo: isString,
  remark: isString,
  es_info: nested(ES_INFO),
  log_type: oneOf('es', 'cls'),
  vpc_info: nested(VPC_INFO),
  public_access: oneOf(0, 1, 2),
};

function firstBad(obj, fields, prefix) {
  for (const [key, check] of Object.entries(fields)) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const result = check(value, path);
    if (result === false) return path;
    if (typeof result === 'string') return result;
  }
  return null;
}

/** First required field that is absent or null, else null (→ 40101). */
export const missingField = (body) =>
  REQUIRED.find((k) => body[k] === undefined || body[k] === null) ?? null;

/** First field with a wrong type or value, else null (→ 40097). */
export const invalidField = (body) => firstBad(body, TOP, '');

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parse a request body. Returns { errcode, detail } on failure (44002 empty,
 * 47001 too large / not UTF-8 / not JSON / not an object) or { body } on success.
 */
export function parseBody(bytes, tooLarge) {
  if (tooLarge) return { errcode: 47001, detail: 'body larger than 1 MiB' };
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { errcode: 47001, detail: 'body is not UTF-8' };
  }
  if (text.trim() === '') return { errcode: 44002, detail: 'empty body' };
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { errcode: 47001, detail: 'body is not JSON' };
  }
  if (!isObject(body)) return { errcode: 47001, detail: 'body is not a JSON object' };
  return { body };
}
