// Field checks of every call, table-driven from the API facts: each required field absent
// or null → 40101, each wrong type or value → 40097 (the log's `detail` names the field),
// null optional fields count as absent, unknown keys are ignored, loose (unconfirmed)
// fields are never a reason to refuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CALL_NAMES, ENV, callApi, minimalBody, withEmulator } from './helpers.mjs';

const REQUIRED = {
  getWxCloudBaseRunEnvs: [],
  createCloudbaseEnv: [],
  getShareCloudbaseEnv: ['appids', 'source_type'],
  shareCloudbaseEnv: ['data', 'source_type', 'data[0].env', 'data[0].appids'],
  unshareCloudbaseEnv: ['data', 'source_type', 'data[0].env', 'data[0].appids'],
  createCloudbaseService: ['env_id', 'service_name', 'is_public'],
  createCloudbaseServiceVersion: ['env_id', 'server_name', 'upload_type', 'flow_ratio', 'cpu', 'mem', 'min_num',
    'max_num', 'policy_type', 'policy_threshold', 'container_port'],
  updateCloudbaseServiceVersion: ['env_id', 'version_name'],
  deleteCloudbaseServiceVersion: ['env_id', 'server_name', 'version_name'],
  releaseCloudbaseServiceVersion: ['env_id', 'server_name', 'release_version'],
  createCloudbaseMicrservice: ['env_id'],
};

/** Set (or with `undefined`, delete) a dotted path such as data[0].env in a copy. */
function withField(body, path, value) {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = keys.pop();
  const parent = keys.reduce((o, k) => (o[k] ??= {}), body);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return body;
}

test('40101: every required field of every call, absent or null', () =>
  withEmulator({}, async (emu) => {
    for (const name of CALL_NAMES) {
      for (const field of REQUIRED[name]) {
        for (const value of [undefined, null]) {
          const r = await callApi(emu, name, withField(minimalBody[name](), field, value));
          assert.deepEqual(r.json, { errcode: 40101, errmsg: 'missing parameter' }, `${name} ${field}=${value}`);
          assert.equal(emu.state().log.at(-1).detail, field, `${name} ${field}`);
        }
      }
    }
  }));

const long = 'x'.repeat(257);
const INVALID = {
  createCloudbaseEnv: [
    ['alias', '1abc'], ['alias', 'Prod'], ['alias', 'a_b'], ['alias', ''], ['alias', 'a'.repeat(65)], ['alias', 5],
    ['vpc_id', 5], ['sub_net_ids', 'subnet-1'], ['sub_net_ids', ['subnet-1', 2]],
  ],
  getShareCloudbaseEnv: [['appids', 'wx134c8103faa5a59e'], ['appids', [1]], ['source_type', 2], ['source_type', '1'], ['source_type', 0]],
  shareCloudbaseEnv: [
    ['data', {}], ['data[0]', [1]], ['data[0].env', ''], ['data[0].env', long], ['data[0].appids', 'wx1'], ['source_type', 2],
  ],
  unshareCloudbaseEnv: [['data', 'x'], ['data[0].env', 7], ['data[0].appids', [null]], ['source_type', true]],
  createCloudbaseServiceVersion: [
    ['env_id', ''], ['env_id', long], ['server_name', 3], ['upload_type', 'zip'], ['flow_ratio', 101], ['flow_ratio', -1],
    ['flow_ratio', '100'], ['cpu', '0.25'], ['mem', '1'], ['min_num', -1], ['max_num', 51], ['policy_type', 1],
    ['policy_threshold', '60'], ['container_port', 0], ['container_port', 65536], ['container_port', 80.5],
    ['container_port', '80'], ['repository_type', 'svn'], ['dockerfile_path', 1], ['env_params', {}],
    ['image_info', []], ['image_info.is_public', 'yes'], ['code_detail.name', 'x'], ['code_detail.name.full_name', 1],
    ['image_secret_info.password', 1], ['image_pull_secret', false], ['initial_delay_seconds', '5'],
  ],
  updateCloudbaseServiceVersion: [
    ['version_name', ''], ['upload_type', 'jar'], ['flow_ratio', 150], ['cpu', 0.25], ['mem', 1], ['min_num', 1],
    ['max_num', 2], ['policy_threshold', 60], ['cpu', 'abc'], ['cpu', '1e3'], ['cpu', ' 1'], ['min_num', '-1'],
    ['max_num', '51'], ['container_port', '80'], ['is_rebuild', 'true'], ['rollback', 1], ['mount_volume_info', {}],
    ['server_name', ''], ['env_params', 5],
  ],
  deleteCloudbaseServiceVersion: [
    ['version_name', 5], ['is_delete_server', 'true'], ['is_delete_image', 1], ['is_delete_image', true],
  ],
  releaseCloudbaseServiceVersion: [['release_version', 1], ['server_name', ''], ['env_id', ['a']]],
  createCloudbaseMicrservice: [['env_id', 5], ['env_id', ''], ['env_id', long]],
};

