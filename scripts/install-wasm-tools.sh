#!/usr/bin/env bash
# Installs what the WebAssembly package needs, idempotently: the wasm32 target, wasm-bindgen-cli of
# exactly the wasm-bindgen version in Cargo.lock, the npm dev tools of js-tests/ (binaryen's
# wasm-opt, typescript, playwright-core, ajv, esbuild), and Debian's Chromium + ChromeDriver for the
# browser tests. Safe to run again: each step is skipped when already done.
#
# Usage: scripts/install-wasm-tools.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1
[[ "${1:-}" == "--no-browser" ]] && want_browser=0

say() { printf 'install-wasm-tools: %s\n' "$*" >&2; }

# 1. The Rust target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli: its version must equal the wasm-bindgen crate's, or the glue and the .wasm
#    disagree ("rust Wasm file schema version" errors).
locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$locked" ]]; then
  say "wasm-bindgen is not in Cargo.lock; resolving it"
  cargo generate-lockfile >/dev/null 2>&1 || cargo fetch >/dev/null
  locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$locked" ]]; then
  say "installing wasm-bindgen-cli $locked (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$locked" --force
fi

# 3. npm dev tools, from js-tests/package-lock.json.
if [[ ! -x js-tests/node_modules/.bin/wasm-opt || ! -x js-tests/node_modules/.bin/tsc \
      || js-tests/package-lock.json -nt js-tests/node_modules/.package-lock.json ]]; then
  say "installing js-tests/ npm dev dependencies"
  (cd js-tests && npm ci --no-audit --no-fund)
fi

# 4. Debian's Chromium and ChromeDriver (a test tool's own browser download cannot work offline).
if [[ $want_browser == 1 ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
say "ok (wasm-bindgen $locked)"
