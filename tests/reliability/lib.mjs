// Helpers of the reliability suite, on top of the canary helpers of tests/node/helpers.mjs
// (copied next to this file by scripts/test-reliability.sh). Nothing here imports the library:
// each test file does, as a user would.
import assert from 'node:assert/strict';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import util from 'node:util';

/** Prints a measured figure; scripts/test-reliability.sh collects the `[figure]` lines. */
export function figure(text) {
  console.log(`[figure] ${text}`);
}

export const MiB = 1024 * 1024;
export const mib = (bytes) => `${(bytes / MiB).toFixed(2)} MiB`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets pending I/O callbacks (socket closes) run: a few turns of the event loop. */
export async function settleIo(ms = 50) {
  await new Promise((resolve) => setImmediate(resolve));
  await sleep(ms);
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Awaits `promise` and measures how long it took to settle (from now).
 * Resolves { ok, value?, error?, ms }; never rejects.
 */
export async function timed(promiseOrFn) {
  const started = performance.now();
  try {
    const value = await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  }
}

/** The settled call must have been rejected; returns the error. */
export function rejected(result, label) {
  assert.equal(result.ok, false, `${label}: expected a rejection, got ${util.inspect(result.value)}`);
  return result.error;
}

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for answers the emulator cannot give. `onRequest(socket,
 * server)` runs once a whole request (head and Content-Length body) has arrived; it writes
 * whatever it likes. Counts connections, requests, bytes written through `server.write`,
 * and sockets closed; `close()` destroys every socket and stops listening.
 */
export async function rawServer(onRequest = () => {}) {
  const server = {
    connections: 0,
    requests: 0,
    closedSockets: 0,
    written: 0,
    received: '',
    sockets: new Set(),
    url: '',
    port: 0,
    /** Writes with backpressure; false once the socket is gone. */
    async write(socket, data) {
      if (socket.destroyed) return false;
      server.written += data.length;
      if (!socket.write(data)) {
        await new Promise((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
      }
      return !socket.destroyed;
    },
  };
  const srv = net.createServer((socket) => {
    server.connections++;
    server.sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      server.closedSockets++;
      server.sockets.delete(socket);
    });
    let buf = '';
    let answered = false;
    socket.on('data', (data) => {
      buf += data.toString('latin1');
      server.received += data.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0 || answered) return;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length - end - 4 < length) return;
      answered = true;
      server.requests++;
      onRequest(socket, server);
    });
  });
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  server.port = srv.address().port;
  server.url = `http://127.0.0.1:${server.port}`;
  server.close = async () => {
    for (const s of server.sockets) s.destroy();
    await new Promise((resolve) => srv.close(resolve));
  };
  return server;
}

/** Runs fn with a raw server and always closes it. */
export async function withRaw(onRequest, fn) {
  const server = await rawServer(onRequest);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** An HTTP/1.1 response head. */
export function head(status, headers = {}) {
  const reason = { 200: 'OK', 302: 'Found', 307: 'Temporary Redirect', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status] ?? 'Status';
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${status} ${reason}\r\n${lines}\r\n`;
}

/** `process.getActiveResourcesInfo()` as { name: count }. */
export function activeResources() {
  const counts = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** Collects process warnings while fn runs; resolves to the list. */
export async function collectWarnings(fn) {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    await fn();
    // Warnings are emitted on the next tick.
    await settleIo(10);
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}
