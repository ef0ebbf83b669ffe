// Sending, against the bundled emulator: every exit code from the situation that defines it,
// and the token from each of its two environment forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CALLS, CHANGING, MANAGER_ENV, READING, TOKEN_ENV, assertFits, cli, cliJson, closedPort, sendArgs, withEmu,
} from './helpers.mjs';

const lastLog = (emu) => emu.state().log.at(-1);

test('exit 0: every call\'s example is sent and answered; what the emulator refuses is exit 1 with its errcode', async () => {
  await withEmu(async (emu) => {
    let succeeded = 0;
    for (const call of CALLS) {
      const before = emu.state().requests;
      const r = await cliJson(sendArgs(call, emu), { env: TOKEN_ENV });
      assert.equal(emu.state().requests, before + 1, `${call.name} was sent once`);
      const logged = lastLog(emu);
      assert.equal(logged.call, call.name);
      if (r.code === 0) {
        assert.equal(r.json.errcode, 0);
        succeeded++;
      } else {
        // State the example cannot know (a service it names not created yet) is WeChat's "no".
        assert.equal(r.code, 1, `${call.name}: ${r.stdout}${r.stderr}`);
        assert.equal(r.json.error.name, 'WxApiError');
        assert.equal(r.json.error.errcode, logged.errcode);
      }
    }
    assert.ok(succeeded > 0, 'no example succeeded');
  });
});

test('exit 0 in text mode: the answer as JSON on stdout, nothing on stderr', async () => {
  await withEmu(async (emu) => {
    const call = CALLS.find((c) => c.fields.length === 0) ?? CALLS[0];
    const r = await cli(sendArgs(call, emu), { env: TOKEN_ENV });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).errcode, 0);
    assert.equal(r.stderr, '');
  });
});

test('exit 1: WeChat errcode ≠ 0 (an injected fault on each call), with errcode, errname, hint', async () => {
  await withEmu(async (emu) => {
    for (const call of CALLS) {
      emu.addFaults({ call: call.name, errcode: 45009 });
      const j = await cliJson(sendArgs(call, emu), { env: TOKEN_ENV });
      assert.equal(j.code, 1, `${call.name}: ${j.stdout}`);
      assert.deepEqual([j.json.error.name, j.json.error.code, j.json.error.errcode], ['WxApiError', 'WX_API', 45009]);
      assert.equal(typeof j.json.error.hint, 'string');
      emu.addFaults({ call: call.name, errcode: 45009 });
      const t = await cli(sendArgs(call, emu), { env: TOKEN_ENV });
      assert.equal(t.code, 1);
      assert.match(t.err, /WxApiError \(WX_API\)/);
      assert.match(t.err, /errcode: 45009/);
      assert.match(t.err, /hint: /);
      assertFits(t.stderr, 'WxApiError');
    }
  });
});

test('exit 2: an invalid body, a bad --base-url or --timeout-ms, no token; nothing is sent', async () => {
  await withEmu(async (emu) => {
    const call = CALLS[0];
    const cases = [
      [[...sendArgs(call, emu, { ...call.example, zz_unknown: 1 })], TOKEN_ENV, 'ValidationError'],
      [[call.name, '--data', JSON.stringify(call.example), '--base-url', 'ftp://example.com'], TOKEN_ENV, 'ConfigError'],
      [[...sendArgs(call, emu), '--timeout-ms', '0'], TOKEN_ENV, 'ConfigError'],
      [sendArgs(call, emu), {}, 'ConfigError'],
      [sendArgs(call, emu), { WX_COMPONENT_APPID: 'emulator-appid' }, 'ConfigError'],
    ];
    for (const [args, env, name] of cases) {
      const j = await cliJson(args, { env });
      assert.equal(j.code, 2, args.join(' '));
      assert.equal(j.json.error.name, name);
      assert.ok(j.json.error.issues.length > 0);
      const t = await cli(args, { env });
      assert.equal(t.code, 2);
      assert.match(t.err, /nothing was sent/);
    }
    assert.deepEqual([emu.state().requests, emu.state().tokenRequests], [0, 0]);
  });
});

test('exit 2 names the missing variables, never their values', async () => {
  const call = CALLS[0];
  const j = await cliJson([call.name, '--data', JSON.stringify(call.example)], {
    env: { WX_COMPONENT_APPID: 'emulator-appid', WX_COMPONENT_VERIFY_TICKET: MANAGER_ENV.WX_COMPONENT_VERIFY_TICKET },
  });
  assert.equal(j.code, 2);
  assert.deepEqual(j.json.error.issues.map((i) => i.path), ['WX_COMPONENT_APPSECRET']);
  assert.ok(!j.stdout.includes(MANAGER_ENV.WX_COMPONENT_VERIFY_TICKET));
});

