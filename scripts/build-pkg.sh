#!/usr/bin/env bash
# Builds the npm package in pkg/: one release wasm, wasm-bindgen's nodejs and web glue,
# wasm-opt, then the hand-written entry files and package.json from pkg-template/.
# wasm-pack is not used: it cannot emit a Node ESM entry nor an exports map.
set -euo pipefail
cd "$(dirname "$0")/.."

crate=wx_cloudbase_service
gen=target/wasm-bindgen
cargo build --release --lib --target wasm32-unknown-unknown
raw=target/wasm32-unknown-unknown/release/$crate.wasm

rm -rf "$gen" pkg
wasm-bindgen --target nodejs --out-dir "$gen/node" "$raw"
wasm-bindgen --target web --out-dir "$gen/web" "$raw"
# One .wasm serves both glues; if wasm-bindgen ever made them differ, shipping one would
# break one of the two targets.
cmp -s "$gen/node/${crate}_bg.wasm" "$gen/web/${crate}_bg.wasm" || {
  echo "build-pkg: nodejs and web builds produced different .wasm files" >&2
  exit 1
}

mkdir -p pkg/dist
# Features the Rust toolchain's wasm32 target emits by default; wasm-opt must accept them.
node_modules/.bin/wasm-opt -Os \
  --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$gen/node/${crate}_bg.wasm" -o "pkg/dist/${crate}_bg.wasm"

# wasm-bindgen's glue, unedited. The entry files node.cjs and web.js (pkg-template/) re-export
# it with fast.js's fast paths, so its declarations describe them.
cp "$gen/node/$crate.js" "pkg/dist/$crate.cjs"
cp "$gen/web/$crate.js" "pkg/dist/$crate.js"
# The declarations use `Symbol.dispose` (wasm-bindgen's `[Symbol.dispose]()` on classes),
# which a consumer's default lib lacks before ES2025: the reference line brings it in, so
# the types compile with skipLibCheck off. Prepended, the generated text is left as it is.
for pair in "node/$crate.d.ts:node.d.cts" "web/$crate.d.ts:web.d.ts"; do
  { echo '/// <reference lib="esnext.disposable" />'; cat "$gen/${pair%%:*}"; } >"pkg/dist/${pair##*:}"
done
cp -R pkg-template/. pkg/
cp LICENSE pkg/
# The CommonJS twin of fast.js: the same code, its one export statement (the last line)
# turned into module.exports.
last=$(tail -n 1 pkg/dist/fast.js)
[ "$last" = "export { bindFast };" ] || {
  echo "build-pkg: fast.js must end with 'export { bindFast };' (found '$last')" >&2
  exit 1
}
{
  echo "'use strict';"
  sed '$d' pkg/dist/fast.js
  echo "module.exports = { bindFast };"
} >pkg/dist/fast.cjs
# wasm-bindgen's JS snippets (the error classes) sit beside each glue.
cp -R "$gen/web/snippets" pkg/dist/
# node.cjs lists its exports one by one (so Node's ESM loader sees them); it must list
# exactly the build's public ones (the `__wx` ones are fast.js's internals).
node -e '
  const dir = process.argv[1];
  const want = [...Object.keys(require(`${dir}/wx_cloudbase_service.cjs`)).filter((n) => !n.startsWith("__wx")), "nodePushHandler"].sort();
  const have = Object.keys(require(`${dir}/node.cjs`)).sort();
  if (want.join() !== have.join()) {
    console.error(`build-pkg: pkg-template/dist/node.cjs exports [${have}] but the build exports [${want}]; update node.cjs, web.js and browser.js`);
    process.exit(1);
  }' "$PWD/pkg/dist"
mkdir -p pkg/emulator
cp emulator/*.mjs emulator/*.d.ts emulator/README.md pkg/emulator/

scripts/check-size.sh --report
