#!/usr/bin/env bash
# Every test of the WebAssembly binding, from a fresh machine: installs what it needs (the wasm32
# target, the pinned wasm-bindgen-cli and the npm tools through build.sh; Debian's chromium only
# when /usr/bin/chromium is missing), builds pkg/, checks that the generated TypeScript types are
# up to date and that a strict TypeScript consumer type-checks against pkg/, checks that no OS
# randomness (getrandom) reaches the wasm, then runs the node tests (shared test vectors, Ed25519
# vectors, error paths) and the Chromium test of the marketplace page. Prints node's test-runner
# summary for each.
# Usage: bindings-wasm/test.sh      (CI=true makes missing external vectors an error)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export HRID_SHARED_VECTORS="${HRID_SHARED_VECTORS:-$root/../shared/vectors}"
step() { printf '\n==> %s\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  step "installing Debian's chromium (for the browser test)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium
fi

"$here/build.sh"

step "TypeScript types: generated from docs/schema and the reason codes, committed as generated"
# build.sh installed the npm tools. Regenerate, then fail on any difference from the commit.
node "$here/scripts/generate-types.mjs"
if ! git -C "$root" diff --exit-code -- bindings-wasm/src/types.generated.d.ts; then
  echo "bindings-wasm/src/types.generated.d.ts is out of date: run node bindings-wasm/scripts/generate-types.mjs and commit" >&2
  exit 1
fi

step "TypeScript: tsc --noEmit --strict of a consumer against the built package (node16)"
mkdir -p "$here/tests-types/node_modules"
ln -sfn ../../pkg "$here/tests-types/node_modules/hrid"
"$here/node_modules/.bin/tsc" --version
"$here/node_modules/.bin/tsc" --noEmit --strict -p "$here/tests-types"
echo "ok: tests-types/consumer.mts type-checks against pkg/"

step "getrandom guard: no OS randomness in the wasm dependency tree"
if cargo tree --locked -p hrid-wasm -e normal --target wasm32-unknown-unknown -i getrandom 2>/dev/null | grep -q getrandom; then
  echo "getrandom is in hrid-wasm's dependency tree for wasm32:" >&2
  cargo tree --locked -p hrid-wasm -e normal --target wasm32-unknown-unknown -i getrandom >&2
  exit 1
fi
echo "ok: getrandom is not a dependency of hrid-wasm on wasm32"

step "demo data: examples/marketplace-web/demo/ is up to date"
node "$root/examples/marketplace-web/make-demo-data.mjs" --check

mkdir -p "$here/test-output"
# node's spec report for people, a TAP copy to count from: each suite ends with one plain
# "N passed, N failed, N skipped" line.
run_node_tests() {
  local name=$1 dir=$2 tap="$here/test-output/$1.tap" status=0
  (cd "$root" && node --test --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=tap --test-reporter-destination="$tap" "$dir") || status=$?
  local pass fail skip
  pass=$(sed -n 's/^# pass //p' "$tap" | tail -1)
  fail=$(sed -n 's/^# fail //p' "$tap" | tail -1)
  skip=$(sed -n 's/^# skipped //p' "$tap" | tail -1)
  echo "$name: ${pass:-0} passed, ${fail:-0} failed, ${skip:-0} skipped"
  return $status
}

step "node tests: bindings-wasm/tests/"
run_node_tests wasm-node bindings-wasm/tests/

step "browser test: the marketplace page in Chromium"
run_node_tests wasm-browser bindings-wasm/tests-browser/
echo "screenshots: $here/test-output/"
