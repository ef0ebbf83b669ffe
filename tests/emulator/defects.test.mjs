// Defects a tester found, one test each (each failed before its fix): deep unknown keys,
// unbounded records, prototype names as control routes, CR/LF in redirect targets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../../emulator/index.mjs';
import { CALL_NAMES, callApi, control, minimalBody, send, validBody, versionBody, withEmulator } from './helpers.mjs';

/** `{"k":{"k":…{"k":1}…}}` n levels deep, as JSON text. */
const deepText = (n, key = 'k') => `${`{"${key}":`.repeat(n)}1${'}'.repeat(n)}`;
/** A valid body of `name` with `text` spliced in as the value of an unknown key. */
const withDeepKey = (name, text, key = 'no_such_key') => JSON.stringify(minimalBody[name]()).replace(/^\{/, `{"${key}":${text},`);

test('a 3,000-deep unknown key is answered, recorded, and state() keeps working', () =>
  withEmulator({}, async (emu) => {
    const raw = withDeepKey('createCloudbaseService', deepText(3000));
    assert.ok(raw.length > 6000 && raw.length < 20000);
    assert.deepEqual((await send(emu.url, { raw })).json, { errcode: 0, errmsg: 'ok' });
    assert.equal(emu.state().services.length, 1);
    const r = await control(emu, 'GET', 'state');
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json.services[0].body).sort(), ['env_id', 'is_public', 'service_name']);
  }));

