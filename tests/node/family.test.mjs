// The whole cloud-run job through the packed package against the stateful emulator: an
// environment, a service in it, a version, its release, the list of environments, shares —
// each call through its CloudbaseClient method and through `call`, answers typed by call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import util from 'node:util';
import {
  CloudbaseClient, buildRequest, describeCalls, isTransportError, isValidationError, isWxApiError, toCurl, validateRequest,
} from 'wx-cloudbase-service';
import { TOKEN, rejection, uniqueName, withEmu } from './helpers.mjs';

const client = (emu, extra = {}) => new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, ...extra });

test('every call of describeCalls() has its client method, and the list is the family', () => {
  const names = describeCalls().map((c) => c.name);
  assert.deepEqual(names, [
    'getWxCloudBaseRunEnvs', 'createCloudbaseEnv', 'getShareCloudbaseEnv', 'shareCloudbaseEnv', 'unshareCloudbaseEnv',
    'createCloudbaseService', 'createCloudbaseServiceVersion', 'updateCloudbaseServiceVersion',
    'deleteCloudbaseServiceVersion', 'releaseCloudbaseServiceVersion', 'createCloudbaseMicrservice',
  ]);
  for (const name of names) assert.equal(typeof CloudbaseClient.prototype[name], 'function', name);
  for (const c of describeCalls()) {
    assert.ok(c.path.startsWith('/componenttcb/'), c.name);
    assert.ok(['reads', 'changes'].includes(c.effect), c.name);
    assert.equal(validateRequest(c.name, c.example).ok, true, c.name);
  }
});

// A body that breaks each rule across fields (added to the call's example). A rule that
// describeCalls() lists but this table lacks fails the test, so each one is proven here.
const BREAKS = {
  'createCloudbaseService/es_needs_es_info': { log_type: 'es' },
  'createCloudbaseService/es_info_needs_es': { log_type: 'cls', es_info: { id: 1, ip: '10.0.0.8', port: 9200, index: 'logs', account: 'elastic', password: 'x-secret' } },
  'createCloudbaseServiceVersion/min_below_max': { min_num: 3, max_num: 1 },
  'createCloudbaseServiceVersion/source_fits_upload_type': { upload_type: 'repository', image_info: undefined },
  'updateCloudbaseServiceVersion/min_below_max': { min_num: '3', max_num: '1' },
  'deleteCloudbaseServiceVersion/image_only_with_server': { is_delete_image: true, is_delete_server: false },
};

test('every rule across fields in describeCalls() is enforced as it says: at one of its fields, an error or a warning by its source', () => {
  const listed = [];
  for (const c of describeCalls()) {
    assert.ok(Array.isArray(c.crossRules), c.name);
    for (const rule of c.crossRules) {
      const key = `${c.name}/${rule.name}`;
      listed.push(key);
      assert.ok(BREAKS[key], `${key}: no breaking body in this test`);
      const body = JSON.parse(JSON.stringify({ ...c.example, ...BREAKS[key] }));
      const report = validateRequest(c.name, body);
      const [mine, other] = rule.source === 'documented' ? [report.errors, report.warnings] : [report.warnings, report.errors];
      const found = mine.filter((i) => i.code === 'consistency');
      assert.ok(found.length >= 1, `${key}: ${JSON.stringify(report)}`);
      for (const issue of found) assert.ok(rule.fields.includes(issue.path), `${key}: reported at ${issue.path}`);
      assert.deepEqual(other.filter((i) => i.code === 'consistency'), [], key);
      assert.equal(validateRequest(c.name, c.example).ok, true, `${key}: the example itself passes`);
    }
  }
  assert.deepEqual(listed.sort(), Object.keys(BREAKS).sort());
});

