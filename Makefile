# Every target sets up what is missing first (scripts/setup.sh is idempotent and quick
# when nothing is missing), so each works on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := test
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: setup lint test-rust test-wasm pkg test-emulator test-node test-types test-package test-size test-token test-reliability test-browser test-bundlers test-fuzz test demo demo-page bench

setup:
	@scripts/setup.sh

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --test wasm_boundary --target wasm32-unknown-unknown -- -D warnings

test-rust: setup
	cargo test

test-wasm: setup
	$(WASM_RUNNER) cargo test --target wasm32-unknown-unknown --test wasm_boundary --test wasm_decl

pkg: setup
	scripts/build-pkg.sh

test-emulator: setup
	node --test tests/emulator/*.test.mjs

test-node: pkg
	scripts/test-node.sh

test-types: pkg
	scripts/test-types.sh

test-package: pkg
	scripts/check-package.sh

test-token: pkg
	scripts/test-token.sh

test-reliability: pkg
	scripts/test-reliability.sh

test-cli: pkg
	scripts/test-cli.sh

test-redis: pkg
	scripts/test-redis.sh

test-size: pkg
	scripts/check-size.sh

test-browser: pkg
	node tests/browser/demo-page.test.mjs

# Installs its toolchains (tests/bundlers/package.json) under target/bundlers/ on first use.
test-bundlers: pkg
	node tests/bundlers/run.mjs

test: lint test-rust test-wasm test-emulator test-node test-types test-package test-size test-token test-reliability test-cli test-redis test-browser test-bundlers test-fuzz

demo: pkg
	scripts/demo.sh

demo-page: pkg
	node scripts/serve-demo.mjs

bench: pkg
	scripts/bench.sh

test-fuzz: setup
	scripts/fuzz.sh
