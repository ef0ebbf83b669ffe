// Bad input at the JS boundary (RELIABILITY.md §2). Every value goes through
// validateCreateServiceRequest (never throws), buildCreateServiceRequest (ValidationError /
// ConfigError, synchronously), createService and CloudbaseClient.createService (rejected
// promise). Each case asserts the typed error or success, that nothing reached the emulator,
// that no secret shows, that the instance still works (a trap would make every later call
// fail), and how much wasm linear memory it took.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

const execFileAsync = util.promisify(execFile);
import {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isValidationError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
  wasmMemoryBytes,
} from 'wx-cloudbase-service';
import { ENV, PASSWORD, TOKEN, assertNoSecrets, requestsSeen, startEmu, svc, uniqueName } from './helpers.mjs';
import { MiB, figure, mib, timed } from './lib.mjs';

let emu;
let client;
const memoryAtStart = { value: 0 };
/** [case, bytes] for every case after which wasm memory was larger than before it. */
const growth = [];

before(async () => {
  emu = await startEmu();
  client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 2000 });
  // One normal round first, so the figures below are about bad input, not first use.
  await client.createService(svc());
  validateCreateServiceRequest(svc());
  buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: emu.url });
  memoryAtStart.value = wasmMemoryBytes();
  figure(`bad-input: wasm memory at start ${mib(memoryAtStart.value)}`);
});

after(async () => {
  await emu?.close();
});

const SYNC_LIMIT_MS = 2000;

/** A trapped wasm instance fails every later call: prove it still works, synchronously and over the network. */
async function assertInstanceWorks(label, { network = false } = {}) {
  const report = validateCreateServiceRequest(svc());
  assert.equal(report.ok, true, `${label}: validate of a valid request after it: ${util.inspect(report)}`);
  const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: emu.url });
  assert.equal(typeof req.body, 'string', `${label}: build after it`);
  if (network) {
    const before = requestsSeen(emu);
    const res = await client.createService(svc());
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' }, `${label}: a call after it`);
    assert.equal(requestsSeen(emu), before + 1);
  }
}

