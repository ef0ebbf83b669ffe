// 8 Node processes sharing one component_access_token through Redis (half ioredis, half
// node-redis), against the emulator: a cold start, an expiry met in turn, and 42001 met by
// every process at once. Counts are reported before they are asserted, so they print even
// when a manager without the store lock makes them fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lockNote, tally, withFleet } from './fleet.mjs';
import { report } from './helpers.mjs';

const N = 8;

/** Worker 0 gets the token, the others adopt it from the store: 1 request, any manager. */
async function warm(emu, fleet) {
  await fleet.workers[0].ask('getToken', { n: 1 });
  const all = tally(await fleet.all('getToken', { n: 5 }));
  assert.equal(all.tokens.size, 1, 'every process adopted the stored token');
  assert.equal(emu.state().tokenRequests, 1, 'warm-up: 1 token request');
}

test(`cold store: ${N} processes × 50 concurrent getToken cause exactly 1 token request`, (t) =>
  withFleet({ n: N }, async ({ emu, fleet }) => {
    const all = tally(await fleet.all('getToken', { n: 50 }));
    const requests = emu.state().tokenRequests;
    const locks = await fleet.lockCalls();
    report(t, `${N} processes × 50 getToken on a cold store: ${requests} token request(s), ${all.tokens.size} distinct token(s)${lockNote(locks)}`);
    assert.deepEqual(all.failed, []);
    assert.equal(all.ok, N * 50);
    assert.equal(requests, 1, 'one token request across all processes');
    assert.equal(all.tokens.size, 1, 'every process uses the same token');
  }));

test(`the token expires, processes meet 42001 in turn: exactly 1 refresh across ${N} processes`, (t) =>
  withFleet({ n: N }, async ({ emu, fleet }) => {
    await warm(emu, fleet);
    emu.expireTokens();
    const results = [];
    for (const w of fleet.workers) results.push(await w.ask('createService', { n: 10 }));
    const all = tally(results);
    const refreshes = emu.state().tokenRequests - 1;
    report(t, `token expired, ${N} processes × 10 createService in turn: ${refreshes} refresh(es), ${all.tokens.size} token(s) in use`);
    assert.deepEqual(all.failed, []);
    assert.equal(all.ok, N * 10);
    assert.equal(refreshes, 1);
    assert.equal(all.tokens.size, 1, 'they all adopted the one refreshed token');
  }));

test(`42001 met by ${N} processes at once: at most 2 token requests, every call succeeds`, (t) =>
  withFleet({ n: N }, async ({ emu, fleet }) => {
    await warm(emu, fleet);
    emu.expireTokens();
    // Token requests are answered 300 ms late: every process meets 42001 and looks for a new
    // token while the first refresh is still under way (without the delay, one refresh can
    // finish before the last process has even sent its calls).
    emu.addTokenFaults({ delayMs: 300, count: N });
    const all = tally(await fleet.all('createService', { n: 25 }));
    const refreshes = emu.state().tokenRequests - 1;
    const locks = await fleet.lockCalls();
    report(t, `42001 seen by ${N} processes at once (${N} × 25 createService): ${refreshes} token request(s), ${all.ok}/${N * 25} calls succeeded${lockNote(locks)}`);
    assert.deepEqual(all.failed, []);
    assert.equal(all.ok, N * 25);
    assert.ok(refreshes >= 1 && refreshes <= 2, `token requests: ${refreshes}`);
  }));
