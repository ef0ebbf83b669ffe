# Shared by the scripts that test the packed package in throwaway consumer projects.
# Source it after `cd` to the repository root; it reads $root.

# The node binary of one major version: the machine's own, or the one scripts/setup.sh
# unpacked into target/node-versions/MAJOR/. Fails (naming the caller) when neither fits.
node_for() { # caller major
  local caller=$1 major=$2 bin
  if [ -x "target/node-versions/$major/bin/node" ]; then
    bin="$root/target/node-versions/$major/bin/node"
  else
    bin=$(command -v node || true)
  fi
  if [ -z "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^v$major\."; then
    echo "$caller: no Node $major (expected the machine's node or target/node-versions/$major/bin/node; run scripts/setup.sh)" >&2
    return 1
  fi
  echo "$bin"
}

# A consumer project at DIR with a package.json of NAME and TYPE ("module" or "commonjs"),
# the tarball installed into it as a user would install it.
install_consumer() { # dir name type tarball
  mkdir -p "$1"
  printf '{ "name": "%s", "private": true, "type": "%s" }\n' "$2" "$3" >"$1/package.json"
  (cd "$1" && npm install --silent --no-audit --no-fund --no-package-lock "$4")
}

# Tallies of `node --test` runs, for one summary line at the end.
runs_failed=()
runs_summary=()
runs_pass=0
runs_fail=0
runs_secs=0

# Runs `node --test --test-reporter=spec ARGS…` in DIR with BIN, copies its output to LOG,
# and counts its passes and failures. A run that exits non-zero, fails a test or passes none
# counts as failed. Leaves the run's duration in $runs_secs.
run_counted() { # label log dir bin args...
  local label=$1 log=$2 dir=$3 bin=$4 start rc pass fail
  shift 4
  start=$(date +%s)
  set +e
  (cd "$dir" && "$bin" --test --test-reporter=spec "$@") 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  runs_secs=$(($(date +%s) - start))
  pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  pass=${pass:-0}
  fail=${fail:-0}
  runs_pass=$((runs_pass + pass))
  runs_fail=$((runs_fail + fail))
  runs_summary+=("$label: $pass passed, $fail failed, ${runs_secs}s")
  if [ "$rc" != 0 ] || [ "$fail" != 0 ] || [ "$pass" = 0 ]; then runs_failed+=("$label"); fi
}

# Prints every run's line and the closing `NAME: N passed, N failed`; fails if any run did.
report_runs() { # caller name logs
  echo
  printf '%s\n' "${runs_summary[@]}"
  if [ ${#runs_failed[@]} -gt 0 ]; then
    echo "$1: failed: ${runs_failed[*]} (logs in $3)" >&2
  fi
  echo "$2: $runs_pass passed, $runs_fail failed"
  [ ${#runs_failed[@]} -eq 0 ]
}
