// `moduleResolution: bundler` consumer: the default entry resolves to the browser build,
// whose API must equal Node's; ./slim gives init()/initSync() and the same functions;
// ./wasm is the file, typed as the compiled module ESM runtimes import it as.
import { buildCreateServiceRequest, createService, toCurl, validateCreateServiceRequest } from 'wx-cloudbase-service';
import type { CreateServiceRequest, CreateServiceResponse, HttpRequest, ValidationReport } from 'wx-cloudbase-service';
import init, * as slim from 'wx-cloudbase-service/slim';
import wasmModule from 'wx-cloudbase-service/wasm';
import type { Equal, Expect } from './usage';

type _Browser = [
  Expect<Equal<ReturnType<typeof validateCreateServiceRequest>, ValidationReport>>,
  Expect<Equal<ReturnType<typeof buildCreateServiceRequest>, HttpRequest>>,
  Expect<Equal<ReturnType<typeof createService>, Promise<CreateServiceResponse>>>,
  Expect<Equal<typeof slim.validateCreateServiceRequest, typeof validateCreateServiceRequest>>,
  Expect<Equal<typeof slim.toCurl, typeof toCurl>>,
  Expect<Equal<typeof init, typeof slim.init>>,
  Expect<Equal<ReturnType<typeof slim.init>, Promise<void>>>,
  Expect<Equal<typeof wasmModule, WebAssembly.Module>>,
];

export async function page(input: CreateServiceRequest): Promise<string> {
  await init(new URL('./wx_cloudbase_service_bg.wasm', 'https://example.invalid/'));
  await slim.init(fetch('https://example.invalid/x.wasm'));
  await slim.init(wasmModule);
  await slim.init();
  slim.initSync(new Uint8Array(8));
  slim.initSync(wasmModule);
  // @ts-expect-error initSync needs the bytes or the module (a URL would need fetching)
  slim.initSync();
  // @ts-expect-error the self-initialising entry has no init
  void (await import('wx-cloudbase-service')).init;
  const report = slim.validateCreateServiceRequest(input);
  if (!report.ok) return report.errors.map((i) => `${i.path}: ${i.message}`).join('\n');
  // @ts-expect-error env_id must be a string
  slim.buildCreateServiceRequest({ env_id: 1, service_name: 's', is_public: true }, { accessToken: 't' });
  return toCurl(buildCreateServiceRequest(input, { accessToken: 't' }));
}
