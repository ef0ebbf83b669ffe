// Writing the answer of an API call, shaped by the fault taken for it (if any).
import { HTML_TYPE, JSON_TYPE, gone, resetSocket, sendJson, sendText, streamCompressed, streamPadded } from './io.mjs';
import { answer } from './rules.mjs';

const OK = Object.freeze(answer(0));

const errorPage = (status, reason) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
  `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>emulated gateway</center>\r\n`;
const PAGE_END = '</body>\r\n</html>\r\n';
const REASONS = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/**
 * What the client will be told, decided before anything is written, so it can be
 * logged. `result` is the processed answer (null when the fault skips processing).
 * Returns { status, body } where body is the JSON value sent, or null.
 */
export function plan(fault, result) {
  const base = result ? result.body : OK;
  if (!fault) return { status: 200, body: base };
  switch (fault.kind) {
    case 'busy': return { status: 200, body: answer(-1) };
    case 'errcode': return { status: 200, body: { ...answer(fault.errcode, fault.errmsg), ...fault.extra } };
    case 'errcodeAsString': return { status: 200, body: { ...base, errcode: String(base.errcode) } };
    case 'missingErrcode': {
      const { errcode, ...rest } = base;
      return { status: 200, body: rest };
    }
    case 'rawSuccess': return { status: 200, body: null, raw: fault.rawSuccess };
    case 'compressed': return { status: fault.status, body: null, base };
    case 'http500': return { status: 500, body: null };
    case 'status': return { status: fault.status, body: null };
    case 'redirect': return { status: fault.redirect, body: null };
    case 'reset': return { status: null, body: null };
    case 'truncated': case 'stallBody': case 'oversizedBytes': return { status: 200, body: null, base };
    default: return { status: 200, body: base }; // delayMs, drip
  }
}

/**
 * Send the planned answer. `ctx.sleep(ms)` waits (cancelled when the emulator
 * closes); `headers` are extra headers for every response (CORS).
 */
export async function deliver(ctx, req, res, fault, p, headers) {
  if (fault?.delayMs) await ctx.sleep(fault.delayMs);
  if (gone(res)) return;
  const kind = fault?.kind;
  const baseText = JSON.stringify(p.base ?? p.body ?? OK);

  if (kind === 'reset') return resetSocket(req.socket);
  if (kind === 'http500') return sendText(res, 500, errorPage(500, REASONS[500]) + PAGE_END, HTML_TYPE, headers);
  if (kind === 'status') return sendStatusPage(res, fault, headers);
  if (kind === 'redirect') {
    return sendText(res, fault.redirect, `<html><body>Redirecting to ${escapeHtml(fault.to)}</body></html>`,
      HTML_TYPE, { ...headers, location: fault.to });
  }
  if (kind === 'truncated') {
    const cut = baseText.slice(0, Math.max(1, Math.floor((baseText.length * 2) / 3)));
    if (!fault.closeEarly) return sendText(res, 200, cut, JSON_TYPE, headers);
    res.writeHead(200, { ...headers, 'content-type': JSON_TYPE, 'content-length': baseText.length });
    res.write(cut, () => resetSocket(req.socket));
    return;
  }
  if (kind === 'stallBody') {
    // Declared length is the full body; half of it comes, the rest never does.
    res.writeHead(200, { ...headers, 'content-type': JSON_TYPE, 'content-length': baseText.length });
    res.write(baseText.slice(0, Math.floor(baseText.length / 2)));
    return;
  }
  if (kind === 'oversizedBytes') {
    const prefix = `{"errcode":${p.base.errcode},"errmsg":"`;
    const len = fault.chunked ? {} : { 'content-length': fault.oversizedBytes };
    res.writeHead(200, { ...headers, 'content-type': JSON_TYPE, ...len });
    return streamPadded(res, { prefix, suffix: '"}', fill: 'x', total: fault.oversizedBytes });
  }
  if (kind === 'drip') return drip(ctx, res, JSON.stringify(p.body), fault, headers);
  if (kind === 'rawSuccess') return sendText(res, 200, p.raw, JSON_TYPE, headers);
  if (kind === 'compressed') {
    // A compression bomb: a few KiB on the wire, decodedBytes once decoded. The decoded
    // body is generated chunk by chunk into the compressor, never held whole.
    const prefix = `{"errcode":${p.base.errcode},"errmsg":"`;
    res.writeHead(p.status, { ...headers, 'content-type': JSON_TYPE, 'content-encoding': fault.compressed });
    return streamCompressed(res, fault.compressed, { prefix, suffix: '"}', fill: 'x', total: fault.decodedBytes });
  }
  sendJson(res, p.status, p.body, headers);
}

async function sendStatusPage(res, fault, headers) {
  const page = errorPage(fault.status, REASONS[fault.status] || 'Error');
  if (fault.bodyBytes === undefined) return sendText(res, fault.status, page + PAGE_END, HTML_TYPE, headers);
  const total = fault.bodyBytes;
  res.writeHead(fault.status, { ...headers, 'content-type': HTML_TYPE, 'content-length': total });
  await streamPadded(res, { prefix: `${page}<!-- `, suffix: ` -->\r\n${PAGE_END}`, fill: 'x', total });
}

async function drip(ctx, res, text, fault, headers) {
  const { chunkBytes, intervalMs } = fault.drip;
  const bytes = Buffer.from(text, 'utf8');
  const len = fault.chunked ? {} : { 'content-length': bytes.length };
  res.writeHead(200, { ...headers, 'content-type': JSON_TYPE, ...len });
  res.flushHeaders();
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    if (at > 0) await ctx.sleep(intervalMs);
    if (gone(res)) return;
    const end = Math.min(at + chunkBytes, bytes.length);
    if (end === bytes.length) res.end(bytes.subarray(at, end));
    else res.write(bytes.subarray(at, end));
  }
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