function assertOurs(e, expected, label) {
  assert.ok(e instanceof Error, `${label}: not an Error: ${util.inspect(e)}`);
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: a wasm trap: ${e.message}`);
  assert.ok(isWxCloudbaseError(e), `${label}: not an error of the package: ${util.inspect(e)}`);
  const guard = { VALIDATION: isValidationError, CONFIG: isConfigError }[expected];
  assert.ok(guard(e), `${label}: expected ${expected}, got ${e.name} ${e.code}: ${e.message}`);
  assert.ok(Array.isArray(e.issues) && e.issues.length > 0, `${label}: issues`);
  for (const i of e.issues) {
    assert.equal(typeof i.path, 'string');
    assert.equal(typeof i.code, 'string');
    assert.ok(typeof i.message === 'string' && i.message.length > 0);
  }
  assertNoSecrets(e, label);
}

/** Measures wasm memory across fn and records any growth. */
async function measured(label, fn) {
  const m0 = wasmMemoryBytes();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const m1 = wasmMemoryBytes();
  if (m1 > m0) growth.push([label, m1 - m0]);
  return { m0, m1, ms };
}

// ---------------------------------------------------------------------------------------
// Requests. [label, make() → input, expectation]: 'invalid' (ValidationError, nothing sent),
// 'valid' (sent and created), or a function (report) => void for what else must hold.

const deep = (n, leaf = {}) => {
  let x = leaf;
  for (let i = 0; i < n; i++) x = { a: x };
  return x;
};
const deepArray = (n) => {
  let x = [];
  for (let i = 0; i < n; i++) x = [x];
  return x;
};
const manyKeys = (n) => {
  const o = svc();
  for (let i = 0; i < n; i++) o[`k${i}`] = 0;
  return o;
};
const circular = () => {
  const o = svc();
  o.es_info.self = o;
  return o;
};
const esWith = (over) => svc({ es_info: { ip: '10.0.0.1', port: 9200, account: 'elastic', password: PASSWORD, ...over } });
const throwingProxy = (trap) =>
  new Proxy(svc(), {
    [trap]() {
      throw new Error(`trap ${trap} ${PASSWORD}`);
    },
  });

/** NaN, ±Infinity and 1e400 reach JSON as null: an optional field that is null is left out
 * with a `null` warning (DESIGN.md), which strict mode turns into an error. */
const nullWarning = (path) => (r, strict) => {
  const w = r.warnings.find((i) => i.path === path);
  assert.equal(w?.code, 'null', util.inspect(r));
  assert.match(w.message, /NaN and Infinity/);
  assert.equal(strict.ok, false, 'strict refuses it');
};

const REQUESTS = [
  // Not an object at all.
  ['null', () => null, 'invalid'],
  ['undefined', () => undefined, 'invalid'],
  ['an empty array', () => [], 'invalid'],
  ['an array holding a valid request', () => [svc()], 'invalid'],
  ['a string', () => 'env_id', 'invalid'],
  ['the request as JSON text', () => JSON.stringify(svc()), 'invalid'],
  ['a number', () => 42, 'invalid'],
  ['-0', () => -0, 'invalid'],
  ['NaN', () => Number.NaN, 'invalid'],
  ['Infinity', () => Number.POSITIVE_INFINITY, 'invalid'],
  ['a BigInt', () => 10n, 'invalid'],
  ['a Symbol', () => Symbol('request'), 'invalid'],
  ['a function', () => () => svc(), 'invalid'],
  ['a class', () => class Request {}, 'invalid'],
  ['a Date', () => new Date(), 'invalid'],
  ['a Map of the fields', () => new Map(Object.entries(svc())), 'invalid'],
  // Objects JSON cannot hold.
  ['a circular object', circular, 'invalid'],
  ['a Proxy whose get trap throws', () => throwingProxy('get'), 'invalid'],
  ['a Proxy whose ownKeys trap throws', () => throwingProxy('ownKeys'), 'invalid'],
  ['a Proxy whose getOwnPropertyDescriptor trap throws', () => throwingProxy('getOwnPropertyDescriptor'), 'invalid'],
  ['a revoked Proxy', () => {
    const r = Proxy.revocable(svc(), {});
    r.revoke();
    return r.proxy;
  }, 'invalid'],
  ['a getter that throws', () => Object.defineProperty(svc(), 'remark', { enumerable: true, get() { throw new Error(PASSWORD); } }), 'invalid'],
  ['toJSON that throws', () => ({ ...svc(), toJSON() { throw new Error(PASSWORD); } }), 'invalid'],
  ['toJSON returning undefined', () => ({ ...svc(), toJSON: () => undefined }), 'invalid'],
  ['a BigInt field', () => svc({ remark: 1n }), 'invalid'],
  ['a Symbol as env_id (JSON drops it: missing)', () => svc({ env_id: Symbol('env') }), 'invalid'],
  ['a function as is_public (JSON drops it: missing)', () => svc({ is_public: () => true }), 'invalid'],
  // Prototypes.
  ['is_public only on the prototype', () => Object.assign(Object.create({ is_public: true }), { env_id: ENV, service_name: uniqueName() }), 'invalid'],
  ['JSON.parse "__proto__" carrying is_public', () => JSON.parse(`{"env_id":"${ENV}","service_name":"${uniqueName()}","__proto__":{"is_public":true}}`), 'invalid'],
  ['es_info with a JSON.parse "__proto__" carrying the password (an unknown key: an error)', () => JSON.parse(`{"env_id":"${ENV}","service_name":"${uniqueName()}","is_public":true,"log_type":"es","es_info":{"ip":"10.0.0.1","port":9200,"__proto__":{"password":"${PASSWORD}"}}}`), 'invalid', (r) => {
    assert.ok(r.errors.some((e) => e.path === 'es_info.__proto__' && e.code === 'unknown_field'), util.inspect(r));
  }],
  // Numbers.
  ['es_info.port NaN', () => esWith({ port: Number.NaN }), nullWarning('es_info.port')],
  ['es_info.port Infinity', () => esWith({ port: Number.POSITIVE_INFINITY }), nullWarning('es_info.port')],
  ['es_info.port -Infinity', () => esWith({ port: Number.NEGATIVE_INFINITY }), nullWarning('es_info.port')],
  ['es_info.port 1e400', () => esWith({ port: 1e400 }), nullWarning('es_info.port')],
  ['es_info.port -0', () => esWith({ port: -0 }), 'invalid'],
  ['es_info.port 2^53+1', () => esWith({ port: 2 ** 53 + 1 }), 'invalid'],
  ['es_info.port 9200.5', () => esWith({ port: 9200.5 }), 'invalid'],
  ['es_info.port "9200"', () => esWith({ port: '9200' }), 'invalid'],
  ['es_info.id 2^53+1', () => esWith({ id: 2 ** 53 + 1 }), 'invalid'],
  ['es_info.id -0 (JSON writes 0)', () => esWith({ id: -0 }), 'valid'],
  ['public_access -0 (JSON writes 0)', () => svc({ public_access: -0 }), 'valid'],
  ['public_access NaN', () => svc({ public_access: Number.NaN }), nullWarning('public_access')],
  ['is_public 1', () => svc({ is_public: 1 }), 'invalid'],
  ['is_public "true"', () => svc({ is_public: 'true' }), 'invalid'],
  // Text.
  ['a lone high surrogate in service_name', () => svc({ service_name: `svc-\ud800` }), 'invalid'],
  ['a lone low surrogate in remark', () => svc({ remark: `note \udc00 end` }), 'invalid'],
  ['a lone surrogate in the password', () => esWith({ password: `${PASSWORD}\ud800` }), 'invalid'],
  ['a lone surrogate in a key', () => ({ ...svc(), '\udfff': 1 }), 'invalid'],
  ['a 10 MB remark', () => svc({ remark: 'x'.repeat(10_000_000) }), 'invalid'],
  ['a 10 MB key', () => ({ ...svc(), ['k'.repeat(10_000_000)]: 1 }), 'invalid'],
  // Size and depth.
  ['10,000-deep nesting in remark', () => svc({ remark: deep(10_000) }), 'invalid'],
  ['10,000-deep nested arrays as the request', () => deepArray(10_000), 'invalid'],
  ['200,000-deep nesting (JSON.stringify overflows the stack)', () => svc({ remark: deep(200_000) }), 'invalid'],
  ['129-deep nesting (just past the parser limit)', () => svc({ remark: deep(128) }), 'invalid'],
  ['100,000 keys', () => manyKeys(100_000), 'invalid'],
  ['50,000 unknown keys (under the size cap)', () => manyKeys(50_000), 'invalid', (r) => {
    assert.ok(r.errors.every((e) => e.code === 'unknown_field' || e.code === 'too_large'), 'unknown keys are errors');
    assert.ok(r.errors.length <= 101, `the report is capped, not 50,000 (${r.errors.length})`);
    assert.match(r.errors.at(-1).message, /49,900 more problems/);
  }],
  // Valid shapes that are unusual.
  ['Object.create(null) with valid fields', () => Object.assign(Object.create(null), svc()), 'valid'],
  ['a frozen request', () => Object.freeze(svc()), 'valid'],
  ['a class instance with the fields', () => Object.assign(new (class Req {})(), svc()), 'valid'],
  ['toJSON returning a valid request', () => ({ toJSON: () => svc() }), 'valid'],
  ['an undefined optional field (JSON drops it)', () => svc({ remark: undefined }), 'valid'],
];

for (const [label, make, expectation, more] of REQUESTS) {
  test(`request: ${label}`, async () => {
    const expectValid = expectation !== 'invalid';
    const sentBefore = requestsSeen(emu);
    const { m0, m1, ms } = await measured(`request: ${label}`, async () => {
      // validate never throws.
      let report;
      assert.doesNotThrow(() => {
        report = validateCreateServiceRequest(make());
      }, `${label}: validate threw`);
      assert.equal(report.ok, expectValid, `${label}: validate ok: ${util.inspect(report, { depth: 3 }).slice(0, 1500)}`);
      if (!expectValid) assert.ok(report.errors.length > 0);
      const strict = validateCreateServiceRequest(make(), { strict: true });
      assert.equal(typeof strict.ok, 'boolean');
      if (typeof expectation === 'function') expectation(report, strict);
      if (more) more(report, strict);
      assertNoSecrets(report, `${label} (report)`);

      // build: a request or a synchronous ValidationError.
      let built;
      let thrown;
      try {
        built = buildCreateServiceRequest(make(), { accessToken: TOKEN, baseUrl: emu.url });
      } catch (e) {
        thrown = e;
      }
      if (expectValid) {
        assert.equal(thrown, undefined, `${label}: build threw ${thrown?.name}: ${thrown?.message}`);
        const body = JSON.parse(built.body);
        assert.equal(typeof body, 'object');
        assert.ok(!Object.hasOwn(body, '__proto__'), 'unknown keys are not sent');
      } else {
        assertOurs(thrown, 'VALIDATION', `${label} (build)`);
      }

      // createService and the client: a rejected promise, never a synchronous throw.
      for (const [how, call] of [
        ['createService', (input) => createService(input, { accessToken: TOKEN, baseUrl: emu.url })],
        ['client.createService', (input) => client.createService(input)],
      ]) {
        if (expectValid && how === 'createService') continue; // one real creation is enough
        let p;
        assert.doesNotThrow(() => {
          p = call(make());
        }, `${label}: ${how} threw synchronously`);
        const r = await timed(p);
        if (expectValid) {
          assert.ok(r.ok, `${label}: ${how}: ${util.inspect(r.error)}`);
          assert.equal(r.value.errcode, 0);
        } else {
          assert.equal(r.ok, false, `${label}: ${how} resolved`);
          assertOurs(r.error, 'VALIDATION', `${label} (${how})`);
        }
      }
      if (!expectValid) assert.equal(requestsSeen(emu), sentBefore, `${label}: nothing is sent`);
      assert.equal(Object.prototype.is_public, undefined, 'Object.prototype is not polluted');
      assert.equal(Object.prototype.password, undefined, 'Object.prototype is not polluted');
      await assertInstanceWorks(label, { network: !expectValid });
    });
    assert.ok(ms < SYNC_LIMIT_MS + 2000, `${label}: took ${ms.toFixed(0)} ms`);
    if (m1 !== m0) figure(`request: ${label}: wasm memory ${mib(m0)} -> ${mib(m1)}`);
  });
}

test('request: getters that answer differently on each read are read once, and the body sent is the one validated', async () => {
  let reads = 0;
  const names = [uniqueName('flip'), 42, uniqueName('flip'), null];
  const flipping = () => {
    const input = svc();
    delete input.service_name;
    Object.defineProperty(input, 'service_name', {
      enumerable: true,
      get() {
        return names[reads++ % names.length];
      },
    });
    return input;
  };
  reads = 0;
  const report = validateCreateServiceRequest(flipping());
  assert.equal(reads, 1, 'validate reads the getter once');
  assert.equal(report.ok, true, 'it saw the first (valid) name');
  reads = 1;
  assert.throws(() => buildCreateServiceRequest(flipping(), { accessToken: TOKEN, baseUrl: emu.url }), (e) => isValidationError(e));
  assert.equal(reads, 2, 'build reads the getter once');
  reads = 2;
  const built = buildCreateServiceRequest(flipping(), { accessToken: TOKEN, baseUrl: emu.url });
  assert.equal(reads, 3);
  assert.equal(JSON.parse(built.body).service_name, names[2], 'the body holds the value that was validated');
  // createService: the value validated is the value sent.
  const before = requestsSeen(emu);
  reads = 0;
  const res = await client.createService(flipping());
  assert.equal(reads, 1, 'createService reads the getter once');
  assert.equal(res.errcode, 0);
  assert.equal(emu.state().services.at(-1).service_name, names[0]);
  reads = 1;
  const e = (await timed(client.createService(flipping()))).error;
  assertOurs(e, 'VALIDATION', 'flipping getter (invalid read)');
  assert.equal(reads, 2);
  assert.equal(requestsSeen(emu), before + 1, 'only the valid read was sent');
});

test('request: "__proto__" own keys (JSON.parse and Object.defineProperty) are unknown keys: errors, never sent; with allowUnknownKeys sent as given, polluting nothing', async () => {
  const viaParse = () => JSON.parse(JSON.stringify(svc()).replace(/^\{/, '{"__proto__":{"polluted":true,"is_public":false},'));
  const viaDefine = () => Object.defineProperty(svc(), '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  for (const [how, make] of [['JSON.parse', viaParse], ['defineProperty', viaDefine]]) {
    assert.ok(Object.hasOwn(make(), '__proto__'), `${how}: an own key`);
    const report = validateCreateServiceRequest(make());
    assert.equal(report.ok, false, `${how}: ${util.inspect(report)}`);
    assert.ok(report.errors.some((e) => e.path === '__proto__' && e.code === 'unknown_field'), `${how}: an error at __proto__: ${util.inspect(report.errors)}`);
    assert.throws(() => buildCreateServiceRequest(make(), { accessToken: TOKEN, baseUrl: emu.url }), (e) => isValidationError(e));
    const before = requestsSeen(emu);
    const e = (await timed(client.createService(make()))).error;
    assertOurs(e, 'VALIDATION', `${how}`);
    assert.equal(requestsSeen(emu), before, 'nothing sent');

    // allowUnknownKeys: a warning, and the key goes out as the caller wrote it.
    const loose = validateCreateServiceRequest(make(), { allowUnknownKeys: true });
    assert.equal(loose.ok, true, `${how}: ${util.inspect(loose)}`);
    assert.ok(loose.warnings.some((w) => w.path === '__proto__' && w.code === 'unknown_field'));
    const req = buildCreateServiceRequest(make(), { accessToken: TOKEN, baseUrl: emu.url, allowUnknownKeys: true });
    assert.ok(req.body.includes('"__proto__":{"polluted":true'), `${how}: sent as given: ${req.body.replace(PASSWORD, '***')}`);
    const res = await client.createService(make(), { allowUnknownKeys: true });
    assert.equal(res.errcode, 0);
    const stored = emu.state().services.at(-1).body;
    assert.equal(stored.is_public, true, `${how}: is_public came from the own key, not the __proto__ payload`);
    assert.equal(({}).polluted, undefined, `${how}: Object.prototype is not polluted`);
  }
  await assertInstanceWorks('__proto__', { network: true });
});

// ---------------------------------------------------------------------------------------
// Options.

/** Checks a createService/constructor/build outcome for an options case. */
async function optionsCase(label, opts, { expect, path, lazy = false }) {
  const sentBefore = requestsSeen(emu);
  // createService: ConfigError, or (when the options are fine) a success / the expected answer.
  const r = await timed(() => createService(svc(), opts));
  if (expect === 'config') {
    assert.equal(r.ok, false, `${label}: createService resolved`);
    assertOurs(r.error, 'CONFIG', `${label} (createService)`);
    if (path) assert.ok(r.error.issues.some((i) => i.path === path), `${label}: issue at ${path}: ${util.inspect(r.error.issues)}`);
    if (lazy) {
      // Found only when the call asks for the token: the client is built, its call refused.
      const c = new CloudbaseClient(opts);
      const r2 = await timed(() => c.createService(svc()));
      assert.equal(r2.ok, false, `${label}: client.createService resolved`);
      assertOurs(r2.error, 'CONFIG', `${label} (client.createService)`);
    } else {
      assert.throws(() => new CloudbaseClient(opts), (e) => {
        assertOurs(e, 'CONFIG', `${label} (constructor)`);
        return true;
      });
    }
    assert.equal(requestsSeen(emu), sentBefore, `${label}: nothing is sent`);
  } else {
    expect(r);
  }
  // buildCreateServiceRequest takes { accessToken: string, baseUrl?, strict? } only.
  const buildOnly = opts !== null && typeof opts === 'object' && !Array.isArray(opts) && !util.types.isProxy(opts) &&
    Object.keys(opts).every((k) => ['accessToken', 'baseUrl', 'strict'].includes(k));
  if (expect === 'config' && (buildOnly || opts === null || typeof opts !== 'object' || util.types.isProxy(opts))) {
    assert.throws(() => buildCreateServiceRequest(svc(), opts), (e) => {
      assertOurs(e, 'CONFIG', `${label} (build)`);
      return true;
    });
  }
  await assertInstanceWorks(label);
}

const ok = (r) => {
  assert.ok(r.ok, util.inspect(r.error));
  assert.equal(r.value.errcode, 0);
};

const OPTIONS = [
  ['options null', () => null, 'config'],
  ['options undefined', () => undefined, 'config'],
  ['options a string', () => TOKEN, 'config'],
  ['options a number', () => 42, 'config'],
  ['options an array', () => [TOKEN], 'config'],
  ['options a Proxy whose get trap throws', () => new Proxy({}, { get() { throw new Error(TOKEN); } }), 'config'],
  ['accessToken a number', () => ({ accessToken: 12345, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken 0', () => ({ accessToken: 0, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken true', () => ({ accessToken: true, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken a BigInt', () => ({ accessToken: 10n, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken a Symbol', () => ({ accessToken: Symbol(TOKEN), baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken an array', () => ({ accessToken: [TOKEN], baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken an object without getToken', () => ({ accessToken: { token: TOKEN }, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken an object whose getToken getter throws', () => ({ accessToken: { get getToken() { throw new Error(TOKEN); } }, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken empty', () => ({ accessToken: '', baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken only spaces', () => ({ accessToken: '   ', baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken with a leading space', () => ({ accessToken: ` ${TOKEN}`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken with a trailing newline', () => ({ accessToken: `${TOKEN}\n`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken with a tab inside', () => ({ accessToken: `${TOKEN}\tx`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken with a NUL', () => ({ accessToken: `${TOKEN}\0`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken non-ASCII', () => ({ accessToken: `${TOKEN}é`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken a lone surrogate', () => ({ accessToken: `${TOKEN}\ud800`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken of 2,049 characters', () => ({ accessToken: `${TOKEN}${'x'.repeat(2049)}`, baseUrl: emu.url }), 'config', 'accessToken'],
  ['accessToken function returning a number', () => ({ accessToken: () => 42, baseUrl: emu.url }), 'config', 'accessToken', true],
  ['accessToken function returning a token with a newline', () => ({ accessToken: async () => `${TOKEN}\n`, baseUrl: emu.url }), 'config', 'accessToken', true],
  ['accessToken function that throws', () => ({ accessToken: () => { throw new Error('no token today'); }, baseUrl: emu.url }), 'config', 'accessToken', true],
  ['accessToken provider whose getToken rejects with a non-Error', () => ({ accessToken: { getToken: () => Promise.reject('nope') }, baseUrl: emu.url }), 'config', 'accessToken', true],
  ['baseUrl http://example.com', () => ({ accessToken: TOKEN, baseUrl: 'http://example.com' }), 'config', 'baseUrl'],
  ['baseUrl javascript:alert(1)', () => ({ accessToken: TOKEN, baseUrl: 'javascript:alert(1)' }), 'config', 'baseUrl'],
  ['baseUrl data:', () => ({ accessToken: TOKEN, baseUrl: 'data:text/plain,hi' }), 'config', 'baseUrl'],
  ['baseUrl file:', () => ({ accessToken: TOKEN, baseUrl: 'file:///etc/passwd' }), 'config', 'baseUrl'],
  ['baseUrl with userinfo u:p@', () => ({ accessToken: TOKEN, baseUrl: 'https://u:p@api.weixin.qq.com' }), 'config', 'baseUrl'],
  ['baseUrl with userinfo holding the token', () => ({ accessToken: TOKEN, baseUrl: `http://u:${TOKEN}@127.0.0.1:${emu.port}` }), 'config', 'baseUrl'],
  ['baseUrl with a query', () => ({ accessToken: TOKEN, baseUrl: 'https://api.weixin.qq.com/?access_token=other' }), 'config', 'baseUrl'],
  ['baseUrl with a fragment', () => ({ accessToken: TOKEN, baseUrl: 'https://api.weixin.qq.com/#x' }), 'config', 'baseUrl'],
  ['baseUrl loopback-looking userinfo (http://127.0.0.1@evil.com)', () => ({ accessToken: TOKEN, baseUrl: 'http://127.0.0.1@evil.com' }), 'config', 'baseUrl'],
  ['baseUrl a number', () => ({ accessToken: TOKEN, baseUrl: 443 }), 'config', 'baseUrl'],
  ['baseUrl null', () => ({ accessToken: TOKEN, baseUrl: null }), 'config', 'baseUrl'],
  ['timeoutMs -1', () => ({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: -1 }), 'config', 'timeoutMs'],
  ['timeoutMs Infinity', () => ({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: Number.POSITIVE_INFINITY }), 'config', 'timeoutMs'],
  ['timeoutMs a string', () => ({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: '500' }), 'config', 'timeoutMs'],
  ['timeoutMs 2^53+1', () => ({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 2 ** 53 + 1 }), 'config', 'timeoutMs'],
  ['maxRetries 1.5', () => ({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 1.5 }), 'config', 'maxRetries'],
  ['maxRetries NaN', () => ({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: Number.NaN }), 'config', 'maxRetries'],
  ['maxRetries -0 (is 0)', () => ({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: -0 }), ok],
  ['strict "yes"', () => ({ accessToken: TOKEN, baseUrl: emu.url, strict: 'yes' }), 'config', 'strict'],
  ['signal a plain object', () => ({ accessToken: TOKEN, baseUrl: emu.url, signal: { aborted: true } }), 'config', 'signal'],
  ['onResponse a string', () => ({ accessToken: TOKEN, baseUrl: emu.url, onResponse: 'log' }), 'config', 'onResponse'],
  ['a hook that throws (hooks observe, the call goes on)', () => ({ accessToken: TOKEN, baseUrl: emu.url, onRequest() { throw new Error(TOKEN); } }), ok],
];

