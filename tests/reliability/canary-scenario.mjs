// A "user application" run by canary.test.mjs in a child process. It drives the package through
// every error path of the reliability suite (faults, bad input, concurrency, token refresh,
// the token manager) with canary secrets from the environment, and logs everything it gets the
// way a careless application would: console.log(e), util.inspect with showHidden, JSON,
// String(e), e.stack, every cause, every hook payload, toCurl output, the printed HttpRequest.
// The parent then searches all of stdout and stderr for the canaries. The last stdout line is
// `SUMMARY {json}` with the error codes seen, so the parent knows every path ran.
import net from 'node:net';
import util from 'node:util';
import {
  CloudbaseClient,
  ComponentTokenManager,
  buildCreateServiceRequest,
  createService,
  toCurl,
  validateCreateServiceRequest,
} from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const { CANARY_TOKEN: TOKEN, CANARY_EXPIRED: EXPIRED, CANARY_PASSWORD: PASSWORD, CANARY_SECRET: SECRET, CANARY_TICKET: TICKET, CANARY_TICKET_EXPIRED: TICKET_EXPIRED } = process.env;
if (!TOKEN || !PASSWORD || !SECRET || !TICKET) throw new Error('canary-scenario: canaries missing from the environment');

const ENV = 'prod-1a2b3c4d5e6f7a8b';
const T = 300;
const seen = {};
let seq = 0;
const name = () => `canary-${++seq}`;
const svc = (over = {}) => ({
  env_id: ENV,
  service_name: name(),
  is_public: true,
  log_type: 'es',
  es_info: { ip: '10.0.0.1', port: 9200, account: 'elastic', password: PASSWORD },
  ...over,
});

/** Logs a value every way an application might. */
function logAll(label, v) {
  console.log(`--- ${label}`);
  console.log(v);
  console.error(util.inspect(v, { depth: null, showHidden: true }));
  console.log(util.format('%s | %o | %j', v, v, v));
  try {
    console.log(JSON.stringify(v));
  } catch (e) {
    console.log(`JSON.stringify threw ${e.message}`);
  }
  console.log(String(v));
  if (v && typeof v === 'object') {
    console.log(v.message, v.stack);
    const chain = new Set();
    for (let c = v.cause; c !== undefined && c !== null && !chain.has(c); c = c?.cause) {
      chain.add(c);
      console.error('cause:', util.inspect(c, { depth: null, showHidden: true }), String(c), c?.stack);
    }
  }
}

const hooks = {
  onRequest: (view) => logAll('onRequest', view),
  onResponse: (view) => logAll('onResponse', view),
};

/** Awaits a call that must fail, logs the error, counts its code. */
async function path(label, fn) {
  let p;
  try {
    p = fn();
    await p;
  } catch (e) {
    logAll(label, e);
    const key = e?.code ?? e?.name ?? typeof e;
    seen[key] = (seen[key] ?? 0) + 1;
    return;
  }
  seen.resolved = (seen.resolved ?? 0) + 1;
  logAll(`${label} (resolved)`, await p);
}

