// `make bench`: runs each benchmark in a fresh process, prints the table, and writes every
// figure to target/bench/results.json. Goals are issue 6's, checked against figures from
// the same run (ratios from the same process). The table is printed even when a goal is
// missed; the exit status is 0 unless a benchmark failed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { checkAgreement, checkEntryAgainstExport } from './agreement.mjs';
import { compileAjv } from './ajv-schema.mjs';
import { zodSchema } from './zod-schema.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function child(script, flags = []) {
  const out = execFileSync(process.execPath, [...flags, fileURLToPath(new URL(script, import.meta.url))], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(String(out).trim().split('\n').pop());
}

function sizes() {
  const out = execFileSync('scripts/check-size.sh', ['--report'], { cwd: root }).toString();
  const figures = {};
  for (const line of out.trim().split('\n')) {
    const m = line.match(/^(\S+(?: JS)?)\s+(\d+) bytes raw\s+(\d+) bytes gzip\s+budget\s+(\d+)/);
    if (m) figures[m[1]] = { raw: Number(m[2]), gzip: Number(m[3]), budget: Number(m[4]) };
  }
  return figures;
}

const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: root }).toString().trim();
  } catch {
    return 'unknown';
  }
};

const lib = await import('../pkg/dist/node.mjs');
const ajv = compileAjv();
const agreement = checkAgreement(lib, { ajv: (i) => ajv(i), zod: (i) => zodSchema.safeParse(i).success });
process.stderr.write(`bench: the plain validator agrees with the package on ${agreement.inputs} bodies\n`);
agreement.entryCases = checkEntryAgainstExport(lib, require('../pkg/dist/wx_cloudbase_service.cjs'));
process.stderr.write(`bench: the entry's buildCreateServiceRequest agrees with the wasm export on ${agreement.entryCases} cases\n`);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  nproc: Number(version('nproc', [])),
  node: process.version,
  rustc: version('rustc', ['--version']),
  wasmBindgen: version('wasm-bindgen', ['--version']),
  ajv: require('ajv/package.json').version,
  zod: require('zod/package.json').version,
};
process.stderr.write('bench: validate + build per call…\n');
const micro = child('./micro.mjs');
process.stderr.write('bench: cold start…\n');
const cold = child('./cold.mjs');
process.stderr.write('bench: sizes…\n');
const size = sizes();
process.stderr.write('bench: end to end against the emulator…\n');
const e2e = child('./e2e.mjs');
process.stderr.write('bench: memory over many calls…\n');
const memory = child('./memory.mjs', ['--expose-gc']);