test('5,000 and 100,000 deep, on every path, in known objects and loose fields: always 200 + an errcode', () =>
  withEmulator({}, async (emu) => {
    for (const depth of [5000, 100000]) {
      for (const name of CALL_NAMES) {
        const r = await callApi(emu, name, undefined, { raw: withDeepKey(name, deepText(depth)) });
        assert.equal(r.status, 200, `${name} ${depth}`);
        assert.equal(typeof r.json.errcode, 'number', `${name} ${depth}`);
      }
    }
    const inKnown = JSON.stringify(validBody({ service_name: 'b' })).replace(/^\{/, `{"es_info":{"ip":"10.0.0.1","deep":${deepText(5000)}},`);
    assert.equal((await send(emu.url, { raw: inKnown })).json.errcode, 0);
    await callApi(emu, 'createCloudbaseService', validBody({ service_name: 'svc-a' }));
    const loose = JSON.stringify(versionBody()).replace(/^\{/, `{"sidecar_specs":[${deepText(5000, '__proto__')}],"security":${deepText(5000)},`);
    assert.equal((await callApi(emu, 'createCloudbaseServiceVersion', undefined, { raw: loose })).json.errcode, 0);
    const stored = emu.state().versions.at(-1).body;
    assert.ok(JSON.stringify(stored.security).length < 200, JSON.stringify(stored.security));
    assert.deepEqual(stored.sidecar_specs, [{}], '__proto__ keys are not stored');
    assert.equal((await control(emu, 'GET', 'state')).status, 200);
  }));

test('a deep `extra` in a fault is refused (400) and state keeps working', () =>
  withEmulator({}, async (emu) => {
    const r = await send(emu.url, { path: '/__emulator/faults', token: null, raw: `{"errcode":1,"extra":${deepText(5000)}}` });
    assert.equal(r.status, 400);
    assert.equal((await control(emu, 'GET', 'state')).status, 200);
  }));

test('stored records are bounded: 40 services with 1 MB fields keep state small and fast', () =>
  withEmulator({}, async (emu) => {
    const big = 'r'.repeat(1_000_000);
    for (let i = 0; i < 40; i++) {
      const r = await callApi(emu, 'createCloudbaseService', validBody({ service_name: `s${i}`, remark: big, image_repo: big.slice(0, 1000) }));
      assert.equal(r.json.errcode, 0);
    }
    const started = performance.now();
    const r = await send(emu.url, { method: 'GET', path: '/__emulator/state', token: null });
    assert.equal(r.status, 200);
    assert.equal(r.json.services.length, 40);
    assert.ok(r.bytes.length < 100_000, `state is ${r.bytes.length} bytes`);
    assert.ok(performance.now() - started < 1000);
    assert.equal(r.json.services[0].body.remark.length, 257, 'cut to 256 characters and an ellipsis');
  }));

test('every collection keeps its limit: the oldest records are forgotten', async () => {
  const limits = { services: 5, versions: 4, envs: 3, shares: 2, releases: 3, microservices: 2, log: 10 };
  const emu = await startEmulator({ limits });
  try {
    for (let i = 0; i < 8; i++) {
      await callApi(emu, 'createCloudbaseService', validBody({ service_name: `s${i}` }));
      await callApi(emu, 'createCloudbaseEnv', { alias: `e${i}` });
      await callApi(emu, 'createCloudbaseMicrservice', { env_id: `m-${i}` });
      await callApi(emu, 'shareCloudbaseEnv', { data: [{ env: `m-${i}`, appids: ['wx134c8103faa5a59e'] }], source_type: 1 });
    }
    for (let i = 0; i < 6; i++) await callApi(emu, 'createCloudbaseServiceVersion', versionBody({ server_name: 's7' }));
    for (let i = 0; i < 5; i++) await callApi(emu, 'releaseCloudbaseServiceVersion', { env_id: versionBody().env_id, server_name: 's7', release_version: 's7-006' });
    const st = emu.state();
    assert.deepEqual(st.services.map((s) => s.service_name), ['s3', 's4', 's5', 's6', 's7']);
    assert.deepEqual(st.versions.map((v) => v.version_name), ['s7-003', 's7-004', 's7-005', 's7-006']);
    assert.deepEqual(st.services.at(-1).versions, ['s7-003', 's7-004', 's7-005', 's7-006']);
    assert.deepEqual(st.envs.map((e) => e.alias), ['e5', 'e6', 'e7']);
    assert.deepEqual(st.microservices.map((m) => m.env_id), ['m-6', 'm-7']);
    assert.deepEqual(st.shares.map((s) => s.env), ['m-6', 'm-7']);
    assert.equal(st.releases.length, 3);
    assert.equal(st.log.length, 10);
    assert.deepEqual(st.forgotten, { envs: 5, services: 3, versions: 2, releases: 2, shares: 6, microservices: 6 });
    assert.deepEqual(st.limits, { ...st.limits, ...limits });
    assert.equal((await callApi(emu, 'createCloudbaseService', validBody({ service_name: 's0' }))).json.errcode, 0, 'a forgotten service is gone');
  } finally {
    await emu.close();
  }
  await assert.rejects(startEmulator({ limits: { services: 0 } }), TypeError);
  await assert.rejects(startEmulator({ limits: { nope: 1 } }), TypeError);
});

test('control paths named like Object.prototype members are 404, whatever the method', () =>
  withEmulator({}, async (emu) => {
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf',
      'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
    for (const name of names) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const r = await send(emu.url, { method, path: `/__emulator/${name}`, token: null });
        assert.equal(r.status, 404, `${method} ${name}`);
        assert.deepEqual(r.json, { error: 'not found' });
      }
    }
  }));

test('redirect faults whose target holds CR, LF or any control character are refused', () =>
  withEmulator({}, async (emu) => {
    for (const to of ['http://127.0.0.1:1/\r\nSet-Cookie: a=b', 'http://127.0.0.1:1/\n', '/x\r', '/x\u0000', '/x\t', '/x\u007f', '/x\u0085', '/é']) {
      const r = await control(emu, 'POST', 'faults', { redirect: 302, to });
      assert.equal(r.status, 400, JSON.stringify(to));
      assert.match(r.json.error, /control characters/);
    }
    assert.deepEqual(emu.state().faults.pending, []);
    assert.equal((await control(emu, 'POST', 'faults', { redirect: 302, to: 'http://127.0.0.1:1/a b?c=d' })).status, 200);
  }));
