// Generates the package's entry files from wasm-bindgen's output (run by scripts/build-pkg.sh,
// from the repository root, after both builds and wasm-opt). What it writes, in pkg/:
//
// - credlint.js, credlint_full.js: wasm-bindgen's glue, patched so that an export called before
//   `init()` throws "credlint: call `await init()` before `validate`" (instead of "Cannot read
//   properties of undefined"), so that a failed load of the `.wasm` names the likely cause
//   (a bundler that did not emit it) and the fix (`credlint/inline`), and so that it exports
//   `standardSchema` (standard-schema.js, bound to the glue's `validate`).
//   Both also export `listRules` from rules.js (below): the library builds carry no rule
//   documentation; and `exportSchema` returns a copy of the schema in schemas.js of the kind the
//   WebAssembly's `exportSchema` names (it checks the argument as every export does): the library
//   builds carry no descriptions and no schema writer.
// - rules.js: every rule with its documentation (`listRules()`), from the bin's build (the one
//   that keeps the documentation: cargo feature `docs`), as a plain module a bundler drops when
//   `listRules` is not imported: a form does not download ~10 KB gzip of text it never shows.
// - schemas.js: every kind's JSON Schema (`exportSchema(kind)`), from the bin's build (the
//   descriptions are kept with the `docs` feature too), dropped by a bundler when `exportSchema`
//   is not imported.
// - credlint_wasm.js: the browser build's bytes as base64 (ES module), for inline.js.
// - credlint_full_wasm.js: the Node build's bytes as base64 (ES module), for node.js.
// - node.cjs: node.js as CommonJS (esbuild, with its own copy of the bytes), for `require()` on
//   Node 18+, Jest and TypeScript CommonJS. (One CommonJS copy shared by both entries would save
//   ~420 KB gzip of tarball, but Node's import of a CommonJS module scans it for export names:
//   ~40 ms more at every start of the bin.)
// - index.d.cts: index.d.ts for CommonJS importers (ids.d.cts is written after ids.d.ts).
//
// Each patch checks that it applied: a new wasm-bindgen whose glue has changed shape fails the
// build here instead of shipping an unguarded entry.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = "pkg";
const esbuild = createRequire(join(process.cwd(), "js-tests", "package.json"))("esbuild");

function fail(message) {
  console.error(`pkg-entries: ${message}`);
  process.exit(2);
}

