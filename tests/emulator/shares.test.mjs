// Sharing environments: shareCloudbaseEnv answers a confirmation url per appid; the share
// takes effect once that url is opened (or at once with autoConfirmShares);
// getShareCloudbaseEnv lists confirmed shares; unshareCloudbaseEnv removes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPID, APPID_2, DISABLED_ENV, ENV, callApi, send, withEmulator } from './helpers.mjs';

const shareBody = (data) => ({ data, source_type: 1 });
const relations = async (emu, appids) => (await callApi(emu, 'getShareCloudbaseEnv', { appids, source_type: 1 })).json;

test('share → pending until its url is opened → listed by getShare → unshare', () =>
  withEmulator({}, async (emu) => {
    const s = (await callApi(emu, 'shareCloudbaseEnv', shareBody([{ env: ENV, appids: [APPID, APPID_2] }]))).json;
    assert.deepEqual(Object.keys(s), ['errcode', 'errmsg', 'err_list', 'msg_info_list']);
    assert.equal(s.errcode, 0);
    assert.deepEqual(s.err_list, []);
    assert.deepEqual(s.msg_info_list.map((m) => m.appid), [APPID, APPID_2]);
    for (const m of s.msg_info_list) assert.ok(m.url.startsWith(`${emu.url}/__emulator/share-confirm?id=`), m.url);
    assert.deepEqual(emu.state().shares.map((x) => [x.env, x.appid, x.status]), [[ENV, APPID, 'pending'], [ENV, APPID_2, 'pending']]);

    const before = await relations(emu, [APPID]);
    assert.deepEqual(before, { errcode: 0, errmsg: 'ok', relation_data: [{ appid: APPID, env_list: [] }], err_list: [] });

    const opened = await send(emu.url, { method: 'GET', path: s.msg_info_list[0].url, token: null });
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.json, { ok: true, env: ENV, appid: APPID, status: 'confirmed' });
    const after = await relations(emu, [APPID, APPID_2]);
    assert.deepEqual(after.relation_data, [{ appid: APPID, env_list: [ENV] }, { appid: APPID_2, env_list: [] }]);

    const again = (await callApi(emu, 'shareCloudbaseEnv', shareBody([{ env: ENV, appids: [APPID, APPID_2] }]))).json;
    assert.deepEqual(again.err_list, [{ env: ENV, appid: APPID, errmsg: 'env already shared with this appid' }]);
    assert.deepEqual(again.msg_info_list, [s.msg_info_list[1]], 'a pending share answers its url again');

    const u = (await callApi(emu, 'unshareCloudbaseEnv', shareBody([{ env: ENV, appids: [APPID, APPID_2, APPID] }]))).json;
    assert.deepEqual(Object.keys(u), ['errcode', 'errmsg', 'err_list']);
    assert.deepEqual(u.err_list, [{ env: ENV, appid: APPID, errmsg: 'env not shared with this appid' }]);
    assert.deepEqual(emu.state().shares, []);
    assert.deepEqual((await relations(emu, [APPID])).relation_data, [{ appid: APPID, env_list: [] }]);
  }));

test('err_list: bad appids and envs without cloud development, item by item', () =>
  withEmulator({ strictEnvs: true }, async (emu) => {
    const s = (await callApi(emu, 'shareCloudbaseEnv', shareBody([
      { env: ENV, appids: ['not-an-appid', APPID] },
      { env: DISABLED_ENV, appids: [APPID] },
      { env: 'other-0123456789abcdef', appids: [APPID_2] },
    ]))).json;
    assert.equal(s.errcode, 0);
    assert.deepEqual(s.err_list, [
      { env: ENV, appid: 'not-an-appid', errmsg: 'invalid appid' },
      { env: DISABLED_ENV, appid: APPID, errmsg: 'no qbase privilege' },
      { env: 'other-0123456789abcdef', appid: APPID_2, errmsg: 'no qbase privilege' },
    ]);
    assert.deepEqual(s.msg_info_list.map((m) => m.appid), [APPID]);
    const g = await relations(emu, ['bad', APPID]);
    assert.deepEqual(g.err_list, [{ appid: 'bad', errmsg: 'invalid appid' }]);
    assert.deepEqual(g.relation_data, [{ appid: APPID, env_list: [] }]);
  }));

test('autoConfirmShares: a share takes effect at once; confirm urls of unknown ids are 404', () =>
  withEmulator({ autoConfirmShares: true }, async (emu) => {
    const s = (await callApi(emu, 'shareCloudbaseEnv', shareBody([{ env: ENV, appids: [APPID] }]))).json;
    assert.equal(s.msg_info_list.length, 1);
    assert.deepEqual((await relations(emu, [APPID])).relation_data, [{ appid: APPID, env_list: [ENV] }]);
    const r = await send(emu.url, { method: 'GET', path: '/__emulator/share-confirm?id=nope', token: null });
    assert.equal(r.status, 404);
  }));
