#!/usr/bin/env bash
# The WebAssembly package's tests: wasm-bindgen-test (tests/wasm_*.rs) under Node and in headless
# Chromium, js-tests/ with `node --test` (API, hostile input, corpus against the native CLI, the
# bin against the native CLI, packaging), `tsc --noEmit` on js-tests/typed-usage.ts, and the
# playwright-core browser tests of examples/form/ and examples/react-form/ (screenshots in
# js-tests/artifacts/).
#
# Needs the tools of scripts/install-wasm-tools.sh; builds pkg/ first when it is missing or older
# than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f pkg/credlint_bg.wasm || ! -f pkg/node.cjs || ! -f pkg/ids.d.cts || ! -f pkg/kinds.d.ts ]] \
   || [[ -n "$(find src Cargo.toml Cargo.lock -newer pkg/credlint_bg.wasm -print -quit)" ]]; then
  bash scripts/build-pkg.sh
fi
[[ -d js-tests/node_modules ]] || (cd js-tests && npm ci --no-audit --no-fund)

wasm_tests=()
for f in tests/wasm_*.rs; do wasm_tests+=(--test "$(basename "$f" .rs)"); done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

echo "== wasm-bindgen-test (Node)"
cargo test --target wasm32-unknown-unknown --no-default-features "${wasm_tests[@]}"

echo "== wasm-bindgen-test (headless Chromium; flags from webdriver.json)"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --target wasm32-unknown-unknown --no-default-features "${wasm_tests[@]}"

cd js-tests
echo "== node --test js-tests/"
node --test --test-concurrency=1 api.test.mjs standard-schema.test.mjs labels.test.mjs bad-input.test.mjs corpus.test.mjs bin.test.mjs fix.test.mjs package.test.mjs terraform.test.mjs husky.test.mjs hook.test.mjs schema-differential.test.mjs

echo "== tsc --noEmit (js-tests/typed-usage.ts)"
node_modules/.bin/tsc --noEmit -p tsconfig.json

echo "== browser test (playwright-core, Debian Chromium)"
node --test browser.test.mjs

echo "== React + react-hook-form example from the packed tarball (Vite; npm ci of examples/react-form only when missing)"
node --test react-form.test.mjs
