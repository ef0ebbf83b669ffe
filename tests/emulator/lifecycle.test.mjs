// Starting and closing: ports, hosts, and close() never hanging.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { startEmulator } from '../../emulator/index.mjs';
import { API_PATH, TOKEN, addFaults, send, validBody } from './helpers.mjs';

const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref())]);

test('port 0 gives distinct free ports; url matches', async () => {
  const a = await startEmulator();
  const b = await startEmulator();
  try {
    assert.notEqual(a.port, b.port);
    assert.equal(a.url, `http://127.0.0.1:${a.port}`);
  } finally {
    await a.close();
    await b.close();
  }
});

test('close() resolves while a stalled response is open', async () => {
  const emu = await startEmulator();
  await addFaults(emu, { stallBody: true });
  const headers = new Promise((resolve) => {
    const req = http.request(`${emu.url}${API_PATH}?access_token=${TOKEN}`, { method: 'POST', agent: false }, resolve);
    req.on('error', () => {});
    req.end(JSON.stringify(validBody()));
  });
  const res = await headers;
  res.on('error', () => {});
  res.resume();
  await within(emu.close(), 2000, 'close()');
  await assert.rejects(send(emu.url, { body: validBody() }), { code: 'ECONNREFUSED' });
});

test('close() resolves during a long delay and a slow drip, and is idempotent', async () => {
  const emu = await startEmulator();
  await addFaults(emu, [{ delayMs: 60000 }, { drip: { chunkBytes: 1, intervalMs: 60000 } }]);
  const a = send(emu.url, { body: validBody(), timeoutMs: 60000 }).catch((e) => e);
  const b = send(emu.url, { body: validBody({ service_name: 'b' }), timeoutMs: 60000 }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 100));
  await within(Promise.all([emu.close(), emu.close()]), 2000, 'close()');
  assert.ok((await a) instanceof Error);
  assert.ok((await b) instanceof Error);
});

test('close() resolves with an idle keep-alive connection open', async () => {
  const emu = await startEmulator();
  const agent = new http.Agent({ keepAlive: true });
  await new Promise((resolve, reject) => {
    const req = http.request(`${emu.url}/__emulator/state`, { agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  await within(emu.close(), 2000, 'close()');
  agent.destroy();
});

test('a client that disconnects mid-request leaves the emulator working', async () => {
  const emu = await startEmulator();
  try {
    await new Promise((resolve) => {
      const req = http.request(`${emu.url}${API_PATH}?access_token=${TOKEN}`, {
        method: 'POST', agent: false, headers: { 'content-length': 1000 },
      });
      req.on('error', () => resolve());
      req.write('{"env_id":');
      setTimeout(() => { req.destroy(); resolve(); }, 50);
    });
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
    assert.equal(emu.state().requests, 1);
  } finally {
    await emu.close();
  }
});

test('binds IPv6 loopback when asked (skipped where ::1 is unavailable)', async (t) => {
  let emu;
  try {
    emu = await startEmulator({ host: '::1' });
  } catch (err) {
    if (['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(err.code)) return t.skip('no IPv6 loopback');
    throw err;
  }
  try {
    assert.equal(emu.url, `http://[::1]:${emu.port}`);
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  } finally {
    await emu.close();
  }
});
