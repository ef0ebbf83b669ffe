// The bundler cases: each copies its app (apps/), builds it with the toolchain as a user
// would with no configuration for this package, runs the output (headless Chromium, or
// Node from a folder outside the repository) and returns { result, wasm, note }.
// `row` is the toolchain's row in the npm README's "Bundlers and runtimes" table.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countWasm, moveAway, sh } from './harness.mjs';
import { resultLine } from './judge.mjs';

const html = (script) => `<!doctype html><meta charset="utf-8"><title>bundler case</title>${script}\n`;
const moduleHtml = (src) => html(`<script type="module" src="${src}"></script>`);

/** Fails the case with the tool's own words when it exits non-zero or warns. */
async function build(what, cmd, args, opts) {
  const r = await sh(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.out.trim().slice(-1500)}`);
  return r.out;
}
const warningsOf = (out) => (/\[WARNING\]|\(!\)|WARNING in /.test(out) ? out.trim().split('\n').find((l) => /WARNING|\(!\)/.test(l)) : null);

async function esbuildBrowser(ctx, name, format, extra = []) {
  const dir = await ctx.app(name, ['browser', 'shared']);
  const out = await build('esbuild', ctx.bin('esbuild'), ['browser/main.js', '--bundle', '--platform=browser', `--format=${format}`, '--outdir=out', ...extra], { cwd: dir });
  const warned = warningsOf(out);
  if (warned) throw new Error(`esbuild warned: ${warned}`);
  await writeFile(path.join(dir, 'out/index.html'), format === 'iife' ? html('<script src="main.js"></script>') : moduleHtml('main.js'));
  return { result: await ctx.browser.run(`${name}/out/index.html`), wasm: await countWasm(path.join(dir, 'out')) };
}

async function esbuildNode(ctx, name, format) {
  const dir = await ctx.app(name, ['node', 'shared']);
  const main = format === 'esm' ? 'main.mjs' : 'main.cjs';
  const out = await build('esbuild', ctx.bin('esbuild'), [`node/${main}`, '--bundle', '--platform=node', `--format=${format}`, `--outfile=out/${main}`], { cwd: dir });
  const warned = warningsOf(out);
  if (warned) throw new Error(`esbuild warned: ${warned}`);
  const away = await moveAway(path.join(dir, 'out'));
  const r = await sh(ctx.node, [main], { cwd: away, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`node ${main} (moved to its own folder) failed: ${r.out.trim().slice(-800)}`);
  return { result: resultLine(r.out), wasm: await countWasm(away), cleanup: away };
}

/** `vite build` of apps/<part>/main.js, no configuration but a relative base for the test server. */
async function viteBuild(ctx, name, part) {
  const dir = await ctx.app(name, [part, 'shared']);
  await writeFile(path.join(dir, 'index.html'), moduleHtml(`./${part}/main.js`));
  const out = await build('vite build', ctx.bin('vite'), ['build', '--base', './', '--outDir', 'dist', '--logLevel', 'warn'], { cwd: dir });
  return { result: await ctx.browser.run(`${name}/dist/index.html`), wasm: await countWasm(path.join(dir, 'dist')), slim: part !== 'browser', note: warningsOf(out) };
}

export const bundlerCases = [
  {
    name: 'esbuild, browser ESM (Chromium)',
    row: 'esbuild, browser',
    expectWasm: 0,
    run: (ctx) => esbuildBrowser(ctx, 'esbuild-esm', 'esm'),
  },
  {
    name: 'esbuild, browser IIFE for ES2020 (Chromium)',
    row: 'esbuild, browser',
    expectWasm: 0,
    run: (ctx) => esbuildBrowser(ctx, 'esbuild-iife', 'iife', ['--target=es2020']),
  },
  {
    name: 'esbuild, ./slim + ./wasm as a file (Chromium)',
    row: 'esbuild, ./slim',
    expectWasm: 1,
    async run(ctx) {
      const dir = await ctx.app('esbuild-slim', ['slim-browser', 'shared']);
      const out = await build('esbuild', ctx.bin('esbuild'), ['slim-browser/main.js', '--bundle', '--platform=browser', '--format=esm', '--loader:.wasm=file', '--outdir=out'], { cwd: dir });
      const warned = warningsOf(out);
      if (warned) throw new Error(`esbuild warned: ${warned}`);
      await writeFile(path.join(dir, 'out/index.html'), moduleHtml('main.js'));
      return { result: await ctx.browser.run('esbuild-slim/out/index.html'), wasm: await countWasm(path.join(dir, 'out')), slim: true };
    },
  },
  {
    name: 'esbuild, Node ESM bundle (run from another folder)',
    row: 'esbuild, Node (serverless)',
    expectWasm: 0,
    created: true,
    run: (ctx) => esbuildNode(ctx, 'esbuild-node-esm', 'esm'),
  },
  {
    name: 'esbuild, Node CJS bundle (run from another folder)',
    row: 'esbuild, Node (serverless)',
    expectWasm: 0,
    created: true,
    run: (ctx) => esbuildNode(ctx, 'esbuild-node-cjs', 'cjs'),
  },
  {
    name: 'Vite build (Chromium)',
    row: 'Vite',
    expectWasm: 0,
    run: (ctx) => viteBuild(ctx, 'vite', 'browser'),
  },
  {
    name: 'Vite build, ./slim with init() (Chromium)',
    row: 'Vite, ./slim',
    expectWasm: 1,
    run: (ctx) => viteBuild(ctx, 'vite-slim', 'slim-vite'),
  },
  {
    name: 'webpack 5, production (Chromium)',
    row: 'webpack 5',
    expectWasm: 0,
    async run(ctx) {
      const dir = await ctx.app('webpack', ['browser', 'shared', 'webpack']);
      const out = await build('webpack', ctx.node, ['webpack/build.mjs'], { cwd: dir });
      await writeFile(path.join(dir, 'dist/index.html'), html('<script src="main.js"></script>'));
      return { result: await ctx.browser.run('webpack/dist/index.html'), wasm: await countWasm(path.join(dir, 'dist')), note: out.trim() || null };
    },
  },
  {
    name: 'Rollup + node-resolve (Chromium)',
    row: 'Rollup',
    expectWasm: 0,
    async run(ctx) {
      const dir = await ctx.app('rollup', ['browser', 'shared', 'rollup']);
      const out = await build('rollup', ctx.bin('rollup'), ['--config', 'rollup/rollup.config.mjs', '--silent'], { cwd: dir });
      await writeFile(path.join(dir, 'dist/index.html'), moduleHtml('main.js'));
      return { result: await ctx.browser.run('rollup/dist/index.html'), wasm: await countWasm(path.join(dir, 'dist')), note: out.trim() || null };
    },
  },
];
