// The push receiver through the packed package: WeChat's official vectors, real encrypted
// pushes from the emulator into a node:http server with nodePushHandler, the ticket they
// carry getting a component_access_token that a call then uses — and no secret on the way.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import util from 'node:util';
import {
  CloudbaseClient, ComponentTokenManager, PushReceiver, decryptPush, encryptPush, isConfigError, isPushError,
  nodePushHandler, pushSignature,
} from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const VECTOR = {
  keys: { token: 'AAAAA', encodingAesKey: 'A'.repeat(43), appId: 'wx134c8103faa5a59e' },
  timestamp: '1715943329',
  nonce: '1590219412',
  msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c',
  encrypt: 'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
};

test('the official vectors: signature, decryption, encryption', () => {
  const { keys, timestamp, nonce, msgSignature, encrypt } = VECTOR;
  assert.equal(pushSignature(keys.token, timestamp, nonce, encrypt), msgSignature);
  const message = decryptPush(keys, { msgSignature, timestamp, nonce, encrypt });
  assert.equal(Buffer.byteLength(message), 292);
  assert.ok(message.startsWith('<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n'));
  const reply = encryptPush(keys, { message: '<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>', random: '999951349e8ee746', timestamp: '1713424427', nonce: '415670741' });
  assert.equal(reply.encrypt, 'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7');
  assert.equal(reply.msgSignature, '03e0812039325c2712ef5f0f980fd14c70d6e307');
  assert.throws(() => decryptPush(keys, { msgSignature: 'a'.repeat(40), timestamp, nonce, encrypt }), (e) => isPushError(e) && e.reason === 'signature');
  assert.throws(() => decryptPush({ ...keys, appId: 'wxffffffffffffffff' }, { msgSignature, timestamp, nonce, encrypt }), (e) => isPushError(e) && e.reason === 'appid');
  assert.throws(() => new PushReceiver({ token: 'AAAAA', encodingAesKey: 'short', componentAppId: 'wx1' }), (e) => isConfigError(e));
  assert.throws(() => new PushReceiver({ token: 'AAAAA', encodingAesKey: 'A'.repeat(43), componentAppId: 'wx1', onevent: () => {} }), (e) => isConfigError(e) && /onEvent/.test(e.message));
});

/** A node:http server with nodePushHandler at /events. */
async function pushServer(receiver) {
  const handler = nodePushHandler(receiver);
  const answers = [];
  const server = http.createServer((req, res) => {
    const end = res.end.bind(res);
    res.end = (body) => {
      answers.push({ status: res.statusCode, body: String(body) });
      return end(body);
    };
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/events`, answers, close: () => new Promise((r) => server.close(r)) };
}

const until = async (what, ok, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('the whole chain offline: emulator push → receiver → ticket → token → a call', async () => {
  const emu = await startEmulator({ quiet: true });
  const token = 'CANARY-PUSH-TOKEN';
  const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  const events = [];
  const receiver = new PushReceiver({ token, encodingAesKey, componentAppId: 'emulator-appid', onEvent: (e) => events.push(e) });
  const server = await pushServer(receiver);
  const pushes = emu.startTicketPushes({ url: server.url, token, encodingAesKey, everyMs: 60_000 });
  try {
    await until('the first push', () => events.length > 0);
    assert.equal(events[0].infoType, 'component_verify_ticket');
    assert.match(events[0].componentVerifyTicket, /^ticket@@@/);
    const shown = util.inspect(events[0], { depth: 5 }) + JSON.stringify(events[0]);
    assert.ok(!shown.includes('ticket@@@'), `the ticket is hidden from logging: ${shown}`);
    await until('the answer', () => server.answers.length > 0);
    assert.deepEqual(server.answers[0], { status: 200, body: 'success' });
    const manager = new ComponentTokenManager({
      componentAppId: 'emulator-appid', componentAppSecret: 'emulator-secret', getVerifyTicket: () => receiver.latestTicket(), baseUrl: emu.url,
    });
    const client = new CloudbaseClient({ accessToken: manager, baseUrl: emu.url });
    const envs = await client.getWxCloudBaseRunEnvs();
    assert.equal(envs.errcode, 0);
    assert.equal(emu.state().tokenRequests, 1);
  } finally {
    pushes.stop();
    await server.close();
    await emu.close();
  }
});

test('nodePushHandler answers only success or fail, and never a secret', async () => {
  const receiver = new PushReceiver({ token: VECTOR.keys.token, encodingAesKey: VECTOR.keys.encodingAesKey, componentAppId: VECTOR.keys.appId });
  const server = await pushServer(receiver);
  const post = (query, body) => fetch(`${server.url}?${query}`, { method: 'POST', body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  try {
    const body = `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${VECTOR.encrypt}]]></Encrypt></xml>`;
    const good = `timestamp=${VECTOR.timestamp}&nonce=${VECTOR.nonce}&encrypt_type=aes&msg_signature=${VECTOR.msgSignature}`;
    // The official vector's message is not an authorisation event (no InfoType): refused as format.
    assert.deepEqual(await post(good, body), { status: 400, text: 'fail' });
    assert.deepEqual(await post(good.replace(VECTOR.msgSignature, 'b'.repeat(40)), body), { status: 403, text: 'fail' });
    assert.deepEqual(await post(good, 'x'.repeat(300_000)), { status: 413, text: 'fail' });
    const ticketMessage = `<xml><AppId><![CDATA[${VECTOR.keys.appId}]]></AppId><CreateTime>1715943329</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@SECRET]]></ComponentVerifyTicket></xml>`;
    const enc = encryptPush(VECTOR.keys, { message: ticketMessage });
    const push = `<xml><AppId><![CDATA[${VECTOR.keys.appId}]]></AppId><Encrypt><![CDATA[${enc.encrypt}]]></Encrypt></xml>`;
    assert.deepEqual(await post(`timestamp=${enc.timestamp}&nonce=${enc.nonce}&encrypt_type=aes&msg_signature=${enc.msgSignature}`, push), { status: 200, text: 'success' });
    assert.equal(await receiver.latestTicket(), 'ticket@@@SECRET');
  } finally {
    await server.close();
  }
});

test('nodePushHandler: a stream another body parser already read is refused at once (400), never left hanging', async () => {
  const receiver = new PushReceiver({ token: 'AAAAA', encodingAesKey: 'A'.repeat(43), componentAppId: 'wx134c8103faa5a59e' });
  const handler = nodePushHandler(receiver);
  const answered = new Promise((resolve) => {
    const res = { statusCode: 0, headers: {}, setHeader(n, v) { this.headers[n] = v; }, end(body) { resolve({ status: this.statusCode, body }); } };
    const req = { url: '/events?timestamp=1&nonce=2&msg_signature=x', body: { parsed: 'by a JSON parser' }, readableEnded: true, on() {}, destroy() {} };
    handler(req, res);
  });
  const { status, body } = await Promise.race([answered, new Promise((r) => setTimeout(() => r({ status: 'hung' }), 2000))]);
  assert.equal(status, 400);
  assert.equal(body, 'fail');
  receiver.free();
});
