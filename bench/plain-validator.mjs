// A hand-written JavaScript validator of the same rules as createCloudbaseService's
// declaration (src/calls/create_service.rs, read by src/engine/): the reference the benchmark
// compares the package with, what a careful user would write instead of using the package.
// Errors block; conventions are warnings, which `strict` turns into errors. Messages are
// shorter than the package's, and built only when there is an issue, as there.
// bench/agreement.mjs checks that it finds what the package finds.
//
// The rules:
//   root: an object; env_id, service_name (required strings), is_public (required boolean);
//     image_repo, remark (optional strings; remark may hold line breaks and tabs); es_info,
//     vpc_info (objects); log_type "es" or "cls"; public_access 0 or 1 (2: warning); unknown
//     keys: errors with a suggestion (warnings with allowUnknownKeys; a key over 64 KiB: an
//     error); log_type "es" without es_info, a valid es_info without log_type "es": warnings.
//   null: for an optional field, a warning, and the field counts as absent; for a required
//     one or an array entry, a type error.
//   every string: at most 64 KiB (UTF-8), not empty (required: error; optional or entry:
//     warning), no ASCII control character (error), no surrounding whitespace (warning; an
//     IP address is compared as it is, so a padded one is only not an IP address).
//   env_id: "<alias>-<16 lowercase letters or digits>" (warning); service_name: letters,
//     digits, "-" and "_", starting with a letter, 3-45 characters (warning).
//   es_info: id an integer 0..2^53-1, port an integer 1..65535, ip an IPv4 or IPv6 address,
//     secret_name, index, account, password strings; unknown keys.
//   vpc_info: vpc_id "vpc-" + 8 or more lowercase letters or digits (warning); subnet_ids a
//     non-empty (warning) array of distinct (warning) strings "subnet-…" (warning);
//     create_type 0, 1 or 2 (3: warning); unknown keys.
//   numbers: integral (floats with no fraction count); values of unknown keys or of the
//     wrong type are scanned for strings over 64 KiB.
import { isIP } from 'node:net';

const MAX_STRING_BYTES = 65536;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const ROOT_KEYS = ['env_id', 'service_name', 'is_public', 'image_repo', 'remark', 'es_info', 'log_type', 'vpc_info', 'public_access'];
const ES_KEYS = ['id', 'secret_name', 'ip', 'port', 'index', 'account', 'password'];
const VPC_KEYS = ['vpc_id', 'subnet_ids', 'create_type'];
const CONTROL = /[\u0000-\u001f\u007f]/;
const FREE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LOWER_ALNUM = /^[a-z0-9]+$/;
const VPC_ID = /^vpc-[a-z0-9]{8,}$/;
const SUBNET_ID = /^subnet-[a-z0-9]{8,}$/;
const SERVICE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const encoder = new TextEncoder();

const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const tooLong = (s) => s.length > MAX_STRING_BYTES / 3 && encoder.encode(s).length > MAX_STRING_BYTES;

class Issues {
  constructor() {
    this.errors = [];
    this.warnings = [];
  }
  error(path, code, message) {
    this.errors.push({ path, code, message });
  }
  warning(path, code, message) {
    this.warnings.push({ path, code, message });
  }
}

function scanForeign(out, path, value) {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (tooLong(v)) return out.error(path, 'too_large', `${path || 'a value'} holds a string over 64 KiB`);
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        if (tooLong(k)) return out.error(path, 'too_large', `${path || 'a value'} holds a key over 64 KiB`);
        stack.push(v[k]);
      }
    }
  }
}

function wrongType(out, path, expected, v) {
  out.error(path, 'type', `${path} must be ${expected}; got ${kind(v)}`);
  if (typeof v === 'object' && v !== null) scanForeign(out, path, v);
}

/** The string, trimmed, when fit for the field's own rules. `free`: line breaks and tabs are fine. */
function text(out, path, v, presence, { free = false, exact = false } = {}) {
  if (typeof v !== 'string') return wrongType(out, path, 'a string', v);
  if (tooLong(v)) return out.error(path, 'too_large', `${path} is longer than 64 KiB`);
  const empty = (what) =>
    presence === 'required' ? out.error(path, 'empty', `${path} ${what}`) : out.warning(path, 'empty', `${path} ${what}`);
  if (v.length === 0) return empty('is an empty string');
  if ((free ? FREE_CONTROL : CONTROL).test(v)) return out.error(path, 'control_char', `${path} contains a control character`);
  const trimmed = v.trim();
  if (trimmed.length === 0) return empty('contains only whitespace');
  if (exact) return v;
  if (trimmed.length !== v.length) out.warning(path, 'whitespace', `${path} has leading or trailing whitespace`);
  return trimmed;
}

/** An optional field's value, or undefined when absent; null is a warning and counts as absent. */
function given(out, path, v) {
  if (v === null) {
    out.warning(path, 'null', `${path} is null, which is treated as absent and left out`);
    return undefined;
  }
  return v;
}

function integer(out, path, v, expected) {
  if (typeof v !== 'number') return wrongType(out, path, `a number, ${expected}`, v);
  if (!Number.isInteger(v)) return out.error(path, 'integer', `${path} must be ${expected}; got ${v}`);
  return v;
}

