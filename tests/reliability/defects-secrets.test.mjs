// Issue 10, items 11 and 12: secrets in other encodings, and secrets quoted by validation.
// A raw server echoes the access token, the ES password, the appsecret and the ticket in
// every encoding a server or proxy might use — JSON `\u` escapes (all characters, or one),
// `\/`, percent-encoding, form encoding, HTML decimal, hex and one-character entities — in an
// errmsg, in a body that is not JSON (BAD_RESPONSE) and in an error page (HTTP_STATUS). No
// string of the error (message, errmsg, stack, any own property, the cause chain) may hold the
// secret, its echoed form, or the secret's random part.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import test from 'node:test';
import util from 'node:util';
import { ComponentTokenManager, buildCreateServiceRequest, createService, validateCreateServiceRequest } from 'wx-cloudbase-service';
import { ENV, PASSWORD, TOKEN, assertNoSecrets, uniqueName } from './helpers.mjs';
import { head, withRaw } from './lib.mjs';

const id = randomBytes(8).toString('hex');
// Each holds "/" (JSON "\/", percent); the password also " " (form "+"; the token and the
// ticket may hold no whitespace).
const SECRETS = {
  'the access token': `cnry-tok/${id}`,
  'the ES password': `cnry pw/${id}`,
  'the appsecret': `cnry-sec/${id}`,
  'the ticket': `cnry-tkt/${id}`,
};

const hex = (c) => c.codePointAt(0).toString(16).padStart(4, '0');
const pct = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
/** The middle character of s written by f, the rest as it is. */
const one = (s, f) => {
  const i = s.indexOf(id) + 4;
  return s.slice(0, i) + f(s[i]) + s.slice(i + 1);
};
const FORMS = {
  'JSON \\u escapes': (s) => [...s].map((c) => `\\u${hex(c)}`).join(''),
  'one JSON \\u escape': (s) => one(s, (c) => `\\u${hex(c)}`),
  'JSON \\/': (s) => s.replaceAll('/', '\\/'),
  'percent-encoded (every byte)': (s) => [...s].map(pct).join(''),
  'percent-encoded (encodeURIComponent)': (s) => encodeURIComponent(s),
  'form-encoded': (s) => encodeURIComponent(s).replaceAll('%20', '+'),
  'HTML decimal entities': (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join(''),
  'HTML hex entities': (s) => [...s].map((c) => `&#x${c.codePointAt(0).toString(16)};`).join(''),
  'one HTML entity': (s) => one(s, (c) => `&#${c.codePointAt(0)};`),
};

/** Every string reachable from the error: own properties, enumerable or not, and causes. */
function strings(e) {
  const out = [String(e)];
  const seen = new Set();
  const walk = (v, depth) => {
    if (typeof v === 'string') out.push(v);
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > 6) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      try {
        walk(v[key], depth + 1);
      } catch {}
    }
  };
  walk(e, 0);
  out.push(JSON.stringify(e) ?? '', util.inspect(e, { depth: null, showHidden: true }));
  return out;
}

function leaks(e, secret, echoed, label) {
  const found = [];
  for (const text of strings(e)) {
    for (const needle of [secret, echoed, id]) {
      if (text.includes(needle)) found.push(`${label}: …${text.slice(Math.max(0, text.indexOf(needle) - 60), text.indexOf(needle) + needle.length + 20)}…`);
    }
  }
  return found.slice(0, 1);
}

/** The places an echo can come back in, as [label, status, content-type, body]. */
const places = (echo) => [
  ['errmsg', 200, 'application/json', JSON.stringify({ errcode: 40097, errmsg: `invalid args: ${echo} rid: 65f0a1b2-1c2d3e4f-5a6b7c8d` })],
  ['BAD_RESPONSE snippet', 200, 'text/html', `<html><body>upstream said: ${echo}</body></html>`],
  ['HTTP_STATUS snippet', 502, 'text/html', `<html><body><h1>502</h1><p>${echo}</p></body></html>`],
];

/** A raw server answering with whatever `answer` holds when a request arrives. */
function settable() {
  const answer = { status: 200, type: 'application/json', body: '{}' };
  const onRequest = (socket) => socket.end(head(answer.status, { 'content-type': answer.type, 'content-length': Buffer.byteLength(answer.body) }) + answer.body);
  return { answer, onRequest };
}

