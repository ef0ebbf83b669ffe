#!/usr/bin/env bash
# Builds the npm package in pkg/: one release wasm, wasm-bindgen's web glue (ESM with
# initSync, the only glue: every runtime uses it), wasm-opt, then pkg-template/ and the
# entry files scripts/lib/entries.mjs makes from the build's exports (esbuild bundles the
# self-initialising ones). wasm-pack is not used: it cannot emit these entries nor an
# exports map. Nothing changed since the last build (the wasm, pkg-template/, emulator/,
# these scripts, the tools): pkg/ is left as it is, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

crate=wx_cloudbase_service
gen=target/wasm-bindgen
stage=target/pkg-stage
stamp_file=target/build-pkg.stamp
. scripts/lib/wasm-build.sh
wasm_release_build
raw=target/wasm32-unknown-unknown/release/$crate.wasm

stamp=$(
  {
    sha256sum "$raw" LICENSE scripts/build-pkg.sh scripts/lib/entries.mjs scripts/lib/checks.mjs scripts/lib/calls-doc.mjs
    find pkg-template emulator -type f -print0 | sort -z | xargs -0 sha256sum
    wasm-bindgen --version
    cat node_modules/esbuild/package.json node_modules/binaryen/package.json
  } | sha256sum | cut -c1-32
)
if [ -f pkg/package.json ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
  echo "build-pkg: pkg/ is up to date"
  exit 0
fi

rm -rf "$gen" "$stage"
wasm-bindgen --target web --out-dir "$gen" "$raw"

# wasm-opt takes seconds; its output is kept per input, so an unchanged wasm skips it.
opt_dir=target/wasm-opt
opt=$opt_dir/$(sha256sum "$gen/${crate}_bg.wasm" | cut -c1-32).wasm
if [ ! -f "$opt" ]; then
  rm -rf "$opt_dir"
  mkdir -p "$opt_dir"
  # Features the Rust toolchain's wasm32 target emits by default; wasm-opt must accept them.
  node_modules/.bin/wasm-opt -Os \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$gen/${crate}_bg.wasm" -o "$opt.tmp"
  mv "$opt.tmp" "$opt"
fi

# Staged under target/, moved into place at the end, so pkg/ is never half-built for long.
mkdir -p "$stage"
cp -R pkg-template/. "$stage/"
cp LICENSE "$stage/"
cp "$opt" "$stage/dist/${crate}_bg.wasm"
# wasm-bindgen's glue, unedited, and the JS snippets it imports (#[wasm_bindgen(module = …)]),
# shipped beside it for ./slim and workerd; the self-initialising entries bundle them.
cp "$gen/$crate.js" "$stage/dist/"
if [ -d "$gen/snippets" ]; then cp -R "$gen/snippets" "$stage/dist/"; fi
# The declarations use `Symbol.dispose` (wasm-bindgen's `[Symbol.dispose]()` on classes),
# which a consumer's default lib lacks before ES2025: the reference line brings it in, so
# the types compile with skipLibCheck off. Prepended, the generated text is left as it is.
{ echo '/// <reference lib="esnext.disposable" />'; cat "$gen/$crate.d.ts"; } >"$stage/dist/$crate.d.ts"

mkdir -p "$stage/emulator"
cp emulator/*.mjs emulator/*.d.ts emulator/README.md "$stage/emulator/"
# require() branches need CommonJS declarations: the same text as .d.cts (the emulator's
# and, once pkg-template/redis/ exists, the Redis stores', unless that folder ships its own).
cp "$stage/emulator/index.d.ts" "$stage/emulator/index.d.cts"
if [ -f "$stage/redis/index.d.ts" ] && [ ! -f "$stage/redis/index.d.cts" ]; then
  cp "$stage/redis/index.d.ts" "$stage/redis/index.d.cts"
fi

node scripts/lib/entries.mjs "$stage"
# Bundled into dist/browser.js and dist/node.cjs; nothing imports it at run time.
rm "$stage/dist/inline-wasm.js"

# The per-call reference, generated from this build's declarations (describeCalls).
node scripts/lib/calls-doc.mjs "$stage" >"$stage/CALLS.md"

rm -rf target/pkg.old
if [ -d pkg ]; then mv pkg target/pkg.old; fi
mv "$stage" pkg
rm -rf target/pkg.old
echo "$stamp" >"$stamp_file"

scripts/check-size.sh --report
