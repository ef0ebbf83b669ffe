// Fault catalogue (RELIABILITY.md §1): what tests/node/transport.test.mjs and retries.test.mjs
// do not already prove. Every case asserts the typed error, that the promise settles within
// the deadline (measured), that no secret shows, and that the next call on the same client
// succeeds (the wasm instance is not poisoned). The last test checks that nothing is left
// behind: no timers, no sockets.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, createService, isTransportError, isWxApiError, wasmMemoryBytes } from 'wx-cloudbase-service';
import { PASSWORD, TOKEN, assertHooksClean, assertNoSecrets, recordingHooks, requestsSeen, svc, withEmu } from './helpers.mjs';
import {
  MiB,
  activeResources,
  collectWarnings,
  figure,
  head,
  mib,
  rawServer,
  rejected,
  settleIo,
  sleep,
  timed,
  withRaw,
} from './lib.mjs';

/** Per-attempt timeout of these tests. */
const T = 500;
/**
 * How late a timeout may settle: timers on a busy 2-core CI machine fire late by tens of
 * milliseconds, and the error is built after the abort. 300 ms is far below any second
 * timeout period, so "settled at T, not at 2T" stays provable.
 */
const SLACK = 300;
/** The package's response body cap (transport.rs BODY_CAP). */
const BODY_CAP = MiB;

const OK_BODY = '{"errcode":0,"errmsg":"ok"}';
/** A correct WeChat answer, written by a raw server. */
function answerOk(socket) {
  socket.end(head(200, { 'content-type': 'application/json', 'content-length': OK_BODY.length }) + OK_BODY);
}

/**
 * A raw server whose first request gets `fault(socket, server)` and every later one a correct
 * answer, so "the next call on the same client succeeds" can be checked against it.
 */
const faultOnce = (fault) => (socket, server) => (server.requests === 1 ? fault(socket, server) : answerOk(socket));

function assertTransport(e, code, { outcomeUnknown = true, attempts = 1, status } = {}) {
  assert.ok(isTransportError(e), util.inspect(e));
  assert.equal(e.name, 'TransportError');
  assert.equal(e.code, code, util.inspect(e));
  assert.equal(e.outcomeUnknown, outcomeUnknown, `outcomeUnknown: ${e.message}`);
  assert.equal(e.attempts, attempts, 'attempts');
  assert.equal(e.status, status, 'status');
  assertNoSecrets(e, `TransportError ${code}`);
}

/** The settle time must be the deadline: not before it, not a period later. */
function assertAtDeadline(ms, deadline, label) {
  assert.ok(ms >= deadline - 2 && ms <= deadline + SLACK, `${label}: settled after ${ms.toFixed(0)} ms, expected ${deadline}..${deadline + SLACK}`);
}

async function assertNextCallWorks(client, label) {
  const r = await timed(client.createService(svc()));
  assert.ok(r.ok, `${label}: the next call on the same client failed: ${util.inspect(r.error)}`);
  assert.deepEqual(r.value, { errcode: 0, errmsg: 'ok' });
}

const timeouts = () => activeResources().Timeout ?? 0;

test('no response headers ever: TIMEOUT at timeoutMs, sent once, no timer left, next call works', async () => {
  await withRaw(faultOnce(() => {}), async (server) => {
    const hooks = recordingHooks();
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: T, ...hooks });
    const timersBefore = timeouts();
    const r = await timed(client.createService(svc()));
    const e = rejected(r, 'no headers');
    assertTransport(e, 'TIMEOUT');
    assertAtDeadline(r.ms, T, 'no headers');
    figure(`no headers ever: TIMEOUT after ${r.ms.toFixed(0)} ms (timeoutMs ${T})`);
    assert.equal(server.requests, 1, 'a timeout after sending is not retried');
    // The attempt timer and the outer deadline timer are both cleared once the call settled.
    assert.equal(timeouts(), timersBefore, `timers left after the call: ${util.inspect(activeResources())}`);
    assertHooksClean(hooks);
    await assertNextCallWorks(client, 'no headers');
    assert.equal(timeouts(), timersBefore, `timers left after the next call: ${util.inspect(activeResources())}`);
  });
});

