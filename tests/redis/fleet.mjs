// The parent side of the multi-process tests: an emulator (startEmulator of the installed
// package, with the token tests' canary credentials) and N worker processes (worker.mjs)
// sharing one key prefix on Redis, half of them on ioredis and half on node-redis. Every
// request to a worker and every start and stop is bounded in time; children that outlive a
// test are killed.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { APP_ID, SECRET, TICKET, sharedPort, startEmu, uniquePrefix } from './helpers.mjs';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));
/** The worker's manager options: one token request attempt, store calls bounded to 1 s. */
export const TIMEOUT_MS = 3000;
export const STORE_TIMEOUT_MS = 1000;
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One worker process: `ask(op, args)` resolves to its answer; `kill()` SIGKILLs it. */
function spawnWorker(index, config) {
  const kind = index % 2 === 0 ? 'ioredis' : 'node-redis';
  const child = fork(WORKER, [], {
    env: { ...process.env, WORKER_CONFIG: JSON.stringify({ ...config, index, kind }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const pending = new Map();
  let seq = 0;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      for (const { reject } of pending.values()) reject(new Error(`worker ${index} exited (${signal ?? code})`));
      pending.clear();
      resolve();
    });
  });
  const ready = new Promise((resolve) => {
    child.on('message', (msg) => {
      if (msg.ready) return resolve();
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`worker ${index} (${kind}): ${msg.error}`));
      else p.resolve(msg.result);
    });
  });
  return {
    index,
    kind,
    exited,
    ready: bounded(Promise.race([ready, exited.then(() => Promise.reject(new Error(`worker ${index} exited at start`)))]), 15_000, `worker ${index} start`),
    ask(op, args, ms = 30_000) {
      const id = ++seq;
      const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      child.send({ id, op, args });
      return bounded(answer, ms, `worker ${index} ${op}`);
    },
    dead: false,
    kill() {
      this.dead = true;
      child.kill('SIGKILL');
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ id: 0, op: 'exit' });
      await bounded(exited, 3000, `worker ${index} exit`).catch(() => child.kill('SIGKILL'));
    },
  };
}

/**
 * Runs `fn({ emu, fleet })` with an emulator and `n` ready workers, and always closes both.
 * `fleet.all(op, args)` asks every live worker at once; `fleet.add()` starts one more.
 */
export async function withFleet({ n, redisPort = sharedPort(), emuOptions = {}, ticketSource = 'constant' }, fn) {
  const emu = await startEmu(emuOptions);
  const config = {
    redisPort,
    emuUrl: emu.url,
    appId: APP_ID,
    secret: SECRET,
    ticket: TICKET,
    keyPrefix: uniquePrefix(),
    ticketSource,
    timeoutMs: TIMEOUT_MS,
    storeTimeoutMs: STORE_TIMEOUT_MS,
  };
  const workers = [];
  const fleet = {
    workers,
    async add() {
      const w = spawnWorker(workers.length, config);
      workers.push(w);
      await w.ready;
      return w;
    },
    all: (op, args) => Promise.all(workers.filter((w) => !w.dead).map((w) => w.ask(op, args))),
    /** How often the managers called store.lock, all processes together. */
    async lockCalls() {
      const stats = await fleet.all('stats');
      return stats.reduce((sum, s) => sum + s.calls.lock, 0);
    },
  };
  try {
    const started = Array.from({ length: n }, (_, i) => spawnWorker(i, config));
    workers.push(...started);
    await Promise.all(started.map((w) => w.ready));
    return await fn({ emu, fleet });
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await emu.close();
  }
}

/** Sums the workers' answers to getToken / createService. */
export function tally(results) {
  return {
    ok: results.reduce((s, r) => s + r.ok, 0),
    failed: results.flatMap((r) => r.failed),
    maxMs: Math.max(...results.map((r) => r.maxMs)),
    tokens: new Set(results.flatMap((r) => r.tokens ?? [r.token])),
  };
}

/** " (store.lock never called: this manager predates the lock)" when it was not, for counts. */
export const lockNote = (lockCalls) => (lockCalls === 0 ? ' (store.lock never called: this manager predates the lock)' : ` (store.lock called ${lockCalls} times)`);
