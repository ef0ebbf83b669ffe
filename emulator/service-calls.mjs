// Handlers of the service calls: createCloudbaseService and the four version calls. Each
// runs after the shared checks of api.mjs (token, body, 40101, 40097), then checks state in
// this order: env (85088 / not ready), service, version, the call's own rule.
import { storedCopy } from './check.mjs';
import { CREATE_SERVICE, CREATE_VERSION, UPDATE_VERSION } from './fields.mjs';
import { envRefusal, fail, ok } from './rules.mjs';

// Emulator choices (no WeChat page documents these answers): see README.
const SERVICE_EXISTS = 'service already exists';
const NO_SERVICE = 'service not found';
const NO_VERSION = 'version not found';
const OTHER_VERSIONS = 'service has other versions';

/** The service a call names, or the outcome that refuses it (env first, then the service). */
function serviceOf(cloud, envId, serverName, ids) {
  const refused = envRefusal(cloud, envId, ids);
  if (refused) return { refused };
  const svc = cloud.service(envId, serverName);
  return svc ? { svc } : { refused: fail(40097, 'unknown service', NO_SERVICE, ids) };
}

export function createService(body, { cloud }) {
  const ids = { env_id: body.env_id, service_name: body.service_name };
  const refused = envRefusal(cloud, body.env_id, ids);
  if (refused) return refused;
  if (cloud.service(body.env_id, body.service_name)) return fail(40097, 'duplicate service', SERVICE_EXISTS, ids);
  cloud.addService(body.env_id, body.service_name, storedCopy(body, CREATE_SERVICE));
  return ok({}, ids);
}

export function createVersion(body, { cloud }) {
  const ids = { env_id: body.env_id, service_name: body.server_name };
  const { svc, refused } = serviceOf(cloud, body.env_id, body.server_name, ids);
  if (refused) return refused;
  const v = cloud.addVersion(svc, storedCopy(body, CREATE_VERSION));
  return ok({ result: 'succ', version_name: v.version_name, run_id: v.run_id }, { ...ids, version_name: v.version_name });
}

export function updateVersion(body, { cloud }) {
  const server = body.server_name ?? undefined;
  const ids = { env_id: body.env_id, service_name: server, version_name: body.version_name };
  if (server !== undefined) {
    const { refused } = serviceOf(cloud, body.env_id, server, ids);
    if (refused) return refused;
  } else {
    const refused = envRefusal(cloud, body.env_id, ids);
    if (refused) return refused;
  }
  const v = cloud.findVersion(body.env_id, server, body.version_name);
  if (!v) return fail(40097, 'unknown version', NO_VERSION, ids);
  const { env_id, version_name, server_name, ...changes } = storedCopy(body, UPDATE_VERSION);
  cloud.updateVersion(v, changes);
  return ok({ result: 'succ', run_id: v.run_id }, { env_id: v.env_id, service_name: v.server_name, version_name: v.version_name });
}

/** The version a call names exactly ("latest" is only update's), or the refusing outcome. */
function versionOf(cloud, body, versionName) {
  const ids = { env_id: body.env_id, service_name: body.server_name, version_name: versionName };
  const { svc, refused } = serviceOf(cloud, body.env_id, body.server_name, ids);
  if (refused) return { refused };
  const v = cloud.version(body.env_id, body.server_name, versionName);
  return v ? { svc, v, ids } : { refused: fail(40097, 'unknown version', NO_VERSION, ids) };
}

export function deleteVersion(body, { cloud }) {
  // Documented: is_delete_image only together with is_delete_server (a body rule: 40097).
  if (body.is_delete_image === true && body.is_delete_server !== true) return fail(40097, 'is_delete_image');
  const { svc, v, ids, refused } = versionOf(cloud, body, body.version_name);
  if (refused) return refused;
  const deleteServer = body.is_delete_server === true;
  // Documented: is_delete_server only when this is the service's last version.
  if (deleteServer && svc.versions.size > 1) return fail(40097, 'is_delete_server', OTHER_VERSIONS, ids);
  cloud.deleteVersion(v, deleteServer);
  return ok({ result: 'succ' }, ids);
}

export function releaseVersion(body, { cloud }) {
  const { svc, v, ids, refused } = versionOf(cloud, body, body.release_version);
  if (refused) return refused;
  const release = cloud.release(svc, v);
  return ok({ result: 'success', release_order_id: release.release_order_id }, ids);
}
