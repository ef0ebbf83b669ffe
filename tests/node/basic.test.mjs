// Success path, the built request, one instance for import and require, and the guards.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';
import util from 'node:util';
import vm from 'node:vm';
import * as lib from 'wx-cloudbase-service';
import {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
} from 'wx-cloudbase-service';
import {
  API_PATH,
  PASSWORD,
  TOKEN,
  assertHooksClean,
  assertNoSecrets,
  closedPort,
  recordingHooks,
  rejection,
  requestsSeen,
  svc,
  withEmu,
} from './helpers.mjs';

const EXPORTS = [
  'CloudbaseClient',
  'buildCreateServiceRequest',
  'createService',
  'isConfigError',
  'isTransportError',
  'isValidationError',
  'isWxApiError',
  'isWxCloudbaseError',
  'toCurl',
  'validateCreateServiceRequest',
];

test('the package exports the documented functions', () => {
  for (const name of EXPORTS) assert.equal(typeof lib[name], 'function', name);
});

test('createService succeeds: a plain { errcode: 0, errmsg: "ok" } and exactly one service recorded', async () => {
  await withEmu(async (emu) => {
    const input = svc();
    const hooks = recordingHooks();
    const res = await createService(input, { accessToken: TOKEN, baseUrl: emu.url, ...hooks });
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    assert.equal(Object.getPrototypeOf(res), Object.prototype, 'result is a plain object');
    assert.equal(JSON.stringify(res), '{"errcode":0,"errmsg":"ok"}');
    const st = emu.state();
    assert.equal(st.requests, 1);
    assert.equal(st.services.length, 1);
    assert.equal(st.services[0].env_id, input.env_id);
    assert.equal(st.services[0].service_name, input.service_name);
    assert.equal(st.services[0].body.is_public, true);
    assert.equal(st.services[0].body.log_type, 'es');
    assert.equal(st.log[0].token, 'valid');
    assert.equal(hooks.requests.length, 1);
    assert.equal(hooks.requests[0].attempt, 1);
    assert.equal(hooks.requests[0].method, 'POST');
    assert.equal(hooks.responses.length, 1);
    assert.equal(hooks.responses[0].status, 200);
    assert.equal(hooks.responses[0].errcode, 0);
    assertHooksClean(hooks);
  });
});

test('CloudbaseClient.createService succeeds and can be called again', async () => {
  await withEmu(async (emu) => {
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    assert.deepEqual(await client.createService(svc()), { errcode: 0, errmsg: 'ok' });
    assert.deepEqual(await client.createService(svc(), { timeoutMs: 5000, maxRetries: 0 }), { errcode: 0, errmsg: 'ok' });
    assert.equal(emu.state().services.length, 2);
  });
});

test('a second create of the same service is the emulator\'s 40097, not retried', async () => {
  await withEmu(async (emu) => {
    const input = svc();
    await createService(input, { accessToken: TOKEN, baseUrl: emu.url });
    const e = await rejection(() => createService(input, { accessToken: TOKEN, baseUrl: emu.url }));
    assert.ok(isWxApiError(e), util.inspect(e));
    assert.equal(e.errcode, 40097);
    assert.equal(e.attempts, 1);
    assert.equal(requestsSeen(emu), 2);
  });
});

