// The help texts. The call help and the list of calls are generated from describeCalls(),
// so a call the package adds appears here unchanged; the field docs are the declarations'
// doc comments, the same words as the TypeScript docs.
import { FLAGS } from './args.mjs';
import { EXIT } from './output.mjs';
import { MANAGER_ENV, TOKEN_ENV } from './token.mjs';
import { WIDTH, column, wrap } from './text.mjs';

// What each effect means for the user (the words of CallDescription's docs).
const EFFECTS = {
  reads: 'retried after an ambiguous failure',
  changes: 'never sent twice blindly',
};

const flagLabel = (name) => `${FLAGS[name].short ? `-${FLAGS[name].short}, ` : ''}--${name}${FLAGS[name].value ? ` ${FLAGS[name].value}` : ''}`;
const flagLines = (command) =>
  Object.keys(FLAGS).filter((n) => FLAGS[n].for.includes(command)).map((n) => column(flagLabel(n), FLAGS[n].help, { width: 28 }));

/** `wx-cloudbase-service --help`. */
export function topHelp(prog) {
  const data = FLAGS.data.value;
  return [
    `Usage: ${prog} <command> [options]`,
    '',
    wrap('Calls the WeChat Open Platform cloud-run (componenttcb) API as a third-party platform: '
      + 'every body is validated before anything is sent.'),
    '',
    'Commands:',
    column('calls', 'list the calls: name, effect, title, path', { width: 28 }),
    column(`<call> --data ${data}`, 'validate the body, send the call, print the answer', { width: 28 }),
    column('<call> --help', 'the call\'s fields, their rules, its answer and an example', { width: 28 }),
    column(`validate <call> --data ${data}`, 'check a body without sending it (exit 0 or 2)', { width: 28 }),
    column('help [<call>]', 'this text, or the help of a call', { width: 28 }),
    '',
    'Options:',
    ...flagLines('send'),
    ...flagLines('top').filter((l) => !l.includes('--help')),
    '',
    'Token, from the environment (to send; validate and --dry-run need none):',
    column(TOKEN_ENV, 'the component_access_token; or these three, to get one from the '
      + 'token endpoint (at --base-url too):', { width: 29 }),
    wrap(MANAGER_ENV.join(', '), { first: '  ' }),
    wrap('The token, the app secret, the ticket and the body\'s secret fields are never printed.', { first: '  ' }),
    '',
    'Exit codes:',
    column(String(EXIT.ok), 'the call succeeded (or: the body is valid, the request printed)', { width: 6 }),
    column(String(EXIT.wechat), 'WeChat answered with an errcode other than 0', { width: 6 }),
    column(String(EXIT.usage), 'bad command line, invalid body or bad configuration; nothing was done', { width: 6 }),
    column(String(EXIT.transport), 'no answer, and nothing was done (safe to run again)', { width: 6 }),
    column(String(EXIT.unknown), 'no answer, and the call may have taken effect: check before running it again', { width: 6 }),
  ].join('\n');
}

/** `wx-cloudbase-service calls`: two lines a call, name, effect and title, then its path. */
export function callsText(calls) {
  const width = Math.max(...calls.map((c) => c.name.length)) + 2;
  return calls
    .map((c) => `${wrap(`(${c.effect}) ${c.title}`, { first: c.name.padEnd(width) })}\n    POST ${c.path}`)
    .join('\n');
}

/** The words of a field's header: its type and what sets it apart. */
function traits(f, required) {
  const t = [f.type];
  if (required) t.push('required');
  if (f.secret) t.push('secret (printed as ***)');
  if (f.source === 'unconfirmed') t.push('unconfirmed: only its JSON type is checked');
  return t.join(', ');
}

function ruleLines(rules, indent, prefix = '') {
  return rules.map((r) =>
    wrap(`${prefix}${r.source === 'convention' ? 'convention (a warning)' : 'rule'}: ${r.rule}`, { first: ' '.repeat(indent) }));
}

/** A field and everything inside it: its own fields (`a.b`) and its entries (`a[]`). */
function fieldLines(f, path, indent) {
  const lines = [wrap(`${path} (${traits(f, f.required)})`, { first: ' '.repeat(indent), indent: indent + 4 })];
  if (f.doc) lines.push(wrap(f.doc, { first: ' '.repeat(indent + 4) }));
  lines.push(...ruleLines(f.rules, indent + 4));
  lines.push(...innerLines(f, path, indent));
  return lines;
}

function innerLines(f, path, indent) {
  const lines = [];
  for (const sub of f.fields ?? []) lines.push(...fieldLines(sub, `${path}.${sub.name}`, indent + 2));
  const items = f.items;
  if (items) {
    // The entries' own fields are named `path[].name`; the entry type is in the header.
    lines.push(...ruleLines(items.rules ?? [], indent + 4, 'each entry: '));
    lines.push(...innerLines(items, `${path}[]`, indent));
  }
  return lines;
}

/** `wx-cloudbase-service <call> --help`. */
export function callHelp(prog, c) {
  const data = FLAGS.data.value;
  const usage = c.fields.length === 0 ? `[--data ${data}]` : `--data ${data}`;
  const lines = [
    'Usage:',
    wrap(`${prog} ${c.name} ${usage} [options]`, { first: '  ', indent: 4 }),
    wrap(`${prog} validate ${c.name} ${usage}`, { first: '  ', indent: 4 }),
    '',
    wrap(`${c.title}.`),
    `POST ${c.path}`,
    wrap(`Effect: ${c.effect}${EFFECTS[c.effect] ? ` (${EFFECTS[c.effect]})` : ''}`),
    '',
  ];
  if (c.fields.length === 0) {
    lines.push(`Body (${c.body}): no fields; --data is not needed`);
  } else {
    lines.push(`Body (${c.body}):`);
    for (const f of c.fields) lines.push(...fieldLines(f, f.name, 2));
  }
  if (c.crossRules.length > 0) {
    lines.push('', 'Rules across fields:');
    lines.push(...ruleLines(c.crossRules, 2));
  }
  lines.push('');
  if (c.answerFields.length === 0) {
    lines.push(`Answer (${c.answer}): no fields of its own`);
  } else {
    lines.push(`Answer (${c.answer}):`);
    for (const f of c.answerFields) lines.push(...fieldLines(f, f.name, 2));
  }
  if (c.fields.length > 0) {
    lines.push('', 'Example body:');
    // As printed by JSON.stringify, so it can be copied; only a line too wide is wrapped.
    const json = JSON.stringify(c.example, null, 2).split('\n');
    lines.push(...json.map((l) => (l.length + 2 <= WIDTH ? `  ${l}` : wrap(l, { first: `  ${/^ */.exec(l)[0]}`, indent: 6 }))));
  }
  lines.push('', 'Options:', ...flagLines('send'));
  return lines.join('\n');
}
