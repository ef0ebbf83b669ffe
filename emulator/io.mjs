// Small HTTP helpers: bounded body reading and response writing with backpressure.
import zlib from 'node:zlib';

export const MAX_BODY = 1024 * 1024;
export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';
const CHUNK = 64 * 1024;

/**
 * Read a request body, keeping at most `limit` bytes (the rest is drained).
 * Resolves { bytes, size, tooLarge }, or null if the client went away first.
 */
export function readBody(req, limit = MAX_BODY) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let settled = false;
    const settle = (value) => {
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      const tooLarge = size > limit;
      settle({ bytes: tooLarge ? null : Buffer.concat(chunks), size, tooLarge });
    });
    req.on('error', () => settle(null));
    req.on('close', () => settle(null));
  });
}

/** True when nothing more can be written to this response. */
/**
 * The request target as a URL, or null when it is not one. An origin-form target is a path
 * only: `new URL('//x/y', base)` would read `x` as a host (and throws on `//`), so the path is
 * appended to the base instead. The absolute form (`http://host/path`) is parsed as it is.
 */
export function requestUrl(req, base) {
  const target = String(req.url ?? '');
  try {
    return target.startsWith('/') ? new URL(`${base}${target}`) : new URL(target);
  } catch {
    return null;
  }
}

export const gone = (res) => res.writableEnded || !res.socket || res.socket.destroyed;

export function sendJson(res, status, value, headers = {}) {
  sendText(res, status, JSON.stringify(value), JSON_TYPE, headers);
}

export function sendText(res, status, text, type, headers = {}) {
  if (gone(res)) return;
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': type, 'content-length': body.length });
  res.end(body);
}

/** Wait until `sink` can take more data or the response's connection is gone. */
export function waitDrain(sink, res = sink) {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      res.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Stream exactly `total` bytes: `prefix`, then `fill` repeated, then `suffix` (all ASCII),
 * in 64 KiB chunks without building the whole body in memory. If total is smaller than
 * prefix + suffix, the prefix is cut to fit. `sink` is the response or a stream in front of
 * it; writing stops as soon as the response is gone.
 */
export async function streamPadded(res, { prefix, suffix, fill, total }, sink = res) {
  if (gone(res)) return;
  let head = prefix;
  let tail = suffix;
  if (head.length + tail.length > total) {
    head = (prefix + suffix).slice(0, total);
    tail = '';
  }
  let padding = total - head.length - tail.length;
  const block = fill.repeat(Math.ceil(CHUNK / fill.length)).slice(0, CHUNK);
  const write = async (text) => {
    if (gone(res)) return false;
    if (!sink.write(text)) await waitDrain(sink, res);
    return !gone(res);
  };
  if (!(await write(head))) return;
  while (padding > 0) {
    const n = Math.min(padding, block.length);
    if (!(await write(n === block.length ? block : block.slice(0, n)))) return;
    padding -= n;
  }
  if (!gone(res)) sink.end(tail);
}

const COMPRESSORS = {
  gzip: () => zlib.createGzip({ level: 9 }),
  deflate: () => zlib.createDeflate({ level: 9 }), // HTTP "deflate" is the zlib format
  br: () => zlib.createBrotliCompress({
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  }),
};

/** streamPadded's body, compressed with `encoding` on its way to the response. */
export async function streamCompressed(res, encoding, body) {
  const z = COMPRESSORS[encoding]();
  z.on('error', () => res.destroy());
  res.on('close', () => z.destroy());
  z.pipe(res);
  await streamPadded(res, body, z);
}

/** Destroy a socket, with a TCP RST where the runtime offers it (Node ≥ 18.3). */
export function resetSocket(socket) {
  if (!socket || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