for (const [label, make, expect, path, lazy] of OPTIONS) {
  test(`options: ${label}`, async () => {
    const { m0, m1 } = await measured(`options: ${label}`, () => optionsCase(label, make(), { expect, path, lazy }));
    if (m1 !== m0) figure(`options: ${label}: wasm memory ${mib(m0)} -> ${mib(m1)}`);
  });
}

test('options: a token with "&", "#" or "=" is percent-encoded: one access_token parameter, the exact token arrives', async () => {
  const tricky = [`${TOKEN}&access_token=evil`, `${TOKEN}#frag`, `a=b&c=${TOKEN}`, `${TOKEN}%26x`, `${TOKEN}+/?`];
  const local = await startEmu({ tokens: tricky });
  try {
    for (const token of tricky) {
      const req = buildCreateServiceRequest(svc(), { accessToken: token, baseUrl: local.url });
      const url = new URL(req.url);
      assert.deepEqual([...url.searchParams.keys()], ['access_token'], `one parameter only: ${url.search.replace(TOKEN, '<token>')}`);
      assert.equal(url.searchParams.get('access_token'), token, 'the token round-trips exactly');
      assert.equal(url.hash, '', 'no fragment');
      assert.equal(url.pathname, '/componenttcb/establishcloudbaserunserver');
      // And over the wire: the emulator accepts only the exact token.
      const res = await createService(svc(), { accessToken: token, baseUrl: local.url });
      assert.equal(res.errcode, 0);
      assert.equal(local.state().log.at(-1).token, 'valid', 'the emulator received exactly this token');
    }
    assert.equal(local.state().requests, tricky.length);
  } finally {
    await local.close();
  }
});

