#!/usr/bin/env node
// wx-cloudbase-emulator: start the emulator from a shell (see USAGE). Arguments are read
// with node:util parseArgs; every error exits 2 with the usage, and no secret is printed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './index.mjs';

const USAGE = `usage: wx-cloudbase-emulator [--port N] [--host 127.0.0.1] [--allow-non-loopback]
         [--config file.json] [--quiet] [--cors]
         [--push-url URL --push-token T --push-aes-key K [--push-every-ms N]]

Emulates WeChat's eleven POST /componenttcb/<path> calls, the token endpoint
POST /cgi-bin/component/api_component_token and POST /cgi-bin/component/api_start_push_ticket.
--host takes a loopback address unless --allow-non-loopback is given too (a container
sidecar: --host 0.0.0.0 --allow-non-loopback); control endpoints still answer loopback only.
--config takes a JSON object with any of: port, host, allowNonLoopback, limits, tokens,
expiredTokens, envs, disabledEnvs, strictEnvs, envReadyMs, autoConfirmShares,
componentAppId, componentAppSecret, verifyTickets, expiredTickets, tokenLifetimeSeconds,
tokenIpWhitelisted, tokenDailyQuota, quiet, cors (command-line flags win).
--push-url sends encrypted component_verify_ticket pushes to URL at once, then every
--push-every-ms (default 600000), signed with --push-token and encrypted with the
EncodingAESKey --push-aes-key; the token endpoint accepts each pushed ticket.
Control endpoints: GET /__emulator/state, POST /__emulator/config, POST /__emulator/reset,
GET|POST|DELETE /__emulator/faults, GET|POST|DELETE /__emulator/token-faults,
POST /__emulator/expire-tokens, GET|POST /__emulator/share-confirm?id=…
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-non-loopback': { type: 'boolean' },
  config: { type: 'string' },
  quiet: { type: 'boolean' },
  cors: { type: 'boolean' },
  'push-url': { type: 'string' },
  'push-token': { type: 'string' },
  'push-aes-key': { type: 'string' },
  'push-every-ms': { type: 'string' },
};

class UsageError extends Error {}

const integer = (name, text) => {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return Number(text);
};

function loadConfig(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${err.message}`);
  }
}

/** The startEmulator options and the push options (or null) from the arguments. */
function readArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(err.message);
  }
  if (values.help) return { help: true };
  const flags = {};
  if (values.port !== undefined) flags.port = integer('port', values.port);
  if (values.host !== undefined) flags.host = values.host;
  if (values['allow-non-loopback']) flags.allowNonLoopback = true;
  if (values.quiet) flags.quiet = true;
  if (values.cors) flags.cors = true;
  const options = { quiet: false, ...(values.config ? loadConfig(values.config) : {}), ...flags };

  const push = { url: values['push-url'], token: values['push-token'], encodingAesKey: values['push-aes-key'] };
  const given = Object.values(push).filter((v) => v !== undefined).length;
  if (given === 0 && values['push-every-ms'] === undefined) return { options, push: null };
  if (given < 3) throw new UsageError('--push-url, --push-token and --push-aes-key go together');
  if (values['push-every-ms'] !== undefined) push.everyMs = integer('push-every-ms', values['push-every-ms']);
  return { options, push };
}

async function main(argv) {
  const { help, options, push } = readArgs(argv);
  if (help) {
    process.stdout.write(USAGE);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
    if (push) emulator.startTicketPushes(push);
  } catch (err) {
    await emulator?.close();
    throw new UsageError(err.message);
  }
  process.stdout.write(`wx-cloudbase-emulator listening on ${emulator.url}\n`);
  if (push) {
    const target = new URL(push.url);
    process.stdout.write(`wx-cloudbase-emulator pushing tickets to ${target.origin}${target.pathname}\n`);
  }
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (!options.quiet) process.stderr.write(`wx-cloudbase-emulator: ${signal}, closing\n`);
    emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err) => {
  const message = err instanceof UsageError ? err.message : `unexpected error: ${err?.message ?? err}`;
  process.stderr.write(`wx-cloudbase-emulator: ${message}\n${USAGE}`);
  process.exit(2);
});
