#!/usr/bin/env bash
# Every test: the Rust suite, schema freshness, and (once built) the package's JavaScript tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo build (default features: the CLI without apply)"
cargo build --all-targets

echo "== cargo test (with the apply feature: its loopback-server tests)"
cargo test --all-targets --features apply -- --show-output 2>&1 | grep -vE "^(---- .* stdout ----|successes:|    [a-z_:]+$)$"

echo "== schemas/ is fresh"
tmp=$(mktemp -d)
cargo run -q -- schema --all --out-dir "$tmp"
if ! diff -ru schemas "$tmp"; then
  echo "schemas/ is stale: run 'cargo run -- schema --all --out-dir schemas' and commit" >&2
  exit 1
fi
rm -rf "$tmp"
