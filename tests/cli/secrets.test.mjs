// Canary secrets — the token, the app secret, the ticket, the issued token's source and every
// secret field of a body — on every path the CLI has, in text and --json: none is printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CALLS, CANARY, MANAGER_ENV, TOKEN_ENV, assertNoLeak, cli, closedPort, eachLimit, exampleWithSecrets, sendArgs,
  withEmu,
} from './helpers.mjs';

/** Runs args in text and --json mode and checks both. */
async function both(args, options, what) {
  for (const extra of [[], ['--json']]) {
    const r = await cli([...args, ...extra], options);
    assertNoLeak(r, `${what} ${extra.join('')}`);
  }
}

// A fault answer that echoes back every secret the run had (from `env`, and the body's
// password when `planted`), as a careless upstream could. (A secret the CLI never had, it
// cannot know to mask.)
const echo = (env, planted) => {
  const secrets = Object.values(env).filter((v) => v.startsWith('CANARY'));
  if (planted) secrets.push(CANARY.password);
  return { errcode: 40097, errmsg: `bad ${secrets.join(' ')} rid: r-1` };
};

// Transport faults print the same way for every call; on a call that only reads, the package
// retries them with backoff, so they are run on the calls that change something, whose
// failures are final.
const TRANSPORT_FAULTS = [{ reset: true }, { http500: true }, { truncated: true }];

for (const [label, env] of [['token', TOKEN_ENV], ['credentials', MANAGER_ENV]]) {
  test(`with the ${label} in the environment, no path prints a secret`, async () => {
    await withEmu(async (emu) => {
      // Calls run side by side: each one's faults name it, so none takes another's.
      await eachLimit(CALLS, 3, async (call) => {
        const { body, planted } = exampleWithSecrets(call);
        const args = sendArgs(call, emu, body);
        await both(args, { env }, `${call.name} sent`);
        // These end before the token is read, so one environment covers them.
        if (env === TOKEN_ENV) {
          await both([...args, '--dry-run'], { env }, `${call.name} dry run`);
          await both(['validate', ...args.slice(0, 3)], { env }, `${call.name} validate`);
          await both(sendArgs(call, emu, { ...body, zz_unknown: CANARY.password }), { env }, `${call.name} invalid`);
        }
        const faults = [echo(env, planted), ...(call.effect === 'changes' ? TRANSPORT_FAULTS : [])];
        for (const fault of faults) {
          for (const extra of [[], ['--json']]) {
            emu.addFaults({ call: call.name, ...fault });
            assertNoLeak(await cli([...args, ...extra], { env }), `${call.name} ${Object.keys(fault)[0]}`);
          }
        }
      });
    });
  });
}

test('the token endpoint echoing the credentials, or failing, prints none of them', async () => {
  await withEmu(async (emu) => {
    const call = CALLS.find((c) => exampleWithSecrets(c).planted) ?? CALLS[0];
    const { body, planted } = exampleWithSecrets(call);
    // The manager retries a token request (it creates nothing): each fault outlasts its retries.
    for (const fault of [echo(MANAGER_ENV, planted), { reset: true, count: 3 }, { http500: true, count: 3 }, { busy: 3 }]) {
      for (const extra of [[], ['--json']]) {
        emu.reset();
        emu.addTokenFaults(fault);
        const r = await cli([...sendArgs(call, emu, body), ...extra], { env: MANAGER_ENV });
        assert.notEqual(r.code, 0);
        assertNoLeak(r, `token ${Object.keys(fault)[0]}`);
      }
    }
    emu.configure({ tokenIpWhitelisted: false });
    await both(sendArgs(call, emu, body), { env: MANAGER_ENV }, 'token 61004');
  });
});

test('an unreachable base URL prints no secret', async () => {
  const port = await closedPort();
  for (const env of [TOKEN_ENV, MANAGER_ENV]) {
    const { body } = exampleWithSecrets(CALLS[0]);
    await both([CALLS[0].name, '--data', JSON.stringify(body), '--base-url', `http://127.0.0.1:${port}`], { env }, 'refused');
  }
});

test('every call with a secret field gets the canary in it (the tests above cover it)', () => {
  const withSecret = CALLS.filter((c) => exampleWithSecrets(c).planted);
  assert.ok(withSecret.length > 0, 'no call declares a secret field: the body canary tests nothing');
  for (const c of withSecret) assert.ok(JSON.stringify(exampleWithSecrets(c).body).includes(CANARY.password));
});
