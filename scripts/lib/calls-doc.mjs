// Writes CALLS.md, the per-call reference shipped in the package, from describeCalls() of the
// build in the staged package directory (argv[2]): each call's path, effect, types, fields
// with their rules, answer fields and example come from its declaration, so the reference
// cannot drift from what the validator does. Output on stdout.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('calls-doc: usage: node scripts/lib/calls-doc.mjs STAGED_PACKAGE_DIR');
  process.exit(2);
}
const { describeCalls } = await import(pathToFileURL(join(dir, 'dist', 'node.mjs')).href);
const calls = describeCalls();

const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');
const SOURCE = {
  documented: 'error',
  convention: 'warning',
};

/** Rows for `fields`, nested ones by path (`es_info.port`, `data[].env`). */
function rows(fields, prefix = '') {
  const out = [];
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    const notes = [];
    if (f.secret) notes.push('secret: never shown');
    if (f.source === 'unconfirmed') notes.push('unconfirmed: its type is checked, nothing more');
    const rules = f.rules.map((r) => `${SOURCE[r.source] ?? r.source}: ${r.rule}`);
    out.push(`| \`${cell(path)}\` | ${cell(f.type)} | ${f.required ? 'yes' : ''} | ${cell(f.doc ?? '')} | ${cell([...rules, ...notes].join('; '))} |`);
    if (f.fields) out.push(...rows(f.fields, `${path}.`));
    if (f.items?.fields) out.push(...rows(f.items.fields, `${path}[].`));
    else if (f.items?.rules?.length) {
      const itemRules = f.items.rules.map((r) => `${SOURCE[r.source] ?? r.source}: ${r.rule}`);
      out.push(`| \`${cell(path)}[]\` | ${cell(f.items.type)} | | each entry | ${cell(itemRules.join('; '))} |`);
    }
  }
  return out;
}

const lines = [
  '# The calls',
  '',
  `The ${calls.length} calls of the cloud-run family, generated from their declarations (the`,
  'same ones the validator runs). Each is `POST https://api.weixin.qq.com<path>?access_token=…`',
  'with a JSON body. In the rules, **error** means WeChat documents it (the request is not sent);',
  '**warning** means a convention WeChat relies on (sent, unless `strict: true`). Keys a call does',
  'not declare are errors unless `allowUnknownKeys: true`. `npx wx-cloudbase-service <call> --help`',
  'prints the same reference for one call.',
  '',
  '| call | path | effect |',
  '|---|---|---|',
  ...calls.map((c) => `| [\`${c.name}\`](#${c.name.toLowerCase()}) | \`${c.path}\` | ${c.effect} |`),
  '',
  '`reads`: only reads, so it is retried after ambiguous failures (a timeout, a reset);',
  '`changes`: never sent twice blindly — such a failure is reported with `outcomeUnknown: true`.',
  '',
];
for (const c of calls) {
  lines.push(`## ${c.name}`, '', `${c.title}. \`POST ${c.path}\`, ${c.effect}.`, '');
  lines.push(`Types: \`Requests['${c.name}']\` is \`${c.body}\`; \`Responses['${c.name}']\` is \`${c.answer}\`.`, '');
  if (c.fields.length) {
    lines.push('| field | type | required | what | rules |', '|---|---|---|---|---|', ...rows(c.fields), '');
  } else {
    lines.push('The body is `{}`.', '');
  }
  if (c.crossRules.length) {
    lines.push('Rules across fields:', '');
    for (const r of c.crossRules) lines.push(`- ${cell(r.rule)} (${r.source === 'documented' ? 'error' : 'warning'}; \`${r.name}\`)`);
    lines.push('');
  }
  if (c.answerFields.length) {
    lines.push('Answer fields (beside `errcode: 0` and `errmsg`; other keys are kept):', '');
    lines.push('| field | type | what |', '|---|---|---|');
    for (const f of c.answerFields) lines.push(`| \`${cell(f.name)}\` | ${cell(f.type)} | ${cell(f.doc ?? '')} |`);
    lines.push('');
  }
  lines.push('Example body:', '', '```json', JSON.stringify(c.example, null, 2), '```', '');
}
process.stdout.write(`${lines.join('\n')}`);
