// Process, file and install helpers of tests/bundlers/run.mjs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs a command; resolves to { code, out } (stdout and stderr together). Never rejects. */
export function sh(cmd, args, { cwd, env = {}, timeoutMs = 180_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, out: `${out}\n${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** A long-running process (a server), with its output so far; `stop()` ends it. */
export function start(cmd, args, { cwd, env = {} } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { out: '', exited: null };
  child.stdout.on('data', (d) => (proc.out += d));
  child.stderr.on('data', (d) => (proc.out += d));
  child.on('exit', (code) => (proc.exited = code ?? -1));
  proc.stop = () =>
    new Promise((resolve) => {
      if (proc.exited !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return proc;
}

/** GETs `url` until it answers (a server starting), up to `timeoutMs`; resolves to the text. */
export async function fetchWhenUp(url, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (proc.exited !== null) throw new Error(`exited (${proc.exited}) before answering: ${proc.out.slice(-400)}`);
    try {
      const res = await fetch(url);
      return await res.text();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer from ${url} in ${timeoutMs} ms (${last?.message}): ${proc.out.slice(-400)}`);
}

/** .wasm files under `dir` (node_modules and dot-folders' caches left out). */
export async function countWasm(dir) {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.wasm') && !path.join(entry.parentPath, entry.name).includes('node_modules')) n++;
  }
  return n;
}

/** Copies `dir` into a fresh folder outside the repository, so nothing resolves next to the source. */
export async function moveAway(dir) {
  const away = await mkdtemp(path.join(tmpdir(), 'wxcs-bundle-'));
  await cp(dir, away, { recursive: true });
  return away;
}

/**
 * The toolchains of tests/bundlers/package.json (its own lockfile), installed once into
 * `work` with `npm ci` and kept while package.json and the lockfile stay the same.
 */
export async function ensureTools(src, work) {
  const files = ['package.json', 'package-lock.json'];
  const hash = createHash('sha256');
  for (const f of files) hash.update(await readFile(path.join(src, f)));
  const stamp = hash.digest('hex');
  const stampFile = path.join(work, '.tools-stamp');
  if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp && existsSync(path.join(work, 'node_modules'))) {
    return { installed: false };
  }
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  for (const f of files) await cp(path.join(src, f), path.join(work, f));
  const r = await sh('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`npm ci of tests/bundlers/package.json failed:\n${r.out.slice(-2000)}`);
  await writeFile(stampFile, stamp);
  return { installed: true };
}
