// The token and the ES password never show: not in String(e), e.message, e.stack,
// util.inspect (also showHidden), JSON.stringify, any own property or cause, the hook
// payloads, toCurl() output or the printed HttpRequest — on every error path.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, buildCreateServiceRequest, createService, isWxCloudbaseError, toCurl } from 'wx-cloudbase-service';
import {
  DISABLED_ENV,
  EXPIRED_TOKEN,
  PASSWORD,
  TOKEN,
  UNKNOWN_TOKEN,
  assertHooksClean,
  assertNoSecrets,
  closedPort,
  recordingHooks,
  rejection,
  svc,
  withEmu,
} from './helpers.mjs';

/**
 * [what, prepare(emu) → { input?, opts? }, expected code]. Each runs with the password canary
 * in the input and a canary token.
 */
const paths = [
  ['unknown token (40014)', () => ({ opts: { accessToken: UNKNOWN_TOKEN } }), 'WX_API'],
  ['expired token (42001)', () => ({ opts: { accessToken: EXPIRED_TOKEN } }), 'WX_API'],
  ['expired twice with a token function (42001)', () => ({ opts: { accessToken: () => EXPIRED_TOKEN } }), 'WX_API'],
  ['invalid credential echoing the token (40001)', (emu) => emu.addFaults({ errcode: 40001, errmsg: `invalid credential ${TOKEN} ${PASSWORD}` }), 'WX_API'],
  ['disabled env (85088)', () => ({ input: svc({ env_id: DISABLED_ENV }) }), 'WX_API'],
  ['system error (-1000)', (emu) => emu.addFaults({ errcode: -1000 }), 'WX_API'],
  ['busy past maxRetries (-1)', (emu) => emu.addFaults({ busy: 10 }), 'WX_API'],
  ['daily quota (45009)', (emu) => emu.addFaults({ errcode: 45009 }), 'WX_API'],
  ['minute quota (45011)', (emu) => {
    emu.addFaults({ errcode: 45011, count: 5 });
    return { opts: { maxRetries: 0 } }; // no wait for the next minute
  }, 'WX_API'],
  ['injected 40097 with extra keys', (emu) => emu.addFaults({ errcode: 40097, extra: { detail: 'bad' } }), 'WX_API'],
  ['timeout', (emu) => emu.addFaults({ delayMs: 3000 }), 'TIMEOUT'],
  ['reset', (emu) => emu.addFaults({ reset: true }), 'NETWORK'],
  ['500 HTML', (emu) => emu.addFaults({ http500: true }), 'HTTP_STATUS'],
  ['truncated JSON', (emu) => emu.addFaults({ truncated: true }), 'BAD_RESPONSE'],
  ['missing errcode', (emu) => emu.addFaults({ missingErrcode: true }), 'BAD_RESPONSE'],
  ['errcode as a string', (emu) => emu.addFaults({ errcodeAsString: true }), 'BAD_RESPONSE'],
  ['redirect to a URL holding the token', (emu) => emu.addFaults({ redirect: 307, to: `${emu.url}/x?access_token=${TOKEN}` }), undefined],
  ['connection refused', async () => ({ opts: { baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 1 } }), 'NETWORK'],
  ['aborted before sending', () => ({ opts: { signal: AbortSignal.abort() } }), 'ABORTED'],
  ['aborted with a string mid-flight', (emu) => {
    emu.addFaults({ delayMs: 2000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort('a string'), 100);
    return { opts: { signal: ac.signal } };
  }, 'ABORTED'],
  ['invalid request', () => ({ input: svc({ is_public: 'yes' }) }), 'VALIDATION'],
  ['password with surrounding whitespace (strict)', () => ({ input: svc({ es_info: { password: ` ${PASSWORD} ` } }), opts: { strict: true } }), 'VALIDATION'],
  ['password with a control character', () => ({ input: svc({ es_info: { password: `${PASSWORD}\u0001` } }) }), 'VALIDATION'],
  ['password of the wrong type next to the token', () => ({ input: svc({ es_info: { password: 12345, account: PASSWORD } }) }), 'VALIDATION'],
  ['token with a line break', () => ({ opts: { accessToken: `${TOKEN}\n` } }), 'CONFIG'],
  ['token with a space', () => ({ opts: { accessToken: `CANARY ${TOKEN}` } }), 'CONFIG'],
];

for (const [what, prepare, code] of paths) {
  test(`no secret on the path: ${what}`, async () => {
    await withEmu(async (emu) => {
      const prepared = (await prepare(emu)) ?? {};
      const input = prepared.input ?? svc();
      const hooks = recordingHooks();
      const opts = { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 400, ...hooks, ...prepared.opts };
      const e = await rejection(() => createService(input, opts));
      assert.ok(isWxCloudbaseError(e), util.inspect(e));
      if (code) assert.equal(e.code, code, util.inspect(e));
      assertNoSecrets(e, what);
      assertHooksClean(hooks, what);
      // The same through a client.
      const { signal, ...clientOpts } = opts;
      let client;
      try {
        client = new CloudbaseClient(clientOpts);
      } catch (ce) {
        assertNoSecrets(ce, `${what} (constructor)`);
        return;
      }
      emu.reset();
      await prepare(emu);
      const e2 = await rejection(() => client.createService(input, prepared.opts?.signal ? { signal: AbortSignal.abort('again') } : undefined));
      assertNoSecrets(e2, `${what} (client)`);
      assertHooksClean(hooks, `${what} (client)`);
    });
  });
}

test('no secret in hook payloads of a successful call with a refresh and a retry', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ busy: 1 });
    const hooks = recordingHooks();
    const res = await createService(svc(), {
      accessToken: (ctx) => (ctx.forceRefresh ? TOKEN : EXPIRED_TOKEN),
      baseUrl: emu.url,
      ...hooks,
    });
    assert.equal(res.errcode, 0);
    assert.ok(hooks.requests.length >= 2);
    for (const v of hooks.requests) {
      assert.ok(v.url.includes('access_token=***'), v.url);
      assert.ok(v.body.includes('"password":"***"'), v.body);
    }
    assertHooksClean(hooks);
    assertNoSecrets(res, 'result');
  });
});

test('no secret in toCurl() or the printed HttpRequest', () => {
  for (const input of [svc(), svc({ es_info: { password: `${PASSWORD}'"\\$\`` } }), svc({ remark: 'it\'s "quoted"' })]) {
    const req = buildCreateServiceRequest(input, { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:9' });
    assertNoSecrets(toCurl(req), 'toCurl');
    assertNoSecrets(req, 'HttpRequest', { hidden: false });
    assertNoSecrets(util.inspect(req, { depth: null }), 'util.inspect(HttpRequest)');
    assertNoSecrets(JSON.stringify(req), 'JSON.stringify(HttpRequest)');
    assertNoSecrets(util.format('%s %j %O', req, req, req), 'util.format(HttpRequest)');
    assertNoSecrets(Object.entries(req), 'Object.entries(HttpRequest)');
    assertNoSecrets({ ...req }, 'spread HttpRequest');
  }
});

test('toCurl on a request object a user built by hand redacts too', () => {
  const req = {
    method: 'POST',
    url: `https://api.weixin.qq.com/componenttcb/establishcloudbaserunserver?access_token=${TOKEN}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(svc()),
  };
  assertNoSecrets(toCurl(req), 'toCurl(hand-made request)');
});
