#!/usr/bin/env bash
# Node tests of ComponentTokenManager against the emulator, on the package as users get it:
# pkg/ is packed with `npm pack`, the tarball is installed into a throwaway ESM project
# (target/token-consumer/), tests/token/consumer.ts is type-checked there and
# tests/token/*.test.mjs run there. Prints the token request counts the tests observed.
# Needs pkg/ (`make pkg`) and the npm dev tools (scripts/setup.sh) for tsc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Own directories (not target/ itself), so other test scripts packing at the same time never
# clobber this tarball. scripts/pack.sh refuses a half-built pkg/.
packdir=target/token-pack
consumer=target/token-consumer
rm -rf "$packdir" "$consumer"
mkdir -p "$packdir" "$consumer"
tarball=$(scripts/pack.sh "$packdir")
echo "test-token: packed $(basename "$tarball")"

. scripts/lib/consumer.sh
install_consumer "$consumer" token-consumer module "$tarball"
cp tests/token/*.mjs tests/token/consumer.ts "$consumer/"
cp tests/node/helpers.mjs "$consumer/node-helpers.mjs"

# The declarations: the manager is an `accessToken`, its options and store are typed.
# `esnext` for the `Symbol.dispose` of wasm-bindgen's classes, `dom` for AbortSignal.
(cd "$consumer" && "$root/node_modules/.bin/tsc" --strict --noEmit --skipLibCheck false \
  --module nodenext --moduleResolution nodenext --target es2022 --lib esnext,dom consumer.ts)
echo "test-token: consumer.ts type-checks (tsc --strict, nodenext)"

counts=$root/$consumer/token-requests.jsonl
: >"$counts"
status=0
(cd "$consumer" && TOKEN_COUNTS_FILE="$counts" node --test ./*.test.mjs) || status=$?

echo
echo "test-token: what the tests observed (token requests to the emulator's token endpoint):"
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
for (const line of lines) {
  const { test, ...counts } = JSON.parse(line);
  const shown = Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(" ");
  console.log(`  ${test}\n      ${shown}`);
}
if (lines.length === 0) console.log("  (none recorded)");
' "$counts"
exit $status
