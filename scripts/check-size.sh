#!/usr/bin/env bash
# Size budget of the npm package (issue 6): gzip -9 of the .wasm and of the JS each kind of
# consumer loads, checked against the budgets below. Deterministic: it measures the files in
# pkg/ (run `make pkg` first) and nothing else.
#   scripts/check-size.sh            prints the figures; exits 1 when one is over budget
#   scripts/check-size.sh --report   prints the figures only (build-pkg.sh uses this)
set -euo pipefail
cd "$(dirname "$0")/.."

# Budgets in bytes, gzip -9: the figures measured when they were set plus about 3%, so a
# regression fails. The wasm one is far above issue 6's goal (50 KB): BENCHMARKS.md says what
# the bytes are and what would close the gap. Raise a budget only with a line there saying why.
WASM_GZIP_BUDGET=155000     # measured 152,474
# The self-initialising entries carry the .wasm as base64, which gzips about 30% worse than
# the raw bytes: each is the wasm's figure plus that, plus the glue. A consumer loads one.
INLINED_ESM_GZIP_BUDGET=214500 # dist/browser.js, measured 208,158
INLINED_CJS_GZIP_BUDGET=215500 # dist/node.cjs + node.mjs, measured 208,909
# ./slim and workerd: the glue, its snippets, the wrapper and the entry; the .wasm apart.
SLIM_JS_GZIP_BUDGET=11600   # measured 11,254 (the former web JS, 9,958, plus slim-loader.js)

dist=pkg/dist
crate=wx_cloudbase_service
[ -f "$dist/${crate}_bg.wasm" ] || { echo "check-size: $dist/${crate}_bg.wasm is missing; run make pkg" >&2; exit 1; }

gz() { gzip -9nc "$1" | wc -c; }
sum_gz() { local total=0 f; for f in "$@"; do total=$((total + $(gz "$f"))); done; echo "$total"; }
sum_raw() { local total=0 f; for f in "$@"; do total=$((total + $(wc -c <"$f"))); done; echo "$total"; }

# Whichever fast-path wrapper the build shipped, and any snippets the glue imports.
mapfile -t slim_js < <(
  ls "$dist/$crate.js" "$dist/web.js" "$dist/slim-loader.js"
  ls "$dist/fast.js" "$dist/build-request.js" 2>/dev/null || true
  [ ! -d "$dist/snippets" ] || find "$dist/snippets" -name '*.js' | sort
)
esm_js=("$dist/browser.js")
cjs_js=("$dist/node.cjs" "$dist/node-exports.cjs" "$dist/node.mjs")

status=0
line() { # name, files...
  local name=$1 budget=$2 raw gzip verdict="ok"
  shift 2
  raw=$(sum_raw "$@")
  gzip=$(sum_gz "$@")
  if [ "$gzip" -gt "$budget" ]; then verdict="OVER BUDGET"; status=1; fi
  printf '%-12s %8s bytes raw %8s bytes gzip   budget %8s   %s\n' "$name" "$raw" "$gzip" "$budget" "$verdict"
}
line "wasm" "$WASM_GZIP_BUDGET" "$dist/${crate}_bg.wasm"
line "inlined ESM" "$INLINED_ESM_GZIP_BUDGET" "${esm_js[@]}"
line "inlined CJS" "$INLINED_CJS_GZIP_BUDGET" "${cjs_js[@]}"
line "slim JS" "$SLIM_JS_GZIP_BUDGET" "${slim_js[@]}"

if [ "${1:-}" = "--report" ]; then exit 0; fi
if [ "$status" -ne 0 ]; then echo "check-size: over budget (see BENCHMARKS.md for what drives each figure)" >&2; fi
exit "$status"
