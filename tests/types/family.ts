// Type tests of the whole family and the push receiver, shared by every consumer project like
// usage.ts. The point: a call's doc name is enough for TypeScript to infer its request and its
// answer (`Requests[C]`, `Responses[C]`), and a body of the wrong call does not compile.
import {
  CloudbaseClient,
  ComponentTokenManager,
  PushReceiver,
  buildRequest,
  decryptPush,
  describeCalls,
  encryptPush,
  isPushError,
  pushSignature,
  validateRequest,
} from 'wx-cloudbase-service';
import type {
  CallDescription,
  CallName,
  CreateEnvResponse,
  CreateVersionRequest,
  CreateVersionResponse,
  EnvItem,
  GetEnvsResponse,
  GetShareRequest,
  HttpRequest,
  PushEvent,
  ReleaseVersionResponse,
  Requests,
  Responses,
  StoredTicket,
  TicketStore,
  UpdateVersionRequest,
} from 'wx-cloudbase-service';
import type { Equal, Expect } from './usage.js';

// ---- the maps by doc name -------------------------------------------------------------------
type _Names = [
  Expect<Equal<keyof Requests, CallName>>,
  Expect<Equal<keyof Responses, CallName>>,
  Expect<Equal<Responses['getWxCloudBaseRunEnvs'], GetEnvsResponse>>,
  Expect<Equal<Requests['createCloudbaseServiceVersion'], CreateVersionRequest>>,
  Expect<Equal<Responses['releaseCloudbaseServiceVersion']['errcode'], 0>>,
  Expect<Equal<NonNullable<GetEnvsResponse['env_list']>[number], EnvItem>>,
  Expect<Equal<CallDescription['name'], CallName>>,
  Expect<Equal<CallDescription['effect'], 'reads' | 'changes'>>,
];

const version: CreateVersionRequest = {
  env_id: 'prod-1a2b3c4d5e6f7a8b',
  upload_type: 'image',
  flow_ratio: 100,
  cpu: 0.25,
  mem: 0.5,
  min_num: 0,
  max_num: 5,
  policy_type: 'cpu',
  policy_threshold: 60,
  container_port: 80,
  server_name: 'api',
  image_info: { repository_name: 'ns/api', tag_name: '1' },
};
const share: GetShareRequest = { appids: ['wx1234567890abcdef'], source_type: 1 };
// @ts-expect-error source_type is always 1
const badShare: GetShareRequest = { appids: [], source_type: 2 };
// @ts-expect-error appids is a list
const badAppids: GetShareRequest = { appids: 'wx1234567890abcdef', source_type: 1 };
// @ts-expect-error flow_ratio is a number
const badRatio: UpdateVersionRequest = { env_id: 'e', version_name: 'v', flow_ratio: '100' };

// ---- inference through the doc name ---------------------------------------------------------
async function family(client: CloudbaseClient): Promise<void> {
  const envs = await client.call('getWxCloudBaseRunEnvs', {});
  type _Envs = Expect<Equal<typeof envs, GetEnvsResponse>>;
  const firstId: string | undefined = envs.env_list?.[0]?.env_id;

  const created = await client.call('createCloudbaseServiceVersion', version);
  type _Created = Expect<Equal<typeof created, CreateVersionResponse>>;
  const released = await client.releaseCloudbaseServiceVersion({
    env_id: 'prod-1a2b3c4d5e6f7a8b',
    server_name: 'api',
    release_version: created.version_name ?? 'api-001',
  });
  type _Released = Expect<Equal<typeof released, ReleaseVersionResponse>>;
  const env = await client.createCloudbaseEnv({ alias: 'prod' });
  type _Env = Expect<Equal<typeof env, CreateEnvResponse>>;
  const list = await client.getWxCloudBaseRunEnvs({ timeoutMs: 5000 });
  type _List = Expect<Equal<typeof list, GetEnvsResponse>>;

  // @ts-expect-error a body of another call
  await client.call('getShareCloudbaseEnv', version);
  // @ts-expect-error no such call (the doc name is case-sensitive)
  await client.call('getWxCloudbaseRunEnvs', {});
  // Answers are open records (WeChat adds keys), so each answer's own fields carry the type:
  type _Own = Expect<Equal<typeof created.run_id, string | undefined>>;
  // @ts-expect-error a required field is missing
  await client.call('releaseCloudbaseServiceVersion', { env_id: 'e', server_name: 's' });

  const request = buildRequest('getShareCloudbaseEnv', share, { accessToken: 't' });
  type _Built = Expect<Equal<typeof request, HttpRequest>>;
  // @ts-expect-error buildRequest checks the body against the named call too
  buildRequest('getShareCloudbaseEnv', version, { accessToken: 't' });
  // validateRequest takes anything: it is the check for data of unknown shape.
  const report = validateRequest('createCloudbaseServiceVersion', JSON.parse('{}'));
  const ok: boolean = report.ok;
  // @ts-expect-error but only a known call name
  validateRequest('createVersion', {});

  const names: CallName[] = describeCalls().map((d) => d.name);
  const across: { fields: string[]; source: 'documented' | 'convention' }[] = describeCalls().flatMap((d) => d.crossRules);
  // @ts-expect-error a rule across fields is never "unconfirmed"
  const never: 'unconfirmed' = describeCalls()[0].crossRules[0].source;
}

// ---- the token manager and the push receiver ------------------------------------------------
const store: TicketStore = {
  get: async () => null,
  set: async (ticket: StoredTicket) => {
    const seconds: number = ticket.createTime;
  },
};
const receiver = new PushReceiver({
  token: 'token',
  encodingAesKey: 'a'.repeat(43),
  componentAppId: 'wx1234567890abcdef',
  ticketStore: store,
  onEvent: (event: PushEvent) => {
    const kind: string = event.infoType;
    const ticket: string | undefined = event.componentVerifyTicket;
  },
});
// @ts-expect-error the EncodingAESKey is required
new PushReceiver({ token: 'token', componentAppId: 'wx1234567890abcdef' });
const manager = new ComponentTokenManager({
  componentAppId: 'wx1234567890abcdef',
  componentAppSecret: 'secret',
  getVerifyTicket: () => receiver.latestTicket(),
});
const viaManager = new CloudbaseClient({ accessToken: manager });

async function push(): Promise<string> {
  const event = await receiver.handle({ query: 'timestamp=1&nonce=n&msg_signature=x', body: '<xml/>' });
  type _Event = Expect<Equal<typeof event, PushEvent>>;
  const keys = { token: 'token', encodingAesKey: 'a'.repeat(43), appId: 'wx1234567890abcdef' };
  const sealed = encryptPush(keys, { message: '<xml/>', timestamp: '1', nonce: 'n' });
  const xml: string = decryptPush(keys, sealed);
  const signature: string = pushSignature('token', '1', 'n', sealed.encrypt);
  // @ts-expect-error the signature's parts are strings
  pushSignature('token', 1, 'n', sealed.encrypt);
  try {
    return await manager.getToken();
  } catch (e) {
    if (isPushError(e)) {
      type _Reason = Expect<Equal<typeof e.reason, 'signature' | 'appid' | 'decrypt' | 'format' | 'config'>>;
    }
    throw e;
  }
}

export { badAppids, badRatio, badShare, family, push, viaManager, xmlOf };
function xmlOf(event: PushEvent): Record<string, string> {
  return event.fields;
}