test('item 11: the access token and the ES password echoed in any encoding, in errmsg or a snippet, are redacted', async () => {
  const { answer, onRequest } = settable();
  const found = [];
  let cases = 0;
  await withRaw(onRequest, async (server) => {
    for (const who of ['the access token', 'the ES password']) {
      const secret = SECRETS[who];
      for (const [form, encode] of Object.entries(FORMS)) {
        for (const [where, status, type, body] of places(encode(secret))) {
          Object.assign(answer, { status, type, body });
          const input = { env_id: ENV, service_name: uniqueName(), is_public: true, log_type: 'es', es_info: { ip: '10.0.0.1', port: 9200, password: SECRETS['the ES password'] } };
          const e = await createService(input, { accessToken: SECRETS['the access token'], baseUrl: server.url, maxRetries: 0 }).then(() => assert.fail('resolved'), (x) => x);
          assert.equal(e.code, { errmsg: 'WX_API', 'BAD_RESPONSE snippet': 'BAD_RESPONSE', 'HTTP_STATUS snippet': 'HTTP_STATUS' }[where], util.inspect(e));
          found.push(...leaks(e, secret, encode(secret), `${who}, ${form}, in the ${where}`));
          cases++;
        }
      }
    }
  });
  assert.equal(cases, 2 * Object.keys(FORMS).length * 3);
  assert.deepEqual(found.slice(0, 6), [], `${found.length} of ${cases} echoes survived`);
});

test('item 11: the appsecret and the ticket echoed by the token endpoint in any encoding are redacted', async () => {
  const { answer, onRequest } = settable();
  const found = [];
  let cases = 0;
  await withRaw(onRequest, async (server) => {
    for (const who of ['the appsecret', 'the ticket']) {
      const secret = SECRETS[who];
      for (const [form, encode] of Object.entries(FORMS)) {
        for (const [where, status, type, body] of places(encode(secret))) {
          Object.assign(answer, { status, type, body: body.replace('40097', '61006') });
          const m = new ComponentTokenManager({ componentAppId: 'wx-echo', componentAppSecret: SECRETS['the appsecret'], getVerifyTicket: () => SECRETS['the ticket'], baseUrl: server.url, maxRetries: 0 });
          const e = await m.getToken().then(() => assert.fail('resolved'), (x) => x);
          assert.ok(['WX_API', 'BAD_RESPONSE', 'HTTP_STATUS'].includes(e.code), util.inspect(e));
          found.push(...leaks(e, secret, encode(secret), `${who}, ${form}, in the ${where}`));
          cases++;
        }
      }
    }
  });
  assert.equal(cases, 2 * Object.keys(FORMS).length * 3);
  assert.deepEqual(found.slice(0, 6), [], `${found.length} of ${cases} echoes survived`);
});

test('item 12: es_info given as JSON text holding the password: the ValidationError quotes none of it', async () => {
  const texts = [
    JSON.stringify({ password: PASSWORD, ip: '10.0.0.1', port: 9200 }),
    JSON.stringify({ ip: '10.0.0.1', port: 9200, account: 'elastic', password: PASSWORD }),
    `password=${PASSWORD}`,
  ];
  for (const text of texts) {
    const input = { env_id: ENV, service_name: uniqueName(), is_public: true, log_type: 'es', es_info: text };
    const report = validateCreateServiceRequest(input);
    assert.equal(report.ok, false);
    assert.ok(report.errors.some((i) => i.path === 'es_info'), util.inspect(report));
    assertNoSecrets(report, `the report for es_info ${text.slice(0, 12)}…`);
    let thrown;
    try {
      buildCreateServiceRequest(input, { accessToken: TOKEN });
    } catch (e) {
      thrown = e;
    }
    assert.equal(thrown?.name, 'ValidationError');
    assertNoSecrets(thrown, 'the ValidationError');
    const rejected = await createService(input, { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:9' }).then(() => assert.fail('resolved'), (x) => x);
    assert.equal(rejected.name, 'ValidationError');
    assertNoSecrets(rejected, 'the rejection of createService');
  }
});