test('headers late, then a stalled body: one timeout covers headers and body', async () => {
  // Headers at 60% of the timeout, half the body, then nothing. A timeout that restarted at
  // the headers (or only covered them) would settle at 1.6 T or never.
  await withRaw(
    faultOnce(async (socket) => {
      await sleep(T * 0.6);
      if (!socket.destroyed) {
        socket.write(head(200, { 'content-type': 'application/json', 'content-length': OK_BODY.length }) + OK_BODY.slice(0, 12));
      }
    }),
    async (server) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: T });
      const r = await timed(client.createService(svc()));
      assertTransport(rejected(r, 'stalled body'), 'TIMEOUT');
      assertAtDeadline(r.ms, T, 'stalled body');
      figure(`headers at ${T * 0.6} ms then a stalled body: TIMEOUT after ${r.ms.toFixed(0)} ms (timeoutMs ${T})`);
      assert.equal(server.requests, 1);
      await assertNextCallWorks(client, 'stalled body');
    },
  );
});

for (const [how, drop] of [
  ['closed (FIN)', (socket) => socket.end()],
  ['reset (RST)', (socket) => (socket.resetAndDestroy ? socket.resetAndDestroy() : socket.destroy())],
]) {
  test(`the connection is ${how} mid-body: NETWORK, outcomeUnknown, not retried, settles at once`, async () => {
    await withRaw(
      faultOnce((socket) => {
        socket.write(head(200, { 'content-type': 'application/json', 'content-length': OK_BODY.length }) + OK_BODY.slice(0, 12));
        setTimeout(() => drop(socket), 20);
      }),
      async (server) => {
        const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: T });
        const r = await timed(client.createService(svc()));
        assertTransport(rejected(r, 'drop mid-body'), 'NETWORK');
        assert.ok(r.ms < T, `settled after ${r.ms.toFixed(0)} ms: the drop ends the call, not the timeout`);
        assert.equal(server.requests, 1, 'a drop after sending is not retried');
        await assertNextCallWorks(client, 'drop mid-body');
      },
    );
  });
}

test('a body dripping one byte every 40 ms (each within the timeout): TIMEOUT at timeoutMs', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T });
    emu.addFaults({ drip: { chunkBytes: 1, intervalMs: 40 } }); // 27 bytes: ~1 s in all
    const r = await timed(client.createService(svc()));
    assertTransport(rejected(r, 'drip'), 'TIMEOUT');
    assertAtDeadline(r.ms, T, 'drip');
    figure(`drip 1 B / 40 ms: TIMEOUT after ${r.ms.toFixed(0)} ms (timeoutMs ${T})`);
    assert.equal(requestsSeen(emu), 1);
    await assertNextCallWorks(client, 'drip');
  });
});

for (const status of [502, 503]) {
  test(`${status} with a 1 MB HTML page: HTTP_STATUS ${status}, capped snippet, settles at once`, async () => {
    await withEmu(async (emu) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T });
      emu.addFaults({ status, bodyBytes: 1_000_000 });
      const r = await timed(client.createService(svc()));
      const e = rejected(r, `${status}`);
      assertTransport(e, 'HTTP_STATUS', { status });
      assert.ok(e.message.length < 1000, `the message quotes a capped snippet, not the page (${e.message.length} chars)`);
      assert.ok(r.ms < T, `settled after ${r.ms.toFixed(0)} ms`);
      assert.equal(requestsSeen(emu), 1, 'a 5xx is not retried');
      figure(`${status} with a 1 MB page: HTTP_STATUS after ${r.ms.toFixed(0)} ms, message ${e.message.length} chars`);
      await assertNextCallWorks(client, `${status}`);
    });
  });
}

