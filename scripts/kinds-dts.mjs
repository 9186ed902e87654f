// Writes pkg/kinds.d.ts (and its copy kinds.d.cts): a TypeScript interface per kind for its
// document and its context. Run by scripts/build-pkg.sh after the build, from the repository root.
//
// The source is the built package's own JSON Schemas (`credlint schema --all`, through the bin):
// the kind schemas come from each kind's `fields()` and the envelope's per-kind `context` from its
// `context_fields()` (src/schema.rs, from the declaration in src/structure.rs), so the types, the
// schemas and the structural checks share one declaration and cannot drift.
//
// The mapping covers the subset src/schema.rs emits: `type` (string, integer, number, boolean,
// array, object), `enum`, `anyOf`, `items`, `properties` + `required`, `additionalProperties`
// (false: closed; absent: open, any other member allowed; a schema: a map), `patternProperties`
// of the form `^name#...` (language-tagged members, as template-literal keys), `{}`/`true` (any).
// Anything else fails the build here rather than producing a wrong type.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function fail(message) {
  console.error(`kinds-dts: ${message}`);
  process.exit(2);
}

const KNOWN = new Set([
  "$schema", "$id", "title", "description", "type", "enum", "anyOf", "items", "minItems", "uniqueItems", "properties",
  "required", "additionalProperties", "patternProperties", "propertyNames", "minLength", "pattern", "minimum", "maximum",
  "writeOnly",
]);

const dir = mkdtempSync(join(tmpdir(), "credlint-kinds-dts-"));
let kinds;
let envelope;
const documents = new Map();
try {
  execFileSync(process.execPath, ["pkg/bin/credlint.js", "schema", "--all", "--out-dir", dir], { stdio: ["ignore", "ignore", "inherit"] });
  envelope = JSON.parse(readFileSync(join(dir, "envelope.schema.json"), "utf8"));
  kinds = envelope.properties.kind.enum;
  for (const kind of kinds) documents.set(kind, JSON.parse(readFileSync(join(dir, `${kind}.schema.json`), "utf8")));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const contexts = new Map();
for (const branch of envelope.allOf) {
  const kind = branch?.if?.properties?.kind?.const;
  const context = branch?.then?.properties?.context;
  if (typeof kind === "string" && context) contexts.set(kind, context);
}
for (const kind of kinds) if (!contexts.has(kind)) fail(`the envelope schema has no context for ${kind}`);

const key = (name) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));
const comment = (text, pad) => {
  const body = text.replaceAll("*/", "*\\/");
  return `${pad}/** ${body} */\n`;
};

function members(schema, pad, where) {
  const required = new Set(schema.required ?? []);
  let out = "";
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    let doc = prop.description ?? "";
    // The field's label (the schema's `title`, from the structure declaration) leads its doc.
    if (prop.title) doc = `**${prop.title}**.${doc ? " " : ""}${doc}`;
    if (prop.writeOnly) doc += `${doc ? " " : ""}A secret: credlint never echoes it.`;
    if (doc) out += comment(doc, pad);
    out += `${pad}${key(name)}${required.has(name) ? "" : "?"}: ${type(prop, pad, `${where}/${name}`)};\n`;
  }
  for (const [pattern, prop] of Object.entries(schema.patternProperties ?? {})) {
    const m = /^\^([A-Za-z_]+)#\[\\s\\S\]$/.exec(pattern);
    if (!m) fail(`${where}: patternProperties ${pattern} has no TypeScript form`);
    if (prop.description) out += comment(prop.description, pad);
    out += `${pad}[key: \`${m[1]}#\${string}\`]: ${type(prop, pad, `${where}/${pattern}`)};\n`;
  }
  if (!("additionalProperties" in schema)) {
    out += `${pad}/** Members credlint does not declare (this object is open). */\n${pad}[key: string]: unknown;\n`;
  }
  return out;
}

function type(schema, pad, where) {
  if (schema === true) return "unknown";
  if (schema === null || typeof schema !== "object") fail(`${where}: not a schema`);
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) fail(`${where}: keyword ${k} has no TypeScript form`);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map((s, i) => wrap(type(s, pad, `${where}/anyOf/${i}`))).join(" | ");
  const t = schema.type;
  if (Array.isArray(t)) return t.map((x) => type({ type: x }, pad, where)).join(" | ");
  switch (t) {
    case undefined:
      return "unknown";
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return `${wrap(type(schema.items ?? true, pad, `${where}/items`))}[]`;
    case "object": {
      const extra = schema.additionalProperties;
      if (extra !== undefined && extra !== false) {
        if (schema.properties && Object.keys(schema.properties).length > 0) fail(`${where}: a map with declared members`);
        return `{ [key: string]: ${type(extra, pad, `${where}/additionalProperties`)} }`;
      }
      return `{\n${members(schema, `${pad}  `, where)}${pad}}`;
    }
    default:
      return fail(`${where}: type ${t} has no TypeScript form`);
  }
}

const wrap = (t) => (/^[\w"{]/.test(t) && !t.includes(" | ") ? t : `(${t})`);

const pascal = (kind) => kind.split(/[.-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join("");

let out = `// Generated by scripts/build-pkg.sh (scripts/kinds-dts.mjs) from the kinds' JSON Schemas, which
// come from the same structure declaration as the structural checks: do not edit.
`;
for (const kind of kinds) {
  const doc = documents.get(kind);
  if (doc.type !== "object") fail(`${kind}: the document is not an object`);
  out += `\n/** A \`${kind}\` document: ${doc.title}. */\nexport interface ${pascal(kind)}Document {\n${members(doc, "  ", kind)}}\n`;
  out += `\n/** The context of a \`${kind}\` document: facts the platform would look up. */\nexport interface ${pascal(kind)}Context {\n${members(contexts.get(kind), "  ", `${kind} context`)}}\n`;
}
out += `\n/** Each kind's document type, by kind id. */\nexport interface KindDocuments {\n${kinds.map((k) => `  ${JSON.stringify(k)}: ${pascal(k)}Document;\n`).join("")}}\n`;
out += `\n/** Each kind's context type, by kind id. */\nexport interface KindContexts {\n${kinds.map((k) => `  ${JSON.stringify(k)}: ${pascal(k)}Context;\n`).join("")}}\n`;

writeFileSync("pkg/kinds.d.ts", out);
writeFileSync("pkg/kinds.d.cts", out);
console.error(`kinds-dts: wrote pkg/kinds.d.ts (${kinds.length} kinds)`);
