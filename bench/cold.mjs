// Cold start: a fresh `node` that loads an implementation and builds one request, timed from
// spawn to exit, minus a bare `node -e ''`. Both are loaded as a user loads an installed
// package, by name, from a consumer directory (target/bench-consumer/): ours is a copy of
// pkg/ in its node_modules, so `import 'wx-cloudbase-service'` gives dist/node.mjs and
// `require` dist/node.cjs through the exports map (both carry the .wasm inlined as base64);
// the reference, the plain JS validator, is a package beside it with an exports map of its
// own (its ES module as it is, and a CommonJS copy made with esbuild). Prints one JSON
// object: per variant the median over RUNS processes (variants interleaved, so drift hits
// all alike) and the ratios ours / plain over bare node, per way of loading.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ACCESS_TOKEN, fullRequest } from './requests.mjs';
import { median, shuffled } from './stats.mjs';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const root = fileURLToPath(new URL('..', import.meta.url));
const consumer = `${root}target/bench-consumer`;

// The consumer: node_modules/wx-cloudbase-service (a copy of pkg/, as npm installs it) and
// node_modules/plain-validator (the plain validator as a package, ESM and CJS).
rmSync(consumer, { recursive: true, force: true });
mkdirSync(`${consumer}/node_modules/plain-validator`, { recursive: true });
cpSync(`${root}pkg`, `${consumer}/node_modules/wx-cloudbase-service`, { recursive: true });
const plainDir = `${consumer}/node_modules/plain-validator`;
cpSync(`${root}bench/plain-validator.mjs`, `${plainDir}/index.mjs`);
esbuild.buildSync({
  entryPoints: [`${root}bench/plain-validator.mjs`],
  outfile: `${plainDir}/index.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  logLevel: 'silent',
});
writeFileSync(
  `${plainDir}/package.json`,
  `${JSON.stringify({ name: 'plain-validator', type: 'module', exports: { '.': { import: './index.mjs', require: './index.cjs' } } })}\n`,
);

// The request is written into the code, so no variant loads a module the user would not.
const req = `const req = ${JSON.stringify(fullRequest())};`;
const opts = JSON.stringify({ accessToken: ACCESS_TOKEN });
const variants = {
  bare: { esm: false, code: '' },
  ours: {
    esm: true,
    code: `import { buildCreateServiceRequest } from 'wx-cloudbase-service'; ${req}
      if (!buildCreateServiceRequest(req, ${opts}).body) throw new Error('no body');`,
  },
  oursRequire: {
    esm: false,
    code: `const { buildCreateServiceRequest } = require('wx-cloudbase-service'); ${req}
      if (!buildCreateServiceRequest(req, ${opts}).body) throw new Error('no body');`,
  },
  plain: {
    esm: true,
    code: `import { buildPlain } from 'plain-validator'; ${req} if (!buildPlain(req)) throw new Error('no body');`,
  },
  plainRequire: {
    esm: false,
    code: `const { buildPlain } = require('plain-validator'); ${req} if (!buildPlain(req)) throw new Error('no body');`,
  },
};

function run({ esm, code }) {
  const args = esm ? ['--input-type=module', '-e', code] : ['-e', code];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: consumer, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
  return ms;
}

const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (const name of Object.keys(variants)) run(variants[name]); // file-system caches warm
for (let i = 0; i < RUNS; i++) for (const name of shuffled(Object.keys(variants))) samples[name].push(run(variants[name]));
const bare = median(samples.bare);
const result = { runs: RUNS, bareMs: bare };
for (const name of Object.keys(variants)) {
  if (name === 'bare') continue;
  result[name] = { ms: median(samples[name]), overBareMs: median(samples[name]) - bare };
}
result.importRatio = result.ours.overBareMs / result.plain.overBareMs;
result.requireRatio = result.oursRequire.overBareMs / result.plainRequire.overBareMs;
process.stdout.write(`${JSON.stringify(result)}\n`);
