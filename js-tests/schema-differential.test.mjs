// The schema differential again, with ajv 8 (draft 2020-12, strict mode, ajv-formats): every
// document the Rust differential (tests/schema.rs) compared, with the engine's verdict, must get the
// same verdict from ajv on the exported schemas in schemas/. Zero disagreements.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { root } from "./helpers.mjs";

const casesDir = join(root, "target", "schema-differential");

function ajvWithSchemas() {
  // Strict mode; union types (`"type": ["string", "number", "boolean"]`) are standard JSON Schema.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false });
  addFormats(ajv);
  for (const name of readdirSync(join(root, "schemas")).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(join(root, "schemas", name), "utf8")));
  }
  return ajv;
}

for (const file of ["kinds.json", "envelopes.json"]) {
  test(`ajv agrees with the engine on ${file}`, () => {
    const path = join(casesDir, file);
    assert.ok(existsSync(path), `${path} is written by 'cargo test --test schema'; run it first`);
    const cases = JSON.parse(readFileSync(path, "utf8"));
    assert.ok(cases.length > 1000, `only ${cases.length} cases`);
    const ajv = ajvWithSchemas();
    const validators = new Map();
    const disagreements = [];
    for (const c of cases) {
      if (!validators.has(c.schema)) validators.set(c.schema, ajv.getSchema(`https://credlint.dev/schemas/${c.schema}`));
      const validate = validators.get(c.schema);
      assert.ok(validate, `no schema ${c.schema}`);
      const ok = validate(c.instance);
      if (ok !== c.valid) disagreements.push(`${c.schema}: engine ${c.valid}, ajv ${ok}: ${JSON.stringify(c.instance).slice(0, 300)}`);
    }
    console.log(`schema differential (ajv 8, strict, ajv-formats): ${cases.length} documents compared, ${disagreements.length} disagreements`);
    assert.deepEqual(disagreements.slice(0, 10), []);
  });
}
