// One item of getWxCloudBaseRunEnvs' env_list[], with every field family.md documents for
// it. Values past env_id, alias, status and the times are the emulator's own (stable for a
// given env id, so tests can compare two answers); each array holds one item with every
// documented sub-field, so a client's types see them all.
import { createHash } from 'node:crypto';

const REGION = 'ap-shanghai';
const APP_ID = '1250000000';

/** "2024-05-17T18:55:29+08:00": ISO 8601 in China Standard Time (an emulator choice). */
export function chinaTime(ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const hex = (text, n) => createHash('sha1').update(text).digest('hex').slice(0, n);

/**
 * @param {{ env_id: string, alias: string, source: 'miniapp'|'qcloud', status: 'NORMAL'|'UNAVAILABLE',
 *           createdMs: number, updatedMs: number, isDefault: boolean }} env
 */
export function envListItem(env) {
  const id = env.env_id;
  const bucket = `${hex(`${id}/bucket`, 4)}-${id}-${APP_ID}`.slice(0, 63);
  const created = chinaTime(env.createdMs);
  return {
    env_id: id,
    source: env.source,
    alias: env.alias,
    create_time: created,
    update_time: chinaTime(env.updatedMs),
    status: env.status,
    databases: [{ region: REGION, instance_id: `tnt-${hex(`${id}/db`, 8)}`, status: 'RUNNING' }],
    storages: [{ region: REGION, bucket, cdn_domain: `${bucket}.tcb.qcloud.la`, app_id: APP_ID }],
    functions: [{ region: REGION, namespace: id }],
    package_id: 'postpaid',
    package_name: 'pay as you go',
    log_services: [{
      region: REGION,
      logset_id: hex(`${id}/logset`, 32),
      logset_name: `tcb_logset_${id}`.slice(0, 64),
      topic_id: hex(`${id}/topic`, 32),
      topic_name: `tcb_topic_${id}`.slice(0, 64),
    }],
    static_storages: [{
      region: REGION,
      bucket: `static-${bucket}`.slice(0, 63),
      status: 'online',
      static_domain: `${id}.tcloudbaseapp.com`,
      default_dir_name: 'webroot',
    }],
    is_auto_degrade: false,
    env_channel: 'miniapp',
    pay_mode: 'postpaid',
    is_default: env.isDefault,
    region: REGION,
    tags: [{ key: 'created-by', value: 'wx-cloudbase-emulator' }],
    custom_log_services: [{
      cls_region: REGION,
      cls_logset_id: hex(`${id}/cls-logset`, 32),
      cls_topic_id: hex(`${id}/cls-topic`, 32),
      create_time: created,
    }],
  };
}
