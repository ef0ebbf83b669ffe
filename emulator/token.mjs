// The emulated token endpoint, POST /cgi-bin/component/api_component_token: checks the
// third-party platform's credentials and verify ticket and issues component_access_tokens
// that the API path accepts until they expire. Its faults come from their own queue
// (POST /__emulator/token-faults), so they never take the API's.
import { answeredErrcode } from './api.mjs';
import { deliver, plan } from './deliver.mjs';
import { readBody } from './io.mjs';
import { answer, parseBody } from './rules.mjs';

export const TOKEN_PATH = '/cgi-bin/component/api_component_token';

/** errmsg of the errcodes this endpoint answers (others come from rules.mjs). */
export const TOKEN_ERRMSG = Object.freeze({
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41002: 'appid missing',
  41004: 'appsecret missing',
  45009: 'reach max api daily quota limit',
  61004: 'access clientip is not registered',
  61005: 'component ticket is expired',
  61006: 'component ticket is invalid',
});

export const tokenAnswer = (errcode, errmsg) => answer(errcode, errmsg ?? TOKEN_ERRMSG[errcode]);
const nonEmpty = (v) => typeof v === 'string' && v !== '';

/**
 * The errcode refusing a component_appid and its secret (sent as `secretKey`), or 0:
 * 41002 / 40013 for the appid, 41004 / 40125 for the secret.
 */
export function credentialsRefusal(body, settings, secretKey) {
  if (!nonEmpty(body.component_appid)) return 41002;
  if (body.component_appid !== settings.componentAppId) return 40013;
  if (!nonEmpty(body[secretKey])) return 41004;
  if (body[secretKey] !== settings.componentAppSecret) return 40125;
  return 0;
}

/**
 * What the endpoint does with one call, faults aside. Checks in order: method, body,
 * IP whitelist, appid, secret, ticket, daily quota; then a token is issued.
 * @param {{ method: string, bytes: Buffer|null, tooLarge: boolean }} call
 * @param {import('./state.mjs').EmulatorState} state
 * @returns {{ errcode: number, body: object, ticket?: string, detail?: string }}
 */
export function issueToken(call, state) {
  const s = state.settings;
  let ticket;
  const fail = (errcode, detail) => ({ errcode, body: tokenAnswer(errcode), ticket, detail });

  if (call.method !== 'POST') return fail(43002);
  const parsed = parseBody(call.bytes, call.tooLarge);
  if (parsed.errcode) return fail(parsed.errcode, parsed.detail);
  const b = parsed.body;
  ticket = state.ticketKind(b.component_verify_ticket);
  if (!s.tokenIpWhitelisted) return fail(61004, 'tokenIpWhitelisted is false');
  const refused = credentialsRefusal(b, s, 'component_appsecret');
  if (refused) return fail(refused);
  if (ticket === 'expired') return fail(61005);
  if (ticket !== 'valid') return fail(61006, `ticket ${ticket}`);
  if (s.tokenDailyQuota !== null && state.tokensIssued >= s.tokenDailyQuota) return fail(45009);
  const token = state.issueToken();
  return { errcode: 0, body: { component_access_token: token, expires_in: s.tokenLifetimeSeconds }, ticket };
}

/** The answer planned for a call, shaped by its fault (see deliver.mjs's plan). */
function tokenPlan(fault, result) {
  const body = result ? result.body : null;
  if (!fault) return { status: 200, body };
  switch (fault.kind) {
    case 'busy': return { status: 200, body: answer(-1) };
    case 'errcode': return { status: 200, body: { ...tokenAnswer(fault.errcode, fault.errmsg), ...fault.extra } };
    case 'errcodeAsString': return { status: 200, body: { ...body, errcode: String(body?.errcode ?? 0) } };
    case 'missingErrcode': {
      const { errcode, ...rest } = body ?? {};
      return { status: 200, body: rest };
    }
    case 'delayMs': case 'drip': return { status: 200, body: body ?? answer(0) };
    case 'truncated': case 'stallBody': return { ...plan(fault, null), base: body ?? answer(0) };
    default: return plan(fault, null);
  }
}

export async function handleToken(emu, req, res, url, headers) {
  const read = await readBody(req);
  if (!read) return; // client went away before the request was complete
  const fault = emu.tokenFaults.take();
  const call = { method: req.method, bytes: read.bytes, tooLarge: read.tooLarge };
  const process = fault ? fault.process : true;
  const result = process ? issueToken(call, emu.state) : null;
  const p = tokenPlan(fault, result);
  const issued = p.body && typeof p.body.component_access_token === 'string';
  const answered = issued && !('errcode' in p.body) ? 0 : answeredErrcode(p);
  const entry = emu.state.recordToken({
    method: req.method,
    path: url.pathname,
    ticket: result?.ticket,
    status: p.status,
    errcode: answered,
    errmsg: p.body?.errmsg,
    fault: fault?.kind,
    processedErrcode: fault && result ? result.errcode : undefined,
    detail: result?.detail,
  });
  emu.note(entry);
  await deliver(emu, req, res, fault, p, headers);
}
