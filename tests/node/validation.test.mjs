// Validation and option errors: reported with paths, and nothing is sent.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isValidationError,
  validateCreateServiceRequest,
} from 'wx-cloudbase-service';
import { TOKEN, assertNoSecrets, assertPackageError, rejection, requestsSeen, svc, withEmu } from './helpers.mjs';

const BAD = () =>
  svc({
    is_public: 'yes',
    es_info: { ip: '10.0.0.1', port: 70000, password: 'CANARY-PASSWORD-in-bad-input' },
    vpc_info: { vpc_id: 'vpc-12345678', subnet_ids: ['subnet-aaaaaaaa', 3] },
  });
const BAD_PATHS = ['is_public', 'es_info.port', 'vpc_info.subnet_ids[1]'];

function assertValidationError(e, paths) {
  assertPackageError(e, 'ValidationError', 'VALIDATION');
  assert.ok(isValidationError(e), util.inspect(e));
  assert.ok(Array.isArray(e.issues), 'issues is an array');
  const got = e.issues.map((i) => i.path);
  for (const p of paths) assert.ok(got.includes(p), `issues name ${p}: ${util.inspect(e.issues)}`);
  for (const i of e.issues) {
    assert.equal(typeof i.code, 'string');
    assert.equal(typeof i.message, 'string');
    assert.ok(i.message.length > 0);
  }
  assertNoSecrets(e, 'ValidationError');
}

test('createService with an invalid request: ValidationError with every path, nothing sent', async () => {
  await withEmu(async (emu) => {
    const e = await rejection(() => createService(BAD(), { accessToken: TOKEN, baseUrl: emu.url }));
    assertValidationError(e, BAD_PATHS);
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    assertValidationError(await rejection(() => client.createService(BAD())), BAD_PATHS);
    assertValidationError(await rejection(() => client.createService({ env_id: 'prod-1a2b3c4d5e6f7a8b', is_public: true })), ['service_name']);
    assert.equal(requestsSeen(emu), 0, 'nothing was sent');
  });
});

test('a ValidationError also carries the warnings of the same input, so one report shows every problem', async () => {
  await withEmu(async (emu) => {
    // env_id breaks a convention (a warning), service_name is missing (an error).
    const input = { env_id: 'prod', is_public: true };
    const report = validateCreateServiceRequest(input);
    const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url });
    const thrown = [
      await rejection(() => createService(input, { accessToken: TOKEN, baseUrl: emu.url })),
      await rejection(() => client.createService(input)),
      await rejection(() => client.call('createCloudbaseService', input)),
      (() => { try { buildCreateServiceRequest(input, { accessToken: TOKEN }); } catch (e) { return e; } })(),
    ];
    for (const e of thrown) {
      assertValidationError(e, ['service_name']);
      assert.deepEqual(e.issues, report.errors);
      assert.deepEqual(e.warnings, report.warnings);
      assert.ok(e.warnings.some((w) => w.path === 'env_id'), util.inspect(e));
      assert.deepEqual(e.toJSON().warnings, report.warnings);
    }
    assert.equal(requestsSeen(emu), 0, 'nothing was sent');
  });
});

test('strict mode: warnings (allowed unknown keys, conventions) become errors, nothing sent', async () => {
  await withEmu(async (emu) => {
    const input = { ...svc(), image_Repo: 'repo' };
    // Unknown keys are errors (a misspelt key is not silently dropped); allowed, warnings.
    const refused = validateCreateServiceRequest(input);
    assert.equal(refused.ok, false);
    assert.ok(refused.errors.some((w) => w.path === 'image_Repo' && /image_repo/.test(w.message)), util.inspect(refused));
    const report = validateCreateServiceRequest(input, { allowUnknownKeys: true });
    assert.equal(report.ok, true);
    assert.ok(report.warnings.some((w) => w.path === 'image_Repo' && /image_repo/.test(w.message)), util.inspect(report));
    const e = await rejection(() => createService(input, { accessToken: TOKEN, baseUrl: emu.url, strict: true, allowUnknownKeys: true }));
    assertValidationError(e, ['image_Repo']);
    const ws = await rejection(() =>
      createService(svc({ es_info: { password: ` ${'CANARY-PASSWORD-with-space'} ` } }), { accessToken: TOKEN, baseUrl: emu.url, strict: true }),
    );
    assertValidationError(ws, ['es_info.password']);
    assert.equal(requestsSeen(emu), 0);
  });
});