const results = { machine, agreement, micro, cold, size, e2e, memory };
mkdirSync(`${root}/target/bench`, { recursive: true });
writeFileSync(`${root}/target/bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);

const f = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes) => `${f(bytes / 1024, 1)} KiB`;
const mb = (bytes) => `${f(bytes / 1048576, 1)} MiB`;
const lines = [];
const out = (s = '') => lines.push(s);

out(`Machine: ${machine.cpu}, ${machine.nproc} CPUs; Node ${machine.node}; ${machine.rustc}; ${machine.wasmBindgen}; ajv ${machine.ajv}; zod ${machine.zod}`);
out();
out(`Validate + build, ns per call (median of ${micro.rounds} rounds; × = median per-round ratio to bare JSON.stringify)`);
out();
out('| implementation | full request | × stringify | minimal request | × stringify |');
out('|---|---:|---:|---:|---:|');
const labels = {
  ours: 'wx-cloudbase-service buildCreateServiceRequest',
  plain: 'plain JS validator + JSON.stringify',
  ajv: 'ajv 8 compiled schema + JSON.stringify',
  zod: 'zod 4 parse + JSON.stringify',
  stringify: 'bare JSON.stringify (the floor)',
};
for (const [impl, label] of Object.entries(labels)) {
  const a = micro.full[impl];
  const b = micro.minimal[impl];
  out(`| ${label} | ${f(a.ns)} | ${f(a.ratio, 2)} | ${f(b.ns)} | ${f(b.ratio, 2)} |`);
}
out();
out(`Cold start: import + first build in a fresh node, median of ${cold.runs} processes, over bare \`node -e ''\` (${f(cold.bareMs, 1)} ms)`);
out();
out('| implementation | ms over bare node |');
out('|---|---:|');
const coldLabels = {
  ours: 'wx-cloudbase-service, ES module import',
  oursRequire: 'wx-cloudbase-service, CommonJS require',
  plain: 'plain JS validator, ES module import',
  ajv: 'ajv 8 (import, compile the schema)',
  zod: 'zod 4 (import, build the schema)',
};
for (const [impl, label] of Object.entries(coldLabels)) out(`| ${label} | ${f(cold[impl].overBareMs, 1)} |`);
out();
out('Sizes (gzip -9)');
out();
out('| file | raw | gzip |');
out('|---|---:|---:|');
out(`| .wasm | ${kb(size.wasm.raw)} | ${kb(size.wasm.gzip)} |`);
out(`| JS, Node (glue + node.cjs + node.mjs + build-request.cjs) | ${kb(size['node JS'].raw)} | ${kb(size['node JS'].gzip)} |`);
out(`| JS, web (glue + web.js + browser.js + build-request.js) | ${kb(size['web JS'].raw)} | ${kb(size['web JS'].gzip)} |`);
out();
out(`End to end: createService against the emulator (own process) vs raw fetch of the same body; median of ${e2e.rounds} rounds`);
out();
out('| concurrency | ours calls/s | raw calls/s | ours/raw | ours p50 / p99 ms | raw p50 / p99 ms |');
out('|---:|---:|---:|---:|---:|---:|');
for (const c of [1, 16, 64]) {
  const r = e2e[`c${c}`];
  out(`| ${c} | ${f(r.ours.perSecond)} | ${f(r.raw.perSecond)} | ${f(r.ratio, 2)} | ${f(r.ours.p50Ms, 2)} / ${f(r.ours.p99Ms, 2)} | ${f(r.raw.p50Ms, 2)} / ${f(r.raw.p99Ms, 2)} |`);
}
out();
out(`Memory (after a forced GC): ${f(memory.calls)} builds of the full request, then ${f(memory.errorCalls)} of an invalid one`);
out();
out('| | wasm memory | RSS |');
out('|---|---:|---:|');
out(`| before | ${mb(memory.before.wasmBytes)} | ${mb(memory.before.rssBytes)} |`);
out(`| after ${f(memory.calls)} builds | ${mb(memory.afterValid.wasmBytes)} | ${mb(memory.afterValid.rssBytes)} |`);
out(`| after ${f(memory.errorCalls)} errors | ${mb(memory.afterErrors.wasmBytes)} | ${mb(memory.afterErrors.rssBytes)} |`);
out();

const goals = [
  ['validate + build, full request ≤ 2.3× stringify', micro.full.ours.ratio, 2.3, (v) => `${f(v, 2)}×`],
  ['validate + build, minimal request ≤ 4× stringify', micro.minimal.ours.ratio, 4, (v) => `${f(v, 2)}×`],
  ['cold start ≤ 10 ms over bare node (ES module import)', cold.ours.overBareMs, 10, (v) => `${f(v, 1)} ms`],
  ['cold start ≤ 10 ms over bare node (CommonJS require)', cold.oursRequire.overBareMs, 10, (v) => `${f(v, 1)} ms`],
  ['.wasm ≤ 50 KiB gzip', size.wasm.gzip, 50 * 1024, kb],
  ['JS glue ≤ 6 KiB gzip (Node)', size['node JS'].gzip, 6 * 1024, kb],
  ['JS glue ≤ 6 KiB gzip (web)', size['web JS'].gzip, 6 * 1024, kb],
  ['end to end at c=64 ≥ 0.95× raw fetch', -e2e.c64.ratio, -0.95, (v) => `${f(-v, 2)}×`],
  ['flat wasm memory over the calls', memory.afterErrors.wasmBytes - memory.before.wasmBytes, 0, (v) => `+${f(v)} bytes`],
];
out('Goals (issue 6)');
out();
out('| goal | measured | |');
out('|---|---:|---|');
for (const [goal, value, limit, show] of goals) out(`| ${goal} | ${show(value)} | ${value <= limit ? 'met' : 'NOT MET'} |`);
out();
out(`Figures: target/bench/results.json`);
process.stdout.write(`${lines.join('\n')}\n`);
