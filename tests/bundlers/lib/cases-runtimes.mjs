// The test-runner, framework and runtime cases: Vitest, Jest, a Next.js server route,
// workerd, Bun, Deno, and ./slim under plain Node. Same contract as cases-bundlers.mjs.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { countWasm, fetchWhenUp, sh, start } from './harness.mjs';
import { resultLine } from './judge.mjs';

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return { error: `not JSON: ${String(text).slice(0, 300)}` };
  }
};
/** Runs a test runner that writes the probe's result to $BUNDLER_RESULT. */
async function viaResultFile(ctx, dir, what, cmd, args) {
  const file = path.join(dir, 'result.json');
  const r = await sh(cmd, args, { cwd: dir, env: { BUNDLER_RESULT: file, CI: '1' }, timeoutMs: 120_000 });
  if (r.code !== 0 || !existsSync(file)) throw new Error(`${what} failed (exit ${r.code}): ${r.out.trim().slice(-1200)}`);
  return parse(await readFile(file, 'utf8'));
}
const runtime = (ctx, name) => path.join(ctx.work, 'node_modules', name);

export const runtimeCases = [
  {
    name: 'Vitest (node environment)',
    row: 'Vitest',
    expectWasm: null,
    async run(ctx) {
      const dir = await ctx.app('vitest', ['vitest', 'shared']);
      return { result: await viaResultFile(ctx, dir, 'vitest run', ctx.bin('vitest'), ['run', '--root', '.', 'vitest/']) };
    },
  },
  {
    name: 'Jest, CommonJS',
    row: 'Jest',
    expectWasm: null,
    async run(ctx) {
      const dir = await ctx.app('jest', ['jest']);
      return { result: await viaResultFile(ctx, dir, 'jest', ctx.bin('jest'), ['--rootDir', 'jest', '--ci']) };
    },
  },
  {
    name: 'Next.js server route (next build, next start)',
    row: 'Next.js (server)',
    expectWasm: 0,
    slow: true,
    async run(ctx) {
      const dir = await ctx.app('next', ['next', 'shared']);
      const env = { NEXT_TELEMETRY_DISABLED: '1' };
      const b = await sh(ctx.bin('next'), ['build', 'next'], { cwd: dir, env, timeoutMs: 300_000 });
      if (b.code !== 0) throw new Error(`next build failed (exit ${b.code}): ${b.out.trim().slice(-1500)}`);
      const port = await freePort();
      const server = start(ctx.bin('next'), ['start', 'next', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir, env });
      try {
        const text = await fetchWhenUp(`http://127.0.0.1:${port}/api/check`, server);
        return { result: parse(text), wasm: await countWasm(path.join(dir, 'next/.next')) };
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'workerd, bundled as wrangler does (workerd condition, .wasm as a module)',
    row: 'Cloudflare Workers (workerd, wrangler)',
    expectWasm: 1,
    async run(ctx) {
      const dir = await ctx.app('workerd', ['workerd', 'shared']);
      // wrangler's esbuild settings: the workerd/worker/browser conditions, and .wasm
      // imports left to the runtime, which loads them as compiled modules.
      const b = await sh(ctx.bin('esbuild'), ['workerd/worker.js', '--bundle', '--format=esm', '--platform=neutral',
        '--conditions=workerd,worker,browser', '--main-fields=browser,module,main', '--external:*.wasm', '--outfile=out/worker.js'], { cwd: dir });
      if (b.code !== 0) throw new Error(`esbuild failed: ${b.out.trim().slice(-1200)}`);
      const bundle = await readFile(path.join(dir, 'out/worker.js'), 'utf8');
      const wasmImports = [...bundle.matchAll(/from\s+["']\.\/([^"']+\.wasm)["']/g)].map((m) => m[1]);
      for (const w of wasmImports) await writeFile(path.join(dir, 'out', w), await readFile(path.join(ctx.pkgDir, 'dist', w)));
      const port = await freePort();
      const modules = [`(name = "worker.js", esModule = embed "worker.js")`, ...wasmImports.map((w) => `(name = "${w}", wasm = embed "${w}")`)];
      await writeFile(path.join(dir, 'out/config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = (modules = [${modules.join(', ')}], compatibilityDate = "2025-09-01"))],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`);
      const bin = path.join(runtime(ctx, '@cloudflare/workerd-linux-64'), 'bin/workerd');
      const server = start(bin, ['serve', 'config.capnp'], { cwd: path.join(dir, 'out') });
      try {
        const text = await fetchWhenUp(`http://127.0.0.1:${port}/`, server);
        return { result: parse(text), wasm: await countWasm(path.join(dir, 'out')) };
      } finally {
        await server.stop();
      }
    },
  },
  ...['main.mjs', 'main.cjs'].map((main) => ({
    name: `Bun, ${main.endsWith('.mjs') ? 'import' : 'require'} (unbundled)`,
    row: 'Bun',
    expectWasm: null,
    created: true,
    async run(ctx) {
      const dir = await ctx.app(`bun-${main}`, ['node', 'shared']);
      const bun = path.join(runtime(ctx, '@oven/bun-linux-x64'), 'bin/bun');
      const r = await sh(bun, [`node/${main}`], { cwd: dir, env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }, timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`bun failed: ${r.out.trim().slice(-800)}`);
      return { result: resultLine(r.out) };
    },
  })),
  {
    name: 'Deno, npm package from node_modules (unbundled)',
    row: 'Deno',
    expectWasm: null,
    created: true,
    async run(ctx) {
      const dir = await ctx.app('deno', ['node', 'shared', 'deno']);
      await writeFile(path.join(dir, 'deno.json'), await readFile(path.join(dir, 'deno/deno.json')));
      const deno = path.join(runtime(ctx, '@deno/linux-x64-glibc'), 'deno');
      const r = await sh(deno, ['run', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', '--allow-sys', 'node/main.mjs'], {
        cwd: dir,
        env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DENO_DIR: path.join(ctx.work, '.deno') },
        timeoutMs: 60_000,
      });
      if (r.code !== 0) throw new Error(`deno failed: ${r.out.trim().slice(-800)}`);
      return { result: resultLine(r.out) };
    },
  },
  {
    name: 'Node, ./slim loaded from the ./wasm file',
    row: 'Node, ./slim',
    expectWasm: null,
    async run(ctx) {
      const dir = await ctx.app('slim-node', ['slim-node', 'shared']);
      const r = await sh(ctx.node, ['slim-node/main.mjs'], { cwd: dir, timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`node failed: ${r.out.trim().slice(-800)}`);
      return { result: resultLine(r.out), slim: true };
    },
  },
];
