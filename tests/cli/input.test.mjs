// --data as JSON text, @file and - (stdin), and the command-line mistakes: each exits 2 with
// a message that says what to type instead.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CALLS, CANARY, assertFits, assertNoLeak, cli, cliJson } from './helpers.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'wxcs-cli-'));
const withBody = CALLS.filter((c) => c.fields.length > 0);
const withoutBody = CALLS.filter((c) => c.fields.length === 0);

test('--data JSON, @file (a BOM too) and - (stdin) give the same request', async () => {
  for (const call of CALLS) {
    const json = JSON.stringify(call.example);
    const file = path.join(dir, `${call.name}.json`);
    writeFileSync(file, `\uFEFF${JSON.stringify(call.example, null, 2)}\n`);
    const inline = await cli([call.name, '--dry-run', '--data', json]);
    assert.equal(inline.code, 0, inline.stderr);
    assert.match(inline.out, /^curl /);
    const fromFile = await cli([call.name, '--dry-run', '--data', `@${file}`]);
    const fromStdin = await cli([call.name, '--dry-run', '--data', '-'], { stdin: json });
    assert.equal(fromFile.stdout, inline.stdout, `${call.name} @file`);
    assert.equal(fromStdin.stdout, inline.stdout, `${call.name} stdin`);
  }
});

test('a call that declares no field needs no --data; every other call does', async () => {
  for (const call of withoutBody) {
    const r = await cli([call.name, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.out, /--data-raw '\{\}'/);
  }
  for (const call of withBody) {
    const r = await cliJson([call.name, '--dry-run']);
    assert.equal(r.code, 2);
    assert.equal(r.json.error.code, 'USAGE');
    assert.equal(r.json.error.issues[0].path, '--data');
  }
});

test('invalid JSON: exit 2 with where it breaks, never the text itself (it may hold a password)', async () => {
  const call = withBody[0] ?? CALLS[0];
  for (const text of [`{"password": "${CANARY.password}"`, `{"password": ${CANARY.password}}`, `\n\n{"a": 1,, "${CANARY.password}"}`]) {
    for (const args of [['--data', text], ['--data', '-']]) {
      const r = await cli([call.name, ...args], { stdin: text });
      assert.equal(r.code, 2);
      assert.match(r.err, /not valid JSON/);
      assertNoLeak(r, 'bad JSON');
      const j = await cliJson([call.name, ...args], { stdin: text });
      assert.equal(j.json.error.issues[0].code, 'json');
      assertNoLeak(j, 'bad JSON --json');
    }
  }
  const r = await cli([call.name, '--data', '{"a": 1,\n  "b" 2}']);
  assert.match(r.err, /line 2, column 7/);
});

test('an unreadable --data file: exit 2 naming it', async () => {
  const r = await cli([CALLS[0].name, '--data', `@${path.join(dir, 'nope.json')}`]);
  assert.equal(r.code, 2);
  assert.match(r.err, /nope\.json: ENOENT/);
});

test('an unknown flag is a usage error with a did-you-mean', async () => {
  const name = CALLS[0].name;
  for (const [typo, near] of [['--dat', '--data'], ['--dry-runn', '--dry-run'], ['--jsn', '--json'],
    ['--allow-unknown-key', '--allow-unknown-keys'], ['--baseurl', '--base-url'], ['--timeout', '--timeout-ms']]) {
    const r = await cli([name, typo, 'x']);
    assert.equal(r.code, 2, typo);
    assert.match(r.err, new RegExp(`unknown option ${typo}; did you mean ${near}\\?`));
    assertFits(r.stderr, typo);
    const j = await cliJson([name, typo]);
    assert.deepEqual([j.code, j.json.error.code, j.json.error.issues[0].path], [2, 'USAGE', typo]);
  }
  assert.match((await cli([name, '--zzzzzzzz'])).err, /see --help/);
});

test('an unknown call suggests the closest doc name; a call\'s path names its doc name', async () => {
  for (const call of CALLS) {
    const typo = await cli([call.name.slice(0, -1), '--data', '{}']);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /did you mean/);
    const lower = await cli([call.name.toLowerCase()]);
    assert.ok(lower.err.includes(`did you mean ${call.name}?`), lower.stderr);
    const byPath = await cli([call.path.split('/').pop()]);
    assert.ok(byPath.err.includes(`did you mean ${call.name}?`), byPath.stderr);
  }
  assert.match((await cli(['validate'])).err, /which call/);
});

test('flags that do not apply, extra arguments and a bad --timeout-ms are usage errors', async () => {
  const name = CALLS[0].name;
  const cases = [
    [['calls', '--data', '{}'], /--data does not apply to calls/],
    [['validate', name, '--dry-run', '--data', '{}'], /--dry-run does not apply to validate/],
    [['validate', name, '--base-url', 'http://127.0.0.1:1', '--data', '{}'], /--base-url does not apply/],
    [['--strict'], /--strict does not apply without a command/],
    [[name, 'extra', '--data', '{}'], /unexpected argument "extra"/],
    [['calls', 'extra'], /unexpected argument/],
    [[name, '--data'], /argument missing/],
    [[name, '--json=1', '--data', '{}'], /does not take an argument/],
    [[name, '--data', '{}', '--timeout-ms', 'soon'], /--timeout-ms must be a number/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
});
