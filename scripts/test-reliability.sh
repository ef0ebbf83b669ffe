#!/usr/bin/env bash
# The reliability and security suite (RELIABILITY.md) on the package as users get it: pkg/ is
# packed with `npm pack` (scripts/pack.sh), the tarball is installed into a throwaway ESM
# project (target/reliability-consumer/), tests/reliability/ and the shared canary helpers of
# tests/node/helpers.mjs are copied in, and `node --test` runs there on Node 20, one file at a
# time (the files measure deadlines, RSS and wasm memory; running them side by side on a small
# machine would only add noise). Then faults.test.mjs and fetch-guards.test.mjs, whose subject
# differs between Node's bundled undici and streams (timers, sockets, abort listeners,
# redirects, Response and ReadableStream), run once more on Node 22, 24 and 26. The `[figure]`
# lines the tests print are collected at the end. About two minutes in all. RELIABILITY.md lists every case and the test that proves it.
#   RELIABILITY_EXTRA_VERSIONS="" scripts/test-reliability.sh   # Node 20 only
# Needs pkg/ (`make pkg`); Node 22/24/26 come from scripts/setup.sh (target/node-versions/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
extra_versions=${RELIABILITY_EXTRA_VERSIONS-"22 24 26"}
# Files run again on the extra versions.
cross_files="faults.test.mjs fetch-guards.test.mjs"

. scripts/lib/consumer.sh

node20=$(node_for test-reliability 20)
declare -A bins
for v in $extra_versions; do bins[$v]=$(node_for test-reliability "$v"); done

# Own directories, so other test scripts packing at the same time never clobber the tarball.
packdir=target/reliability-pack
consumer=target/reliability-consumer
rm -rf "$packdir" "$consumer"
mkdir -p "$packdir" "$consumer"
tarball=$(scripts/pack.sh "$packdir")
echo "test-reliability: packed $(basename "$tarball")"

install_consumer "$consumer" wxcs-reliability-consumer module "$tarball"
cp tests/node/helpers.mjs "$consumer/helpers.mjs"
cp tests/reliability/*.mjs "$consumer/"

real=$(cd "$consumer" && node -p "require('fs').realpathSync(require.resolve('wx-cloudbase-service'))")
case "$real" in
  "$root/$consumer/node_modules/wx-cloudbase-service/"*) ;;
  *) echo "test-reliability: the consumer resolves the package to $real, not its own install" >&2; exit 1 ;;
esac

logs=$consumer/logs
mkdir -p "$logs"
run() { # label node-binary files...
  local label=$1 bin=$2
  shift 2
  echo
  echo "=== $label ($("$bin" --version)): $* ==="
  # One file at a time: the files measure deadlines, memory and RSS.
  run_counted "$label" "$logs/$label.log" "$consumer" "$bin" --test-concurrency=1 "$@"
}

# shellcheck disable=SC2046
run node20 "$node20" $(cd "$consumer" && ls ./*.test.mjs)
for v in $extra_versions; do
  # shellcheck disable=SC2046
  run "node$v" "${bins[$v]}" $(for f in $cross_files; do printf './%s ' "$f"; done)
done

echo
echo "test-reliability: figures printed by the tests (also in $logs/):"
for log in "$logs"/*.log; do
  echo "  $(basename "$log" .log):"
  grep -h '^\[figure\]' "$log" | sed 's/^\[figure\]/   /' || true
done
report_runs test-reliability reliability-tests "$logs"
