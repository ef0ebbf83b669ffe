// `make bench`: runs each benchmark in a fresh process, prints every figure with the goal of
// issue 15 beside it, and writes them all to target/bench/results.json. Ratios come from
// figures measured side by side in one process. The tables are printed even when a goal is
// missed; the exit status is 0 unless a benchmark failed. BENCHMARKS.md explains the method.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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
    maxBuffer: 1 << 26,
  });
  return JSON.parse(String(out).trim().split('\n').pop());
}

/** The figures of scripts/check-size.sh, the probe builds included. */
function sizes() {
  const out = execFileSync('scripts/check-size.sh', ['--report', '--marginal'], { cwd: root }).toString();
  const figures = { marginal: [] };
  let last = null;
  for (const text of out.trim().split('\n')) {
    const m = text.match(/^(\S+(?: \S+)?)\s+(-?\d+) bytes raw\s+(-?\d+) bytes gzip\s+budget\s+(\d+)/);
    const probe = text.match(/without (\w+)\)/);
    if (m && m[1] === 'one call') {
      last = { raw: Number(m[2]), gzip: Number(m[3]), budget: Number(m[4]) };
      figures.marginal.push(last);
    } else if (m) {
      figures[m[1]] = { raw: Number(m[2]), gzip: Number(m[3]), budget: Number(m[4]) };
    } else if (probe && last) {
      last.call = probe[1];
    }
  }
  return figures;
}

const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
};

// The agreement checks first: a benchmark of something that gives other answers is worthless.
const lib = await import('../pkg/dist/node.mjs');
const glue = await import('../pkg/dist/wx_cloudbase_service.js');
glue.initSync({ module: readFileSync(`${root}pkg/dist/wx_cloudbase_service_bg.wasm`) });
const ajv = compileAjv();
const agreement = checkAgreement(lib, { ajv: (i) => ajv(i), zod: (i) => zodSchema.safeParse(i).success });
process.stderr.write(`bench: the plain validator agrees with the package on ${agreement.inputs} bodies\n`);
agreement.entryCases = checkEntryAgainstExport(lib, glue);
process.stderr.write(`bench: the entries' build and validate agree with the wasm exports on ${agreement.entryCases} cases\n`);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  nproc: Number(version('nproc', [])),
  loadBefore: loadavg()[0],
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
process.stderr.write('bench: sizes (the probe builds take a minute when the sources changed)…\n');
const size = sizes();
process.stderr.write('bench: end to end against the emulator…\n');
const e2e = child('./e2e.mjs');
process.stderr.write('bench: memory over many builds and calls…\n');
const memory = child('./memory.mjs', ['--expose-gc']);
machine.loadAfter = loadavg()[0];

const results = { machine, agreement, micro, cold, size, e2e, memory };
mkdirSync(`${root}target/bench`, { recursive: true });
writeFileSync(`${root}target/bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);

const f = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes) => `${f(bytes / 1024, 1)} KiB`;
const mb = (bytes) => `${f(bytes / 1048576, 1)} MiB`;
const lines = [];
const out = (s = '') => lines.push(s);
const goals = [];
/** A goal: its text, the figure shown, and whether it is met. */
const goal = (text, shown, met) => goals.push([text, shown, met]);

out(`Machine: ${machine.cpu}, ${machine.nproc} CPUs; load average ${f(machine.loadBefore, 2)} before, ${f(machine.loadAfter, 2)} after; Node ${machine.node}; ${machine.rustc}; ${machine.wasmBindgen}; ajv ${machine.ajv}; zod ${machine.zod}`);
out();
out(`Validate + build, ns per call (median of ${micro.rounds} rounds; × = median per-round ratio to bare JSON.stringify of the same request)`);
out();
out('| implementation | createService full | × stringify | createService minimal | × stringify |');
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
out(`| wx-cloudbase-service buildRequest, createCloudbaseServiceVersion full request | ${f(micro.version.ours.ns)} | ${f(micro.version.ours.ratio, 2)} (stringify ${f(micro.version.stringify.ns)} ns) | | |`);
goal('validate + build, createService full ≤ 2.3× stringify', `${f(micro.full.ours.ratio, 2)}×`, micro.full.ours.ratio <= 2.3);
goal('validate + build, createService minimal ≤ 4× stringify', `${f(micro.minimal.ours.ratio, 2)}×`, micro.minimal.ours.ratio <= 4);
goal('validate + build, createCloudbaseServiceVersion full (reported)', `${f(micro.version.ours.ratio, 2)}×`, null);
out();

out(`Cold start: load by the package name + first build in a fresh node, median of ${cold.runs} processes, ms over bare \`node -e ''\` (${f(cold.bareMs, 1)} ms)`);
out();
out('| | ES module `import` | CommonJS `require` |');
out('|---|---:|---:|');
out(`| wx-cloudbase-service (dist/node.mjs, dist/node.cjs; the .wasm inlined) | ${f(cold.ours.overBareMs, 1)} | ${f(cold.oursRequire.overBareMs, 1)} |`);
out(`| plain JS validator | ${f(cold.plain.overBareMs, 1)} | ${f(cold.plainRequire.overBareMs, 1)} |`);
out(`| ratio | ${f(cold.importRatio, 2)}× | ${f(cold.requireRatio, 2)}× |`);
goal('cold start ≤ 1.5× the plain validator over bare node, import', `${f(cold.importRatio, 2)}× (${f(cold.ours.overBareMs, 1)} / ${f(cold.plain.overBareMs, 1)} ms)`, cold.importRatio <= 1.5);
goal('cold start ≤ 1.5× the plain validator over bare node, require', `${f(cold.requireRatio, 2)}× (${f(cold.oursRequire.overBareMs, 1)} / ${f(cold.plainRequire.overBareMs, 1)} ms)`, cold.requireRatio <= 1.5);
out();

