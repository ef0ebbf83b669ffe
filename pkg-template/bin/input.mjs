// The request body of `--data`: JSON text, `@file`, or `-` (standard input).
import { readFile } from 'node:fs/promises';
import { UsageError } from './args.mjs';

/** The text of `--data`, read from where it points. */
async function readSource(spec) {
  if (spec === '-') {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return { text: Buffer.concat(chunks).toString('utf8'), from: 'standard input' };
  }
  if (spec.startsWith('@')) {
    const file = spec.slice(1);
    try {
      return { text: await readFile(file, 'utf8'), from: file };
    } catch (e) {
      throw new UsageError(`cannot read the --data file ${file}: ${e.code ?? e.message}`, '--data', 'unreadable');
    }
  }
  return { text: spec, from: '--data' };
}

/** Where a JSON.parse failure is, as "line L, column C". Only the position is taken from the
 * engine's message: V8 quotes the text around the mistake, and that text may be a password. */
function position(message, text) {
  const at = /at position (\d+)/.exec(message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1])).split('\n');
  return ` at line ${before.length}, column ${before.at(-1).length + 1}`;
}

/** The parsed body. `call` is its description: a call that declares no field (its body is
 * `{}`) needs no `--data`; every other call must be given one, so that a forgotten `--data`
 * never sends a call that changes something with defaults. */
export async function readBody(spec, call) {
  if (spec === undefined) {
    if (call.fields.length === 0) return {};
    throw new UsageError(
      `${call.name} needs --data (its fields: ${call.name} --help; an empty body is --data '{}')`,
      '--data', 'required',
    );
  }
  const { text, from } = await readSource(spec);
  // A byte-order mark (some editors write one) is not JSON, but is not a mistake of the body.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new UsageError(`the body in ${from} is not valid JSON${position(e.message, json)}`, '--data', 'json');
  }
}
