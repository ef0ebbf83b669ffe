// Concurrent calls on one client (no "recursive use of an object" from wasm-bindgen).
import assert from 'node:assert/strict';
import test from 'node:test';
import { CloudbaseClient } from 'wx-cloudbase-service';
import { TOKEN, requestsSeen, svc, withEmu } from './helpers.mjs';

test('200 concurrent createService calls on one CloudbaseClient all succeed, each recorded once', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    const inputs = Array.from({ length: 200 }, (_, i) => svc({ service_name: `conc-${i}` }));
    const results = await Promise.allSettled(inputs.map((input) => client.createService(input)));
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 0, `failures: ${failed.slice(0, 3).map((r) => `${r.reason?.name} ${r.reason?.code}: ${r.reason?.message}`).join('\n')}`);
    for (const r of results) assert.deepEqual(r.value, { errcode: 0, errmsg: 'ok' });
    const st = emu.state();
    assert.equal(st.requests, 200);
    const names = st.services.map((s) => s.service_name).sort();
    assert.deepEqual(names, inputs.map((i) => i.service_name).sort());
    assert.equal(new Set(names).size, 200);
  });
});

test('concurrent calls with a token function that refreshes, and busy faults mixed in', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ busy: 5 });
    let refreshes = 0;
    const client = new CloudbaseClient({
      baseUrl: emu.url,
      accessToken: async (ctx) => {
        if (ctx.forceRefresh) refreshes++;
        await new Promise((r) => setTimeout(r, 1));
        return TOKEN;
      },
    });
    const inputs = Array.from({ length: 50 }, (_, i) => svc({ service_name: `mix-${i}` }));
    const results = await Promise.all(inputs.map((input) => client.createService(input)));
    assert.equal(results.length, 50);
    assert.equal(refreshes, 0);
    assert.equal(emu.state().services.length, 50);
    assert.equal(requestsSeen(emu), 55);
  });
});

test('concurrent calls on ten separate clients', async () => {
  await withEmu(async (emu) => {
    const clients = Array.from({ length: 10 }, () => new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url }));
    await Promise.all(clients.flatMap((c, i) => Array.from({ length: 10 }, (_, j) => c.createService(svc({ service_name: `sep-${i}-${j}` })))));
    assert.equal(emu.state().services.length, 100);
    for (const c of clients) c.free();
  });
});
