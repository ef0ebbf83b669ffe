// Type-checked (tsc --strict, nodenext) by scripts/test-token.sh against the installed
// package: the manager is an `accessToken`, its options and store are typed.
import {
  CloudbaseClient,
  ComponentTokenManager,
  createService,
  type ComponentTokenManagerOptions,
  type StoredToken,
  type TokenStore,
} from 'wx-cloudbase-service';

const map = new Map<string, StoredToken>();
const store: TokenStore = {
  get: async () => map.get('token'),
  set: async (token) => {
    map.set('token', token);
  },
};
const syncStore: TokenStore = { get: () => null, set: () => {} };

const options: ComponentTokenManagerOptions = {
  componentAppId: 'wx123',
  componentAppSecret: 'secret',
  getVerifyTicket: async () => 'ticket',
  store,
  onStoreError: (e) => console.error(e.code, e.issues[0]?.path),
  refreshMarginSeconds: 600,
  baseUrl: 'https://api.weixin.qq.com',
  timeoutMs: 10_000,
  maxRetries: 2,
};
const manager = new ComponentTokenManager(options);
new ComponentTokenManager({ componentAppId: 'a', componentAppSecret: 'b', getVerifyTicket: () => 't', store: syncStore });

export async function use(): Promise<string> {
  const token: string = await manager.getToken();
  await manager.getToken({ forceRefresh: true, failedToken: token });
  const client = new CloudbaseClient({ accessToken: manager });
  await client.createService({ env_id: 'e', service_name: 's', is_public: true });
  const res = await createService({ env_id: 'e', service_name: 's', is_public: true }, { accessToken: manager });
  return res.errmsg;
}

// @ts-expect-error getVerifyTicket is required
new ComponentTokenManager({ componentAppId: 'a', componentAppSecret: 'b' });
// @ts-expect-error expiresAt is a number of ms since the epoch
const bad: StoredToken = { accessToken: 't', expiresAt: '2024-01-01' };
// @ts-expect-error a store needs set
const half: TokenStore = { get: () => null };
void bad;
void half;
