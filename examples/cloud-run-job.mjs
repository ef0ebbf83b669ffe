// The whole cloud-run job with wx-cloudbase-service, offline: create an environment, a
// service in it, a version of the service, release the version, list the environments,
// then one request the package refuses before sending. One line per step.
//
//   npm install wx-cloudbase-service
//   node cloud-run-job.mjs
//
// It talks to the emulator shipped in the package (a local stand-in for
// https://api.weixin.qq.com), so it needs no WeChat account and creates nothing real. In
// production, drop the emulator and `baseUrl`, and give the client a token source: a
// ComponentTokenManager (it gets and refreshes the component_access_token from your
// component_verify_ticket) or your own function.
import { CloudbaseClient, isTransportError, isValidationError, isWxApiError } from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

// A free port on 127.0.0.1; the emulator accepts the token "emulator-token".
const emulator = await startEmulator();
const client = new CloudbaseClient({ baseUrl: emulator.url, accessToken: 'emulator-token' });
const step = (n, what, detail) => console.log(`${n}. ${what.padEnd(22)} ${detail}`);

try {
  // Each method is named after the call in WeChat's docs; bodies use WeChat's snake_case keys.
  const env = await client.createCloudbaseEnv({ alias: 'shop' });
  step(1, 'environment created', `env_id ${env.env_id} (tran_id ${env.tran_id})`);

  const service_name = 'order-api';
  await client.createCloudbaseService({ env_id: env.env_id, service_name, is_public: true, remark: 'orders' });
  step(2, 'service created', `${service_name} in ${env.env_id}`);

  // A service runs nothing until it has a version: here from an image, 0.25 cores, 0.5 GB.
  const version = await client.createCloudbaseServiceVersion({
    env_id: env.env_id,
    server_name: service_name,
    upload_type: 'image',
    image_info: { repository_name: 'shop/order-api', tag_name: 'v1' },
    flow_ratio: 100,
    cpu: 0.25,
    mem: 0.5,
    min_num: 0,
    max_num: 5,
    policy_type: 'cpu',
    policy_threshold: 60,
    container_port: 8080,
  });
  step(3, 'version created', `${version.version_name} (run_id ${version.run_id})`);

  // A release that WeChat reports as `result: "failed"` rejects like an errcode would, so a
  // failed release can never pass for a success.
  const release = await client.releaseCloudbaseServiceVersion({
    env_id: env.env_id,
    server_name: service_name,
    release_version: version.version_name,
  });
  step(4, 'version released', `${version.version_name}: result ${release.result ?? 'ok'}`);

  const { env_list = [] } = await client.getWxCloudBaseRunEnvs();
  step(5, 'environments listed', env_list.map((e) => `${e.env_id} (${e.status})`).join(', '));

  // Validation runs before anything is sent: every problem, with its path, and no request.
  const before = emulator.state().requests;
  try {
    await client.createCloudbaseServiceVersion({ ...{ env_id: env.env_id, server_name: service_name }, upload_type: 'zip', flow_ratio: 150 });
    throw new Error('expected a ValidationError');
  } catch (e) {
    if (!isValidationError(e)) throw e;
    const sent = emulator.state().requests - before;
    const where = e.issues.slice(0, 3).map((i) => `${i.path} [${i.code}]`).join(', ');
    step(6, 'request rejected', `${e.issues.length} problems (${where}, …); ${sent} requests sent`);
    if (sent !== 0) throw new Error('the emulator saw a request that should not have been sent');
  }
} catch (e) {
  // What a real caller does with the other kinds of failure.
  if (isWxApiError(e)) console.error(`WeChat said ${e.errcode} (${e.errname ?? 'undocumented'}): ${e.hint}`);
  else if (isTransportError(e) && e.outcomeUnknown) console.error(`${e.code}: it may have taken effect, check before calling again`);
  else console.error(e);
  process.exitCode = 1;
} finally {
  client.free();
  await emulator.close();
}
