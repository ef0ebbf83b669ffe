// `calls`, the top help and the help of every call: all of it generated from describeCalls(),
// so each call the package declares must show every field, doc, rule and its example, in
// lines that fit 80 columns.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CALLS, DECLARES_BIN, allFields, assertFits, cli, cliJson, squash } from './helpers.mjs';

test('calls lists every call of describeCalls() with its effect, title and path', async () => {
  const r = await cli(['calls']);
  assert.equal(r.code, 0, r.stderr);
  assertFits(r.stdout, 'calls');
  const text = squash(r.stdout);
  for (const c of CALLS) {
    assert.ok(text.includes(`${c.name} (${c.effect}) ${squash(c.title)}`), `${c.name} missing:\n${r.stdout}`);
    assert.ok(text.includes(`POST ${c.path}`), c.path);
  }
});

test('calls --json is the list of name, path, effect and title', async () => {
  const r = await cliJson(['calls']);
  assert.equal(r.code, 0);
  assert.deepEqual(r.json, CALLS.map(({ name, path: p, effect, title }) => ({ name, path: p, effect, title })));
});

test('--help shows commands, options, the token variables and the exit codes, in 80 columns', async () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = await cli(args);
    assert.equal(r.code, 0, r.stderr);
    assertFits(r.stdout, args.join(' '));
    for (const word of ['calls', 'validate', '--data', '--dry-run', '--json', '--strict', '--allow-unknown-keys',
      '--base-url', '--timeout-ms', 'WX_COMPONENT_ACCESS_TOKEN', 'WX_COMPONENT_APPID', 'WX_COMPONENT_APPSECRET',
      'WX_COMPONENT_VERIFY_TICKET', 'Exit codes']) {
      assert.ok(r.stdout.includes(word), `${word} missing from ${args}`);
    }
    for (const code of [0, 1, 2, 3, 4]) assert.match(r.stdout, new RegExp(`^  ${code} `, 'm'));
  }
});

test('no command: a usage error on stderr, exit 2; --version prints the package version', async () => {
  const r = await cli([]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.err, /--help/);
  const v = await cli(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^\d+\.\d+\.\d+/);
});

for (const call of CALLS) {
  test(`${call.name} --help: every field with its type, doc and rules, the answer, the example`, async () => {
    const r = await cli([call.name, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assertFits(r.stdout, `${call.name} --help`);
    const text = squash(r.stdout);
    assert.ok(text.includes(squash(call.title)), 'title');
    assert.ok(text.includes(call.path), 'path');
    assert.ok(text.includes(call.effect), 'effect');
    for (const list of [call.fields, call.answerFields]) {
      for (const { path: p, field } of allFields(list)) {
        assert.ok(text.includes(`${p} (${field.type}`), `${p} (${field.type}) missing`);
        if (field.doc) assert.ok(text.includes(squash(field.doc)), `doc of ${p} missing`);
        for (const rule of field.rules ?? []) assert.ok(text.includes(squash(rule.rule)), `rule of ${p} missing`);
        if (field.required) assert.ok(text.includes(`${p} (${field.type}, required`), `${p} not marked required`);
      }
    }
    for (const rule of call.crossRules) {
      const kind = rule.source === 'convention' ? 'convention (a warning)' : 'rule';
      assert.ok(text.includes(squash(`${kind}: ${rule.rule}`)), `rule across fields ${rule.name} missing`);
    }
    if (call.fields.length > 0) {
      // The example is printed as JSON.stringify prints it, so it can be copied.
      const block = r.stdout.split('Example body:\n')[1].split('\n\n')[0];
      assert.deepEqual(JSON.parse(block), call.example);
    }
  });
}

test('help <call> and validate <call> --help give the same text; --help --json the description', async () => {
  for (const call of CALLS) {
    const a = await cli([call.name, '--help']);
    assert.equal((await cli(['help', call.name])).stdout, a.stdout);
    assert.equal((await cli(['validate', call.name, '--help'])).stdout, a.stdout);
    const j = await cliJson([call.name, '--help']);
    assert.deepEqual(j.json, call);
  }
});

test('npm links the declared bin, and the link runs the CLI (skipped until package.json has it)', { skip: !DECLARES_BIN }, async () => {
  const link = path.join(process.cwd(), 'node_modules', '.bin', 'wx-cloudbase-service');
  assert.ok(existsSync(link), `${link} missing`);
  // Run as npx runs it: the link itself, through its shebang, with this node first on PATH.
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` };
  const { stdout } = await promisify(execFile)(link, ['calls', '--json'], { env });
  assert.deepEqual(JSON.parse(stdout).map((c) => c.name), CALLS.map((c) => c.name));
});
