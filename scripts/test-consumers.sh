#!/usr/bin/env bash
# The consumer matrix (js-tests/consumers/): Node ESM and require(), TypeScript CommonJS and ESM,
# Vite, webpack, esbuild (browser and Node), Rollup, Next.js 16 (Turbopack and webpack, the page
# in Chromium), Jest 29 and Vitest, each building and running a minimal app on the `npm pack`
# tarball of pkg/; then publint, @arethetypeswrong/cli and `npm publish --dry-run`; then the cost
# of each entry (js-tests/artifacts/entry-costs.json).
#
# Installs the toolchains once (npm ci from the committed lockfile, through npm's cache; again only
# when the lockfile changes). Needs pkg/ built (scripts/build-pkg.sh) and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../js-tests/consumers"
export NEXT_TELEMETRY_DISABLED=1

[[ -f ../../pkg/node.cjs && -f ../../pkg/credlint_bg.wasm ]] || { echo "test-consumers: build pkg/ first (scripts/build-pkg.sh)" >&2; exit 2; }
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "== consumer matrix: npm ci (toolchains; from npm's cache when warm)"
  npm ci --no-audit --no-fund --prefer-offline
fi

echo "== consumer matrix (node --test js-tests/consumers/matrix.test.mjs)"
# Each test is bounded (and each step inside it); the whole run too, as a last resort.
timeout --kill-after=30 2400 node --test --test-concurrency=1 --test-timeout=900000 --test-reporter=spec matrix.test.mjs

echo "== entry costs (bytes, start-up)"
node costs.mjs
