// --dry-run and validate: both work without a token and send nothing, to the API or to the
// token endpoint.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CALLS, CANARY, MANAGER_ENV, TOKEN_ENV, allFields, assertNoLeak, cli, cliJson, withEmu } from './helpers.mjs';

const sent = (emu) => ({ api: emu.state().requests, token: emu.state().tokenRequests });

test('--dry-run of every call prints the redacted curl and sends nothing, with or without a token', async () => {
  await withEmu(async (emu) => {
    for (const call of CALLS) {
      // No token at all for every call; either token form on the first (it is never read).
      for (const env of call === CALLS[0] ? [{}, TOKEN_ENV, MANAGER_ENV] : [{}]) {
        const r = await cli([call.name, '--dry-run', '--data', JSON.stringify(call.example), '--base-url', emu.url], { env });
        assert.equal(r.code, 0, `${call.name}: ${r.stderr}`);
        const curl = r.stdout.trim();
        assert.ok(curl.startsWith('curl -X POST '), curl);
        assert.ok(curl.includes(`${emu.url}${call.path}?access_token=***`), curl);
        // The body is the canonical one (declared key order), with the example's content.
        const raw = curl.split("--data-raw '")[1].slice(0, -1).replaceAll("'\\''", "'");
        assert.deepEqual(JSON.parse(raw), call.example);
        assert.match(r.err, /nothing was sent/);
        assertNoLeak(r, call.name);
      }
    }
    assert.deepEqual(sent(emu), { api: 0, token: 0 });
  });
});

test('--dry-run --json is {curl, warnings}; an invalid body exits 2 with every issue, nothing built', async () => {
  for (const call of CALLS) {
    const ok = await cliJson([call.name, '--dry-run', '--data', JSON.stringify(call.example)]);
    assert.equal(ok.code, 0);
    assert.deepEqual(Object.keys(ok.json).sort(), ['curl', 'warnings']);
    assert.match(ok.json.curl, /^curl /);
    const bad = await cliJson([call.name, '--dry-run', '--data', JSON.stringify({ ...call.example, zz_unknown: 1 })]);
    assert.equal(bad.code, 2);
    assert.equal(bad.json.error.name, 'ValidationError');
    assert.ok(bad.json.error.issues.some((i) => i.path === 'zz_unknown' && i.code === 'unknown_field'));
    assert.deepEqual(bad.json.error.warnings, ok.json.warnings, 'the warnings of the same body come with the errors');
  }
});

test('an invalid body prints its warnings beside its errors, so one run shows every problem', async () => {
  const body = { env_id: 'prod', is_public: true }; // a convention broken, a field missing
  const r = await cli(['createCloudbaseService', '--dry-run', '--data', JSON.stringify(body)]);
  assert.equal(r.code, 2);
  const text = r.err;
  assert.match(text, /1 problem and 1 warning; nothing was sent/);
  assert.match(text, /error service_name \[required\]/);
  assert.match(text, /warning env_id \[pattern\]/);
});

test('the secret fields are *** in the curl of a dry run', async () => {
  for (const call of CALLS) {
    for (const { path, field } of allFields(call.fields)) {
      if (!field.secret || path.includes('[]')) continue;
      const body = structuredClone(call.example);
      const keys = path.split('.');
      let at = body;
      for (const k of keys.slice(0, -1)) at = at[k] ??= {};
      at[keys.at(-1)] = CANARY.password;
      const r = await cli([call.name, '--dry-run', '--allow-unknown-keys', '--data', JSON.stringify(body)]);
      assertNoLeak(r, `${call.name} ${path}`);
      if (r.code === 0) assert.match(r.out, /\*\*\*/);
    }
  }
});

test('validate: exit 0 for every example; the report with --json; nothing sent', async () => {
  for (const call of CALLS) {
    const r = await cli(['validate', call.name, '--data', JSON.stringify(call.example)]);
    assert.equal(r.code, 0, `${call.name}: ${r.stdout}${r.stderr}`);
    assert.match(r.out, new RegExp(`^${call.name}: valid`));
    const j = await cliJson(['validate', call.name, '--data', JSON.stringify(call.example)]);
    assert.equal(j.json.ok, true);
    assert.deepEqual(j.json.errors, []);
  }
});

test('validate: every missing required field is an error with its path (exit 2)', async () => {
  for (const call of CALLS) {
    const required = call.fields.filter((f) => f.required).map((f) => f.name);
    if (required.length === 0) continue;
    const j = await cliJson(['validate', call.name, '--data', '{}']);
    assert.equal(j.code, 2);
    assert.equal(j.json.ok, false);
    const paths = j.json.errors.map((e) => e.path);
    for (const name of required) assert.ok(paths.includes(name), `${call.name}: ${name} not reported`);
    const t = await cli(['validate', call.name, '--data', '{}']);
    assert.equal(t.code, 2);
    for (const name of required) assert.match(t.out, new RegExp(`error ${name} \\[required\\]`));
  }
});

test('validate: an unknown key is an error, a warning with --allow-unknown-keys, an error again with --strict', async () => {
  for (const call of CALLS) {
    const data = JSON.stringify({ ...call.example, zz_unknown: 1 });
    const plain = await cliJson(['validate', call.name, '--data', data]);
    assert.equal(plain.code, 2);
    assert.ok(plain.json.errors.some((e) => e.path === 'zz_unknown'));
    const allowed = await cliJson(['validate', call.name, '--data', data, '--allow-unknown-keys']);
    assert.equal(allowed.code, 0);
    assert.ok(allowed.json.warnings.some((e) => e.path === 'zz_unknown'));
    const strict = await cliJson(['validate', call.name, '--data', data, '--allow-unknown-keys', '--strict']);
    assert.equal(strict.code, 2);
    assert.ok(strict.json.errors.some((e) => e.path === 'zz_unknown'));
    const text = await cli(['validate', call.name, '--data', data, '--allow-unknown-keys']);
    assert.match(text.out, /warning zz_unknown \[unknown_field\]/);
  }
});

test('validate of a body that is not an object: exit 2, the whole body named', async () => {
  const j = await cliJson(['validate', CALLS[0].name, '--data', '[1]']);
  assert.equal(j.code, 2);
  assert.equal(j.json.errors[0].path, '');
  assert.match((await cli(['validate', CALLS[0].name, '--data', 'null'])).out, /error \(body\)/);
});