test('options: base URLs that some parser could read two ways are refused, or accepted only with an https or loopback host that WHATWG URL agrees on', () => {
  const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
  const candidates = [
    'https://api.weixin.qq.com', 'https://api.weixin.qq.com/', 'https://api.weixin.qq.com/prefix', 'HTTPS://API.WEIXIN.QQ.COM',
    'http://LOCALHOST:8080', 'http://[::1]:8080', 'http://127.0.0.2:8080',
    'http://127.0.0.1.nip.io', 'http://localhost.evil.com', 'http://evil.com#@127.0.0.1', 'http://evil.com?@127.0.0.1',
    'http://127.0.0.1:80@evil.com', 'http://127.0.0.1%2F@evil.com', 'http://evil.com\\@127.0.0.1', 'http://127.0.0.1\\@evil.com',
    'https://evil.com\\@api.weixin.qq.com', 'http://2130706433', 'http://127.1', 'http://0x7f.0.0.1', 'http://[::ffff:127.0.0.1]',
    'http://[::1', '//api.weixin.qq.com', 'api.weixin.qq.com', 'https:api.weixin.qq.com', 'https:/api.weixin.qq.com',
    'https:///api.weixin.qq.com', 'https://api.weixin.qq.com:99999', 'https://api.weixin.qq.com:0', 'https://例え.jp',
    'https://api.weixin.qq.com/../x', 'https://api.weixin.qq.com/%2e%2e/x', ' https://api.weixin.qq.com', 'https://api.weixin.qq.com\n',
    'https://api.weixin.qq.com\u0000', 'https://api.weixin.\u3002qq.com', 'JAVASCRIPT://127.0.0.1/%0aalert(1)', 'ws://127.0.0.1', '',
  ];
  const accepted = [];
  for (const baseUrl of candidates) {
    let req;
    try {
      req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl });
    } catch (e) {
      assertOurs(e, 'CONFIG', `baseUrl ${JSON.stringify(baseUrl)}`);
      assert.ok(e.issues.some((i) => i.path === 'baseUrl'), JSON.stringify(baseUrl));
      assert.throws(() => new CloudbaseClient({ accessToken: TOKEN, baseUrl }), (err) => isConfigError(err));
      continue;
    }
    accepted.push(baseUrl);
    const url = new URL(req.url); // what fetch will connect to
    assert.equal(url.username + url.password, '', `${JSON.stringify(baseUrl)}: no userinfo in ${req.url.replace(TOKEN, '<token>')}`);
    assert.equal(url.hash, '');
    assert.deepEqual([...url.searchParams.keys()], ['access_token']);
    assert.ok(url.pathname.endsWith('/componenttcb/establishcloudbaserunserver'), url.pathname);
    if (url.protocol === 'http:') {
      assert.ok(LOOPBACK.has(url.hostname) || /^127\./.test(url.hostname), `${JSON.stringify(baseUrl)}: http only to loopback, fetch would go to ${url.hostname}`);
    } else {
      assert.equal(url.protocol, 'https:', JSON.stringify(baseUrl));
    }
  }
  figure(`base URLs accepted (${accepted.length} of ${candidates.length}): ${accepted.map((u) => JSON.stringify(u)).join(' ')}`);
});

