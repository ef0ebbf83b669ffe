// The authorisation event URL of a third-party platform, with node:http: WeChat pushes a
// component_verify_ticket every 10 minutes; the receiver verifies, decrypts and keeps it, and
// the token manager uses the latest one for each component_access_token.
//
//   WX_PUSH_TOKEN=… WX_PUSH_AES_KEY=… WX_COMPONENT_APPID=… WX_COMPONENT_APPSECRET=… node push-server.mjs
//
// Offline, point it at the bundled emulator (WX_BASE_URL) and let the emulator push: see the
// package README ("Tickets and the push receiver").
import http from 'node:http';
import { CloudbaseClient, ComponentTokenManager, PushReceiver, nodePushHandler } from 'wx-cloudbase-service';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

let firstTicket = true;
const receiver = new PushReceiver({
  token: env('WX_PUSH_TOKEN'),
  encodingAesKey: env('WX_PUSH_AES_KEY'),
  componentAppId: env('WX_COMPONENT_APPID'),
  // The event's ticket and codes are hidden from console.log and util.inspect anyway.
  onEvent: async (event) => {
    console.log(`push-server: ${event.infoType} for ${event.appId}`);
    if (event.infoType !== 'component_verify_ticket' || !firstTicket) return;
    firstTicket = false;
    // The first ticket makes the token manager work: one call shows the whole chain.
    const { env_list = [] } = await client.getWxCloudBaseRunEnvs();
    console.log(`push-server: a call with the token that ticket got: ${env_list.length} environments`);
  },
});

const manager = new ComponentTokenManager({
  componentAppId: env('WX_COMPONENT_APPID'),
  componentAppSecret: env('WX_COMPONENT_APPSECRET'),
  getVerifyTicket: () => receiver.latestTicket(),
  baseUrl: process.env.WX_BASE_URL,
});
export const client = new CloudbaseClient({ accessToken: manager, baseUrl: process.env.WX_BASE_URL });

const push = nodePushHandler(receiver);
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url?.startsWith('/wechat/auth-events')) return push(req, res);
  res.statusCode = 404;
  res.end();
});
server.listen(Number(env('PORT', '8080')), env('HOST', '127.0.0.1'), () => {
  const { port } = server.address();
  console.log(`push-server: listening on http://127.0.0.1:${port}/wechat/auth-events`);
});