function envIdProblem(s) {
  const dash = s.lastIndexOf('-');
  if (dash < 0) return 'no "-" before the suffix';
  const alias = s.slice(0, dash);
  const suffix = s.slice(dash + 1);
  if (suffix.length !== 16 || !LOWER_ALNUM.test(suffix)) return 'the suffix must be 16 lowercase letters or digits';
  if (alias.length === 0 || alias.length > 20) return 'the alias must be 1 to 20 characters';
  if (!/^[a-z0-9-]+$/.test(alias)) return 'the alias may only hold lowercase letters, digits and "-"';
  if (!/^[a-z]/.test(alias)) return 'the alias must start with a lowercase letter';
  if (alias.endsWith('-') || alias.includes('--')) return 'the alias may not end with "-" or hold "--"';
  return null;
}

function serviceNameProblem(s) {
  const length = [...s].length;
  if (length < 3 || length > 45) return 'it must be 3 to 45 characters long';
  if (!SERVICE_NAME.test(s)) return 'letters, digits, "-" and "_", starting with a letter';
  return null;
}

const normalize = (k) => k.trim().replace(/[_-]/g, '').toLowerCase();

function levenshtein(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 0; i < a.length; i++) {
    const row = [i + 1];
    for (let j = 0; j < b.length; j++) row.push(Math.min(prev[j] + (a[i] === b[j] ? 0 : 1), prev[j + 1] + 1, row[j] + 1));
    prev = row;
  }
  return prev[b.length];
}

function suggest(keys, key) {
  const typed = normalize(key);
  if (typed.length === 0 || typed.length > 64) return null;
  let best = null;
  for (const k of keys) {
    const candidate = normalize(k);
    const allowed = Math.max(Math.floor(candidate.length / 3), Math.min(Math.floor(candidate.length / 2), 2));
    const d = levenshtein(typed, candidate);
    if (d <= allowed && (best === null || d < best[0])) best = [d, k];
  }
  return best && best[1];
}

function unknownKeys(out, scope, keys, obj, allowUnknownKeys) {
  for (const key of Object.keys(obj)) {
    // As JSON.stringify, which the package reads: an undefined member is no member.
    if (keys.includes(key) || obj[key] === undefined) continue;
    if (tooLong(key)) {
      out.error(scope, 'too_large', `${scope || 'the request'} has a key over 64 KiB`);
      continue;
    }
    const path = key === '' || key.length > 128 || CONTROL.test(key) ? scope : scope ? `${scope}.${key}` : key;
    scanForeign(out, path, obj[key]);
    const known = suggest(keys, key);
    const message = `unknown key ${JSON.stringify(key)}${known ? `; did you mean "${known}"?` : ''}`;
    if (allowUnknownKeys) out.warning(path, 'unknown_field', message);
    else out.error(path, 'unknown_field', message);
  }
}

function esInfo(out, es, allowUnknownKeys) {
  const at = (key) => given(out, `es_info.${key}`, es[key]);
  const id = at('id');
  if (id !== undefined) {
    const n = integer(out, 'es_info.id', id, 'a non-negative integer');
    if (n !== undefined && (n < 0 || n > MAX_SAFE)) out.error('es_info.id', 'range', `es_info.id must be 0 to ${MAX_SAFE}`);
  }
  for (const key of ['secret_name', 'index', 'account']) {
    const v = at(key);
    if (v !== undefined) text(out, `es_info.${key}`, v, 'optional');
  }
  const ipText = at('ip');
  if (ipText !== undefined) {
    const ip = text(out, 'es_info.ip', ipText, 'optional', { exact: true });
    if (ip !== undefined && isIP(ip) === 0) out.error('es_info.ip', 'ip', 'es_info.ip must be an IPv4 or IPv6 address');
  }
  const portValue = at('port');
  if (portValue !== undefined) {
    const port = integer(out, 'es_info.port', portValue, 'an integer from 1 to 65535');
    if (port !== undefined && (port < 1 || port > 65535)) out.error('es_info.port', 'range', 'es_info.port must be 1 to 65535');
  }
  const password = at('password');
  if (password !== undefined) text(out, 'es_info.password', password, 'optional');
  unknownKeys(out, 'es_info', ES_KEYS, es, allowUnknownKeys);
}

