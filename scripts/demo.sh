#!/usr/bin/env bash
# make demo: installs the packed npm package into a fresh project (target/demo-app/) and
# runs the main job there (examples/cloud-run-job.mjs: environment, service, version,
# release, list, then a refused request, one line each, against the bundled emulator), so
# the example imports 'wx-cloudbase-service' exactly as a user's code would.
# `make pkg` has built pkg/ already.
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/package.json pkg/dist/node.mjs pkg/dist/node.cjs pkg/dist/wx_cloudbase_service_bg.wasm pkg/emulator/index.mjs; do
  [ -f "$f" ] || { echo "demo: $f is missing; run make pkg" >&2; exit 1; }
done

root=$(pwd)
. scripts/lib/consumer.sh
app=target/demo-app
rm -rf "$app"
# scripts/pack.sh packs a checked copy of pkg/; the package has no dependencies, so
# installing the tarball needs no network.
tarball=$(scripts/pack.sh "$app")
install_consumer "$app" wx-cloudbase-service-demo-app module "$tarball"
version=$(node -p "require('./$app/node_modules/wx-cloudbase-service/package.json').version")
cp examples/*.mjs "$app/"

echo "demo: installed wx-cloudbase-service@$version into $app/"
echo "demo: node cloud-run-job.mjs   (examples/cloud-run-job.mjs, Node $(node --version))"
(cd "$app" && node cloud-run-job.mjs)

echo
echo "More: (cd $app && node create-service.mjs)   one call, its redacted curl and a refused body"
echo "      (cd $app && npx wx-cloudbase-service calls)   the CLI"
echo "      make demo-page   the request-builder page (www-demo/) with the emulator on one origin"