async function rawServer(answer) {
  const sockets = new Set();
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let buf = '';
    let done = false;
    socket.on('data', (d) => {
      buf += d;
      if (!done && buf.includes('\r\n\r\n')) {
        const length = Number(/content-length:\s*(\d+)/i.exec(buf)?.[1] ?? 0);
        if (buf.length - buf.indexOf('\r\n\r\n') - 4 >= length) {
          done = true;
          answer(socket);
        }
      }
    });
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${srv.address().port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => srv.close(resolve));
    },
  };
}
const reply = (status, type, body) =>
  `HTTP/1.1 ${status} X\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const emu = await startEmulator({
  quiet: false, // the emulator's own per-call log goes to stderr: it is checked too
  tokens: [TOKEN],
  expiredTokens: [EXPIRED],
  componentAppSecret: SECRET,
  verifyTickets: [TICKET],
  expiredTickets: [TICKET_EXPIRED],
});
const client = new CloudbaseClient({ accessToken: TOKEN, baseUrl: emu.url, timeoutMs: T, ...hooks });
const echo = `access_token=${TOKEN} ${TOKEN} password=${PASSWORD} "password":"${PASSWORD}"`;

// 1. Faults through the emulator.
const faults = [
  { busy: 10 }, { errcode: 40001, errmsg: `invalid credential ${echo}` }, { errcode: 42001 }, { errcode: 45009 },
  { errcode: 45011, count: 3 }, { errcode: 40097, extra: { detail: echo } }, { errcodeAsString: true }, { missingErrcode: true },
  { delayMs: 2 * T }, { stallBody: true }, { drip: { chunkBytes: 1, intervalMs: 50 } }, { reset: true }, { http500: true },
  { status: 502, bodyBytes: 1_000_000 }, { truncated: true }, { truncated: true, closeEarly: true },
  { oversizedBytes: 3 * 1024 * 1024, chunked: true }, { redirect: 307, to: `http://127.0.0.1:9/x?access_token=${TOKEN}&password=${PASSWORD}` },
];
for (const fault of faults) {
  emu.reset();
  emu.addFaults(fault);
  await path(`fault ${Object.keys(fault)[0]}`, () => client.createService(svc(), { maxRetries: fault.busy ? 1 : 0 }));
}
emu.reset();

