const { validate, listKinds } = require("credlint");
const envelope = { kind: "paragon.integration-credentials", context: { operation: "create", integration: { type: "jira" } }, document: { integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4", project_id: "6c9880c7-66af-467a-b319-0ce70e886bac", oauth: { client_id: "id", client_secret: "MATRIXMARK", scopes: ["read"] }, extra_configuration: { clientId: "abc" } } };
const report = validate(null, JSON.stringify(envelope));
console.log("RESULT " + JSON.stringify({ kinds: listKinds().length, ok: report.ok, rules: report.diagnostics.map((d) => d.rule) }));
