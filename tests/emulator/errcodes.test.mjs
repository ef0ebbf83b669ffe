// One test per documented errcode of createCloudbaseService, plus check order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISABLED_ENV, ENV, EXPIRED, send, validBody, withEmulator } from './helpers.mjs';

const expect = (r, errcode, errmsg) => {
  assert.equal(r.status, 200, 'WeChat answers errors with HTTP 200');
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  assert.deepEqual(r.json, { errcode, errmsg });
};

test('0: a valid call succeeds and the service is recorded with the ES password redacted', () =>
  withEmulator({}, async (emu) => {
    const body = validBody({
      remark: 'demo', image_repo: 'repo/x', log_type: 'es', public_access: 1,
      es_info: { id: 1, ip: '10.0.0.1', port: 9200, account: 'elastic', password: 'hunter2', index: 'logs' },
      vpc_info: { vpc_id: 'vpc-1', subnet_ids: ['subnet-1'], create_type: 2 },
    });
    expect(await send(emu.url, { body }), 0, 'ok');
    const st = emu.state();
    assert.equal(st.services.length, 1);
    assert.equal(st.services[0].env_id, ENV);
    assert.equal(st.services[0].service_name, 'svc-a');
    assert.equal(st.services[0].body.es_info.password, '***');
    assert.equal(st.services[0].body.es_info.ip, '10.0.0.1');
    assert.ok(!JSON.stringify(st).includes('hunter2'));
    assert.deepEqual(st.byErrcode, { 0: 1 });
  }));

test('0: null optional fields count as absent; unknown keys are ignored', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { body: validBody({ remark: null, es_info: null, extra_key: [1] }) }), 0, 'ok');
  }));

test('43002: any method but POST', () =>
  withEmulator({}, async (emu) => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect(await send(emu.url, { method }), 43002, 'require POST method');
    }
    const head = await send(emu.url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(emu.state().byErrcode['43002'], 5);
  }));

test('41001: access_token absent, empty, or only in the body', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { token: null, body: validBody() }), 41001, 'access_token missing');
    expect(await send(emu.url, { token: '', body: validBody() }), 41001, 'access_token missing');
    expect(await send(emu.url, { token: null, body: validBody({ access_token: 'emulator-token' }) }), 41001, 'access_token missing');
    assert.equal(emu.state().log[0].token, 'missing');
  }));

test('40014: unknown access_token', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { token: 'nope', body: validBody() }), 40014, 'invalid access_token');
    assert.equal(emu.state().log[0].token, 'unknown');
  }));

test('42001: expired access_token', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { token: EXPIRED, body: validBody() }), 42001, 'access_token expired');
    assert.equal(emu.state().log[0].token, 'expired');
  }));

test('44002: empty or whitespace-only body', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, {}), 44002, 'empty post data');
    expect(await send(emu.url, { raw: ' \r\n\t' }), 44002, 'empty post data');
  }));

test('47001: malformed JSON, non-object JSON, non-UTF-8, body over 1 MiB', () =>
  withEmulator({}, async (emu) => {
    for (const raw of ['{', '{"env_id":', '[]', '"text"', '42', 'null', 'true', '\ufeff{}']) {
      expect(await send(emu.url, { raw }), 47001, 'data format error');
    }
    expect(await send(emu.url, { raw: Buffer.from([0x7b, 0xff, 0x7d]) }), 47001, 'data format error');
    const big = JSON.stringify(validBody({ remark: 'x'.repeat(1024 * 1024) }));
    expect(await send(emu.url, { raw: big }), 47001, 'data format error');
    assert.equal(emu.state().services.length, 0);
  }));

test('40101: each required field absent or null', () =>
  withEmulator({}, async (emu) => {
    for (const key of ['env_id', 'service_name', 'is_public']) {
      const body = validBody();
      delete body[key];
      expect(await send(emu.url, { body }), 40101, 'missing parameter');
      expect(await send(emu.url, { body: validBody({ [key]: null }) }), 40101, 'missing parameter');
    }
    expect(await send(emu.url, { body: {} }), 40101, 'missing parameter');
    assert.equal(emu.state().log[0].detail, 'env_id');
  }));

