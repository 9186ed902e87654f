#!/usr/bin/env bash
# Sizes of the built package after wasm-opt (raw and gzip -9 bytes of the .wasm and the JS glue)
# next to what a page would ship instead, bundled with esbuild and measured the same way in the
# same run: ajv 2020 (the draft credlint's schemas use) + ajv-formats + credlint's exported
# schemas (the issue's target), ajv 2020 alone (the stretch target), and the default draft-07 Ajv.
# Writes js-tests/artifacts/size-report.json too. Run scripts/build-pkg.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f pkg/credlint_bg.wasm ]] || { echo "size-report: build pkg/ first (scripts/build-pkg.sh)" >&2; exit 2; }
[[ -d js-tests/node_modules/ajv ]] || (cd js-tests && npm ci --no-audit --no-fund)

cd js-tests
node --input-type=module -e '
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
const esbuild = createRequire(import.meta.url + "/")("esbuild");

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const measure = (name, buf) => ({ name, raw: buf.length, gzip: gz(buf) });

async function bundle(source) {
  const r = await esbuild.build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "browser", write: false, legalComments: "none",
  });
  return Buffer.from(r.outputFiles[0].contents);
}

const wasm = measure("credlint_bg.wasm (browser build)", readFileSync("../pkg/credlint_bg.wasm"));
const glue = measure("credlint.js (glue)", readFileSync("../pkg/credlint.js"));
const glueMin = measure("credlint.js (glue, minified, every export but listRules and exportSchema)", await bundle("export { default, validate, validateField, validateBatch, fix, standardSchema, listKinds, toWire, tokenAction, version } from \"../pkg/credlint.js\";"));
// The rule documentation: a page downloads it only if it imports `listRules` (the bundler leaves
// it out otherwise), so it is not in the browser package total.
const rulesJs = measure("rules.js (listRules(): only where imported)", readFileSync("../pkg/rules.js"));
// The same for the schemas and their descriptions (exportSchema()).
const schemasJs = measure("schemas.js (exportSchema(): only where imported)", readFileSync("../pkg/schemas.js"));
const total = { name: "browser package (wasm + glue)", raw: wasm.raw + glue.raw, gzip: wasm.gzip + glue.gzip };
const fullWasm = measure("credlint_full_bg.wasm (Node library build)", readFileSync("../pkg/credlint_full_bg.wasm"));
const fullGlue = measure("credlint_full.js (glue)", readFileSync("../pkg/credlint_full.js"));
const cliWasm = measure("credlint_cli_bg.wasm (the bin: .tf and the CLI)", readFileSync("../pkg/credlint_cli_bg.wasm"));
const ajv2020 = measure("ajv 2020 (esbuild --minify)", await bundle("export { default } from \"ajv/dist/2020.js\";"));
const ajv = measure("ajv draft-07 (esbuild --minify)", await bundle("export { default } from \"ajv\";"));
// What a page validating the same documents with JSON Schema ships (scripts/ajv-page.mjs).
const { ajvPageEntry } = await import("../scripts/ajv-page.mjs");
const ajvPage = measure("ajv 2020 + ajv-formats + credlint schemas (esbuild --minify)", await bundle(ajvPageEntry("../schemas")));
const ajvVersion = JSON.parse(readFileSync("node_modules/ajv/package.json", "utf8")).version;

const rows = [wasm, glue, glueMin, total, rulesJs, schemasJs, fullWasm, fullGlue, cliWasm, ajvPage, ajv2020, ajv];
const w = Math.max(...rows.map((r) => r.name.length));
console.log(`${"".padEnd(w)}  ${"raw bytes".padStart(10)}  ${"gzip -9".padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.raw).padStart(10)}  ${String(r.gzip).padStart(10)}`);
const ratio = (total.gzip / ajv2020.gzip).toFixed(2);
const pageRatio = (total.gzip / ajvPage.gzip).toFixed(2);
console.log(`\nbrowser package gzip / (ajv 2020 + ajv-formats + schemas) gzip = ${pageRatio} (target: <= 1.00)`);
console.log(`browser package gzip / ajv 2020 gzip = ${ratio} (stretch: <= 1.00; ajv ${ajvVersion})`);
mkdirSync("artifacts", { recursive: true });
writeFileSync("artifacts/size-report.json", JSON.stringify({ ajvVersion, rows, ratio: Number(ratio), pageRatio: Number(pageRatio) }, null, 2) + "\n");
'

# Where the browser build's bytes go (by crate, by credlint module, data text vs tables), from
# the build with names kept that scripts/build-pkg.sh writes beside the shipped one.
cd ..
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')
named="$target_dir/size/credlint_named.wasm"
if [[ ! -f $named ]]; then
  echo "size-report: $named is missing: run scripts/build-pkg.sh" >&2
  exit 2
fi
echo
node scripts/wasm-breakdown.mjs "$named" --top 14 --json js-tests/artifacts/size-breakdown.json
