// The /__emulator/* control endpoints and the programmatic handle.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { startEmulator } from '../../emulator/index.mjs';
import { API_PATH, TOKEN, addFaults, control, send, validBody, withEmulator } from './helpers.mjs';

test('GET /__emulator/state: counters, services, pending faults, log, config', () =>
  withEmulator({}, async (emu) => {
    await send(emu.url, { body: validBody() });
    await send(emu.url, { token: 'x', body: validBody() });
    await addFaults(emu, { busy: 3 });
    const { status, json } = await control(emu, 'GET', 'state');
    assert.equal(status, 200);
    assert.equal(json.requests, 2);
    assert.deepEqual(json.byErrcode, { 0: 1, 40014: 1 });
    assert.equal(json.services.length, 1);
    assert.equal(json.faults.pending.length, 1);
    assert.equal(json.faults.pending[0].kind, 'busy');
    assert.equal(json.faults.pending[0].remaining, 3);
    assert.equal(json.log.length, 2);
    for (const key of ['seq', 'at', 'method', 'path', 'token', 'status', 'errcode']) assert.ok(key in json.log[0], key);
    assert.equal(json.log[0].path, '/componenttcb/establishcloudbaserunserver');
    assert.deepEqual(json.config, {
      tokens: 1, expiredTokens: 1, envs: ['prod-1a2b3c4d5e6f7a8b'], disabledEnvs: ['nocloud-0000000000000000'], strictEnvs: false,
      envReadyMs: 0, autoConfirmShares: false,
    });
    assert.deepEqual(json, emu.state());
  }));

test('the log keeps the last 200 entries', () =>
  withEmulator({}, async (emu) => {
    for (let i = 0; i < 205; i++) await send(emu.url, { method: 'GET' });
    const st = emu.state();
    assert.equal(st.requests, 205);
    assert.equal(st.log.length, 200);
    assert.equal(st.log[0].seq, 6);
    assert.equal(st.byErrcode['43002'], 205);
  }));

test('POST /__emulator/config replaces the given settings only', () =>
  withEmulator({}, async (emu) => {
    const r = await control(emu, 'POST', 'config', { tokens: ['t2'], expiredTokens: ['emulator-token'], disabledEnvs: [] });
    assert.equal(r.status, 200);
    assert.equal(r.json.config.tokens, 1);
    assert.equal((await send(emu.url, { token: 't2', body: validBody({ env_id: 'nocloud-0000000000000000' }) })).json.errcode, 0);
    assert.equal((await send(emu.url, { token: 'emulator-token', body: validBody() })).json.errcode, 42001);
    assert.equal((await send(emu.url, { token: 'emulator-expired-token', body: validBody() })).json.errcode, 40014);
    await control(emu, 'POST', 'config', { strictEnvs: true, envs: ['only-0000000000000001'] });
    assert.equal((await send(emu.url, { token: 't2', body: validBody({ service_name: 'b' }) })).json.errcode, 85088);
    assert.equal((await send(emu.url, { token: 't2', body: validBody({ env_id: 'only-0000000000000001' }) })).json.errcode, 0);
  }));

