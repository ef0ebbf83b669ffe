// No secret reaches state, the log or stderr: access tokens, the app secret, tickets, ES and
// registry passwords (stored as "***"), secret-looking keys of loose fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CALL_NAMES, ENV, callApi, minimalBody, send, validBody, versionBody, withEmulator } from './helpers.mjs';

const MARK = 'SECRET-MARK-7f3a';

/** Run fn while capturing this process's stderr; resolve what was written. */
async function capturingStderr(fn) {
  const original = process.stderr.write;
  let text = '';
  process.stderr.write = (chunk, ...rest) => {
    text += String(chunk);
    return typeof rest.at(-1) === 'function' ? (rest.at(-1)(), true) : true;
  };
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

test('tokens, passwords, secrets and tickets never reach state, the log or stderr', async () => {
  const token = `${MARK}-token`;
  const stderr = await capturingStderr(() =>
    withEmulator({ quiet: false, tokens: [token], componentAppSecret: `${MARK}-appsecret`, verifyTickets: [`${MARK}-ticket`] }, async (emu) => {
      for (const name of CALL_NAMES) await callApi(emu, name, minimalBody[name](), { token });
      await callApi(emu, 'createCloudbaseService', validBody({ service_name: 's2', es_info: { password: `${MARK}-es` } }), { token });
      await callApi(emu, 'createCloudbaseService', validBody({ service_name: 'svc-a' }), { token });
      const version = versionBody({
        image_secret_info: { user_name: 'u', password: `${MARK}-registry` },
        security: { api_token: `${MARK}-loose`, nested: { password: `${MARK}-deep` } },
      });
      assert.equal((await callApi(emu, 'createCloudbaseServiceVersion', version, { token })).json.errcode, 0);
      await callApi(emu, 'createCloudbaseService', validBody(), { token: `${MARK}-unknown-token` });
      const creds = { component_appid: 'emulator-appid', component_appsecret: `${MARK}-appsecret`, component_verify_ticket: `${MARK}-ticket` };
      const issued = (await send(emu.url, { path: '/cgi-bin/component/api_component_token', token: null, body: creds })).json.component_access_token;
      await callApi(emu, 'getWxCloudBaseRunEnvs', {}, { token: issued });
      await send(emu.url, { path: '/cgi-bin/component/api_start_push_ticket', token: null, body: { component_appid: 'emulator-appid', component_secret: `${MARK}-appsecret` } });
      const st = emu.state();
      assert.equal(st.versions[0].body.image_secret_info.password, '***');
      assert.deepEqual(st.versions[0].body.security, { api_token: '***', nested: { password: '***' } });
      assert.equal(st.services.find((s) => s.service_name === 's2').body.es_info.password, '***');
      const text = JSON.stringify(st) + JSON.stringify((await send(emu.url, { method: 'GET', path: '/__emulator/state', token: null })).json);
      assert.ok(!text.includes(MARK), 'a secret in state');
      assert.ok(!text.includes(issued), 'an issued token in state');
      assert.equal(st.log.filter((e) => e.env_id === ENV).length > 0, true);
    }));
  assert.ok(stderr.length > 0, 'quiet: false writes a line per call');
  assert.ok(!stderr.includes(MARK), `a secret on stderr: ${stderr}`);
  assert.ok(!stderr.includes('emu-cat-'), 'an issued token on stderr');
});
