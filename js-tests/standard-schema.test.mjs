// `standardSchema(kind, options)`: a kind as a Standard Schema v1 validator (standardschema.dev),
// from every entry of the package.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, test } from "node:test";

import * as credlint from "credlint";
import { pkgDir } from "./helpers.mjs";

const KIND = "paragon.integration-credentials";
const CUSTOM = { operation: "create", integration: { type: "custom", authentication_type: "oauth" } };
const BUILTIN = { operation: "create", integration: { type: "jira" } };
const GOOD = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "id", client_secret: "s", scopes: ["read"] },
};

const check = (schema, value) => schema["~standard"].validate(value);
/** The errors `validate` reports, as [rule, pointer]: what the issues must match one for one. */
const errors = (doc, options) =>
  credlint.validate(KIND, doc, options).diagnostics.filter((d) => d.severity === "error").map((d) => [d.rule, d.path]);

describe("standardSchema", () => {
  test("implements Standard Schema v1: version 1, vendor credlint, a synchronous validate", () => {
    const schema = credlint.standardSchema(KIND, { context: BUILTIN });
    const props = schema["~standard"];
    assert.equal(props.version, 1);
    assert.equal(props.vendor, "credlint");
    assert.equal(typeof props.validate, "function");
    const result = props.validate(GOOD);
    assert.ok(!(result instanceof Promise));
  });

  test("a clean document gives { value } (the same object) and no issues", () => {
    const result = check(credlint.standardSchema(KIND, { context: BUILTIN }), GOOD);
    assert.deepEqual(Object.keys(result), ["value"]);
    assert.equal(result.value, GOOD);
    assert.equal(result.issues, undefined);
  });

  test("each error is an issue with its message and the path of its field as keys", () => {
    const doc = { ...GOOD, extra_configuration: { clientId: "x", region: "eu" } };
    const result = check(credlint.standardSchema(KIND, { context: BUILTIN }), doc);
    assert.equal(result.value, undefined);
    assert.deepEqual(result.issues.map((i) => i.path), [["extra_configuration", "clientId"]]);
    assert.equal(result.issues[0].rule, "paragon/reserved-extra-key");
    const diagnostic = credlint.validate(KIND, doc, { context: BUILTIN }).diagnostics[0];
    assert.equal(result.issues[0].message, diagnostic.message);
    assert.match(result.issues[0].message, /clientId/);
  });

  test("paths: array indices are numbers, object keys stay strings (even digits), RFC 6901 unescaped", () => {
    const policy = { options: { "policy/scope-not-allowed": { allowed: ["read"] } } };
    const scopes = { ...GOOD, oauth: { ...GOOD.oauth, scopes: ["read", "admin"] } };
    const a = check(credlint.standardSchema(KIND, { context: BUILTIN, policy }), scopes);
    assert.deepEqual(errors(scopes, { context: BUILTIN, policy }), [["policy/scope-not-allowed", "/oauth/scopes/1"]]);
    assert.deepEqual(a.issues.map((i) => i.path), [["oauth", "scopes", 1]]);

    const digits = { ...GOOD, extra_configuration: { 0: ["not", "a", "scalar"] } };
    const b = check(credlint.standardSchema(KIND, { context: BUILTIN }), digits);
    assert.deepEqual(errors(digits, { context: BUILTIN }).map(([, p]) => p), ["/extra_configuration/0"]);
    assert.deepEqual(b.issues.map((i) => i.path), [["extra_configuration", "0"]]);

    const odd = { ...GOOD, "a/b~c": 1 };
    const c = check(credlint.standardSchema(KIND, { context: BUILTIN }), odd);
    assert.deepEqual(errors(odd, { context: BUILTIN }).map(([, p]) => p), ["/a~1b~0c"]);
    assert.deepEqual(c.issues.map((i) => i.path), [["a/b~c"]]);
  });

  test("a document-level error has the empty path", () => {
    const result = check(credlint.standardSchema(KIND, { context: BUILTIN }), {});
    const pointers = errors({}, { context: BUILTIN }).map(([, p]) => p);
    assert.ok(pointers.length > 0);
    assert.deepEqual(
      result.issues.map((i) => i.path),
      pointers.map((p) => (p === "" ? [] : p.slice(1).split("/"))),
    );
  });

  test("warnings and infos are not issues; validate still reports them", () => {
    const doc = { ...GOOD, extra_configuration: { clientId: "x" } };
    const policy = { rules: { "paragon/reserved-extra-key": "warning" } };
    const result = check(credlint.standardSchema(KIND, { context: BUILTIN, policy }), doc);
    assert.deepEqual(result, { value: doc });
    const report = credlint.validate(KIND, doc, { context: BUILTIN, policy });
    assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.severity]), [
      ["paragon/reserved-extra-key", "warning"],
      ["paragon/extra-config-builtin", "info"],
    ]);
  });

  test("context and policy are honoured", () => {
    const doc = { ...GOOD, oauth: { ...GOOD.oauth, scopes: ["x"] } };
    assert.deepEqual(check(credlint.standardSchema(KIND, { context: BUILTIN }), doc), { value: doc });
    const custom = check(credlint.standardSchema(KIND, { context: CUSTOM }), doc);
    assert.deepEqual(custom.issues.map((i) => i.rule), errors(doc, { context: CUSTOM }).map(([r]) => r));
    assert.ok(custom.issues.some((i) => i.rule === "paragon/custom-scopes"));
    const off = check(credlint.standardSchema(KIND, { context: CUSTOM, policy: { rules: { "paragon/custom-scopes": "off" } } }), doc);
    assert.ok(!(off.issues ?? []).some((i) => i.rule === "paragon/custom-scopes"));
    assert.throws(() => check(credlint.standardSchema(KIND, { policy: { rules: { "paragon/no-such-rule": "off" } } }), doc), /unknown rule id/);
  });

  test("a value that is not an object is one issue at the root", () => {
    const schema = credlint.standardSchema(KIND);
    for (const value of [null, "{}", 3, [GOOD], undefined]) {
      const result = check(schema, value);
      assert.equal(result.issues.length, 1, String(value));
      assert.deepEqual(result.issues[0].path, []);
      assert.match(result.issues[0].message, /must be an object/);
    }
  });

  test("secrets never appear in issues", () => {
    const doc = {
      ...GOOD,
      oauth: { client_id: "id", client_secret: "TOPSECRET-1234", scopes: ["x"] },
      extra_configuration: { clientId: "EXTRA-SECRET-5678", nested: { token: "EXTRA-SECRET-9012" } },
    };
    const result = check(credlint.standardSchema(KIND, { context: CUSTOM }), doc);
    assert.ok(result.issues.length >= 3, JSON.stringify(result.issues.map((i) => i.rule)));
    const text = JSON.stringify(result.issues);
    for (const secret of ["TOPSECRET-1234", "EXTRA-SECRET-5678", "EXTRA-SECRET-9012"]) assert.ok(!text.includes(secret), secret);
  });

  test("every entry exports it, bound to its own engine, with the same answers", async () => {
    const doc = { ...GOOD, extra_configuration: { clientId: "x" }, oauth: { ...GOOD.oauth, scopes: ["x"] } };
    const expected = check(credlint.standardSchema(KIND, { context: CUSTOM }), doc);
    assert.ok(expected.issues.length >= 2);
    const cjs = createRequire(import.meta.url)("credlint");
    const inline = await import("credlint/inline");
    await inline.default();
    const browser = await import(join(pkgDir, "credlint.js"));
    browser.initSync({ module: readFileSync(join(pkgDir, "credlint_bg.wasm")) });
    for (const [name, entry] of [["node.cjs", cjs], ["credlint/inline", inline], ["credlint.js", browser]]) {
      assert.equal(typeof entry.standardSchema, "function", name);
      assert.notEqual(entry.standardSchema, credlint.standardSchema, `${name} has its own`);
      assert.deepEqual(check(entry.standardSchema(KIND, { context: CUSTOM }), doc), expected, name);
    }
  });
});
