// component_verify_tickets written by one process's redisTicketStore (as the push receiver
// will) are read by every other process; among concurrent writers the newest wins; and a
// manager whose getVerifyTicket reads the store gets a token with the shared ticket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withFleet } from './fleet.mjs';
import { APP_ID, canary, report } from './helpers.mjs';

const N = 8;
const now = Date.now();
const nowS = Math.floor(now / 1000);
const pushed = (createTime, receivedAt = now) => ({ ticket: `ticket@@@${canary('TICKET')}`, componentAppId: APP_ID, createTime, receivedAt });

test(`tickets written by one process are read by all ${N}; the newest of concurrent writes wins`, (t) => {
  const first = pushed(nowS - 1200);
  const older = pushed(nowS - 1800, now + 1000);
  const concurrent = Array.from({ length: N }, (_, i) => pushed(nowS - 600 + i * 60, now - i));
  const newest = concurrent.at(-1);
  // The emulator accepts only the newest ticket: a token request proves which one was read.
  return withFleet({ n: N, ticketSource: 'store', emuOptions: { verifyTickets: [newest.ticket] } }, async ({ emu, fleet }) => {
    const [writer, other] = fleet.workers;
    const everyoneReads = async () => new Set((await fleet.all('ticketGet')).map((x) => x?.ticket));

    await writer.ask('ticketSet', { ticket: first });
    assert.deepEqual([...(await everyoneReads())], [first.ticket], 'process 0 (ioredis) wrote, all read it');
    await other.ask('ticketSet', { ticket: older });
    assert.deepEqual([...(await everyoneReads())], [first.ticket], 'an older push written by process 1 (node-redis) does not replace it');

    // Each process writes one ticket at once, the last process's being the newest.
    await Promise.all(fleet.workers.map((w, i) => w.ask('ticketSet', { ticket: concurrent[i] })));
    const read = await fleet.all('ticketGet');
    assert.deepEqual([...new Set(read.map((x) => x?.ticket))], [newest.ticket]);
    assert.deepEqual(read[0], newest, 'read back whole');

    const got = await fleet.workers[3].ask('getToken', { n: 1 });
    report(
      t,
      `tickets: 1 writer → ${N} readers agree; ${N} concurrent writers → the newest kept; a token requested with the shared ticket: ${got.ok === 1 ? 'ok' : 'failed'} (${emu.state().tokenRequests} token request)`,
    );
    assert.deepEqual(got.failed, []);
    assert.equal(emu.state().tokenRequests, 1);
  });
});
