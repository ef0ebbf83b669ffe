// Concurrency and soak (RELIABILITY.md §3): 1,000 concurrent calls on one client, re-entrant
// calls from hooks and token functions, and 100,000 sequential calls with RSS, V8 heap and
// wasm memory printed at start and end and asserted flat.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  toCurl,
  validateCreateServiceRequest,
  wasmMemoryBytes,
} from 'wx-cloudbase-service';
import { TOKEN, assertNoSecrets, closedPort, svc, withEmu } from './helpers.mjs';
import { MiB, activeResources, figure, mib, sleep } from './lib.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** Full GC twice, with a turn of the event loop between (FinalizationRegistry callbacks run then). */
async function collect() {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(10);
  }
}

async function snapshot() {
  await collect();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external, wasm: wasmMemoryBytes() };
}
const show = (s) => `RSS ${mib(s.rss)}, V8 heap ${mib(s.heap)}, external ${mib(s.external)}, wasm ${mib(s.wasm)}`;

const RECURSIVE = /recursive use of an object|already borrowed|already mutably borrowed|unreachable|null pointer passed to rust/i;

test('1,000 concurrent createService calls on one client, distinct names: all settle, each service recorded exactly once', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    const inputs = Array.from({ length: 1000 }, (_, i) => svc({ service_name: `c1k-${i}` }));
    const started = performance.now();
    const results = await Promise.allSettled(inputs.map((input) => client.createService(input)));
    const ms = performance.now() - started;
    const rejected = results.filter((r) => r.status === 'rejected');
    assert.deepEqual(rejected.slice(0, 5).map((r) => `${r.reason?.name} ${r.reason?.code}: ${r.reason?.message}`), [], `${rejected.length} calls failed`);
    for (const r of results) assert.deepEqual(r.value, { errcode: 0, errmsg: 'ok' });
    const st = emu.state();
    assert.equal(st.requests, 1000, 'one request per call');
    const counts = new Map();
    for (const s of st.services) counts.set(s.service_name, (counts.get(s.service_name) ?? 0) + 1);
    assert.equal(counts.size, 1000, 'every service recorded');
    assert.deepEqual([...counts.values()].filter((n) => n !== 1), [], 'no service recorded twice');
    assert.deepEqual([...counts.keys()].sort(), inputs.map((i) => i.service_name).sort());
    figure(`1,000 concurrent createService on one client: all settled in ${ms.toFixed(0)} ms`);
    // The client still works after the burst.
    assert.equal((await client.createService(svc())).errcode, 0);
  });
});

test('1,000 concurrent calls with busy answers, invalid requests and aborts mixed in: each settles with its own outcome, nothing created twice', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 10 });
    emu.addFaults({ busy: 150 });
    const aborted = new AbortController();
    aborted.abort('stop');
    const plan = Array.from({ length: 1000 }, (_, i) => {
      if (i % 10 === 3) return ['invalid', svc({ service_name: `mix-${i}`, is_public: 'no' }), undefined];
      if (i % 10 === 7) return ['aborted', svc({ service_name: `mix-${i}` }), { signal: aborted.signal }];
      return ['ok', svc({ service_name: `mix-${i}` }), undefined];
    });
    const results = await Promise.allSettled(plan.map(([, input, over]) => client.createService(input, over)));
    const wrong = [];
    results.forEach((r, i) => {
      const [want] = plan[i];
      const got = r.status === 'fulfilled' ? 'ok' : { VALIDATION: 'invalid', ABORTED: 'aborted' }[r.reason?.code] ?? `${r.reason?.code}: ${r.reason?.message}`;
      if (got !== want) wrong.push(`#${i}: wanted ${want}, got ${got}`);
      if (r.status === 'rejected') {
        assert.ok(!RECURSIVE.test(r.reason?.message ?? ''), r.reason?.message);
        if (i % 50 === 3) assertNoSecrets(r.reason, `mixed #${i}`);
      }
    });
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} calls got another outcome`);
    const st = emu.state();
    const want = plan.filter(([w]) => w === 'ok').length;
    assert.equal(st.services.length, want, 'every successful call created its service');
    assert.equal(new Set(st.services.map((s) => s.service_name)).size, want, 'none twice');
    assert.equal(st.requests, want + 150, 'busy answers were retried; invalid and aborted calls sent nothing');
  });
});

test('re-entrant use: hooks and the token function call back into the library while 200 calls are in flight', async () => {
  await withEmu(async (emu) => {
    let nested = 0;
    const nestedCalls = [];
    const reenter = () => {
      // Synchronous calls into the same wasm instance from inside a call.
      const r = validateCreateServiceRequest(svc());
      assert.equal(r.ok, true);
      const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: emu.url });
      toCurl(req);
      nested++;
    };
    const client = new CloudbaseClient({
      baseUrl: emu.url,
      accessToken: async () => {
        reenter();
        return TOKEN;
      },
      onRequest: () => {
        reenter();
        // An async call started from inside a hook.
        if (nestedCalls.length < 50) nestedCalls.push(client.createService(svc()));
      },
      onResponse: reenter,
    });
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.createService(svc())));
    const nestedResults = await Promise.allSettled(nestedCalls);
    const failures = [...results, ...nestedResults].filter((r) => r.status === 'rejected').map((r) => `${r.reason?.name}: ${r.reason?.message}`);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failed`);
    assert.equal(emu.state().services.length, 250);
    assert.ok(nested >= 750, `re-entered ${nested} times`);
    figure(`re-entrancy: 250 calls, ${nested} nested synchronous calls from hooks and token functions, no failure`);
  });
});

