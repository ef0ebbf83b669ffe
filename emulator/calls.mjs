// The eleven componenttcb calls of family.md: doc name, path, request fields, handler.
// No list or detail call for services or versions exists on the wire, so none is here:
// the emulator's own state (GET /__emulator/state) shows them instead.
import { createEnv, createMicroservice, describeEnvs, getShare, share, unshare } from './env-calls.mjs';
import * as F from './fields.mjs';
import { createService, createVersion, deleteVersion, releaseVersion, updateVersion } from './service-calls.mjs';

export const API_PREFIX = '/componenttcb/';

const call = (name, path, fields, handle) => Object.freeze({ name, path: API_PREFIX + path, fields, handle });

export const CALLS = Object.freeze([
  call('getWxCloudBaseRunEnvs', 'describecloudbaserunenvs', F.DESCRIBE_ENVS, describeEnvs),
  call('createCloudbaseEnv', 'createcloudbaserunenv', F.CREATE_ENV, createEnv),
  call('getShareCloudbaseEnv', 'batchgetenvid', F.GET_SHARE, getShare),
  call('shareCloudbaseEnv', 'batchshareenv', F.SHARE, share),
  call('unshareCloudbaseEnv', 'batchunshareenv', F.SHARE, unshare),
  call('createCloudbaseService', 'establishcloudbaserunserver', F.CREATE_SERVICE, createService),
  call('createCloudbaseServiceVersion', 'createcloudbaserunserverversion', F.CREATE_VERSION, createVersion),
  call('updateCloudbaseServiceVersion', 'rollupdatecloudbaserunserverversion', F.UPDATE_VERSION, updateVersion),
  call('deleteCloudbaseServiceVersion', 'deletecloudbaserunserverversion', F.DELETE_VERSION, deleteVersion),
  call('releaseCloudbaseServiceVersion', 'releasecloudbaserunversion', F.RELEASE_VERSION, releaseVersion),
  call('createCloudbaseMicrservice', 'createcloudbaserunresauth', F.CREATE_MICROSERVICE, createMicroservice),
]);

const BY_PATH = new Map(CALLS.map((c) => [c.path, c]));
const BY_NAME = new Map(CALLS.flatMap((c) => [[c.name, c], [c.path, c], [c.path.slice(API_PREFIX.length), c]]));

/** The call served at this URL path, or null. */
export const callAtPath = (pathname) => BY_PATH.get(pathname) ?? null;

/** The call named by its doc name, its path, or its path without /componenttcb/; or null. */
export const callNamed = (name) => (typeof name === 'string' ? BY_NAME.get(name) ?? null : null);