test('buildCreateServiceRequest throws ValidationError synchronously', () => {
  assert.throws(() => buildCreateServiceRequest(BAD(), { accessToken: TOKEN }), (e) => {
    assertValidationError(e, BAD_PATHS);
    return true;
  });
});

test('validateCreateServiceRequest never throws and reports paths', () => {
  const circular = { env_id: 'x' };
  circular.self = circular;
  for (const input of [null, undefined, 42, 'str', [], {}, circular, { env_id: 1n }, Object.create(null)]) {
    let report;
    assert.doesNotThrow(() => {
      report = validateCreateServiceRequest(input);
    }, util.inspect(input));
    assert.equal(report.ok, false, util.inspect(input));
    assert.ok(report.errors.length > 0);
  }
  const r = validateCreateServiceRequest(BAD());
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.errors.map((i) => i.path).filter((p) => BAD_PATHS.includes(p)).sort(),
    [...BAD_PATHS].sort(),
  );
  assertNoSecrets(r, 'ValidationReport');
  assert.equal(validateCreateServiceRequest(svc()).ok, true);
});

test('bad options: ConfigError naming the option, nothing sent', async () => {
  await withEmu(async (emu) => {
    const cases = [
      [{ accessToken: TOKEN, baseUrl: 'http://example.com' }, 'baseUrl'],
      [{ accessToken: TOKEN, baseUrl: 'ftp://127.0.0.1' }, 'baseUrl'],
      [{ accessToken: TOKEN, baseUrl: `http://user:${TOKEN}@127.0.0.1:${emu.port}` }, 'baseUrl'],
      [{ baseUrl: emu.url }, 'accessToken'],
      [{ accessToken: 42, baseUrl: emu.url }, 'accessToken'],
      [{ accessToken: `${TOKEN}\n`, baseUrl: emu.url }, 'accessToken'],
      [{ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 11 }, 'maxRetries'],
      [{ accessToken: TOKEN, baseUrl: emu.url, maxRetries: -1 }, 'maxRetries'],
      [{ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 0 }, 'timeoutMs'],
      [{ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: Number.NaN }, 'timeoutMs'],
      [{ accessToken: TOKEN, baseUrl: emu.url, onRequest: 5 }, 'onRequest'],
    ];
    for (const [opts, path] of cases) {
      const label = util.inspect({ ...opts, accessToken: typeof opts.accessToken === 'string' ? '<token>' : opts.accessToken, baseUrl: opts.baseUrl?.replace(TOKEN, '<token>') });
      const e = await rejection(() => createService(svc(), opts));
      assertPackageError(e, 'ConfigError', 'CONFIG');
      assert.ok(isConfigError(e), label);
      assert.ok(e.issues.some((i) => i.path === path), `${label}: ${util.inspect(e.issues)}`);
      assertNoSecrets(e, `ConfigError ${label}`);
      assert.throws(() => new CloudbaseClient(opts), (err) => isConfigError(err), `constructor with ${label}`);
    }
    assert.throws(() => buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: 'http://example.com' }), (e) => isConfigError(e));
    assert.throws(() => buildCreateServiceRequest(svc(), {}), (e) => isConfigError(e));
    assert.equal(requestsSeen(emu), 0);
  });
});

test('http is accepted for loopback hosts (localhost, 127.x)', async () => {
  await withEmu(async (emu) => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await createService(svc(), { accessToken: TOKEN, baseUrl: `http://${host}:${emu.port}` });
      assert.equal(res.errcode, 0, host);
    }
  });
});
