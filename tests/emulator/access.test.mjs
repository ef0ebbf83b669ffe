// Who may reach what: control endpoints only with a loopback Host (and the emulator's
// port) and, when present, a loopback Origin, so no web page can reset or configure the
// emulator and a rebound DNS name cannot read its state; the API paths answer anyone, as
// WeChat does. Binding a non-loopback address takes an explicit option (never bound here).
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { startEmulator } from '../../emulator/index.mjs';
import { callApi, send, withEmulator } from './helpers.mjs';

const stateWith = (emu, headers) => send(emu.url, { method: 'GET', path: '/__emulator/state', token: null, headers });

test('control endpoints: loopback Host with the emulator\'s port only', () =>
  withEmulator({}, async (emu) => {
    const p = emu.port;
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`, `127.1.2.3:${p}`]) {
      assert.equal((await stateWith(emu, { host })).status, 200, host);
    }
    for (const host of [`evil.example:${p}`, `127.0.0.1.nip.io:${p}`, `127.0.0.1:${p + 1}`, '127.0.0.1', `127.0.0.256:${p}`,
      `10.0.0.1:${p}`, `[::2]:${p}`, `localhost.:${p}`, `127.0.0.1:${p}@evil.example`]) {
      const r = await stateWith(emu, { host });
      assert.equal(r.status, 403, JSON.stringify(host));
      assert.match(r.json.error, /loopback/);
    }
    const reset = await send(emu.url, { method: 'POST', path: '/__emulator/reset', token: null, headers: { host: `rebound.example:${p}` } });
    assert.equal(reset.status, 403);
  }));

test('control endpoints: a browser Origin must be loopback too (any port)', () =>
  withEmulator({}, async (emu) => {
    for (const origin of ['http://127.0.0.1:3000', 'http://localhost:5173', 'http://[::1]:8080', `http://127.0.0.1:${emu.port}`]) {
      assert.equal((await stateWith(emu, { origin })).status, 200, origin);
    }
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'chrome-extension://abc', 'garbage']) {
      assert.equal((await stateWith(emu, { origin })).status, 403, origin);
    }
    const config = await send(emu.url, { path: '/__emulator/config', token: null, body: { tokens: ['x'] }, headers: { origin: 'https://evil.example' } });
    assert.equal(config.status, 403);
    assert.equal(emu.state().config.tokens, 1, 'nothing changed');
  }));

test('a request without any Host header (HTTP/1.0) is refused', () =>
  withEmulator({}, async (emu) => {
    const answer = await new Promise((resolve, reject) => {
      const socket = net.connect(emu.port, '127.0.0.1', () => socket.end('GET /__emulator/state HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => { text += c; });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 403 /);
  }));

test('the API and token paths answer whatever the Host and Origin (they act like WeChat)', () =>
  withEmulator({}, async (emu) => {
    const headers = { host: 'api.weixin.qq.com', origin: 'https://evil.example' };
    assert.equal((await callApi(emu, 'getWxCloudBaseRunEnvs', {}, { headers })).json.errcode, 0);
    const token = await send(emu.url, { path: '/cgi-bin/component/api_component_token', token: null, body: {}, headers });
    assert.equal(token.json.errcode, 41002);
  }));

test('non-loopback hosts need allowNonLoopback: true (refused before anything is bound)', async () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
    await assert.rejects(startEmulator({ host }), (err) => err instanceof TypeError && /allowNonLoopback/.test(err.message), host);
  }
  await assert.rejects(startEmulator({ host: '0.0.0.0', allowNonLoopback: 'yes' }), TypeError);
  const emu = await startEmulator({ host: '127.0.0.1', allowNonLoopback: true });
  try {
    assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
  } finally {
    await emu.close();
  }
});