// 2. Raw servers: no headers, an error page and a non-JSON body echoing the secrets.
for (const [label, answer] of [
  ['no headers', () => {}],
  ['502 page echoing', (s) => s.end(reply(502, 'text/html', `<html>${echo}</html>`))],
  ['200 not JSON echoing', (s) => s.end(reply(200, 'text/plain', `oops ${echo}`))],
  ['200 JSON errcode string echoing', (s) => s.end(reply(200, 'application/json', JSON.stringify({ errcode: '1', errmsg: echo })))],
  ['drop mid-body', (s) => { s.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"errcode":0,'); setTimeout(() => s.destroy(), 10); }],
]) {
  const srv = await rawServer(answer);
  await path(`raw ${label}`, () => createService(svc(), { accessToken: TOKEN, baseUrl: srv.url, timeoutMs: T, ...hooks }));
  await srv.close();
}

// 3. Connection refused (retried), aborts.
await path('refused', () => createService(svc(), { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:9', maxRetries: 1, ...hooks }));
await path('pre-aborted', () => client.createService(svc(), { signal: AbortSignal.abort() }));
emu.addFaults({ delayMs: 1000 });
const ac = new AbortController();
setTimeout(() => ac.abort('a string reason'), 50);
await path('aborted mid-flight', () => client.createService(svc(), { signal: ac.signal }));
emu.reset();

// 4. Token refresh paths.
await path('expired token, plain string', () => createService(svc(), { accessToken: EXPIRED, baseUrl: emu.url, ...hooks }));
await path('expired token, function refreshes to expired again', () => createService(svc(), { accessToken: () => EXPIRED, baseUrl: emu.url, ...hooks }));
await path('token function returns the token with a newline', () => createService(svc(), { accessToken: async () => `${TOKEN}\n`, baseUrl: emu.url }));
await path('token function throws', () => createService(svc(), { accessToken: () => { throw new Error('token store down'); }, baseUrl: emu.url }));
await path('token function never settles', () => createService(svc(), { accessToken: () => new Promise(() => {}), baseUrl: emu.url, timeoutMs: 100, maxRetries: 0 }));

// 5. Bad input and bad options, each carrying a canary.
const bad = [
  ['password wrong type next to the token', () => svc({ es_info: { password: 12345, account: PASSWORD } })],
  ['password with a control character', () => svc({ es_info: { password: `${PASSWORD}\u0001` } })],
  ['password with a lone surrogate', () => svc({ es_info: { password: `${PASSWORD}\ud800` } })],
  ['password of 10 MB', () => svc({ es_info: { password: `${PASSWORD}${'x'.repeat(10_000_000)}` } })],
  ['password in an unknown key (strict)', () => ({ ...svc(), pasword: PASSWORD })],
  ['circular with the password', () => { const o = svc(); o.es_info.self = o; return o; }],
  ['Proxy throwing an error holding the password', () => new Proxy(svc(), { get() { throw new Error(PASSWORD); } })],
];
for (const [label, make] of bad) {
  await path(`input: ${label}`, () => createService(make(), { accessToken: TOKEN, baseUrl: emu.url, strict: true }));
  try {
    buildCreateServiceRequest(make(), { accessToken: TOKEN, baseUrl: emu.url, strict: true });
  } catch (e) {
    logAll(`build: ${label}`, e);
  }
  logAll(`validate: ${label}`, validateCreateServiceRequest(make(), { strict: true }));
}
const badOptions = [
  ['token with a newline', { accessToken: `${TOKEN}\n` }],
  ['token with a space', { accessToken: `${TOKEN} x` }],
  ['token non-ASCII', { accessToken: `${TOKEN}é` }],
  ['token too long', { accessToken: `${TOKEN}${'x'.repeat(3000)}` }],
  ['token in baseUrl userinfo', { accessToken: TOKEN, baseUrl: `http://u:${TOKEN}@127.0.0.1:9` }],
  ['token in baseUrl query', { accessToken: TOKEN, baseUrl: `https://api.weixin.qq.com/?access_token=${TOKEN}` }],
];
for (const [label, opts] of badOptions) {
  await path(`options: ${label}`, () => createService(svc(), { baseUrl: emu.url, ...opts }));
  try {
    new CloudbaseClient({ baseUrl: emu.url, ...opts });
  } catch (e) {
    logAll(`constructor: ${label}`, e);
  }
}

// 6. Concurrency with faults mixed in.
emu.addFaults([{ busy: 20 }, { errcode: 40001, errmsg: echo, count: 20 }, { reset: true, count: 10 }, { http500: true, count: 10 }]);
const burst = await Promise.allSettled(Array.from({ length: 200 }, () => client.createService(svc(), { maxRetries: 1 })));
for (const [i, r] of burst.entries()) {
  if (r.status === 'rejected') {
    logAll(`burst #${i}`, r.reason);
    seen[r.reason?.code] = (seen[r.reason?.code] ?? 0) + 1;
  }
}
emu.reset();

// 7. The token manager with a canary appsecret and tickets.
const manager = (over = {}) =>
  new ComponentTokenManager({
    componentAppId: 'emulator-appid',
    componentAppSecret: SECRET,
    getVerifyTicket: () => TICKET,
    baseUrl: emu.url,
    timeoutMs: T,
    maxRetries: 1,
    ...over,
  });
await path('manager: expired ticket', () => manager({ getVerifyTicket: () => TICKET_EXPIRED }).getToken());
await path('manager: wrong secret', () => manager({ componentAppSecret: `${SECRET}-wrong` }).getToken());
await path('manager: ticket function throws', () => manager({ getVerifyTicket: () => { throw new Error('ticket store down'); } }).getToken());
emu.addTokenFaults({ busy: 5 });
await path('manager: busy', () => manager().getToken());
emu.reset();
emu.configure({ tokenIpWhitelisted: false });
await path('manager: ip not whitelisted', () => createService(svc(), { accessToken: manager(), baseUrl: emu.url, ...hooks }));
emu.configure({ tokenIpWhitelisted: true });
try {
  manager({ componentAppSecret: `${SECRET}\n` });
} catch (e) {
  logAll('manager: bad secret option', e);
}

// 8. What is printed on success paths.
// An HttpRequest's url and body are readable on purpose (README: non-enumerable, so printing
// hides them); showHidden and %o would show them, so it is printed the ordinary ways only.
const req = buildCreateServiceRequest(svc(), { accessToken: TOKEN, baseUrl: emu.url });
console.log(req);
console.log(util.inspect(req, { depth: null }), JSON.stringify(req), util.format('%s %j %O', req, req, req), String(req));
console.log(toCurl(req));
logAll('success result', await client.createService(svc()));
logAll('emulator state', emu.state());

await emu.close();
console.log(`SUMMARY ${JSON.stringify(seen)}`);
