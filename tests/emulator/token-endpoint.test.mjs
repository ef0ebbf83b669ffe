// The token endpoint (POST /cgi-bin/component/api_component_token) over raw HTTP: its checks
// and errcodes, issued tokens accepted by the API path until they expire, its own fault
// queue, and what state shows (counts, never the secret, tickets or tokens).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../../emulator/index.mjs';
import { API_PATH, control, send, validBody, withEmulator } from './helpers.mjs';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';
const CREDS = Object.freeze({
  component_appid: 'emulator-appid',
  component_appsecret: 'emulator-secret',
  component_verify_ticket: 'emulator-ticket',
});

const askToken = (emu, body = CREDS, opts = {}) => send(emu.url, { path: TOKEN_PATH, token: null, body, ...opts });
const callApi = (emu, token, over = {}) => send(emu.url, { token, body: validBody(over) });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('valid credentials get a token that the API path accepts', () =>
  withEmulator({}, async (emu) => {
    const r = await askToken(emu);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.deepEqual(Object.keys(r.json).sort(), ['component_access_token', 'expires_in']);
    assert.equal(r.json.expires_in, 7200);
    const token = r.json.component_access_token;
    assert.match(token, /^emu-cat-1-[0-9a-f]{24}$/);
    assert.equal((await callApi(emu, token)).json.errcode, 0);
    const second = (await askToken(emu)).json.component_access_token;
    assert.notEqual(second, token);
    assert.equal((await callApi(emu, token, { service_name: 'svc-b' })).json.errcode, 0, 'an older token stays valid');
    const st = emu.state();
    assert.equal(st.tokenRequests, 2);
    assert.equal(st.tokensIssued, 2);
    assert.deepEqual(st.tokenByErrcode, { 0: 2 });
    assert.equal(st.requests, 2, 'token requests are not API requests');
    assert.deepEqual(st.byErrcode, { 0: 2 });
  }));

test('each check answers its errcode, in order', () =>
  withEmulator({}, async (emu) => {
    const cases = [
      [{ method: 'GET' }, 43002],
      [{ raw: '' }, 44002],
      [{ raw: '{' }, 47001],
      [{ body: [] }, 47001],
      [{ body: { ...CREDS, component_appid: undefined } }, 41002],
      [{ body: { ...CREDS, component_appid: 'wx-other' } }, 40013],
      [{ body: { ...CREDS, component_appsecret: '' } }, 41004],
      [{ body: { ...CREDS, component_appsecret: 'wrong-secret' } }, 40125],
      [{ body: { ...CREDS, component_verify_ticket: 'emulator-expired-ticket' } }, 61005],
      [{ body: { ...CREDS, component_verify_ticket: 'wrong-ticket' } }, 61006],
      [{ body: { ...CREDS, component_verify_ticket: undefined } }, 61006],
      [{ body: { ...CREDS, component_verify_ticket: 42 } }, 61006],
    ];
    for (const [opts, errcode] of cases) {
      const r = await askToken(emu, opts.body ?? CREDS, opts);
      assert.equal(r.status, 200, JSON.stringify(opts));
      assert.equal(r.json.errcode, errcode, JSON.stringify(opts));
      assert.equal(typeof r.json.errmsg, 'string');
      assert.ok(!('component_access_token' in r.json));
    }
    const st = emu.state();
    assert.equal(st.tokenRequests, cases.length);
    assert.equal(st.tokensIssued, 0);
    assert.equal(st.requests, 0);
  }));

