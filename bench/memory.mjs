// Memory over many calls, in a fresh process run with --expose-gc: wasm linear memory
// (wasmMemoryBytes(), which only grows) and RSS after a forced GC, before and after 1e6
// builds of the full request, then after 1e5 builds of an invalid one (the error path).
// Prints one JSON object.
import { buildCreateServiceRequest, wasmMemoryBytes } from '../pkg/dist/node.mjs';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';

const CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 1_000_000);
const ERROR_CALLS = Math.round(CALLS / 10);
const options = { accessToken: ACCESS_TOKEN };
const valid = fullRequest();
const invalid = { ...fullRequest(), es_info: { port: 70000, password: 'x' }, vpc_info: { subnet_ids: [1] } };

function snapshot() {
  globalThis.gc();
  return { wasmBytes: wasmMemoryBytes(), rssBytes: process.memoryUsage().rss };
}

for (let i = 0; i < 10_000; i++) buildCreateServiceRequest(valid, options);
const before = snapshot();
let sink = 0;
for (let i = 0; i < CALLS; i++) sink += buildCreateServiceRequest(valid, options).body.length;
const afterValid = snapshot();
for (let i = 0; i < ERROR_CALLS; i++) {
  try {
    buildCreateServiceRequest(invalid, options);
  } catch (e) {
    sink += e.issues.length;
  }
}
const afterErrors = snapshot();
if (sink === 0) throw new Error('nothing was built');
process.stdout.write(`${JSON.stringify({ calls: CALLS, errorCalls: ERROR_CALLS, before, afterValid, afterErrors })}\n`);
