// startEmulator(): a local, dependency-free emulator of WeChat's
// POST /componenttcb/establishcloudbaserunserver (createCloudbaseService) and of the
// token endpoint POST /cgi-bin/component/api_component_token.
import http from 'node:http';
import { API_PATH, handleApi } from './api.mjs';
import { CONTROL_PREFIX, handleControl } from './control.mjs';
import { FaultQueue, checkFaults } from './faults.mjs';
import { gone, sendJson } from './io.mjs';
import { EmulatorState, checkSettings } from './state.mjs';
import { TOKEN_PATH, handleToken } from './token.mjs';

const OPTION_KEYS = ['port', 'host', 'quiet', 'cors'];
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/** Loopback only: 127.0.0.0/8, ::1 or localhost. */
export function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const settings = checkSettings(options, OPTION_KEYS);
  const { port = 0, host = '127.0.0.1', quiet = true, cors = false } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('port must be an integer 0..65535');
  if (typeof host !== 'string' || !isLoopback(host)) throw new TypeError('host must be a loopback address (127.0.0.1, ::1, localhost)');
  if (typeof quiet !== 'boolean') throw new TypeError('quiet must be a boolean');
  if (typeof cors !== 'boolean') throw new TypeError('cors must be a boolean');
  return { port, host, quiet, cors, settings };
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

  const emu = {
    state: new EmulatorState(opts.settings),
    faults: new FaultQueue(),
    tokenFaults: new FaultQueue(),
    snapshot: () => emu.state.snapshot(emu.faults.snapshot(), emu.tokenFaults.snapshot()),
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
      if (opts.quiet) return;
      const what = e.status === 200 && e.errcode !== null ? `errcode ${e.errcode}` : `status ${e.status ?? 'none'}`;
      const who = e.ticket !== undefined ? `ticket=${e.ticket}` : `token=${e.token}`;
      process.stderr.write(`${e.at} ${e.method} ${e.path} ${who} → ${what}${e.fault ? ` [fault ${e.fault}]` : ''}\n`);
    },
  };

  const route = async (req, res) => {
    const url = new URL(req.url, 'http://emulator.invalid');
    if (opts.cors && req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      return res.end();
    }
    if (url.pathname === API_PATH) return handleApi(emu, req, res, url, headers);
    if (url.pathname === TOKEN_PATH) return handleToken(emu, req, res, url, headers);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(emu, req, res, url.pathname, headers);
    req.resume();
    emu.note(emu.state.record({ method: req.method, path: url.pathname, status: 404, errcode: null }));
    sendJson(res, 404, { error: 'not found' }, headers);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!gone(res) && !res.headersSent) sendJson(res, 500, { error: 'emulator internal error', message: String(err?.message ?? err) }, headers);
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

  const port = server.address().port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  let closing = null;

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    host: opts.host,
    state: () => emu.snapshot(),
    reset: () => emu.reset(),
    configure: (settings) => emu.configure(checkSettings(settings)),
    addFaults: (spec) => emu.faults.add(checkFaults(spec)),
    addTokenFaults: (spec) => emu.tokenFaults.add(checkFaults(spec)),
    expireTokens: () => emu.state.expireTokens(),
    close() {
      if (!closing) {
        closing = new Promise((resolve) => {
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