test('options: getters on the options are read once per call', async () => {
  let reads = 0;
  const values = [TOKEN, ''];
  const opts = {
    baseUrl: emu.url,
    get accessToken() {
      return values[reads++ % 2];
    },
  };
  reads = 0;
  buildCreateServiceRequest(svc(), opts);
  assert.equal(reads, 1, 'build reads accessToken once');
  reads = 0;
  const res = await createService(svc(), opts);
  assert.equal(res.errcode, 0);
  assert.equal(reads, 1, 'createService reads accessToken once');
  reads = 0;
  const c = new CloudbaseClient(opts);
  assert.equal(reads, 1, 'the constructor reads accessToken once');
  assert.equal((await c.createService(svc())).errcode, 0, 'the client keeps what it read');
  assert.equal(reads, 1, 'and does not read it again per call');
});

test('validate options and toCurl with bad values never throw a non-package error', () => {
  for (const opts of [null, 'strict', 42, [], { strict: 'yes' }, new Proxy({}, { get() { throw new Error('x'); } })]) {
    let report;
    assert.doesNotThrow(() => {
      report = validateCreateServiceRequest(svc(), opts);
    }, util.inspect(opts));
    assert.equal(typeof report.ok, 'boolean');
  }
  const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: emu.url });
  for (const bad of [null, undefined, 42, 'curl', {}, { method: 'POST' }, new Proxy({}, { get() { throw new Error('x'); } }), { method: 1n, url: Symbol('u'), body: () => 1 }]) {
    try {
      toCurl(bad);
      assert.fail(`toCurl(${util.inspect(bad)}) returned`);
    } catch (e) {
      if (e?.code === 'ERR_ASSERTION') throw e;
      assertOurs(e, 'CONFIG', `toCurl(${util.inspect(bad)})`);
    }
  }
  for (const opts of [undefined, null, {}]) {
    const curl = toCurl(req, opts);
    assertNoSecrets(curl, `toCurl(req, ${util.inspect(opts)})`);
  }
  // Options that are not what toCurl takes are refused (a typo must not reveal or hide
  // secrets by accident), with a ConfigError that shows no secret.
  for (const opts of ['x', 42, new Proxy({}, { get() { throw new Error('x'); } }), { revealSecrets: 'yes' }, { revealSecret: true }]) {
    try {
      toCurl(req, opts);
      assert.fail(`toCurl(req, ${util.inspect(opts)}) returned`);
    } catch (e) {
      if (e?.code === 'ERR_ASSERTION') throw e;
      assertOurs(e, 'CONFIG', `toCurl(req, ${util.inspect(opts)})`);
    }
  }
});

