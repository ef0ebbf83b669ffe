#!/usr/bin/env bash
# Type tests of the packed package, as TypeScript users get it: `npm pack` pkg/, install the
# tarball in three throwaway consumer projects under target/type-consumers/, and run
# `tsc --noEmit` (strict, skipLibCheck false) in each with TypeScript 7 (node_modules/.bin/tsc)
# and TypeScript 5.9 (node_modules/typescript-5.9):
#   esm      moduleResolution nodenext, "type": "module"   tests/types/{usage,esm}.ts
#   cjs      moduleResolution nodenext, "type": "commonjs" tests/types/{usage,cjs}.ts
#   bundler  moduleResolution bundler                      tests/types/{usage,bundler}.ts
# Between them every subpath: `.`, ./slim, ./wasm, ./emulator (import and require), and
# ./redis (tests/types/redis.ts in the esm and cjs consumers) once the package has it.
# Every @ts-expect-error line must still be an error, every other line must check, and the
# package's own .d.ts files must check under the consumer's settings (skipLibCheck false).
# Then the README the package ships: its ```ts blocks type-check strictly and its ```js blocks
# with checkJs (@types/node for their node: imports), each block given the names an earlier
# block imported and the README's placeholders (tests/types/readme-snippets.mjs).
# Consumers use target ES2022 with TypeScript's default lib for it (ES2022 + DOM) and no
# @types/node: a typical setting for Node 20+ and for browsers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

declare -A tsc=(
  [ts7]="$root/node_modules/.bin/tsc"
  [ts5.9]="node $root/node_modules/typescript-5.9/bin/tsc"
)
[ -x "$root/node_modules/.bin/tsc" ] || { echo "test-types: node_modules/.bin/tsc missing (run scripts/setup.sh)" >&2; exit 1; }
[ -f "$root/node_modules/typescript-5.9/bin/tsc" ] || { echo "test-types: node_modules/typescript-5.9 missing (run scripts/setup.sh)" >&2; exit 1; }

work=target/type-consumers
rm -rf "$work"
mkdir -p "$work"
tarball=$(scripts/pack.sh "$work")
echo "test-types: packed $(basename "$tarball")"

# name  type-field  module  moduleResolution  files (comma-separated)  declaration files it must resolve
consumers=(
  "esm     module   nodenext nodenext esm.ts     dist/node.d.mts dist/node.d.cts emulator/index.d.ts dist/web.d.ts dist/wasm.d.ts"
  "cjs     commonjs nodenext nodenext cjs.ts     dist/node.d.cts emulator/index.d.cts dist/web.d.ts"
  "bundler module   esnext   bundler  bundler.ts dist/browser.d.ts dist/web.d.ts dist/wasm.d.ts"
)
# ./redis comes from another branch: checked once the package has it.
if [ -f pkg/redis/index.d.ts ]; then
  consumers[0]=${consumers[0]/esm.ts/esm.ts,redis.ts}
  consumers[0]+=" redis/index.d.ts"
  consumers[1]=${consumers[1]/cjs.ts/cjs.ts,redis.ts}
  consumers[1]+=" redis/index.d.cts"
else
  echo "test-types: the package has no ./redis yet; tests/types/redis.ts not run"
fi

for line in "${consumers[@]}"; do
  read -r name type module resolution extra _ <<<"$line"
  dir=$work/$name
  mkdir -p "$dir"
  printf '{ "name": "wxcs-types-consumer-%s", "private": true, "type": "%s" }\n' "$name" "$type" >"$dir/package.json"
  (cd "$dir" && npm install --silent --no-audit --no-fund --no-package-lock "$tarball")
  IFS=, read -r -a extra_files <<<"$extra"
  cp tests/types/usage.ts tests/types/family.ts "${extra_files[@]/#/tests/types/}" "$dir/"
  files_json=$(printf '"%s", ' usage.ts family.ts "${extra_files[@]}")
  cat >"$dir/tsconfig.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "$module",
    "moduleResolution": "$resolution",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": false,
    "noFallthroughCasesInSwitch": true,
    "exactOptionalPropertyTypes": false,
    "forceConsistentCasingInFileNames": true,
    "types": []
  },
  "files": [${files_json%, }]
}
JSON
done

# Two passes per consumer and compiler:
#   default-lib  the lib TypeScript gives target ES2022 (ES2022 + DOM): what the package's
#                .d.ts files must work with;
#   +disposable  the same plus lib esnext.disposable, so the API checks still say something
#                while a lib problem of the package (e.g. Symbol.dispose) makes the first fail.
failed=()
runs=0
for line in "${consumers[@]}"; do
  read -r name _ _ _ _ expected <<<"$line"
  for ts in ts7 ts5.9; do
    for pass in default-lib +disposable; do
      runs=$((runs + 1))
      extra_flags=()
      [ "$pass" = default-lib ] || extra_flags=(--lib es2022,dom,dom.iterable,esnext.disposable)
      echo "=== $name consumer, $(cd "$work/$name" && ${tsc[$ts]} --version), $pass ==="
      out=$work/$name/$ts-$pass.log
      if (cd "$work/$name" && ${tsc[$ts]} -p tsconfig.json --listFiles "${extra_flags[@]}") >"$out" 2>&1; then rc=0; else rc=$?; fi
      problems=$(grep -v '^/' "$out" || true)
      # It must have checked the package's own declaration files, not something else.
      missing=()
      for f in $expected; do
        grep -qx "$root/$work/$name/node_modules/wx-cloudbase-service/$f" "$out" || missing+=("$f")
      done
      if [ "$rc" != 0 ] || [ -n "$problems" ] || [ ${#missing[@]} -gt 0 ]; then
        failed+=("$name/$ts/$pass")
        [ -z "$problems" ] || echo "$problems"
        [ ${#missing[@]} -eq 0 ] || echo "test-types: $name/$ts did not resolve ${missing[*]}"
        echo "FAIL (exit $rc)"
      else
        echo "ok"
      fi
    done
  done
done

# The README the package ships: its ts blocks check strictly, its js blocks with checkJs, so
# no example names an option, method or field the package lacks (tests/types/readme-snippets.mjs).
snippets=$work/esm/readme
node tests/types/readme-snippets.mjs "$snippets" "$work/esm/node_modules/wx-cloudbase-service"
for lang in ts js; do
  runs=$((runs + 1))
  echo "=== README $lang blocks, $(${tsc[ts7]} --version) ==="
  if (cd "$snippets" && ${tsc[ts7]} -p "tsconfig.$lang.json"); then echo "ok"; else failed+=("readme/$lang"); echo "FAIL"; fi
done

echo
[ ${#failed[@]} -eq 0 ] || echo "test-types: failed: ${failed[*]} (logs: $work/*/*.log)"
echo "type-tests: $((runs - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
