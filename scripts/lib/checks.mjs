// Checks of what scripts/lib/entries.mjs made, run by it after the esbuild step. Each check
// is a mistake a user would otherwise meet: a bundle that still fetches a .wasm or reads a
// file, an `import.meta` in CommonJS, an ESM and a CJS entry with different names, names
// Node's ESM loader cannot see, a top-level await in the way of an IIFE or ES2020 build.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const sorted = (names) => [...names].sort().join(', ');
const namesOf = (mod) => Object.keys(mod).filter((n) => n !== '__esModule' && n !== 'default');

export async function checkEntries({ pkg, glue, publicNames, overrides, wrapper, results, fail }) {
  const problems = [];
  const file = (rel) => path.join(pkg, rel);
  const text = (rel) => readFileSync(file(rel), 'utf8');

  // esbuild's warnings are mistakes here (a missing export, a require it could not follow),
  // but one: it warns about the glue's `import.meta` for CommonJS while parsing, before it
  // drops the unused default init() that holds it; the text check below sees what is left.
  for (const [out, result] of Object.entries(results)) {
    for (const w of result.warnings) {
      if (!/"import\.meta" is not available/.test(w.text)) problems.push(`${out}: esbuild warned: ${w.text}`);
    }
  }

  // The inlined entries import nothing and refer to no file; the emulator only to node: modules.
  for (const out of ['dist/browser.js', 'dist/node.cjs', 'emulator/index.cjs']) {
    const meta = Object.values(results[out].metafile.outputs)[0];
    const imports = meta.imports.filter((i) => !(out.startsWith('emulator/') && i.path.startsWith('node:')));
    if (imports.length) problems.push(`${out} imports ${imports.map((i) => i.path).join(', ')}`);
  }
  const forbidden = [
    [/import\.meta/, 'import.meta (a bundler or CommonJS cannot resolve it)'],
    [/_bg\.wasm/, 'a reference to the .wasm file (an asset a bundler may miss or emit twice)'],
    [/__dirname|__filename/, '__dirname / __filename (undefined in ESM bundles)'],
    [/\brequire\(/, 'require(…) (esbuild turns it into a "Dynamic require" error in ESM bundles)'],
  ];
  for (const out of ['dist/browser.js', 'dist/node.cjs']) {
    const src = text(out);
    for (const [re, what] of forbidden) if (re.test(src)) problems.push(`${out} contains ${what}`);
  }
  if (/import\.meta/.test(text('emulator/index.cjs'))) problems.push('emulator/index.cjs contains import.meta');

  // What users build the browser entry into: an IIFE for ES2020 fails on a top-level await.
  try {
    await esbuild.build({ entryPoints: [file('dist/browser.js')], bundle: true, write: false, format: 'iife', target: 'es2020', logLevel: 'silent' });
  } catch (e) {
    problems.push(`dist/browser.js does not bundle as an ES2020 IIFE: ${e.message}`);
  }

  // The names: every entry exports the glue's public names (the overrides among them).
  const want = sorted(publicNames);
  const compare = (what, names) => {
    if (sorted(names) !== want) {
      const have = new Set(names);
      const missing = publicNames.filter((n) => !have.has(n));
      const extra = [...have].filter((n) => !publicNames.includes(n));
      problems.push(`${what}: missing [${missing}], unexpected [${extra}]`);
    }
  };
  const cjs = require(file('dist/node.cjs'));
  compare('require(dist/node.cjs)', namesOf(cjs));
  const esm = await import(pathToFileURL(file('dist/browser.js')).href);
  compare('import(dist/browser.js)', namesOf(esm));
  // Node's ESM loader sees the CommonJS names only through the lines it can parse.
  const nodeEsm = await import(pathToFileURL(file('dist/node.mjs')).href);
  compare('import(dist/node.mjs) (names Node reads from node.cjs)', namesOf(nodeEsm));
  const apart = publicNames.filter((n) => nodeEsm[n] !== cjs[n]);
  if (apart.length) problems.push(`dist/node.mjs's ${apart} are not node.cjs's (import and require would load two instances)`);
  const slim = await import(pathToFileURL(file('dist/web.js')).href);
  compare('import(dist/web.js) less init, initSync', namesOf(slim).filter((n) => n !== 'init' && n !== 'initSync'));
  for (const n of ['default', 'init', 'initSync']) if (typeof slim[n] !== 'function') problems.push(`dist/web.js has no ${n}()`);
  // workerd.js imports the .wasm as a module, which Node cannot: esbuild reads its exports.
  const workerd = await esbuild.build({
    entryPoints: [file('dist/workerd.js')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    external: ['*.wasm'],
    logLevel: 'silent',
  });
  compare('dist/workerd.js', Object.values(workerd.metafile.outputs)[0].exports);

  // The overrides are the wrapper's functions, not the glue's (which they replace).
  if (wrapper) {
    const glueModule = await import(pathToFileURL(file(`dist/${glue}.js`)).href);
    for (const n of overrides) {
      if (String(cjs[n]) === String(glueModule[n])) problems.push(`dist/node.cjs exports the glue's ${n}, not ${wrapper}'s`);
    }
  }

  // The emulator's CommonJS build has the names of its ES module.
  const emuCjs = require(file('emulator/index.cjs'));
  const emuEsm = await import(pathToFileURL(file('emulator/index.mjs')).href);
  if (sorted(namesOf(emuCjs)) !== sorted(namesOf(emuEsm))) {
    problems.push(`emulator/index.cjs exports [${sorted(namesOf(emuCjs))}], emulator/index.mjs [${sorted(namesOf(emuEsm))}]`);
  }

  if (problems.length) fail(`the entries are wrong:\n  ${problems.join('\n  ')}`);
}
