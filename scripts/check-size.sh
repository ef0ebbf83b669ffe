#!/usr/bin/env bash
# Size budget of the npm package (issue 6): gzip -9 of the .wasm and of the JS each target
# loads, checked against the budgets below. Deterministic: it measures the files in pkg/
# (run `make pkg` first) and nothing else.
#   scripts/check-size.sh            prints the figures; exits 1 when one is over budget
#   scripts/check-size.sh --report   prints the figures only (build-pkg.sh uses this)
set -euo pipefail
cd "$(dirname "$0")/.."

# Budgets in bytes, gzip -9: the figures measured when they were set plus about 3%, so a
# regression fails. They are far above issue 6's goals (.wasm 50 KB, glue 6 KB):
# BENCHMARKS.md says what the bytes are and what would close the gap. Raise a budget only
# with a line there saying why.
WASM_GZIP_BUDGET=155000  # measured 150,327
NODE_JS_GZIP_BUDGET=9500 # measured 9,180
WEB_JS_GZIP_BUDGET=10300 # measured 9,958

dist=pkg/dist
crate=wx_cloudbase_service
[ -f "$dist/${crate}_bg.wasm" ] || { echo "check-size: $dist/${crate}_bg.wasm is missing; run make pkg" >&2; exit 1; }

gz() { gzip -9nc "$1" | wc -c; }
# The JS a target loads: wasm-bindgen's glue plus the entry files around it.
node_js=("$dist/$crate.cjs" "$dist/node.cjs" "$dist/node.mjs" "$dist/fast.cjs")
web_js=("$dist/$crate.js" "$dist/web.js" "$dist/browser.js" "$dist/fast.js")
sum_gz() { local total=0 f; for f in "$@"; do total=$((total + $(gz "$f"))); done; echo "$total"; }
sum_raw() { local total=0 f; for f in "$@"; do total=$((total + $(wc -c <"$f"))); done; echo "$total"; }

wasm_raw=$(wc -c <"$dist/${crate}_bg.wasm")
wasm_gz=$(gz "$dist/${crate}_bg.wasm")
node_gz=$(sum_gz "${node_js[@]}")
web_gz=$(sum_gz "${web_js[@]}")

status=0
line() { # name, raw, gzip, budget
  local verdict="ok"
  if [ "$3" -gt "$4" ]; then verdict="OVER BUDGET"; status=1; fi
  printf '%-10s %8s bytes raw %8s bytes gzip   budget %8s   %s\n' "$1" "$2" "$3" "$4" "$verdict"
}
line "wasm" "$wasm_raw" "$wasm_gz" "$WASM_GZIP_BUDGET"
line "node JS" "$(sum_raw "${node_js[@]}")" "$node_gz" "$NODE_JS_GZIP_BUDGET"
line "web JS" "$(sum_raw "${web_js[@]}")" "$web_gz" "$WEB_JS_GZIP_BUDGET"

if [ "${1:-}" = "--report" ]; then exit 0; fi
if [ "$status" -ne 0 ]; then echo "check-size: over budget (see BENCHMARKS.md for what drives each figure)" >&2; fi
exit "$status"
