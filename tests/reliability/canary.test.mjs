// Secret canary (RELIABILITY.md §4). A child process (canary-scenario.mjs) runs every error
// path of the fault, bad-input and concurrency catalogues with canary secrets, logging every
// error, cause and hook payload the careless ways; here its whole stdout and stderr are
// searched for the canaries. The in-process checks of each error (String, message, stack,
// util.inspect depth null, JSON.stringify, own properties, the cause chain, hook payloads)
// are in faults/bad-input/soak.test.mjs through helpers.mjs assertNoSecrets.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { figure } from './lib.mjs';

function runScenario(env) {
  const script = fileURLToPath(new URL('./canary-scenario.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Every place `needle` occurs, with some context, for the failure message. */
function occurrences(text, needle, max = 3) {
  const found = [];
  for (let at = text.indexOf(needle); at >= 0 && found.length < max; at = text.indexOf(needle, at + 1)) {
    found.push(text.slice(Math.max(0, at - 300), at + needle.length + 100));
  }
  return found;
}

test('secret canary: nothing the package (or its emulator) writes, throws or hands to hooks holds a canary, in a child process through every error path', async () => {
  const id = randomBytes(8).toString('hex');
  const canaries = {
    CANARY_TOKEN: `cnry-token-${id}`,
    CANARY_EXPIRED: `cnry-expired-${id}`,
    CANARY_PASSWORD: `cnry-password-${id}`,
    CANARY_SECRET: `cnry-secret-${id}`,
    CANARY_TICKET: `cnry-ticket-${id}`,
    CANARY_TICKET_EXPIRED: `cnry-oldticket-${id}`,
  };
  const started = performance.now();
  const run = await runScenario(canaries);
  const secs = (performance.now() - started) / 1000;
  assert.equal(run.signal, null, `the scenario was killed (${run.signal})`);
  assert.equal(run.code, 0, `the scenario failed (an unhandled rejection or a crash):\n${run.stderr.slice(-3000)}`);
  const lines = run.stdout.trimEnd().split('\n');
  const summaryLine = lines.at(-1);
  assert.ok(summaryLine.startsWith('SUMMARY '), `no summary: ${summaryLine}`);
  const seen = JSON.parse(summaryLine.slice('SUMMARY '.length));
  figure(`canary scenario: ${secs.toFixed(1)} s, ${(run.stdout.length / 1024).toFixed(0)} KiB stdout + ${(run.stderr.length / 1024).toFixed(0)} KiB stderr searched; errors by code ${JSON.stringify(seen)}`);
  // Every kind of error was produced (and so logged), or the search proves little.
  for (const code of ['VALIDATION', 'CONFIG', 'WX_API', 'TIMEOUT', 'NETWORK', 'HTTP_STATUS', 'BAD_RESPONSE', 'ABORTED']) {
    assert.ok(seen[code] > 0, `the scenario produced no ${code} error: ${JSON.stringify(seen)}`);
  }
  assert.equal(seen.resolved ?? 0, 0, 'every error path failed as planned');
  const all = `${run.stdout}\n${run.stderr}`;
  const leaks = [];
  for (const [name, value] of [...Object.entries(canaries), ['the shared random part', id]]) {
    for (const where of occurrences(all, value)) leaks.push(`${name}:\n…${where}…`);
  }
  assert.deepEqual(leaks, [], 'a canary was printed');
});

test('secret canary: a token or password echoed in an escaped form (JSON, percent-encoded, HTML entities) is redacted from error snippets', async () => {
  const { createService } = await import('wx-cloudbase-service');
  const { withRaw, head } = await import('./lib.mjs');
  const id = randomBytes(8).toString('hex');
  const token = `cnry-tok-${id}`;
  // Passwords with the characters each escaping changes.
  const passwords = [`cnry-pw-${id}`, `cnry-pw-${id}"q`, `cnry-pw-${id}\\b`, `cnry-pw-${id}<&>`, `cnry-pw-${id}'s`, `cnry-pw-${id} é`];
  const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const forms = {
    'JSON-escaped in a non-JSON body': (pw) => `upstream: {"echo":${JSON.stringify(`${pw} ${token}`)}}`,
    'percent-encoded': (pw) => `upstream: ${encodeURIComponent(pw)} ${encodeURIComponent(token)}`,
    'HTML entities (an error page)': (pw) => `<html><body><p>${html(pw)}</p><p>${html(token)}</p></body></html>`,
  };
  const leaks = [];
  for (const pw of passwords) {
    for (const [form, make] of Object.entries(forms)) {
      for (const status of [200, 502]) {
        const body = make(pw);
        await withRaw((socket) => socket.end(head(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) }) + body), async (server) => {
          const input = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: `echo-${status}`, is_public: true, log_type: 'es', es_info: { ip: '10.0.0.1', port: 9200, password: pw } };
          const e = await createService(input, { accessToken: token, baseUrl: server.url, maxRetries: 0 }).then(
            () => assert.fail('resolved'),
            (err) => err,
          );
          assert.equal(e.code, status === 200 ? 'BAD_RESPONSE' : 'HTTP_STATUS');
          if (e.message.includes(id)) leaks.push(`${form}, status ${status}, password ${JSON.stringify(pw)}: …${e.message.slice(e.message.indexOf('body'))}`);
        });
      }
    }
  }
  assert.deepEqual(leaks, [], 'a secret echoed in an escaped form shows in the error message');
});
