#!/usr/bin/env bash
# Every test: the Rust suite (with the apply feature's loopback-server tests, the hostile-input
# suite, the no-secret property and the pre-commit framework test), schema freshness, clippy's
# panic guard, the WebAssembly package (wasm-bindgen tests in Node and Chromium, js-tests/, types,
# the browser tests, the size report), the benchmark's harness check and a fuzz smoke run.
# Tools: .ci/run installs them (bench.sh installs bench/'s npm peers itself).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

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

echo "== clippy: no unwrap/expect/panic outside tests (native with apply, and the WebAssembly build)"
guard=(-D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic)
cargo clippy --lib --bins --features apply -- "${guard[@]}"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- "${guard[@]}"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features driver -- "${guard[@]}"

echo "== WebAssembly package"
bash scripts/build-pkg.sh
bash scripts/test-js.sh
bash scripts/test-consumers.sh
bash scripts/size-report.sh

echo "== benchmark harness check (bench.sh --quick: agreement with ajv and counts, not timing)"
bash scripts/bench.sh --quick

echo "== fuzz smoke run (every cargo-fuzz target, 10 s each; exits 1 on any crash)"
bash scripts/fuzz.sh 10