function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) fail(`${what}: expected exactly one \`${from}\` in the glue`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function patchGlue(name) {
  const file = join(pkg, `${name}.js`);
  let text = readFileSync(file, "utf8");
  if (text.includes("credlintNotReady")) fail(`${file} is already patched: run build-pkg.sh from the start`);
  if (/^export class /m.test(text)) fail(`${file} exports a class: guard its methods before init too`);
  let guarded = 0;
  text = text.replace(/^(export function (\w+)\([^)]*\) \{\n)/gm, (all, head, fn) => {
    guarded++;
    return `${head}    if (wasm === undefined) credlintNotReady(${JSON.stringify(fn)});\n`;
  });
  const exported = [...text.matchAll(/^export function (\w+)/gm)].length;
  if (guarded === 0 || guarded !== exported) fail(`${file}: guarded ${guarded} of ${exported} exported functions`);
  text = replaceOnce(
    text,
    "const { instance, module } = await __wbg_load(await module_or_path, imports);",
    "const { instance, module } = await __wbg_load(await module_or_path, imports).catch(credlintLoadFailed);",
    "load error",
  );
  if (name === "credlint_full") {
    // The Node build is instantiated from inline bytes at load (node.js); it ships no .wasm
    // file, so nothing may point a bundler at one (Next.js and webpack would fail to resolve it).
    text = replaceOnce(
      text,
      "module_or_path = new URL('credlint_full_bg.wasm', import.meta.url);",
      'throw new Error("credlint: this build is instantiated when node.js or node.cjs loads; init() needs no argument");',
      "default URL",
    );
  }
  // `standardSchema` (pkg/standard-schema.js, hand-written JavaScript) bound to this glue's
  // `validate`: every entry exports it beside the WebAssembly's exports. Not guarded: a schema may
  // be made before `init()` (at a module's top level); its `validate` needs the WebAssembly.
  text += `
import { standardSchemaWith as credlintStandardSchemaWith } from "./standard-schema.js";

export function standardSchema(kind, options) {
    return credlintStandardSchemaWith(validate, kind, options);
}
`;
  // The rule documentation is not in this WebAssembly (cargo feature `docs` off): rules.js has it.
  if (/^export function listRules\b/m.test(text)) fail(`${file} exports listRules: build it without the \`docs\` feature`);
  text += `
export { listRules } from "./rules.js";
`;
  // The WebAssembly's `exportSchema` gives the kind's id (feature `docs` off): the export returns
  // that kind's schema from schemas.js. The guard above (before `init()`) stays in the inner one.
  text = replaceOnce(text, "export function exportSchema(kind) {", "function credlintSchemaKind(kind) {", "exportSchema");
  text += `
import { schemaOf as credlintSchemaOf } from "./schemas.js";

export function exportSchema(kind) {
    return credlintSchemaOf(credlintSchemaKind(kind));
}
`;
  text += `
function credlintNotReady(name) {
    throw new Error(\`credlint: call \\\`await init()\\\` before \\\`\${name}\\\` (it loads the WebAssembly)\`);
}

function credlintLoadFailed(cause) {
    throw new Error(\`credlint: could not load its WebAssembly (\${cause && cause.message}). If a bundler built this page, it may not have emitted ${name}_bg.wasm next to the bundle (esbuild and Rollup do not): import from "credlint/inline", which carries the bytes in the JavaScript, or pass the .wasm's URL to init({ module_or_path })\`, { cause });
}
`;
  writeFileSync(file, text);
  return guarded;
}

// rules.js, from the bin's build, which keeps the documentation.
{
  const cli = await import(pathToFileURL(resolve(pkg, "credlint_cli.js")).href);
  cli.initSync({ module: readFileSync(join(pkg, "credlint_cli_bg.wasm")) });
  const rules = cli.listRules();
  if (!Array.isArray(rules) || rules.length < 20 || rules.some((r) => !r.id || !r.why || !r.description)) {
    fail("the bin's build lists no documented rules: is it built with the `docs` feature?");
  }
  writeFileSync(
    join(pkg, "rules.js"),
    `// Generated by scripts/build-pkg.sh (scripts/pkg-entries.mjs) from the bin's \`listRules()\`, which
// \`credlint rules --format json\` prints too: do not edit. The rule documentation lives here, not in
// the WebAssembly, so that a page that never lists rules does not download it.

const RULES = ${JSON.stringify(rules)};

/** Every rule, as \`credlint rules --format json\` lists them (a fresh copy on each call). */
export function listRules() {
  return RULES.map((rule) => ({ ...rule }));
}
`,
  );
}

// schemas.js, from the bin's build, which keeps the descriptions.
{
  const cli = await import(pathToFileURL(resolve(pkg, "credlint_cli.js")).href);
  const kinds = cli.listKinds();
  const schemas = Object.fromEntries(kinds.map((kind) => [kind, cli.exportSchema(kind)]));
  const described = (s) => typeof s.description === "string" && s.description.length > 0;
  if (kinds.length === 0 || !Object.values(schemas).every(described)) {
    fail("the bin's build exports no described schemas: is it built with the `docs` feature?");
  }
  writeFileSync(
    join(pkg, "schemas.js"),
    `// Generated by scripts/build-pkg.sh (scripts/pkg-entries.mjs) from the bin's \`exportSchema\`, which
// \`credlint schema KIND\` prints too: do not edit. The schemas live here, not in the WebAssembly,
// so that a page that never exports one does not download them.

const SCHEMAS = ${JSON.stringify(schemas)};

/** A fresh copy of the JSON Schema of \`kind\` (an id the WebAssembly has checked). */
export function schemaOf(kind) {
  const schema = Object.hasOwn(SCHEMAS, kind) ? SCHEMAS[kind] : undefined;
  if (schema === undefined) throw new Error(\`credlint: schemas.js has no schema for \${kind} (the package's files are from different builds)\`);
  return JSON.parse(JSON.stringify(schema));
}
`,
  );
}

const guarded = [patchGlue("credlint"), patchGlue("credlint_full")];

const b64 = (file) => readFileSync(join(pkg, file)).toString("base64");
writeFileSync(
  join(pkg, "credlint_wasm.js"),
  `// Generated by scripts/build-pkg.sh: credlint_bg.wasm as base64, for inline.js.\nexport default "${b64("credlint_bg.wasm")}";\n`,
);
writeFileSync(
  join(pkg, "credlint_full_wasm.js"),
  `// Generated by scripts/build-pkg.sh: credlint_full_bg.wasm as base64, for node.js.\nexport default "${b64("credlint_full_bg.wasm")}";\n`,
);

await esbuild.build({
  entryPoints: [join(pkg, "node.js")],
  outfile: join(pkg, "node.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node18",
  logLevel: "error",
  banner: {
    js: [
      "// Generated by scripts/build-pkg.sh from node.js and credlint_full.js (esbuild): the CommonJS entry.",
      "// Jest's jsdom environment has no TextEncoder/TextDecoder globals: take Node's (no require(), so",
      "// that a browser bundle of this file does not ask for a `util` module).",
      "var TextEncoder = globalThis.TextEncoder || globalThis.process?.getBuiltinModule?.(\"util\").TextEncoder;",
      "var TextDecoder = globalThis.TextDecoder || globalThis.process?.getBuiltinModule?.(\"util\").TextDecoder;",
    ].join("\n"),
  },
});

const dts = readFileSync(join(pkg, "index.d.ts"), "utf8");
const from = 'from "./ids.js";';
if (!dts.includes(from)) fail(`index.d.ts no longer imports ${from}`);
writeFileSync(
  join(pkg, "index.d.cts"),
  `// Generated by scripts/build-pkg.sh from index.d.ts: the types of the CommonJS entry (node.cjs).\n${dts.replaceAll(from, 'from "./ids.cjs";').replaceAll('from "./kinds.js";', 'from "./kinds.cjs";')}`,
);
console.error(`pkg-entries: guarded ${guarded.join(" + ")} exports; wrote rules.js, schemas.js, credlint_wasm.js, credlint_full_wasm.js, node.cjs, index.d.cts`);
