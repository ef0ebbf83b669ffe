// The command line, read with node:util's parseArgs from one table of flags: the parser,
// the help and the did-you-mean all come from it, so no flag is described twice.
import { parseArgs } from 'node:util';
import { closest } from './text.mjs';

/** Every flag; `for` names the commands it applies to (`send` is `<call> --data …`). */
export const FLAGS = {
  data: {
    type: 'string', value: '<json|@file|->', for: ['send', 'validate'],
    help: 'the request body: JSON text, @file to read a file, or - to read standard input',
  },
  'dry-run': {
    type: 'boolean', for: ['send'],
    help: 'validate and print the request as a curl command with the token as *** '
      + '(a placeholder: no token is needed or read); nothing is sent',
  },
  json: {
    type: 'boolean', for: ['calls', 'send', 'validate', 'help'],
    help: 'machine-readable output on stdout: the answer (or report, or list), '
      + 'or {"error": {name, code, message, …}}',
  },
  strict: {
    type: 'boolean', for: ['send', 'validate'],
    help: 'warnings (broken conventions, allowed unknown keys) become errors',
  },
  'allow-unknown-keys': {
    type: 'boolean', for: ['send', 'validate'],
    help: 'keys the call does not declare are warnings and sent as given, instead of errors',
  },
  'base-url': {
    type: 'string', value: 'URL', for: ['send'],
    help: 'where to send (and get the token from), e.g. an emulator at http://127.0.0.1:PORT; '
      + 'the package\'s default is WeChat\'s own API host',
  },
  'timeout-ms': {
    type: 'string', value: 'N', for: ['send'],
    help: 'per attempt, in milliseconds, reading the answer included (the package\'s default '
      + 'when absent)',
  },
  help: { type: 'boolean', short: 'h', for: ['top', 'calls', 'send', 'validate', 'help'], help: 'show help' },
  version: { type: 'boolean', for: ['top'], help: 'print the package version' },
};

/** A mistake on the command line (exit 2). `path` names the flag or argument. */
export class UsageError extends Error {
  constructor(message, path = '', code = 'usage') {
    super(message);
    this.name = 'UsageError';
    this.code = 'USAGE';
    this.issues = [{ path, code, message }];
  }

  toJSON() {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}

const parserOptions = Object.fromEntries(
  Object.entries(FLAGS).map(([name, f]) => [name, f.short ? { type: f.type, short: f.short } : { type: f.type }]),
);
const flagNames = Object.keys(FLAGS).map((n) => `--${n}`);

/** Whether `--json` was asked for, even on a command line that does not parse (so that a
 * usage error is reported in the form the caller asked for). */
export function wantsJson(argv) {
  const { tokens } = parseArgs({ args: argv, options: parserOptions, strict: false, allowPositionals: true, tokens: true });
  return tokens.some((t) => t.kind === 'option' && t.name === 'json' && t.value === undefined);
}

/** `{ values, positionals }` of argv, or a UsageError. An unknown flag gets a did-you-mean
 * (parseArgs' own message does not offer one). */
export function readArgs(argv) {
  try {
    return parseArgs({ args: argv, options: parserOptions, allowPositionals: true });
  } catch (e) {
    if (e?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(e.message.split('\n')[0]);
    const { tokens } = parseArgs({ args: argv, options: parserOptions, strict: false, allowPositionals: true, tokens: true });
    const bad = tokens.find((t) => t.kind === 'option' && !Object.hasOwn(FLAGS, t.name));
    const raw = bad?.rawName ?? '';
    const near = raw.startsWith('--') ? closest(raw, flagNames) : undefined;
    const hint = near ? `; did you mean ${near}?` : '; see --help';
    throw new UsageError(`unknown option ${raw}${hint}`, raw, 'unknown_option');
  }
}

/** Refuses flags that do not apply to `command` (`--data` on `calls`, …): silently ignoring
 * one would hide a mistake such as a forgotten call name. */
export function checkFlags(values, command) {
  for (const name of Object.keys(values)) {
    if (!FLAGS[name].for.includes(command)) {
      const what = command === 'top' ? 'without a command' : `to ${command === 'send' ? 'a call' : command}`;
      throw new UsageError(`--${name} does not apply ${what}; see --help`, `--${name}`, 'not_applicable');
    }
  }
}

/** The number of `--timeout-ms`, or undefined. Its range is the package's to check. */
export function numberFlag(values, name) {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number; got "${text}"`, `--${name}`, 'type');
  }
  return n;
}