test('bad config answers 400 and changes nothing', () =>
  withEmulator({}, async (emu) => {
    for (const body of [{ tokens: 'a' }, { tokens: [''] }, { strictEnvs: 'yes' }, { bogus: 1 }, [1]]) {
      const r = await control(emu, 'POST', 'config', body);
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    const r = await send(emu.url, { path: '/__emulator/config', token: null, raw: '{' });
    assert.equal(r.status, 400);
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  }));

test('POST /__emulator/reset clears services, log, faults and counters, not config', () =>
  withEmulator({}, async (emu) => {
    await control(emu, 'POST', 'config', { tokens: ['kept'] });
    await send(emu.url, { token: 'kept', body: validBody() });
    await addFaults(emu, { busy: 1 });
    assert.equal((await control(emu, 'POST', 'reset')).status, 200);
    const st = emu.state();
    assert.deepEqual([st.requests, st.services, st.log, st.byErrcode, st.faults.pending], [0, [], [], {}, []]);
    assert.equal((await send(emu.url, { token: 'kept', body: validBody() })).json.errcode, 0, 'same service again after reset');
  }));

test('handle methods: reset(), configure(), addFaults()', () =>
  withEmulator({}, async (emu) => {
    emu.configure({ tokens: ['h'] });
    emu.addFaults({ errcode: 45009 });
    assert.throws(() => emu.addFaults({ nope: 1 }));
    assert.throws(() => emu.configure({ tokens: 1 }), TypeError);
    assert.equal((await send(emu.url, { token: 'h', body: validBody() })).json.errcode, 45009);
    emu.reset();
    assert.equal(emu.state().requests, 0);
  }));

test('unknown paths answer 404 {error}; wrong control methods 405', () =>
  withEmulator({}, async (emu) => {
    for (const path of ['/', '/cgi-bin/token', '/componenttcb/getcslist', '/componenttcb/', '/__emulator/nope']) {
      const r = await send(emu.url, { path, token: null });
      assert.equal(r.status, 404, path);
      assert.deepEqual(r.json, { error: 'not found' });
    }
    const r = await send(emu.url, { method: 'POST', path: '/__emulator/state', token: null });
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'GET');
    assert.equal((await send(emu.url, { method: 'GET', path: '/__emulator/reset', token: null })).status, 405);
  }));

test('a request target starting with // is a path, never a host; one that is no URL is a 400', () =>
  withEmulator({}, async (emu) => {
    const { hostname, port } = new URL(emu.url);
    const raw = (path, method = 'GET') =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: hostname, port, path, method, agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode, text }));
        });
        req.on('error', reject);
        req.end();
      });
    // `new URL('//', base)` throws and `new URL('//componenttcb/…', base)` reads a host.
    for (const path of ['//', `/${API_PATH}?access_token=${TOKEN}`, '///__emulator/state', '//x/y']) {
      const r = await raw(path);
      assert.equal(r.status, 404, path);
      assert.deepEqual(JSON.parse(r.text), { error: 'not found' }, path);
    }
    const star = await raw('*', 'OPTIONS');
    assert.equal(star.status, 400);
    assert.deepEqual(JSON.parse(star.text), { error: 'bad request target' });
    // Logged as the paths they are (404, no errcode), and the emulator still answers.
    const logged = emu.state().log.filter((e) => e.path.startsWith('//'));
    assert.equal(logged.length, 4);
    assert.ok(logged.every((e) => e.status === 404 && e.errcode === null), JSON.stringify(logged));
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  }));

test('startEmulator rejects bad options and non-loopback hosts', async () => {
  await assert.rejects(startEmulator({ host: '0.0.0.0' }), TypeError);
  await assert.rejects(startEmulator({ host: '192.168.1.1' }), TypeError);
  await assert.rejects(startEmulator({ port: -1 }), TypeError);
  await assert.rejects(startEmulator({ tokens: 'emulator-token' }), TypeError);
  await assert.rejects(startEmulator({ tokenz: [] }), TypeError);
});

test('options: custom tokens, expiredTokens, envs, disabledEnvs', () =>
  withEmulator({ tokens: ['a'], expiredTokens: ['b'], disabledEnvs: ['off-0000000000000000'] }, async (emu) => {
    assert.equal((await send(emu.url, { token: 'emulator-token', body: validBody() })).json.errcode, 40014);
    assert.equal((await send(emu.url, { token: 'b', body: validBody() })).json.errcode, 42001);
    assert.equal((await send(emu.url, { token: 'a', body: validBody({ env_id: 'off-0000000000000000' }) })).json.errcode, 85088);
    assert.equal((await send(emu.url, { token: 'a', body: validBody({ env_id: 'nocloud-0000000000000000' }) })).json.errcode, 0);
  }));

test('cors option: preflight 204 and allow-origin on answers', () =>
  withEmulator({ cors: true }, async (emu) => {
    const pre = await send(emu.url, { method: 'OPTIONS' });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], '*');
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.headers['access-control-allow-origin'], '*');
  }));
