// Faults that change what is answered: busy, errcode injection, odd JSON shapes,
// HTTP error pages, truncation and redirects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addFaults, control, send, validBody, withEmulator } from './helpers.mjs';

test('busy N: errcode -1 "system busy" N times, nothing recorded, then success', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { busy: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await send(emu.url, { body: validBody() });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { errcode: -1, errmsg: 'system busy' });
    }
    assert.equal(emu.state().services.length, 0);
    assert.deepEqual((await send(emu.url, { body: validBody() })).json, { errcode: 0, errmsg: 'ok' });
    const st = emu.state();
    assert.equal(st.services.length, 1);
    assert.deepEqual(st.byErrcode, { '-1': 2, 0: 1 });
    assert.deepEqual(st.log.map((e) => e.fault ?? null), ['busy', 'busy', null]);
    assert.equal(st.faults.consumed, 2);
  }));

test('busy with process: true records the service but still answers -1', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { busy: true, process: true });
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, -1);
    assert.equal(emu.state().services.length, 1);
    assert.equal(emu.state().log[0].processedErrcode, 0);
    assert.equal((await send(emu.url, { body: validBody() })).json.errmsg, 'service already exists');
  }));

test('errcode injection: 40001, 45009, 45011, -1000 with CloudBase text and extra keys', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, [
      { errcode: 40001 },
      { errcode: 45009 },
      { errcode: 45011 },
      { errcode: -1000, errmsg: 'ResourceNotFound: 环境不存在', extra: { request_id: 'r-1' } },
    ]);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await send(emu.url, { body: validBody() })).json);
    assert.deepEqual(seen.map((j) => j.errcode), [40001, 45009, 45011, -1000]);
    assert.equal(seen[0].errmsg, 'invalid credential, access_token is invalid or not latest');
    assert.deepEqual(seen[3], { errcode: -1000, errmsg: 'ResourceNotFound: 环境不存在', request_id: 'r-1' });
    assert.equal(emu.state().services.length, 0);
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  }));

test('faults apply regardless of method or token (they stand for the server failing)', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { busy: 2 });
    assert.equal((await send(emu.url, { method: 'GET' })).json.errcode, -1);
    assert.equal((await send(emu.url, { token: null })).json.errcode, -1);
    assert.equal((await send(emu.url, { token: null })).json.errcode, 41001);
  }));

test('errcodeAsString: the real answer with errcode as a string', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { errcodeAsString: true, count: 2 });
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.text, '{"errcode":"0","errmsg":"ok"}');
    assert.deepEqual((await send(emu.url, { token: 'bad', body: validBody() })).json, { errcode: '40014', errmsg: 'invalid access_token' });
    assert.equal(emu.state().services.length, 1, 'processed by default');
  }));

test('missingErrcode: the real answer without errcode', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { missingErrcode: true });
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.status, 200);
    assert.equal(r.text, '{"errmsg":"ok"}');
    assert.equal(emu.state().log[0].errcode, null);
  }));

test('http500: status 500 with an HTML page', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { http500: true });
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.status, 500);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.match(r.text, /<html>[\s\S]*500 Internal Server Error[\s\S]*<\/html>/);
    assert.equal(emu.state().services.length, 0);
    assert.equal(emu.state().log[0].status, 500);
  }));

test('status 502 with a 1 MB HTML body, then 503 with the default page', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, [{ status: 502, bodyBytes: 1_000_000 }, { status: 503 }]);
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.status, 502);
    assert.equal(r.bytes.length, 1_000_000);
    assert.equal(Number(r.headers['content-length']), 1_000_000);
    assert.match(r.text.slice(0, 200), /502 Bad Gateway/);
    assert.match(r.text.slice(-30), /<\/html>\r\n$/);
    const r2 = await send(emu.url, { body: validBody() });
    assert.equal(r2.status, 503);
    assert.match(r2.text, /503/);
  }));

test('truncated: a complete HTTP 200 whose JSON body is cut', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { truncated: true });
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.status, 200);
    assert.equal(r.text, '{"errcode":0,"errm');
    assert.throws(() => JSON.parse(r.text));
    assert.equal(emu.state().services.length, 0);
  }));

test('truncated closeEarly: the connection drops mid-body', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { truncated: true, closeEarly: true });
    await assert.rejects(send(emu.url, { body: validBody() }), (err) =>
      ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes(err.code) || /aborted|hang up/.test(err.message));
  }));

test('redirect 307: Location points at the other port', () =>
  withEmulator({}, async (emu) => {
    await withEmulator({}, async (other) => {
      const to = `${other.url}/componenttcb/establishcloudbaserunserver`;
      await addFaults(emu, { redirect: 307, to });
      const r = await send(emu.url, { body: validBody() });
      assert.equal(r.status, 307);
      assert.equal(r.headers.location, to);
      assert.notEqual(new URL(r.headers.location).port, String(emu.port));
      assert.equal(new URL(r.headers.location).port, String(other.port));
      assert.equal(emu.state().services.length, 0);
    });
  }));

test('faults are FIFO, one per call, counts honoured; control endpoints do not consume them', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, [{ errcode: 45011, count: 2 }, { busy: 1 }]);
    await addFaults(emu, { errcode: 40001 });
    assert.equal((await control(emu, 'GET', 'state')).json.faults.pending.length, 3);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await send(emu.url, { body: validBody({ service_name: `s${i}` }) })).json.errcode);
    assert.deepEqual(codes, [45011, 45011, -1, 40001, 0]);
    assert.equal(emu.state().faults.pending.length, 0);
  }));

test('DELETE /__emulator/faults clears pending faults', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { busy: 5 });
    const del = await control(emu, 'DELETE', 'faults');
    assert.equal(del.status, 200);
    assert.deepEqual(del.json.pending, []);
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  }));

test('bad fault specs answer 400 and queue nothing', () =>
  withEmulator({}, async (emu) => {
    const bad = [
      {}, { nope: true }, { busy: 0 }, { busy: 1, reset: true }, { status: 200 }, { redirect: 307 },
      { redirect: 200, to: 'http://127.0.0.1:1/' }, { oversizedBytes: 3 }, { drip: { chunkBytes: 0 } },
      { errcode: 1.5 }, { errcode: 1, extra: { errcode: 2 } }, { busy: 1, count: 0 }, { reset: true, process: 'yes' },
      [], [{ busy: 1 }, { bogus: 1 }],
    ];
    for (const spec of bad) {
      const r = await control(emu, 'POST', 'faults', spec);
      assert.equal(r.status, 400, JSON.stringify(spec));
      assert.equal(typeof r.json.error, 'string');
    }
    assert.equal(emu.state().faults.pending.length, 0);
  }));

test('concurrent calls consume each queued fault exactly once', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, [{ busy: 5 }, { errcode: 45011, count: 5 }]);
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => send(emu.url, { body: validBody({ service_name: `s${i}` }) })),
    );
    const count = (code) => answers.filter((r) => r.json.errcode === code).length;
    assert.deepEqual([count(-1), count(45011), count(0)], [5, 5, 5]);
    assert.equal(emu.state().faults.consumed, 10);
    assert.equal(emu.state().services.length, 5);
  }));
