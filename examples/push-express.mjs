// The authorisation event URL of a third-party platform, with Express: WeChat pushes a
// component_verify_ticket every 10 minutes; the receiver verifies, decrypts and keeps it, and
// the token manager uses the latest one for each component_access_token.
//
//   npm install wx-cloudbase-service express
//   WX_PUSH_TOKEN=… WX_PUSH_AES_KEY=… WX_COMPONENT_APPID=… WX_COMPONENT_APPSECRET=… node push-express.mjs
//
// Offline, point it at the bundled emulator (WX_BASE_URL) and let the emulator push: see the
// package README ("Tickets and the push receiver").
import express from 'express';
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
  onEvent: async (event) => {
    console.log(`push-express: ${event.infoType} for ${event.appId}`);
    if (event.infoType !== 'component_verify_ticket' || !firstTicket) return;
    firstTicket = false;
    const { env_list = [] } = await client.getWxCloudBaseRunEnvs();
    console.log(`push-express: a call with the token that ticket got: ${env_list.length} environments`);
  },
});

const manager = new ComponentTokenManager({
  componentAppId: env('WX_COMPONENT_APPID'),
  componentAppSecret: env('WX_COMPONENT_APPSECRET'),
  getVerifyTicket: () => receiver.latestTicket(),
  baseUrl: process.env.WX_BASE_URL,
});
const client = new CloudbaseClient({ accessToken: manager, baseUrl: process.env.WX_BASE_URL });

const app = express();
// The handler reads the raw body itself; express.raw() in front of it works too (a Buffer),
// as does express.text() for XML. A JSON or urlencoded parser never matches WeChat's XML.
app.post('/wechat/auth-events', express.raw({ type: () => true, limit: '64kb' }), nodePushHandler(receiver));

const server = app.listen(Number(env('PORT', '8080')), env('HOST', '127.0.0.1'), () => {
  const { port } = server.address();
  console.log(`push-express: listening on http://127.0.0.1:${port}/wechat/auth-events`);
});
