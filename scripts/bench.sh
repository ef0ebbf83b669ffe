#!/usr/bin/env bash
# `make bench` (after `make pkg`): the benchmarks of issue 6, each in a fresh Node process,
# printed as one table (BENCHMARKS.md explains the method). Takes about two minutes.
# BENCH_ROUNDS, BENCH_BATCH_MS, BENCH_COLD_RUNS, BENCH_E2E_ROUNDS and BENCH_MEMORY_CALLS
# shorten or lengthen a run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/dist/node.mjs ] || { echo "bench: pkg/ is missing; run make pkg" >&2; exit 1; }
[ -d node_modules/ajv ] && [ -d node_modules/zod ] || { echo "bench: ajv or zod missing; run scripts/setup.sh" >&2; exit 1; }
exec node bench/run.mjs
