// Issue 10, items 24–26: the emulator as the package ships it (`wx-cloudbase-service/emulator`,
// its bin), and the client option for an emulator on a named host. tests/emulator/ tests the
// emulator's source in depth (defects, access, module-shape, cli); these cases are the
// tester's reports, run against the installed package.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'node:test';
import util from 'node:util';
import * as lib from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const require = createRequire(import.meta.url);
const execFileAsync = util.promisify(execFile);
const API = '/componenttcb/establishcloudbaserunserver?access_token=emulator-token';

/** A raw request with any headers (fetch cannot set Host). Resolves { status, text }. */
function request(emu, method, urlPath, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: emu.port, method, path: urlPath, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withEmulator(fn) {
  const emu = await startEmulator({ quiet: true });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

const deep = (n) => `${'{"k":'.repeat(n)}1${'}'.repeat(n)}`;
const bodyWith = (name, extra) => `{"no_such_key":${extra},"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"${name}","is_public":true}`;

test('item 24: 3,000-, 5,000- and 100,000-deep unknown keys: 200 + errcode 0, and state keeps working', () =>
  withEmulator(async (emu) => {
    for (const [i, depth] of [3000, 5000, 100_000].entries()) {
      const r = await request(emu, 'POST', API, { body: bodyWith(`svc-deep-${i}`, deep(depth)) });
      assert.equal(r.status, 200, `${depth} deep: ${r.text.slice(0, 120)}`);
      assert.equal(r.json().errcode, 0, `${depth} deep`);
    }
    const st = emu.state();
    assert.equal(st.services.length, 3);
    assert.ok(st.services.every((s) => !('no_such_key' in s.body)), 'the deep key is not kept');
    assert.equal((await request(emu, 'GET', '/__emulator/state')).status, 200);
  }));

test('item 25: 600 services with 100 KB remarks keep the state small; each field is cut', () =>
  withEmulator(async (emu) => {
    const remark = 'r'.repeat(100_000);
    for (let i = 0; i < 600; i++) {
      const r = await request(emu, 'POST', API, { body: JSON.stringify({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: `svc-${i}`, is_public: true, remark }) });
      assert.equal(r.json().errcode, 0);
    }
    const started = performance.now();
    const r = await request(emu, 'GET', '/__emulator/state');
    assert.equal(r.status, 200);
    assert.ok(r.text.length < 2_000_000, `state is ${r.text.length} characters for 600 services`);
    assert.ok(performance.now() - started < 1000);
    assert.ok(r.json().services.every((s) => s.body.remark.length <= 257));
  }));

test('item 26: control paths named like Object.prototype members are 404; a redirect to a CR/LF target is refused', () =>
  withEmulator(async (emu) => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const method of ['GET', 'POST']) {
        assert.equal((await request(emu, method, `/__emulator/${name}`)).status, 404, `${method} ${name}`);
      }
    }
    const fault = await request(emu, 'POST', '/__emulator/faults', { body: JSON.stringify({ redirect: 302, to: 'http://127.0.0.1:1/\r\nSet-Cookie: a=b' }) });
    assert.equal(fault.status, 400, 'a header-splitting redirect target was accepted');
    assert.deepEqual(emu.state().faults.pending, []);
  }));

test('item 26: control endpoints take loopback Host and Origin only; the API path answers any', () =>
  withEmulator(async (emu) => {
    const p = emu.port;
    for (const headers of [{ origin: 'https://evil.example' }, { host: `rebound.example:${p}` }, { host: `127.0.0.1.nip.io:${p}` }]) {
      assert.equal((await request(emu, 'GET', '/__emulator/state', { headers })).status, 403, util.inspect(headers));
      assert.equal((await request(emu, 'POST', '/__emulator/reset', { headers })).status, 403, util.inspect(headers));
      assert.equal((await request(emu, 'POST', '/__emulator/config', { headers, body: '{"tokens":["x"]}' })).status, 403);
    }
    assert.equal((await request(emu, 'GET', '/__emulator/state', { headers: { origin: 'http://localhost:5173' } })).status, 200);
    const api = await request(emu, 'POST', API, { headers: { host: 'api.weixin.qq.com', origin: 'https://evil.example' }, body: bodyWith('svc-any-host', '1') });
    assert.equal(api.json().errcode, 0);
  }));

test('item 26: the emulator is require()-able (CommonJS) with the same API', async () => {
  const cjs = require('wx-cloudbase-service/emulator');
  assert.equal(typeof cjs.startEmulator, 'function');
  const emu = await cjs.startEmulator({ quiet: true });
  try {
    const r = await request(emu, 'POST', API, { body: bodyWith('svc-cjs', '1') });
    assert.equal(r.json().errcode, 0);
    assert.equal(emu.state().services.length, 1);
  } finally {
    await emu.close();
  }
});

const bin = path.join(path.dirname(require.resolve('wx-cloudbase-service/package.json')), require('wx-cloudbase-service/package.json').bin['wx-cloudbase-emulator']);

test('item 26: the bin binds a container host only with --allow-non-loopback, and says so', async () => {
  const refused = await execFileAsync(process.execPath, [bin, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 10_000 }).then(() => assert.fail('started'), (e) => e);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--allow-non-loopback/);
  // Accepted with the flag (bound to loopback here: a test opens no port to the network).
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--allow-non-loopback', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      setTimeout(() => reject(new Error('no line in 10 s')), 10_000).unref();
    });
    assert.match(line, /listening on http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

test('item 26: allowHttpHosts lets a client reach a named emulator host over http:// (a container sidecar); without it, ConfigError', async () => {
  const input = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'svc-sidecar', is_public: true };
  const refused = (() => {
    try {
      lib.buildCreateServiceRequest(input, { accessToken: 'emulator-token', baseUrl: 'http://emulator:8080' });
    } catch (e) {
      return e;
    }
  })();
  assert.equal(refused?.code, 'CONFIG', 'http:// to a non-loopback host must be asked for');
  const req = lib.buildCreateServiceRequest(input, { accessToken: 'emulator-token', baseUrl: 'http://emulator:8080', allowHttpHosts: ['emulator'] });
  assert.ok(req.url.startsWith('http://emulator:8080/componenttcb/'), req.url.replace(/access_token=.*/, ''));
  const urls = [];
  const real = globalThis.fetch;
  globalThis.fetch = async (url) => {
    urls.push(String(url?.url ?? url).replace(/\?.*/, ''));
    return new Response('{"errcode":0,"errmsg":"ok"}', { headers: { 'content-type': 'application/json' } });
  };
  try {
    const client = new lib.CloudbaseClient({ accessToken: 'emulator-token', baseUrl: 'http://emulator:8080', allowHttpHosts: ['emulator'] });
    assert.equal((await client.createService(input)).errcode, 0);
  } finally {
    globalThis.fetch = real;
  }
  assert.deepEqual(urls, ['http://emulator:8080/componenttcb/establishcloudbaserunserver']);
});
