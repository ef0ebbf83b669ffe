// The /__emulator/* control endpoints: state, config, reset, faults, token-faults and
// expire-tokens.
import { FaultSpecError, checkFaults } from './faults.mjs';
import { readBody, sendJson } from './io.mjs';
import { checkSettings } from './state.mjs';

export const CONTROL_PREFIX = '/__emulator/';

const ROUTES = {
  state: { GET: (emu) => emu.snapshot() },
  config: {
    POST: (emu, body) => {
      emu.configure(checkSettings(body));
      return { ok: true, config: emu.state.publicConfig() };
    },
  },
  reset: {
    POST: (emu) => {
      emu.reset();
      return { ok: true };
    },
  },
  faults: {
    GET: (emu) => emu.faults.snapshot(),
    POST: (emu, body) => {
      emu.faults.add(checkFaults(body));
      return { ok: true, ...emu.faults.snapshot() };
    },
    DELETE: (emu) => {
      emu.faults.clear();
      return { ok: true, ...emu.faults.snapshot() };
    },
  },
  // Faults of the token endpoint, a queue of its own.
  'token-faults': {
    GET: (emu) => emu.tokenFaults.snapshot(),
    POST: (emu, body) => {
      emu.tokenFaults.add(checkFaults(body));
      return { ok: true, ...emu.tokenFaults.snapshot() };
    },
    DELETE: (emu) => {
      emu.tokenFaults.clear();
      return { ok: true, ...emu.tokenFaults.snapshot() };
    },
  },
  'expire-tokens': {
    POST: (emu) => ({ ok: true, expired: emu.state.expireTokens() }),
  },
};

/** Answer one control request. Errors are HTTP 4xx with { error }. */
export async function handleControl(emu, req, res, pathname, headers) {
  const route = ROUTES[pathname.slice(CONTROL_PREFIX.length)];
  const read = await readBody(req);
  if (!read) return;
  if (!route) return sendJson(res, 404, { error: 'not found' }, headers);
  const handler = route[req.method];
  if (!handler) {
    return sendJson(res, 405, { error: `method not allowed, use ${Object.keys(route).join(' or ')}` },
      { ...headers, allow: Object.keys(route).join(', ') });
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
    sendJson(res, 200, handler(emu, body), headers);
  } catch (err) {
    if (err instanceof FaultSpecError || err instanceof TypeError) {
      return sendJson(res, 400, { error: err.message }, headers);
    }
    throw err;
  }
}
