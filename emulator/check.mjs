// Field declarations and the three walks over them: the first required field that is
// missing (→ 40101), the first present field of the wrong type or value (→ 40097), and the
// bounded copy of the known fields that the emulator stores. Only declared keys are ever
// read, so an unknown key (however large or deep) costs nothing and is never kept.
import { isIP } from 'node:net';

/** Identifiers (env ids, names, versions) longer than this are refused: an emulator bound. */
export const ID_MAX = 256;
/** Stored strings are cut to this many characters (answers are never cut). */
export const TEXT_MAX = 256;
/** Stored arrays keep this many items at most. */
export const ITEMS_MAX = 32;
// Values of loosely known fields (unconfirmed, or documented without a type) are stored as
// a copy at most this deep and with at most this many values in all.
const LOOSE_DEPTH = 3;
const LOOSE_NODES = 64;
const SECRET_KEY = /pass|secret|token/i;

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** An own property only: a body's "constructor" or "__proto__" key is never a prototype's. */
const own = (obj, key) => (Object.hasOwn(obj, key) ? obj[key] : undefined);
const absent = (v) => v === undefined || v === null;

const type = (ok, more = {}) => Object.freeze({ ok, ...more });
const isString = (v) => typeof v === 'string';
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

/** The value types a declaration can name. */
export const T = Object.freeze({
  string: type(isString),
  id: type((v) => isString(v) && v.length > 0 && v.length <= ID_MAX),
  bool: type((v) => typeof v === 'boolean'),
  number: type(isNumber),
  array: type(Array.isArray),
  strings: type((v) => Array.isArray(v) && v.every(isString)),
  ip: type((v) => isString(v) && isIP(v) !== 0),
  int: (lo, hi) => type((v) => Number.isInteger(v) && v >= lo && v <= hi),
  numberIn: (lo = -Infinity, hi = Infinity) => type((v) => isNumber(v) && v >= lo && v <= hi),
  oneOf: (...allowed) => type((v) => allowed.includes(v)),
  matching: (re, max) => type((v) => isString(v) && v.length <= max && re.test(v)),
  /** A decimal number written as a string ("0.25"), within [lo, hi]. */
  numberText: (lo = -Infinity, hi = Infinity) =>
    type((v) => isString(v) && /^-?\d+(\.\d+)?$/.test(v) && Number(v) >= lo && Number(v) <= hi),
  object: (fields) => type(isObject, { fields }),
  /** An array of objects, each declared by `fields`. */
  list: (fields) => type(Array.isArray, { items: fields }),
});

const REQUIRED = 'required';
const OPTIONAL = 'optional';
const LOOSE = 'loose';

export const req = (t) => ({ need: REQUIRED, type: t });
export const opt = (t) => ({ need: OPTIONAL, type: t });
/** Optional and a secret: stored as "***". */
export const secret = (t) => ({ need: OPTIONAL, type: t, secret: true });
/** Known but never checked (unconfirmed, or no documented type): stored as a bounded copy. */
export const loose = () => ({ need: LOOSE });

const join = (prefix, key) => (prefix ? `${prefix}.${key}` : key);

/** Dotted path of the first required field absent or null, at any depth, else null. */
export function missingField(value, fields, prefix = '') {
  for (const [key, f] of Object.entries(fields)) {
    const v = own(value, key);
    const path = join(prefix, key);
    if (absent(v)) {
      if (f.need === REQUIRED) return path;
      continue;
    }
    const found = f.type ? missingInside(v, f.type, path) : null;
    if (found) return found;
  }
  return null;
}

function missingInside(v, t, path) {
  if (t.fields && isObject(v)) return missingField(v, t.fields, path);
  if (t.items && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = isObject(v[i]) ? missingField(v[i], t.items, `${path}[${i}]`) : null;
      if (found) return found;
    }
  }
  return null;
}

/** Dotted path of the first present field with a wrong type or value, else null. */
export function invalidField(value, fields, prefix = '') {
  for (const [key, f] of Object.entries(fields)) {
    const v = own(value, key);
    if (absent(v) || f.need === LOOSE) continue;
    const path = join(prefix, key);
    if (!f.type.ok(v)) return path;
    if (f.type.fields) {
      const found = invalidField(v, f.type.fields, path);
      if (found) return found;
    }
    if (f.type.items) {
      for (let i = 0; i < v.length; i++) {
        if (!isObject(v[i])) return `${path}[${i}]`;
        const found = invalidField(v[i], f.type.items, `${path}[${i}]`);
        if (found) return found;
      }
    }
  }
  return null;
}

const clip = (s) => (s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX)}…` : s);

/**
 * The stored form of a checked body: declared fields only, strings cut, arrays shortened,
 * secrets as "***", loose values as a bounded copy. Null optional fields are left out.
 */
export function storedCopy(value, fields) {
  const out = {};
  for (const [key, f] of Object.entries(fields)) {
    const v = own(value, key);
    if (absent(v)) continue;
    if (f.secret) out[key] = '***';
    else if (f.need === LOOSE) out[key] = boundedCopy(v, { left: LOOSE_NODES }, 0);
    else if (f.type.fields) out[key] = storedCopy(v, f.type.fields);
    else if (f.type.items) out[key] = v.slice(0, ITEMS_MAX).map((item) => storedCopy(item, f.type.items));
    else if (Array.isArray(v)) out[key] = v.slice(0, ITEMS_MAX).map((x) => (isString(x) ? clip(x) : x));
    else out[key] = isString(v) ? clip(v) : v;
  }
  return out;
}

/** A copy of any JSON value, bounded in depth and size; keys that look secret become "***". */
export function boundedCopy(v, budget, depth) {
  budget.left -= 1;
  if (isString(v)) return clip(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= LOOSE_DEPTH || budget.left <= 0) return '…';
  if (Array.isArray(v)) {
    const out = [];
    for (let i = 0; i < v.length && i < ITEMS_MAX && budget.left > 0; i++) out.push(boundedCopy(v[i], budget, depth + 1));
    return out;
  }
  const out = {};
  let n = 0;
  for (const key in v) {
    if (!Object.hasOwn(v, key) || key === '__proto__') continue;
    if (n++ >= ITEMS_MAX || budget.left <= 0) break;
    out[clip(key)] = SECRET_KEY.test(key) ? '***' : boundedCopy(v[key], budget, depth + 1);
  }
  return out;
}

/**
 * JSON text of `value` if it is at most `maxDepth` levels deep and `maxChars` long, else
 * null. The depth is measured without recursion, so no input can overflow the stack.
 */
export function boundedJson(value, maxDepth, maxChars) {
  const stack = [[value, 1]];
  let seen = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth || ++seen > maxChars) return null;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  const text = JSON.stringify(value);
  return text.length <= maxChars ? text : null;
}
