// Every documented errcode becomes the right WxApiError. Codes a valid client request cannot
// provoke (the client validates first and always sends a token, POST and a JSON body) are
// injected with the emulator's `errcode` fault.
import assert from 'node:assert/strict';
import test from 'node:test';
import util from 'node:util';
import { CloudbaseClient, createService, isConfigError, isWxApiError, isWxCloudbaseError } from 'wx-cloudbase-service';
import {
  DISABLED_ENV,
  EXPIRED_TOKEN,
  TOKEN,
  UNKNOWN_TOKEN,
  assertHooksClean,
  assertNoSecrets,
  assertPackageError,
  recordingHooks,
  rejection,
  requestsSeen,
  svc,
  withEmu,
} from './helpers.mjs';

/** errcode → [errname, retryable], from the package's catalog (the names are the contract). */
const CATALOG = {
  [-1]: ['system_busy', true],
  [-1000]: ['system_error', false],
  40001: ['invalid_credential', false],
  40014: ['invalid_access_token', false],
  40097: ['invalid_args', false],
  40101: ['missing_parameter', false],
  41001: ['access_token_missing', false],
  42001: ['access_token_expired', false],
  43002: ['require_post_method', false],
  44002: ['empty_post_data', false],
  45009: ['daily_quota_reached', false],
  45011: ['minute_quota_reached', true],
  47001: ['data_format_error', false],
  85088: ['no_qbase_privilege', false],
};

function assertWxApiError(e, errcode, { attempts = 1 } = {}) {
  assertPackageError(e, 'WxApiError', 'WX_API');
  assert.ok(isWxApiError(e) && isWxCloudbaseError(e), 'guards');
  assert.equal(e.errcode, errcode, util.inspect(e));
  assert.equal(typeof e.errmsg, 'string');
  assert.ok(e.errmsg.length > 0, 'errmsg is empty');
  const [errname, retryable] = CATALOG[errcode];
  assert.equal(e.errname, errname, `errname of ${errcode}`);
  assert.equal(typeof e.hint, 'string');
  assert.ok(e.hint.trim().length > 0, 'hint is empty');
  assert.equal(e.retryable, retryable, `retryable of ${errcode}`);
  assert.equal(e.attempts, attempts, 'attempts');
  assert.ok(e.message.includes(String(errcode)), `message names the errcode: ${e.message}`);
  assertNoSecrets(e, `WxApiError ${errcode}`);
}

test('40014: a token WeChat does not know (plain string: no refresh, 1 request)', async () => {
  await withEmu(async (emu) => {
    const hooks = recordingHooks();
    const e = await rejection(() => createService(svc(), { accessToken: UNKNOWN_TOKEN, baseUrl: emu.url, ...hooks }));
    assertWxApiError(e, 40014);
    assert.equal(requestsSeen(emu), 1);
    assert.equal(emu.state().log[0].token, 'unknown');
    assert.equal(emu.state().services.length, 0);
    assertHooksClean(hooks);
  });
});

test('42001: an expired token (plain string: no refresh, 1 request)', async () => {
  await withEmu(async (emu) => {
    const hooks = recordingHooks();
    const e = await rejection(() => createService(svc(), { accessToken: EXPIRED_TOKEN, baseUrl: emu.url, ...hooks }));
    assertWxApiError(e, 42001);
    assert.equal(requestsSeen(emu), 1);
    assert.equal(emu.state().log[0].token, 'expired');
    assertHooksClean(hooks);
  });
});

test('41001 cannot happen: an empty, missing or blank token is a ConfigError and nothing is sent', async () => {
  await withEmu(async (emu) => {
    for (const accessToken of ['', undefined, null, '   ']) {
      const opts = { baseUrl: emu.url };
      if (accessToken !== undefined) opts.accessToken = accessToken;
      const e = await rejection(() => createService(svc(), opts));
      assertPackageError(e, 'ConfigError', 'CONFIG');
      assert.ok(isConfigError(e), util.inspect(e));
      assert.ok(e.issues.some((i) => i.path === 'accessToken'), util.inspect(e.issues));
      assert.throws(() => new CloudbaseClient(opts), (err) => isConfigError(err) && err.issues.some((i) => i.path === 'accessToken'));
    }
    assert.equal(requestsSeen(emu), 0, 'nothing was sent');
  });
});

