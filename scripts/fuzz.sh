#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer, nightly) of the pure core for a bounded
# time: FUZZ_SECONDS per target (default 20, four targets: every call's bodies, every call's
# answers, base URLs and tokens, pushes). A panic, a failed assertion or
# a leaked secret fails the run and leaves a reproducer under fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}

# cargo-fuzz needs the nightly toolchain the machine ships with. Where it is missing, the
# same properties run as proptest suites with a large case count instead, bounded in time.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain here; running the property tests with 20,000 cases each instead"
  PROPTEST_CASES=20000 timeout $((seconds * 4 + 120)) cargo test --release \
    --test validate_props --test response_parse --test request_build --test secrets_canary --test push_props
  exit 0
fi
log=target/fuzz.log
mkdir -p target
for target in validate_build parse_response parse_options push; do
  corpus=target/fuzz-corpus/$target
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s"
  rc=0
  cargo +nightly fuzz run -O "$target" "$corpus" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 >"$log" 2>&1 || rc=$?
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target failed (exit $rc); reproducers, if any, are in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: 4 passed, 0 failed"
