#!/usr/bin/env bash
# Checks the packed package the way a registry user receives it:
#   1. publint --strict on the tarball;
#   2. attw (profile node16) on the main entry and ./package.json; the ESM-only subpaths
#      (./emulator, ./web) with the esm-only profile; ./wasm is a raw file, not a module;
#   3. exports-map consistency: a subpath whose types resolve for require() must also have
#      JavaScript for require() (otherwise TypeScript accepts a require that fails at run time);
#   4. the browser entry exports the same names as the Node entry (and ./web at least those);
#   5. every "files" entry of package.json is in the tarball.
# Any problem fails the script; all checks run so one run shows every problem.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=target/package-check
rm -rf "$work"
mkdir -p "$work"
tarball=$(scripts/pack.sh "$work")
echo "check-package: packed $(basename "$tarball")"
mkdir -p "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
pkgdir=$root/$work/unpacked/package

failed=()
steps=0
step() { # name command...
  local name=$1
  steps=$((steps + 1))
  shift
  echo
  echo "=== $name ==="
  if "$@" 2>&1; then echo "ok: $name"; else failed+=("$name"); echo "FAIL: $name"; fi
}

step "publint --strict" node_modules/.bin/publint run "$tarball" --strict --pack false
# publint exits 0 on warnings unless --strict; it also prints "All good!" when clean.
step "attw node16 (., ./package.json)" node_modules/.bin/attw "$tarball" --profile node16 \
  --exclude-entrypoints ./wasm ./web ./emulator --no-emoji --no-color --format table-flipped
step "attw esm-only (./emulator, ./web)" node_modules/.bin/attw "$tarball" --profile esm-only \
  --entrypoints ./emulator ./web --no-emoji --no-color --format table-flipped

step "exports map: types and JavaScript agree for require()" node - "$pkgdir" <<'JS'
// Resolves every subpath of "exports" the way Node (JS) and TypeScript (types) do, for the
// require conditions, and reports a subpath whose types resolve while its JavaScript doesn't.
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const resolve = (target, conditions) => {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolve(t, conditions);
      if (r) return r;
    }
    return null;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const r = resolve(value, conditions);
        if (r) return r;
      }
    }
  }
  return null;
};
const problems = [];
for (const [subpath, target] of Object.entries(pj.exports ?? {})) {
  if (subpath.endsWith('.json') || subpath === './wasm') continue;
  const js = resolve(target, ['require', 'node']);
  const types = resolve(target, ['types', 'require', 'node']);
  const typesFile = types && /\.d\.[cm]?ts$/.test(types) ? types : null;
  console.log(`${subpath}: require → ${js ?? '(none)'}; types for require → ${typesFile ?? '(none)'}`);
  if (typesFile && !js) {
    problems.push(
      `${subpath}: TypeScript resolves ${typesFile} for require()/CommonJS imports, but Node finds no ` +
        `JavaScript for require() (no "require"/"default" condition), so code that typechecks fails with ` +
        `ERR_PACKAGE_PATH_NOT_EXPORTED. Put "types" inside the "import" condition for an ESM-only subpath.`,
    );
  }
  for (const conds of [['import', 'node'], ['require', 'node'], ['import', 'browser'], ['import']]) {
    for (const withTypes of [false, true]) {
      const r = resolve(target, withTypes ? ['types', ...conds] : conds);
      if (r && !fs.existsSync(path.join(dir, r))) problems.push(`${subpath} → ${r} (${conds.join('+')}) is not in the package`);
    }
  }
}
for (const p of new Set(problems)) console.error(`problem: ${p}`);
process.exit(problems.length ? 1 : 0);
JS

step "browser entry exports the same names as the Node entry" node - "$pkgdir" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const exportedNames = (file) => {
  const src = fs.readFileSync(path.join(dir, file), 'utf8');
  const names = new Set();
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const p = part.trim();
      if (!p) continue;
      const as = p.split(/\s+as\s+/);
      names.add(as[as.length - 1].trim());
    }
  }
  for (const m of src.matchAll(/export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  if (/export\s+default\b/.test(src)) names.add('default');
  if (/export\s*\*\s*from/.test(src)) throw new Error(`${file}: export * cannot be checked by parsing`);
  return names;
};
const node = new Set(Object.keys(require(path.join(dir, 'dist/node.cjs'))).filter((k) => k !== '__esModule'));
const browser = exportedNames('dist/browser.js');
const web = exportedNames('dist/web.js');
const sorted = (s) => [...s].sort().join(', ');
console.log(`node:    ${sorted(node)}`);
console.log(`browser: ${sorted(browser)}`);
let ok = true;
const missing = [...node].filter((n) => !browser.has(n));
const extra = [...browser].filter((n) => !node.has(n));
if (missing.length) {
  ok = false;
  console.error(`problem: dist/browser.js lacks ${missing.join(', ')} (exported by dist/node.cjs)`);
}
if (extra.length) {
  ok = false;
  console.error(`problem: dist/browser.js exports ${extra.join(', ')} that dist/node.cjs does not`);
}
const webMissing = [...node].filter((n) => !web.has(n));
if (webMissing.length) {
  ok = false;
  console.error(`problem: dist/web.js lacks ${webMissing.join(', ')}`);
}
// The ESM entry re-exports the CJS one; Node's cjs-module-lexer must see every name.
const esmNames = require('node:child_process')
  .execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(dir, 'dist/node.mjs'))}); console.log(JSON.stringify(Object.keys(m)))`])
  .toString();
const esm = new Set(JSON.parse(esmNames).filter((k) => k !== 'default'));
const esmMissing = [...node].filter((n) => !esm.has(n));
if (esmMissing.length) {
  ok = false;
  console.error(`problem: dist/node.mjs (import) lacks named exports ${esmMissing.join(', ')}`);
}
process.exit(ok ? 0 : 1);
JS

step "every \"files\" entry is in the tarball" node - "$pkgdir" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const missing = (pj.files ?? []).filter((f) => !fs.existsSync(path.join(dir, f)));
for (const f of missing) console.error(`problem: package.json "files" lists ${f}, which is not in the package (is it in pkg-template/?)`);
if (pj.license && !missing.includes('LICENSE') && !fs.readdirSync(dir).some((f) => /^(LICEN[CS]E|COPYING)/i.test(f))) {
  console.error(`problem: "license": "${pj.license}" but the package ships no LICENSE file`);
  missing.push('LICENSE');
}
if (!missing.includes('README.md') && !fs.readdirSync(dir).some((f) => /^readme/i.test(f))) {
  console.error('problem: the package has no README (the npm page would be empty)');
  missing.push('README');
}
process.exit(missing.length ? 1 : 0);
JS

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "check-package: failed: ${failed[*]}"
fi
echo "package-checks: $((steps - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
