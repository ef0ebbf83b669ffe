#!/usr/bin/env node
// make demo-page: serves the request-builder page on one local origin, with no dependencies:
//   /                 www-demo/ (index.html, app.js, style.css)
//   /pkg/dist/…       the built package's browser files (pkg/dist/, from `make pkg`)
//   /componenttcb/…   forwarded to an in-process emulator of the WeChat endpoint
//   /__emulator/…     the emulator's control endpoints (the page's "Send" button uses them)
// One origin means the page can call createService with baseUrl = location.origin and no
// CORS. Usage: node scripts/serve-demo.mjs   (PORT=8080 to choose the port; Ctrl-C stops).
// Programmatic: const { url, close, emulator } = await startDemoServer({ port: 0 }).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www-demo');
const DIST = path.join(ROOT, 'pkg', 'dist');
const EMULATOR = path.join(ROOT, 'pkg', 'emulator', 'index.mjs');

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

/** Maps a URL path under `prefix` to a file under `dir`, or null when it would leave `dir`. */
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

/** Streams the request to the emulator and its answer back, status and headers included. */
function forward(req, res, target) {
  const upstream = http.request(
    new URL(req.url, target),
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
  for (const name of ['browser.js', 'web.js', 'wx_cloudbase_service_bg.wasm']) {
    const info = await stat(path.join(DIST, name)).catch(() => null);
    if (!info?.isFile()) throw new Error(`pkg/dist/${name} is missing: run make pkg`);
  }
  const { startEmulator } = await import(pathToFileURL(EMULATOR).href).catch((err) => {
    throw new Error(`cannot load the emulator from ${path.relative(ROOT, EMULATOR)} (run make pkg): ${err.message}`);
  });
  const emulator = await startEmulator({ quiet });
  const sockets = new Set();
  let allowedHosts = new Set();

  const server = http.createServer((req, res) => {
    // Only this origin's own names: a web page elsewhere cannot reach the emulator through
    // a DNS name rebound to 127.0.0.1.
    if (!allowedHosts.has(String(req.headers.host).toLowerCase())) return send(res, 421, 'unexpected Host header\n');
    const { pathname } = new URL(req.url, 'http://demo.invalid');
    if (pathname.startsWith('/componenttcb/') || pathname.startsWith('/__emulator/')) return forward(req, res, emulator.url);
    if (pathname.startsWith('/pkg/dist/')) {
      const file = fileUnder(DIST, pathname.slice('/pkg/dist/'.length));
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
  console.log('  the page, the package build (/pkg/dist/) and the emulator (token "emulator-token") on one origin');
  console.log('  emulator calls are logged below; Ctrl-C stops');
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
