#!/usr/bin/env bash
# `make bench` (after `make pkg`): the benchmarks of issue 15, each in a fresh Node process,
# printed as tables with each goal beside its figure (BENCHMARKS.md explains the method).
# About four minutes, plus a minute for the size probe builds when the sources changed.
# BENCH_ROUNDS, BENCH_BATCH_MS, BENCH_COLD_RUNS, BENCH_E2E_ROUNDS, BENCH_E2E_SCALE,
# BENCH_MEMORY_CALLS and BENCH_MEMORY_NETWORK_CALLS shorten or lengthen a run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/dist/node.mjs ] || { echo "bench: pkg/ is missing; run make pkg" >&2; exit 1; }
[ -d node_modules/ajv ] && [ -d node_modules/zod ] && [ -d node_modules/esbuild ] || { echo "bench: ajv, zod or esbuild missing; run scripts/setup.sh" >&2; exit 1; }
exec node bench/run.mjs
