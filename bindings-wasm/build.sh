#!/usr/bin/env bash
# Builds the npm package bindings-wasm/pkg/ from the hrid-wasm crate:
#   1. installs what is missing: the wasm32 target, wasm-bindgen-cli at exactly the version pinned
#      in the root Cargo.toml, and the npm tools from package-lock.json (npm ci: binaryen's wasm-opt);
#   2. cargo build -p hrid-wasm --profile dist --target wasm32-unknown-unknown, twice: the browser
#      build without the features `signing`, `key-files`, `batch` (verification only), the Node build
#      with every feature;
#   3. wasm-bindgen --target web (ES module for browsers and bundlers) and --target nodejs
#      (CommonJS, with an ES-module wrapper), then wasm-opt -Oz on each .wasm;
#   4. writes pkg/package.json with `exports` and prints the sizes.
# Usage: bindings-wasm/build.sh       (CARGO_TARGET_DIR is honoured)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
step() { printf '\n==> %s\n' "$*"; }

bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$root/Cargo.toml")
[ -n "$bindgen_version" ] || { echo "no wasm-bindgen = \"=x.y.z\" pin in Cargo.toml" >&2; exit 2; }

step "toolchain: wasm32 target, wasm-bindgen-cli $bindgen_version, npm tools"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  # Not --locked: the upstream lockfile can name versions the registry does not have yet.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
wasm-bindgen --version
if ! (cd "$here" && npm ls --depth=0 >/dev/null 2>&1); then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
wasm_opt="$here/node_modules/.bin/wasm-opt"
"$wasm_opt" --version

# The dist profile (release + LTO), tuned for the wasm only (wasm32 artifacts are separate from
# the host's, so the Python wheels keep plain dist): size-optimised everywhere except the curve
# arithmetic and the hashes, which set the verification speed. No debug info: wasm-opt strips it
# anyway, and it doubles the link time. Measurements: docs/benchmarks.md.
# Two builds of the one crate: the browser's without the features `signing`, `key-files` and
# `batch` (a page verifies; it neither signs nor reads PEM/DER key files, leaving signing out drops
# curve25519-dalek's 30 KB basepoint table, and `{batch: true}` then verifies one by one with the
# same reports), Node's with every feature (issuers' tools, tests).
build_wasm() { # build_wasm NAME CARGO-FEATURE-ARGS...
  local name=$1
  shift
  step "cargo build -p hrid-wasm --profile dist --target wasm32-unknown-unknown $* ($name)"
  cargo build --locked -p hrid-wasm --profile dist --target wasm32-unknown-unknown "$@" \
    --config 'profile.dist.opt-level="z"' \
    --config 'profile.dist.debug=false' \
    --config 'profile.dist.package.curve25519-dalek.opt-level=3' \
    --config 'profile.dist.package.ed25519-dalek.opt-level=3' \
    --config 'profile.dist.package.sha2.opt-level=3'
  mkdir -p "$CARGO_TARGET_DIR/hrid-wasm"
  cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/dist/hrid_wasm.wasm" "$CARGO_TARGET_DIR/hrid-wasm/$name.wasm"
}
build_wasm web --no-default-features
build_wasm node

step "wasm-bindgen (web, nodejs) and wasm-opt -Oz"
out="$here/pkg"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out/web" --out-name hrid "$CARGO_TARGET_DIR/hrid-wasm/web.wasm"
wasm-bindgen --target nodejs --out-dir "$out/node" --out-name hrid "$CARGO_TARGET_DIR/hrid-wasm/node.wasm"
# Rust's wasm32 target enables these proposals by default; wasm-opt must be told to keep them.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
          --enable-mutable-globals --enable-reference-types --enable-multivalue)
for target in web node; do
  "$wasm_opt" -Oz "${features[@]}" -o "$out/$target/hrid_bg.wasm" "$out/$target/hrid_bg.wasm"
done
# Each half says which module system its .js files use; the root package.json routes to them.
echo '{ "type": "module" }' > "$out/web/package.json"
echo '{ "type": "commonjs" }' > "$out/node/package.json"
node "$here/scripts/write-package.mjs" "$out" "$root/Cargo.toml"

step "sizes"
for target in web node; do
  raw=$(wc -c < "$out/$target/hrid_bg.wasm")
  gz=$(gzip -9 -c "$out/$target/hrid_bg.wasm" | wc -c)
  printf '%-5s hrid_bg.wasm: %d bytes raw, %d bytes gzip -9\n' "$target" "$raw" "$gz"
done