test('502 declaring 1 MB that never fully arrives: HTTP_STATUS at once, the body is cancelled, not drained', async () => {
  // 16 KiB of the declared 1 MB are sent, then nothing: a client that read the error page to
  // its end would hang until the timeout. The connection must be closed by the client.
  let closedAfterMs;
  await withRaw(
    faultOnce((socket, server) => {
      socket.write(head(502, { 'content-type': 'text/html', 'content-length': 1_000_000 }) + `<html>${'x'.repeat(16 * 1024)}`);
      const sentAt = performance.now();
      socket.once('close', () => {
        closedAfterMs = performance.now() - sentAt;
      });
      server.written += 16 * 1024;
    }),
    async (server) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: 4 * T });
      const r = await timed(client.createService(svc()));
      assertTransport(rejected(r, '502 partial'), 'HTTP_STATUS', { status: 502 });
      assert.ok(r.ms < T, `settled after ${r.ms.toFixed(0)} ms, without waiting for the rest of the page`);
      await settleIo(100);
      assert.ok(closedAfterMs !== undefined, 'the client closed the connection instead of keeping it for the rest of the page');
      figure(`502 declaring 1 MB, 16 KiB sent: HTTP_STATUS after ${r.ms.toFixed(0)} ms; client closed the socket ${closedAfterMs.toFixed(0)} ms after the page started`);
      await assertNextCallWorks(client, '502 partial');
    },
  );
});

test('a 50 MB body is cut at the 1 MiB cap: BAD_RESPONSE at once, wasm memory bounded by the cap and then unchanged', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 4 * T });
    await client.createService(svc()); // warm: the instance has served one normal call
    const m0 = wasmMemoryBytes();

    // Declared 50 MB: refused on its Content-Length, nothing read.
    emu.addFaults({ oversizedBytes: 50 * MiB });
    let r = await timed(client.createService(svc()));
    assertTransport(rejected(r, '50 MB declared'), 'BAD_RESPONSE', { status: 200 });
    assert.ok(r.ms < T, `settled after ${r.ms.toFixed(0)} ms`);
    const m1 = wasmMemoryBytes();
    figure(`50 MB with Content-Length: BAD_RESPONSE after ${r.ms.toFixed(0)} ms; wasm memory ${mib(m0)} -> ${mib(m1)}`);
    assert.equal(m1, m0, 'a body refused on its declared length leaves wasm memory unchanged');

    // Chunked 50 MB: read up to the cap, then cancelled.
    emu.addFaults({ oversizedBytes: 50 * MiB, chunked: true });
    r = await timed(client.createService(svc()));
    assertTransport(rejected(r, '50 MB chunked'), 'BAD_RESPONSE', { status: 200 });
    assert.ok(r.ms < 2 * T, `settled after ${r.ms.toFixed(0)} ms`);
    const m2 = wasmMemoryBytes();
    figure(`50 MB chunked (first capped read): BAD_RESPONSE after ${r.ms.toFixed(0)} ms; wasm memory ${mib(m1)} -> ${mib(m2)} (+${mib(m2 - m1)})`);
    // The first read up to the cap may grow linear memory once (it never shrinks), by a
    // small multiple of the cap for the growing buffer; 50 MB read in would be 50 MiB.
    assert.ok(m2 - m1 <= 8 * BODY_CAP, `the first capped read grew wasm memory by ${mib(m2 - m1)}`);

    // From then on, 50 MB bodies leave wasm memory exactly as it was.
    for (let i = 0; i < 4; i++) {
      emu.addFaults({ oversizedBytes: 50 * MiB, chunked: i % 2 === 0 });
      assertTransport(rejected(await timed(client.createService(svc())), `50 MB #${i}`), 'BAD_RESPONSE', { status: 200 });
    }
    const m3 = wasmMemoryBytes();
    figure(`4 more 50 MB bodies: wasm memory ${mib(m2)} -> ${mib(m3)}`);
    assert.equal(m3, m2, 'repeated 50 MB bodies leave wasm memory unchanged');
    await assertNextCallWorks(client, '50 MB');
  });
});