// Ways a huge string could be copied into wasm memory before its length is checked. wasm
// memory never shrinks, so every byte copied in stays with the process. Each case runs in a
// fresh process (memory-probe.mjs): in this one, a second case would reuse the memory the
// first one grew, and a leak would go unseen.
const PROBES = [
  ['control: an ordinary build', 'control', null],
  ['a 10 MB remark in the request (buildCreateServiceRequest)', 'remark-build', 'VALIDATION'],
  ['a 10 MB accessToken string (buildCreateServiceRequest)', 'token-build', 'CONFIG'],
  ['a 10 MB accessToken string (createService)', 'token-call', 'CONFIG'],
  ['a 10 MB baseUrl (buildCreateServiceRequest)', 'baseurl-build', 'CONFIG'],
  ['a 10 MB baseUrl (createService)', 'baseurl-call', 'CONFIG'],
  ['an accessToken function resolving to 10 MB (createService)', 'token-function', 'CONFIG'],
];
for (const [label, kind, code] of PROBES) {
  test(`memory: ${label}: ${code ?? 'success'}, and wasm memory does not grow by the 10 MB`, async () => {
    const probe = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));
    const { stdout: out } = await execFileAsync(process.execPath, [probe, kind], { encoding: 'utf8' });
    const { before, after, code: got } = JSON.parse(out.trim().split('\n').at(-1));
    figure(`memory probe ${kind}: ${got ?? 'ok'}; wasm memory ${mib(before)} -> ${mib(after)} (+${mib(after - before)})`);
    assert.equal(got ?? null, code, `${label}: error code`);
    assert.ok(after - before < MiB, `${label}: wasm memory grew by ${mib(after - before)}: the string was copied into wasm before its length was checked`);
  });
}

test('wasm memory after the whole catalogue stays bounded (printed)', async () => {
  await assertInstanceWorks('the end', { network: true });
  const end = wasmMemoryBytes();
  figure(`bad-input: wasm memory ${mib(memoryAtStart.value)} at start -> ${mib(end)} at the end`);
  if (growth.length) figure(`bad-input: cases after which wasm memory grew: ${growth.map(([l, b]) => `${l} (+${mib(b)})`).join('; ')}`);
  // A request is capped at 1 MiB of JSON before it is copied in; its parsed form and the
  // findings about it take a few times that. 16 MiB bounds every legitimate case; a 10 MB
  // value copied in would be 10 MiB on its own, once per kind of input.
  assert.ok(end - memoryAtStart.value <= 16 * MiB, `wasm memory grew by ${mib(end - memoryAtStart.value)}`);
});
