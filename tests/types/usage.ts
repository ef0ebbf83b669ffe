// Type tests of the public API, shared by every consumer project (nodenext ESM, nodenext
// CommonJS, bundler). Checked with `tsc --noEmit --strict` and `skipLibCheck: false`; nothing
// here runs. Each `@ts-expect-error` line proves the types reject a mistake: if the types
// ever accepted it, the directive itself would be the error.
import {
  CloudbaseClient,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
} from 'wx-cloudbase-service';
import type {
  AccessTokenSource,
  CallOptions,
  CallOverrides,
  ClientOptions,
  ConfigError,
  CreateServiceRequest,
  CreateServiceResponse,
  EsInfo,
  HttpRequest,
  Issue,
  IssueCode,
  PushError,
  LogType,
  RequestView,
  ResponseView,
  TokenContext,
  TokenProvider,
  TransportError,
  TransportErrorCode,
  ValidationError,
  ValidationReport,
  VpcInfo,
  WxApiError,
  WxCloudbaseError,
} from 'wx-cloudbase-service';

export type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;

// ---- the request type --------------------------------------------------------------------
const minimal: CreateServiceRequest = { env_id: 'prod-1a2b3c4d5e6f7a8b', service_name: 'api', is_public: true };
const full: CreateServiceRequest = {
  env_id: 'prod-1a2b3c4d5e6f7a8b',
  service_name: 'api',
  is_public: false,
  image_repo: 'repo',
  remark: 'a service',
  log_type: 'es',
  es_info: { id: 1, secret_name: 's', ip: '10.0.0.1', port: 9200, index: 'logs', account: 'elastic', password: 'pw' },
  vpc_info: { vpc_id: 'vpc-12345678', subnet_ids: ['subnet-12345678'], create_type: 2 },
  public_access: 1,
};
type _Req = [
  Expect<Equal<CreateServiceRequest['env_id'], string>>,
  Expect<Equal<CreateServiceRequest['is_public'], boolean>>,
  Expect<Equal<LogType, 'es' | 'cls'>>,
  Expect<Equal<NonNullable<CreateServiceRequest['log_type']>, LogType>>,
  Expect<Equal<NonNullable<CreateServiceRequest['public_access']>, 0 | 1>>,
  Expect<Equal<NonNullable<CreateServiceRequest['es_info']>, EsInfo>>,
  Expect<Equal<NonNullable<CreateServiceRequest['vpc_info']>, VpcInfo>>,
  Expect<Equal<NonNullable<EsInfo['port']>, number>>,
];

// @ts-expect-error is_public must be a boolean
const badPublic: CreateServiceRequest = { env_id: 'e', service_name: 's', is_public: 'yes' };
// @ts-expect-error env_id must be a string
const badEnv: CreateServiceRequest = { env_id: 1, service_name: 's', is_public: true };
// @ts-expect-error service_name is required
const noName: CreateServiceRequest = { env_id: 'e', is_public: true };
// @ts-expect-error log_type is 'es' | 'cls'
const badLog: CreateServiceRequest = { ...minimal, log_type: 'x' };
// @ts-expect-error public_access is 0 | 1
const badAccess: CreateServiceRequest = { ...minimal, public_access: 5 };
// @ts-expect-error es_info.port is a number
const badPort: CreateServiceRequest = { ...minimal, es_info: { port: '9200' } };
// @ts-expect-error subnet_ids is a string array
const badSubnets: CreateServiceRequest = { ...minimal, vpc_info: { subnet_ids: 'subnet-12345678' } };
// @ts-expect-error unknown keys are rejected in a literal (WeChat's keys are snake_case)
const camel: CreateServiceRequest = { ...minimal, imageRepo: 'repo' };

// ---- functions -----------------------------------------------------------------------------
const report = validateCreateServiceRequest({ anything: 'goes' }, { strict: true });
validateCreateServiceRequest(42);
validateCreateServiceRequest(null);
type _Report = [
  Expect<Equal<typeof report, ValidationReport>>,
  Expect<Equal<ValidationReport['ok'], boolean>>,
  Expect<Equal<ValidationReport['errors'], Issue[]>>,
  Expect<Equal<Issue, { path: string; code: IssueCode; message: string }>>,
  Expect<Equal<Extract<IssueCode, 'required' | 'range' | 'unknown_field'>, 'required' | 'range' | 'unknown_field'>>,
];

const req = buildCreateServiceRequest(full, { accessToken: 't', baseUrl: 'http://127.0.0.1:8080', strict: false });
type _Build = [
  Expect<Equal<typeof req, HttpRequest>>,
  Expect<Equal<HttpRequest['method'], 'POST'>>,
  Expect<Equal<HttpRequest['url'], string>>,
  Expect<Equal<HttpRequest['body'], string>>,
];
const contentType: 'application/json' = req.headers['content-type'];
// @ts-expect-error accessToken is required to build
buildCreateServiceRequest(minimal, { baseUrl: 'https://api.weixin.qq.com' });
// @ts-expect-error the input must be a request (use validateCreateServiceRequest for unknown data)
buildCreateServiceRequest({ env_id: 'e' }, { accessToken: 't' });

