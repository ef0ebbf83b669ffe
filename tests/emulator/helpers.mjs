// Raw-HTTP helpers for the emulator tests (no client library of this project).
import http from 'node:http';
import { startEmulator } from '../../emulator/index.mjs';

export const API_PATH = '/componenttcb/establishcloudbaserunserver';
export const TOKEN = 'emulator-token';
export const EXPIRED = 'emulator-expired-token';
export const ENV = 'prod-1a2b3c4d5e6f7a8b';
export const DISABLED_ENV = 'nocloud-0000000000000000';

export const validBody = (over = {}) => ({ env_id: ENV, service_name: 'svc-a', is_public: true, ...over });

/** The eleven calls of family.md: doc name → path. */
export const PATHS = Object.freeze({
  getWxCloudBaseRunEnvs: '/componenttcb/describecloudbaserunenvs',
  createCloudbaseEnv: '/componenttcb/createcloudbaserunenv',
  getShareCloudbaseEnv: '/componenttcb/batchgetenvid',
  shareCloudbaseEnv: '/componenttcb/batchshareenv',
  unshareCloudbaseEnv: '/componenttcb/batchunshareenv',
  createCloudbaseService: '/componenttcb/establishcloudbaserunserver',
  createCloudbaseServiceVersion: '/componenttcb/createcloudbaserunserverversion',
  updateCloudbaseServiceVersion: '/componenttcb/rollupdatecloudbaserunserverversion',
  deleteCloudbaseServiceVersion: '/componenttcb/deletecloudbaserunserverversion',
  releaseCloudbaseServiceVersion: '/componenttcb/releasecloudbaserunversion',
  createCloudbaseMicrservice: '/componenttcb/createcloudbaserunresauth',
});
export const CALL_NAMES = Object.freeze(Object.keys(PATHS));

export const APPID = 'wx134c8103faa5a59e';
export const APPID_2 = 'wxb11529c136998cb6';

/** A valid createCloudbaseServiceVersion body (numbers where create wants numbers). */
export const versionBody = (over = {}) => ({
  env_id: ENV, server_name: 'svc-a', upload_type: 'image', flow_ratio: 100, cpu: 0.25, mem: 0.5,
  min_num: 0, max_num: 2, policy_type: 'cpu', policy_threshold: 60, container_port: 80, ...over,
});

/** A body each call accepts as far as fields go (state may still refuse it). */
export const minimalBody = Object.freeze({
  getWxCloudBaseRunEnvs: () => ({}),
  createCloudbaseEnv: () => ({}),
  getShareCloudbaseEnv: () => ({ appids: [APPID], source_type: 1 }),
  shareCloudbaseEnv: () => ({ data: [{ env: ENV, appids: [APPID] }], source_type: 1 }),
  unshareCloudbaseEnv: () => ({ data: [{ env: ENV, appids: [APPID] }], source_type: 1 }),
  createCloudbaseService: () => validBody(),
  createCloudbaseServiceVersion: () => versionBody(),
  updateCloudbaseServiceVersion: () => ({ env_id: ENV, version_name: 'latest' }),
  deleteCloudbaseServiceVersion: () => ({ env_id: ENV, server_name: 'svc-a', version_name: 'svc-a-001' }),
  releaseCloudbaseServiceVersion: () => ({ env_id: ENV, server_name: 'svc-a', release_version: 'svc-a-001' }),
  createCloudbaseMicrservice: () => ({ env_id: ENV }),
});

/** POST one call by its doc name; resolves what send() does. */
export const callApi = (emu, name, body, opts = {}) => send(emu.url, { path: PATHS[name], body, ...opts });

/** Start an emulator, run fn with it, always close it. */
export async function withEmulator(options, fn) {
  const emu = await startEmulator({ quiet: true, ...options });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/**
 * One raw HTTP request. `body` is JSON-encoded unless `raw` (string/Buffer) is given.
 * token: string | null (null → no access_token parameter). Resolves
 * { status, headers, bytes, text, json, ms } or rejects with the socket error.
 */
export function send(base, opts = {}) {
  const { method = 'POST', path = API_PATH, token = TOKEN, body, raw, headers = {}, timeoutMs = 5000, onResponse } = opts;
  const url = new URL(path, base);
  if (token !== null && path.startsWith('/componenttcb/')) url.searchParams.set('access_token', token);
  const payload = raw !== undefined ? Buffer.from(raw) : body !== undefined ? Buffer.from(JSON.stringify(body)) : null;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...headers },
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      onResponse?.(res, req);
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, bytes, text, json, ms: Date.now() - started });
      });
    });
    req.end(payload ?? undefined);
  });
}

/** Call a control endpoint and return { status, json }. */
export async function control(emu, method, name, body) {
  const r = await send(emu.url, { method, path: `/__emulator/${name}`, token: null, body });
  return { status: r.status, json: r.json };
}

export const addFaults = async (emu, spec) => {
  const r = await control(emu, 'POST', 'faults', spec);
  if (r.status !== 200) throw new Error(`fault rejected: ${JSON.stringify(r.json)}`);
  return r.json;
};
