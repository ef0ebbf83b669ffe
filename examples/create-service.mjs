// Creating a CloudBase Run service with wx-cloudbase-service, offline.
//
//   npm install wx-cloudbase-service
//   node create-service.mjs
//
// The example talks to the emulator shipped in the package (a local stand-in for
// https://api.weixin.qq.com), so it needs no WeChat account and creates nothing real.
// In production, drop the emulator, leave `baseUrl` out and pass your third-party
// platform's component_access_token (from POST /cgi-bin/component/api_component_token).
import {
  buildCreateServiceRequest,
  createService,
  isTransportError,
  isValidationError,
  isWxApiError,
  toCurl,
  validateCreateServiceRequest,
} from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const section = (title) => console.log(`\n== ${title} ==`);
const issueLines = (issues) =>
  issues.map((i) => `  ${i.path || '(request)'}  [${i.code}]  ${i.message}`).join('\n') || '  (none)';

// A free port on 127.0.0.1; the emulator accepts the token "emulator-token".
const emulator = await startEmulator();
const options = {
  baseUrl: emulator.url,
  // A string works; a function `({ forceRefresh }) => token` is better in production,
  // because it lets the client fetch a new token once when WeChat says it expired.
  accessToken: 'emulator-token',
};

// Field names are WeChat's own snake_case keys, so a body from the docs can be pasted as is.
const request = {
  env_id: 'prod-1a2b3c4d5e6f7a8b',
  service_name: 'order-api',
  is_public: true,
  remark: 'orders for the mini program',
  log_type: 'es',
  es_info: { ip: '10.0.0.12', port: 9200, index: 'order-api-logs', account: 'elastic', password: 'es-secret' },
};

try {
  // Building is pure: nothing is sent. toCurl() redacts the token and the ES password
  // (`***`), so the command is safe to paste into a ticket or a log.
  section('1. The request (secrets shown as ***)');
  console.log(toCurl(buildCreateServiceRequest(request, options)));

  // createService() validates again, sends, and retries only where a retry cannot create
  // the service twice. Success means errcode 0; any other errcode rejects with WxApiError.
  section('2. Sent: the emulator answered');
  const response = await createService(request, options);
  console.log(JSON.stringify(response));
  const created = emulator.state();
  console.log(`emulator: ${created.requests} request${created.requests === 1 ? '' : 's'} so far; services: ${created.services.map((s) => `${s.env_id}/${s.service_name}`).join(', ')}`);

  // A request with two classic mistakes: a port out of range (an error: it blocks sending)
  // and the English doc page's misspelled key `image_Repo` (a warning: the key would be
  // ignored by WeChat, so you are told, and `strict: true` would make it an error too).
  section('3. A rejected request: validation runs before anything is sent');
  const broken = {
    env_id: 'prod-1a2b3c4d5e6f7a8b',
    service_name: 'search-api',
    is_public: false,
    image_Repo: 'ccr.ccs.tencentyun.com/demo/search-api',
    log_type: 'es',
    es_info: { ip: '10.0.0.12', port: 70000 },
  };
  // validateCreateServiceRequest never throws: it lists every problem with its path,
  // which is what a form or a config checker wants.
  const report = validateCreateServiceRequest(broken);
  console.log(`errors:\n${issueLines(report.errors)}`);
  console.log(`warnings:\n${issueLines(report.warnings)}`);

  const before = emulator.state().requests;
  try {
    await createService(broken, options);
    throw new Error('expected a ValidationError');
  } catch (e) {
    // Guards, not instanceof: they work across realms (workers, iframes, vm contexts).
    if (!isValidationError(e)) throw e;
    const after = emulator.state().requests;
    console.log(`createService threw ${e.name} (code ${e.code}, ${e.issues.length} issue${e.issues.length === 1 ? '' : 's'}); nothing was sent:`);
    console.log(`emulator requests: ${before} before the call, ${after} after`);
    if (after !== before) throw new Error('the emulator saw a request that should not have been sent');
  }
} catch (e) {
  // What a real caller would do with the other error kinds.
  if (isWxApiError(e)) console.error(`WeChat said ${e.errcode} (${e.errname ?? 'unknown'}): ${e.hint}`);
  else if (isTransportError(e) && e.outcomeUnknown) console.error(`${e.code}: the service may exist, check before calling again`);
  else console.error(e);
  process.exitCode = 1;
} finally {
  await emulator.close();
}
