// Issue 10, items 18–23: options and API behaviour, and the validator's agreement with the
// emulator. Unknown option keys are refused (the global fetch is replaced while those cases
// run, so a key that is ignored shows where the call would have gone without reaching it);
// misspelt body keys are errors unless allowUnknownKeys; hooks may be async and never break a
// call; deadlineMs bounds a 45011 wait; errors serialise with their message and WeChat's rid.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import * as lib from 'wx-cloudbase-service';
import { ENV, TOKEN, requestsSeen, startEmu, svc, uniqueName, withEmu } from './helpers.mjs';
import { timed } from './lib.mjs';

const { CloudbaseClient, ComponentTokenManager, buildCreateServiceRequest, createService, validateCreateServiceRequest } = lib;
const APP = { componentAppId: 'wx-defects-options', componentAppSecret: 'options-secret', getVerifyTicket: () => 'options-ticket' };

/** Runs fn with the global fetch replaced by one that records the URL and fails. */
async function withoutNetwork(fn) {
  const urls = [];
  const real = globalThis.fetch;
  globalThis.fetch = async (url) => {
    urls.push(String(url?.url ?? url).replace(/access_token=[^&]*/, 'access_token=***'));
    throw new TypeError('fetch is stubbed by the test');
  };
  try {
    const r = await timed(fn);
    return { ...r, urls };
  } finally {
    globalThis.fetch = real;
  }
}

function assertUnknownOption(r, key, suggestion) {
  assert.deepEqual(r.urls, [], `${key} was ignored: the call went to ${r.urls[0]}`);
  assert.equal(r.error?.name, 'ConfigError', `${key}: ${util.inspect(r.error ?? r.value)}`);
  const issue = r.error.issues.find((i) => i.code === 'unknown_option');
  assert.ok(issue, util.inspect(r.error.issues));
  assert.equal(issue.path, key);
  assert.match(issue.message, new RegExp(`did you mean ${suggestion}\\?`));
}

test('item 18: unknown option keys (baseURL, timeout, access_token) are a ConfigError with a did-you-mean, for calls, clients and managers', async () => {
  const emu = await startEmu();
  try {
    const cases = [
      ['baseURL', 'baseUrl', () => createService(svc(), { accessToken: TOKEN, baseURL: emu.url })],
      ['timeout', 'timeoutMs', () => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeout: 1 })],
      ['access_token', 'accessToken', () => createService(svc(), { access_token: TOKEN, baseUrl: emu.url })],
      ['baseURL', 'baseUrl', () => new CloudbaseClient({ accessToken: TOKEN, baseURL: emu.url }).createService(svc())],
      ['timeout', 'timeoutMs', () => new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url }).createService(svc(), { timeout: 1 })],
      ['baseURL', 'baseUrl', () => buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseURL: emu.url })],
      ['baseURL', 'baseUrl', () => new ComponentTokenManager({ ...APP, baseURL: emu.url }).getToken()],
    ];
    for (const [key, suggestion, fn] of cases) assertUnknownOption(await withoutNetwork(fn), key, suggestion);
    assert.equal(requestsSeen(emu), 0);
  } finally {
    await emu.close();
  }
});

test('item 19: a misspelt body key is an error with a did-you-mean and nothing is sent; allowUnknownKeys sends it as given with a warning', async () => {
  await withEmu(async (emu) => {
    const input = () => ({ env_id: ENV, service_name: uniqueName(), is_public: true, image_Repo: 'my-repo' });
    const report = validateCreateServiceRequest(input());
    assert.equal(report.ok, false, `a misspelt key passes validation: ${util.inspect(report)}`);
    const issue = report.errors.find((i) => i.path === 'image_Repo');
    assert.equal(issue?.code, 'unknown_field');
    assert.match(issue.message, /did you mean "image_repo"\?/);
    const e = (await timed(createService(input(), { accessToken: TOKEN, baseUrl: emu.url }))).error;
    assert.equal(e?.name, 'ValidationError', `sent without the misspelt key: ${util.inspect(e)}`);
    assert.equal(requestsSeen(emu), 0);

    const loose = lib.validateRequest('createCloudbaseService', input(), { allowUnknownKeys: true });
    assert.equal(loose.ok, true);
    assert.equal(loose.warnings.find((w) => w.path === 'image_Repo')?.code, 'unknown_field');
    const sent = [];
    assert.equal((await createService(input(), { accessToken: TOKEN, baseUrl: emu.url, allowUnknownKeys: true, onRequest: (v) => sent.push(JSON.parse(v.body)) })).errcode, 0);
    assert.equal(sent[0].image_Repo, 'my-repo', 'sent as the caller wrote it');
    assert.equal(requestsSeen(emu), 1);
  });
});

