// Redis stopped in the middle of a run: every call still succeeds (each manager falls back to
// its own cache and tells onStoreError); Redis restarted on the same port: the processes share
// a token again, and a new process adopts it without a token request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tally, withFleet } from './fleet.mjs';
import { report } from './helpers.mjs';
import { startRedis } from './redis-server.mjs';

const N = 6;

test(`Redis stopped under ${N} processes: calls succeed, onStoreError fires; restarted: sharing resumes`, async (t) => {
  const server = await startRedis();
  try {
    await withFleet({ n: N, redisPort: server.port }, async ({ emu, fleet }) => {
      const [first] = fleet.workers;
      await first.ask('getToken', { n: 1 });
      await fleet.all('getToken', { n: 5 });
      assert.equal(emu.state().tokenRequests, 1, 'warm-up: one shared token');

      // Down: the cached token serves; once it is rejected, each process refreshes on its own.
      await server.stop();
      const cached = tally(await fleet.all('createService', { n: 10 }));
      emu.expireTokens();
      const refreshed = tally(await fleet.all('createService', { n: 10 }));
      const during = emu.state().tokenRequests - 1;
      const stats = await fleet.all('stats');
      const heard = stats.filter((s) => s.storeErrors.count > 0).length;
      report(
        t,
        `Redis stopped: ${cached.ok + refreshed.ok}/${N * 20} createService succeeded, onStoreError in ${heard}/${N} processes, ${during} token request(s) while down`,
      );
      assert.deepEqual([...cached.failed, ...refreshed.failed], []);
      assert.equal(cached.ok + refreshed.ok, N * 20);
      assert.equal(heard, N, 'every process was told of the store failure');
      assert.equal(stats.reduce((sum, s) => sum + s.storeErrors.leaks, 0), 0, 'no store error shows a secret');

      // Up again (same port, empty: no persistence): the clients reconnect by themselves.
      await server.start();
      const back = await fleet.all('waitStore', { ms: 5000 });
      assert.ok(back.every((b) => b.reachable), 'every process reaches Redis again within 5 s');
      emu.expireTokens();
      const before = emu.state().tokenRequests;
      await first.ask('createService', { n: 5 });
      const rest = tally(await Promise.all(fleet.workers.slice(1).map((w) => w.ask('createService', { n: 5 }))));
      const sharedToken = (await first.ask('getToken', { n: 1 })).tokens[0];
      const newcomer = await fleet.add();
      const adopted = await newcomer.ask('getToken', { n: 10 });
      const after = emu.state().tokenRequests - before;
      report(
        t,
        `Redis restarted: ${after} token request(s) for ${N} processes after the next expiry; a new process adopted the shared token: ${adopted.tokens[0] === sharedToken ? 'yes' : 'no'}`,
      );
      assert.deepEqual(rest.failed, []);
      assert.deepEqual([...rest.tokens], [sharedToken], 'the others adopted the first one\'s refresh');
      assert.equal(after, 1, 'one refresh, shared through Redis again');
      assert.deepEqual(adopted.tokens, [sharedToken], 'the new process got the shared token without a request');
    });
  } finally {
    await server.close();
  }
});
