// Issue 10, items 5–10: data and truthfulness. Compression bombs on the API and the token
// endpoint, integers beyond 2^53 and `__proto__` in answers, errors that say what was sent
// (a failed refresh after a 40014, a store write after a token request, TLS refusals), and
// errors that belong to their own call (no shared Error object, the call's own `attempts`).
// Hostile answers come from raw servers, so the cases need nothing of the emulator's newer
// fault kinds.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import zlib from 'node:zlib';
import { CloudbaseClient, ComponentTokenManager, createService, isTransportError, isWxApiError, wasmMemoryBytes } from 'wx-cloudbase-service';
import { TOKEN, UNKNOWN_TOKEN, assertNoSecrets, requestsSeen, svc, withEmu } from './helpers.mjs';
import { MiB, figure, head, mib, timed, withRaw } from './lib.mjs';
import { TLS_CERT, TLS_KEY } from './tls-fixture.mjs';

const execFileAsync = util.promisify(execFile);
const probe = fileURLToPath(new URL('./defects-probe.mjs', import.meta.url));
const OK_PREFIX = '{"errcode":0,"errmsg":"ok"';
const TOKEN_PREFIX = '{"component_access_token":"bomb-token","expires_in":7200';

/** `prefix`, spaces (JSON whitespace) and `}` to `decodedBytes`, compressed with `kind`. */
async function bomb(kind, decodedBytes, prefix = OK_PREFIX) {
  const z = { gzip: () => zlib.createGzip({ level: 9 }), deflate: () => zlib.createDeflate({ level: 9 }), br: () => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) }[kind]();
  const chunks = [];
  z.on('data', (c) => chunks.push(c));
  const ended = new Promise((resolve) => z.on('end', resolve));
  z.write(prefix);
  const block = Buffer.alloc(MiB, 0x20);
  for (let left = decodedBytes - prefix.length - 1; left > 0; left -= block.length) {
    if (!z.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((resolve) => z.once('drain', resolve));
  }
  z.end('}');
  await ended;
  return Buffer.concat(chunks);
}

/** A raw server answering every request with `status`, `encoding` and `body`. */
const answering = (status, encoding, body, type = 'application/json') => (socket) => {
  socket.write(head(status, { 'content-type': type, 'content-encoding': encoding, 'content-length': body.length }));
  socket.end(body);
};

/** Resolves within `ms` or reports that it hung. */
const within = (p, ms) => Promise.race([p, new Promise((resolve) => setTimeout(() => resolve({ ok: false, hung: true, ms }), ms).unref())]);

async function callThroughBomb(status, kind, decoded) {
  const body = await bomb(kind, decoded);
  return withRaw(answering(status, kind, body), async (server) => {
    const before = wasmMemoryBytes();
    const r = await within(timed(createService(svc(), { accessToken: TOKEN, baseUrl: server.url, timeoutMs: 10_000, maxRetries: 0 })), 20_000);
    const grew = wasmMemoryBytes() - before;
    figure(`bomb ${kind} ${status} ${mib(decoded)} decoded from ${body.length} bytes: ${r.ok ? 'success' : r.hung ? 'hung' : r.error?.code} in ${Math.round(r.ms)} ms, wasm +${mib(grew)}`);
    return { r, grew, wire: body.length, requests: server.requests };
  });
}

for (const kind of ['gzip', 'br', 'deflate']) {
  test(`item 5: a ${kind} body of 64 MiB (decoded) under a small content-length is BAD_RESPONSE, cut at the 1 MiB decoded cap`, async () => {
    const { r, grew, wire } = await callThroughBomb(200, kind, 64 * MiB);
    assert.ok(wire < 100_000, `the bomb is small on the wire (${wire} bytes)`);
    assert.equal(r.ok, false, `${kind}: 64 MiB accepted as success`);
    assert.ok(isTransportError(r.error), util.inspect(r.error));
    assert.equal(r.error.code, 'BAD_RESPONSE');
    assert.equal(r.error.outcomeUnknown, true, 'an answer arrived: the service may exist');
    assert.match(r.error.message, /decoded/);
    assert.ok(r.ms < 3000, `settled after ${Math.round(r.ms)} ms`);
    assert.ok(grew <= 8 * MiB, `wasm memory grew by ${mib(grew)}`);
    assertNoSecrets(r.error);
  });
}

