// What every API path shares: the errmsg of each errcode, outcome helpers for the calls,
// and reading a request body (44002 empty, 47001 not a JSON object).

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

export const errmsgFor = (errcode) => (Object.hasOwn(ERRMSG, errcode) ? ERRMSG[errcode] : `emulated errcode ${errcode}`);
export const answer = (errcode, errmsg = errmsgFor(errcode)) => ({ errcode, errmsg });

/**
 * What a call's handler returns: the errcode, the answer's keys past errcode/errmsg, which
 * check decided it (`detail`, for the log) and the ids it concerned (for the log).
 * @typedef {{ errcode: number, errmsg?: string, answer?: object, detail?: string, ids?: object }} Outcome
 */
export const ok = (fields = {}, ids = undefined) => ({ errcode: 0, answer: fields, ids });
export const fail = (errcode, detail, errmsg = undefined, ids = undefined) => ({ errcode, errmsg, detail, ids });

/**
 * The state checks on an env id shared by the calls that name one: 85088 when the app has
 * no cloud development there (disabled, or unknown with strictEnvs), 40097 while a created
 * env is still initialising (an emulator choice). Null when the env may be used.
 */
export function envRefusal(cloud, envId, ids = { env_id: envId }) {
  const status = cloud.envStatus(envId);
  if (status === 'disabled' || status === 'unknown') return fail(85088, `env ${status}`, undefined, ids);
  if (status === 'initialising') return fail(40097, 'env initialising', 'env is not ready', ids);
  return null;
}

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
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { errcode: 47001, detail: 'body is not a JSON object' };
  return { body };
}
