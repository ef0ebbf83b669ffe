#!/usr/bin/env bash
# Checks the packed package the way a registry user receives it:
#   1. publint --strict on the tarball;
#   2. attw on every subpath of "exports": profile node16 on those with a require() entry
#      (., ./emulator, ./redis), esm-only on the rest (./slim; ./wasm, the file, whose types
#      declare what ESM runtimes such as workerd import it as). Both lists come from the map;
#   3. exports-map consistency: "types" first in every branch; a subpath whose types resolve
#      for require() has JavaScript for require() (otherwise TypeScript accepts a require that
#      fails at run time); every target is in the tarball; "sideEffects" names files that are;
#   4. the entries of the tarball agree: `.` through import, require and the non-Node default,
#      ./slim, and the import and require sides of ./emulator and ./redis offer the same names
#      (scripts/lib/checks.mjs checks the built entries in more ways at build time);
#   5. every "files" entry of package.json is in the tarball.
#   6. no file names the machine that built it (the checkout, the cargo home, a registry
#      folder), the .wasm and its inlined base64 copies included.
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

# Subpaths by kind: "dual" ones resolve to JavaScript for require(), the others are ESM only.
subpaths() { # dual|esm
  node -e '
    const pj = require(process.argv[1]);
    const requirable = (t) => typeof t === "string" ? !t.endsWith(".wasm")
      : t && typeof t === "object" && Object.entries(t).some(([k, v]) => (k === "require" || k === "node" || k === "default") && requirable(v));
    for (const [sub, t] of Object.entries(pj.exports)) {
      if (sub.endsWith(".json")) continue;
      if ((process.argv[2] === "dual") === requirable(t)) console.log(sub);
    }' "$pkgdir/package.json" "$1"
}
mapfile -t dual < <(subpaths dual)
mapfile -t esm_only < <(subpaths esm)

step "publint --strict" node_modules/.bin/publint run "$tarball" --strict --pack false
# publint exits 0 on warnings unless --strict; it also prints "All good!" when clean.
step "attw node16 (${dual[*]})" node_modules/.bin/attw "$tarball" --profile node16 \
  --entrypoints "${dual[@]}" --no-emoji --no-color --format table-flipped
step "attw esm-only (${esm_only[*]})" node_modules/.bin/attw "$tarball" --profile esm-only \
  --entrypoints "${esm_only[@]}" --no-emoji --no-color --format table-flipped

step "exports map: types first, targets present, types and JavaScript agree for require()" node - "$pkgdir" <<'JS'
// Resolves every subpath of "exports" the way Node (JS) and TypeScript (types) do, and
// reports a subpath whose types resolve for require() while its JavaScript doesn't.
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const resolve = (target, conditions) => {
  if (typeof target === 'string') return target;
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
const typesFirst = (target, where) => {
  if (!target || typeof target !== 'object') return;
  const keys = Object.keys(target);
  if (keys.includes('types') && keys[0] !== 'types') problems.push(`${where}: "types" is not the first condition`);
  for (const [k, v] of Object.entries(target)) typesFirst(v, `${where}.${k}`);
};
for (const [subpath, target] of Object.entries(pj.exports ?? {})) {
  typesFirst(target, subpath);
  if (subpath.endsWith('.json')) continue;
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
  const conditionSets = [['import', 'node'], ['require', 'node'], ['import', 'browser'], ['require', 'browser'], ['import', 'workerd'], ['import']];
  for (const conds of conditionSets) {
    for (const withTypes of [false, true]) {
      const r = resolve(target, withTypes ? ['types', ...conds] : conds);
      if (r && !fs.existsSync(path.join(dir, r))) problems.push(`${subpath} → ${r} (${conds.join('+')}) is not in the package`);
    }
  }
}
if (!Array.isArray(pj.sideEffects)) problems.push('"sideEffects" must list the files that initialise (false lets bundlers drop the init)');
for (const f of pj.sideEffects ?? []) if (!fs.existsSync(path.join(dir, f))) problems.push(`"sideEffects" names ${f}, which is not in the package`);
for (const p of new Set(problems)) console.error(`problem: ${p}`);
process.exit(problems.length ? 1 : 0);
JS

step "the entries offer the same names" node --input-type=module - "$pkgdir" <<'JS'
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const dir = process.argv[2];
const require = createRequire(path.join(dir, 'package.json'));
const pj = require('./package.json');
const at = (...keys) => keys.reduce((t, k) => t?.[k], pj.exports);
const file = (rel) => path.join(dir, rel);
const names = (mod, drop = []) => Object.keys(mod).filter((n) => !['__esModule', 'default', ...drop].includes(n)).sort().join(', ');
let ok = true;
const same = (what, a, b) => {
  console.log(`${what}: ${a === b ? 'same' : `differ\n  ${a}\n  ${b}`}`);
  if (a !== b) ok = false;
};
const nodeImport = names(await import(pathToFileURL(file(at('.', 'node', 'import', 'default'))).href));
same('. import (Node) / require', nodeImport, names(require(file(at('.', 'require', 'default')))));
same('. import (Node) / default (browsers, bundlers)', nodeImport, names(await import(pathToFileURL(file(at('.', 'default', 'default'))).href)));
same('. / ./slim less init, initSync', nodeImport, names(await import(pathToFileURL(file(at('./slim', 'import', 'default'))).href), ['init', 'initSync']));
for (const sub of ['./emulator', './redis']) {
  if (!at(sub)) {
    console.log(`${sub}: not in this package`);
    continue;
  }
  same(`${sub} import / require`, names(await import(pathToFileURL(file(at(sub, 'import', 'default'))).href)), names(require(file(at(sub, 'require', 'default')))));
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

# Nothing in the tarball may name the machine that built it: the build remaps the cargo home
# and the checkout (scripts/lib/wasm-build.sh), and the JS is ours. Searched in every file,
# the .wasm and its base64 copies decoded included.
step "no build-machine paths in the tarball" node - "$pkgdir" "$root" "${CARGO_HOME:-$HOME/.cargo}" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [dir, root, cargoHome] = process.argv.slice(2);
const needles = [root, cargoHome, `${path.dirname(cargoHome)}/`, 'registry/src/'];
const files = [];
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (f) => files.push(f))(path.join(d, e.name)); };
walk(dir);
const problems = [];
for (const file of files) {
  const bytes = fs.readFileSync(file);
  const texts = [bytes.toString('latin1')];
  // The entries inline the .wasm as base64: decode each long base64 string too.
  for (const m of texts[0].matchAll(/[A-Za-z0-9+/]{4096,}={0,2}/g)) texts.push(Buffer.from(m[0], 'base64').toString('latin1'));
  for (const text of texts) {
    for (const needle of needles) {
      if (needle && needle !== '/' && text.includes(needle)) problems.push(`${path.relative(dir, file)} holds "${needle}"`);
    }
  }
}
for (const p of [...new Set(problems)]) console.log(p);
process.exit(problems.length ? 1 : 0);
JS

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "check-package: failed: ${failed[*]}"
fi
echo "package-checks: $((steps - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
