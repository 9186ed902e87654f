// The npm package as a package: what `npm pack` ships, the exports map, the types covering every
// export, the entries agreeing with each other, the error before `init()`, and bundlers (esbuild)
// taking the browser entry. The toolchains themselves: js-tests/consumers/ (the consumer matrix).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { test } from "node:test";

import { jsonFiles, pkgDir, root, run, runBin } from "./helpers.mjs";

const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

test("npm pack ships the built files, the bin, the types, the README and the LICENSE, and nothing else", () => {
  const r = run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir });
  assert.equal(r.code, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE", "README.md", "bin/credlint.js", "credlint.js", "credlint_bg.wasm", "credlint_cli.js", "credlint_cli_bg.wasm",
    "credlint_full.js", "credlint_full_wasm.js",
    "credlint_wasm.js", "ids.d.cts", "ids.d.ts", "index.d.cts", "index.d.ts", "inline.d.ts", "inline.js", "kinds.d.cts", "kinds.d.ts", "node.cjs", "node.js",
    "package.json", "rules.js", "schemas.js", "standard-schema.js",
  ]);
  assert.equal(readFileSync(join(pkgDir, "LICENSE"), "utf8"), readFileSync(join(root, "LICENSE"), "utf8"), "pkg/LICENSE is the repository's");
  assert.match(readFileSync(join(root, "LICENSE"), "utf8"), /^MIT License\n/);
  assert.equal(pkg.license, "MIT");
  for (const field of ["repository", "homepage", "bugs"]) assert.ok(pkg[field], `package.json has ${field}`);
  assert.equal(pkg.name, "credlint");
  assert.deepEqual(pkg.bin, { credlint: "bin/credlint.js" });
  assert.match(readFileSync(join(pkgDir, "bin/credlint.js"), "utf8"), /^#!\/usr\/bin\/env node\n/);
});

test("the exports map: Node import gets node.js, require node.cjs, browsers and bundlers credlint.js; types for each", () => {
  assert.equal(fileURLToPath(import.meta.resolve("credlint")), join(pkgDir, "node.js"));
  assert.equal(createRequire(import.meta.url).resolve("credlint"), join(pkgDir, "node.cjs"));
  const exp = pkg.exports["."];
  assert.deepEqual(exp.import, { types: "./index.d.ts", node: "./node.js", default: "./credlint.js" }, "types first, default last");
  assert.deepEqual(exp.require, { types: "./index.d.cts", default: "./node.cjs" });
  assert.equal(exp.default, "./credlint.js");
  assert.deepEqual(pkg.exports["./inline"].import, { types: "./inline.d.ts", default: "./inline.js" });
  assert.equal(pkg.main, "./node.cjs");
  assert.equal(pkg.type, "module");
});

test("node.js, node.cjs and credlint/inline are the same engine and answer alike; the CommonJS types are the ESM types", async () => {
  const esm = await import("credlint");
  const cjs = createRequire(import.meta.url)("credlint");
  const inline = await import("credlint/inline");
  await inline.default();
  const text = readFileSync(join(root, "examples", "credentials.json"), "utf8");
  const expected = esm.validate(null, text, { file: "credentials.json" });
  assert.ok(expected.diagnostics.length > 0);
  assert.deepEqual(cjs.validate(null, text, { file: "credentials.json" }), expected);
  assert.deepEqual(inline.validate(null, text, { file: "credentials.json" }), expected);
  assert.deepEqual(Object.keys(cjs).filter((k) => k !== "__esModule").sort(), Object.keys(esm).sort());
  const dts = readFileSync(join(pkgDir, "index.d.ts"), "utf8");
  const dcts = readFileSync(join(pkgDir, "index.d.cts"), "utf8");
  assert.equal(dcts.slice(dcts.indexOf("\n") + 1), dts.replaceAll('from "./ids.js";', 'from "./ids.cjs";').replaceAll('from "./kinds.js";', 'from "./kinds.cjs";'));
  assert.ok(dts.includes('from "./kinds.js";'));
  assert.equal(readFileSync(join(pkgDir, "ids.d.cts"), "utf8"), readFileSync(join(pkgDir, "ids.d.ts"), "utf8"));
  assert.equal(readFileSync(join(pkgDir, "kinds.d.cts"), "utf8"), readFileSync(join(pkgDir, "kinds.d.ts"), "utf8"));
});

