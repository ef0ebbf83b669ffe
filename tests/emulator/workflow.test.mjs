// One platform's day, over raw HTTP: get a token, create an env, wait for it, create a
// service, two versions, update, release, authorise microservices, share the env; then the
// list call and the emulator's state agree with every answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPID, callApi, send, validBody, versionBody, withEmulator } from './helpers.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('workflow: env → service → version → update → release → list', () =>
  withEmulator({ envReadyMs: 100, strictEnvs: true }, async (emu) => {
    const creds = { component_appid: 'emulator-appid', component_appsecret: 'emulator-secret', component_verify_ticket: 'emulator-ticket' };
    const token = (await send(emu.url, { path: '/cgi-bin/component/api_component_token', token: null, body: creds })).json.component_access_token;
    const call = async (name, body) => {
      const r = (await callApi(emu, name, body, { token })).json;
      assert.equal(r.errcode, 0, `${name}: ${JSON.stringify(r)}`);
      return r;
    };

    const { env_id } = await call('createCloudbaseEnv', { alias: 'shop' });
    let env = (await call('getWxCloudBaseRunEnvs', {})).env_list.find((e) => e.env_id === env_id);
    while (env.status !== 'NORMAL') {
      await sleep(25);
      env = (await call('getWxCloudBaseRunEnvs', {})).env_list.find((e) => e.env_id === env_id);
    }
    await call('createCloudbaseService', validBody({ env_id, service_name: 'api' }));
    const v1 = await call('createCloudbaseServiceVersion', versionBody({ env_id, server_name: 'api' }));
    const v2 = await call('createCloudbaseServiceVersion', versionBody({ env_id, server_name: 'api', flow_ratio: 0 }));
    await call('updateCloudbaseServiceVersion', { env_id, server_name: 'api', version_name: 'latest', cpu: '1', max_num: '5' });
    const rel = await call('releaseCloudbaseServiceVersion', { env_id, server_name: 'api', release_version: v2.version_name });
    await call('createCloudbaseMicrservice', { env_id });
    const shared = await call('shareCloudbaseEnv', { data: [{ env: env_id, appids: [APPID] }], source_type: 1 });
    await send(emu.url, { method: 'POST', path: shared.msg_info_list[0].url, token: null });
    const rels = await call('getShareCloudbaseEnv', { appids: [APPID], source_type: 1 });
    assert.deepEqual(rels.relation_data, [{ appid: APPID, env_list: [env_id] }]);
    await call('deleteCloudbaseServiceVersion', { env_id, server_name: 'api', version_name: v1.version_name });

    const st = emu.state();
    assert.deepEqual(st.envs.map((e) => [e.env_id, e.status]), [[env_id, 'NORMAL']]);
    assert.deepEqual(st.services.map((s) => [s.env_id, s.service_name, s.versions, s.released_version]), [[env_id, 'api', ['api-002'], 'api-002']]);
    assert.deepEqual(st.versions.map((v) => [v.version_name, v.updates, v.body.cpu, v.body.max_num]), [['api-002', 1, '1', '5']]);
    assert.deepEqual(st.releases.map((r) => r.release_order_id), [rel.release_order_id]);
    assert.deepEqual(st.shares.map((s) => [s.env, s.appid, s.status]), [[env_id, APPID, 'confirmed']]);
    assert.deepEqual(st.microservices.map((m) => m.env_id), [env_id]);
    assert.equal(st.byErrcode['0'] >= 12, true);
    assert.ok(!JSON.stringify(st).includes(token), 'the token never appears in state');
    assert.deepEqual(new Set(st.log.filter((e) => e.call).map((e) => e.token)), new Set(['valid']));
  }));
