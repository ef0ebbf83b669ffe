// Ticket pushes to a local receiver (loopback only): the documented query and XML body,
// a ticket the token endpoint then accepts, the schedule and its handle, what state shows
// (never the ticket, token or key), and api_start_push_ticket.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { aesKey, decryptMessage, msgSignature, plainSignature } from '../../emulator/push-crypto.mjs';
import { send, withEmulator } from './helpers.mjs';

const PUSH_TOKEN = 'push-token-secret';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A receiver on 127.0.0.1 that records each push and answers with `reply(push)`. */
async function withReceiver(reply, fn) {
  const pushes = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const push = { method: req.method, url: new URL(req.url, 'http://x'), headers: req.headers, body };
      pushes.push(push);
      const answer = reply(push, req, res);
      if (answer !== undefined) res.end(answer);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}/wechat/events?from=test`, pushes);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const until = async (what, ok, ms = 3000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

/** Decrypt one received push, checking its query and body as push.md documents them. */
function openPush(push, appId) {
  const q = push.url.searchParams;
  assert.equal(push.method, 'POST');
  assert.equal(q.get('from'), 'test', 'the given query is kept');
  assert.equal(q.get('encrypt_type'), 'aes');
  assert.match(q.get('timestamp'), /^\d{10}$/);
  assert.match(q.get('nonce'), /^\d+$/);
  const m = /^<xml><AppId>([^<]+)<\/AppId><Encrypt>([^<]+)<\/Encrypt><\/xml>$/.exec(push.body);
  assert.ok(m, push.body);
  assert.equal(m[1], appId);
  assert.equal(q.get('msg_signature'), msgSignature(PUSH_TOKEN, q.get('timestamp'), q.get('nonce'), m[2]));
  assert.equal(q.get('signature'), plainSignature(PUSH_TOKEN, q.get('timestamp'), q.get('nonce')));
  const d = decryptMessage(aesKey(AES_KEY), m[2]);
  assert.equal(d.appId, appId);
  const field = (name) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(d.message)?.[1];
  assert.equal(field('AppId'), appId);
  assert.equal(field('InfoType'), 'component_verify_ticket');
  assert.equal(field('CreateTime'), q.get('timestamp'));
  return field('ComponentVerifyTicket');
}

test('pushes: at once, then every everyMs; the ticket gets a token; stop() stops', () =>
  withEmulator({}, async (emu) => {
    await withReceiver(() => 'success', async (url, pushes) => {
      const handle = emu.startTicketPushes({ url, token: PUSH_TOKEN, encodingAesKey: AES_KEY, everyMs: 60 });
      await until('three pushes', () => pushes.length >= 3 && handle.lastAnswer !== null);
      handle.stop();
      const ticket = openPush(pushes[0], 'emulator-appid');
      assert.match(ticket, /^ticket@@@[A-Za-z0-9_-]{20,}$/);
      assert.notEqual(openPush(pushes[1], 'emulator-appid'), ticket, 'a new ticket each push (emulator choice)');
      const creds = { component_appid: 'emulator-appid', component_appsecret: 'emulator-secret', component_verify_ticket: ticket };
      const token = await send(emu.url, { path: '/cgi-bin/component/api_component_token', token: null, body: creds });
      assert.match(token.json.component_access_token, /^emu-cat-/);
      assert.ok(handle.pushesSent >= 3);
      assert.deepEqual(handle.lastAnswer, { status: 200, body: 'success' });
      const count = pushes.length;
      await sleep(150);
      assert.equal(pushes.length, count, 'no push after stop()');

      const st = emu.state();
      assert.equal(st.pushes.active, false);
      assert.equal(st.pushes.sent, handle.pushesSent);
      assert.deepEqual(Object.keys(st.pushes.log[0]).sort(), ['at', 'body', 'ms', 'ok', 'seq', 'status', 'target']);
      assert.deepEqual([st.pushes.log[0].status, st.pushes.log[0].body, st.pushes.log[0].ok], [200, 'success', true]);
      assert.equal(st.pushes.log[0].target, url.replace(/\?.*/, ''), 'no query (it holds the signature)');
      assert.equal(st.tokenConfig.pushedTickets, pushes.length);
      const text = JSON.stringify(st);
      for (const secret of [ticket, PUSH_TOKEN, AES_KEY, 'ticket@@@']) assert.ok(!text.includes(secret), secret);
    });
  }));

test('a fixed ticket and componentAppId; answers are kept with secrets hidden; failures are recorded', () =>
  withEmulator({}, async (emu) => {
    const ticket = 'ticket@@@fixed-value-123';
    let n = 0;
    await withReceiver((push, req, res) => {
      n += 1;
      if (n === 1) return `got ${ticket} with ${PUSH_TOKEN}`;
      if (n === 2) {
        res.statusCode = 500;
        return 'fail';
      }
      req.socket.destroy();
      return undefined;
    }, async (url, pushes) => {
      const handle = emu.startTicketPushes({ url, token: PUSH_TOKEN, encodingAesKey: AES_KEY, componentAppId: 'wx0123456789abcdef', ticket, everyMs: 20 });
      await until('three answers', () => emu.state().pushes.log.length >= 3);
      handle.stop();
      assert.equal(openPush(pushes[0], 'wx0123456789abcdef'), ticket);
      assert.equal(openPush(pushes[1], 'wx0123456789abcdef'), ticket);
      const log = emu.state().pushes.log;
      assert.deepEqual([log[0].status, log[0].body, log[0].ok], [200, 'got *** with ***', false]);
      assert.deepEqual([log[1].status, log[1].body, log[1].ok], [500, 'fail', false]);
      assert.equal(typeof log[2].error, 'string');
      assert.equal(log[2].ok, false);
    });
  }));

test('api_start_push_ticket: checks the appid and secret; triggers a push when pushes run', () =>
  withEmulator({}, async (emu) => {
    const start = (body, opts = {}) => send(emu.url, { path: '/cgi-bin/component/api_start_push_ticket', token: null, body, ...opts });
    const good = { component_appid: 'emulator-appid', component_secret: 'emulator-secret' };
    assert.deepEqual((await start(good)).json, { errcode: 0, errmsg: 'ok' }, 'no pushes configured: only ok');
    for (const [body, errcode] of [[{ ...good, component_appid: 'x' }, 40013], [{ component_secret: 'emulator-secret' }, 41002],
      [{ ...good, component_secret: 'bad' }, 40125], [{ component_appid: 'emulator-appid' }, 41004]]) {
      assert.equal((await start(body)).json.errcode, errcode, JSON.stringify(body));
    }
    assert.equal((await start(undefined, { method: 'GET' })).json.errcode, 43002);
    assert.equal((await start(undefined, { raw: '' })).json.errcode, 44002);
    await withReceiver(() => 'success', async (url, pushes) => {
      const handle = emu.startTicketPushes({ url, token: PUSH_TOKEN, encodingAesKey: AES_KEY, everyMs: 600000 });
      await until('the first push', () => pushes.length === 1);
      assert.equal((await start(good)).json.errcode, 0);
      await until('the triggered push', () => pushes.length === 2);
      handle.stop();
    });
    const st = emu.state();
    assert.equal(st.pushes.startRequests, 8);
    assert.equal(st.log.at(-1).pushed, true);
    assert.equal(st.tokenRequests, 0, 'not counted as token requests');
    assert.ok(!JSON.stringify(st).includes('emulator-secret'));
  }));

test('bad push options are refused; close() stops the schedule', () =>
  withEmulator({}, async (emu) => {
    const ok = { url: 'http://127.0.0.1:9/x', token: PUSH_TOKEN, encodingAesKey: AES_KEY };
    for (const bad of [{ ...ok, url: 'ftp://127.0.0.1/x' }, { ...ok, url: 'nope' }, { ...ok, token: '' }, { ...ok, encodingAesKey: 'short' },
      { ...ok, everyMs: 5 }, { ...ok, ticket: 'a]]>b' }, { ...ok, extra: 1 }, null]) {
      assert.throws(() => emu.startTicketPushes(bad), TypeError, JSON.stringify(bad));
    }
    await withReceiver(() => 'success', async (url, pushes) => {
      emu.startTicketPushes({ ...ok, url, everyMs: 20 });
      await until('a push', () => pushes.length >= 1);
      await emu.close();
      const count = pushes.length;
      await sleep(100);
      assert.ok(pushes.length <= count + 1, 'at most the push in flight');
      assert.throws(() => emu.startTicketPushes({ ...ok, url }), /closed/);
    });
  }));
