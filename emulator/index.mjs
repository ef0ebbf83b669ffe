// startEmulator(): a local, dependency-free emulator of WeChat's eleven componenttcb calls
// (POST /componenttcb/<path>), of the token endpoint (api_component_token), of
// api_start_push_ticket, and of the encrypted ticket pushes WeChat sends.
// This file is the single entry: it and everything it imports use only `node:` modules, no
// top-level await and no import.meta, so a bundler can turn it into one CommonJS file.
import http from 'node:http';
import { handleApi } from './api.mjs';
import { callAtPath } from './calls.mjs';
import { CONTROL_PREFIX, handleControl } from './control.mjs';
import { FaultQueue, checkFaults } from './faults.mjs';
import { isLoopback } from './hosts.mjs';
import { gone, requestUrl, sendJson } from './io.mjs';
import { START_PUSH_PATH, TicketPusher, handleStartPush } from './pushes.mjs';
import { checkLimits, checkSettings } from './settings.mjs';
import { EmulatorState } from './state.mjs';
import { TOKEN_PATH, handleToken } from './token.mjs';

export { isLoopback };

const OPTION_KEYS = ['port', 'host', 'quiet', 'cors', 'allowNonLoopback', 'limits'];
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const settings = checkSettings(options, OPTION_KEYS);
  const { port = 0, host = '127.0.0.1', quiet = true, cors = false, allowNonLoopback = false } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('port must be an integer 0..65535');
  if (typeof allowNonLoopback !== 'boolean') throw new TypeError('allowNonLoopback must be a boolean');
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');
  if (!isLoopback(host) && !allowNonLoopback) {
    throw new TypeError(`host ${host} is not a loopback address (127.0.0.1, ::1, localhost); ` +
      'to bind it (e.g. as a container sidecar) pass allowNonLoopback: true (CLI: --allow-non-loopback)');
  }
  if (typeof quiet !== 'boolean') throw new TypeError('quiet must be a boolean');
  if (typeof cors !== 'boolean') throw new TypeError('cors must be a boolean');
  return { port, host, quiet, cors, settings, limits: checkLimits(options.limits ?? {}) };
}

/** The host to put in `url`: a wildcard bind is reached through loopback. */
const urlHost = (host) => {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
};

/** One stderr line per call: kinds of token or ticket only, never their values. */
function noteLine(e) {
  const what = e.status === 200 && e.errcode !== null && e.errcode !== undefined ? `errcode ${e.errcode}` : `status ${e.status ?? 'none'}`;
  const who = e.ticket !== undefined ? ` ticket=${e.ticket}` : e.token !== undefined ? ` token=${e.token}` : '';
  return `${e.at} ${e.method} ${e.path}${who} → ${what}${e.fault ? ` [fault ${e.fault}]` : ''}\n`;
}

/**
 * Start an emulator. Resolves once it listens.
 * @param {import('./index.js').EmulatorOptions} [options]
 * @returns {Promise<import('./index.js').Emulator>}
 */
export async function startEmulator(options = {}) {
  const opts = checkOptions(options);
  const sockets = new Set();
  const timers = new Set();
  const headers = opts.cors ? CORS : {};
  let closing = null;

  const emu = {
    state: new EmulatorState(opts.settings, opts.limits),
    faults: new FaultQueue(opts.limits.pendingFaults),
    tokenFaults: new FaultQueue(opts.limits.pendingFaults),
    port: 0,
    baseUrl: '',
    snapshot: () => emu.state.snapshot(emu.faults.snapshot(), emu.tokenFaults.snapshot(), emu.pusher.snapshot()),
    configure: (partial) => emu.state.configure(partial),
    reset: () => {
      emu.state.clear();
      emu.faults.clear();
      emu.tokenFaults.clear();
    },
    // After close() a wait never ends, so no timer keeps the process alive.
    sleep: (ms) =>
      new Promise((resolve) => {
        if (closing) return;
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      }),
    note: (e) => {
      if (!opts.quiet) process.stderr.write(noteLine(e));
    },
  };
  emu.pusher = new TicketPusher(emu, opts.limits.pushes);

  const route = async (req, res) => {
    const url = requestUrl(req, 'http://emulator.invalid');
    if (url === null) {
      req.resume();
      return sendJson(res, 400, { error: 'bad request target' }, headers);
    }
    if (opts.cors && req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      return res.end();
    }
    const call = callAtPath(url.pathname);
    if (call) return handleApi(emu, req, res, url, headers, call);
    if (url.pathname === TOKEN_PATH) return handleToken(emu, req, res, url, headers);
    if (url.pathname === START_PUSH_PATH) return handleStartPush(emu, req, res, url, headers);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(emu, req, res, url, headers);
    req.resume();
    emu.note(emu.state.record({ method: req.method, path: url.pathname.slice(0, 256), status: 404, errcode: null }));
    sendJson(res, 404, { error: 'not found' }, headers);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch(() => {
      // Never expected (each path answers 200 + an errcode); the message is not echoed.
      if (!gone(res) && !res.headersSent) sendJson(res, 500, { error: 'emulator internal error' }, headers);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  emu.port = server.address().port;
  emu.baseUrl = `http://${urlHost(opts.host)}:${emu.port}`;

  return {
    url: emu.baseUrl,
    port: emu.port,
    host: opts.host,
    state: () => emu.snapshot(),
    reset: () => emu.reset(),
    configure: (settings) => emu.configure(checkSettings(settings)),
    addFaults: (spec) => emu.faults.add(checkFaults(spec)),
    addTokenFaults: (spec) => emu.tokenFaults.add(checkFaults(spec, { forToken: true })),
    expireTokens: () => emu.state.expireTokens(),
    startTicketPushes: (pushOptions) => {
      if (closing) throw new Error('the emulator is closed');
      return emu.pusher.start(pushOptions);
    },
    close() {
      if (!closing) {
        closing = new Promise((resolve) => {
          emu.pusher.stop();
          server.close(() => resolve());
          for (const t of timers) clearTimeout(t);
          timers.clear();
          for (const s of sockets) s.destroy();
        });
      }
      return closing;
    },
  };
}
