// Token-endpoint errcodes become WxApiErrors with hints; -1 is retried with backoff; a failing
// refresh never loops; the ticket source and options fail with ConfigErrors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ComponentTokenManager, createService, isConfigError, isTransportError, isWxApiError, isWxCloudbaseError } from 'wx-cloudbase-service';
import {
  APP_ID, EXPIRED_TICKET, SECRET, TICKET, apiRequests, closedPort, manager, rejection, report, svc, tokenRequests, withEmu,
} from './helpers.mjs';

const ERRCODES = [
  { errcode: 61004, errname: 'access_clientip_not_registered', setup: (emu) => emu.configure({ tokenIpWhitelisted: false }), hint: /whitelist/i },
  { errcode: 61005, errname: 'component_verify_ticket_expired', opts: { getVerifyTicket: () => EXPIRED_TICKET }, hint: /ticket/i },
  { errcode: 61006, errname: 'component_verify_ticket_invalid', opts: { getVerifyTicket: () => `${TICKET}-wrong` }, hint: /ticket/i },
  { errcode: 40125, errname: 'invalid_appsecret', opts: { componentAppSecret: `${SECRET}-wrong` }, hint: /appsecret/i },
  { errcode: 45009, errname: 'daily_quota_reached', setup: (emu) => emu.configure({ tokenDailyQuota: 0 }), hint: /quota/i },
];