out('Sizes (gzip -9; scripts/check-size.sh)');
out();
out('| | raw | gzip |');
out('|---|---:|---:|');
out(`| .wasm, full build (eleven calls, push crypto, token manager) | ${kb(size.wasm.raw)} | ${kb(size.wasm.gzip)} (${f(size.wasm.gzip)} B) |`);
out('| browser build | no separate browser build: dist/browser.js and ./slim load the .wasm above | |');
for (const m of size.marginal) out(`| one more call (${m.call}): the .wasm minus the build without it | ${f(m.raw)} B | ${f(m.gzip)} B |`);
out(`| JS, self-initialising ESM (dist/browser.js, the .wasm inlined) | ${kb(size['inlined ESM'].raw)} | ${kb(size['inlined ESM'].gzip)} |`);
out(`| JS, self-initialising CommonJS (dist/node.cjs + node-exports.cjs + node.mjs) | ${kb(size['inlined CJS'].raw)} | ${kb(size['inlined CJS'].gzip)} |`);
out(`| JS, ./slim and workerd (glue, snippets, wrapper, entry) | ${kb(size['slim JS'].raw)} | ${kb(size['slim JS'].gzip)} |`);
goal('.wasm full build ≤ 160 KiB gzip', `${kb(size.wasm.gzip)} (${f(size.wasm.gzip)} B)`, size.wasm.gzip <= 163840);
goal('browser build ≤ 100 KiB gzip, if there is one', 'no separate browser build', null);
for (const m of size.marginal) goal(`one more declared call ≤ 2 KiB gzip (${m.call})`, `${f(m.gzip)} B`, m.gzip <= 2048);
out();

const rows = { createService: 'createService (full request, a new service each call)', getEnvs: 'getWxCloudBaseRunEnvs (a read call, body {})' };
for (const [name, label] of Object.entries(rows)) {
  out(`End to end: ${label}, against the emulator in its own process, beside raw fetch; median of ${e2e.rounds} rounds`);
  out();
  out('| concurrency | ours calls/s | raw calls/s | ours/raw | ours CPU µs/call | raw CPU µs/call | ours p50 / p99 ms | raw p50 / p99 ms |');
  out('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of [1, 16, 64]) {
    const r = e2e[name][`c${c}`];
    out(`| ${c} | ${f(r.ours.perSecond)} | ${f(r.raw.perSecond)} | ${f(r.ratio, 2)} | ${f(r.ours.cpuUs)} | ${f(r.raw.cpuUs)} | ${f(r.ours.p50Ms, 2)} / ${f(r.ours.p99Ms, 2)} | ${f(r.raw.p50Ms, 2)} / ${f(r.raw.p99Ms, 2)} |`);
    goal(`end to end ≥ 0.95× raw fetch, ${name}, c=${c}`, `${f(r.ratio, 2)}× (rounds ${r.ratios.map((x) => f(x, 2)).join(', ')})`, r.ratio >= 0.95);
  }
  out();
}

out(`Memory (after forced GCs): ${f(memory.builds)} builds of the full request, ${f(memory.errorBuilds)} of an invalid one, then ${f(memory.calls)} calls against the emulator`);
out();
out('| | wasm memory | RSS |');
out('|---|---:|---:|');
const snap = (label, s) => out(`| ${label} | ${mb(s.wasmBytes)} | ${mb(s.rssBytes)} |`);
snap('before', memory.before);
snap(`after ${f(memory.builds)} builds`, memory.afterBuilds);
snap(`after ${f(memory.errorBuilds)} errors`, memory.afterErrors);
snap('calls: after 2,000 to warm up', memory.beforeCalls);
snap(`after ${f(memory.calls)} calls`, memory.afterCalls);
const wasmGrowth = memory.afterErrors.wasmBytes - memory.before.wasmBytes + (memory.afterCalls.wasmBytes - memory.beforeCalls.wasmBytes);
const rssBuilds = memory.afterErrors.rssBytes - memory.before.rssBytes;
const rssCalls = memory.afterCalls.rssBytes - memory.beforeCalls.rssBytes;
// Flat: wasm memory does not grow at all; RSS moves by less than 16 MiB (the V8 heap's and
// undici's pools settle at a level, a leak would grow with the count).
goal('memory flat over 1e6 builds and 1e5 calls: wasm memory', `+${f(wasmGrowth)} bytes`, wasmGrowth === 0);
goal('memory flat over 1e6 builds and 1e5 calls: RSS (< 16 MiB drift)', `builds ${rssBuilds >= 0 ? '+' : ''}${mb(rssBuilds)}, calls ${rssCalls >= 0 ? '+' : ''}${mb(rssCalls)}`, Math.max(rssBuilds, rssCalls) < 16 * 1048576);
out();

out('Goals (issue 15)');
out();
out('| goal | measured | |');
out('|---|---:|---|');
for (const [text, shown, met] of goals) out(`| ${text} | ${shown} | ${met === null ? 'reported' : met ? 'met' : 'NOT MET'} |`);
out();
out('Figures: target/bench/results.json');
process.stdout.write(`${lines.join('\n')}\n`);
