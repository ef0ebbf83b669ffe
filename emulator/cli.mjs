#!/usr/bin/env node
// wx-cloudbase-emulator [--port N] [--host H] [--config file.json] [--quiet] [--cors]
import { readFileSync } from 'node:fs';
import { startEmulator } from './index.mjs';

const USAGE = `usage: wx-cloudbase-emulator [--port N] [--host 127.0.0.1] [--config file.json] [--quiet] [--cors]

Emulates POST /componenttcb/establishcloudbaserunserver and the token endpoint
POST /cgi-bin/component/api_component_token on a loopback address.
--config takes a JSON object with any of: port, host, tokens, expiredTokens,
envs, disabledEnvs, strictEnvs, componentAppId, componentAppSecret, verifyTickets,
expiredTickets, tokenLifetimeSeconds, tokenIpWhitelisted, tokenDailyQuota, quiet,
cors (command-line flags win).
Control endpoints: GET /__emulator/state, POST /__emulator/config,
POST /__emulator/reset, POST|DELETE /__emulator/faults,
POST|DELETE /__emulator/token-faults, POST /__emulator/expire-tokens.
`;

function fail(message) {
  process.stderr.write(`wx-cloudbase-emulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case '--help': case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      case '--port': {
        const text = value();
        if (!/^\d+$/.test(text)) fail(`--port must be a number, got "${text}"`);
        flags.port = Number(text);
        break;
      }
      case '--host': flags.host = value(); break;
      case '--config': flags.config = value(); break;
      case '--quiet': flags.quiet = true; break;
      case '--cors': flags.cors = true; break;
      default: fail(`unknown argument "${arg}"`);
    }
  }
  return flags;
}

function loadConfig(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`cannot read config ${file}: ${err.message}`);
  }
}

const { config: configFile, ...flags } = parseArgs(process.argv.slice(2));
const options = { quiet: false, ...(configFile ? loadConfig(configFile) : {}), ...flags };

let emulator;
try {
  emulator = await startEmulator(options);
} catch (err) {
  fail(err.message);
}
process.stdout.write(`wx-cloudbase-emulator listening on ${emulator.url}\n`);

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  if (!options.quiet) process.stderr.write(`wx-cloudbase-emulator: ${signal}, closing\n`);
  emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
