#!/usr/bin/env bash
# The benchmark against ajv and friends (bench/run.mjs): installs bench/'s npm peers when they are
# missing or stale, brings the release binary up to date, builds the npm package when it is
# missing or older than the sources, then runs the benchmark and prints its table (also written
# to bench/results.md).
#
#   bash scripts/bench.sh           the full run (docs/performance.md has its numbers)
#   bash scripts/bench.sh --quick   the harness check for CI: small sizes, asserts agreement and
#                                   counts, well under two minutes; timings mean nothing
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bench.sh: %s\n' "$*" >&2; }

command -v node >/dev/null || { say "node is required"; exit 2; }
command -v python3 >/dev/null || { say "python3 is required (it measures the CLIs' peak memory)"; exit 2; }

if [[ ! bench/node_modules/.package-lock.json -nt bench/package-lock.json ]]; then
  say "installing bench/ npm dev dependencies (ajv, ajv-formats, ajv-cli, @cfworker/json-schema, esbuild)"
  (cd bench && npm ci --no-audit --no-fund >/dev/null)
fi

say "cargo build --release (the native CLI, and the I/O floor under it: bench/io_floor.rs)"
cargo build --release --quiet
cargo build --release --quiet --example io-floor

wasm=pkg/credlint_bg.wasm
if [[ ! -f $wasm || ! -f pkg/credlint.js || -n "$(find src Cargo.toml Cargo.lock -newer "$wasm" -print -quit)" ]]; then
  say "building the npm package (missing or older than the sources)"
  bash scripts/install-wasm-tools.sh
  bash scripts/build-pkg.sh
fi

exec node bench/run.mjs "$@"
