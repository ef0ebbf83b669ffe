# Every target sets up what it is missing first (scripts/setup.sh LAYER…: idempotent and quick
# when nothing is missing), and only the layers it uses, so each works on a fresh machine and
# `make demo` installs no browser, Redis or extra Node. tests/README.md lists the layers.
SHELL := /bin/bash
.DEFAULT_GOAL := test
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: setup lint test-rust test-wasm pkg test-emulator test-node test-types test-package test-size test-token test-reliability test-cli test-redis test-browser test-bundlers test-fuzz test demo demo-page bench

# Everything any target needs.
setup:
	@scripts/setup.sh all

lint:
	@scripts/setup.sh core
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --test wasm_boundary --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test

test-wasm:
	@scripts/setup.sh core
	$(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test wasm_boundary --test wasm_decl

pkg:
	@scripts/setup.sh core
	scripts/build-pkg.sh

test-emulator:
	@scripts/setup.sh core
	node --test tests/emulator/*.test.mjs

test-node: pkg
	@scripts/setup.sh node-versions
	scripts/test-node.sh

test-types: pkg
	scripts/test-types.sh

test-package: pkg
	scripts/check-package.sh

test-size: pkg
	scripts/check-size.sh

test-token: pkg
	scripts/test-token.sh

test-reliability: pkg
	@scripts/setup.sh node-versions
	scripts/test-reliability.sh

# The CLI on every supported Node (CLI_NODE_VERSIONS=20 for a quick loop).
test-cli: pkg
	@scripts/setup.sh node-versions
	CLI_NODE_VERSIONS="$${CLI_NODE_VERSIONS:-20 22 24 26}" scripts/test-cli.sh

test-redis: pkg
	@scripts/setup.sh redis
	scripts/test-redis.sh

test-browser: pkg
	@scripts/setup.sh browser
	node tests/browser/demo-page.test.mjs

# Installs its toolchains (tests/bundlers/package.json) under target/bundlers/ on first use.
test-bundlers: pkg
	@scripts/setup.sh browser
	node tests/bundlers/run.mjs

test-fuzz:
	@scripts/setup.sh fuzz
	scripts/fuzz.sh

test: lint test-rust test-wasm test-emulator test-node test-types test-package test-size test-token test-reliability test-cli test-redis test-browser test-bundlers test-fuzz

demo: pkg
	scripts/demo.sh

demo-page: pkg
	node scripts/serve-demo.mjs

bench: pkg
	scripts/bench.sh
