// nodenext ESM consumer ("type": "module"): top-level await, a namespace import, the
// emulator, and ./slim loaded from bytes (a Node server reads them from the ./wasm file).
import * as wx from 'wx-cloudbase-service';
import { createService } from 'wx-cloudbase-service';
import { isLoopback, startEmulator } from 'wx-cloudbase-service/emulator';
import type { Emulator, EmulatorStateSnapshot, FaultSpec, ServiceRecord } from 'wx-cloudbase-service/emulator';
import * as slim from 'wx-cloudbase-service/slim';
import type wasmModule from 'wx-cloudbase-service/wasm';
import type { Equal, Expect } from './usage.js';

type _Ns = [
  Expect<Equal<typeof wx.createService, typeof createService>>,
  Expect<Equal<typeof slim.createService, typeof createService>>,
  Expect<Equal<typeof wasmModule, WebAssembly.Module>>,
];

export async function loadSlim(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  slim.initSync(bytes);
  await slim.init(Promise.resolve(new Response(bytes)));
}

const emu = await startEmulator({ port: 0, tokens: ['t'], expiredTokens: [], disabledEnvs: ['nocloud-0000000000000000'], quiet: true });
type _Emu = Expect<Equal<typeof emu, Emulator>>;
const url: string = emu.url;
const port: number = emu.port;
emu.addFaults({ busy: 2 });
emu.addFaults([{ delayMs: 100 }, { errcode: 45011, errmsg: 'quota' }, { http500: true, count: 2 }, { reset: true }]);
emu.addFaults({ redirect: 307, to: 'http://127.0.0.1:1/' });
emu.configure({ strictEnvs: true, envs: ['prod-1a2b3c4d5e6f7a8b'] });
const res = await createService({ env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true }, { accessToken: 't', baseUrl: emu.url });
const state: EmulatorStateSnapshot = emu.state();
const services: ServiceRecord[] = state.services;
const name: string = services[0].service_name;
const requests: number = state.requests;
const loopback: boolean = isLoopback('127.0.0.1');
emu.reset();
await emu.close();

const fault: FaultSpec = { truncated: true, closeEarly: true };
// @ts-expect-error not a fault the emulator knows
emu.addFaults({ bogus: true });
// @ts-expect-error a redirect needs a target
emu.addFaults({ redirect: 302 });
// @ts-expect-error port is a number
await startEmulator({ port: '8080' });
// @ts-expect-error tokens are strings
emu.configure({ tokens: [1] });

export { fault, loopback, name, port, requests, res, url };
