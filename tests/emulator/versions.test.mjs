// Versions of a service: create (names <service>-001, -002, …, a run_id), rollupdate
// ("latest", strings for cpu and the like), delete (is_delete_server only on the last
// version, is_delete_image only with it), release (existing versions only, exact ids > 2^31).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENV, callApi, validBody, versionBody, withEmulator } from './helpers.mjs';

const createService = (emu, name = 'svc-a') => callApi(emu, 'createCloudbaseService', validBody({ service_name: name }));
const createVersion = async (emu, over = {}) => (await callApi(emu, 'createCloudbaseServiceVersion', versionBody(over))).json;
const ref = (over = {}) => ({ env_id: ENV, server_name: 'svc-a', ...over });

test('createCloudbaseServiceVersion: the service must exist; names count up per service', () =>
  withEmulator({}, async (emu) => {
    assert.deepEqual(await createVersion(emu), { errcode: 40097, errmsg: 'service not found' });
    await createService(emu);
    await createService(emu, 'svc-b');
    const first = await createVersion(emu, { image_secret_info: { user_name: 'u', password: 'hunter2' } });
    assert.deepEqual(Object.keys(first), ['errcode', 'errmsg', 'result', 'version_name', 'run_id']);
    assert.deepEqual([first.errcode, first.result, first.version_name], [0, 'succ', 'svc-a-001']);
    assert.match(first.run_id, /^[A-Za-z0-9]{14}$/);
    assert.equal((await createVersion(emu)).version_name, 'svc-a-002');
    assert.equal((await createVersion(emu, { server_name: 'svc-b' })).version_name, 'svc-b-001');
    const st = emu.state();
    assert.deepEqual(st.versions.map((v) => v.version_name), ['svc-a-001', 'svc-a-002', 'svc-b-001']);
    assert.deepEqual(st.services.find((s) => s.service_name === 'svc-a').versions, ['svc-a-001', 'svc-a-002']);
    assert.equal(st.versions[0].body.image_secret_info.password, '***');
    assert.equal(st.versions[0].run_id, first.run_id);
    assert.ok(!JSON.stringify(st).includes('hunter2'));
  }));

test('updateCloudbaseServiceVersion: by name or "latest", with or without server_name; strings stored as sent', () =>
  withEmulator({}, async (emu) => {
    await createService(emu);
    const v1 = await createVersion(emu);
    await createVersion(emu);
    const u = (await callApi(emu, 'updateCloudbaseServiceVersion', { env_id: ENV, version_name: 'latest', server_name: 'svc-a', cpu: '0.5', mem: '1', version_remark: 'r2' })).json;
    assert.deepEqual(Object.keys(u), ['errcode', 'errmsg', 'result', 'run_id']);
    assert.equal(u.result, 'succ');
    let st = emu.state().versions;
    assert.deepEqual([st[1].body.cpu, st[1].body.mem, st[1].body.version_remark, st[1].updates, st[1].run_id], ['0.5', '1', 'r2', 1, u.run_id]);
    assert.equal(st[0].updates, 0);
    const byName = (await callApi(emu, 'updateCloudbaseServiceVersion', { env_id: ENV, version_name: v1.version_name, rollback: true })).json;
    assert.equal(byName.errcode, 0);
    st = emu.state().versions;
    assert.deepEqual([st[0].updates, st[0].body.rollback, st[0].body.cpu], [1, true, 0.25]);
    for (const [body, errmsg] of [
      [{ env_id: ENV, version_name: 'svc-a-009' }, 'version not found'],
      [{ env_id: ENV, version_name: 'latest', server_name: 'nope' }, 'service not found'],
      [{ env_id: 'test-0123456789abcdef', version_name: 'latest' }, 'version not found'],
    ]) {
      assert.deepEqual((await callApi(emu, 'updateCloudbaseServiceVersion', body)).json, { errcode: 40097, errmsg }, JSON.stringify(body));
    }
  }));

test('deleteCloudbaseServiceVersion: is_delete_server only on the last version, is_delete_image only with it', () =>
  withEmulator({}, async (emu) => {
    await createService(emu);
    await createVersion(emu);
    await createVersion(emu);
    const del = (over) => callApi(emu, 'deleteCloudbaseServiceVersion', ref(over)).then((r) => r.json);
    assert.deepEqual(await del({ version_name: 'svc-a-001', is_delete_image: true }), { errcode: 40097, errmsg: 'invalid args' });
    assert.deepEqual(await del({ version_name: 'svc-a-001', is_delete_server: true }), { errcode: 40097, errmsg: 'service has other versions' });
    assert.deepEqual(await del({ version_name: 'latest' }), { errcode: 40097, errmsg: 'version not found' }, '"latest" is update\'s only');
    assert.deepEqual(await del({ version_name: 'svc-a-001' }), { errcode: 0, errmsg: 'ok', result: 'succ' });
    assert.deepEqual(await del({ version_name: 'svc-a-001' }), { errcode: 40097, errmsg: 'version not found' });
    assert.equal(emu.state().services.length, 1);
    assert.deepEqual(await del({ version_name: 'svc-a-002', is_delete_server: true, is_delete_image: true }), { errcode: 0, errmsg: 'ok', result: 'succ' });
    const st = emu.state();
    assert.deepEqual([st.services, st.versions], [[], []], 'the service went with its last version');
    assert.deepEqual(await del({ version_name: 'svc-a-002' }), { errcode: 40097, errmsg: 'service not found' });
    assert.equal((await createService(emu)).json.errcode, 0, 'the name is free again');
  }));

test('releaseCloudbaseServiceVersion: existing versions only; release_order_id > 2^31, exact, increasing', () =>
  withEmulator({}, async (emu) => {
    await createService(emu);
    await createVersion(emu);
    await createVersion(emu);
    const rel = (version) => callApi(emu, 'releaseCloudbaseServiceVersion', ref({ release_version: version }));
    assert.deepEqual((await rel('svc-a-003')).json, { errcode: 40097, errmsg: 'version not found' });
    const a = await rel('svc-a-001');
    const b = await rel('svc-a-002');
    assert.deepEqual(Object.keys(a.json), ['errcode', 'errmsg', 'result', 'release_order_id']);
    assert.equal(a.json.result, 'success');
    for (const r of [a, b]) {
      const id = r.json.release_order_id;
      assert.ok(Number.isSafeInteger(id) && id > 2 ** 31, String(id));
      assert.match(r.text, new RegExp(`"release_order_id":${id}[,}]`), 'written as an exact integer');
    }
    assert.ok(b.json.release_order_id > a.json.release_order_id);
    const st = emu.state();
    assert.deepEqual(st.releases.map((x) => [x.release_version, x.release_order_id]), [['svc-a-001', a.json.release_order_id], ['svc-a-002', b.json.release_order_id]]);
    assert.equal(st.services[0].released_version, 'svc-a-002');
  }));