test('buildCreateServiceRequest: url and body are readable, JSON.stringify and util.inspect hide them', async () => {
  await withEmu(async (emu) => {
    const input = svc();
    const req = buildCreateServiceRequest(input, { accessToken: TOKEN, baseUrl: emu.url });
    assert.equal(req.method, 'POST');
    assert.equal(req.url, `${emu.url}${API_PATH}?access_token=${encodeURIComponent(TOKEN)}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), input);
    assert.ok(!Object.keys(req).includes('url'), 'url is not enumerable');
    assert.ok(!Object.keys(req).includes('body'), 'body is not enumerable');
    assertNoSecrets(req, 'HttpRequest', { hidden: false });
    assert.ok(!util.inspect(req, { depth: null }).includes(emu.url), 'inspect hides the url');
    assert.ok(!JSON.stringify(req).includes('es_info'), 'JSON.stringify hides the body');

    // What the README shows: send it yourself with fetch.
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
    assert.deepEqual(await res.json(), { errcode: 0, errmsg: 'ok' });
    assert.equal(emu.state().services.length, 1);
    assert.equal(emu.state().services[0].body.es_info.password, '***', 'the emulator stores no password');
  });
});

test('buildCreateServiceRequest defaults to https://api.weixin.qq.com and sends nothing', () => {
  const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN });
  assert.ok(req.url.startsWith(`https://api.weixin.qq.com${API_PATH}?access_token=`), req.url.replace(TOKEN, '<token>'));
});

test('toCurl redacts by default and reveals on request', () => {
  const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:9' });
  const curl = toCurl(req);
  assert.match(curl, /^curl /);
  assert.ok(curl.includes('access_token=***'), curl);
  assert.ok(curl.includes('"password":"***"'), curl);
  assertNoSecrets(curl, 'toCurl()');
  assertNoSecrets(toCurl(req, {}), 'toCurl({})');
  assertNoSecrets(toCurl(req, { revealSecrets: false }), 'toCurl({ revealSecrets: false })');
  const revealed = toCurl(req, { revealSecrets: true });
  assert.ok(revealed.includes(TOKEN) && revealed.includes(PASSWORD), 'revealSecrets shows both');
});

test('import and require give the same instance', () => {
  const required = createRequire(import.meta.url)('wx-cloudbase-service');
  const requiredNames = Object.keys(required).filter((k) => k !== '__esModule').sort();
  const importedNames = Object.keys(lib).filter((k) => k !== 'default').sort();
  assert.deepEqual(importedNames, requiredNames, 'import and require offer the same names');
  for (const name of EXPORTS) assert.ok(requiredNames.includes(name), `${name} is exported`);
  for (const name of requiredNames) assert.equal(required[name], lib[name], `${name} differs between import and require`);
});

test('an error made through require is recognised by the guards of import', async () => {
  const required = createRequire(import.meta.url)('wx-cloudbase-service');
  const e = await rejection(() => required.createService(svc(), { accessToken: '' }));
  assert.ok(isConfigError(e));
});

async function oneOfEach() {
  return withEmu(async (emu) => {
    const validation = await rejection(() => createService(svc({ is_public: 'yes' }), { accessToken: TOKEN, baseUrl: emu.url }));
    const config = await rejection(() => createService(svc(), { accessToken: '', baseUrl: emu.url }));
    emu.addFaults({ errcode: 45009 });
    const wxApi = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    const port = await closedPort();
    const transport = await rejection(() =>
      createService(svc(), { accessToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 }),
    );
    return { validation, config, wxApi, transport };
  });
}

test('guards tell every error apart, and reject null, plain objects and other errors', async () => {
  const errors = await oneOfEach();
  const guards = { isValidationError, isConfigError, isWxApiError, isTransportError };
  const owner = { validation: 'isValidationError', config: 'isConfigError', wxApi: 'isWxApiError', transport: 'isTransportError' };
  for (const [kind, e] of Object.entries(errors)) {
    assert.ok(e instanceof Error, kind);
    for (const [gname, guard] of Object.entries(guards)) {
      assert.equal(guard(e), gname === owner[kind], `${gname}(${kind} error)`);
    }
    assert.equal(isWxCloudbaseError(e), true, `isWxCloudbaseError(${kind})`);
  }
  const others = {
    null: null,
    undefined: undefined,
    'empty object': {},
    'a string': 'WxApiError',
    'a number': 40014,
    'a plain Error': new Error('x'),
    'a TypeError': new TypeError('x'),
    'an Error named WxApiError with another code': Object.assign(new Error('x'), { name: 'WxApiError', code: 'OTHER' }),
    'a plain object shaped like WxApiError': { name: 'WxApiError', code: 'WX_API', errcode: 40014, errmsg: 'x', hint: 'h', retryable: false, attempts: 1, message: 'm' },
    'a plain object shaped like TransportError': { name: 'TransportError', code: 'TIMEOUT', outcomeUnknown: true, attempts: 1, message: 'm' },
    'a plain object shaped like ValidationError': { name: 'ValidationError', code: 'VALIDATION', issues: [], message: 'm' },
    'a plain object shaped like ConfigError': { name: 'ConfigError', code: 'CONFIG', issues: [], message: 'm' },
    'JSON round trip of a real WxApiError': JSON.parse(JSON.stringify(errors.wxApi)),
    'a proxy whose traps throw': new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }),
  };
  const wrong = [];
  for (const [what, v] of Object.entries(others)) {
    for (const [gname, guard] of Object.entries({ ...guards, isWxCloudbaseError })) {
      let got;
      try {
        got = guard(v);
      } catch (e) {
        got = `threw ${e?.message}`;
      }
      if (got !== false) wrong.push(`${gname}(${what}) = ${got}`);
    }
  }
  assert.deepEqual(wrong, [], 'guards must be false for anything that is not an Error of the package');
});

test('guards work across realms: an error from another vm context', async () => {
  const { wxApi } = await oneOfEach();
  const foreign = vm.runInNewContext('Object.assign(new Error(m), p)', {
    m: wxApi.message,
    p: { name: wxApi.name, code: wxApi.code, errcode: wxApi.errcode, errmsg: wxApi.errmsg, errname: wxApi.errname, hint: wxApi.hint, retryable: wxApi.retryable, attempts: wxApi.attempts },
  });
  assert.equal(foreign instanceof Error, false, 'really from another realm');
  assert.equal(isWxApiError(foreign), true);
  assert.equal(isWxCloudbaseError(foreign), true);
  assert.equal(isTransportError(foreign), false);
});