const INVALID = [
  ['env_id', { env_id: '' }], ['env_id', { env_id: 7 }], ['service_name', { service_name: '' }],
  ['service_name', { service_name: ['a'] }], ['is_public', { is_public: 'true' }], ['is_public', { is_public: 1 }],
  ['image_repo', { image_repo: 5 }], ['remark', { remark: {} }],
  ['log_type', { log_type: 'ES' }], ['log_type', { log_type: 'kafka' }],
  ['public_access', { public_access: 3 }], ['public_access', { public_access: '1' }], ['public_access', { public_access: 1.5 }],
  ['es_info', { es_info: [] }], ['es_info', { es_info: 'x' }],
  ['es_info.port', { es_info: { port: 0 } }], ['es_info.port', { es_info: { port: 65536 } }],
  ['es_info.port', { es_info: { port: 9200.5 } }], ['es_info.port', { es_info: { port: '9200' } }],
  ['es_info.ip', { es_info: { ip: '999.1.1.1' } }], ['es_info.ip', { es_info: { ip: 'es.local' } }],
  ['es_info.id', { es_info: { id: '1' } }], ['es_info.password', { es_info: { password: 1 } }],
  ['vpc_info', { vpc_info: [] }], ['vpc_info.vpc_id', { vpc_info: { vpc_id: 1 } }],
  ['vpc_info.subnet_ids', { vpc_info: { subnet_ids: 'subnet-1' } }],
  ['vpc_info.subnet_ids', { vpc_info: { subnet_ids: ['subnet-1', 2] } }],
  ['vpc_info.create_type', { vpc_info: { create_type: 4 } }], ['vpc_info.create_type', { vpc_info: { create_type: -1 } }],
  ['vpc_info.create_type', { vpc_info: { create_type: '1' } }],
];

test('40097: wrong type or value of each field', () =>
  withEmulator({}, async (emu) => {
    for (const [field, over] of INVALID) {
      const r = await send(emu.url, { body: validBody(over) });
      assert.deepEqual(r.json, { errcode: 40097, errmsg: 'invalid args' }, JSON.stringify(over));
      assert.equal(emu.state().log.at(-1).detail, field, JSON.stringify(over));
    }
    assert.equal(emu.state().services.length, 0);
  }));

test('40097: valid edge values pass (port 1 and 65535, IPv6 ip, create_type 0 and 3, public_access 2)', () =>
  withEmulator({}, async (emu) => {
    const bodies = [
      validBody({ service_name: 's1', es_info: { port: 1, ip: '::1' }, vpc_info: { create_type: 0, subnet_ids: [] } }),
      validBody({ service_name: 's2', es_info: { port: 65535 }, vpc_info: { create_type: 3 }, public_access: 2, log_type: 'cls' }),
    ];
    for (const body of bodies) expect(await send(emu.url, { body }), 0, 'ok');
  }));

test('85088: env in disabledEnvs, and unknown env with strictEnvs', async () => {
  await withEmulator({}, async (emu) => {
    expect(await send(emu.url, { body: validBody({ env_id: DISABLED_ENV }) }), 85088, 'no qbase privilege');
    expect(await send(emu.url, { body: validBody({ env_id: 'other-0123456789abcdef' }) }), 0, 'ok');
  });
  await withEmulator({ strictEnvs: true }, async (emu) => {
    expect(await send(emu.url, { body: validBody({ env_id: 'other-0123456789abcdef' }) }), 85088, 'no qbase privilege');
    expect(await send(emu.url, { body: validBody() }), 0, 'ok');
  });
});

test('duplicate service in the same env: 40097 "service already exists" (emulator choice)', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { body: validBody() }), 0, 'ok');
    expect(await send(emu.url, { body: validBody({ is_public: false }) }), 40097, 'service already exists');
    expect(await send(emu.url, { body: validBody({ env_id: 'test-0123456789abcdef' }) }), 0, 'ok');
    assert.equal(emu.state().services.length, 2);
  }));

test('checks run in the documented order', () =>
  withEmulator({}, async (emu) => {
    expect(await send(emu.url, { method: 'GET', token: null }), 43002, 'require POST method');
    expect(await send(emu.url, { token: null, raw: '{' }), 41001, 'access_token missing');
    expect(await send(emu.url, { token: EXPIRED, raw: '' }), 42001, 'access_token expired');
    expect(await send(emu.url, { token: 'bad', raw: '{' }), 40014, 'invalid access_token');
    expect(await send(emu.url, { body: { env_id: 5 } }), 40101, 'missing parameter');
    expect(await send(emu.url, { body: validBody({ env_id: DISABLED_ENV, is_public: 'no' }) }), 40097, 'invalid args');
  }));

test('the log never holds the token itself', () =>
  withEmulator({ tokens: ['secret-token-value'] }, async (emu) => {
    await send(emu.url, { token: 'secret-token-value', body: validBody() });
    await send(emu.url, { token: 'another-secret', body: validBody() });
    const text = JSON.stringify(emu.state());
    assert.ok(!text.includes('secret-token-value'));
    assert.ok(!text.includes('another-secret'));
    assert.deepEqual(emu.state().log.map((e) => e.token), ['valid', 'unknown']);
  }));

test('concurrent creates of one service: exactly one succeeds', () =>
  withEmulator({}, async (emu) => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(emu.url, { body: validBody() })));
    const codes = answers.map((r) => r.json.errcode).sort();
    assert.equal(codes.filter((c) => c === 0).length, 1);
    assert.equal(codes.filter((c) => c === 40097).length, 19);
    assert.equal(emu.state().services.length, 1);
  }));
