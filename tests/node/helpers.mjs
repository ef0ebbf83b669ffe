// Shared helpers of the Node tests. These files are copied into throwaway consumer projects
// (target/node-consumers/*) that installed the packed tarball, so every bare specifier below
// resolves to the installed package, exactly as in a user's project. Nothing here imports the
// library itself: each test file does, with `import` or `require`, as a user would.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import util from 'node:util';
import { startEmulator } from 'wx-cloudbase-service/emulator';

/** A random part shared by every secret of this process, so a partial leak is found too. */
export const CANARY_ID = randomBytes(6).toString('hex');
export const TOKEN = `CANARY-TOKEN-${CANARY_ID}`;
export const EXPIRED_TOKEN = `CANARY-TOKEN-EXPIRED-${CANARY_ID}`;
export const UNKNOWN_TOKEN = `CANARY-TOKEN-UNKNOWN-${CANARY_ID}`;
export const PASSWORD = `CANARY-PASSWORD-${CANARY_ID}`;
/** Substrings no output of the library may contain. */
export const SECRETS = ['CANARY', CANARY_ID];

export const ENV = 'prod-1a2b3c4d5e6f7a8b';
export const DISABLED_ENV = 'nocloud-0000000000000000';
export const API_PATH = '/componenttcb/establishcloudbaserunserver';

let seq = 0;
/** A fresh, valid service name. */
export const uniqueName = (prefix = 'svc') => `${prefix}-${process.pid}-${++seq}`;

/** A valid request that carries the ES password canary, so every path is a redaction check. */
export function svc(over = {}) {
  return {
    env_id: ENV,
    service_name: uniqueName(),
    is_public: true,
    log_type: 'es',
    es_info: { ip: '10.0.0.1', port: 9200, account: 'elastic', password: PASSWORD },
    ...over,
  };
}

/** Starts an emulator on a free port that knows the canary tokens. */
export function startEmu(options = {}) {
  return startEmulator({ quiet: true, tokens: [TOKEN], expiredTokens: [EXPIRED_TOKEN], ...options });
}

/** Runs fn with a fresh emulator and always closes it. */
export async function withEmu(options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  const emu = await startEmu(options);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** API calls the emulator saw. */
export const requestsSeen = (emu) => emu.state().requests;

/** A port on 127.0.0.1 that nothing listens on (bound, noted, closed). */
export async function closedPort() {
  const srv = net.createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** onRequest/onResponse hooks that keep every view they receive. */
export function recordingHooks() {
  const requests = [];
  const responses = [];
  const hooks = {
    onRequest: (view) => requests.push(view),
    onResponse: (view) => responses.push(view),
  };
  // Not enumerable: spreading the hooks into the options passes only the two options
  // (unknown option keys are refused).
  return Object.defineProperties(hooks, { requests: { value: requests }, responses: { value: responses } });
}

/**
 * Calls fn, which must return a promise (a call never throws synchronously), and resolves to
 * what it rejected with; fails when it resolves.
 */
export async function rejection(fn) {
  let p;
  try {
    p = fn();
  } catch (e) {
    assert.fail(`threw synchronously instead of returning a rejected promise: ${e?.name}: ${e?.message}`);
  }
  assert.equal(typeof p?.then, 'function', 'the call must return a promise');
  let settled;
  try {
    settled = { value: await p };
  } catch (e) {
    return e;
  }
  assert.fail(`expected a rejection, got ${util.inspect(settled.value)}`);
}

/** Every way a user might print or serialise a value. */
function renderings(value, { hidden }) {
  const out = [];
  const add = (how, fn) => {
    try {
      out.push([how, String(fn())]);
    } catch (e) {
      out.push([how, `<threw ${e?.message}>`]);
    }
  };
  add('String()', () => String(value));
  add('util.inspect', () => util.inspect(value));
  add('util.inspect depth null', () => util.inspect(value, { depth: null }));
  if (hidden) add('util.inspect showHidden', () => util.inspect(value, { depth: null, showHidden: true }));
  add('JSON.stringify', () => JSON.stringify(value));
  if (value !== null && typeof value === 'object') {
    add('.message', () => value.message);
    add('.stack', () => value.stack);
    if (hidden) {
      // %o is util.inspect with showHidden, so it belongs with the hidden renderings.
      add('util.format %o', () => util.format('%o', value));
      // Every own property, enumerable or not, and the cause chain, to a small depth.
      const seen = new Set();
      const walk = (v, path, depth) => {
        if (v === null || typeof v !== 'object' || seen.has(v) || depth > 6) {
          if (typeof v === 'string') out.push([path, v]);
          return;
        }
        seen.add(v);
        for (const key of Reflect.ownKeys(v)) {
          let child;
          try {
            child = v[key];
          } catch {
            continue;
          }
          walk(child, `${path}.${String(key)}`, depth + 1);
        }
      };
      walk(value, 'value', 0);
    }
  }
  return out;
}

/**
 * Fails when any rendering of value contains a secret. `hidden: false` for HttpRequest, whose
 * url/body are readable on purpose (non-enumerable, so printing it hides them).
 */
export function assertNoSecrets(value, label = 'value', { hidden = true } = {}) {
  for (const [how, text] of renderings(value, { hidden })) {
    for (const secret of SECRETS) {
      assert.ok(!text.includes(secret), `${label}: ${how} shows a secret (${secret}):\n${text.slice(0, 2000)}`);
    }
  }
}

/** Checks the hook payloads too: they receive redacted views only. */
export function assertHooksClean(hooks, label = 'hooks') {
  hooks.requests.forEach((v, i) => assertNoSecrets(v, `${label} onRequest #${i + 1}`));
  hooks.responses.forEach((v, i) => assertNoSecrets(v, `${label} onResponse #${i + 1}`));
}

/** Common shape of every error of the package. */
export function assertPackageError(e, name, code) {
  assert.ok(e instanceof Error, `expected an Error, got ${util.inspect(e)}`);
  assert.equal(e.name, name, `name (message: ${e.message})`);
  assert.equal(e.code, code, `code (message: ${e.message})`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'message is empty');
  assert.equal(typeof e.stack, 'string');
}
