// Environments: getWxCloudBaseRunEnvs lists configured and created envs with every
// documented env_list[] field; createCloudbaseEnv's ids, alias rule and status timeline;
// createCloudbaseMicrservice; 85088 and "not ready" on the calls that name an env.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISABLED_ENV, ENV, callApi, validBody, withEmulator } from './helpers.mjs';

/** env_list[] item fields and the sub-fields of its arrays, as family.md lists them. */
const ITEM_FIELDS = ['env_id', 'source', 'alias', 'create_time', 'update_time', 'status', 'databases', 'storages',
  'functions', 'package_id', 'package_name', 'log_services', 'static_storages', 'is_auto_degrade', 'env_channel',
  'pay_mode', 'is_default', 'region', 'tags', 'custom_log_services'];
const SUB_FIELDS = {
  databases: ['region', 'instance_id', 'status'],
  storages: ['region', 'bucket', 'cdn_domain', 'app_id'],
  functions: ['region', 'namespace'],
  log_services: ['region', 'logset_id', 'logset_name', 'topic_id', 'topic_name'],
  static_storages: ['region', 'bucket', 'status', 'static_domain', 'default_dir_name'],
  tags: ['key', 'value'],
  custom_log_services: ['cls_region', 'cls_logset_id', 'cls_topic_id', 'create_time'],
};
const listEnvs = async (emu) => (await callApi(emu, 'getWxCloudBaseRunEnvs', {})).json;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function assertItem(item) {
  assert.deepEqual(Object.keys(item).sort(), [...ITEM_FIELDS].sort());
  for (const [key, subs] of Object.entries(SUB_FIELDS)) {
    assert.equal(item[key].length, 1, key);
    assert.deepEqual(Object.keys(item[key][0]).sort(), [...subs].sort(), key);
  }
  assert.ok(['miniapp', 'qcloud'].includes(item.source));
  assert.ok(['NORMAL', 'UNAVAILABLE'].includes(item.status));
  assert.ok(['prepayment', 'postpaid'].includes(item.pay_mode));
  assert.equal(typeof item.is_auto_degrade, 'boolean');
  assert.equal(typeof item.is_default, 'boolean');
  assert.match(item.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
}

test('getWxCloudBaseRunEnvs: configured envs with every documented field; disabled ones are not listed', () =>
  withEmulator({ envs: [ENV, 'test-0123456789abcdef', DISABLED_ENV] }, async (emu) => {
    const r = await listEnvs(emu);
    assert.equal(r.errcode, 0);
    assert.equal(r.errmsg, 'ok');
    assert.deepEqual(r.env_list.map((e) => [e.env_id, e.alias, e.is_default]), [[ENV, 'prod', true], ['test-0123456789abcdef', 'test', false]]);
    for (const item of r.env_list) assertItem(item);
    assert.deepEqual(await listEnvs(emu), r, 'stable between calls');
  }));

test('createCloudbaseEnv: env_id <alias>-<16 lowercase alnum>, a tran_id, listed, in state', () =>
  withEmulator({}, async (emu) => {
    const r = await callApi(emu, 'createCloudbaseEnv', { alias: 'testapi', vpc_id: 'vpc-1', sub_net_ids: ['subnet-1'] });
    assert.equal(r.json.errcode, 0);
    assert.deepEqual(Object.keys(r.json), ['errcode', 'errmsg', 'env_id', 'tran_id']);
    assert.match(r.json.env_id, /^testapi-[a-z0-9]{16}$/);
    assert.equal(typeof r.json.tran_id, 'string');
    const noAlias = (await callApi(emu, 'createCloudbaseEnv', {})).json;
    assert.match(noAlias.env_id, /^env-[a-z0-9]{16}$/, 'an emulator choice: alias "env" by default');
    assert.notEqual(noAlias.tran_id, r.json.tran_id);
    const list = (await listEnvs(emu)).env_list;
    assert.deepEqual(list.map((e) => e.env_id), [ENV, r.json.env_id, noAlias.env_id]);
    const created = list[1];
    assertItem(created);
    assert.deepEqual([created.alias, created.status, created.is_default], ['testapi', 'NORMAL', false]);
    const st = emu.state().envs;
    assert.equal(st.length, 2);
    assert.deepEqual([st[0].env_id, st[0].alias, st[0].status, st[0].vpc_id, st[0].sub_net_ids], [r.json.env_id, 'testapi', 'NORMAL', 'vpc-1', ['subnet-1']]);
    assert.equal(emu.state().log.filter((e) => e.call === 'createCloudbaseEnv').at(-1).env_id, noAlias.env_id);
  }));

test('envReadyMs: a created env is UNAVAILABLE (and refuses calls) until it is ready', () =>
  withEmulator({ envReadyMs: 300, strictEnvs: true }, async (emu) => {
    const { env_id } = (await callApi(emu, 'createCloudbaseEnv', { alias: 'slow' })).json;
    const early = (await listEnvs(emu)).env_list.find((e) => e.env_id === env_id);
    assert.equal(early.status, 'UNAVAILABLE');
    assert.equal(early.create_time, early.update_time);
    assert.deepEqual((await callApi(emu, 'createCloudbaseService', validBody({ env_id }))).json, { errcode: 40097, errmsg: 'env is not ready' });
    assert.deepEqual((await callApi(emu, 'createCloudbaseMicrservice', { env_id })).json, { errcode: 40097, errmsg: 'env is not ready' });
    await sleep(350);
    assert.equal((await listEnvs(emu)).env_list.find((e) => e.env_id === env_id).status, 'NORMAL');
    assert.equal((await callApi(emu, 'createCloudbaseService', validBody({ env_id }))).json.errcode, 0, 'known to strictEnvs once created');
    assert.equal(emu.state().envs[0].status, 'NORMAL');
  }));

test('85088 on every call that names an env: disabled, or unknown with strictEnvs', async () => {
  const bodies = (env) => [
    ['createCloudbaseService', validBody({ env_id: env })],
    ['createCloudbaseServiceVersion', { env_id: env, server_name: 's', upload_type: 'image', flow_ratio: 1, cpu: 1, mem: 1, min_num: 0, max_num: 1, policy_type: 'cpu', policy_threshold: 1, container_port: 80 }],
    ['updateCloudbaseServiceVersion', { env_id: env, version_name: 'latest' }],
    ['deleteCloudbaseServiceVersion', { env_id: env, server_name: 's', version_name: 's-001' }],
    ['releaseCloudbaseServiceVersion', { env_id: env, server_name: 's', release_version: 's-001' }],
    ['createCloudbaseMicrservice', { env_id: env }],
  ];
  await withEmulator({}, async (emu) => {
    for (const [name, body] of bodies(DISABLED_ENV)) {
      assert.deepEqual((await callApi(emu, name, body)).json, { errcode: 85088, errmsg: 'no qbase privilege' }, name);
    }
  });
  await withEmulator({ strictEnvs: true }, async (emu) => {
    for (const [name, body] of bodies('other-0123456789abcdef')) {
      assert.equal((await callApi(emu, name, body)).json.errcode, 85088, name);
    }
  });
});

test('createCloudbaseMicrservice: authorises an env once, counts repeats', () =>
  withEmulator({}, async (emu) => {
    for (let i = 0; i < 2; i++) assert.deepEqual((await callApi(emu, 'createCloudbaseMicrservice', { env_id: ENV })).json, { errcode: 0, errmsg: 'ok' });
    const [auth, ...rest] = emu.state().microservices;
    assert.deepEqual(rest, []);
    assert.equal(auth.env_id, ENV);
    assert.equal(auth.calls, 2);
  }));
