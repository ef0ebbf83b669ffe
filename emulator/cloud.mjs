// The emulated cloud of one third-party platform: environments, services, versions,
// releases, shares and microservice authorisations. Records hold only checked, bounded
// values (see check.mjs storedCopy), and every collection is a bounded one.
import { randomBytes, randomInt } from 'node:crypto';
import { BoundedList, BoundedMap } from './bounded.mjs';
import { envListItem } from './env-list.mjs';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER}`;
const randomText = (alphabet, n) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

/** release_order_id values start past 2^52: over 2^31 (and 2^32), still exact in a double. */
export const FIRST_RELEASE_ORDER_ID = 2 ** 52 + 1;
const key = (...parts) => parts.join('\u0000');
const iso = (ms) => new Date(ms).toISOString();

export class Cloud {
  /**
   * @param {Readonly<Record<string, number>>} limits
   * @param {{ envs: string[], disabledEnvs: string[], strictEnvs: boolean, envReadyMs: number,
   *           autoConfirmShares: boolean }} settings  the live settings (read at each call)
   */
  constructor(limits, settings) {
    this.settings = settings;
    this.startedMs = Date.now();
    this.envs = new BoundedMap(limits.envs);
    this.services = new BoundedMap(limits.services, (svc) => this.forgetVersionsOf(svc));
    this.versions = new BoundedMap(limits.versions, (v) => this.services.get(key(v.env_id, v.server_name))?.versions.delete(v.version_name));
    this.releases = new BoundedList(limits.releases);
    this.shares = new BoundedMap(limits.shares, (s) => this.shareIds.delete(s.id));
    this.shareIds = new Map(); // confirmation id → share key
    this.microservices = new BoundedMap(limits.microservices);
    this.releaseSeq = 0;
  }

  // ----- environments -----

  /** "ok" | "disabled" | "unknown" (not known and strictEnvs) | "initialising" (created, not ready). */
  envStatus(envId) {
    const s = this.settings;
    if (s.disabledEnvs.includes(envId)) return 'disabled';
    const created = this.envs.get(envId);
    if (created) return Date.now() < created.readyMs ? 'initialising' : 'ok';
    if (s.envs.includes(envId) || !s.strictEnvs) return 'ok';
    return 'unknown';
  }

  createEnv({ alias, vpc_id, sub_net_ids }) {
    let envId;
    do envId = `${alias}-${randomText(LOWER, 16)}`;
    while (this.envs.has(envId));
    const now = Date.now();
    const env = { env_id: envId, alias, vpc_id, sub_net_ids, tran_id: `${now}${randomText('0123456789', 6)}`, createdMs: now, readyMs: now + this.settings.envReadyMs };
    this.envs.set(envId, env);
    return env;
  }

  /** env_list[] of getWxCloudBaseRunEnvs: configured envs (the first is the default), then created ones. */
  listEnvs() {
    const now = Date.now();
    const configured = this.settings.envs
      .filter((id) => !this.envs.has(id) && !this.settings.disabledEnvs.includes(id))
      .map((id, i) => envListItem({
        env_id: id, alias: id.replace(/-[a-z0-9]{16}$/, ''), source: 'miniapp', status: 'NORMAL',
        createdMs: this.startedMs, updatedMs: this.startedMs, isDefault: i === 0,
      }));
    const created = [...this.envs.values()]
      .filter((e) => !this.settings.disabledEnvs.includes(e.env_id))
      .map((e) => envListItem({
        env_id: e.env_id, alias: e.alias, source: 'miniapp', status: now < e.readyMs ? 'UNAVAILABLE' : 'NORMAL',
        createdMs: e.createdMs, updatedMs: now < e.readyMs ? e.createdMs : e.readyMs, isDefault: false,
      }));
    return [...configured, ...created];
  }

  // ----- services, versions, releases -----

  service(envId, name) {
    return this.services.get(key(envId, name)) ?? null;
  }

  addService(envId, name, body) {
    return this.services.set(key(envId, name), {
      env_id: envId, service_name: name, body, at: iso(Date.now()), released_version: null,
      versions: new Set(), seq: 0,
    });
  }

  forgetVersionsOf(svc) {
    for (const name of svc.versions) this.versions.delete(key(svc.env_id, svc.service_name, name));
    svc.versions.clear();
  }

  /** A new version of `svc`, named `<service>-001`, `-002`, … */
  addVersion(svc, body) {
    svc.seq += 1;
    const name = `${svc.service_name}-${String(svc.seq).padStart(3, '0')}`;
    const v = {
      env_id: svc.env_id, server_name: svc.service_name, version_name: name, run_id: randomText(MIXED, 14),
      upload_type: body.upload_type, body, updates: 0, at: iso(Date.now()),
    };
    svc.versions.add(name);
    return this.versions.set(key(svc.env_id, svc.service_name, name), v);
  }

  /** The version named exactly `name` of service `serverName` in `envId`, or null. */
  version(envId, serverName, name) {
    return this.versions.get(key(envId, serverName, name)) ?? null;
  }

  /**
   * The version `name` of `serverName` in `envId` ("latest" allowed: the newest). Without a
   * server name, the version of that name in any service of the env (or the env's newest).
   */
  findVersion(envId, serverName, name) {
    if (serverName !== undefined) {
      const svc = this.service(envId, serverName);
      if (!svc) return null;
      const wanted = name === 'latest' ? [...svc.versions].at(-1) : name;
      return wanted === undefined ? null : this.version(envId, serverName, wanted);
    }
    let found = null;
    for (const v of this.versions.values()) {
      if (v.env_id === envId && (name === 'latest' || v.version_name === name)) found = v;
    }
    return found;
  }

  updateVersion(v, changes) {
    Object.assign(v.body, changes);
    if (changes.upload_type !== undefined) v.upload_type = changes.upload_type;
    v.updates += 1;
    v.run_id = randomText(MIXED, 14);
    v.updated_at = iso(Date.now());
    return v;
  }

  deleteVersion(v, deleteServer) {
    const svc = this.service(v.env_id, v.server_name);
    this.versions.delete(key(v.env_id, v.server_name, v.version_name));
    svc?.versions.delete(v.version_name);
    if (svc && svc.released_version === v.version_name) svc.released_version = null;
    if (deleteServer && svc) this.services.delete(key(svc.env_id, svc.service_name));
  }

  release(svc, v) {
    this.releaseSeq += 1;
    const record = {
      env_id: svc.env_id, server_name: svc.service_name, release_version: v.version_name,
      release_order_id: FIRST_RELEASE_ORDER_ID + this.releaseSeq - 1, at: iso(Date.now()),
    };
    svc.released_version = v.version_name;
    return this.releases.push(record);
  }

  // ----- shares and microservice authorisations -----

  /** Share env with appid: { share, state: "new" | "pending" | "confirmed" (before this call) }. */
  share(env, appid, baseUrl) {
    const k = key(env, appid);
    const existing = this.shares.get(k);
    if (existing) return { share: existing, state: existing.status };
    const id = randomBytes(12).toString('hex');
    const share = { env, appid, status: 'pending', id, url: `${baseUrl}/__emulator/share-confirm?id=${id}`, at: iso(Date.now()) };
    this.shareIds.set(id, k);
    this.shares.set(k, share);
    if (this.settings.autoConfirmShares) share.status = 'confirmed';
    return { share, state: 'new' };
  }

  /** Confirm the share behind a confirmation id; the share, or null when the id is unknown. */
  confirmShare(id) {
    const share = this.shares.get(this.shareIds.get(id));
    if (!share) return null;
    share.status = 'confirmed';
    share.confirmed_at ??= iso(Date.now());
    return share;
  }

  unshare(env, appid) {
    const share = this.shares.get(key(env, appid));
    if (!share) return false;
    this.shares.delete(key(env, appid));
    this.shareIds.delete(share.id);
    return true;
  }

  /** appid → env ids shared with it and confirmed, oldest first (one pass for a whole call). */
  confirmedShares() {
    const byAppid = new Map();
    for (const s of this.shares.values()) {
      if (s.status !== 'confirmed') continue;
      if (!byAppid.has(s.appid)) byAppid.set(s.appid, []);
      byAppid.get(s.appid).push(s.env);
    }
    return byAppid;
  }

  authoriseMicroservices(envId) {
    const existing = this.microservices.get(envId);
    if (existing) {
      existing.calls += 1;
      return existing;
    }
    return this.microservices.set(envId, { env_id: envId, at: iso(Date.now()), calls: 1 });
  }

  // ----- state -----

  snapshot() {
    const now = Date.now();
    return {
      envs: [...this.envs.values()].map((e) => ({
        env_id: e.env_id, alias: e.alias, status: now < e.readyMs ? 'UNAVAILABLE' : 'NORMAL',
        ...(e.vpc_id !== undefined && { vpc_id: e.vpc_id }), ...(e.sub_net_ids !== undefined && { sub_net_ids: e.sub_net_ids }),
        at: iso(e.createdMs), ready_at: iso(e.readyMs),
      })),
      services: [...this.services.values()].map(({ versions, seq, ...pub }) => ({ ...pub, versions: [...versions] })),
      versions: [...this.versions.values()].map((v) => ({ ...v })),
      releases: [...this.releases.items],
      shares: [...this.shares.values()].map(({ id, ...pub }) => pub),
      microservices: [...this.microservices.values()].map((m) => ({ ...m })),
      forgotten: {
        envs: this.envs.forgotten, services: this.services.forgotten, versions: this.versions.forgotten,
        releases: this.releases.forgotten, shares: this.shares.forgotten, microservices: this.microservices.forgotten,
      },
    };
  }
}
