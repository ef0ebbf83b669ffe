// Run by bad-input.test.mjs in a fresh process (a fresh wasm instance), so the growth of wasm
// linear memory is attributed to one case only: `node memory-probe.mjs CASE`. It has its own
// emulator (a case that is wrongly accepted sends for real). Prints one JSON line
// { before, after, name, code }.
import { buildCreateServiceRequest, createService, wasmMemoryBytes } from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';

const [kind] = process.argv.slice(2);
const emu = await startEmulator({ tokens: ['probe-token'] });
const baseUrl = emu.url;
const HUGE = 10_000_000;
const input = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'probe-1', is_public: true };
const huge = () => `probe-token-${'x'.repeat(HUGE)}`;
const call = { timeoutMs: 3000, maxRetries: 0 };
const cases = {
  'token-build': () => buildCreateServiceRequest(input, { accessToken: huge(), baseUrl }),
  'token-call': () => createService(input, { accessToken: huge(), baseUrl, ...call }),
  'baseurl-build': () => buildCreateServiceRequest(input, { accessToken: 'probe-token', baseUrl: `${baseUrl}/${'p'.repeat(HUGE)}` }),
  'baseurl-call': () => createService(input, { accessToken: 'probe-token', baseUrl: `${baseUrl}/${'p'.repeat(HUGE)}`, ...call }),
  'token-function': () => createService(input, { accessToken: async () => huge(), baseUrl, ...call }),
  'remark-build': () => buildCreateServiceRequest({ ...input, remark: 'r'.repeat(HUGE) }, { accessToken: 'probe-token', baseUrl }),
  control: () => buildCreateServiceRequest(input, { accessToken: 'probe-token', baseUrl }),
};
// Warm the instance with one ordinary build, so only the case itself is measured.
buildCreateServiceRequest(input, { accessToken: 'probe-token', baseUrl });
const before = wasmMemoryBytes();
let name;
let code;
try {
  await cases[kind]();
} catch (e) {
  name = e?.name;
  code = e?.code;
}
const after = wasmMemoryBytes();
await emu.close();
console.log(JSON.stringify({ before, after, name, code }));