test('a 50 MB chunked body from a raw server: the client stops reading after the cap', async () => {
  const TOTAL = 50 * MiB;
  await withRaw(
    faultOnce(async (socket, server) => {
      socket.write(head(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }));
      const block = Buffer.alloc(64 * 1024, 0x78);
      const frame = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
      let sent = 0;
      while (sent < TOTAL && (await server.write(socket, frame))) sent += block.length;
    }),
    async (server) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: 4 * T });
      const r = await timed(client.createService(svc()));
      assertTransport(rejected(r, 'raw 50 MB'), 'BAD_RESPONSE', { status: 200 });
      await settleIo(100);
      figure(`raw 50 MB chunked: BAD_RESPONSE after ${r.ms.toFixed(0)} ms; the server could write ${mib(server.written)} before the client closed (socket buffers included)`);
      assert.ok(server.written < TOTAL / 4, `the client read on: the server wrote ${mib(server.written)}`);
      await assertNextCallWorks(client, 'raw 50 MB');
    },
  );
});

test('an errmsg, an error page and a broken body echoing the token and the password: all redacted', async () => {
  const echo = `access_token=${TOKEN} token ${TOKEN} password ${PASSWORD} "password":"${PASSWORD}"`;
  const answers = [
    ['WxApiError errmsg', 'WX_API', (s) => {
      const body = JSON.stringify({ errcode: 40001, errmsg: `invalid credential ${echo}` });
      s.end(head(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) + body);
    }],
    ['HTTP 500 page', 'HTTP_STATUS', (s) => {
      const body = `<html><body>upstream said: ${echo}</body></html>`;
      s.end(head(500, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) }) + body);
    }],
    ['status 200, not JSON', 'BAD_RESPONSE', (s) => {
      const body = `oops ${echo}`;
      s.end(head(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }) + body);
    }],
    ['errcode as a string', 'BAD_RESPONSE', (s) => {
      const body = JSON.stringify({ errcode: '40001', errmsg: echo });
      s.end(head(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) + body);
    }],
  ];
  for (const [what, code, answer] of answers) {
    await withRaw(faultOnce(answer), async (server) => {
      const hooks = recordingHooks();
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: server.url, timeoutMs: T, ...hooks });
      const r = await timed(client.createService(svc()));
      const e = rejected(r, what);
      assert.equal(e.code, code, `${what}: ${util.inspect(e)}`);
      assertNoSecrets(e, what);
      assertHooksClean(hooks, what);
      assert.ok(r.ms < T, `${what}: settled after ${r.ms.toFixed(0)} ms`);
      if (code === 'WX_API') assert.match(e.errmsg, /\*\*\*/, 'the errmsg is kept with the secrets masked');
      await assertNextCallWorks(client, what);
    });
  }
});

test('a redirect to another port where a second server listens: refused, the other server receives nothing', async () => {
  const other = await rawServer(answerOk);
  try {
    await withEmu(async (emu) => {
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T });
      for (const redirect of [307, 308, 301, 302, 303]) {
        emu.reset();
        emu.addFaults({ redirect, to: `${other.url}/componenttcb/establishcloudbaserunserver?access_token=${TOKEN}` });
        const r = await timed(client.createService(svc()));
        const e = rejected(r, `redirect ${redirect}`);
        assertTransport(e, 'NETWORK');
        assert.match(e.message, /redirect/, 'the message says why');
        assert.ok(r.ms < T, `settled after ${r.ms.toFixed(0)} ms`);
        assert.equal(requestsSeen(emu), 1, 'sent once');
        await assertNextCallWorks(client, `redirect ${redirect}`);
      }
      await settleIo(100);
      assert.equal(other.connections, 0, `the redirect target was contacted (${other.connections} connections)`);
      assert.equal(other.received, '', 'the redirect target received bytes');
    });
  } finally {
    await other.close();
  }
});