test('item 5: a 502 page in brotli expanding to 64 MiB: HTTP_STATUS 502 from a 4 KiB peek of the decoded text, at once', async () => {
  const { r, grew } = await callThroughBomb(502, 'br', 64 * MiB);
  assert.ok(isTransportError(r.error), util.inspect(r.error ?? r.value));
  assert.equal(r.error.code, 'HTTP_STATUS');
  assert.equal(r.error.status, 502);
  assert.ok(r.error.message.length < 1000, `message of ${r.error.message.length} chars`);
  assert.ok(r.ms < 1000, `settled after ${Math.round(r.ms)} ms`);
  assert.ok(grew <= 2 * MiB, `wasm memory grew by ${mib(grew)}`);
});

test('item 5: 1 KB of brotli expanding to 600 MiB: BAD_RESPONSE within seconds, nothing uncaught', async () => {
  const uncaught = [];
  const onUncaught = (e) => uncaught.push(String(e?.message ?? e));
  process.on('uncaughtException', onUncaught);
  try {
    const { r, wire } = await callThroughBomb(200, 'br', 600 * MiB);
    assert.ok(wire < 5000, `${wire} bytes on the wire`);
    assert.notEqual(r.hung, true, 'the call hung');
    assert.equal(r.error?.code, 'BAD_RESPONSE', util.inspect(r.error ?? r.value));
    assert.ok(r.ms < 3000, `settled after ${Math.round(r.ms)} ms`);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(uncaught, []);
});

test('item 5: the token endpoint too: a gzip token answer of 64 MiB decoded is BAD_RESPONSE, the token is not adopted', async () => {
  const body = await bomb('gzip', 64 * MiB, TOKEN_PREFIX);
  await withRaw(answering(200, 'gzip', body), async (server) => {
    const m = new ComponentTokenManager({ componentAppId: 'wx-bomb', componentAppSecret: 'bomb-secret', getVerifyTicket: () => 'bomb-ticket', baseUrl: server.url, maxRetries: 0 });
    const before = wasmMemoryBytes();
    const r = await within(timed(m.getToken()), 20_000);
    const grew = wasmMemoryBytes() - before;
    figure(`token endpoint gzip bomb: ${r.ok ? 'token adopted' : r.error?.code} in ${Math.round(r.ms)} ms, wasm +${mib(grew)}`);
    assert.equal(r.ok, false, 'a token from a 64 MiB answer was adopted');
    assert.equal(r.error.code, 'BAD_RESPONSE', util.inspect(r.error));
    assert.equal(r.error.outcomeUnknown, false, 'getting a token creates nothing');
    assert.ok(grew <= 8 * MiB, `wasm memory grew by ${mib(grew)}`);
  });
});

/** A raw server answering every request with `text` as JSON. */
const json = (text) => answering(200, 'identity', Buffer.from(text));

test('item 6: a success whose request_id is 2^53+1 is a success, the integer kept exactly (as a string)', async () => {
  await withRaw(json('{"errcode":0,"errmsg":"ok","request_id":9007199254740993}'), async (server) => {
    const r = await timed(createService(svc(), { accessToken: TOKEN, baseUrl: server.url, maxRetries: 0 }));
    assert.ok(r.ok, `a created service reported as ${r.error?.code} (outcomeUnknown ${r.error?.outcomeUnknown}): ${r.error?.message}`);
    assert.equal(r.value.errcode, 0);
    assert.equal(r.value.request_id, '9007199254740993');
  });
});

test('item 6: integers beyond 2^53 anywhere in a success answer (nested, negative, in arrays) are kept exactly; an error answer stays its WxApiError', async () => {
  await withRaw(json('{"errcode":0,"errmsg":"ok","list":[{"id":-18446744073709551617}],"n":{"m":9007199254740993},"small":42}'), async (server) => {
    const r = await timed(createService(svc(), { accessToken: TOKEN, baseUrl: server.url, maxRetries: 0 }));
    assert.ok(r.ok, `reported as ${r.error?.code}: ${r.error?.message}`);
    assert.equal(r.value.list[0].id, '-18446744073709551617');
    assert.equal(r.value.n.m, '9007199254740993');
    assert.equal(r.value.small, 42, 'a safe integer stays a number');
  });
  await withRaw(json('{"errcode":40097,"errmsg":"invalid args","detail_id":9007199254740993}'), async (server) => {
    const r = await timed(createService(svc(), { accessToken: TOKEN, baseUrl: server.url, maxRetries: 0 }));
    assert.ok(isWxApiError(r.error), util.inspect(r.error ?? r.value));
    assert.equal(r.error.errcode, 40097);
  });
});

test('item 7: __proto__ in a success answer is plain data, never the result\'s prototype', async () => {
  await withRaw(json('{"__proto__":{"polluted":true,"errcode":99},"errcode":0,"errmsg":"ok"}'), async (server) => {
    const r = await createService(svc(), { accessToken: TOKEN, baseUrl: server.url, maxRetries: 0 });
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.equal(r.polluted, undefined, 'a key of the __proto__ payload shows through the prototype');
    assert.deepEqual(Object.getOwnPropertyDescriptor(r, '__proto__')?.value, { polluted: true, errcode: 99 });
    assert.equal({}.polluted, undefined);
  });
});

test('item 8: a sent call answered 40014, then a token function that throws on forceRefresh: a ConfigError that says a request was sent, 40014 as cause', async () => {
  await withEmu(async (emu) => {
    const r = await timed(createService(svc(), {
      accessToken: (ctx) => {
        if (ctx.forceRefresh) throw new Error('the refresh failed');
        return UNKNOWN_TOKEN;
      },
      baseUrl: emu.url,
    }));
    const e = r.error;
    assert.equal(e?.name, 'ConfigError', util.inspect(e));
    assert.doesNotMatch(e.message, /nothing was sent/, 'a request was sent');
    assert.match(e.message, /1 request was sent/);
    assert.equal(e.attempts, 1);
    assert.ok(isWxApiError(e.cause), `the 40014 is kept as cause: ${util.inspect(e.cause)}`);
    assert.equal(e.cause.errcode, 40014);
    assert.equal(requestsSeen(emu), 1);
    assertNoSecrets(e);
  });
});

test('item 8: onStoreError after a sent token request does not say nothing was sent', async () => {
  await withEmu({ componentAppId: 'wx-store', componentAppSecret: 'store-secret', verifyTickets: ['store-ticket'] }, async (emu) => {
    const errors = [];
    const m = new ComponentTokenManager({
      componentAppId: 'wx-store', componentAppSecret: 'store-secret', getVerifyTicket: () => 'store-ticket', baseUrl: emu.url,
      store: { get: () => null, set: () => { throw new Error('the store is down'); } },
      onStoreError: (e) => errors.push(e),
    });
    assert.equal(typeof (await m.getToken()), 'string');
    assert.equal(emu.state().tokenRequests, 1);
    const set = errors.find((e) => e.issues?.some((i) => i.code === 'store_set'));
    assert.ok(set, util.inspect(errors));
    assert.doesNotMatch(set.message, /nothing was sent/, set.message);
    assert.equal(set.attempts, 1, 'the token request it followed');
  });
});

test('item 9: a self-signed certificate is NETWORK with outcomeUnknown false; nothing reaches the server', async () => {
  let requests = 0;
  const server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (req, res) => {
    requests++;
    res.end('{"errcode":0,"errmsg":"ok"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const r = await timed(createService(svc(), { accessToken: TOKEN, baseUrl: `https://127.0.0.1:${server.address().port}`, maxRetries: 0 }));
    assert.ok(isTransportError(r.error), util.inspect(r.error ?? r.value));
    assert.equal(r.error.code, 'NETWORK');
    assert.equal(r.error.outcomeUnknown, false, r.error.message);
    assert.match(r.error.message, /nothing was sent/);
    assert.equal(requests, 0);
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('item 9: a trusted certificate for another name is NETWORK with outcomeUnknown false (fresh process with the fixture trusted)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wxcs-tls-'));
  try {
    const ca = path.join(dir, 'ca.pem');
    await writeFile(ca, TLS_CERT);
    const { stdout } = await execFileAsync(process.execPath, [probe, 'tls-wrong-name'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_EXTRA_CA_CERTS: ca } });
    const r = JSON.parse(stdout.trim().split('\n').at(-1));
    assert.deepEqual(r.uncaught, []);
    assert.equal(r.first.code, 'NETWORK', util.inspect(r.first));
    assert.match(r.first.message, /ERR_TLS_CERT_ALTNAME_INVALID/);
    assert.equal(r.first.outcomeUnknown, false, r.first.message);
    assert.equal(r.serverRequests, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('item 10: concurrent calls ending at deadlineMs reject with their own Error objects', async () => {
  await withRaw(() => {}, async (server) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: 5000, deadlineMs: 400, maxRetries: 0 });
    const rs = await Promise.all([timed(client.createService(svc())), timed(client.createService(svc()))]);
    const [a, b] = rs.map((x) => x.error);
    assert.equal(a?.code, 'TIMEOUT', util.inspect(a));
    assert.equal(b?.code, 'TIMEOUT');
    assert.notEqual(a, b, 'one shared Error object');
    a.marker = 'only on a';
    assert.equal(b.marker, undefined);
    for (const [i, x] of rs.entries()) {
      assert.equal(x.error.attempts, 1, `call ${i + 1}: attempts`);
      assert.equal(x.error.outcomeUnknown, true, 'the requests were in flight');
      assert.ok(x.ms < 1500, `call ${i + 1} settled after ${Math.round(x.ms)} ms, deadlineMs 400`);
    }
  });
});

test('item 10: two calls failing the same way at once get two Error objects, each with attempts 0 (fresh process)', async () => {
  const { stdout } = await execFileAsync(process.execPath, [probe, 'concurrent-evil-token'], { encoding: 'utf8', timeout: 30_000 });
  const r = JSON.parse(stdout.trim().split('\n').at(-1));
  assert.equal(r.same, false, `one shared Error object (${r.codes.join(', ')})`);
  assert.equal(r.markerShows, false, 'a property set on one error shows on the other');
  assert.deepEqual(r.attempts, [0, 0], 'nothing was sent by either call');
  assert.deepEqual(r.uncaught, []);
});

test('item 10: a manager\'s error reaches each call as its own error with the call\'s attempts (0), the token request\'s error as cause', async () => {
  await withEmu({ componentAppId: 'wx-busy', componentAppSecret: 'busy-secret', verifyTickets: ['busy-ticket'] }, async (emu) => {
    emu.addTokenFaults({ busy: 10 });
    const m = new ComponentTokenManager({ componentAppId: 'wx-busy', componentAppSecret: 'busy-secret', getVerifyTicket: () => 'busy-ticket', baseUrl: emu.url, maxRetries: 2 });
    const rs = await Promise.all([timed(createService(svc(), { accessToken: m, baseUrl: emu.url })), timed(createService(svc(), { accessToken: m, baseUrl: emu.url }))]);
    const [a, b] = rs.map((x) => x.error);
    assert.ok(isWxApiError(a), util.inspect(a));
    assert.equal(a.errcode, -1);
    assert.notEqual(a, b, 'one shared Error object');
    assert.equal(a.attempts, 0, 'no API request was sent by the call');
    assert.equal(b.attempts, 0);
    assert.equal(a.cause?.attempts, 3, 'the token request\'s own attempts are on the cause');
    assert.equal(emu.state().tokenRequests, 3, 'one refresh shared by both calls');
    assert.equal(requestsSeen(emu), 0);
  });
});
