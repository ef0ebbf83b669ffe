// One process of the multi-process tests (started by fleet.mjs with node:child_process.fork):
// a ComponentTokenManager sharing the token through redisTokenStore, a CloudbaseClient on it,
// and a redisTicketStore, all as a user's server would set them up with the installed package.
// It does what the parent asks over IPC and answers with counts and timings. Tokens never
// cross the IPC channel: they are compared by a short hash.
import { createHash } from 'node:crypto';
import { CloudbaseClient, ComponentTokenManager } from 'wx-cloudbase-service';
import { redisTicketStore, redisTokenStore } from 'wx-cloudbase-service/redis';
import { assertNoSecrets, connect, sleep, svc } from './helpers.mjs';

const config = JSON.parse(process.env.WORKER_CONFIG);
const hash = (text) => createHash('sha256').update(String(text)).digest('hex').slice(0, 12);

// Fail fast while Redis is down (index.d.ts's advice): the manager then falls back to its own
// cache at once instead of after storeTimeoutMs.
const redis = await connect(config.kind, config.redisPort, { failFast: true });
const storeOptions = { componentAppId: config.appId, keyPrefix: config.keyPrefix };
const store = redisTokenStore(redis, storeOptions);
const tickets = redisTicketStore(redis, storeOptions);

// The store as the manager sees it, counting its calls (so a test can tell whether this
// manager uses the lock); the methods are the store's own.
const calls = { get: 0, set: 0, lock: 0, unlock: 0 };
const counted = Object.fromEntries(Object.keys(calls).map((m) => [m, (...args) => (calls[m]++, store[m](...args))]));

const storeErrors = { count: 0, codes: {}, leaks: 0 };
const manager = new ComponentTokenManager({
  componentAppId: config.appId,
  componentAppSecret: config.secret,
  getVerifyTicket:
    config.ticketSource === 'store' ? async () => (await tickets.get())?.ticket ?? '' : () => config.ticket,
  store: counted,
  onStoreError: (err) => {
    storeErrors.count++;
    const code = err?.issues?.[0]?.code ?? err?.code ?? 'unknown';
    storeErrors.codes[code] = (storeErrors.codes[code] ?? 0) + 1;
    try {
      assertNoSecrets(err, 'onStoreError', [config.secret, config.ticket, 'emu-cat-', 'CANARY']);
    } catch {
      storeErrors.leaks++;
    }
  },
  baseUrl: config.emuUrl,
  timeoutMs: config.timeoutMs,
  maxRetries: 0,
  storeTimeoutMs: config.storeTimeoutMs,
});
const client = new CloudbaseClient({ accessToken: manager, baseUrl: config.emuUrl });

/** Runs `n` calls of `fn` at once; what settled how, and the slowest call. */
async function batch(n, fn) {
  const started = Date.now();
  let maxMs = 0;
  const settled = await Promise.allSettled(
    Array.from({ length: n }, async () => {
      try {
        return await fn();
      } finally {
        maxMs = Math.max(maxMs, Date.now() - started);
      }
    }),
  );
  const failed = settled.filter((s) => s.status === 'rejected').map((s) => `${s.reason?.name}:${s.reason?.code ?? ''}:${s.reason?.errcode ?? ''}`);
  return { values: settled.filter((s) => s.status === 'fulfilled').map((s) => s.value), failed, maxMs };
}

const ops = {
  async getToken({ n = 1 }) {
    const { values, failed, maxMs } = await batch(n, () => manager.getToken());
    return { ok: values.length, failed, maxMs, tokens: [...new Set(values.map(hash))] };
  },
  async createService({ n = 1 }) {
    const { values, failed, maxMs } = await batch(n, () => client.createService(svc()));
    return { ok: values.filter((r) => r.errcode === 0).length, failed, maxMs, token: hash(await manager.getToken()) };
  },
  stats: () => ({ storeErrors, calls }),
  /** Waits (bounded) until the store answers again after a Redis restart. */
  async waitStore({ ms = 5000 }) {
    const until = Date.now() + ms;
    for (let i = 0; i < 500 && Date.now() < until; i++) {
      if (await store.get().then(() => true, () => false)) return { reachable: true };
      await sleep(25);
    }
    return { reachable: false };
  },
  ticketSet: ({ ticket }) => tickets.set(ticket).then(() => ({ written: true })),
  ticketGet: () => tickets.get(),
  lockKey: () => store.keys.lock,
  exit() {
    redis.close();
    setImmediate(() => process.exit(0));
    return {};
  },
};

process.on('message', async ({ id, op, args }) => {
  try {
    process.send({ id, result: await ops[op](args ?? {}) });
  } catch (err) {
    process.send({ id, error: `${err?.name}: ${err?.message}` });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, pid: process.pid });
