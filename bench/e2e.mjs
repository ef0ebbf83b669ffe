// End to end: createService against the emulator (in its own process), beside raw fetch of
// the same body to the same emulator, at concurrency 1, 16 and 64. Prints one JSON object:
// per concurrency and client, the median throughput over ROUNDS (clients alternate within
// a round), p50/p99 latency over all rounds' calls, and the median of the per-round
// throughput ratios ours/raw.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createService } from '../pkg/dist/node.mjs';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';
import { median, percentile } from './stats.mjs';

const ROUNDS = Number(process.env.BENCH_E2E_ROUNDS ?? 3);
const CALLS = { 1: 1500, 16: 4000, 64: 6000 };
const PATH = '/componenttcb/establishcloudbaserunserver';

const child = spawn(process.execPath, [fileURLToPath(new URL('./emulator-child.mjs', import.meta.url))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = await once(child.stdout, 'data');
const { url } = JSON.parse(String(line));
const reset = () => fetch(`${url}/__emulator/reset`, { method: 'POST' }).then((r) => r.arrayBuffer());

// Every call creates a service of its own (the emulator refuses a second one of a name).
let serial = 0;
const body = () => ({ ...fullRequest(), service_name: `svc-${serial++}` });
const options = { accessToken: ACCESS_TOKEN, baseUrl: url };
const clients = {
  ours: async () => {
    const res = await createService(body(), options);
    if (res.errcode !== 0) throw new Error(`errcode ${res.errcode}`);
  },
  raw: async () => {
    const res = await fetch(`${url}${PATH}?access_token=${ACCESS_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    const answer = await res.json();
    if (answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}`);
  },
};

/** `calls` calls of `client` by `concurrency` workers: calls per second and each call's ms. */
async function load(client, concurrency, calls) {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next++ < calls) {
      const start = performance.now();
      await client();
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: (calls / (performance.now() - start)) * 1000, latencies };
}

const result = { rounds: ROUNDS, calls: CALLS };
try {
  for (const name of Object.keys(clients)) await load(clients[name], 16, 1000); // warm up
  for (const concurrency of [1, 16, 64]) {
    const runs = { ours: [], raw: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
      for (const name of order) {
        await reset();
        runs[name].push(await load(clients[name], concurrency, CALLS[concurrency]));
      }
    }
    const summary = {};
    for (const [name, list] of Object.entries(runs)) {
      const latencies = list.flatMap((run) => run.latencies);
      summary[name] = {
        perSecond: median(list.map((run) => run.perSecond)),
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
      };
    }
    summary.ratio = median(runs.ours.map((run, i) => run.perSecond / runs.raw[i].perSecond));
    result[`c${concurrency}`] = summary;
  }
} finally {
  child.kill('SIGTERM');
}
process.stdout.write(`${JSON.stringify(result)}\n`);
