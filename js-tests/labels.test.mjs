// Field labels: each diagnostic of `validate` (of a document given as an object), `validateField` and each issue of
// `standardSchema` carries the `label` of its field: the app's own from `options.labels`, else the
// kind's declared one (the exported schema's `title`); none when the pointer is not a declared
// field. Messages do not change.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import * as credlint from "credlint";

const KIND = "paragon.integration-credentials";
const CUSTOM = { operation: "create", integration: { type: "custom", authentication_type: "oauth" } };
const BUILTIN = { operation: "create", integration: { type: "jira" } };
const GOOD = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "id", client_secret: "s", scopes: ["read"] },
};
/** Missing secret, scopes on a custom integration, a reserved extra key, an unknown member. */
const BAD = {
  integration_id: GOOD.integration_id,
  project_id: GOOD.project_id,
  oauth: { client_id: "id", scopes: ["read", "write"] },
  extra_configuration: { clientId: "x" },
  surprise: 1,
};

const byPath = (diagnostics) => Object.fromEntries(diagnostics.map((d) => [d.path, d.label]));

describe("labels", () => {
  test("validate: each diagnostic has its field's declared label, none off the declared fields", () => {
    const report = credlint.validate(KIND, BAD, { context: CUSTOM });
    const labels = byPath(report.diagnostics);
    assert.equal(labels["/oauth/client_secret"], "Client Secret");
    assert.equal(labels["/oauth/scopes"], "Scopes");
    assert.equal(labels["/extra_configuration/clientId"], "Extra configuration");
    assert.ok("/surprise" in labels, "the unknown member is reported");
    assert.equal(labels["/surprise"], undefined, "an unknown member has no label");
    assert.ok(!report.diagnostics.some((d) => "label" in d && d.label === undefined));
  });

  test("the declared labels are the exported schema's titles", () => {
    const schema = credlint.exportSchema(KIND);
    const report = credlint.validate(KIND, BAD, { context: CUSTOM });
    const secret = report.diagnostics.find((d) => d.path === "/oauth/client_secret");
    assert.equal(secret.label, schema.properties.oauth.properties.client_secret.title);
    assert.equal(schema.properties.integration_id.title, "Integration ID");
  });

  test("options.labels: the app's label wins for its field and for items inside it", () => {
    const labels = { "/oauth/client_secret": "App secret", "/oauth/scopes": "Permissions", "/surprise": "Surprise box" };
    const report = credlint.validate(KIND, BAD, { context: CUSTOM, labels });
    const got = byPath(report.diagnostics);
    assert.equal(got["/oauth/client_secret"], "App secret");
    assert.equal(got["/oauth/scopes"], "Permissions");
    assert.equal(got["/surprise"], "Surprise box", "an app may label a pointer the kind does not declare");
    assert.equal(got["/extra_configuration/clientId"], "Extra configuration", "unlabelled by the app: the kind's");

    const items = credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, scopes: ["read", "read"] } }, { context: BUILTIN, labels });
    const item = items.diagnostics.find((d) => d.path.startsWith("/oauth/scopes/"));
    assert.ok(item, "a repeated scope is reported on its item");
    assert.equal(item.label, "Permissions");
  });

  test("messages are the same with or without labels", () => {
    const plain = credlint.validate(KIND, BAD, { context: CUSTOM });
    const labelled = credlint.validate(KIND, BAD, { context: CUSTOM, labels: { "/oauth/client_secret": "App secret" } });
    assert.deepEqual(
      labelled.diagnostics.map(({ label, ...rest }) => rest),
      plain.diagnostics.map(({ label, ...rest }) => rest),
    );
  });

  test("validate on JSON text (a file) gives the CLI's report: no labels, and no labels option", () => {
    const report = credlint.validate(KIND, JSON.stringify(BAD), { context: CUSTOM });
    assert.ok(report.diagnostics.length > 0);
    assert.ok(report.diagnostics.every((d) => !("label" in d)));
    assert.throws(() => credlint.validate(KIND, JSON.stringify(BAD), { labels: {} }), { name: "TypeError", message: /unknown option `labels`/ });
  });

  test("validateField: the field's diagnostics carry its label", () => {
    const diags = credlint.validateField(KIND, "/extra_configuration/clientId", "abc", GOOD, { context: BUILTIN });
    assert.equal(diags[0].rule, "paragon/reserved-extra-key");
    assert.equal(diags[0].label, "Extra configuration");
    const own = credlint.validateField(KIND, "/extra_configuration/clientId", "abc", GOOD, {
      context: BUILTIN,
      labels: { "/extra_configuration/clientId": "Client ID (extra)" },
    });
    assert.equal(own[0].label, "Client ID (extra)");
  });

  test("standardSchema: each issue carries its field's label", () => {
    const schema = credlint.standardSchema(KIND, { context: CUSTOM, labels: { "/oauth/scopes": "Permissions" } });
    const { issues } = schema["~standard"].validate(BAD);
    const got = Object.fromEntries(issues.map((i) => [i.path.join("."), i.label]));
    assert.equal(got["oauth.client_secret"], "Client Secret");
    assert.equal(got["oauth.scopes"], "Permissions");
    assert.equal(got.surprise, undefined);
    assert.ok(!issues.some((i) => "label" in i && i.label === undefined), "no label key without a label");
  });

  test("a bad labels option is a TypeError that names the problem", () => {
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: "Client ID" }), { name: "TypeError", message: /options\.labels must be an object/ });
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: ["x"] }), { name: "TypeError", message: /options\.labels must be an object/ });
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: { oauth: "OAuth" } }), { name: "TypeError", message: /`oauth` is not a JSON Pointer/ });
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: { "/oauth": 3 } }), { name: "TypeError", message: /options\.labels\["\/oauth"\] must be a string, not an integer/ });
    assert.throws(() => credlint.validateBatch("[]", { labels: {} }), { name: "TypeError", message: /unknown option `labels`/ });
    // Hostile labels: a getter that throws, a `__proto__` key, a proxy.
    const throwing = { get "/oauth"() { throw new Error("boom"); } };
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: throwing }), { name: "Error", message: /^reading `\/oauth` of options\.labels threw an exception$/ });
    const proto = JSON.parse('{"__proto__": "x"}');
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: proto }), { name: "TypeError", message: /`__proto__` is not a JSON Pointer/ });
    const proxy = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
    assert.throws(() => credlint.validate(KIND, GOOD, { labels: proxy }), Error);
    // The instance stays usable.
    assert.equal(credlint.validate(KIND, GOOD, { context: BUILTIN, labels: {} }).ok, true);
  });
});
