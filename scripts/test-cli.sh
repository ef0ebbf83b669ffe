#!/usr/bin/env bash
# Tests of the CLI (bin wx-cloudbase-service) as a user gets it: `npm pack` pkg/, install the
# tarball into a throwaway consumer under target/cli-consumer/, copy tests/cli/ in, and run
# `node --test` there; the tests start the package's own emulator and run the installed CLI
# as a child process. Ends with the line `cli: N passed, M failed`.
#   CLI_NODE_VERSIONS="20 22" scripts/test-cli.sh   # default: the machine's node
#   CLI_TEST_CONCURRENCY=1 scripts/test-cli.sh       # test files at once (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

. scripts/lib/consumer.sh

if [ ! -f pkg/package.json ]; then
  echo "test-cli: pkg/ is missing: build the package first (make pkg)" >&2
  exit 1
fi

versions=${CLI_NODE_VERSIONS:-$(node -p 'process.versions.node.split(".")[0]')}
declare -A bins
for v in $versions; do bins[$v]=$(node_for test-cli "$v"); done

work=target/cli-consumer
rm -rf "$work"
mkdir -p "$work"
tarball=$(scripts/pack.sh "$work")
echo "test-cli: packed $(basename "$tarball")"
app=$work/app
install_consumer "$app" wxcs-cli-consumer module "$tarball"
installed=$app/node_modules/wx-cloudbase-service

# Until package.json ships bin/ ("bin" and "files"), the CLI is put beside the installed
# package, where it resolves the package by its own name exactly as when shipped. Once it
# ships, the packed copy is tested, and it must be this tree's (else pkg/ is stale).
if [ -f "$installed/bin/cli.mjs" ]; then
  if ! diff -r pkg-template/bin "$installed/bin" >/dev/null; then
    echo "test-cli: the packed bin/ differs from pkg-template/bin/: rebuild the package (make pkg)" >&2
    exit 1
  fi
  echo "test-cli: testing the bin/ the package ships"
else
  echo "test-cli: the package does not ship bin/ yet: copying pkg-template/bin/ into the installed package"
  cp -R pkg-template/bin "$installed/bin"
fi
cp tests/cli/*.mjs "$app/"

logs=$work/logs
mkdir -p "$logs"
for v in $versions; do
  echo
  echo "=== Node $v ($("${bins[$v]}" --version)) ==="
  # Most of a test is waiting on a child process or the emulator, so files run side by side
  # even where node --test would run one at a time (it defaults to one file per core less one).
  # shellcheck disable=SC2046
  run_counted "Node $v" "$logs/node$v.log" "$app" "${bins[$v]}" --test-concurrency="${CLI_TEST_CONCURRENCY:-3}" \
    $(cd "$app" && ls *.test.mjs)
done

report_runs test-cli cli "$logs"
