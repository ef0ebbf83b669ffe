// Faults in how the answer travels: delay, stall, reset, oversized body, drip.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { API_PATH, TOKEN, addFaults, send, validBody, withEmulator } from './helpers.mjs';

test('delayMs: the answer comes after the delay and is the real one', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { delayMs: 300 });
    const r = await send(emu.url, { body: validBody() });
    assert.ok(r.ms >= 280, `took ${r.ms} ms`);
    assert.deepEqual(r.json, { errcode: 0, errmsg: 'ok' });
    assert.equal(emu.state().services.length, 1);
  }));

test('delayMs combined with another kind delays that answer', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { errcode: 45011, delayMs: 200 });
    const r = await send(emu.url, { body: validBody() });
    assert.ok(r.ms >= 180);
    assert.equal(r.json.errcode, 45011);
  }));

test('stallBody: headers and part of the body, then nothing; the client times out', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { stallBody: true });
    let gotHeaders = null;
    const started = Date.now();
    await assert.rejects(
      send(emu.url, { body: validBody(), timeoutMs: 400, onResponse: (res) => { gotHeaders = res.statusCode; } }),
      (err) => err.code === 'CLIENT_TIMEOUT' || /aborted/.test(err.message),
    );
    assert.ok(Date.now() - started >= 380);
    assert.equal(gotHeaders, 200);
    assert.equal(emu.state().services.length, 0);
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0, 'emulator still answers');
  }));

test('reset: the connection is reset after the request is read', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { reset: true });
    await assert.rejects(send(emu.url, { body: validBody() }), (err) =>
      err.code === 'ECONNRESET' || /socket hang up/.test(err.message));
    assert.equal(emu.state().services.length, 0);
    assert.equal(emu.state().log[0].status, null, 'no status was sent');
    assert.equal(emu.state().log[0].fault, 'reset');
  }));

test('reset with process: true: the service was created although the client saw a reset', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { reset: true, process: true });
    await assert.rejects(send(emu.url, { body: validBody() }));
    assert.equal(emu.state().services.length, 1);
    assert.equal((await send(emu.url, { body: validBody() })).json.errmsg, 'service already exists');
  }));

/** Count response bytes without keeping them; resolve { status, headers, size, head, tail }. */
function countBytes(url) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(validBody());
    const req = http.request(`${url}${API_PATH}?access_token=${TOKEN}`, { method: 'POST', agent: false }, (res) => {
      let size = 0;
      let head = '';
      let tail = '';
      res.on('data', (c) => {
        if (head.length < 64) head += c.toString('latin1').slice(0, 64 - head.length);
        tail = (tail + c.toString('latin1')).slice(-64);
        size += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size, head, tail }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('oversizedBytes 5 MB: a streamed 200 JSON body of exactly that size', () =>
  withEmulator({}, async (emu) => {
    const N = 5 * 1024 * 1024;
    await addFaults(emu, { oversizedBytes: N });
    const before = process.memoryUsage().arrayBuffers;
    const r = await countBytes(emu.url);
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), N);
    assert.equal(r.size, N);
    assert.ok(r.head.startsWith('{"errcode":0,"errmsg":"xxxx'));
    assert.ok(r.tail.endsWith('xxx"}'));
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024);
  }));

test('oversizedBytes chunked: no Content-Length, the client must count', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { oversizedBytes: 2_000_000, chunked: true });
    const r = await countBytes(emu.url);
    assert.equal(r.headers['content-length'], undefined);
    assert.equal(r.headers['transfer-encoding'], 'chunked');
    assert.equal(r.size, 2_000_000);
  }));

test('oversized: a client that gives up early does not break the emulator', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { oversizedBytes: 50 * 1024 * 1024 });
    await new Promise((resolve, reject) => {
      const req = http.request(`${emu.url}${API_PATH}?access_token=${TOKEN}`, { method: 'POST', agent: false }, (res) => {
        let size = 0;
        res.on('data', (c) => {
          size += c.length;
          if (size > 1024 * 1024) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (err) => (err.code === 'ECONNRESET' ? resolve() : reject(err)));
      req.end(JSON.stringify(validBody()));
    });
    assert.equal((await send(emu.url, { body: validBody() })).json.errcode, 0);
  }));

test('drip: the valid body arrives in small chunks at the given interval', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { drip: { chunkBytes: 5, intervalMs: 40 } });
    const arrivals = [];
    const r = await send(emu.url, {
      body: validBody(),
      onResponse: (res) => res.on('data', (c) => arrivals.push(c.length)),
    });
    assert.deepEqual(r.json, { errcode: 0, errmsg: 'ok' });
    assert.equal(arrivals.length, Math.ceil(r.bytes.length / 5));
    assert.ok(r.ms >= (arrivals.length - 1) * 40 - 20, `took ${r.ms} ms for ${arrivals.length} chunks`);
    assert.equal(emu.state().services.length, 1);
  }));

test('drip chunked: no Content-Length', () =>
  withEmulator({}, async (emu) => {
    await addFaults(emu, { drip: { chunkBytes: 10, intervalMs: 10 }, chunked: true });
    const r = await send(emu.url, { body: validBody() });
    assert.equal(r.headers['content-length'], undefined);
    assert.deepEqual(r.json, { errcode: 0, errmsg: 'ok' });
  }));
