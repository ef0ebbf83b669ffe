// Shared by the CLI tests. scripts/test-cli.sh copies these files into a throwaway consumer
// project (target/cli-consumer/app) that installed the packed tarball, so the package and
// its emulator resolve to that install, and the CLI runs from it as a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { describeCalls } from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

export const CALLS = describeCalls();

/** The CLI of the installed package: its declared bin, or bin/cli.mjs until it declares one. */
const require = createRequire(import.meta.url);
const manifestPath = require.resolve('wx-cloudbase-service/package.json');
export const PACKAGE_DIR = path.dirname(manifestPath);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
export const CLI = path.join(PACKAGE_DIR, manifest.bin?.['wx-cloudbase-service'] ?? 'bin/cli.mjs');
export const DECLARES_BIN = Boolean(manifest.bin?.['wx-cloudbase-service']);

/** A random part shared by every canary of this process, so a partial leak is found too. */
const ID = randomBytes(6).toString('hex');
export const CANARY = {
  token: `CANARY-TOKEN-${ID}`,
  appSecret: `CANARY-APPSECRET-${ID}`,
  ticket: `CANARY-TICKET-${ID}`,
  password: `CANARY-PASSWORD-${ID}`,
};
/** Substrings no output may contain. */
export const LEAKS = ['CANARY', ID];

/** The environment of a child: the runner's, without any WX_COMPONENT_* it may carry. */
function childEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WX_COMPONENT_')));
  return { ...env, ...extra };
}

/** Whitespace runs as one space: human output is wrapped at 80 columns wherever it falls. */
export const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Runs the CLI; resolves to `{ code, stdout, stderr, out, err }` (`out`, `err`: the streams
 * squashed, to match wrapped text). `stdin` is written, then closed; `onSpawn` gets the child. */
export function cli(args, { env = {}, stdin, cwd, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), cwd, stdio: 'pipe' });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, out: squash(stdout), err: squash(stderr) }));
    child.stdin.end(stdin ?? '');
  });
}

/** `cli` with `--json` added; `json` is stdout parsed (which must be JSON). */
export async function cliJson(args, options) {
  const r = await cli([...args, '--json'], options);
  let json;
  assert.doesNotThrow(() => (json = JSON.parse(r.stdout)), `stdout is not JSON: ${r.stdout}\n${r.stderr}`);
  return { ...r, json };
}

/** Asserts neither stream holds a canary. */
export function assertNoLeak(r, what = '') {
  for (const s of LEAKS) {
    assert.ok(!r.stdout.includes(s), `${what}: stdout leaks ${s}:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(s), `${what}: stderr leaks ${s}:\n${r.stderr}`);
  }
}

/** Asserts no line of `text` is wider than an 80-column terminal. */
export function assertFits(text, what = '') {
  for (const line of text.split('\n')) {
    assert.ok([...line].length <= 80, `${what}: a line of ${[...line].length} columns: ${line}`);
  }
}

/** An emulator that accepts the canary token and the canary credentials. */
export function startEmu(options = {}) {
  return startEmulator({
    quiet: true,
    tokens: [CANARY.token],
    componentAppSecret: CANARY.appSecret,
    verifyTickets: [CANARY.ticket],
    ...options,
  });
}

/** Runs fn with a fresh emulator and always closes it. */
export async function withEmu(fn, options) {
  const emu = await startEmu(options);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** The environment that gives the CLI the canary token. */
export const TOKEN_ENV = { WX_COMPONENT_ACCESS_TOKEN: CANARY.token };
/** The environment that makes the CLI get a token with the canary credentials. */
export const MANAGER_ENV = {
  WX_COMPONENT_APPID: 'emulator-appid',
  WX_COMPONENT_APPSECRET: CANARY.appSecret,
  WX_COMPONENT_VERIFY_TICKET: CANARY.ticket,
};

/** The arguments that send `call` with `body` (its example by default) to `emu`. */
export const sendArgs = (call, emu, body = call.example) =>
  [call.name, '--data', JSON.stringify(body), '--base-url', emu.url];

/** A port on 127.0.0.1 that nothing listens on: bound to learn a free one, then closed. */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every field of a description with its dotted path (`es_info.port`, `data[].env`), at any
 * depth. */
export function allFields(fields, prefix = '') {
  const out = [];
  const inner = (f, p) => {
    for (const sub of f.fields ?? []) visit(sub, `${p}.${sub.name}`);
    if (f.items) inner(f.items, `${p}[]`);
  };
  const visit = (f, p) => {
    out.push({ path: p, field: f });
    inner(f, p);
  };
  for (const f of fields) visit(f, prefix + f.name);
  return out;
}

/** The call's example with the canary password in every field declared secret (objects and
 * one array entry created where the example has none). */
export function exampleWithSecrets(call) {
  const body = structuredClone(call.example);
  const plant = (target, fields) => {
    let planted = false;
    for (const f of fields) {
      if (f.secret) {
        target[f.name] = CANARY.password;
        planted = true;
      } else if (f.fields) {
        const inner = target[f.name] && typeof target[f.name] === 'object' ? target[f.name] : {};
        if (plant(inner, f.fields)) [target[f.name], planted] = [inner, true];
      } else if (f.items?.fields) {
        const entry = Array.isArray(target[f.name]) && target[f.name][0] ? target[f.name][0] : {};
        if (plant(entry, f.items.fields)) [target[f.name], planted] = [[entry], true];
      }
    }
    return planted;
  };
  return { body, planted: plant(body, call.fields) };
}

/** Calls by effect, and the one every test can rely on changing something. */
export const CHANGING = CALLS.filter((c) => c.effect === 'changes');
export const READING = CALLS.filter((c) => c.effect === 'reads');

/** fn over items, `n` at a time (child processes are cheap, waiting on each is not). */
export async function eachLimit(items, n, fn) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length > 0) await fn(queue.shift());
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
