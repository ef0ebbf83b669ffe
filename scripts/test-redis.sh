#!/usr/bin/env bash
# Tests of wx-cloudbase-service/redis (the Redis token and ticket stores) on a real Debian
# redis-server, on the package as users get it: pkg/ is packed with `npm pack`, the tarball
# installed into a throwaway ESM project (target/redis-consumer/) beside `redis` and `ioredis`,
# and tests/redis/ run there:
#   1. the adapters with both clients (atomicity, TTL, latest-wins, malformed values, scoping,
#      lock ownership, failures while the server is down);
#   2. several Node processes sharing one token through Redis, against the bundled emulator.
# Prints the counts the tests observed, then `redis: N passed, M failed`; exits non-zero on any
# failure. Needs pkg/ (`make pkg`), redis-server (scripts/setup.sh) and npm ci's node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ ! -f pkg/package.json ]; then
  echo "test-redis: pkg/ is missing: build the package first (make pkg)" >&2
  exit 1
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "test-redis: redis-server is missing: run scripts/setup.sh (it installs Debian's redis-server)" >&2
  exit 1
fi
for lib in redis ioredis; do
  if [ ! -f "node_modules/$lib/package.json" ]; then
    echo "test-redis: node_modules/$lib is missing: run npm ci" >&2
    exit 1
  fi
done

# Own directories, so other test scripts packing at the same time never clobber these.
packdir=target/redis-pack
consumer=target/redis-consumer
logs=target/redis-logs
rm -rf "$packdir" "$consumer" "$logs"
mkdir -p "$packdir" "$consumer" "$logs"
tarball=$(scripts/pack.sh "$packdir")
echo "test-redis: packed $(basename "$tarball")"

. scripts/lib/consumer.sh
install_consumer "$consumer" redis-consumer module "$tarball"
# The clients as the repository pinned them (package.json): linked, not fetched again; Node
# resolves their own dependencies from the repository's node_modules through the link.
for lib in redis ioredis; do ln -s "$root/node_modules/$lib" "$consumer/node_modules/$lib"; done

# Until the package itself ships redis/ and the "./redis" export, they are added to the
# installed copy from pkg-template/redis/ (this consumer only; pkg/ is left alone).
installed=$consumer/node_modules/wx-cloudbase-service
if [ ! -f "$installed/redis/index.mjs" ]; then
  echo "test-redis: the tarball has no redis/ yet: using pkg-template/redis/"
  cp -R pkg-template/redis "$installed/redis"
fi
node - "$installed/package.json" <<'JS'
const fs = require('node:fs');
const file = process.argv[2];
const pj = JSON.parse(fs.readFileSync(file, 'utf8'));
if (!pj.exports['./redis']) {
  console.log('test-redis: the tarball has no "./redis" export yet: adding it to the installed copy');
  pj.exports['./redis'] = {
    import: { types: './redis/index.d.ts', default: './redis/index.mjs' },
    require: { types: './redis/index.d.ts', default: './redis/index.cjs' },
  };
  fs.writeFileSync(file, JSON.stringify(pj, null, 2));
}
JS

cp tests/redis/*.mjs "$consumer/"
cp tests/token/helpers.mjs "$consumer/token-helpers.mjs"
cp tests/node/helpers.mjs "$consumer/node-helpers.mjs"

# The shared redis-server: loopback, a free port, a temporary directory, no persistence.
# Servers the tests start themselves (tests/redis/redis-server.mjs) list their pids in
# $pids; all are killed on exit, whatever happens.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wxcs-redis.XXXXXX")
pids=$tmp/pids
: >"$pids"
redis_pid=
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  # Only if the pid is still a redis-server: a pid freed long ago may belong to another process now.
  while read -r pid; do
    if [ "$(ps -o comm= -p "$pid" 2>/dev/null)" = redis-server ]; then kill -9 "$pid" 2>/dev/null || true; fi
  done <"$pids"
  rm -rf "$tmp"
}
trap cleanup EXIT

port=
for attempt in 1 2 3; do
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" >"$logs/redis-server.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then break 2; fi
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
  echo "test-redis: redis-server did not start on port $port (attempt $attempt)" >&2
done
[ -n "$redis_pid" ] || { cat "$logs/redis-server.log" >&2; exit 1; }
echo "test-redis: $(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:$port (pid $redis_pid)"

counts=$root/$logs/counts.txt
: >"$counts"
export REDIS_PORT=$port REDIS_PIDS_FILE=$pids REDIS_COUNTS_FILE=$counts
node=$(command -v node)
run_counted adapters "$logs/adapters.log" "$consumer" "$node" \
  token-store.test.mjs ticket-store.test.mjs lock.test.mjs options.test.mjs failures.test.mjs
# One file at a time: each starts up to 8 processes and measures how long they wait.
run_counted multi-process "$logs/multi-process.log" "$consumer" "$node" --test-concurrency=1 \
  mp-tokens.test.mjs mp-kill.test.mjs mp-outage.test.mjs mp-tickets.test.mjs

echo
echo "test-redis: what the tests observed:"
if [ -s "$counts" ]; then sed 's/^/  /' "$counts"; else echo "  (none recorded)"; fi
report_runs test-redis redis "$logs"