test('item 20: async hooks that reject, and onStoreError, never break a call nor reach unhandledRejection', async () => {
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(String(e?.message ?? e));
  process.on('unhandledRejection', onUnhandled);
  try {
    await withEmu({ componentAppId: APP.componentAppId, componentAppSecret: APP.componentAppSecret, verifyTickets: ['options-ticket'] }, async (emu) => {
      const rejecting = async () => {
        throw new Error('an async hook rejected');
      };
      const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, onRequest: rejecting, onResponse: rejecting });
      assert.equal((await client.createService(svc())).errcode, 0);
      const m = new ComponentTokenManager({ ...APP, baseUrl: emu.url, store: { get: () => { throw new Error('store down'); }, set: () => {} }, onStoreError: rejecting, onRefresh: rejecting });
      assert.equal((await createService(svc(), { accessToken: m, baseUrl: emu.url, onRequest: rejecting })).errcode, 0);
      // A hook that never settles is not waited for.
      const r = await timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, onResponse: () => new Promise(() => {}) }));
      assert.ok(r.ok && r.ms < 1000, util.inspect(r));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  assert.deepEqual(unhandled, [], 'a rejected hook became an unhandled rejection (by default it ends the process)');
});

test('item 20: call overrides take hooks; views carry the call id (same for each attempt) and the call name; the manager has onRefresh', async () => {
  await withEmu({ componentAppId: APP.componentAppId, componentAppSecret: APP.componentAppSecret, verifyTickets: ['options-ticket'] }, async (emu) => {
    const requests = [];
    const responses = [];
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    emu.addFaults({ busy: 1 });
    await client.createService(svc(), { onRequest: (v) => requests.push(v), onResponse: (v) => responses.push(v) });
    await client.createService(svc(), { onRequest: (v) => requests.push(v) });
    assert.equal(requests.length, 3, 'the override hooks were called');
    assert.deepEqual(requests.map((v) => v.attempt), [1, 2, 1]);
    assert.ok(requests.every((v) => v.call === 'createCloudbaseService'));
    assert.equal(requests[0].callId, requests[1].callId, 'one call id for both attempts');
    assert.notEqual(requests[0].callId, requests[2].callId);
    assert.deepEqual(responses.map((v) => [v.callId, v.errcode]), [[requests[0].callId, -1], [requests[0].callId, 0]]);
    const refreshes = [];
    const m = new ComponentTokenManager({ ...APP, baseUrl: emu.url, onRefresh: (v) => refreshes.push(v) });
    await m.getToken();
    assert.equal(refreshes.length, 1);
    assert.deepEqual([refreshes[0].reason, refreshes[0].outcome, refreshes[0].tokenRequests], ['cold', 'fetched', 1]);
  });
});

/** Runs fn with Date.now shifted to `msIntoMinute` past a wall-clock minute. */
async function atMsOfMinute(msIntoMinute, fn) {
  const realNow = Date.now;
  const real = realNow.call(Date);
  const offset = Math.floor(real / 60000) * 60000 + msIntoMinute - real;
  Date.now = () => realNow.call(Date) + offset;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

/** Bounds a case whose old behaviour was to wait for the next minute. */
const within = (p, ms) => Promise.race([p, new Promise((resolve) => setTimeout(() => resolve({ ok: false, hung: true, ms }), ms).unref())]);

test('item 21: a 45011 three seconds into a minute does not block the call: the next minute is past the default deadline', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45011, count: 5 });
    const r = await within(atMsOfMinute(3000, () => timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }))), 5000);
    assert.notEqual(r.hung, true, 'the call waited for the next minute');
    assert.equal(r.error?.errcode, 45011, util.inspect(r.error));
    assert.equal(r.error.retryable, true);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('item 21: deadlineMs decides whether the next minute fits: 500 ms gives up at once, 3000 ms retries and succeeds', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45011 });
    const short = await within(atMsOfMinute(59_200, () => timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, deadlineMs: 500 }))), 5000);
    assert.equal(short.error?.errcode, 45011, `the wait did not fit deadlineMs 500: ${util.inspect(short.error ?? short.value)}`);
    assert.ok(short.ms < 500, `${Math.round(short.ms)} ms`);
    emu.addFaults({ errcode: 45011 });
    const long = await atMsOfMinute(59_200, () => timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, deadlineMs: 3000 })));
    assert.ok(long.ok, util.inspect(long.error));
    assert.ok(long.ms >= 700 && long.ms < 3000, `${Math.round(long.ms)} ms`);
  });
});