test("an export called before init() says so, for each export of the browser entry; a failed load names credlint/inline", async () => {
  // A fresh instance of the browser glue (the query makes it a module of its own).
  const fresh = await import(`${pathToFileURL(join(pkgDir, "credlint.js")).href}?before-init`);
  const names = Object.keys(fresh).filter((k) => !["default", "initSync", "standardSchema", "listRules"].includes(k));
  assert.ok(names.length >= 9, names.join());
  for (const name of names) {
    assert.throws(() => fresh[name](), { message: new RegExp(`^credlint: call \`await init\\(\\)\` before \`${name}\``) }, name);
  }
  // The rules' documentation is JavaScript (rules.js), not WebAssembly: listed before init().
  assert.ok(fresh.listRules().some((r) => r.id === "structure/invalid-json" && r.why.length > 0), "listRules before init");
  // A Standard Schema may be made before init() (at a module's top level); checking needs it.
  const early = fresh.standardSchema("oauth.client");
  assert.throws(() => early["~standard"].validate({}), { message: /^credlint: call `await init\(\)` before `validate`/ });
  await assert.rejects(fresh.default({ module_or_path: new Uint8Array([0, 1, 2]) }), /credlint: could not load its WebAssembly .*import from "credlint\/inline"/);
  await fresh.default({ module_or_path: readFileSync(join(pkgDir, "credlint_bg.wasm")) });
  assert.ok(fresh.listKinds().length > 0, "usable after init");
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
  // The browser build carries no command line at all; the Node build's bin checks .tf files.
  assert.equal(browser.runCli, undefined, "no CLI in the browser build");
  const out = runBin(["check", "tests/fixtures/terraform/main.tf"], { cwd: root });
  assert.equal(out.code, 1, out.stderr);
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

test("kinds.d.ts has each kind's document and context interface, with the members of its schemas", async () => {
  const { exportSchema, listKinds } = await import("credlint");
  const kinds = readFileSync(join(pkgDir, "kinds.d.ts"), "utf8");
  const envelope = JSON.parse(readFileSync(join(root, "schemas", "envelope.schema.json"), "utf8"));
  const block = (name) => {
    const at = kinds.indexOf(`export interface ${name} {\n`);
    assert.ok(at >= 0, `${name} is declared`);
    return kinds.slice(at, kinds.indexOf("\n}\n", at));
  };
  // The top-level members (two-space indent) of an interface, `?` marking the optional ones.
  const topLevel = (text) => [...text.matchAll(/^  ("[^"]+"|\w+)(\??): /gm)].map((m) => `${JSON.parse(m[1].startsWith('"') ? m[1] : JSON.stringify(m[1]))}${m[2]}`).sort();
  const expected = (schema) => Object.keys(schema.properties ?? {}).map((k) => `${k}${(schema.required ?? []).includes(k) ? "" : "?"}`).sort();
  for (const kind of listKinds()) {
    const name = kind.split(/[.-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
    const schema = exportSchema(kind);
    const doc = block(`${name}Document`);
    assert.deepEqual(topLevel(doc), expected(schema), kind);
    assert.equal(doc.includes("\n  [key: string]: unknown;"), !("additionalProperties" in schema), `${kind}: open exactly when its schema is`);
    const context = envelope.allOf.find((b) => b?.if?.properties?.kind?.const === kind).then.properties.context;
    assert.deepEqual(topLevel(block(`${name}Context`)), expected(context), `${kind} context`);
    assert.match(kinds, new RegExp(`^  "${kind.replaceAll(".", "\\.")}": ${name}Document;$`, "m"));
  }
  assert.match(kinds, /^export interface OauthClientDocument \{[^]*?^  \[key: string\]: unknown;\n\}/m, "oauth.client is open");
});

test("the browser entry uses no Node built-ins", () => {
  const glue = readFileSync(join(pkgDir, "credlint.js"), "utf8");
  assert.doesNotMatch(glue, /from ["']node:|require\(/);
  assert.match(glue, /new URL\(['"]credlint_bg\.wasm['"], import\.meta\.url\)/, "bundlers find the .wasm asset");
});

test("the rules' documentation (rules.js) and the schemas (schemas.js) are only in a browser bundle that imports listRules or exportSchema", async () => {
  const require = createRequire(import.meta.url);
  const esbuild = require("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "credlint-rules-"));
  // A sentence of one rule's documentation: in rules.js, not in the WebAssembly.
  const why = "A file that does not parse cannot be checked";
  assert.ok(readFileSync(join(pkgDir, "rules.js"), "utf8").includes(why));
  assert.ok(!readFileSync(join(pkgDir, "credlint_bg.wasm")).includes(why), "the browser .wasm carries no rule documentation");
  // A field's description: in schemas.js, not in either library WebAssembly.
  const described = "JWS algorithm for ID tokens.";
  assert.ok(readFileSync(join(pkgDir, "schemas.js"), "utf8").includes(described));
  assert.ok(!readFileSync(join(pkgDir, "credlint_bg.wasm")).includes(described), "the browser .wasm carries no schema descriptions");
  assert.ok(!readFileSync(join(pkgDir, "credlint_full_bg.wasm")).includes(described), "the Node .wasm carries no schema descriptions");
  // Nor the rules' summaries (listRules() and the schemas carry them).
  const summary = "a key appears twice in one object";
  assert.ok(readFileSync(join(pkgDir, "rules.js"), "utf8").includes(summary));
  assert.ok(!readFileSync(join(pkgDir, "credlint_bg.wasm")).includes(summary), "the browser .wasm carries no rule summaries");
  try {
    const nodePaths = [join(fileURLToPath(new URL(".", import.meta.url)), "node_modules")];
    const bundle = async (source) => {
      const entry = join(dir, "entry.js");
      writeFileSync(entry, source);
      const out = await esbuild.build({
        entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", write: false, nodePaths,
        loader: { ".wasm": "file" }, outdir: join(dir, "out"),
      });
      return out.outputFiles.filter((f) => f.path.endsWith(".js")).map((f) => f.text).join("\n");
    };
    const form = await bundle('import init, { validate } from "credlint"; await init(); console.log(validate("oauth.client", "{}").ok);\n');
    assert.ok(!form.includes(why), "a bundle of validate() leaves rules.js out");
    assert.ok(!form.includes(described), "a bundle of validate() leaves schemas.js out");
    const exporter = await bundle('import init, { exportSchema } from "credlint"; await init(); console.log(exportSchema("oauth.client").title);\n');
    assert.ok(exporter.includes(described) && !exporter.includes(why), "a bundle of exportSchema() has the schemas, not the rules");
    const lister = await bundle('import { listRules } from "credlint"; console.log(listRules().length);\n');
    assert.ok(lister.includes(why), "a bundle of listRules() has the documentation");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
