#!/usr/bin/env bash
# Node tests of the packed package, used exactly as a user would: `npm pack` pkg/, install the
# tarball in two throwaway consumer projects (ESM "type": "module" and CommonJS) under
# target/node-consumers/, copy tests/node/ in, and run `node --test` there on Node 18, 20
# and 22. Node 20 is the machine's; 18 and 22 come from scripts/setup.sh
# (target/node-versions/MAJOR/bin/node). A missing version fails the run.
#   NODE_TEST_VERSIONS="20" scripts/test-node.sh   # a subset, for a quick local run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
versions=${NODE_TEST_VERSIONS:-"18 20 22"}

. scripts/lib/consumer.sh

declare -A bins
for v in $versions; do bins[$v]=$(node_for test-node "$v"); done

work=target/node-consumers
rm -rf "$work"
mkdir -p "$work"
tarball=$(scripts/pack.sh "$work")
echo "test-node: packed $(basename "$tarball")"

make_consumer() { # name type-field test-glob
  local dir=$work/$1
  install_consumer "$dir" "wxcs-node-consumer-$1" "$2" "$tarball"
  cp tests/node/helpers.mjs "$dir/"
  # shellcheck disable=SC2086
  cp tests/node/$3 "$dir/"
}
make_consumer esm module '*.test.mjs'
make_consumer cjs commonjs '*.test.cjs'

# The package must come from the tarball, not from the repository.
for c in esm cjs; do
  real=$(cd "$work/$c" && node -p "require('fs').realpathSync(require.resolve('wx-cloudbase-service'))")
  case "$real" in
    "$root/$work/$c/node_modules/wx-cloudbase-service/"*) ;;
    *) echo "test-node: $c consumer resolves the package to $real, not its own install" >&2; exit 1 ;;
  esac
done

logs=$work/logs
mkdir -p "$logs"
failed_runs=()
total_pass=0
total_fail=0
summary=()
for v in $versions; do
  for c in esm cjs; do
    log=$logs/node$v-$c.log
    echo
    echo "=== Node $v ($("${bins[$v]}" --version)), $c consumer ==="
    start=$(date +%s)
    set +e
    (cd "$work/$c" && "${bins[$v]}" --test --test-reporter=spec $(ls *.test.mjs *.test.cjs 2>/dev/null)) 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    secs=$(( $(date +%s) - start ))
    pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
    fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
    pass=${pass:-0}
    fail=${fail:-0}
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    summary+=("Node $v $c: $pass passed, $fail failed, ${secs}s")
    if [ "$rc" != 0 ] || [ "$fail" != 0 ] || [ "$pass" = 0 ]; then failed_runs+=("Node $v $c"); fi
    if [ "$secs" -gt 60 ]; then echo "test-node: warning: Node $v $c took ${secs}s (budget 60s)" >&2; fi
  done
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed_runs[@]} -gt 0 ]; then
  echo "test-node: failed: ${failed_runs[*]} (logs in $logs)" >&2
fi
echo "node-tests: $total_pass passed, $total_fail failed"
[ ${#failed_runs[@]} -eq 0 ]
