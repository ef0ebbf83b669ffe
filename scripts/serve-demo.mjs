#!/usr/bin/env node
// make demo-page: serves the request-builder page on one local origin, with no dependencies:
//   /                 www-demo/ (index.html and its modules)
//   /pkg/entry.js     a redirect to the file pkg/package.json's exports["."] gives a browser,
//                     so the page imports the package as a browser bundler would and keeps
//                     working when the build renames its files
//   /pkg/…            the rest of the built package (pkg/, from `make pkg`)
//   /componenttcb/…   forwarded to an in-process emulator of the WeChat API,
//   /cgi-bin/…        of its token endpoint,
//   /__emulator/…     and of its control endpoints (the page's Send and Reset buttons)
// One origin means the page can send with baseUrl = location.origin and no CORS.
// Usage: node scripts/serve-demo.mjs   (PORT=8080 to choose the port; Ctrl-C stops).
// Programmatic: const { url, close, emulator } = await startDemoServer({ port: 0 }).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requestUrl } from '../emulator/io.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www-demo');
const PKG = path.join(ROOT, 'pkg');
const ENTRY_URL = '/pkg/entry.js';
const FORWARDED = ['/componenttcb/', '/cgi-bin/', '/__emulator/'];
// The conditions a browser bundler matches, and those of this Node process for the emulator.
const BROWSER = new Set(['browser', 'import', 'default']);
const NODE = new Set(['node', 'import', 'default']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // instantiateStreaming requires this exact type
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// The page runs only its own scripts; 'wasm-unsafe-eval' is what compiling the wasm needs.
const SECURITY = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store', // a rebuilt pkg/ shows on the next reload
};

function send(res, status, text, extra = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY, ...extra });
  res.end(text);
}

/** Maps a relative URL path to a file under `dir`, or null when it would leave `dir`. */
function fileUnder(dir, rel) {
  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(dir, `.${path.posix.sep}${decoded}`);
  return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

async function serveFile(req, res, file) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
  let info;
  try {
    info = await stat(file);
  } catch {
    info = null;
  }
  if (!info?.isFile()) return send(res, 404, 'not found\n');
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    ...SECURITY,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/**
 * Resolves an `exports` target the way Node and bundlers do: the first key of an object
 * (in its order) that is one of `conditions`, recursively; arrays are fallbacks.
 * @returns {string | null} a `./…` path inside the package
 */
function resolveTarget(target, conditions) {
  if (typeof target === 'string') return target.startsWith('./') ? target : null;
  if (Array.isArray(target)) {
    for (const t of target) {
      const found = resolveTarget(t, conditions);
      if (found) return found;
    }
    return null;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (!conditions.has(key)) continue;
      const found = resolveTarget(value, conditions);
      if (found) return found;
    }
  }
  return null;
}

/** The file `subpath` of pkg/package.json's exports names under `conditions`, checked to exist. */
async function packageFile(manifest, subpath, conditions) {
  const exports = manifest.exports;
  // `exports` may be the `.` target itself (a string, an array, or conditions only).
  const hasSubpaths = exports && typeof exports === 'object' && !Array.isArray(exports)
    && Object.keys(exports).some((k) => k.startsWith('.'));
  const target = hasSubpaths ? exports[subpath] : subpath === '.' ? exports : undefined;
  const rel = resolveTarget(target, conditions);
  const file = rel && fileUnder(PKG, rel.slice(2));
  const info = file && (await stat(file).catch(() => null));
  if (!info?.isFile()) {
    throw new Error(`pkg/package.json exports["${subpath}"] names no existing file for ${[...conditions].join('/')}: run make pkg`);
  }
  return file;
}

/** Streams the request to the emulator and its answer back, status and headers included.
 * The Host header is the emulator's own: its control endpoints answer only a loopback Host
 * with their port, and the browser's Host names this server's port. */
function forward(req, res, url, target) {
  const upstream = http.request(
    new URL(`${target}${url.pathname}${url.search}`),
    { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  // An emulator fault such as a connection reset must reach the browser as one.
  upstream.on('error', () => (res.headersSent ? res.destroy() : send(res, 502, 'emulator unreachable\n')));
  req.pipe(upstream);
}

/**
 * Starts the demo server and an emulator behind it.
 * @param {{ port?: number, host?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, emulator: import('../emulator/index.js').Emulator, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const manifest = JSON.parse(await readFile(path.join(PKG, 'package.json'), 'utf8').catch((err) => {
    throw new Error(`cannot read pkg/package.json (run make pkg): ${err.message}`);
  }));
  const entry = await packageFile(manifest, '.', BROWSER);
  // A redirect, not the file's bytes under another name: the module's own URL must stay
  // the file's, so that anything it imports relative to itself resolves.
  const entryLocation = `/pkg/${path.relative(PKG, entry).split(path.sep).map(encodeURIComponent).join('/')}`;
  const emulatorFile = await packageFile(manifest, './emulator', NODE);
  const { startEmulator } = await import(pathToFileURL(emulatorFile).href).catch((err) => {
    throw new Error(`cannot load the emulator from ${path.relative(ROOT, emulatorFile)} (run make pkg): ${err.message}`);
  });
  const emulator = await startEmulator({ quiet });
  const sockets = new Set();
  let allowedHosts = new Set();

  const server = http.createServer((req, res) => {
    // Only this origin's own names: a web page elsewhere cannot reach the emulator through
    // a DNS name rebound to 127.0.0.1.
    if (!allowedHosts.has(String(req.headers.host).toLowerCase())) return send(res, 421, 'unexpected Host header\n');
    const url = requestUrl(req, 'http://demo.invalid');
    if (url === null) return send(res, 400, 'bad request target\n');
    const { pathname } = url;
    if (FORWARDED.some((prefix) => pathname.startsWith(prefix))) return forward(req, res, url, emulator.url);
    if (pathname === ENTRY_URL) return send(res, 307, `${entryLocation}\n`, { location: entryLocation });
    if (pathname.startsWith('/pkg/')) {
      const file = fileUnder(PKG, pathname.slice('/pkg/'.length));
      return file ? serveFile(req, res, file) : send(res, 404, 'not found\n');
    }
    const file = fileUnder(WWW, pathname === '/' ? 'index.html' : pathname.slice(1));
    return file ? serveFile(req, res, file) : send(res, 404, 'not found\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }

  const actual = server.address().port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostInUrl}:${actual}`, `localhost:${actual}`, `127.0.0.1:${actual}`, `[::1]:${actual}`]);
  let closing = null;
  return {
    url: `http://${hostInUrl}:${actual}/`,
    port: actual,
    emulator,
    close() {
      closing ??= Promise.all([
        new Promise((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        }),
        emulator.close(),
      ]).then(() => {});
      return closing;
    },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = process.env.PORT ?? '0';
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    console.error(`serve-demo: PORT must be a number 0..65535, got "${text}"`);
    process.exit(2);
  }
  let demo;
  try {
    demo = await startDemoServer({ port: Number(text), quiet: false });
  } catch (err) {
    console.error(`serve-demo: ${err.message}`);
    process.exit(1);
  }
  console.log(`Request builder: ${demo.url}`);
  console.log('  the page, the package build (/pkg/) and the emulator (token "emulator-token") on one origin');
  console.log('  emulator calls are logged below; Ctrl-C stops');
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
