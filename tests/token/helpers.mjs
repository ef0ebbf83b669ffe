// Shared helpers of the ComponentTokenManager tests. scripts/test-token.sh copies these files
// into a throwaway project (target/token-consumer/) that installed the packed tarball, so the
// bare specifiers below resolve to the installed package, exactly as in a user's project.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import util from 'node:util';
import { ComponentTokenManager } from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

/** A random part shared by every secret of this process, so a partial leak is found too. */
export const CANARY_ID = randomBytes(6).toString('hex');
export const APP_ID = 'wx-token-manager-tests';
export const SECRET = `CANARY-SECRET-${CANARY_ID}`;
export const TICKET = `CANARY-TICKET-${CANARY_ID}`;
export const EXPIRED_TICKET = `CANARY-TICKET-EXPIRED-${CANARY_ID}`;
/** Every token the emulator issues starts with this. */
export const ISSUED_PREFIX = 'emu-cat-';
/** Substrings no error, hook payload or printed value may contain. */
export const SECRETS = ['CANARY', CANARY_ID, ISSUED_PREFIX];

export const ENV = 'prod-1a2b3c4d5e6f7a8b';

let seq = 0;
/** A valid createService request with a fresh service name. */
export const svc = (over = {}) => ({ env_id: ENV, service_name: `svc-${process.pid}-${++seq}`, is_public: true, ...over });

/** An emulator that knows the canary credentials. */
export function startEmu(options = {}) {
  return startEmulator({
    quiet: true,
    componentAppId: APP_ID,
    componentAppSecret: SECRET,
    verifyTickets: [TICKET],
    expiredTickets: [EXPIRED_TICKET],
    ...options,
  });
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

/** A manager pointed at `emu` with the canary credentials; `over` replaces options. */
export function manager(emu, over = {}) {
  return new ComponentTokenManager({
    componentAppId: APP_ID,
    componentAppSecret: SECRET,
    getVerifyTicket: async () => TICKET,
    baseUrl: emu.url,
    ...over,
  });
}

/** A store backed by a Map, recording every write. */
export function mapStore() {
  const map = new Map();
  const writes = [];
  return {
    map,
    writes,
    get: async () => map.get('component_access_token') ?? null,
    set: async (token) => {
      writes.push({ ...token });
      map.set('component_access_token', { ...token });
    },
  };
}

export const tokenRequests = (emu) => emu.state().tokenRequests;
export const apiRequests = (emu) => emu.state().requests;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The Node tests' helper; scripts/test-token.sh copies tests/node/helpers.mjs in beside
// this file as node-helpers.mjs.
export { closedPort } from './node-helpers.mjs';

/**
 * Records what a test observed: a diagnostic line in the test output, and a JSON line in
 * $TOKEN_COUNTS_FILE that scripts/test-token.sh prints as a summary.
 */
export function report(t, counts) {
  t.diagnostic(`observed: ${JSON.stringify(counts)}`);
  const file = process.env.TOKEN_COUNTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ test: t.name, ...counts })}\n`);
}

/** Every way an error (or any value) can be shown: none may hold a secret. */
export function renderings(value) {
  const out = [
    String(value),
    util.inspect(value, { depth: null, showHidden: true }),
    JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? '',
    JSON.stringify(value) ?? '',
  ];
  if (value && typeof value === 'object') {
    for (const key of ['message', 'stack', 'errmsg', 'hint']) if (typeof value[key] === 'string') out.push(value[key]);
    if (value.issues) out.push(JSON.stringify(value.issues));
  }
  return out;
}

/** Asserts that neither `value` nor anything in its `cause` chain shows a secret. */
export function assertNoSecrets(value, what = 'value', secrets = SECRETS) {
  let current = value;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    for (const text of renderings(current)) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `${what}${depth ? ` (cause ${depth})` : ''} shows ${secret}: ${text.slice(0, 400)}`);
      }
    }
    current = typeof current === 'object' ? current.cause : undefined;
  }
}

/** Awaits `promise`, expecting a rejection; returns the error. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}
