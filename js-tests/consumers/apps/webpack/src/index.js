import init, { validate, listKinds } from "credlint";

// Before init: a clear error, not "Cannot read properties of undefined".
let before;
try {
  validate(null, "{}");
  before = "no error";
} catch (e) {
  before = e.message;
}
const envelope = { kind: "paragon.integration-credentials", context: { operation: "create", integration: { type: "jira" } }, document: { integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4", project_id: "6c9880c7-66af-467a-b319-0ce70e886bac", oauth: { client_id: "id", client_secret: "MATRIXMARK", scopes: ["read"] }, extra_configuration: { clientId: "abc" } } };
let result;
try {
  await init();
  const report = validate(null, JSON.stringify(envelope));
  result = { before, kinds: listKinds().length, ok: report.ok, rules: report.diagnostics.map((d) => d.rule) };
} catch (e) {
  result = { before, error: e.message };
}
document.getElementById("result").textContent = JSON.stringify(result);
