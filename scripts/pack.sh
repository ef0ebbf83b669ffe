#!/usr/bin/env bash
# Packs pkg/ with `npm pack` and prints the tarball's absolute path (the only line on stdout).
#   scripts/pack.sh DEST_DIR
# pkg/ may be rebuilt by someone else at the same moment, so it is copied first and the copy
# is checked: every file that package.json points at must be there, or this fails with a
# message to rerun (`make pkg`).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: scripts/pack.sh DEST_DIR}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

if [ ! -f pkg/package.json ]; then
  echo "pack: pkg/package.json is missing: build the package first (make pkg)" >&2
  exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/wxcs-pack.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -R pkg/. "$stage/"

# Every target of main/types/exports/bin must exist in the copy.
node - "$stage" <<'JS' >&2
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const targets = new Set();
const walk = (v) => {
  if (typeof v === 'string') targets.add(v);
  else if (v && typeof v === 'object') Object.values(v).forEach(walk);
};
walk(pj.exports);
walk(pj.main);
walk(pj.types);
walk(pj.bin);
const missing = [...targets].filter((t) => !fs.existsSync(path.join(dir, t)));
if (missing.length) {
  console.error(`pack: pkg/ looks half-built (missing ${missing.join(', ')}); rerun make pkg`);
  process.exit(1);
}
JS

tgz=$(cd "$stage" && npm pack --silent --ignore-scripts --pack-destination "$dest" | tail -n 1)
[ -f "$dest/$tgz" ] || { echo "pack: npm pack did not produce a tarball" >&2; exit 1; }
echo "$dest/$tgz"