function vpcInfo(out, vpc, allowUnknownKeys) {
  const vpcId = given(out, 'vpc_info.vpc_id', vpc.vpc_id);
  if (vpcId !== undefined) {
    const id = text(out, 'vpc_info.vpc_id', vpcId, 'optional');
    if (id !== undefined && !VPC_ID.test(id)) out.warning('vpc_info.vpc_id', 'pattern', 'vpc_info.vpc_id does not look like a VPC id');
  }
  const ids = given(out, 'vpc_info.subnet_ids', vpc.subnet_ids);
  if (ids !== undefined) {
    if (!Array.isArray(ids)) wrongType(out, 'vpc_info.subnet_ids', 'an array of strings', ids);
    else {
      if (ids.length === 0) out.warning('vpc_info.subnet_ids', 'empty', 'vpc_info.subnet_ids is an empty array');
      const seen = new Map();
      for (let i = 0; i < ids.length; i++) {
        const path = `vpc_info.subnet_ids[${i}]`;
        const v = ids[i];
        if (typeof v !== 'string') {
          wrongType(out, path, 'a string', v);
          continue;
        }
        if (seen.has(v)) {
          out.warning(path, 'consistency', `${path} repeats vpc_info.subnet_ids[${seen.get(v)}]`);
          continue;
        }
        seen.set(v, i);
        const id = text(out, path, v, 'entry');
        if (id !== undefined && !SUBNET_ID.test(id)) out.warning(path, 'pattern', `${path} does not look like a subnet id`);
      }
    }
  }
  const createType = given(out, 'vpc_info.create_type', vpc.create_type);
  if (createType !== undefined) {
    const t = integer(out, 'vpc_info.create_type', createType, '0, 1 or 2');
    if (t === 3) out.warning('vpc_info.create_type', 'enum', 'vpc_info.create_type 3 appears only in a doc sample');
    else if (t !== undefined && (t < 0 || t > 2)) out.error('vpc_info.create_type', 'enum', 'vpc_info.create_type must be 0, 1 or 2');
  }
  unknownKeys(out, 'vpc_info', VPC_KEYS, vpc, allowUnknownKeys);
}

/** `{ ok, errors, warnings }` for a request body, as validateCreateServiceRequest reports it. */
export function validatePlain(input, { strict = false, allowUnknownKeys = false } = {}) {
  const out = new Issues();
  if (!isObject(input)) {
    out.error('', 'type', `the request must be an object; got ${kind(input)}`);
  } else {
    for (const [key, what] of [['env_id', 'the env id'], ['service_name', 'the service name']]) {
      if (input[key] === undefined) out.error(key, 'required', `${key} is required (${what})`);
      else {
        const s = text(out, key, input[key], 'required');
        const problem = s === undefined ? null : key === 'env_id' ? envIdProblem(s) : serviceNameProblem(s);
        if (problem) out.warning(key, 'pattern', `${key} breaks the convention: ${problem}`);
      }
    }
    if (input.is_public === undefined) out.error('is_public', 'required', 'is_public is required');
    else if (typeof input.is_public !== 'boolean') wrongType(out, 'is_public', 'a boolean', input.is_public);
    const at = (key) => given(out, key, input[key]);
    const imageRepo = at('image_repo');
    if (imageRepo !== undefined) text(out, 'image_repo', imageRepo, 'optional');
    const remark = at('remark');
    if (remark !== undefined) text(out, 'remark', remark, 'optional', { free: true });
    // es_info counts for the cross-field rule only when it holds no error of its own.
    const esInput = at('es_info');
    let esValid = false;
    if (esInput !== undefined) {
      if (isObject(esInput)) {
        const before = out.errors.length;
        esInfo(out, esInput, allowUnknownKeys);
        esValid = out.errors.length === before;
      } else wrongType(out, 'es_info', 'an object', esInput);
    }
    let log = 'absent';
    const t = at('log_type');
    if (t !== undefined) {
      if (typeof t !== 'string') {
        wrongType(out, 'log_type', 'a string', t);
        log = 'invalid';
      } else if (t === 'es' || t === 'cls') log = t;
      else {
        log = 'invalid';
        if (tooLong(t)) out.error('log_type', 'too_large', 'log_type is too long');
        else out.error('log_type', 'enum', `log_type must be "es" or "cls"; got ${JSON.stringify(t.slice(0, 40))}`);
      }
    }
    const vpc = at('vpc_info');
    if (vpc !== undefined) {
      if (isObject(vpc)) vpcInfo(out, vpc, allowUnknownKeys);
      else wrongType(out, 'vpc_info', 'an object', vpc);
    }
    const access = at('public_access');
    if (access !== undefined) {
      const p = integer(out, 'public_access', access, '0 or 1');
      if (p === 2) out.warning('public_access', 'enum', 'public_access 2 is documented only by the Tencent Cloud API');
      else if (p !== undefined && p !== 0 && p !== 1) out.error('public_access', 'enum', 'public_access must be 0 or 1');
    }
    unknownKeys(out, '', ROOT_KEYS, input, allowUnknownKeys);
    if (log === 'es' && esInput === undefined) out.warning('es_info', 'consistency', 'log_type is "es" but es_info is missing');
    if (esValid && (log === 'absent' || log === 'cls')) out.warning('log_type', 'consistency', `es_info is given but log_type is ${log}`);
  }
  if (strict) {
    out.errors.push(...out.warnings);
    out.warnings = [];
  }
  return { ok: out.errors.length === 0, errors: out.errors, warnings: out.warnings };
}

/** Validates, then JSON.stringify: the "plain JS" column of the benchmark. */
export function buildPlain(input, { strict = false } = {}) {
  const report = validatePlain(input, { strict });
  if (!report.ok) {
    const e = new Error(`invalid request: ${report.errors[0].message}`);
    e.issues = report.errors;
    throw e;
  }
  return JSON.stringify(input);
}
