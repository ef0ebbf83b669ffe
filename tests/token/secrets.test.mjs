// The app secret, the verify ticket and the tokens never appear in errors (String, message,
// stack, util.inspect, JSON, the cause chain), hook payloads, the manager object or the console.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import util from 'node:util';
import { ComponentTokenManager, createService } from 'wx-cloudbase-service';
import {
  SECRET, SECRETS, TICKET, assertNoSecrets, closedPort, manager, rejection, report, svc, tokenRequests, withEmu,
} from './helpers.mjs';

/** Records console output while fn runs. */
async function watchConsole(fn) {
  const printed = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
  const saved = methods.map((name) => console[name]);
  for (const name of methods) console[name] = (...args) => printed.push(util.format(...args));
  try {
    await fn();
  } finally {
    methods.forEach((name, i) => {
      console[name] = saved[i];
    });
  }
  return printed;
}

test('no error of the manager shows the secret, the ticket or a token', (t) =>
  withEmu(async (emu) => {
    const errors = [];
    const collect = async (what, promise) => {
      const err = await rejection(promise);
      errors.push([what, err]);
      return err;
    };
    const printed = await watchConsole(async () => {
      // Every errcode of the token endpoint, also through createService.
      for (const errcode of [61004, 61005, 61006, 40125, 45009, -1]) {
        const count = errcode === -1 ? 3 : 1; // -1 is retried twice
        emu.addTokenFaults({ errcode, count });
        const m = manager(emu);
        await collect(`getToken ${errcode}`, m.getToken());
        emu.addTokenFaults({ errcode, count });
        await collect(`createService ${errcode}`, createService(svc(), { accessToken: m, baseUrl: emu.url }));
      }
      // WeChat echoing the secret and the ticket in errmsg.
      emu.addTokenFaults({ errcode: 61006, errmsg: `bad ticket ${TICKET} for secret ${SECRET}` });
      const echoed = await collect('echo', manager(emu).getToken());
      assert.match(echoed.errmsg, /bad ticket \*\*\* for secret \*\*\*/);
      // An unreadable answer that carries a token and the secret: quoted, masked.
      emu.addTokenFaults({ errcode: 0, extra: { component_access_token: `CANARY-TOKEN-${SECRET}`, expires_in: 'x', echo: SECRET } });
      const bad = await collect('bad response', manager(emu).getToken());
      assert.equal(bad.code, 'BAD_RESPONSE');
      // A 5xx, a timeout, an unreachable endpoint.
      emu.addTokenFaults({ http500: true, count: 3 });
      await collect('http 500', manager(emu).getToken());
      emu.addTokenFaults({ delayMs: 2000 });
      await collect('timeout', manager(emu, { timeoutMs: 100, maxRetries: 0 }).getToken());
      const port = await closedPort();
      await collect('unreachable', manager({ url: `http://127.0.0.1:${port}` }, { maxRetries: 0 }).getToken());
      // The ticket source: a bad ticket value, a throw.
      await collect('ticket with whitespace', manager(emu, { getVerifyTicket: () => `${TICKET} \n` }).getToken());
      await collect('ticket too long', manager(emu, { getVerifyTicket: () => TICKET.repeat(100) }).getToken());
      await collect('ticket throws', manager(emu, { getVerifyTicket: () => { throw new Error('no ticket yet'); } }).getToken());
      // Bad options carrying the secret.
      for (const componentAppSecret of [`${SECRET} `, `${SECRET}\u0000`, SECRET.repeat(50), `${SECRET}é`]) {
        try {
          manager(emu, { componentAppSecret });
          assert.fail('expected a ConfigError');
        } catch (err) {
          errors.push(['constructor', err]);
        }
      }
      // A forced refresh that fails after 42001.
      const m = manager(emu);
      await m.getToken();
      emu.expireTokens();
      emu.addTokenFaults({ errcode: 40125 });
      await collect('42001 then refresh failure', createService(svc(), { accessToken: m, baseUrl: emu.url }));
      // Store failures.
      const heard = [];
      await manager(emu, {
        store: { get: () => Promise.reject(new Error('down')), set: () => { throw new Error('down'); } },
        onStoreError: (e) => heard.push(e),
      }).getToken();
      for (const e of heard) errors.push(['store', e]);
    });
    for (const [what, err] of errors) {
      assert.ok(err instanceof Error, what);
      assert.ok(typeof err.stack === 'string' && err.stack.length > 0, what);
      assertNoSecrets(err, what);
    }
    assert.deepEqual(printed, [], 'the library prints nothing');
    report(t, { errorsChecked: errors.length, tokenRequests: tokenRequests(emu) });
  }));

test('hook payloads of createService never show the token, through a forced refresh', (t) =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const token = await m.getToken();
    emu.expireTokens();
    const views = [];
    const res = await createService(svc(), {
      accessToken: m,
      baseUrl: emu.url,
      onRequest: (v) => views.push(v),
      onResponse: (v) => views.push(v),
    });
    assert.equal(res.errcode, 0);
    assert.equal(views.length, 4);
    assert.ok(views[0].url.includes('access_token=***'));
    for (const view of views) assertNoSecrets(view, 'hook view', [...SECRETS, token, await m.getToken()]);
    report(t, { tokenRequests: tokenRequests(emu), views: views.length });
  }));

test('the manager object shows nothing secret however it is printed', () =>
  withEmu(async (emu) => {
    const m = manager(emu);
    const token = await m.getToken();
    for (const shown of [
      String(m), util.inspect(m, { depth: null, showHidden: true }), JSON.stringify(m), JSON.stringify(Object.entries(m)),
      Object.getOwnPropertyNames(m).join(','),
    ]) {
      for (const secret of [...SECRETS, token]) assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
    }
    assert.ok(m instanceof ComponentTokenManager);
  }));

test('the emulator state shows no secret, ticket or token', () =>
  withEmu(async (emu) => {
    const m = manager(emu);
    await m.getToken();
    await rejection(manager(emu, { getVerifyTicket: () => 'wrong-ticket' }).getToken());
    emu.expireTokens();
    await createService(svc(), { accessToken: m, baseUrl: emu.url });
    const state = JSON.stringify(emu.state());
    for (const secret of SECRETS) assert.ok(!state.includes(secret), `${secret} in emulator state`);
  }));
