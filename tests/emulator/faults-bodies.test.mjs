// Answer bodies a client must survive: compression bombs (small on the wire, huge once
// decoded, streamed by the emulator without building the decoded body) and raw JSON text
// in a success answer (integers past 2^53, "__proto__" keys).
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { PATHS, TOKEN, callApi, minimalBody, withEmulator } from './helpers.mjs';

const MiB = 1024 * 1024;
const DECODERS = { gzip: () => zlib.createGunzip(), br: () => zlib.createBrotliDecompress(), deflate: () => zlib.createInflate() };

/** POST a call and decode its answer as a stream: { status, headers, wire, decoded, head, tail }. */
function decodeAnswer(url, encoding, { stopAfter = Infinity } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${PATHS.getWxCloudBaseRunEnvs}?access_token=${TOKEN}`, { method: 'POST', agent: false }, (res) => {
      const out = { status: res.statusCode, headers: res.headers, wire: 0, decoded: 0, head: '', tail: '' };
      const decoder = DECODERS[encoding]();
      res.on('data', (c) => { out.wire += c.length; });
      res.pipe(decoder);
      decoder.on('data', (c) => {
        if (out.head.length < 40) out.head += c.toString('latin1', 0, 40);
        out.tail = (out.tail + c.toString('latin1', Math.max(0, c.length - 40))).slice(-40);
        out.decoded += c.length;
        if (out.decoded > stopAfter) {
          req.destroy();
          resolve(out);
        }
      });
      decoder.on('end', () => resolve(out));
      decoder.on('error', reject);
    });
    req.on('error', (err) => (stopAfter < Infinity ? resolve(null) : reject(err)));
    req.end('{}');
  });
}

test('compressed: gzip, br and deflate bombs decode to exactly decodedBytes of JSON-looking text', () =>
  withEmulator({}, async (emu) => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const N = 64 * MiB;
      emu.addFaults({ compressed: encoding, decodedBytes: N });
      const before = process.memoryUsage();
      const r = await decodeAnswer(emu.url, encoding);
      assert.equal(r.status, 200, encoding);
      assert.equal(r.headers['content-encoding'], encoding);
      assert.match(r.headers['content-type'], /^application\/json/);
      assert.equal(r.headers['content-length'], undefined, 'streamed: no declared length');
      assert.equal(r.decoded, N, encoding);
      assert.ok(r.wire < N / 100, `${encoding}: ${r.wire} bytes on the wire`);
      assert.ok(r.head.startsWith('{"errcode":0,"errmsg":"xxx'), r.head);
      assert.ok(r.tail.endsWith('xxx"}'), r.tail);
      const grew = process.memoryUsage().arrayBuffers - before.arrayBuffers;
      assert.ok(grew < 32 * MiB, `${encoding}: buffers grew ${grew} bytes`);
    }
    assert.deepEqual(emu.state().log.map((e) => e.fault), ['compressed', 'compressed', 'compressed']);
  }));

test('compressed with status 502, and a client that gives up early leaves the emulator working', () =>
  withEmulator({}, async (emu) => {
    emu.addFaults([{ compressed: 'gzip', decodedBytes: 1000, status: 502 }, { compressed: 'br', decodedBytes: 1024 * MiB }]);
    const bad = await decodeAnswer(emu.url, 'gzip');
    assert.deepEqual([bad.status, bad.decoded], [502, 1000]);
    await decodeAnswer(emu.url, 'br', { stopAfter: 2 * MiB });
    assert.equal((await callApi(emu, 'getWxCloudBaseRunEnvs', {})).json.errcode, 0);
    for (const spec of [{ compressed: 'zip', decodedBytes: 100 }, { compressed: 'gzip' }, { compressed: 'gzip', decodedBytes: 100, status: 500 }]) {
      assert.throws(() => emu.addFaults(spec), JSON.stringify(spec));
    }
  }));

test('rawSuccess: the text is answered byte for byte (big integers, __proto__), logged with its errcode', () =>
  withEmulator({}, async (emu) => {
    const texts = [
      '{"errcode":0,"errmsg":"ok","request_id":9007199254740993}',
      '{"errcode":0,"errmsg":"ok","result":"success","release_order_id":18446744073709551615}',
      '{"__proto__":{"x":1},"errcode":0,"errmsg":"ok"}',
    ];
    emu.addFaults(texts.map((rawSuccess) => ({ rawSuccess, call: 'releaseCloudbaseServiceVersion' })));
    for (const text of texts) {
      const r = await callApi(emu, 'releaseCloudbaseServiceVersion', minimalBody.releaseCloudbaseServiceVersion());
      assert.equal(r.status, 200);
      assert.match(r.headers['content-type'], /^application\/json/);
      assert.equal(r.text, text);
    }
    const st = emu.state();
    assert.deepEqual(st.log.map((e) => e.errcode), [0, 0, 0]);
    assert.deepEqual(st.releases, [], 'not processed by default');
    assert.equal(({}).x, undefined);
    for (const spec of [{ rawSuccess: '' }, { rawSuccess: 5 }, { rawSuccess: 'x'.repeat(64 * 1024 + 1) }]) {
      assert.throws(() => emu.addFaults(spec));
    }
  }));
