// The wx-cloudbase-emulator bin: start, print the URL, answer, exit on signals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { send, validBody } from './helpers.mjs';

const CLI = fileURLToPath(new URL('../../emulator/cli.mjs', import.meta.url));
const LINE = /^wx-cloudbase-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

/** Spawn the CLI. `exited` resolves { code, signal, out, err } once its pipes close;
 * `ready` resolves { url, port } once the listening line is printed. */
function start(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const io = { out: '', err: '' };
  child.stdout.on('data', (c) => { io.out += c; });
  child.stderr.on('data', (c) => { io.err += c; });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...io })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${io.err}`)), 5000);
    child.stdout.on('data', () => {
      const m = LINE.exec(io.out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], port: Number(m[2]) });
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early; stderr: ${io.err}`));
    });
  });
  ready.catch(() => {}); // callers that only want `exited` ignore it
  return { ready, exited, child };
}

const run = (args) => start(args).exited;

/** Run fn with a started CLI; kill it if fn fails before it exits. */
async function withCli(args, fn) {
  const cli = start(args);
  try {
    return await fn({ ...cli, ...(await cli.ready) });
  } finally {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  }
}

const posixOnly = { skip: process.platform === 'win32' && 'signals differ on Windows' };

test('cli: --port 0 prints the URL, answers, and exits 0 on SIGTERM', posixOnly, () =>
  withCli(['--port', '0', '--quiet'], async ({ url, child, exited }) => {
    assert.equal((await send(url, { body: validBody() })).json.errcode, 0);
    child.kill('SIGTERM');
    const end = await exited;
    assert.equal(end.code, 0);
  }));

test('cli: SIGINT also exits 0; request lines go to stderr unless --quiet', posixOnly, () =>
  withCli(['--port=0'], async ({ url, child, exited }) => {
    await send(url, { token: 'bad', body: validBody() });
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const end = await exited;
    assert.equal(end.code, 0);
    assert.match(end.err, /token=unknown → errcode 40014/);
    assert.ok(!end.err.includes('token=bad'));
  }));

test('cli: --config file sets tokens and envs', posixOnly, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wx-emu-'));
  try {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ tokens: ['from-file'], disabledEnvs: ['off-0000000000000000'], quiet: true }));
    await withCli(['--config', file, '--port', '0'], async ({ url, child, exited }) => {
      assert.equal((await send(url, { token: 'from-file', body: validBody() })).json.errcode, 0);
      assert.equal((await send(url, { token: 'emulator-token', body: validBody() })).json.errcode, 40014);
      assert.equal((await send(url, { token: 'from-file', body: validBody({ env_id: 'off-0000000000000000' }) })).json.errcode, 85088);
      child.kill('SIGTERM');
      assert.equal((await exited).code, 0);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: --help exits 0; bad arguments and configs exit 2', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: wx-cloudbase-emulator/);
  for (const args of [['--bogus'], ['--port', 'abc'], ['--port'], ['--host', '0.0.0.0'], ['--config', '/nonexistent/x.json'],
    ['stray'], ['--push-url', 'http://127.0.0.1:9/'], ['--push-every-ms', '10'],
    ['--push-url', 'http://127.0.0.1:9/', '--push-token', 't', '--push-aes-key', 'SECRET-short-key']]) {
    const end = await run(args);
    assert.equal(end.code, 2, args.join(' '));
    assert.match(end.err, /wx-cloudbase-emulator: /);
    assert.ok(!/SECRET-short-key/.test(end.err), 'the key is never printed');
  }
  const nonLoopback = await run(['--host', '0.0.0.0']);
  assert.match(nonLoopback.err, /--allow-non-loopback/);
});

test('cli: --allow-non-loopback is accepted (tests bind loopback only)', posixOnly, () =>
  withCli(['--port', '0', '--host', '127.0.0.1', '--allow-non-loopback', '--quiet'], async ({ url, child, exited }) => {
    assert.equal((await send(url, { body: validBody() })).json.errcode, 0);
    child.kill('SIGTERM');
    assert.equal((await exited).code, 0);
  }));

test('cli: --push-url sends ticket pushes; no secret on stdout or stderr', posixOnly, async () => {
  const bodies = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      bodies.push(body);
      res.end('success');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${receiver.address().port}/events`;
  const token = 'cli-push-token-SECRET';
  const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  try {
    await withCli(['--port', '0', '--push-url', target, '--push-token', token, '--push-aes-key', key, '--push-every-ms', '50'],
      async ({ url, child, exited }) => {
        const end = Date.now() + 3000;
        while (bodies.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        assert.ok(bodies.length >= 2, `${bodies.length} pushes`);
        assert.match(bodies[0], /^<xml><AppId>emulator-appid<\/AppId><Encrypt>[A-Za-z0-9+/=]+<\/Encrypt><\/xml>$/);
        const st = (await send(url, { method: 'GET', path: '/__emulator/state', token: null })).json;
        assert.equal(st.pushes.active, true);
        child.kill('SIGTERM');
        const out = await exited;
        assert.equal(out.code, 0);
        assert.match(out.out, new RegExp(`pushing tickets to ${target}`));
        for (const secret of [token, key, 'ticket@@@']) {
          assert.ok(!out.out.includes(secret) && !out.err.includes(secret), secret);
        }
      });
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
