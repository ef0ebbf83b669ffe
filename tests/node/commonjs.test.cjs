// The package from CommonJS, as `require('wx-cloudbase-service')` users get it. Runs in a
// CommonJS consumer project; the emulator export is ESM-only, so it comes in through the
// shared ESM helpers with import().
'use strict';
const assert = require('node:assert/strict');
const test = require('node:test');
const util = require('node:util');
const lib = require('wx-cloudbase-service');
const {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
} = lib;

const helpers = import('./helpers.mjs');

test('require() gives every documented function', () => {
  for (const fn of [CloudbaseClient, buildCreateServiceRequest, createService, isConfigError, isTransportError, isValidationError, isWxApiError, isWxCloudbaseError, toCurl, validateCreateServiceRequest]) {
    assert.equal(typeof fn, 'function');
  }
  assert.equal(require('wx-cloudbase-service'), lib, 'one module instance');
  assert.equal(require('wx-cloudbase-service/package.json').name, 'wx-cloudbase-service');
});

test('require and import share one instance', async () => {
  const esm = await import('wx-cloudbase-service');
  for (const name of Object.keys(lib)) {
    if (name === '__esModule') continue;
    assert.equal(esm[name], lib[name], name);
  }
});

test('createService succeeds from CommonJS', async () => {
  const { withEmu, svc, TOKEN, recordingHooks, assertHooksClean } = await helpers;
  await withEmu(async (emu) => {
    const hooks = recordingHooks();
    const res = await createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, ...hooks });
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    assert.equal(Object.getPrototypeOf(res), Object.prototype);
    assert.equal(emu.state().services.length, 1);
    assertHooksClean(hooks);
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    await Promise.all([client.createService(svc()), client.createService(svc())]);
    assert.equal(emu.state().services.length, 3);
  });
});

test('errors from CommonJS: WxApiError, TransportError, ValidationError, ConfigError', async () => {
  const { withEmu, svc, TOKEN, EXPIRED_TOKEN, assertNoSecrets, rejection, closedPort } = await helpers;
  await withEmu(async (emu) => {
    const expired = await rejection(() => createService(svc(), { accessToken: EXPIRED_TOKEN, baseUrl: emu.url }));
    assert.ok(isWxApiError(expired), util.inspect(expired));
    assert.equal(expired.errcode, 42001);
    assert.equal(expired.errname, 'access_token_expired');
    assertNoSecrets(expired, 'WxApiError');

    emu.addFaults({ delayMs: 2000 });
    const timeout = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 300 }));
    assert.ok(isTransportError(timeout));
    assert.equal(timeout.code, 'TIMEOUT');
    assert.equal(timeout.outcomeUnknown, true);
    assertNoSecrets(timeout, 'TransportError');

    const invalid = await rejection(() => createService(svc({ service_name: 7 }), { accessToken: TOKEN, baseUrl: emu.url }));
    assert.ok(isValidationError(invalid));
    assert.ok(invalid.issues.some((i) => i.path === 'service_name'));

    const config = await rejection(() => createService(svc(), { baseUrl: emu.url }));
    assert.ok(isConfigError(config));
    assert.equal(emu.state().requests, 2, 'the invalid and unconfigured calls sent nothing');

    const port = await closedPort();
    const refused = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 }));
    assert.equal(refused.code, 'NETWORK');
    assert.equal(refused.outcomeUnknown, false);
    assert.equal(refused.attempts, 2);
    for (const e of [expired, timeout, invalid, config, refused]) assert.ok(isWxCloudbaseError(e));
    for (const v of [null, undefined, {}, new Error('x')]) assert.equal(isWxCloudbaseError(v), false);
  });
});

test('build, validate and curl from CommonJS', async () => {
  const { svc, TOKEN, assertNoSecrets } = await helpers;
  const input = svc();
  assert.equal(validateCreateServiceRequest(input).ok, true);
  const req = buildCreateServiceRequest(input, { accessToken: TOKEN });
  assert.deepEqual(JSON.parse(req.body), input);
  assert.ok(req.url.endsWith(encodeURIComponent(TOKEN)));
  assertNoSecrets(req, 'HttpRequest', { hidden: false });
  assertNoSecrets(toCurl(req), 'toCurl');
});