test('item 21: an abort while waiting out a 45011 is ABORTED with the 45011 as cause', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45011, count: 5 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await within(atMsOfMinute(3000, () => timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, deadlineMs: 120_000, signal: ac.signal }))), 5000);
    assert.equal(r.error?.code, 'ABORTED', util.inspect(r.error ?? r));
    assert.equal(r.error.cause?.errcode, 45011, 'the API error is lost');
    assert.ok(r.ms < 1000, `${Math.round(r.ms)} ms`);
  });
});

test('item 22: JSON.stringify of an error keeps name, code, message and its fields; WxApiError has the rid as requestId', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 40097, errmsg: 'invalid args rid: 65f0a1b2-1c2d3e4f-5a6b7c8d' });
    const e = (await timed(createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }))).error;
    assert.equal(e.requestId, '65f0a1b2-1c2d3e4f-5a6b7c8d');
    assert.equal(typeof e.toJSON, 'function');
    const json = JSON.parse(JSON.stringify(e));
    assert.equal(json.message, e.message, 'JSON.stringify drops message');
    assert.deepEqual([json.name, json.code, json.errcode, json.requestId], ['WxApiError', 'WX_API', 40097, '65f0a1b2-1c2d3e4f-5a6b7c8d']);
    let v;
    try {
      buildCreateServiceRequest({}, { accessToken: TOKEN });
    } catch (x) {
      v = JSON.parse(JSON.stringify(x));
    }
    assert.equal(v.name, 'ValidationError');
    assert.match(v.message, /env_id is required/);
    assert.equal(v.issues.length, 3);
  });
});

/** POSTs a body straight to the emulator (no validation on the way). */
async function raw(emu, body) {
  const res = await fetch(`${emu.url}/componenttcb/establishcloudbaserunserver?access_token=${encodeURIComponent(TOKEN)}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()).errcode;
}

test('item 23: the validator and the emulator agree: a padded IP is an error, \\n \\r \\t in free text are allowed, null for an optional field is left out', async () => {
  await withEmu(async (emu) => {
    const base = () => ({ env_id: ENV, service_name: uniqueName(), is_public: true });
    const padded = { ...base(), log_type: 'es', es_info: { ip: ' 10.0.0.1', port: 9200 } };
    const r1 = validateCreateServiceRequest(padded);
    assert.equal(r1.ok, false, `a padded IP passes: ${util.inspect(r1)}`);
    assert.ok(r1.errors.some((i) => i.path === 'es_info.ip'));
    assert.equal(await raw(emu, padded), 40097, 'the emulator refuses it too');

    const text = { ...base(), remark: 'line one\nline two\r\n\tindented' };
    const r2 = validateCreateServiceRequest(text);
    assert.equal(r2.ok, true, `a newline in remark is refused: ${util.inspect(r2)}`);
    assert.equal(await raw(emu, text), 0);
    assert.equal((await createService({ ...text, service_name: uniqueName() }, { accessToken: TOKEN, baseUrl: emu.url })).errcode, 0);
    const bell = validateCreateServiceRequest({ ...base(), remark: 'ding\u0007' });
    assert.equal(bell.errors.find((i) => i.path === 'remark')?.code, 'control_char', 'other control characters stay errors');

    const nulled = { ...base(), remark: null, es_info: null };
    const r3 = validateCreateServiceRequest(nulled);
    assert.equal(r3.ok, true, `null for an optional field: ${util.inspect(r3)}`);
    assert.deepEqual(r3.warnings.filter((w) => w.code === 'null').map((w) => w.path).sort(), ['es_info', 'remark']);
    assert.equal(validateCreateServiceRequest(nulled, { strict: true }).ok, false, 'an error in strict mode');
    const body = JSON.parse(buildCreateServiceRequest(nulled, { accessToken: TOKEN }).body);
    assert.ok(!('remark' in body) && !('es_info' in body), `left out: ${JSON.stringify(body)}`);
    assert.equal(await raw(emu, nulled), 0, 'the emulator counts null as absent');
    assert.equal((await createService({ ...nulled, service_name: uniqueName() }, { accessToken: TOKEN, baseUrl: emu.url })).errcode, 0);
  });
});
