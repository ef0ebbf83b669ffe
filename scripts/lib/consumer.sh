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
