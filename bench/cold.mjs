// Cold start: a fresh `node` that imports an implementation and builds one request, timed
// from spawn to exit, minus a bare `node -e ''`. Prints one JSON object: the median over
// RUNS processes per variant (variants interleaved, so drift hits all alike).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';
import { median, shuffled } from './stats.mjs';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const here = (file) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));
// The request is written into the code, so no variant loads a module the user would not.
const req = `const req = ${JSON.stringify(fullRequest())};`;

// Each variant: an ES module run by a fresh node (`--input-type=module -e`), ending with
// one build; `oursRequire` is the same through CommonJS `require` (no ES module loader);
// `bare` is `node -e ''`.
const variants = {
  bare: null,
  ours: `import { buildCreateServiceRequest } from ${here('../pkg/dist/node.mjs')}; ${req}
    if (!buildCreateServiceRequest(req, { accessToken: ${JSON.stringify(ACCESS_TOKEN)} }).body) throw new Error('no body');`,
  oursRequire: `const { buildCreateServiceRequest } = require(${here('../pkg/dist/node.cjs')}); ${req}
    if (!buildCreateServiceRequest(req, { accessToken: ${JSON.stringify(ACCESS_TOKEN)} }).body) throw new Error('no body');`,
  plain: `import { buildPlain } from ${here('./plain-validator.mjs')}; ${req}
    if (!buildPlain(req)) throw new Error('no body');`,
  ajv: `import { compileAjv } from ${here('./ajv-schema.mjs')}; ${req}
    const validate = compileAjv(); if (!validate(req)) throw new Error('invalid'); JSON.stringify(req);`,
  zod: `import { zodSchema } from ${here('./zod-schema.mjs')}; ${req}
    JSON.stringify(zodSchema.parse(req));`,
};

function run(code, name) {
  const args = code === null ? ['-e', ''] : name === 'oursRequire' ? ['-e', code] : ['--input-type=module', '-e', code];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
  return ms;
}

const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (const name of Object.keys(variants)) run(variants[name], name); // file-system caches warm
for (let i = 0; i < RUNS; i++) for (const name of shuffled(Object.keys(variants))) samples[name].push(run(variants[name], name));
const bare = median(samples.bare);
const result = { runs: RUNS, bareMs: bare };
for (const name of Object.keys(variants)) {
  if (name === 'bare') continue;
  result[name] = { ms: median(samples[name]), overBareMs: median(samples[name]) - bare };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