test('the IP whitelist and the daily quota are configurable', () =>
  withEmulator({ tokenDailyQuota: 2 }, async (emu) => {
    assert.ok((await askToken(emu)).json.component_access_token);
    assert.ok((await askToken(emu)).json.component_access_token);
    assert.equal((await askToken(emu)).json.errcode, 45009);
    assert.equal((await control(emu, 'POST', 'config', { tokenIpWhitelisted: false })).status, 200);
    const r = await askToken(emu);
    assert.equal(r.json.errcode, 61004);
    assert.match(r.json.errmsg, /clientip/);
    await control(emu, 'POST', 'config', { tokenIpWhitelisted: true, tokenDailyQuota: null });
    assert.ok((await askToken(emu)).json.component_access_token);
    assert.deepEqual(emu.state().tokenByErrcode, { 0: 3, 45009: 1, 61004: 1 });
  }));

test('credentials, tickets and lifetime are configurable; issued tokens expire into 42001', () =>
  withEmulator(
    { componentAppId: 'wx-app', componentAppSecret: 's3', verifyTickets: ['t1', 't2'], expiredTickets: ['old'], tokenLifetimeSeconds: 1 },
    async (emu) => {
      const creds = { component_appid: 'wx-app', component_appsecret: 's3', component_verify_ticket: 't2' };
      assert.equal((await askToken(emu)).json.errcode, 40013);
      assert.equal((await askToken(emu, { ...creds, component_verify_ticket: 'old' })).json.errcode, 61005);
      const r = await askToken(emu, creds);
      assert.equal(r.json.expires_in, 1);
      const token = r.json.component_access_token;
      assert.equal((await callApi(emu, token)).json.errcode, 0);
      await sleep(1100);
      assert.equal((await callApi(emu, token, { service_name: 'svc-late' })).json.errcode, 42001);
      assert.equal(emu.state().log.at(-1).token, 'expired');
    },
  ));

test('expire-tokens makes every issued token answer 42001; unknown tokens stay 40014', () =>
  withEmulator({}, async (emu) => {
    const a = (await askToken(emu)).json.component_access_token;
    const b = (await askToken(emu)).json.component_access_token;
    const r = await control(emu, 'POST', 'expire-tokens');
    assert.deepEqual(r.json, { ok: true, expired: 2 });
    assert.equal((await callApi(emu, a)).json.errcode, 42001);
    assert.equal((await callApi(emu, b)).json.errcode, 42001);
    assert.equal((await callApi(emu, `${a}x`)).json.errcode, 40014);
    assert.equal(emu.expireTokens(), 0);
    const c = (await askToken(emu)).json.component_access_token;
    assert.equal((await callApi(emu, c)).json.errcode, 0);
    assert.equal((await control(emu, 'GET', 'expire-tokens')).status, 405);
  }));

test('token faults have their own queue and never take the API\'s', () =>
  withEmulator({}, async (emu) => {
    const r = await control(emu, 'POST', 'token-faults', [{ busy: 2 }, { errcode: 61004, errmsg: 'ip 1.2.3.4 not allowed' }]);
    assert.equal(r.status, 200);
    assert.equal(r.json.pending.length, 2);
    await control(emu, 'POST', 'faults', { errcode: 45009 });
    assert.equal((await askToken(emu)).json.errcode, -1);
    assert.equal((await askToken(emu)).json.errcode, -1);
    const ip = await askToken(emu);
    assert.deepEqual(ip.json, { errcode: 61004, errmsg: 'ip 1.2.3.4 not allowed' });
    const ok = await askToken(emu);
    assert.ok(ok.json.component_access_token);
    assert.equal((await callApi(emu, ok.json.component_access_token)).json.errcode, 45009, 'the API fault was still queued');
    const st = emu.state();
    assert.equal(st.tokenFaults.consumed, 3);
    assert.equal(st.faults.consumed, 1);
    assert.equal(st.tokenRequests, 4);
    assert.equal(st.tokensIssued, 1, 'faults that skip processing issue nothing');
    // Injected errcodes get this endpoint's errmsg by default.
    emu.addTokenFaults({ errcode: 40125 });
    assert.deepEqual((await askToken(emu)).json, { errcode: 40125, errmsg: 'invalid appsecret' });
    assert.equal((await control(emu, 'POST', 'token-faults', { nope: 1 })).status, 400);
    emu.addTokenFaults({ busy: 5 });
    assert.equal((await control(emu, 'DELETE', 'token-faults')).json.pending.length, 0);
  }));

