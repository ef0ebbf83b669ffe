// End to end: two calls of the package against the emulator (in its own process), each beside
// raw fetch of the same body to the same emulator, at concurrency 1, 16 and 64:
//   createService            the one-shot export (validates, builds, sends) with the full
//                            request, a new service name per call (a create succeeds once)
//   getWxCloudBaseRunEnvs    a client's method (a read call, body `{}`)
// Prints one JSON object: per call, concurrency and client, the median throughput over
// ROUNDS (clients alternate within a round, the emulator reset before each run), p50/p99
// latency over all rounds' calls, client CPU µs per call (process.cpuUsage over the run,
// user + system, divided by calls: the emulator's CPU is its own process's), and the median
// of the per-round throughput ratios ours/raw.
//   BENCH_E2E_ROUNDS (3), BENCH_E2E_SCALE (1: multiplies the calls per run),
//   BENCH_E2E_ONLY ("createService:16,getEnvs:1": only those runs, for probing)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CloudbaseClient, createService } from '../pkg/dist/node.mjs';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';
import { median, percentile } from './stats.mjs';

const ROUNDS = Number(process.env.BENCH_E2E_ROUNDS ?? 3);
const SCALE = Number(process.env.BENCH_E2E_SCALE ?? 1);
const CALLS = { 1: 1500, 16: 4000, 64: 6000 };
const ONLY = process.env.BENCH_E2E_ONLY ? new Set(process.env.BENCH_E2E_ONLY.split(',')) : null;

const child = spawn(process.execPath, [fileURLToPath(new URL('./emulator-child.mjs', import.meta.url))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = await once(child.stdout, 'data');
const { url } = JSON.parse(String(line));
const reset = () => fetch(`${url}/__emulator/reset`, { method: 'POST' }).then((r) => r.arrayBuffer());

const options = { accessToken: ACCESS_TOKEN, baseUrl: url };
const client = new CloudbaseClient(options);
const checked = (answer) => {
  if (answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}`);
};
/** Raw fetch as a careful user would write it: POST the JSON, read it as JSON, check errcode. */
const rawPost = async (path, text) => {
  const res = await fetch(`${url}/componenttcb/${path}?access_token=${ACCESS_TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
  });
  checked(await res.json());
};

// Every createService call creates a service of its own (the emulator refuses a second one
// of a name); both clients pay for making the body alike.
let serial = 0;
const body = () => ({ ...fullRequest(), service_name: `svc-${serial++}` });
const CASES = {
  createService: {
    ours: async () => checked(await createService(body(), options)),
    raw: () => rawPost('establishcloudbaserunserver', JSON.stringify(body())),
  },
  getEnvs: {
    ours: async () => checked(await client.getWxCloudBaseRunEnvs()),
    raw: () => rawPost('describecloudbaserunenvs', '{}'),
  },
};

/** `calls` calls of `fn` by `concurrency` workers: calls per second, CPU µs per call, each call's ms. */
async function load(fn, concurrency, calls) {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next++ < calls) {
      const start = performance.now();
      await fn();
      latencies.push(performance.now() - start);
    }
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { perSecond: (calls / elapsed) * 1000, cpuUs: (used.user + used.system) / calls, latencies };
}

const result = { rounds: ROUNDS, calls: Object.fromEntries(Object.entries(CALLS).map(([c, n]) => [c, Math.round(n * SCALE)])) };
try {
  for (const clients of Object.values(CASES)) for (const fn of Object.values(clients)) await load(fn, 16, 1000); // warm up
  for (const [name, clients] of Object.entries(CASES)) {
    result[name] = {};
    for (const concurrency of [1, 16, 64]) {
      if (ONLY && !ONLY.has(`${name}:${concurrency}`)) continue;
      const calls = result.calls[concurrency];
      const runs = { ours: [], raw: [] };
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
        for (const who of order) {
          await reset();
          runs[who].push(await load(clients[who], concurrency, calls));
        }
      }
      const summary = {};
      for (const [who, list] of Object.entries(runs)) {
        const latencies = list.flatMap((run) => run.latencies);
        summary[who] = {
          perSecond: median(list.map((run) => run.perSecond)),
          cpuUs: median(list.map((run) => run.cpuUs)),
          p50Ms: percentile(latencies, 0.5),
          p99Ms: percentile(latencies, 0.99),
        };
      }
      summary.ratio = median(runs.ours.map((run, i) => run.perSecond / runs.raw[i].perSecond));
      summary.ratios = runs.ours.map((run, i) => run.perSecond / runs.raw[i].perSecond);
      result[name][`c${concurrency}`] = summary;
    }
  }
} finally {
  child.kill('SIGTERM');
}
process.stdout.write(`${JSON.stringify(result)}\n`);