test('one AbortSignal reused for 100 sequential calls of every outcome: no listener left, no MaxListenersExceededWarning', async () => {
  await withEmu(async (emu) => {
    const ac = new AbortController();
    const { signal } = ac;
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T });
    const outcomes = {};
    const warnings = await collectWarnings(async () => {
      for (let i = 0; i < 100; i++) {
        let input = svc();
        let overrides = { signal };
        switch (i % 10) {
          case 1: emu.addFaults({ busy: 1 }); overrides.maxRetries = 1; break; // retry: waits on the signal
          case 2: emu.addFaults({ errcode: 45009 }); break;
          case 3: emu.addFaults({ reset: true }); break;
          case 4: input = svc({ is_public: 'yes' }); break; // nothing sent
          case 5: emu.addFaults({ delayMs: 300 }); overrides.timeoutMs = 100; break; // timeout
          case 6: emu.addFaults({ truncated: true }); break;
          default: break; // success
        }
        const r = await timed(client.createService(input, overrides));
        const key = r.ok ? 'ok' : r.error.code;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        const left = getEventListeners(signal, 'abort').length;
        assert.equal(left, 0, `call ${i} (${key}) left ${left} abort listener(s) on the signal`);
      }
    });
    figure(`one signal, 100 sequential calls: ${util.inspect(outcomes, { breakLength: Infinity })}; abort listeners left: ${getEventListeners(signal, 'abort').length}`);
    assert.deepEqual(Object.keys(outcomes).sort(), ['BAD_RESPONSE', 'NETWORK', 'TIMEOUT', 'VALIDATION', 'WX_API', 'ok'].sort());
    const leakWarnings = warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
    assert.deepEqual(leakWarnings.map((w) => w.message), [], 'no MaxListenersExceededWarning');
    // The signal still works after all that: aborting it stops the next call before sending.
    ac.abort();
    const before = requestsSeen(emu);
    const r = await timed(client.createService(svc(), { signal }));
    assertTransport(rejected(r, 'aborted signal'), 'ABORTED', { outcomeUnknown: false, attempts: 0 });
    assert.equal(requestsSeen(emu), before, 'nothing sent with the aborted signal');
    await assertNextCallWorks(client, 'after the abort');
  });
});

test('one AbortSignal shared by 100 concurrent calls: all settle, no listener left, no MaxListenersExceededWarning', async () => {
  await withEmu(async (emu) => {
    const ac = new AbortController();
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 4 * T });
    let during = 0;
    const warnings = await collectWarnings(async () => {
      const calls = Array.from({ length: 100 }, () => client.createService(svc(), { signal: ac.signal }));
      await sleep(0);
      during = getEventListeners(ac.signal, 'abort').length;
      const results = await Promise.allSettled(calls);
      const failed = results.filter((x) => x.status === 'rejected');
      assert.deepEqual(failed.map((x) => x.reason?.message), [], 'every call succeeded');
    });
    const after = getEventListeners(ac.signal, 'abort').length;
    const leakWarnings = warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
    figure(`one signal, 100 concurrent calls: ${during} abort listeners in flight, ${after} after; MaxListenersExceededWarning: ${leakWarnings.length}`);
    assert.equal(after, 0, 'no abort listener left after the calls settled');
    assert.equal(emu.state().services.length, 100);
    assert.deepEqual(
      leakWarnings.map((w) => w.message),
      [],
      'sharing one signal between concurrent calls is normal use (a shutdown signal): it must not print a leak warning',
    );
  });
});

