// `moduleResolution: bundler` consumer: the default entry resolves to the browser build,
// whose API must equal Node's; the ./web subpath gives the explicit init().
import { buildCreateServiceRequest, createService, toCurl, validateCreateServiceRequest } from 'wx-cloudbase-service';
import type { CreateServiceRequest, CreateServiceResponse, HttpRequest, ValidationReport } from 'wx-cloudbase-service';
import init, * as web from 'wx-cloudbase-service/web';
import type { Equal, Expect } from './usage';

type _Browser = [
  Expect<Equal<ReturnType<typeof validateCreateServiceRequest>, ValidationReport>>,
  Expect<Equal<ReturnType<typeof buildCreateServiceRequest>, HttpRequest>>,
  Expect<Equal<ReturnType<typeof createService>, Promise<CreateServiceResponse>>>,
  Expect<Equal<typeof web.validateCreateServiceRequest, typeof validateCreateServiceRequest>>,
  Expect<Equal<typeof web.toCurl, typeof toCurl>>,
];

export async function page(input: CreateServiceRequest): Promise<string> {
  await init({ module_or_path: new URL('./wx_cloudbase_service_bg.wasm', 'https://example.invalid/') });
  const report = web.validateCreateServiceRequest(input);
  if (!report.ok) return report.errors.map((i) => `${i.path}: ${i.message}`).join('\n');
  // @ts-expect-error env_id must be a string
  web.buildCreateServiceRequest({ env_id: 1, service_name: 's', is_public: true }, { accessToken: 't' });
  return toCurl(buildCreateServiceRequest(input, { accessToken: 't' }));
}
