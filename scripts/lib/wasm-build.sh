# Sourced by scripts/build-pkg.sh and scripts/check-size.sh: the one release build of the
# wasm, so the package and the size probes are built alike. The remaps keep the build
# machine's directories (the cargo home and its registry folder, the checkout) out of the
# panic locations the .wasm carries: the shipped file names `deps/<crate>/src/…` and
# `src/…` instead, whoever built it. They are joined to the rustflags of .cargo/config.toml.
wasm_release_build() { # [cargo args...]
  local cargo_home=${CARGO_HOME:-$HOME/.cargo} flags=() dir
  for dir in "$cargo_home"/registry/src/*/ "$cargo_home"/git/checkouts/; do
    [ -d "$dir" ] && flags+=("\"--remap-path-prefix=${dir%/}=deps\"")
  done
  flags+=("\"--remap-path-prefix=$PWD=.\"")
  local joined
  joined=$(IFS=,; echo "${flags[*]}")
  cargo build --release --lib --target wasm32-unknown-unknown \
    --config "target.wasm32-unknown-unknown.rustflags=[$joined]" "$@"
}
