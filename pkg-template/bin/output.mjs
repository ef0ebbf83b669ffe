// What the CLI prints and the exit code it ends with. Results go to stdout; in text mode
// errors go to stderr, with --json they go to stdout as {"error": …} so one stream holds
// everything a script reads. Every string passes through Secrets first.
import { FLAGS, UsageError } from './args.mjs';
import { EnvConfigError } from './token.mjs';
import { wrap } from './text.mjs';

export const EXIT = { ok: 0, wechat: 1, usage: 2, transport: 3, unknown: 4 };

/** The exit code of an error: 1 WeChat said no (errcode ≠ 0); 2 the command line, the body
 * or the configuration is wrong; 3 no answer, and nothing can have been done; 4 no answer,
 * and the call may have taken effect. An error that is none of the package's (a bug) is 4
 * while a call is in flight, since then nothing is known, and 2 before. */
export function exitCodeOf(wx, error, { sending }) {
  if (wx.isWxApiError(error)) return EXIT.wechat;
  if (wx.isTransportError(error)) return error.outcomeUnknown ? EXIT.unknown : EXIT.transport;
  if (wx.isValidationError(error) || wx.isConfigError(error)) return EXIT.usage;
  if (error instanceof UsageError || error instanceof EnvConfigError) return EXIT.usage;
  return sending ? EXIT.unknown : EXIT.usage;
}

export class Printer {
  constructor({ json, secrets, prog }) {
    this.json = json;
    this.secrets = secrets;
    this.prog = prog;
  }

  /** Text as it is (help, lists, curl), masked. */
  out(text) {
    process.stdout.write(`${this.secrets.text(text)}\n`);
  }

  /** A JSON value on stdout: pretty, masked, integers beyond 2^53 as the package gave them. */
  data(value) {
    process.stdout.write(`${JSON.stringify(this.secrets.value(value), null, 2)}\n`);
  }

  /** A result: JSON with --json, otherwise `text()` (or the value's JSON). */
  result(value, text) {
    if (this.json || !text) this.data(value);
    else this.out(text());
  }

  /** Validation warnings of a request that went ahead: for people, so always on stderr. */
  warnings(list) {
    if (list.length === 0) return;
    process.stderr.write(`${issueLines(this.secrets.value(list), 'warning')}\n`);
  }

  /** The error's data is masked before it is laid out, so that a secret short enough to
   * occur in the CLI's own words (its name, the labels) does not mask those. */
  error(error) {
    const plain = this.secrets.value(plainError(error));
    if (this.json) this.data({ error: plain });
    else if (error instanceof UsageError) process.stderr.write(`${wrap(`${this.prog}: ${plain.message}`, { indent: 2 })}\n`);
    else process.stderr.write(`${errorText(plain, this.prog)}\n`);
  }
}

/** The error as plain data: its own `toJSON` (the package's errors keep name, code, message
 * and every field), or name and message of anything else. */
function plainError(error) {
  if (error === null || typeof error !== 'object') return { name: 'Error', message: String(error) };
  const plain = typeof error.toJSON === 'function' ? error.toJSON() : { name: error.name ?? 'Error', message: String(error.message) };
  // A cause that is a real Error keeps its message out of JSON.stringify (not enumerable).
  if (plain.cause instanceof Error) plain.cause = plainError(plain.cause);
  return plain;
}

/** The flag of an option the package names (`timeoutMs` is `--timeout-ms`), else `path`. */
function asFlag(path) {
  const flag = path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return Object.hasOwn(FLAGS, flag) ? `--${flag}` : path;
}

/** One line per issue, `path [code] message`, wrapped; `kind` says error or warning;
 * `label` turns a path into what the user typed. */
export function issueLines(issues, kind, label = (path) => path) {
  return issues
    .map((i) => wrap(i.message, { first: `  ${kind} ${i.path === '' ? '(body)' : label(i.path)} [${i.code}] `, indent: 6 }))
    .join('\n');
}

const SHOWN = new Set(['name', 'code', 'message', 'issues', 'warnings', 'cause']);

/** A readable error: its name and code, then either its issues or its message, then every
 * other field it carries (errcode, hint, outcomeUnknown, …) and its cause. */
function errorText(e, prog) {
  const head = `${prog}: ${e.name}${e.code ? ` (${e.code})` : ''}`;
  const lines = [];
  if (e.issues?.length) {
    const n = e.issues.length;
    const w = Array.isArray(e.warnings) ? e.warnings.length : 0;
    const also = w ? ` and ${w} warning${w > 1 ? 's' : ''}` : '';
    const sent = e.name === 'ValidationError' || e.attempts === 0 ? '; nothing was sent' : '';
    lines.push(wrap(`${head}: ${n} problem${n > 1 ? 's' : ''}${also}${sent}`, { indent: 2 }));
    lines.push(issueLines(e.issues, 'error', e.name === 'ConfigError' ? asFlag : undefined));
    if (w) lines.push(issueLines(e.warnings, 'warning'));
  } else {
    lines.push(wrap(`${head}: ${e.message}`, { indent: 2 }));
  }
  for (const [key, value] of Object.entries(e)) {
    // attempts: 0 is already said by "nothing was sent".
    if (SHOWN.has(key) || value === undefined || (key === 'attempts' && value === 0)) continue;
    lines.push(wrap(typeof value === 'object' ? JSON.stringify(value) : String(value), { first: `  ${key}: `, indent: 4 }));
  }
  if (e.cause && e.cause.message !== e.message) {
    const c = e.cause;
    lines.push(wrap(`${c.name ?? 'Error'}${c.code ? ` (${c.code})` : ''}: ${c.message ?? ''}`, { first: '  cause: ', indent: 4 }));
  }
  return lines.join('\n');
}
