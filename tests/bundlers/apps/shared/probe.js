// What every app computes with the package, whatever bundled it: a validation report for an
// input with a wrong type (an issue at env_id) and the curl of a built request (token as
// ***). The harness (lib/judge.mjs) checks the result; apps only report it.
export const TOKEN = 'bundler-test-token-0123456789';
export const REQUEST = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true };

export function probe(lib) {
  const report = lib.validateCreateServiceRequest({ env_id: 1 });
  const request = lib.buildCreateServiceRequest(REQUEST, { accessToken: TOKEN });
  return { ok: report.ok, errors: report.errors.map(({ path, code }) => ({ path, code })), curl: lib.toCurl(request) };
}

/** The probe, then a real createService against the package's emulator on 127.0.0.1. */
export async function probeAndCreate(lib, startEmulator) {
  const result = probe(lib);
  const emu = await startEmulator({ port: 0, host: '127.0.0.1' });
  try {
    result.created = (await lib.createService(REQUEST, { accessToken: 'emulator-token', baseUrl: emu.url })).errcode;
  } finally {
    await emu.close();
  }
  return result;
}

/** What ./slim says when used before init(): the message of its error, or null if none. */
export function beforeInit(slim) {
  try {
    slim.validateCreateServiceRequest({});
  } catch (e) {
    return e.message;
  }
  return null;
}
