#!/usr/bin/env bash
# Node tests of the packed package, used exactly as a user would: `npm pack` pkg/, install the
# tarball in two throwaway consumer projects (ESM "type": "module" and CommonJS) under
# target/node-consumers/, copy tests/node/ in, and run `node --test` there on every Node the
# package supports (package.json "engines": >=20): 20, 22, 24 and 26, the machine's own and
# the ones scripts/setup.sh unpacked (target/node-versions/MAJOR/bin/node). A missing version
# fails the run.
#   NODE_TEST_VERSIONS="20" scripts/test-node.sh   # a subset, for a quick local run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
versions=${NODE_TEST_VERSIONS:-"20 22 24 26"}

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
# examples.test.mjs runs examples/ as a user would: the files beside the installed package,
# and express (a dev dependency of this repository, linked in) for the Express example.
cp -R examples "$work/esm/examples"
[ -d node_modules/express ] || { echo "test-node: node_modules/express is missing: run npm ci" >&2; exit 1; }
ln -s "$root/node_modules/express" "$work/esm/node_modules/express"

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
for v in $versions; do
  for c in esm cjs; do
    echo
    echo "=== Node $v ($("${bins[$v]}" --version)), $c consumer ==="
    # shellcheck disable=SC2046
    run_counted "Node $v $c" "$logs/node$v-$c.log" "$work/$c" "${bins[$v]}" \
      $(cd "$work/$c" && ls *.test.mjs *.test.cjs 2>/dev/null)
    if [ "$runs_secs" -gt 60 ]; then echo "test-node: warning: Node $v $c took ${runs_secs}s (budget 60s)" >&2; fi
  done
done

report_runs test-node node-tests "$logs"
