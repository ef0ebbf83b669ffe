// The /__emulator/* control endpoints: state, config, reset, faults, token-faults,
// expire-tokens and share-confirm. Routes live in a Map, so names such as "constructor" or
// "__proto__" are unknown paths (404), never an Object.prototype member.
import { FaultSpecError, checkFaults } from './faults.mjs';
import { loopbackHost, loopbackOrigin } from './hosts.mjs';
import { readBody, sendJson } from './io.mjs';
import { checkSettings } from './settings.mjs';

export const CONTROL_PREFIX = '/__emulator/';

const queueRoutes = (queueOf, forToken) => new Map([
  ['GET', (emu) => queueOf(emu).snapshot()],
  ['POST', (emu, body) => {
    queueOf(emu).add(checkFaults(body, { forToken }));
    return { ok: true, ...queueOf(emu).snapshot() };
  }],
  ['DELETE', (emu) => {
    queueOf(emu).clear();
    return { ok: true, ...queueOf(emu).snapshot() };
  }],
]);

/** The share behind the confirmation url that shareCloudbaseEnv answered (msg_info_list). */
function confirmShare(emu, _body, url) {
  const share = emu.state.cloud.confirmShare(url.searchParams.get('id') ?? '');
  if (!share) throw new NotFound('no share with this id');
  return { ok: true, env: share.env, appid: share.appid, status: share.status };
}

const ROUTES = new Map([
  ['state', new Map([['GET', (emu) => emu.snapshot()]])],
  ['config', new Map([['POST', (emu, body) => {
    emu.configure(checkSettings(body));
    return { ok: true, config: emu.state.publicConfig() };
  }]])],
  ['reset', new Map([['POST', (emu) => {
    emu.reset();
    return { ok: true };
  }]])],
  ['faults', queueRoutes((emu) => emu.faults, false)],
  // Faults of the token endpoint, a queue of its own.
  ['token-faults', queueRoutes((emu) => emu.tokenFaults, true)],
  ['expire-tokens', new Map([['POST', (emu) => ({ ok: true, expired: emu.state.expireTokens() })]])],
  ['share-confirm', new Map([['GET', confirmShare], ['POST', confirmShare]])],
]);

class NotFound extends Error {}

/** Answer one control request. Errors are HTTP 4xx with { error }. */
export async function handleControl(emu, req, res, url, headers) {
  const read = await readBody(req);
  if (!read) return;
  if (!loopbackHost(req.headers.host, emu.port) || !loopbackOrigin(req.headers.origin)) {
    return sendJson(res, 403, { error: 'control endpoints answer only loopback Host and Origin headers' }, headers);
  }
  const route = ROUTES.get(url.pathname.slice(CONTROL_PREFIX.length));
  if (!route) return sendJson(res, 404, { error: 'not found' }, headers);
  const handler = route.get(req.method);
  if (!handler) {
    const methods = [...route.keys()];
    return sendJson(res, 405, { error: `method not allowed, use ${methods.join(' or ')}` }, { ...headers, allow: methods.join(', ') });
  }
  let body = {};
  if (req.method === 'POST' && read.size > 0) {
    if (read.tooLarge) return sendJson(res, 413, { error: 'body larger than 1 MiB' }, headers);
    try {
      body = JSON.parse(read.bytes.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' }, headers);
    }
  }
  try {
    sendJson(res, 200, handler(emu, body, url), headers);
  } catch (err) {
    if (err instanceof NotFound) return sendJson(res, 404, { error: err.message }, headers);
    if (err instanceof FaultSpecError || err instanceof TypeError) return sendJson(res, 400, { error: err.message }, headers);
    throw err;
  }
}
