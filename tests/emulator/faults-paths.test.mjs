// Every fault kind applies to every one of the eleven paths, and a fault may name the call
// it is for: targeted faults wait for their call, untargeted ones go to the next call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { CALL_NAMES, PATHS, callApi, control, minimalBody, send, withEmulator } from './helpers.mjs';

const transportError = (err) => ['ECONNRESET', 'EPIPE', 'CLIENT_TIMEOUT'].includes(err.code) || /hang up|aborted/.test(err.message);

/** kind → [fault spec, check of what the client saw (r is send()'s result, or the error)]. */
const KINDS = {
  busy: [{ busy: 1 }, (r) => assert.deepEqual(r.json, { errcode: -1, errmsg: 'system busy' })],
  errcode: [{ errcode: 45011, extra: { rid: 'x' } }, (r) => assert.equal(r.json.errcode, 45011)],
  errcodeAsString: [{ errcodeAsString: true }, (r) => assert.equal(typeof r.json.errcode, 'string')],
  missingErrcode: [{ missingErrcode: true }, (r) => assert.ok(r.json && !('errcode' in r.json))],
  http500: [{ http500: true }, (r) => assert.equal(r.status, 500)],
  status: [{ status: 503 }, (r) => assert.equal(r.status, 503)],
  truncated: [{ truncated: true }, (r) => assert.deepEqual([r.status, r.json], [200, undefined])],
  redirect: [{ redirect: 302, to: 'http://127.0.0.1:9/elsewhere' }, (r) => assert.deepEqual([r.status, r.headers.location], [302, 'http://127.0.0.1:9/elsewhere'])],
  oversizedBytes: [{ oversizedBytes: 5000 }, (r) => assert.equal(r.bytes.length, 5000)],
  delayMs: [{ delayMs: 5 }, (r) => assert.equal(typeof r.json.errcode, 'number')],
  drip: [{ drip: { chunkBytes: 256, intervalMs: 0 } }, (r) => assert.equal(typeof r.json.errcode, 'number')],
  reset: [{ reset: true }, (r) => assert.ok(r instanceof Error && transportError(r), String(r))],
  stallBody: [{ stallBody: true }, (r) => assert.ok(r instanceof Error && transportError(r), String(r))],
  compressed: [{ compressed: 'gzip', decodedBytes: 3000 }, (r) => {
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(r.bytes).length, 3000);
  }],
  rawSuccess: [{ rawSuccess: '{"errcode":0,"errmsg":"ok","n":9007199254740993}' }, (r) => assert.equal(r.text, '{"errcode":0,"errmsg":"ok","n":9007199254740993}')],
};

test('every fault kind on every path (each targeted at that call)', () =>
  withEmulator({}, async (emu) => {
    for (const [kind, [spec, check]] of Object.entries(KINDS)) {
      emu.addFaults(CALL_NAMES.map((call) => ({ ...spec, call })));
      const seen = await Promise.all(CALL_NAMES.map((name) =>
        callApi(emu, name, minimalBody[name](), { timeoutMs: kind === 'stallBody' ? 200 : 3000 }).catch((err) => err)));
      seen.forEach((r, i) => {
        try {
          check(r);
        } catch (err) {
          err.message = `${kind} on ${CALL_NAMES[i]}: ${err.message}`;
          throw err;
        }
      });
      const st = emu.state();
      assert.equal(st.faults.pending.length, 0, kind);
      const logged = st.log.slice(-CALL_NAMES.length);
      assert.deepEqual(new Set(logged.map((e) => e.fault)), new Set([kind]), kind);
      assert.deepEqual(new Set(logged.map((e) => e.call)), new Set(CALL_NAMES), kind);
    }
  }));

test('a targeted fault waits for its call; an untargeted one goes to the next call of any path', () =>
  withEmulator({}, async (emu) => {
    emu.addFaults([{ busy: 1, call: 'createCloudbaseServiceVersion' }, { errcode: 45009 }]);
    assert.equal((await callApi(emu, 'getWxCloudBaseRunEnvs', {})).json.errcode, 45009, 'untargeted: taken by any call');
    assert.equal((await callApi(emu, 'getWxCloudBaseRunEnvs', {})).json.errcode, 0, 'the targeted fault is not for this call');
    assert.equal(emu.state().faults.pending[0].call, 'createCloudbaseServiceVersion');
    assert.equal((await callApi(emu, 'createCloudbaseServiceVersion', minimalBody.createCloudbaseServiceVersion())).json.errcode, -1);
    assert.deepEqual(emu.state().faults.pending, []);
  }));

test('call may be the doc name, the path, or the path without /componenttcb/; others are refused', () =>
  withEmulator({}, async (emu) => {
    const forms = ['releaseCloudbaseServiceVersion', PATHS.releaseCloudbaseServiceVersion, 'releasecloudbaserunversion'];
    for (const call of forms) {
      const r = await control(emu, 'POST', 'faults', { errcode: 40001, call });
      assert.equal(r.status, 200, call);
      assert.equal(r.json.pending.at(-1).call, 'releaseCloudbaseServiceVersion');
    }
    for (let i = 0; i < 3; i++) {
      assert.equal((await callApi(emu, 'releaseCloudbaseServiceVersion', minimalBody.releaseCloudbaseServiceVersion())).json.errcode, 40001);
    }
    for (const call of ['createService', 'api_component_token', '', 5, 'constructor', '__proto__']) {
      assert.equal((await control(emu, 'POST', 'faults', { busy: 1, call })).status, 400, String(call));
    }
    assert.equal((await control(emu, 'POST', 'token-faults', { busy: 1, call: 'getWxCloudBaseRunEnvs' })).status, 400, 'token faults have their own queue');
    assert.throws(() => emu.addTokenFaults({ busy: 1, call: 'getWxCloudBaseRunEnvs' }));
  }));

test('faults with process: true change state on the other paths too', () =>
  withEmulator({}, async (emu) => {
    emu.addFaults({ reset: true, process: true, call: 'createCloudbaseEnv' });
    await assert.rejects(callApi(emu, 'createCloudbaseEnv', { alias: 'lost' }), transportError);
    const [env] = emu.state().envs;
    assert.equal(env.alias, 'lost', 'the env exists although the client saw a reset');
    assert.equal(emu.state().log.at(-1).processedErrcode, 0);
    assert.equal(emu.state().log.at(-1).env_id, env.env_id);
  }));

test('unknown componenttcb paths are 404 and take no fault', () =>
  withEmulator({}, async (emu) => {
    emu.addFaults({ busy: 1 });
    const r = await send(emu.url, { path: '/componenttcb/getcslist', body: {} });
    assert.equal(r.status, 404);
    assert.equal(emu.state().faults.pending.length, 1);
  }));
