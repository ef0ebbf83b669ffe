// Jest (CommonJS, its default node environment, no configuration): require() of the package
// and of its emulator. The probe of apps/shared/probe.js, written out here because Jest
// cannot require an ES module.
const { writeFileSync } = require('node:fs');
const lib = require('wx-cloudbase-service');
const { startEmulator } = require('wx-cloudbase-service/emulator');

test('the package works under Jest', async () => {
  const report = lib.validateCreateServiceRequest({ env_id: 1 });
  const request = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true };
  const curl = lib.toCurl(lib.buildCreateServiceRequest(request, { accessToken: 'bundler-test-token-0123456789' }));
  const emu = await startEmulator({ port: 0 });
  let created;
  try {
    created = (await lib.createService(request, { accessToken: 'emulator-token', baseUrl: emu.url })).errcode;
  } finally {
    await emu.close();
  }
  const result = { ok: report.ok, errors: report.errors.map(({ path, code }) => ({ path, code })), curl, created };
  writeFileSync(process.env.BUNDLER_RESULT, JSON.stringify(result));
  expect(report.ok).toBe(false);
});