test('100,000 sequential calls: RSS, V8 heap and wasm memory flat (start and end printed)', async () => {
  await withEmu(async (emu) => {
    const refused = `http://127.0.0.1:${await closedPort()}`;
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 2000 });
    const valid = (i) => svc({ service_name: `soak-${i}` });
    const invalid = (i) => svc({ service_name: `soak-${i}`, is_public: 'yes', es_info: { port: 70000 } });
    const opts = { accessToken: TOKEN, baseUrl: emu.url };
    const counts = {};
    const count = (k, n = 1) => {
      counts[k] = (counts[k] ?? 0) + n;
    };

    /** One round of every kind of call; `scale` 1 is the measured run (100,000 calls). */
    async function round(scale, offset) {
      const n = (x) => Math.max(1, Math.round(x * scale));
      for (let i = 0; i < n(44_000); i++) buildCreateServiceRequest(valid(offset + i), opts);
      count('build ok', n(44_000));
      for (let i = 0; i < n(20_000); i++) validateCreateServiceRequest(i % 2 ? valid(i) : invalid(i));
      count('validate (half invalid)', n(20_000));
      for (let i = 0; i < n(10_000); i++) {
        try {
          buildCreateServiceRequest(invalid(i), opts);
        } catch (e) {
          if (e.code !== 'VALIDATION') throw e;
        }
      }
      count('build → ValidationError', n(10_000));
      for (let i = 0; i < n(5_000); i++) {
        try {
          buildCreateServiceRequest(valid(i), { accessToken: i % 2 ? '' : `${TOKEN}\n`, baseUrl: emu.url });
        } catch (e) {
          if (e.code !== 'CONFIG') throw e;
        }
      }
      count('build → ConfigError', n(5_000));
      const req = buildCreateServiceRequest(valid(0), opts);
      for (let i = 0; i < n(9_000); i++) toCurl(req, { revealSecrets: i % 2 === 0 });
      count('toCurl', n(9_000));
      for (let i = 0; i < n(5_000); i++) {
        const res = await client.createService(valid(offset + i));
        assert.equal(res.errcode, 0);
      }
      count('createService ok (emulator)', n(5_000));
      for (let i = 0; i < n(1_000); i++) {
        const kind = i % 4;
        if (kind === 0) emu.addFaults({ errcode: 45009 });
        if (kind === 1) emu.addFaults({ truncated: true });
        if (kind === 2) emu.addFaults({ http500: true });
        const p = kind === 3
          ? createService(valid(i), { accessToken: TOKEN, baseUrl: refused, maxRetries: 0 })
          : client.createService(valid(offset + 500_000 + i));
        await p.then(
          () => assert.fail('resolved'),
          (e) => assert.equal(e.code, ['WX_API', 'BAD_RESPONSE', 'HTTP_STATUS', 'NETWORK'][kind]),
        );
      }
      count('createService errors (WX_API, BAD_RESPONSE, HTTP_STATUS, NETWORK)', n(1_000));
      for (let i = 0; i < n(6_000); i++) {
        await createService(invalid(i), opts).then(
          () => assert.fail('resolved'),
          (e) => assert.equal(e.code, 'VALIDATION'),
        );
      }
      count('createService → ValidationError', n(6_000));
    }

    // Warm-up: every path at 20% scale, so the measured run starts from a steady state
    // (RSS climbs for the first few thousand fetch calls while undici, V8 and malloc size
    // their pools; a run started earlier measures that climb, not a leak).
    await round(0.2, 0);
    for (const k of Object.keys(counts)) delete counts[k];
    emu.reset();
    const start = await snapshot();
    figure(`soak start: ${show(start)}`);
    const started = performance.now();
    // Five fifths of the load, with a snapshot after each: RSS is judged by its trend, not
    // by two single samples (see below).
    const samples = [];
    for (let k = 0; k < 5; k++) {
      await round(0.2, 1_000_000 + k * 100_000);
      samples.push(await snapshot());
    }
    const secs = (performance.now() - started) / 1000;
    const end = samples[samples.length - 1];
    figure(`soak RSS after each fifth: ${samples.map((x) => mib(x.rss)).join(', ')}`);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    figure(`soak end after ${total} sequential calls in ${secs.toFixed(1)} s: ${show(end)}`);
    figure(`soak calls: ${util.inspect(counts, { breakLength: Infinity })}`);
    figure(`soak delta: RSS ${mib(end.rss - start.rss)}, V8 heap ${mib(end.heap - start.heap)}, wasm ${mib(end.wasm - start.wasm)}`);
    assert.ok(total >= 100_000, `${total} calls`);
    assert.equal(emu.state().services.length, 5_000);
    // wasm memory grows only in 64 KiB pages and never shrinks: 1 MiB of tolerance is 16
    // pages, so a leak of 11 bytes or more per call (100,000 calls) would exceed it.
    assert.ok(end.wasm - start.wasm <= MiB, `wasm memory grew by ${mib(end.wasm - start.wasm)}`);
    // After a full GC the V8 heap holds only live objects: 8 MiB over 100,000 calls is 84
    // bytes per call, less than one leaked error or request object.
    assert.ok(end.heap - start.heap <= 8 * MiB, `V8 heap grew by ${mib(end.heap - start.heap)}`);
    // RSS also holds freed-but-kept malloc arenas and V8 pages: in a fetch-heavy loop it
    // swings by about 40 MiB between samples with no trend (measured over 30,000 calls:
    // 182–224 MiB, up and down). So the peak of the last two fifths is compared with the peak
    // of the first two: 24 MiB over the 60,000 calls between them still catches a leak of
    // 0.4 KB per call.
    const peak = (xs) => Math.max(...xs.map((x) => x.rss));
    const drift = peak(samples.slice(3)) - peak(samples.slice(0, 2));
    figure(`soak RSS drift (peak of last two fifths − peak of first two): ${mib(drift)}`);
    assert.ok(drift <= 24 * MiB, `RSS kept growing: ${mib(drift)} between the first and last fifths`);
  });
});

test('30,000 CloudbaseClients created and dropped without free(): wasm memory flat once the finalizers ran', async () => {
  const opts = { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:9', onRequest: () => {}, onResponse: () => {} };
  const makeMany = () => {
    for (let i = 0; i < 10_000; i++) new CloudbaseClient(opts);
  };
  makeMany();
  await collect();
  const m1 = wasmMemoryBytes();
  makeMany();
  await collect();
  makeMany();
  await collect();
  const m2 = wasmMemoryBytes();
  figure(`clients dropped without free(): wasm memory ${mib(m1)} after 10,000, ${mib(m2)} after 30,000`);
  assert.ok(m2 - m1 <= MiB, `wasm memory grew by ${mib(m2 - m1)}: dropped clients are not reclaimed`);
});

test('after the soak: no timers and no sockets left (process.getActiveResourcesInfo)', async () => {
  await sleep(200);
  const left = activeResources();
  figure(`active resources at the end of soak.test.mjs: ${util.inspect(left, { breakLength: Infinity })}`);
  const offending = Object.fromEntries(
    Object.entries(left).filter(([name]) => ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPServerWrap'].includes(name)),
  );
  assert.deepEqual(offending, {}, 'timers or sockets left behind');
});
