// tests/bundlers (make test-bundlers, after make pkg): packs the package (scripts/pack.sh),
// installs the tarball beside the toolchains of tests/bundlers/package.json (own lockfile,
// installed once under target/bundlers/work/ and kept while it is unchanged), builds one
// tiny app per toolchain (apps/), runs what it built — in headless Chromium, in Node from a
// folder outside the repository, or in the runtime itself — and checks the result
// (lib/judge.mjs) and the number of .wasm files emitted: 0 where the wasm is inlined, 1
// where it is a file (./slim, workerd), never 2. One line per case, then
// `bundlers: N passed, M failed`; exits 1 on any failure.
//   BUNDLER_CASES=vite,jest node tests/bundlers/run.mjs   # the cases whose name contains one of these
//   BUNDLER_TARBALL=/path/x.tgz node tests/bundlers/run.mjs  # another tarball (an older build, a release)
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowser } from './lib/browser.mjs';
import { bundlerCases } from './lib/cases-bundlers.mjs';
import { runtimeCases } from './lib/cases-runtimes.mjs';
import { ensureTools, sh } from './lib/harness.mjs';
import { judge } from './lib/judge.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const WORK = path.join(ROOT, 'target/bundlers/work');
const APPS = path.join(WORK, 'apps');
const began = Date.now();
const secs = (from) => `${((Date.now() - from) / 1000).toFixed(1)}s`;

const filter = (process.env.BUNDLER_CASES ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const cases = [...bundlerCases, ...runtimeCases].filter((c) => !filter.length || filter.some((f) => c.name.toLowerCase().includes(f)));

/** A failure before any case ran: one line, and the summary the runner's reader expects. */
const setupFailed = (what) => {
  console.log(`FAIL ${what}`);
  console.log('bundlers: 0 passed, 1 failed');
  process.exit(1);
};
let tarball;
try {
  const tools = await ensureTools(HERE, WORK);
  console.log(`bundlers: toolchains ${tools.installed ? 'installed' : 'already installed'} in ${path.relative(ROOT, WORK)}/ (${secs(began)})`);
  tarball =
    process.env.BUNDLER_TARBALL ||
    execFileSync(path.join(ROOT, 'scripts/pack.sh'), [path.join(ROOT, 'target/bundlers/pack')], { encoding: 'utf8' }).trim();
} catch (e) {
  setupFailed(`setting up: ${e.message}`);
}
// As a user installs it; --no-save keeps the toolchains' package.json and lockfile as they are.
const install = await sh('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], { cwd: WORK });
if (install.code !== 0) setupFailed(`installing ${path.basename(tarball)}: ${install.out.slice(-1500)}`);
await rm(APPS, { recursive: true, force: true });
await mkdir(APPS, { recursive: true });

const browser = cases.some((c) => /Chromium/.test(c.name)) ? await startBrowser(APPS) : null;
const ctx = {
  work: WORK,
  node: process.execPath,
  pkgDir: path.join(WORK, 'node_modules/wx-cloudbase-service'),
  browser,
  bin: (name) => path.join(WORK, 'node_modules/.bin', name),
  /** Copies apps/<part>/ for each part into a fresh apps/<name>/ of the work folder. */
  async app(name, parts) {
    const dir = path.join(APPS, name);
    await mkdir(dir, { recursive: true });
    for (const part of parts) await cp(path.join(HERE, 'apps', part), path.join(dir, part), { recursive: true });
    return dir;
  },
};

let passed = 0;
let failed = 0;
async function runCase(c) {
  const from = Date.now();
  let outcome;
  try {
    outcome = await c.run(ctx);
  } catch (e) {
    outcome = { result: { error: e.message } };
  }
  const problems = judge(outcome.result, { created: c.created });
  if (outcome.slim && !/before the WebAssembly module was loaded/.test(outcome.result?.early ?? '')) {
    problems.push(`./slim before init() did not give the package's error (got ${JSON.stringify(outcome.result?.early)})`);
  }
  if (c.expectWasm !== null && outcome.wasm !== undefined && outcome.wasm !== c.expectWasm) problems.push(`${outcome.wasm} .wasm emitted, expected ${c.expectWasm}`);
  if (outcome.cleanup) await rm(outcome.cleanup, { recursive: true, force: true });
  const wasm = c.expectWasm === null ? 'no bundle' : `${outcome.wasm} .wasm emitted`;
  const note = outcome.note ? ` [${outcome.note}]` : '';
  const line = problems.length
    ? `FAIL ${c.name}: ${problems.join('; ')} (${secs(from)})`
    : `ok   ${c.name}: ${wasm}${created(c, outcome)}, ${secs(from)}${note}`;
  if (problems.length) failed++;
  else passed++;
  console.log(line);
}
const created = (c, o) => (c.created && o.result?.created === 0 ? ', createService against the emulator ok' : '');

// The slow case (next build) runs beside the others; the rest one after another, as two
// cores allow.
const slow = cases.filter((c) => c.slow);
const rest = cases.filter((c) => !c.slow);
const slowRuns = slow.map((c) => runCase(c));
for (const c of rest) await runCase(c);
await Promise.all(slowRuns);
await browser?.close();

console.log(`bundlers: ${cases.length} cases in ${secs(began)}`);
console.log(`bundlers: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
