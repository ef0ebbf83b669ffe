// Handlers of the environment calls: getWxCloudBaseRunEnvs, createCloudbaseEnv, the three
// share calls and createCloudbaseMicrservice. Each runs after the shared checks of api.mjs
// (token, body, 40101, 40097) and gets a body whose declared fields are well-typed.
import { envRefusal, ok } from './rules.mjs';

/** What a mini program appid looks like; others go to err_list (an emulator choice). */
const APPID = /^wx[0-9a-f]{16}$/;
/** alias when createCloudbaseEnv is sent without one (an emulator choice). */
export const DEFAULT_ALIAS = 'env';

export function describeEnvs(_body, { cloud }) {
  return ok({ env_list: cloud.listEnvs() });
}

export function createEnv(body, { cloud }) {
  const env = cloud.createEnv({
    alias: body.alias ?? DEFAULT_ALIAS,
    vpc_id: body.vpc_id ?? undefined,
    sub_net_ids: body.sub_net_ids?.slice(0, 32) ?? undefined,
  });
  return ok({ env_id: env.env_id, tran_id: env.tran_id }, { env_id: env.env_id });
}

export function createMicroservice(body, { cloud }) {
  const refused = envRefusal(cloud, body.env_id);
  if (refused) return refused;
  cloud.authoriseMicroservices(body.env_id);
  return ok({}, { env_id: body.env_id });
}

export function getShare(body, { cloud }) {
  const relation = [];
  const errors = [];
  const shared = cloud.confirmedShares();
  for (const appid of body.appids) {
    if (APPID.test(appid)) relation.push({ appid, env_list: [...(shared.get(appid) ?? [])] });
    else errors.push({ appid, errmsg: 'invalid appid' });
  }
  return ok({ relation_data: relation, err_list: errors });
}

/** Why env cannot be shared or unshared at all (an err_list text), or null. */
function envProblem(cloud, env) {
  const refused = envRefusal(cloud, env);
  return refused ? refused.errmsg ?? 'no qbase privilege' : null;
}

export function share(body, { cloud, baseUrl }) {
  const errors = [];
  const confirmations = [];
  for (const { env, appids } of body.data) {
    const problem = envProblem(cloud, env);
    for (const appid of appids) {
      if (problem) errors.push({ env, appid, errmsg: problem });
      else if (!APPID.test(appid)) errors.push({ env, appid, errmsg: 'invalid appid' });
      else {
        const { share: s, state } = cloud.share(env, appid, baseUrl);
        if (state === 'confirmed') errors.push({ env, appid, errmsg: 'env already shared with this appid' });
        else confirmations.push({ appid, url: s.url });
      }
    }
  }
  return ok({ err_list: errors, msg_info_list: confirmations });
}

export function unshare(body, { cloud }) {
  const errors = [];
  for (const { env, appids } of body.data) {
    const problem = envProblem(cloud, env);
    for (const appid of appids) {
      if (problem) errors.push({ env, appid, errmsg: problem });
      else if (!cloud.unshare(env, appid)) errors.push({ env, appid, errmsg: 'env not shared with this appid' });
    }
  }
  return ok({ err_list: errors });
}
