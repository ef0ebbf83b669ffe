// The page must be generated from describeCalls(): no call name, field name or rule may be
// written in its code. This scans www-demo/ for the names and rule texts the package
// describes. Field names are matched only when they hold an underscore (env_id,
// service_name): one-word names such as `name`, `url` or `data` are also JavaScript's
// and English's words, and would match the page's own code and prose.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

function collect(fields, out) {
  for (const f of fields) {
    if (f.name?.includes('_')) out.names.add(f.name);
    for (const r of f.rules ?? []) out.rules.add(r.rule);
    if (f.fields) collect(f.fields, out);
    if (f.items) collect([f.items], out);
  }
}

/** `[{ file, what }]` for every described name or rule found in the page's files. */
export async function describedTextInPage(wwwDir, calls) {
  const out = { names: new Set(calls.map((c) => c.name)), rules: new Set() };
  for (const c of calls) collect(c.fields, out);
  const hits = [];
  for (const file of await readdir(wwwDir)) {
    if (!/\.(js|mjs|html|css)$/.test(file)) continue;
    const text = await readFile(path.join(wwwDir, file), 'utf8');
    for (const name of out.names) {
      if (new RegExp(`\\b${name}\\b`).test(text)) hits.push({ file, what: `name ${name}` });
    }
    for (const rule of out.rules) if (text.includes(rule)) hits.push({ file, what: `rule "${rule}"` });
  }
  return hits;
}
