// Type-checks the code blocks of the README the package ships, so that an example cannot
// name an option, a method or a field the package does not have. Run by test-types.sh in
// a consumer that has the tarball installed:
//   node readme-snippets.mjs <out-dir> <installed-package-dir>
// Each ```ts block becomes a strict TypeScript module and each ```js block a checked
// JavaScript one (checkJs, without strict: what a JS reader's editor reports). The blocks are fragments, so a
// preamble supplies what a reader supplies: the package's names that the block uses without
// importing them (an earlier block imported them), and the README's placeholders
// (`componentAccessToken`, `token`, …) typed as the package expects them. Only those
// placeholders may be free: any other unknown name, and every other diagnostic, fails.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [outDir, pkgDir] = process.argv.slice(2);
const readme = readFileSync(path.join(pkgDir, 'README.md'), 'utf8');

// The placeholders the README leaves to the reader, with the types the package wants.
const PLACEHOLDERS = {
  componentAccessToken: 'string',
  componentAppId: 'string',
  componentAppSecret: 'string',
  token: 'string',
  encodingAesKey: 'string',
  url: 'string',
  log: '(error: unknown) => void',
  loadLatestVerifyTicket: '() => Promise<string>',
};

// Which subpath exports which name, from the installed package itself.
const req = createRequire(path.resolve(outDir, 'resolve-from-here.js'));
const owner = new Map();
for (const sub of ['wx-cloudbase-service', 'wx-cloudbase-service/emulator', 'wx-cloudbase-service/redis']) {
  for (const name of Object.keys(req(sub))) if (!owner.has(name)) owner.set(name, sub);
}

const blocks = [...readme.matchAll(/^```(js|ts)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
if (blocks.length === 0) throw new Error('the README has no js/ts code blocks');
mkdirSync(outDir, { recursive: true });
const files = { ts: [], js: [] };
for (const [i, { lang, code }] of blocks.entries()) {
  const imported = new Set();
  for (const m of code.matchAll(/import\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from/g)) {
    if (m[1]) imported.add(m[1]);
    for (const n of (m[2] ?? '').split(',')) if (n.trim()) imported.add(n.trim().split(/\s+as\s+/).pop());
  }
  const declared = new Set([...code.matchAll(/\b(?:const|let|var|function|class)\s+(\w+)/g)].map((m) => m[1]));
  for (const m of code.matchAll(/\b(?:const|let)\s+\{([^}]*)\}/g)) for (const n of m[1].split(',')) declared.add(n.trim().split(':').pop().trim());
  const words = new Set(code.replace(/\/\/.*$/gm, '').replace(/'[^']*'|"[^"]*"/g, '').match(/\b[A-Za-z_$][\w$]*\b/g));
  const lines = ['// Generated from the README the package ships (tests/types/readme-snippets.mjs).'];
  const bySub = new Map();
  for (const w of words) {
    if (imported.has(w) || declared.has(w) || !owner.has(w)) continue;
    bySub.set(owner.get(w), [...(bySub.get(owner.get(w)) ?? []), w]);
  }
  for (const [sub, names] of bySub) lines.push(`import { ${names.sort().join(', ')} } from '${sub}';`);
  for (const [name, type] of Object.entries(PLACEHOLDERS)) {
    if (!words.has(name) || imported.has(name) || declared.has(name)) continue;
    lines.push(lang === 'ts' ? `declare const ${name}: ${type};` : `/** @type {${type}} */\nconst ${name} = /** @type {any} */ (globalThis).placeholder;`);
  }
  lines.push('export {};', '', code);
  const file = `readme-${i + 1}.${lang}`;
  writeFileSync(path.join(outDir, file), `${lines.join('\n')}\n`);
  files[lang].push(file);
}
for (const lang of ['ts', 'js']) {
  writeFileSync(path.join(outDir, `tsconfig.${lang}.json`), `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: lang === 'ts',
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    files: files[lang],
  }, null, 2)}\n`);
}
writeFileSync(path.join(outDir, 'package.json'), '{ "private": true, "type": "module" }\n');
console.log(`readme-snippets: ${files.ts.length} ts and ${files.js.length} js blocks written to ${path.basename(outDir)}/`);
