// The examples of examples/ run as a user runs them, in this consumer project (the packed
// package installed, express linked beside it by scripts/test-node.sh): the main job prints
// its six steps; the push servers (node:http and Express) take real encrypted pushes from the
// emulator, and the ticket they carry gets a token that a call then uses — with no secret in
// anything they print.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const dir = new URL('./examples/', import.meta.url);
const have = existsSync(dir);

/** Runs examples/NAME with ENV; resolves when UNTIL matches its stdout (or it exits). */
function run(name, env, until) {
  const child = spawn(process.execPath, [new URL(name, dir).pathname], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} did not finish in time\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 20_000);
    const check = () => {
      if (until && until.test(stdout)) {
        clearTimeout(timer);
        resolve({ stdout, stderr, child });
      }
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      check();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, child });
    });
  });
  return { child, done, out: () => stdout };
}

const noSecrets = (text, secrets, label) => {
  for (const s of secrets) assert.ok(!text.includes(s), `${label} printed a secret: ${text}`);
};

test('examples/cloud-run-job.mjs: six steps, one line each, and the refused request sends nothing', { skip: !have }, async () => {
  const { stdout, stderr, code } = await run('cloud-run-job.mjs', {}).done;
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 6, stdout);
  const expected = [/^1\. environment created +env_id shop-[a-z0-9]{16} /, /^2\. service created +order-api in shop-/, /^3\. version created +order-api-001 \(run_id /, /^4\. version released +order-api-001: result /, /^5\. environments listed +.*shop-[a-z0-9]{16} \(NORMAL\)/, /^6\. request rejected +\d+ problems .*; 0 requests sent$/];
  expected.forEach((re, i) => assert.match(lines[i], re));
  noSecrets(stdout + stderr, ['emulator-token'], 'cloud-run-job');
});

test('examples/create-service.mjs: the redacted request, the answer, the refused body', { skip: !have }, async () => {
  const { stdout, stderr, code } = await run('create-service.mjs', {}).done;
  assert.equal(code, 0, stderr);
  assert.match(stdout, /access_token=\*\*\*/);
  assert.match(stdout, /createService threw ValidationError/);
  noSecrets(stdout + stderr, ['emulator-token', 'es-secret'], 'create-service');
});

for (const [name, label] of [['push-server.mjs', 'push-server'], ['push-express.mjs', 'push-express']]) {
  test(`examples/${name}: an emulator push reaches it, and the ticket gets a token a call uses`, { skip: !have }, async () => {
    const token = 'push-token-of-the-example';
    const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const emu = await startEmulator();
    const server = run(name, {
      WX_PUSH_TOKEN: token,
      WX_PUSH_AES_KEY: encodingAesKey,
      WX_COMPONENT_APPID: 'emulator-appid',
      WX_COMPONENT_APPSECRET: 'emulator-secret',
      WX_BASE_URL: emu.url,
      PORT: '0',
    }, /listening on (\S+)/);
    try {
      const { stdout } = await server.done;
      const url = stdout.match(/listening on (\S+)/)?.[1];
      assert.ok(url, stdout);
      const pushes = emu.startTicketPushes({ url, token, encodingAesKey, everyMs: 60_000 });
      const deadline = Date.now() + 15_000;
      while (!/a call with the token that ticket got: \d+ environments/.test(server.out()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const sent = pushes.pushesSent;
      const answer = pushes.lastAnswer;
      pushes.stop();
      const out = server.out();
      assert.ok(sent >= 1, 'the emulator pushed');
      assert.match(JSON.stringify(answer), /success|200/, `the receiver answered success: ${JSON.stringify(answer)}`);
      assert.match(out, new RegExp(`${label}: component_verify_ticket for emulator-appid`));
      assert.match(out, /a call with the token that ticket got: 1 environments/);
      const state = emu.state();
      assert.equal(state.tokenRequests, 1, 'one token request, with the pushed ticket');
      assert.equal(state.tokensIssued, 1);
      assert.equal(state.requests, 1, 'and one call with that token');
      noSecrets(out, [token, encodingAesKey, 'emulator-secret'], label);
    } finally {
      server.child.kill();
      await emu.close();
    }
  });
}
