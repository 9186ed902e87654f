#!/usr/bin/env bash
# Builds the npm package in pkg/ from a clean checkout: the crate for wasm32 without the CLI
# (no clap; the jsonschema crate is a dev-dependency and never enters), wasm-bindgen's ES-module
# glue (`--target web`: one build that browsers, bundlers and Node all load; pkg/node.js
# instantiates it synchronously for Node), `wasm-opt -Oz` from npm `binaryen`, and the generated
# `ids.d.ts` (the KindId and RuleId unions, read from the built package, so a new kind reaches
# the types with no change here).
#
# Committed in pkg/: package.json, README.md, index.d.ts, node.js, inline.js, standard-schema.js
# (`standardSchema`, which the generated entries export), bin/. Built
# (ignored): credlint.js + credlint_bg.wasm (browsers and bundlers: JSON only, no Terraform
# parser), credlint_full.js + credlint_full_bg.wasm (Node's API),
# credlint_cli.js + credlint_cli_bg.wasm (the bin: the command-line driver), and from
# them (scripts/pkg-entries.mjs): the glue's guard against calls before `init()`, the base64
# copies of the bytes (credlint_wasm.js for `credlint/inline`, credlint_full_wasm.js for Node),
# rules.js (`listRules()` with every rule's documentation, from the bin's build: the library
# builds leave the documentation out, cargo feature `docs`), schemas.js (`exportSchema()`'s
# schemas with their descriptions, from the bin's build too), node.cjs (the CommonJS entry),
# index.d.cts; then ids.d.ts and ids.d.cts, and kinds.d.ts and
# kinds.d.cts (scripts/kinds-dts.mjs: each kind's document and context interfaces, from the
# schemas the built bin exports, which come from the kinds' structure declaration).
#
# Tools: scripts/install-wasm-tools.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'build-pkg: %s\n' "$*" >&2; }

locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$locked" ]]; then
  say "wasm-bindgen-cli ${have:-(none)} does not match wasm-bindgen $locked in Cargo.lock: run scripts/install-wasm-tools.sh"
  exit 2
fi
wasm_opt=js-tests/node_modules/.bin/wasm-opt
if [[ ! -x $wasm_opt ]]; then
  say "installing js-tests/ npm dev dependencies (for binaryen's wasm-opt)"
  (cd js-tests && npm ci --no-audit --no-fund >/dev/null)
fi

# Wherever cargo puts its output (CARGO_TARGET_DIR, a config file), not always ./target.
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')

rm -f pkg/credlint.js pkg/credlint_bg.wasm pkg/credlint_full.js pkg/credlint_full_bg.wasm \
  pkg/credlint_cli.js pkg/credlint_cli_bg.wasm \
  pkg/credlint*_bg.wasm.d.ts pkg/credlint*.d.ts pkg/ids.d.ts pkg/ids.d.cts pkg/kinds.d.ts pkg/kinds.d.cts pkg/index.d.cts \
  pkg/credlint_wasm.js pkg/credlint_full_wasm.js pkg/node.cjs pkg/rules.js pkg/schemas.js

# Three builds of the same crate: `credlint` for browsers and bundlers, `credlint_full` for Node's
# API (instantiated synchronously from inline bytes; the JavaScript API checks JSON, so neither
# keeps the Terraform parser after dead-code elimination, nor a CLI), and `credlint_cli`
# for the bin only (the command-line driver: clap, the walk with `.gitignore` matching), loaded
# from its file by bin/credlint.js (a bin is never bundled), so that no library user downloads or
# compiles the command line.
#
# Profiles: `wasm-release` (opt-level "z") for what a page downloads and for the bin (whose
# memory is compared with bare Node's: a larger module costs more to compile); `wasm-node`
# (opt-level 3, `wasm-opt -O3`) for Node's library, which no page downloads: it runs
# `validate` 2.2x faster (docs/performance.md, "Build settings").
build() { # NAME PROFILE WASM-OPT-LEVEL CARGO-FEATURE-ARGS...
  local name=$1 profile=$2 level=$3
  shift 3
  say "cargo build $name (wasm32, profile $profile, no default features $*)"
  cargo build --lib --profile "$profile" --target wasm32-unknown-unknown --no-default-features "$@"
  say "wasm-bindgen --target web ($name)"
  wasm-bindgen "$target_dir/wasm32-unknown-unknown/$profile/credlint.wasm" \
    --out-dir pkg --out-name "$name" --target web --no-typescript
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)
  if [[ $name == credlint ]]; then
    # The same optimisation with the function names kept, for the size report's breakdown
    # (scripts/wasm-breakdown.mjs): never shipped.
    mkdir -p "$target_dir/size"
    "$wasm_opt" "pkg/${name}_bg.wasm" -o "$target_dir/size/${name}_named.wasm" $level --debuginfo "${features[@]}"
  fi
  # -Oz --converge: measured against -Os, -O3, --gufa (docs/performance.md, "Build settings");
  # the browser build merges similar functions first (one body with a parameter for what differs:
  # -1.1 KB gzip).
  say "wasm-opt $level ($name)"
  "$wasm_opt" "pkg/${name}_bg.wasm" -o "pkg/${name}_bg.wasm" $level "${features[@]}" \
    --strip-debug --strip-producers
}
build credlint_cli wasm-release "-Oz --converge" --features driver
build credlint_full wasm-node -O3 --features terraform
build credlint wasm-release "--merge-similar-functions -Oz --converge"

say "entries: guard before init, inline bytes, node.cjs, index.d.cts"
node scripts/pkg-entries.mjs

say "ids.d.ts (kind and rule ids)"
node --input-type=module -e '
import { writeFileSync } from "node:fs";
import { listKinds, listRules } from "./pkg/node.js";
const union = (ids) => ids.length ? ids.map((id) => JSON.stringify(id)).join("\n  | ") : "never";
writeFileSync("pkg/ids.d.ts",
`// Generated by scripts/build-pkg.sh from the built package: do not edit.

/** Every kind id credlint knows. */
export type KindId =
  | ${union(listKinds())};

/** Every rule id (what a policy names and a diagnostic reports). */
export type RuleId =
  | ${union(listRules().map((r) => r.id))};
`);
'
cp pkg/ids.d.ts pkg/ids.d.cts

say "kinds.d.ts (each kind's document and context types, from its schemas)"
node scripts/kinds-dts.mjs
say "done: browser build $(wc -c <pkg/credlint_bg.wasm) bytes of wasm + $(wc -c <pkg/credlint.js) of glue; Node build $(wc -c <pkg/credlint_full_bg.wasm) + $(wc -c <pkg/credlint_full.js)"