const curl: string = toCurl(req);
toCurl(req, { revealSecrets: true });
toCurl(req, {});
// @ts-expect-error unknown option to toCurl
toCurl(req, { revealSecret: true });
// @ts-expect-error revealSecrets is a boolean
toCurl(req, { revealSecrets: 'yes' });

async function calls(signal: AbortSignal): Promise<void> {
  const res = await createService(minimal, { accessToken: 't' });
  type _Res = [Expect<Equal<typeof res, CreateServiceResponse>>, Expect<Equal<typeof res.errcode, 0>>];
  const errmsg: string = res.errmsg;
  const extra: unknown = res['request_id'];
  // @ts-expect-error a resolved call always has errcode 0
  if (res.errcode === 40014) return;

  const opts: CallOptions = {
    accessToken: (ctx: TokenContext) => (ctx.forceRefresh ? Promise.resolve('new') : 'old'),
    baseUrl: 'https://api.weixin.qq.com',
    timeoutMs: 15000,
    maxRetries: 2,
    strict: true,
    signal,
    onRequest: (view: RequestView) => {
      const attempt: number = view.attempt;
      const url: string = view.url;
    },
    onResponse: (view: ResponseView) => {
      const status: number | undefined = view.status;
      const errcode: number | undefined = view.errcode;
    },
  };
  await createService(full, opts);
  const provider: TokenProvider = { getToken: async ({ forceRefresh }) => (forceRefresh ? 'b' : 'a') };
  await createService(full, { accessToken: provider });
  const sources: AccessTokenSource[] = ['t', () => 't', async () => 't', provider];

  // @ts-expect-error calling without accessToken
  await createService(minimal, {});
  // @ts-expect-error calling without options
  await createService(minimal);
  // @ts-expect-error accessToken is not a number
  await createService(minimal, { accessToken: 42 });
  // @ts-expect-error a token function returns a string
  await createService(minimal, { accessToken: () => 42 });
  // @ts-expect-error timeoutMs is a number of milliseconds
  await createService(minimal, { accessToken: 't', timeoutMs: '15s' });
  // @ts-expect-error is_public must be a boolean
  await createService({ env_id: 'e', service_name: 's', is_public: 'yes' }, { accessToken: 't' });

  const client = new CloudbaseClient({ accessToken: 't', maxRetries: 0 } satisfies ClientOptions);
  const r2 = await client.createService(minimal);
  type _Client = Expect<Equal<typeof r2, CreateServiceResponse>>;
  const overrides: CallOverrides = { signal, timeoutMs: 1000, maxRetries: 1, strict: true };
  await client.createService(full, overrides);
  // @ts-expect-error the token is the client's, not a per-call override
  await client.createService(minimal, { accessToken: 'other' });
  // @ts-expect-error calling without accessToken
  new CloudbaseClient({ baseUrl: 'https://api.weixin.qq.com' });
  client.free();
}

// ---- errors and guards ---------------------------------------------------------------------
function handle(e: unknown): string {
  if (isWxApiError(e)) {
    type _W = [
      Expect<Equal<typeof e.errcode, number>>,
      Expect<Equal<typeof e.errname, string | undefined>>,
      Expect<Equal<typeof e.retryable, boolean>>,
      Expect<Equal<typeof e.code, 'WX_API'>>,
      Expect<Equal<typeof e.name, 'WxApiError'>>,
    ];
    const asError: Error = e;
    return `${e.errcode} ${e.hint} ${e.attempts} ${asError.message}`;
  }
  if (isTransportError(e)) {
    type _T = [Expect<Equal<typeof e.code, TransportErrorCode>>, Expect<Equal<typeof e.outcomeUnknown, boolean>>];
    const code: 'TIMEOUT' | 'NETWORK' | 'HTTP_STATUS' | 'BAD_RESPONSE' | 'ABORTED' = e.code;
    const status: number | undefined = e.status;
    return e.outcomeUnknown ? 'check first' : code;
  }
  if (isValidationError(e)) {
    const issues: Issue[] = e.issues;
    const warnings: Issue[] = e.warnings;
    return issues.map((i) => i.path).join();
  }
  if (isConfigError(e)) {
    const c: ConfigError = e;
    return c.issues.length ? 'config' : '';
  }
  if (isWxCloudbaseError(e)) {
    const any: WxCloudbaseError = e;
    // Discriminated by name: every branch is reachable and the union is closed.
    switch (any.name) {
      case 'ValidationError':
      case 'WxApiError':
      case 'TransportError':
      case 'ConfigError':
      case 'PushError':
        return any.code;
      default: {
        const never: never = any;
        return never;
      }
    }
  }
  // @ts-expect-error unknown has no errcode before a guard
  return e.errcode;
}
type _Errors = [
  Expect<Equal<ValidationError['code'], 'VALIDATION'>>,
  Expect<Equal<ConfigError['code'], 'CONFIG'>>,
  Expect<Equal<TransportError['code'], TransportErrorCode>>,
  Expect<Equal<WxCloudbaseError, ValidationError | WxApiError | TransportError | ConfigError | PushError>>,
];

export { badAccess, badEnv, badLog, badPort, badPublic, badSubnets, calls, camel, contentType, curl, handle, noName };