test('85088: an env without cloud development', async () => {
  await withEmu(async (emu) => {
    const e = await rejection(() => createService(svc({ env_id: DISABLED_ENV }), { accessToken: TOKEN, baseUrl: emu.url }));
    assertWxApiError(e, 85088);
    assert.equal(requestsSeen(emu), 1);
    assert.equal(emu.state().services.length, 0);
  });
});

// Injected: the emulator answers these whatever the request is.
for (const errcode of [40097, 40101, 44002, 47001, 43002, 41001, -1000, 45009]) {
  test(`${errcode} (injected) is a WxApiError, not retried`, async () => {
    await withEmu(async (emu) => {
      emu.addFaults({ errcode });
      const hooks = recordingHooks();
      const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, ...hooks }));
      assertWxApiError(e, errcode);
      assert.equal(requestsSeen(emu), 1, 'exactly one request');
      assert.equal(hooks.requests.length, 1);
      assert.equal(hooks.responses.length, 1);
      assert.equal(hooks.responses[0].errcode, errcode);
      assertHooksClean(hooks);
    });
  });
}

test('40001 (injected) with a plain string token: WxApiError, 1 request', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 40001 });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    assertWxApiError(e, 40001);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('45009 (daily quota): no retry even with retries allowed', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45009, count: 5 });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, maxRetries: 5 }));
    assertWxApiError(e, 45009);
    assert.equal(requestsSeen(emu), 1);
  });
});

/**
 * Runs fn with Date.now shifted so that "now" is `msIntoMinute` past a wall-clock minute
 * (the package reads the minute from Date.now; its timers still run on real time).
 */
async function atSecondOfMinute(msIntoMinute, fn) {
  const realNow = Date.now;
  const real = realNow.call(Date);
  const offset = Math.floor(real / 60000) * 60000 + msIntoMinute - real;
  Date.now = () => realNow.call(Date) + offset;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

test('45011 (minute quota): not retried when the next minute does not fit the deadline', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45011, count: 5 });
    // Early in a minute: the next one is ~60 s away, beyond the deadline that a small
    // timeoutMs gives (default maxRetries).
    const started = Date.now();
    const e = await atSecondOfMinute(50, () =>
      rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 1000 })),
    );
    assertWxApiError(e, 45011);
    assert.equal(requestsSeen(emu), 1);
    assert.ok(Date.now() - started < 3000, `gave up at once, took ${Date.now() - started} ms`);
  });
});

test('45011 (minute quota): retried in the next minute when that fits the deadline', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 45011 });
    // 800 ms before a minute ends: the wait fits, so the call is made again after it.
    const started = Date.now();
    const hooks = recordingHooks();
    const res = await atSecondOfMinute(59200, () =>
      createService(svc(), { accessToken: TOKEN, baseUrl: emu.url, timeoutMs: 1000, ...hooks }),
    );
    assert.deepEqual(res, { errcode: 0, errmsg: 'ok' });
    assert.equal(requestsSeen(emu), 2);
    assert.deepEqual(hooks.responses.map((v) => v.errcode), [45011, 0]);
    const took = Date.now() - started;
    assert.ok(took >= 700 && took < 4000, `waited for the next minute, took ${took} ms`);
  });
});

test('an errcode not in the docs keeps errcode and errmsg', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 99999, errmsg: 'something new' });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    assertPackageError(e, 'WxApiError', 'WX_API');
    assert.equal(e.errcode, 99999);
    assert.equal(e.errmsg, 'something new');
    assert.equal(e.errname, undefined);
    assert.equal(typeof e.hint, 'string');
    assert.equal(e.retryable, false);
    assert.equal(requestsSeen(emu), 1);
  });
});

test('a token WeChat echoes in errmsg is redacted', async () => {
  await withEmu(async (emu) => {
    emu.addFaults({ errcode: 40001, errmsg: `invalid credential, access_token is ${TOKEN} rid: 65a1-2b3c` });
    const e = await rejection(() => createService(svc(), { accessToken: TOKEN, baseUrl: emu.url }));
    assertWxApiError(e, 40001);
    assert.ok(e.errmsg.includes('rid: 65a1-2b3c'), `the rest of errmsg is kept: ${e.errmsg}`);
  });
});
