// The npm package as a package: what `npm pack` ships, the exports map, the types covering every
// export, and bundlers (esbuild) taking the browser entry.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { jsonFiles, pkgDir, root, run } from "./helpers.mjs";

const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

test("npm pack ships the built files, the bin, the types and the README, and nothing else", () => {
  const r = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir });
  assert.equal(r.code, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md", "bin/credlint.js", "credlint.js", "credlint_bg.wasm", "credlint_full.js", "credlint_full_bg.wasm",
    "ids.d.ts", "index.d.ts", "node.js", "package.json",
  ]);
  assert.equal(pkg.name, "credlint");
  assert.deepEqual(pkg.bin, { credlint: "bin/credlint.js" });
  assert.match(readFileSync(join(pkgDir, "bin/credlint.js"), "utf8"), /^#!\/usr\/bin\/env node\n/);
});

test("the exports map: Node gets node.js, browsers and bundlers credlint.js, TypeScript index.d.ts", () => {
  assert.equal(fileURLToPath(import.meta.resolve("credlint")), join(pkgDir, "node.js"));
  const exp = pkg.exports["."];
  assert.equal(exp.types, "./index.d.ts");
  assert.equal(exp.default, "./credlint.js");
  assert.deepEqual(Object.keys(exp), ["types", "node", "default"], "types first, default last");
  assert.equal(pkg.type, "module");
});

test("the browser build (no Terraform parser) answers JSON exactly as the Node build, and refuses .tf clearly", async () => {
  const browser = await import(join(pkgDir, "credlint.js"));
  browser.initSync({ module: readFileSync(join(pkgDir, "credlint_bg.wasm")) });
  const full = await import("credlint");
  assert.notEqual(browser.validate, full.validate, "two instances");
  assert.deepEqual(browser.listRules(), full.listRules());
  assert.deepEqual(browser.listKinds(), full.listKinds());
  let compared = 0;
  for (const file of jsonFiles("corpus").filter((f) => !f.endsWith(".expect.json"))) {
    const text = readFileSync(join(root, file), "utf8");
    for (const k of full.listKinds()) {
      if (!file.startsWith(`corpus/${k}/`)) continue;
      assert.deepEqual(browser.validate(k, text, { file }), full.validate(k, text, { file }), file);
      compared++;
    }
    for (const k of full.listKinds()) assert.deepEqual(browser.exportSchema(k), full.exportSchema(k));
  }
  assert.ok(compared >= 40, `${compared} corpus files compared`);
  const tf = { command: "check", format: "human", inputs: [{ from: "file", name: "main.tf", bytes: readFileSync(join(root, "tests/fixtures/terraform/main.tf")) }] };
  const out = browser.runCli(tf);
  assert.equal(out.exitCode, 2);
  assert.match(out.stderr, /main\.tf: this build of credlint has no Terraform parser \(the browser package leaves it out\): check `\.tf` files with the CLI or the Node bin/);
  assert.equal(full.runCli(tf).exitCode, 1, "the Node build checks it");
});

test("index.d.ts declares every export of the glue, and nothing the glue lacks", async () => {
  const glue = await import(join(pkgDir, "credlint.js"));
  const dts = readFileSync(join(pkgDir, "index.d.ts"), "utf8");
  const declared = new Set([...dts.matchAll(/^export (?:default )?function (\w+)/gm)].map((m) => m[1]));
  const exported = Object.keys(glue).map((k) => (k === "default" ? "init" : k));
  for (const name of exported) assert.ok(declared.has(name), `${name} is declared in index.d.ts`);
  for (const name of declared) assert.ok(exported.includes(name), `${name} is exported by credlint.js`);
  const ids = readFileSync(join(pkgDir, "ids.d.ts"), "utf8");
  for (const kind of glue.listKinds === undefined ? [] : (await import("credlint")).listKinds()) {
    assert.ok(ids.includes(JSON.stringify(kind)), `${kind} is in the KindId union`);
  }
});

test("the browser entry uses no Node built-ins", () => {
  const glue = readFileSync(join(pkgDir, "credlint.js"), "utf8");
  assert.doesNotMatch(glue, /from ["']node:|require\(/);
  assert.match(glue, /new URL\(['"]credlint_bg\.wasm['"], import\.meta\.url\)/, "bundlers find the .wasm asset");
});

test("esbuild bundles it for the browser and for Node", async () => {
  const require = createRequire(import.meta.url);
  const esbuild = require("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "credlint-bundle-"));
  try {
    const entry = join(dir, "entry.js");
    writeFileSync(entry, 'import init, { listKinds } from "credlint"; await init(); console.log(listKinds().join(","));\n');
    const nodePaths = [join(fileURLToPath(new URL(".", import.meta.url)), "node_modules")];
    const browser = await esbuild.build({
      entryPoints: [entry], bundle: true, format: "esm", platform: "browser", write: false, nodePaths,
      loader: { ".wasm": "file" }, outdir: join(dir, "out"),
    });
    const text = browser.outputFiles.map((f) => f.text).join("\n");
    assert.doesNotMatch(text, /node:fs/);
    assert.match(text, /credlint_bg\.wasm/);
    const node = await esbuild.build({
      entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile: join(dir, "node.mjs"), nodePaths,
    });
    assert.deepEqual(node.errors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
