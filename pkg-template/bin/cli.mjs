#!/usr/bin/env node
// wx-cloudbase-service: the cloud-run calls from a shell (`npx wx-cloudbase-service --help`).
//
// The package is imported by its own name. From a file inside a package, Node resolves that
// package's name to the package itself through its "exports" (self-reference), so the CLI
// runs the very entry a user's `import` gets (the Node build, one wasm instance) wherever npm
// installed it (locally, globally, through npx's cache), never one from another
// node_modules, and no path inside dist/ is written here for the packaging to keep.
import { createRequire } from 'node:module';
import * as wx from 'wx-cloudbase-service';
import { UsageError, checkFlags, numberFlag, readArgs, wantsJson } from './args.mjs';
import { callHelp, callsText, topHelp } from './help.mjs';
import { readBody } from './input.mjs';
import { EXIT, Printer, exitCodeOf, issueLines } from './output.mjs';
import { Secrets } from './secrets.mjs';
import { closest } from './text.mjs';
import { tokenSource } from './token.mjs';

const PROG = 'wx-cloudbase-service';
// The token of a dry run: toCurl prints every token as ***, so none is needed or read.
const DRY_RUN_TOKEN = 'dry-run-placeholder-token';
const COMMANDS = ['calls', 'validate', 'help'];

/** The call named `name` (its doc name), or a UsageError with the closest name; a call's
 * path (`establishcloudbaserunserver`) is answered with the doc name it belongs to. */
function findCall(calls, name) {
  if (name === undefined) throw new UsageError('which call? (the calls: wx-cloudbase-service calls)', 'call', 'required');
  const call = calls.find((c) => c.name === name);
  if (call) return call;
  const byPath = calls.find((c) => c.path.split('/').pop() === name.toLowerCase());
  const near = byPath?.name ?? closest(name, [...calls.map((c) => c.name), ...COMMANDS]);
  const hint = near ? `did you mean ${near}?` : `the calls: ${PROG} calls`;
  throw new UsageError(`unknown call or command "${name}"; ${hint}`, 'call', 'unknown_call');
}

function noMore(args) {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"; see --help`, args[0], 'unexpected');
}

/** The package's RuleOptions from the flags; flags not given are left out (its defaults). */
function ruleOptions(values) {
  const opts = {};
  if (values.strict) opts.strict = true;
  if (values['allow-unknown-keys']) opts.allowUnknownKeys = true;
  return opts;
}

async function validate(p, call, values) {
  const body = await readBody(values.data, call);
  p.secrets.addFields(call.fields, body);
  const report = wx.validateRequest(call.name, body, ruleOptions(values));
  p.result(report, () => {
    const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const head = `${call.name}: ${report.ok ? 'valid' : 'invalid'} (${count(report.errors.length, 'error')}, ${count(report.warnings.length, 'warning')})`;
    return [head, issueLines(report.errors, 'error'), issueLines(report.warnings, 'warning')].filter(Boolean).join('\n');
  });
  return report.ok ? EXIT.ok : EXIT.usage;
}

/** Validates the body and builds the request before any token is read: an invalid body or
 * base URL is reported as the package reports it (ValidationError, ConfigError), and nothing
 * is asked of the token endpoint for a request that would not be sent. */
function prepare(call, body, values) {
  const opts = { accessToken: DRY_RUN_TOKEN, ...ruleOptions(values) };
  if (values['base-url'] !== undefined) opts.baseUrl = values['base-url'];
  const request = wx.buildRequest(call.name, body, opts);
  return { request, warnings: wx.validateRequest(call.name, body, ruleOptions(values)).warnings };
}

async function send(p, call, values, env, state) {
  const timeoutMs = numberFlag(values, 'timeout-ms');
  const body = await readBody(values.data, call);
  p.secrets.addFields(call.fields, body);
  const { request, warnings } = prepare(call, body, values);
  p.warnings(warnings);
  if (values['dry-run']) {
    const curl = wx.toCurl(request);
    p.result({ curl, warnings }, () => curl);
    if (!p.json) process.stderr.write(`${PROG}: dry run, nothing was sent; access_token=*** stands for the token\n`);
    return EXIT.ok;
  }
  const baseUrl = values['base-url'];
  const options = { accessToken: tokenSource(wx, env, { baseUrl, timeoutMs }, p.secrets), ...ruleOptions(values) };
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  const client = new wx.CloudbaseClient(options);
  // Ctrl-C aborts the call, so it ends with the package's account of what may have happened
  // (and its exit code) rather than with none.
  const abort = new AbortController();
  const onInt = () => abort.abort();
  process.once('SIGINT', onInt);
  state.sending = true;
  try {
    p.result(await client.call(call.name, body, { signal: abort.signal }));
  } finally {
    state.sending = false;
    process.off('SIGINT', onInt);
  }
  return EXIT.ok;
}

async function run(p, argv, env, state) {
  const { values, positionals } = readArgs(argv);
  const [command, ...args] = positionals;
  const calls = wx.describeCalls();
  const showHelp = (call) => {
    if (call) p.result(call, () => callHelp(PROG, call));
    else p.out(topHelp(PROG));
    return EXIT.ok;
  };
  if (command === undefined) {
    checkFlags(values, 'top');
    if (values.version) {
      p.out(createRequire(import.meta.url)('wx-cloudbase-service/package.json').version);
      return EXIT.ok;
    }
    if (values.help) return showHelp();
    throw new UsageError(`no command; see ${PROG} --help`, '', 'required');
  }
  if (command === 'help') {
    checkFlags(values, 'help');
    noMore(args.slice(1));
    return showHelp(args[0] === undefined ? undefined : findCall(calls, args[0]));
  }
  if (command === 'calls') {
    checkFlags(values, 'calls');
    noMore(args);
    if (values.help) {
      p.out(`Usage: ${PROG} calls [--json]\n\nLists the calls: name, effect (reads or changes), title and path.`);
      return EXIT.ok;
    }
    p.result(calls.map(({ name, path, effect, title }) => ({ name, path, effect, title })), () => callsText(calls));
    return EXIT.ok;
  }
  if (command === 'validate') {
    checkFlags(values, 'validate');
    const call = findCall(calls, args[0]);
    noMore(args.slice(1));
    return values.help ? showHelp(call) : validate(p, call, values);
  }
  const call = findCall(calls, command);
  noMore(args);
  checkFlags(values, 'send');
  return values.help ? showHelp(call) : send(p, call, values, env, state);
}

async function main(argv, env) {
  const p = new Printer({ json: wantsJson(argv), secrets: new Secrets(), prog: PROG });
  const state = { sending: false };
  try {
    return await run(p, argv, env, state);
  } catch (e) {
    p.error(e);
    return exitCodeOf(wx, e, state);
  }
}

// exitCode, not exit(): stdout is a pipe in scripts, and what is still buffered is written.
process.exitCode = await main(process.argv.slice(2), process.env);