test('the job end to end: env, service, version, release, list, share, unshare, microservice, delete', async () => {
  await withEmu(async (emu) => {
    const c = client(emu);
    const env = await c.createCloudbaseEnv({ alias: 'orders' });
    assert.equal(env.errcode, 0);
    assert.match(env.env_id, /^orders-[a-z0-9]{16}$/);
    const service_name = uniqueName('orders');
    const created = await c.createCloudbaseService({ env_id: env.env_id, service_name, is_public: true });
    assert.equal(created.errcode, 0);
    const version = await c.call('createCloudbaseServiceVersion', {
      env_id: env.env_id, upload_type: 'image', flow_ratio: 100, cpu: 0.25, mem: 0.5, min_num: 0, max_num: 2,
      policy_type: 'cpu', policy_threshold: 60, container_port: 8080, server_name: service_name,
      image_info: { image_url: 'ccr.ccs.tencentyun.com/ns/app:1' },
    });
    assert.equal(version.result, 'succ');
    assert.equal(version.version_name, `${service_name}-001`);
    assert.equal(typeof version.run_id, 'string');
    const released = await c.releaseCloudbaseServiceVersion({ env_id: env.env_id, server_name: service_name, release_version: version.version_name });
    assert.equal(released.result, 'success');
    assert.ok(Number.isSafeInteger(released.release_order_id) || typeof released.release_order_id === 'string');
    const updated = await c.updateCloudbaseServiceVersion({ env_id: env.env_id, version_name: 'latest', cpu: '0.5', mem: '1', server_name: service_name });
    assert.equal(updated.errcode, 0);
    const listed = await c.getWxCloudBaseRunEnvs();
    const mine = listed.env_list.find((e) => e.env_id === env.env_id);
    assert.ok(mine, util.inspect(listed, { depth: 4 }));
    assert.equal(mine.alias, 'orders');
    const appid = 'wx1234567890abcdef';
    const shared = await c.shareCloudbaseEnv({ data: [{ env: env.env_id, appids: [appid] }], source_type: 1 });
    assert.equal(shared.msg_info_list[0].appid, appid);
    const looked = await c.getShareCloudbaseEnv({ appids: [appid], source_type: 1 });
    assert.equal(looked.errcode, 0);
    const unshared = await c.unshareCloudbaseEnv({ data: [{ env: env.env_id, appids: [appid] }], source_type: 1 });
    assert.equal(unshared.errcode, 0);
    assert.equal((await c.createCloudbaseMicrservice({ env_id: env.env_id })).errcode, 0);
    const deleted = await c.deleteCloudbaseServiceVersion({
      env_id: env.env_id, server_name: service_name, version_name: version.version_name, is_delete_server: true,
    });
    assert.equal(deleted.result, 'succ');
    const state = emu.state();
    assert.equal(state.requests, 11);
  });
});

test('a release answered result "failed" is a WxApiError the caller cannot miss', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ rawSuccess: '{"errcode":0,"errmsg":"ok","result":"failed","release_order_id":9007199254740993}' });
    const e = await rejection(() => client(emu).releaseCloudbaseServiceVersion({ env_id: 'prod-1a2b3c4d5e6f7a8b', server_name: 'svc', release_version: 'svc-001' }));
    assert.ok(isWxApiError(e), util.inspect(e));
    assert.equal(e.errcode, 0);
    assert.equal(e.errname, 'result_failed');
    assert.equal(e.result, 'failed');
    assert.equal(e.answer.release_order_id, '9007199254740993');
    assert.equal(e.attempts, 1);
  });
});

test('answers keep integers beyond 2^53 exactly and __proto__ as plain data', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ rawSuccess: '{"__proto__":{"polluted":true},"errcode":0,"errmsg":"ok","request_id":9007199254740993}' });
    const r = await client(emu).createService({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: uniqueName(), is_public: true });
    assert.equal(r.request_id, '9007199254740993');
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(r, '__proto__').value, { polluted: true });
    assert.equal({}.polluted, undefined);
  });
});

test('a call that only reads is retried after a 502; one that changes is not', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ status: 502, call: 'getWxCloudBaseRunEnvs' });
    const listed = await client(emu).getWxCloudBaseRunEnvs();
    assert.equal(listed.errcode, 0);
    emu.addFaults({ status: 502, call: 'createCloudbaseEnv' });
    const e = await rejection(() => client(emu).createCloudbaseEnv({ alias: 'once' }));
    assert.ok(isTransportError(e));
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.attempts, 1);
    emu.addFaults({ reset: true, call: 'getShareCloudbaseEnv', count: 5 });
    const read = await rejection(() => client(emu, { maxRetries: 1 }).getShareCloudbaseEnv({ appids: ['wx1234567890abcdef'], source_type: 1 }));
    assert.ok(isTransportError(read));
    assert.equal(read.outcomeUnknown, false, 'a read never leaves the outcome unknown');
    assert.equal(read.attempts, 2);
  });
});

test('validateRequest and buildRequest for every call; update numbers must be strings', () => {
  const report = validateRequest('updateCloudbaseServiceVersion', { env_id: 'prod-1a2b3c4d5e6f7a8b', version_name: 'latest', cpu: 0.25 });
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].path, 'cpu');
  assert.match(report.errors[0].message, /write "0\.25"/);
  for (const c of describeCalls()) {
    const req = buildRequest(c.name, c.example, { accessToken: TOKEN });
    assert.ok(req.url.includes(c.path), c.name);
    assert.ok(toCurl(req).includes('access_token=***'), c.name);
    assert.equal(JSON.parse(req.body) !== null, true);
  }
  assert.throws(() => buildRequest('createCloudbaseServiceVersion', { env_id: 'x' }, { accessToken: TOKEN }), (e) => isValidationError(e));
  const unknown = validateRequest('createCloudbaseServce', {});
  assert.equal(unknown.errors[0].code, 'unknown_call');
  assert.match(unknown.errors[0].message, /did you mean "createCloudbaseService"/);
});
