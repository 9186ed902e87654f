// The package's API, through `import ... from "credlint"` (the package's own exports map), against
// the native CLI where both can answer.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import init, * as credlint from "credlint";
import { pkgDir, root, runNative } from "./helpers.mjs";

const KIND = "paragon.integration-credentials";
const CUSTOM = { operation: "create", integration: { type: "custom", authentication_type: "oauth" } };
const BUILTIN = { operation: "create", integration: { type: "jira" } };
const GOOD = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "id", client_secret: "s", scopes: ["read"] },
};
const exampleText = readFileSync(join(root, "examples/credentials.json"), "utf8");

/** Only own, plain data: no Maps, no class instances, prototypes untouched. */
function assertPlain(value, where = "result") {
  if (value === null || typeof value !== "object") return;
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${where} is a plain object or array`);
  for (const [k, v] of Object.entries(value)) assertPlain(v, `${where}.${k}`);
}

describe("smoke: the package gives the native CLI's answer", () => {
  test("validate(text) of examples/credentials.json equals `credlint check --format json`", () => {
    const nativeRun = runNative(["check", "examples/credentials.json", "--format", "json"]);
    assert.equal(nativeRun.code, 1);
    const expected = JSON.parse(nativeRun.stdout);
    const report = credlint.validate(null, exampleText, { file: "examples/credentials.json" });
    assert.deepEqual(report, expected);
    assertPlain(report);
    // The kind argument for an envelope's text changes nothing.
    assert.deepEqual(credlint.validate(KIND, exampleText, { file: "examples/credentials.json" }), expected);
  });

  test("validate(object) finds the same problems as text, without positions", () => {
    const envelope = JSON.parse(exampleText);
    const fromText = credlint.validate(null, exampleText);
    const fromValue = credlint.validate(KIND, envelope.document, { context: envelope.context });
    const strip = (d) => ({ rule: d.rule, severity: d.severity, path: d.path, message: d.message, hint: d.hint });
    const key = (d) => `${d.path} ${d.rule}`;
    assert.deepEqual(fromValue.diagnostics.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
      fromText.diagnostics.map(strip).sort((a, b) => key(a).localeCompare(key(b))));
    for (const d of fromValue.diagnostics) {
      assert.equal(d.line, undefined);
      assert.equal(d.column, undefined);
    }
    assert.deepEqual(fromValue.summary, fromText.summary);
  });

  test("init() resolves in Node too (the instance is already loaded)", async () => {
    await init();
    assert.equal(credlint.listKinds().length > 0, true);
  });
});

describe("listings", () => {
  test("listKinds() lists every kind the native CLI knows", () => {
    const kinds = credlint.listKinds();
    assert.ok(kinds.includes(KIND));
    const nativeRules = JSON.parse(runNative(["rules", "--format", "json"]).stdout);
    for (const k of new Set(nativeRules.map((r) => r.kind).filter((k) => k !== "*"))) assert.ok(kinds.includes(k), k);
    assertPlain(kinds);
  });

  test("listRules() equals `credlint rules --format json`", () => {
    const rules = credlint.listRules();
    assert.deepEqual(rules, JSON.parse(runNative(["rules", "--format", "json"]).stdout));
    for (const r of rules) {
      assert.equal(typeof r.id, "string");
      assert.ok(["error", "warning", "info"].includes(r.severity));
      assert.equal(typeof r.description, "string");
    }
  });

  test("exportSchema(kind) equals `credlint schema KIND` and schemas/", () => {
    for (const kind of credlint.listKinds()) {
      const schema = credlint.exportSchema(kind);
      assert.deepEqual(schema, JSON.parse(runNative(["schema", kind]).stdout));
      assert.deepEqual(schema, JSON.parse(readFileSync(join(root, "schemas", `${kind}.schema.json`), "utf8")));
      assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
      assertPlain(schema);
    }
  });

  test("version() is the crate's and the npm package's", () => {
    const cargo = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
    assert.equal(credlint.version(), cargo);
    assert.equal(JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version, cargo);
  });
});

describe("validate", () => {
  test("a valid document with its context: ok, nothing skipped that the context answers", () => {
    const report = credlint.validate(KIND, GOOD, { context: BUILTIN });
    assert.equal(report.ok, true);
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(report.summary, { files: 1, documents: 1, errors: 0, warnings: 0, infos: 0 });
  });

  test("without context, context rules are listed as skipped, never silently passed", () => {
    const report = credlint.validate(KIND, GOOD);
    assert.equal(report.ok, true);
    assert.ok(report.skipped.some((s) => s.rule === "paragon/custom-scopes"));
  });

  test("options.policy changes severities; an unknown rule id is an error", () => {
    const doc = { ...GOOD, extra_configuration: { clientId: "x" } };
    assert.equal(credlint.validate(KIND, doc, { context: BUILTIN }).ok, false);
    const off = credlint.validate(KIND, doc, { context: BUILTIN, policy: { rules: { "paragon/reserved-extra-key": "off" } } });
    assert.ok(!off.diagnostics.some((d) => d.rule === "paragon/reserved-extra-key"));
    const warn = credlint.validate(KIND, doc, { context: BUILTIN, policy: { rules: { "paragon/reserved-extra-key": "warning" } } });
    assert.equal(warn.diagnostics.find((d) => d.rule === "paragon/reserved-extra-key").severity, "warning");
    assert.throws(() => credlint.validate(KIND, doc, { policy: { rules: { "paragon/no-such-rule": "off" } } }),
      { name: "Error", message: /invalid policy: unknown rule id `paragon\/no-such-rule`/ });
  });

  test("options.policy's rule options: allowed scopes, the longest token lifetime", () => {
    const policy = { options: { "policy/scope-not-allowed": { allowed: ["read"] }, "policy/token-lifetime": { max_seconds: 3600 } } };
    const creds = credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, scopes: ["read", "admin"] } }, { context: BUILTIN, policy });
    assert.deepEqual(creds.diagnostics.map((d) => [d.rule, d.path]), [["policy/scope-not-allowed", "/oauth/scopes/1"]]);
    const text = JSON.stringify({ kind: "genesys.oauth-client", document: { name: "c", authorized_grant_type: "CLIENT-CREDENTIALS", access_token_validity_seconds: 7200, roles: [{ role_id: "r", division_id: "*" }] } });
    const genesys = credlint.validate(null, text, { policy });
    assert.deepEqual(genesys.diagnostics.map((d) => [d.rule, d.line, d.column]), [["policy/token-lifetime", 1, 100]]);
    assert.ok(credlint.validate(KIND, GOOD, { context: BUILTIN, policy }).ok);
    assert.throws(() => credlint.validate(KIND, GOOD, { policy: { options: { "policy/token-lifetime": { max_seconds: -1 } } } }),
      { name: "Error", message: /invalid policy: `policy\/token-lifetime`: `max_seconds` must be a whole number/ });
    const listed = credlint.listRules().filter((r) => r.id.startsWith("policy/")).map((r) => [r.id, r.kind]);
    assert.deepEqual(listed, [["policy/scope-not-allowed", "*"], ["policy/token-lifetime", "*"]]);
  });

  test("options.file names the file in diagnostics; unknown options are an error", () => {
    const report = credlint.validate(KIND, { ...GOOD, integration_id: "" }, { file: "form" });
    assert.ok(report.diagnostics.length > 0);
    for (const d of report.diagnostics) assert.equal(d.file, "form");
    assert.throws(() => credlint.validate(KIND, GOOD, { contxt: CUSTOM }), { name: "TypeError", message: /unknown option `contxt`/ });
  });

  test("a bare document as text, with the kind argument", () => {
    const text = JSON.stringify({ ...GOOD, oauth: { ...GOOD.oauth, scopes: ["read", "read"] } }, null, 2);
    const report = credlint.validate(KIND, text, { context: BUILTIN });
    const d = report.diagnostics.find((d) => d.rule === "paragon/duplicate-scope");
    assert.equal(d.path, "/oauth/scopes/1");
    assert.equal(typeof d.line, "number");
    assert.equal(typeof d.column, "number");
    // Without the kind, a document shaped like a known kind is an error (never passed over), and
    // anything else is not credentials at all.
    const unwrapped = credlint.validate(null, text);
    assert.equal(unwrapped.ok, false);
    assert.deepEqual(unwrapped.diagnostics.map((d) => d.rule), ["structure/invalid-envelope"]);
    assert.throws(() => credlint.validate(null, JSON.stringify({ name: "x" })), { message: /not an envelope.*pass the kind as the first argument/ });
  });

  test("the integrations map of the paragon_integrations data source works as context", () => {
    const integrations = { integrations: { jira: { id: GOOD.integration_id, type: "jira" } } };
    const report = credlint.validate(KIND, GOOD, { context: integrations });
    assert.deepEqual(report.diagnostics, []);
  });
});

describe("validateBatch", () => {
  test("a batch file equals `credlint check --format json` on it", () => {
    for (const file of ["corpus/paragon.integration-credentials/rules-fail-batch.json",
      "corpus/paragon.integration-credentials/structure-fail-batch.json"]) {
      const expected = JSON.parse(runNative(["check", file, "--format", "json"]).stdout);
      const report = credlint.validateBatch(readFileSync(join(root, file), "utf8"), { file });
      assert.deepEqual(report, expected, file);
      assert.ok(report.diagnostics.some((d) => d.index !== undefined));
    }
  });

  test("bare documents with options.kind", () => {
    const report = credlint.validateBatch(JSON.stringify([GOOD, { ...GOOD, project_id: 5 }]), { kind: KIND, context: BUILTIN });
    assert.equal(report.summary.documents, 2);
    assert.deepEqual(report.diagnostics.map((d) => [d.index, d.path]), [[1, "/project_id"]]);
  });

  test("input must be text", () => {
    assert.throws(() => credlint.validateBatch([GOOD]), { name: "TypeError", message: /must be a string of JSON text, not an array/ });
  });
});

describe("validateField", () => {
  test("a reserved key in extra configuration: the error is on that key", () => {
    const diags = credlint.validateField(KIND, "/extra_configuration/clientId", "abc", GOOD, { context: BUILTIN });
    assert.deepEqual(diags.map((d) => [d.rule, d.path]), [["paragon/reserved-extra-key", "/extra_configuration/clientId"]]);
  });

  test("only this field's diagnostics, including cross-field rules that involve it", () => {
    const doc = { ...GOOD, integration_id: "" };
    // integration_id is wrong, but the scopes field only sees its own problem (custom + scopes).
    const scopes = credlint.validateField(KIND, "/oauth/scopes", ["read"], doc, { context: CUSTOM });
    assert.deepEqual(scopes.map((d) => d.rule), ["paragon/custom-scopes"]);
    const clean = credlint.validateField(KIND, "/oauth/client_id", "id", doc, { context: CUSTOM });
    assert.deepEqual(clean, []);
    const id = credlint.validateField(KIND, "/integration_id", "", doc, { context: CUSTOM });
    assert.ok(id.length > 0 && id.every((d) => d.path === "/integration_id"));
  });

  test("a field whose parents do not exist yet (an empty form)", () => {
    const diags = credlint.validateField(KIND, "/oauth/client_id", "", undefined);
    assert.ok(diags.every((d) => d.path === "/oauth/client_id"));
    assert.ok(diags.length > 0);
  });

  test("NaN from a number input is reported as what it is", () => {
    const diags = credlint.validateField(KIND, "/extra_configuration/limit", NaN, GOOD, { context: CUSTOM });
    assert.deepEqual(diags.map((d) => [d.rule, d.path]), [["paragon/extra-value-non-finite", "/extra_configuration/limit"]]);
  });

  test("a bad pointer is an Error", () => {
    assert.throws(() => credlint.validateField(KIND, "oauth", "x", GOOD), { message: /is not a JSON Pointer/ });
  });
});

describe("toWire", () => {
  test("the body apply would send, for a valid document", () => {
    const doc = { ...GOOD, oauth: { client_id: "id", client_secret: "s" }, extra_configuration: { region: "eu" } };
    const wire = credlint.toWire(KIND, doc, CUSTOM);
    assertPlain(wire);
    assert.equal(wire.values.clientId, "id");
    assert.equal(wire.values.region, "eu");
  });

  test("a document with errors has no wire body, and the message holds no secret", () => {
    const doc = { ...GOOD, oauth: { client_id: "id", client_secret: "TOPSECRET-1234", scopes: ["x"] } };
    assert.throws(() => credlint.toWire(KIND, doc, CUSTOM), (e) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, /paragon\/custom-scopes/);
      assert.doesNotMatch(e.message, /TOPSECRET/);
      return true;
    });
  });
});

describe("tokenAction", () => {
  const config = {
    flow: "clientCredentials",
    client_id: "id",
    client_secret: "s",
    token_url: "https://idp.example.com/oauth/token",
    token: { access_token: "t", expires_at: "2030-01-01T00:00:00Z" },
  };

  test("use before expiry, fetch after (no refresh token), refresh with one", () => {
    assert.equal(credlint.tokenAction(config, "2029-12-31T23:59:59Z"), "use");
    assert.equal(credlint.tokenAction(config, "2030-01-01T00:00:00Z"), "fetch");
    const refreshable = { ...config, refresh_url: "https://idp.example.com/oauth/refresh", token: { ...config.token, refresh_token: "r" } };
    assert.equal(credlint.tokenAction(refreshable, "2030-01-01T00:00:01Z"), "refresh");
    assert.equal(credlint.tokenAction({ ...config, token: undefined }, "2030-01-01T00:00:00Z"), "fetch");
  });

  test("bad times and shapes are Errors that hold no token", () => {
    assert.throws(() => credlint.tokenAction(config, "tomorrow"), { message: /`now`/ });
    assert.throws(() => credlint.tokenAction(config, 5), { name: "TypeError" });
    assert.throws(() => credlint.tokenAction("config", "2030-01-01T00:00:00Z"), { name: "TypeError" });
    assert.throws(() => credlint.tokenAction({ ...config, token: { access_token: "SECRET-TOKEN", expires_at: "soon" } }, "2030-01-01T00:00:00Z"),
      (e) => /expires_at/.test(e.message) && !/SECRET-TOKEN/.test(e.message));
  });
});
