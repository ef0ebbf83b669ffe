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

cp "$gen/node/$crate.js" pkg/dist/node.cjs
cp "$gen/web/$crate.js" pkg/dist/web.js
# The declarations use `Symbol.dispose` (wasm-bindgen's `[Symbol.dispose]()` on classes),
# which a consumer's default lib lacks before ES2025: the reference line brings it in, so
# the types compile with skipLibCheck off. Prepended, the generated text is left as it is.
for pair in "node/$crate.d.ts:node.d.cts" "web/$crate.d.ts:web.d.ts"; do
  { echo '/// <reference lib="esnext.disposable" />'; cat "$gen/${pair%%:*}"; } >"pkg/dist/${pair##*:}"
done
cp -R pkg-template/. pkg/
cp LICENSE pkg/
mkdir -p pkg/emulator
cp emulator/*.mjs emulator/*.d.ts emulator/README.md pkg/emulator/

size() { printf '%s: %s bytes raw, %s bytes gzip\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }
size "wasm" "pkg/dist/${crate}_bg.wasm"
size "node glue" pkg/dist/node.cjs
size "web glue" pkg/dist/web.js
