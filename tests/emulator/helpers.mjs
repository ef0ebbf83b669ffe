// Raw-HTTP helpers for the emulator tests (no client library of this project).
import http from 'node:http';
import { startEmulator } from '../../emulator/index.mjs';

export const API_PATH = '/componenttcb/establishcloudbaserunserver';
export const TOKEN = 'emulator-token';
export const EXPIRED = 'emulator-expired-token';
export const ENV = 'prod-1a2b3c4d5e6f7a8b';
export const DISABLED_ENV = 'nocloud-0000000000000000';

export const validBody = (over = {}) => ({ env_id: ENV, service_name: 'svc-a', is_public: true, ...over });

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
  if (token !== null && path === API_PATH) url.searchParams.set('access_token', token);
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
