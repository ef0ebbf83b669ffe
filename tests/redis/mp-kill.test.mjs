// A process killed (SIGKILL) in the middle of a refresh, holding the refresh lock with its
// token request still unanswered: the other processes still get a token, and none waits past
// its deadline for the dead one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STORE_TIMEOUT_MS, TIMEOUT_MS, lockNote, tally, withFleet } from './fleet.mjs';
import { raw, connect, report, sharedPort, sleep } from './helpers.mjs';

const N = 8;
// A waiter may wait out the dead holder's lock (about one token request attempt) and then
// make its own request, each step with a store call or two: far below the dead process's
// 30 s, so waiting for it would show.
const DEADLINE_MS = 2 * TIMEOUT_MS + 2 * STORE_TIMEOUT_MS + 2000;

test(`1 of ${N} processes killed mid-refresh: the others get a token within ${DEADLINE_MS} ms`, (t) =>
  withFleet({ n: N }, async ({ emu, fleet }) => {
    const [victim, ...others] = fleet.workers;
    const lockKey = await victim.ask('lockKey');
    emu.addTokenFaults({ delayMs: 30_000 });
    const doomed = victim.ask('getToken', { n: 1 }).catch((err) => err);
    // Bounded: until the victim's token request has reached the emulator (and so it holds the
    // lock, with a manager that takes it), at most 5 s.
    for (let i = 0; i < 250 && emu.state().tokenFaults.consumed < 1; i++) await sleep(20);
    assert.equal(emu.state().tokenFaults.consumed, 1, "the victim's token request is in flight");
    const waiting = Promise.all(others.map((w) => w.ask('getToken', { n: 50 }, 20_000)));
    await sleep(300);
    const lockedByVictim = await fleet.lockCalls();
    victim.kill();
    assert.match(String(await doomed), /exited/);
    const all = tally(await waiting);
    const requests = emu.state().tokenRequests;
    report(
      t,
      `1 of ${N} processes SIGKILLed mid-refresh: ${all.ok}/${others.length * 50} getToken succeeded, slowest ${all.maxMs} ms (deadline ${DEADLINE_MS} ms), ${requests} token request(s)${lockNote(lockedByVictim)}`,
    );
    assert.deepEqual(all.failed, []);
    assert.equal(all.ok, others.length * 50);
    assert.ok(all.maxMs <= DEADLINE_MS, `slowest getToken took ${all.maxMs} ms`);
    // Whatever the dead process left behind expires: a lock without a TTL would block for ever.
    const admin = await connect('node-redis', sharedPort());
    try {
      const pttl = Number(await raw(admin, 'PTTL', lockKey));
      assert.ok(pttl === -2 || pttl > 0, `the lock's PTTL is ${pttl}`);
    } finally {
      admin.close();
    }
  }));