test('exit 3: a closed port, nothing done (outcomeUnknown false)', async () => {
  const port = await closedPort();
  for (const call of [CHANGING[0], READING[0]].filter(Boolean)) {
    const args = [call.name, '--data', JSON.stringify(call.example), '--base-url', `http://127.0.0.1:${port}`];
    const j = await cliJson(args, { env: TOKEN_ENV });
    assert.equal(j.code, 3, j.stdout);
    assert.equal(j.json.error.name, 'TransportError');
    assert.equal(j.json.error.outcomeUnknown, false);
    const t = await cli(args, { env: TOKEN_ENV });
    assert.equal(t.code, 3);
    assert.match(t.err, /outcomeUnknown: false/);
  }
});

test('exit 4: a connection reset on each call that changes something (outcome unknown, sent once)', async () => {
  await withEmu(async (emu) => {
    for (const call of CHANGING) {
      const before = emu.state().requests;
      emu.addFaults({ call: call.name, reset: true });
      const j = await cliJson(sendArgs(call, emu), { env: TOKEN_ENV });
      assert.equal(j.code, 4, `${call.name}: ${j.stdout}`);
      assert.equal(j.json.error.name, 'TransportError');
      assert.equal(j.json.error.outcomeUnknown, true);
      assert.equal(emu.state().requests, before + 1, 'never sent twice');
    }
  });
});

test('a reset on a call that only reads is retried, never exit 4', { skip: READING.length === 0 && 'no call that only reads is declared' }, async () => {
  await withEmu(async (emu) => {
    for (const call of READING) {
      emu.addFaults({ call: call.name, reset: true });
      const r = await cli(sendArgs(call, emu), { env: TOKEN_ENV });
      assert.ok([0, 1].includes(r.code), `${call.name}: ${r.code} ${r.stderr}`);
    }
  });
});

test('exit 4: --timeout-ms shorter than a slow answer to a call that changes something', async () => {
  await withEmu(async (emu) => {
    const call = CHANGING[0];
    emu.addFaults({ call: call.name, delayMs: 3000 });
    const j = await cliJson([...sendArgs(call, emu), '--timeout-ms', '200'], { env: TOKEN_ENV });
    assert.equal(j.code, 4, j.stdout);
    assert.deepEqual([j.json.error.code, j.json.error.outcomeUnknown], ['TIMEOUT', true]);
  });
});

test('exit 4: Ctrl-C while a call that changes something is in flight aborts it', async () => {
  await withEmu(async (emu) => {
    const call = CHANGING[0];
    emu.addFaults({ call: call.name, delayMs: 10000 });
    // SIGINT only once the emulator holds the request, so it was sent for certain.
    const interrupt = (child) => {
      const poll = setInterval(() => {
        if (emu.state().requests > 0) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
      child.on('exit', () => clearInterval(poll));
    };
    const j = await cliJson(sendArgs(call, emu), { env: TOKEN_ENV, onSpawn: interrupt });
    assert.equal(j.code, 4, j.stdout);
    assert.deepEqual([j.json.error.code, j.json.error.outcomeUnknown], ['ABORTED', true]);
  });
});

test('WX_COMPONENT_APPID/APPSECRET/VERIFY_TICKET: one token request at the same base URL, then the call', async () => {
  await withEmu(async (emu) => {
    const call = CALLS.find((c) => c.fields.length === 0) ?? CALLS[0];
    const r = await cliJson(sendArgs(call, emu), { env: MANAGER_ENV });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.json.errcode, 0);
    assert.equal(emu.state().tokenRequests, 1);
    assert.equal(emu.state().tokensIssued, 1);
    assert.equal(lastLog(emu).token, 'valid');
  });
});

test('the token endpoint saying no is exit 1 (its errcode); unreachable is exit 3', async () => {
  await withEmu(async (emu) => {
    const call = CALLS[0];
    const env = { ...MANAGER_ENV, WX_COMPONENT_APPSECRET: 'wrong-secret' };
    const j = await cliJson(sendArgs(call, emu), { env });
    assert.equal(j.code, 1, j.stdout);
    assert.equal(j.json.error.errcode, 40125);
    assert.equal(emu.state().requests, 0, 'the call itself was not sent');
  });
  const port = await closedPort();
  const j = await cliJson([CALLS[0].name, '--data', JSON.stringify(CALLS[0].example), '--base-url', `http://127.0.0.1:${port}`], { env: MANAGER_ENV });
  assert.equal(j.code, 3, j.stdout);
});

test('WX_COMPONENT_ACCESS_TOKEN wins over the three credentials', async () => {
  await withEmu(async (emu) => {
    const call = CALLS[0];
    const r = await cliJson(sendArgs(call, emu), { env: { ...MANAGER_ENV, ...TOKEN_ENV } });
    assert.ok([0, 1].includes(r.code), r.stdout);
    assert.equal(emu.state().tokenRequests, 0);
  });
});
