// Validate + build, per call, for each implementation on createCloudbaseService's full and
// minimal request, and for the package alone on createCloudbaseServiceVersion's full request
// (the family's largest call; no other implementation knows its rules); prints one JSON
// object. Each round times every implementation (in a shuffled order) over
// a batch of about BATCH_MS; the figure is the median over ROUNDS, and each ratio is the
// median of the per-round ratios to bare JSON.stringify of the same object, so every
// ratio compares figures measured side by side.
import { buildCreateServiceRequest, buildRequest } from '../pkg/dist/node.mjs';
import { compileAjv } from './ajv-schema.mjs';
import { buildPlain } from './plain-validator.mjs';
import { ACCESS_TOKEN, fullRequest, fullVersionRequest, minimalRequest } from './requests.mjs';
import { median, shuffled } from './stats.mjs';
import { zodSchema } from './zod-schema.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 60);
const ajvValidate = compileAjv();
const options = { accessToken: ACCESS_TOKEN };

const createServiceImplementations = {
  ours: (req) => buildCreateServiceRequest(req, options).body,
  plain: (req) => buildPlain(req),
  ajv: (req) => {
    if (!ajvValidate(req)) throw new Error(`ajv: ${JSON.stringify(ajvValidate.errors)}`);
    return JSON.stringify(req);
  },
  zod: (req) => JSON.stringify(zodSchema.parse(req)),
  stringify: (req) => JSON.stringify(req),
};

/** ns per call of `fn(req)` over `n` calls; the results' lengths are summed so no call is dead code. */
function time(fn, req, n) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += fn(req).length;
  const ns = Number(process.hrtime.bigint() - start) / n;
  if (sink === 0) throw new Error('nothing was built');
  return ns;
}

const versionImplementations = {
  ours: (req) => buildRequest('createCloudbaseServiceVersion', req, options).body,
  stringify: (req) => JSON.stringify(req),
};

const result = {};
for (const [name, make, implementations] of [
  ['full', fullRequest, createServiceImplementations],
  ['minimal', minimalRequest, createServiceImplementations],
  ['version', fullVersionRequest, versionImplementations],
]) {
  const req = make();
  // Every implementation accepts the request, and builds the same body as stringify.
  for (const [impl, fn] of Object.entries(implementations)) {
    if (fn(req) !== JSON.stringify(req)) throw new Error(`${impl} built another body for the ${name} request`);
  }
  // Warm up (JIT tiers) and size each batch to about BATCH_MS.
  const batch = {};
  for (const [impl, fn] of Object.entries(implementations)) {
    time(fn, req, 20_000);
    const ns = time(fn, req, 20_000);
    batch[impl] = Math.max(1_000, Math.round((BATCH_MS * 1e6) / ns));
  }
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = {};
    for (const impl of shuffled(Object.keys(implementations))) round[impl] = time(implementations[impl], req, batch[impl]);
    rounds.push(round);
  }
  result[name] = {};
  for (const impl of Object.keys(implementations)) {
    result[name][impl] = {
      ns: median(rounds.map((r) => r[impl])),
      ratio: median(rounds.map((r) => r[impl] / r.stringify)),
    };
  }
}
process.stdout.write(`${JSON.stringify({ rounds: ROUNDS, batchMs: BATCH_MS, ...result })}\n`);