test('transport faults on the token endpoint: delay, reset, http500, truncated token body', () =>
  withEmulator({}, async (emu) => {
    emu.addTokenFaults([{ delayMs: 150 }, { reset: true }, { http500: true }, { truncated: true, process: true }]);
    const slow = await askToken(emu);
    assert.ok(slow.ms >= 140, `answered after ${slow.ms} ms`);
    assert.ok(slow.json.component_access_token);
    await assert.rejects(askToken(emu), (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message));
    const page = await askToken(emu);
    assert.equal(page.status, 500);
    const cut = await askToken(emu);
    assert.equal(cut.status, 200);
    assert.equal(cut.json, undefined);
    assert.match(cut.text, /^\{"component_access_token":"emu-cat-2-/);
    assert.equal(emu.state().tokensIssued, 2);
  }));

test('state shows token settings as counts and logs ticket kinds, never the values', () =>
  withEmulator({}, async (emu) => {
    await askToken(emu);
    await askToken(emu, { ...CREDS, component_verify_ticket: 'wrong-ticket' });
    await askToken(emu, { ...CREDS, component_appsecret: 'wrong-secret' });
    const st = (await control(emu, 'GET', 'state')).json;
    assert.deepEqual(st.tokenConfig, {
      componentAppId: 'emulator-appid', verifyTickets: 1, expiredTickets: 1, pushedTickets: 0, tokenLifetimeSeconds: 7200, tokenIpWhitelisted: true, tokenDailyQuota: null,
    });
    assert.deepEqual(st.log.map((e) => [e.path, e.ticket, e.errcode]), [
      [TOKEN_PATH, 'valid', 0],
      [TOKEN_PATH, 'unknown', 61006],
      [TOKEN_PATH, 'valid', 40125],
    ]);
    const text = JSON.stringify(st);
    for (const secret of ['emulator-secret', 'emulator-ticket', 'wrong-ticket', 'wrong-secret', 'emu-cat-']) {
      assert.ok(!text.includes(secret), `${secret} in state`);
    }
  }));

test('reset forgets issued tokens, token counters and token faults; bad token settings are refused', () =>
  withEmulator({}, async (emu) => {
    const token = (await askToken(emu)).json.component_access_token;
    emu.addTokenFaults({ busy: 1 });
    assert.equal((await control(emu, 'POST', 'reset')).status, 200);
    const st = emu.state();
    assert.deepEqual([st.tokenRequests, st.tokensIssued, st.tokenByErrcode, st.tokenFaults.pending], [0, 0, {}, []]);
    assert.equal((await callApi(emu, token)).json.errcode, 40014);
    for (const body of [
      { componentAppId: '' }, { componentAppSecret: 5 }, { verifyTickets: 'x' }, { expiredTickets: [''] },
      { tokenLifetimeSeconds: 0 }, { tokenLifetimeSeconds: 1.5 }, { tokenIpWhitelisted: 'no' }, { tokenDailyQuota: -1 },
    ]) {
      assert.equal((await control(emu, 'POST', 'config', body)).status, 400, JSON.stringify(body));
    }
    await assert.rejects(startEmulator({ tokenLifetimeSeconds: -5 }), TypeError);
    assert.ok((await askToken(emu)).json.component_access_token, 'settings unchanged');
  }));

test('the API path still rejects the fixed expired token and accepts configured ones', () =>
  withEmulator({}, async (emu) => {
    assert.equal((await send(emu.url, { path: API_PATH, token: 'emulator-expired-token', body: validBody() })).json.errcode, 42001);
    assert.equal((await callApi(emu, 'emulator-token')).json.errcode, 0);
  }));
