// The emulator's sources stay bundleable into one CommonJS file (the package's
// require('wx-cloudbase-service/emulator')): index.mjs is the single entry and reaches every
// module; no module uses import.meta, top-level await, or anything but node: builtins and
// its siblings; only the bin (cli.mjs) may have a shebang.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../emulator/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.mjs'));
const source = (f) => readFileSync(join(DIR, f), 'utf8');
/** The code without its comments (JSDoc types say import('…'), prose says import.meta). */
const code = (f) => source(f).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
const imports = (text) => [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]);

test('every import is a node: builtin or a sibling module', () => {
  for (const f of FILES) {
    for (const spec of imports(source(f))) {
      assert.ok(spec.startsWith('node:') || /^\.\/[a-z-]+\.mjs$/.test(spec), `${f} imports ${spec}`);
    }
    assert.doesNotMatch(code(f), /\bimport\s*\(/, `${f}: no dynamic import`);
    assert.doesNotMatch(code(f), /\brequire\s*\(/, `${f}: no require`);
  }
});

test('no import.meta and no top-level await outside the bin', () => {
  for (const f of FILES) {
    const text = code(f);
    assert.doesNotMatch(text, /import\.meta/, f);
    // Top-level statements start in column 0; an await there would be top-level.
    assert.doesNotMatch(text, /^(?:const|let|var|await)\b[^\n]*\bawait\b/m, `${f}: top-level await`);
    assert.doesNotMatch(text, /^await\b/m, `${f}: top-level await`);
    if (f !== 'cli.mjs') assert.ok(!source(f).startsWith('#!'), `${f}: only the bin has a shebang`);
  }
});

test('index.mjs reaches every module but the bin', () => {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const spec of imports(source(f))) if (spec.startsWith('./')) visit(spec.slice(2));
  };
  visit('index.mjs');
  assert.deepEqual([...FILES].filter((f) => !seen.has(f)).sort(), ['cli.mjs']);
  assert.deepEqual(imports(source('cli.mjs')).filter((s) => s.startsWith('./')), ['./index.mjs']);
});

test('files stay small', () => {
  for (const f of readdirSync(DIR)) {
    const lines = source(f).split('\n').length;
    assert.ok(lines <= 420, `${f} has ${lines} lines`);
  }
});
