#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing, so `make` targets
# can call it every time. Safe to run on a fresh machine and on a warm one.
set -euo pipefail
cd "$(dirname "$0")/.."

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

if [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev tools"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if [ "${SETUP_BROWSER:-1}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
