// nodenext CommonJS consumer ("type": "commonjs"): `import x = require()`, the emulator's
// require() entry (its CommonJS build), and the ESM-only ./slim through a dynamic import.
import wx = require('wx-cloudbase-service');
import emulator = require('wx-cloudbase-service/emulator');
import type { Equal, Expect } from './usage';
// ./slim is ESM-only: a static import here compiles to require(), which Node refuses
// (ERR_PACKAGE_PATH_NOT_EXPORTED), so the types must refuse it too. Use import() instead.
// @ts-expect-error no require() entry for the ESM-only ./slim
import { init as notRequirable } from 'wx-cloudbase-service/slim';

type _Same = [
  Expect<Equal<ReturnType<typeof wx.createService>, Promise<wx.CreateServiceResponse>>>,
  Expect<Equal<ReturnType<typeof wx.buildCreateServiceRequest>, wx.HttpRequest>>,
  Expect<Equal<Awaited<ReturnType<typeof emulator.startEmulator>>, emulator.Emulator>>,
];

async function main(): Promise<void> {
  const slim = await import('wx-cloudbase-service/slim');
  await slim.init();
  const emu = await emulator.startEmulator();
  const loopback: boolean = emulator.isLoopback('127.0.0.1');
  const client = new wx.CloudbaseClient({ accessToken: 'emulator-token', baseUrl: emu.url });
  const res = await client.createService({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true });
  const ok: 0 = res.errcode;
  try {
    await wx.createService({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true }, { accessToken: 'emulator-token', baseUrl: emu.url });
  } catch (e) {
    if (wx.isWxApiError(e)) {
      const errcode: number = e.errcode;
    }
  }
  // @ts-expect-error log_type is 'es' | 'cls'
  await client.createService({ env_id: 'e', service_name: 's', is_public: true, log_type: 'x' });
  await emu.close();
}

void notRequirable;
export = main;