test('every emulator fault in turn on one client: the right error within the deadline, then a working call', async () => {
  await withEmu(async (emu) => {
    const hooks = recordingHooks();
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T, ...hooks });
    // [fault, expected code (null: success), upper bound of the settle time]
    const sweep = [
      [{ busy: 1 }, null, T + 500 + SLACK], // retried after at most the 500 ms base backoff
      [{ busy: 10 }, 'WX_API', 2 * T + 500 + 1000 + SLACK],
      [{ errcode: 40001 }, 'WX_API', T],
      [{ errcode: 42001 }, 'WX_API', T],
      [{ errcode: 45009 }, 'WX_API', T],
      [{ errcode: 40097 }, 'WX_API', T],
      [{ errcodeAsString: true }, 'BAD_RESPONSE', T],
      [{ missingErrcode: true }, 'BAD_RESPONSE', T],
      [{ delayMs: 3 * T }, 'TIMEOUT', T + SLACK],
      [{ stallBody: true }, 'TIMEOUT', T + SLACK],
      [{ drip: { chunkBytes: 2, intervalMs: 100 } }, 'TIMEOUT', T + SLACK],
      [{ reset: true }, 'NETWORK', T],
      [{ http500: true }, 'HTTP_STATUS', T],
      [{ status: 503, bodyBytes: 300_000 }, 'HTTP_STATUS', T],
      [{ truncated: true }, 'BAD_RESPONSE', T],
      [{ truncated: true, closeEarly: true }, 'NETWORK', T],
      [{ oversizedBytes: 2 * MiB, chunked: true }, 'BAD_RESPONSE', T],
      [{ redirect: 307, to: `${emu.url}/elsewhere` }, 'NETWORK', T],
    ];
    const rows = [];
    for (const [fault, code, bound] of sweep) {
      emu.addFaults(fault);
      const r = await timed(client.createService(svc()));
      const label = JSON.stringify(fault);
      if (code === null) {
        assert.ok(r.ok, `${label}: ${util.inspect(r.error)}`);
      } else {
        const e = rejected(r, label);
        assert.equal(e.code, code, `${label}: ${util.inspect(e)}`);
        assertNoSecrets(e, label);
        if (isWxApiError(e)) assert.equal(typeof e.errcode, 'number');
      }
      assert.ok(r.ms <= bound, `${label}: settled after ${r.ms.toFixed(0)} ms, bound ${bound}`);
      rows.push(`${Object.keys(fault)[0]}=${code ?? 'ok'}@${r.ms.toFixed(0)}ms`);
      emu.reset(); // drop any fault left unconsumed
      await assertNextCallWorks(client, label);
    }
    assertHooksClean(hooks, 'sweep');
    figure(`fault sweep (timeoutMs ${T}): ${rows.join(' ')}`);
  });
});

test('a token function that never settles: the call settles at timeoutMs, nothing is sent', async () => {
  await withEmu(async (emu) => {
    let calls = 0;
    const client = new CloudbaseClient({
      baseUrl: emu.url,
      timeoutMs: 300,
      maxRetries: 0,
      // The first call hangs forever; later calls get the token.
      accessToken: () => (++calls === 1 ? new Promise(() => {}) : TOKEN),
    });
    // The token source gets timeoutMs, like an attempt.
    const bound = 300;
    const r = await timed(client.createService(svc()));
    const e = rejected(r, 'hanging token function');
    assert.ok(isTransportError(e), util.inspect(e));
    assert.equal(e.code, 'TIMEOUT');
    assertNoSecrets(e, 'hanging token function');
    assertAtDeadline(r.ms, bound, 'hanging token function');
    figure(`token function that never settles: TIMEOUT after ${r.ms.toFixed(0)} ms (timeoutMs ${bound} ms)`);
    assert.equal(requestsSeen(emu), 0, 'nothing was sent');
    await assertNextCallWorks(client, 'hanging token function');
  });
});

test('a token function that never settles: the error says nothing was sent (attempts 0, outcomeUnknown false)', async () => {
  await withEmu(async (emu) => {
    const r = await timed(createService(svc(), {
      baseUrl: emu.url,
      timeoutMs: 100,
      maxRetries: 0,
      accessToken: () => new Promise(() => {}),
    }));
    const e = rejected(r, 'hanging token function');
    assert.equal(e.code, 'TIMEOUT');
    assert.equal(requestsSeen(emu), 0, 'nothing was sent');
    // As for a signal aborted before sending (tests/node/transport.test.mjs): nothing may
    // say that an attempt was made, or that a service may exist.
    assert.deepEqual(
      { attempts: e.attempts, outcomeUnknown: e.outcomeUnknown },
      { attempts: 0, outcomeUnknown: false },
      `the error claims a request was made: ${e.message}`,
    );
  });
});

test('after the suite: no timers and no sockets left (process.getActiveResourcesInfo)', async () => {
  // Every emulator and raw server above was closed; give closed sockets a moment to go.
  await settleIo(200);
  const left = activeResources();
  figure(`active resources at the end of faults.test.mjs: ${util.inspect(left, { breakLength: Infinity })}`);
  const offending = Object.fromEntries(
    Object.entries(left).filter(([name]) => ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPServerWrap', 'TCPWRAP'].includes(name)),
  );
  assert.deepEqual(offending, {}, 'timers or sockets left behind');
});