for (const { errcode, errname, setup, opts, hint } of ERRCODES) {
  test(`errcode ${errcode} → WxApiError ${errname} with a hint, not retried`, (t) =>
    withEmu(async (emu) => {
      setup?.(emu);
      const m = manager(emu, opts);
      const err = await rejection(m.getToken());
      assert.ok(err instanceof Error);
      assert.ok(isWxApiError(err) && isWxCloudbaseError(err));
      assert.equal(err.name, 'WxApiError');
      assert.equal(err.code, 'WX_API');
      assert.equal(err.errcode, errcode);
      assert.equal(err.errname, errname);
      assert.match(err.hint, hint);
      assert.equal(err.retryable, false);
      assert.equal(err.attempts, 1);
      assert.match(err.message, new RegExp(`${errcode}.*${errname}`));
      assert.equal(tokenRequests(emu), 1);
      // Through createService the same error comes out, and nothing is sent to the API.
      const via = await rejection(createService(svc(), { accessToken: m, baseUrl: emu.url }));
      assert.ok(isWxApiError(via));
      assert.equal(via.errcode, errcode);
      assert.equal(apiRequests(emu), 0);
      assert.equal(tokenRequests(emu), 2);
      report(t, { errcode, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
    }));
}

test('-1 (busy) is retried with backoff, then succeeds', (t) =>
  withEmu(async (emu) => {
    emu.addTokenFaults({ busy: 2 });
    const m = manager(emu);
    const started = Date.now();
    const token = await m.getToken();
    assert.equal(typeof token, 'string');
    assert.equal(tokenRequests(emu), 3);
    assert.deepEqual(emu.state().tokenByErrcode, { '-1': 2, 0: 1 });
    report(t, { tokenRequests: tokenRequests(emu), ms: Date.now() - started });
  }));

test('-1 forever: maxRetries bounds the requests, then WxApiError system_busy', (t) =>
  withEmu(async (emu) => {
    emu.addTokenFaults({ busy: 100 });
    const m = manager(emu, { maxRetries: 2 });
    const errs = await Promise.all(Array.from({ length: 10 }, () => rejection(m.getToken())));
    assert.ok(errs.every((e) => e === errs[0]), 'concurrent callers share one failure');
    assert.equal(errs[0].errcode, -1);
    assert.equal(errs[0].errname, 'system_busy');
    assert.equal(errs[0].retryable, true);
    assert.equal(errs[0].attempts, 3);
    assert.equal(tokenRequests(emu), 3);
    const none = manager(emu, { maxRetries: 0 });
    assert.equal((await rejection(none.getToken())).attempts, 1);
    assert.equal(tokenRequests(emu), 4);
    report(t, { callers: 10, tokenRequests: tokenRequests(emu) });
  }));

test('a failing refresh does not loop: concurrent callers share one failed request', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu, { getVerifyTicket: () => 'not-the-ticket' });
    const errs = await Promise.all(Array.from({ length: 20 }, () => rejection(m.getToken())));
    assert.ok(errs.every((e) => e.errcode === 61006));
    assert.equal(tokenRequests(emu), 1);
    // Later calls try again, once each; nothing retries on its own in the background.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(tokenRequests(emu), 1);
    const calls = await Promise.allSettled(Array.from({ length: 20 }, () => createService(svc(), { accessToken: m, baseUrl: emu.url })));
    assert.ok(calls.every((c) => c.status === 'rejected' && c.reason.errcode === 61006));
    assert.equal(tokenRequests(emu), 2);
    assert.equal(apiRequests(emu), 0);
    report(t, { callers: 40, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('42001 with a refresh that fails: one forced refresh, the refresh error is reported', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    await m.getToken();
    emu.expireTokens();
    emu.configure({ tokenIpWhitelisted: false });
    const errs = await Promise.all(Array.from({ length: 10 }, () => rejection(createService(svc(), { accessToken: m, baseUrl: emu.url }))));
    assert.ok(errs.every((e) => isWxApiError(e) && e.errcode === 61004));
    assert.equal(tokenRequests(emu), 2, 'the first token and one failed refresh');
    assert.equal(apiRequests(emu), 10, 'each call sent once, none retried');
    report(t, { calls: 10, tokenRequests: tokenRequests(emu), apiRequests: apiRequests(emu) });
  }));

test('an unreachable token endpoint: TransportError NETWORK after the retries, nothing about services', async (t) => {
  const port = await closedPort();
  const m = manager({ url: `http://127.0.0.1:${port}` }, { maxRetries: 1 });
  const err = await rejection(m.getToken());
  assert.ok(isTransportError(err));
  assert.equal(err.code, 'NETWORK');
  assert.equal(err.outcomeUnknown, false);
  assert.equal(err.attempts, 2);
  assert.match(err.message, /nothing was sent/);
  assert.doesNotMatch(err.message, /service/);
  report(t, { attempts: err.attempts });
});

test('a timeout and a 500 are retried; an unreadable answer is not', (t) =>
  withEmu(async (emu) => {
    emu.addTokenFaults([{ delayMs: 1500 }, { http500: true }]);
    const m = manager(emu, { timeoutMs: 300 });
    assert.equal(typeof (await m.getToken()), 'string');
    assert.equal(tokenRequests(emu), 3);
    emu.addTokenFaults({ errcode: 0, extra: { component_access_token: 'x', expires_in: 'soon' } });
    const n = manager(emu);
    const err = await rejection(n.getToken());
    assert.equal(err.code, 'BAD_RESPONSE');
    assert.match(err.message, /expires_in/);
    assert.equal(tokenRequests(emu), 4);
    report(t, { tokenRequests: tokenRequests(emu) });
  }));

test('getVerifyTicket failures are ConfigErrors; a thrown value is the cause', () =>
  withEmu(async (emu) => {
    const boom = new Error('ticket store offline');
    const cases = [
      [() => { throw boom; }, 'token_source'],
      [() => Promise.reject(boom), 'token_source'],
      [() => 42, 'type'],
      [async () => undefined, 'type'],
      [() => '', 'empty'],
      [() => ` ${TICKET}`, 'whitespace'],
      [() => new Promise(() => {}), 'timeout'],
    ];
    for (const [getVerifyTicket, code] of cases) {
      const err = await rejection(manager(emu, { getVerifyTicket, timeoutMs: 200 }).getToken());
      assert.ok(isConfigError(err), code);
      assert.equal(err.issues[0].path, 'getVerifyTicket');
      assert.equal(err.issues[0].code, code);
      if (code === 'token_source') assert.equal(err.cause, boom);
    }
    assert.equal(tokenRequests(emu), 0, 'nothing is sent without a ticket');
  }));

test('bad options throw one ConfigError listing every problem', () => {
  const err = (() => {
    try {
      manager({ url: 'http://127.0.0.1:1' }, {
        componentAppId: '', componentAppSecret: 'has space', getVerifyTicket: 'nope', refreshMarginSeconds: 7200,
        timeoutMs: 0, maxRetries: 11, baseUrl: 'http://example.com',
      });
    } catch (e) {
      return e;
    }
    return null;
  })();
  assert.ok(isConfigError(err));
  assert.deepEqual(err.issues.map((i) => i.path).sort(), [
    'baseUrl', 'componentAppId', 'componentAppSecret', 'getVerifyTicket', 'maxRetries', 'refreshMarginSeconds', 'timeoutMs',
  ]);
  assert.throws(() => manager({ url: 'x' }, { componentAppId: undefined, baseUrl: undefined }), (e) => e.issues[0].code === 'required');
  assert.throws(() => manager({ url: 'x' }, { componentAppId: APP_ID, baseUrl: 5 }), (e) => e.issues[0].path === 'baseUrl');
  for (const opts of [undefined, null, 'x', 5]) {
    assert.throws(() => new ComponentTokenManager(opts), { name: 'ConfigError', code: 'CONFIG' });
  }
});
