// Memory over many builds and calls, in a fresh process run with --expose-gc: wasm linear
// memory (wasmMemoryBytes(), which only grows) and RSS after a forced GC, before and after
// 1e6 builds of the full request, after 1e5 builds of an invalid one (the error path), and
// after 1e5 calls against the emulator (in its own process; half createService, half the
// read call, 16 at a time). Prints one JSON object.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CloudbaseClient, buildCreateServiceRequest, wasmMemoryBytes } from '../pkg/dist/node.mjs';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';

const BUILDS = Number(process.env.BENCH_MEMORY_CALLS ?? 1_000_000);
const ERROR_BUILDS = Math.round(BUILDS / 10);
const CALLS = Number(process.env.BENCH_MEMORY_NETWORK_CALLS ?? 100_000);
const options = { accessToken: ACCESS_TOKEN };
const valid = fullRequest();
const invalid = { ...fullRequest(), es_info: { port: 70000, password: 'x' }, vpc_info: { subnet_ids: [1] } };

async function snapshot() {
  // Twice, with a turn of the event loop between: finalizers and closed sockets settle.
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { wasmBytes: wasmMemoryBytes(), rssBytes: process.memoryUsage().rss };
}

for (let i = 0; i < 10_000; i++) buildCreateServiceRequest(valid, options);
const before = await snapshot();
let sink = 0;
for (let i = 0; i < BUILDS; i++) sink += buildCreateServiceRequest(valid, options).body.length;
const afterBuilds = await snapshot();
for (let i = 0; i < ERROR_BUILDS; i++) {
  try {
    buildCreateServiceRequest(invalid, options);
  } catch (e) {
    sink += e.issues.length;
  }
}
const afterErrors = await snapshot();

const child = spawn(process.execPath, [fileURLToPath(new URL('./emulator-child.mjs', import.meta.url))], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let afterCalls;
let beforeCalls;
try {
  const [line] = await once(child.stdout, 'data');
  const { url } = JSON.parse(String(line));
  const client = new CloudbaseClient({ accessToken: ACCESS_TOKEN, baseUrl: url });
  let serial = 0;
  const call = (i) =>
    i % 2 === 0 ? client.createService({ ...valid, service_name: `mem-${serial++}` }) : client.getWxCloudBaseRunEnvs();
  const run = async (n) => {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const answer = await call(next++);
        sink += answer.errcode === 0 ? 1 : 0;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  };
  await run(2_000); // warm up (sockets, JIT), then measure from here
  beforeCalls = await snapshot();
  await run(CALLS);
  afterCalls = await snapshot();
} finally {
  child.kill('SIGTERM');
}
if (sink === 0) throw new Error('nothing was built');
process.stdout.write(
  `${JSON.stringify({ builds: BUILDS, errorBuilds: ERROR_BUILDS, calls: CALLS, before, afterBuilds, afterErrors, beforeCalls, afterCalls })}\n`,
);