test('40097: wrong types and values of every call (createCloudbaseService: errcodes.test.mjs)', () =>
  withEmulator({}, async (emu) => {
    for (const [name, cases] of Object.entries(INVALID)) {
      for (const [field, value] of cases) {
        const r = await callApi(emu, name, withField(minimalBody[name](), field, value));
        const what = `${name} ${field}=${JSON.stringify(value)}`;
        assert.deepEqual(r.json, { errcode: 40097, errmsg: 'invalid args' }, what);
        assert.equal(emu.state().log.at(-1).detail, field, what);
      }
    }
    assert.deepEqual([emu.state().envs, emu.state().versions], [[], []], 'nothing was created');
  }));

test('valid edge values pass the field checks', () =>
  withEmulator({}, async (emu) => {
    const cases = [
      ['createCloudbaseEnv', { alias: 'a' }], ['createCloudbaseEnv', { alias: 'a-9-' }], ['createCloudbaseEnv', { alias: 'b'.repeat(64) }],
      ['createCloudbaseEnv', { vpc_id: 'vpc-1', sub_net_ids: [] }],
      ['getShareCloudbaseEnv', { appids: [], source_type: 1 }],
      ['shareCloudbaseEnv', { data: [], source_type: 1 }],
      ['updateCloudbaseServiceVersion', { env_id: ENV, version_name: 'latest', cpu: '0.25', mem: '1', min_num: '0', max_num: '50', policy_threshold: '60.5' }],
    ];
    for (const [name, body] of cases) {
      const r = await callApi(emu, name, body);
      assert.notEqual(r.json.errmsg, 'invalid args', `${name} ${JSON.stringify(body)}`);
      assert.notEqual(r.json.errcode, 40101, `${name} ${JSON.stringify(body)}`);
    }
  }));

test('null optional fields count as absent, unknown keys are ignored, loose fields never refuse', () =>
  withEmulator({}, async (emu) => {
    assert.equal((await callApi(emu, 'createCloudbaseService', minimalBody.createCloudbaseService())).json.errcode, 0);
    const nulls = { repository_type: null, image_info: null, env_params: null, initial_delay_seconds: null, code_detail: { name: null } };
    const loose = { has_dockerfile: 'odd', policy_detail: 'x', sidecar_specs: 5, es_info: [1], custom_logs: { a: 1 } };
    const unknown = { Dockerfile_path: 1, no_such_key: { a: [1, 2, { b: null }] } };
    const r = await callApi(emu, 'createCloudbaseServiceVersion', { ...minimalBody.createCloudbaseServiceVersion(), ...nulls, ...loose, ...unknown });
    assert.equal(r.json.errcode, 0, JSON.stringify(r.json));
    const stored = emu.state().versions[0].body;
    assert.equal(stored.has_dockerfile, 'odd');
    assert.deepEqual(stored.custom_logs, { a: 1 });
    assert.ok(!('no_such_key' in stored) && !('Dockerfile_path' in stored), 'unknown keys are not stored');
    assert.ok(!('image_info' in stored), 'null optional fields are not stored');
    const u = await callApi(emu, 'updateCloudbaseServiceVersion', { env_id: ENV, version_name: 'latest', cpu: null, rollback: null, is_update_cls: 'x' });
    assert.equal(u.json.errcode, 0, JSON.stringify(u.json));
  }));

test('checks run in order on every path: method, token, body, 40101, 40097', () =>
  withEmulator({}, async (emu) => {
    for (const name of CALL_NAMES) {
      const codes = [
        (await callApi(emu, name, undefined, { method: 'GET', token: null })).json.errcode,
        (await callApi(emu, name, undefined, { token: null, raw: '{' })).json.errcode,
        (await callApi(emu, name, undefined, { token: 'emulator-expired-token', raw: '' })).json.errcode,
        (await callApi(emu, name, undefined, { token: 'nope', raw: '{' })).json.errcode,
        (await callApi(emu, name, undefined, { raw: ' ' })).json.errcode,
        (await callApi(emu, name, undefined, { raw: '[]' })).json.errcode,
      ];
      assert.deepEqual(codes, [43002, 41001, 42001, 40014, 44002, 47001], name);
      const top = REQUIRED[name].filter((f) => /^[a-z_]+$/.test(f));
      if (top.length >= 2) {
        // A required field missing wins over another field of the wrong type.
        const body = withField(withField(minimalBody[name](), top[0], undefined), top[1], [[]]);
        assert.equal((await callApi(emu, name, body)).json.errcode, 40101, name);
      }
    }
  }));
