import init, { validate, listKinds, type Report, type RuleId } from "credlint";
await init(); // harmless in Node (already loaded); what browser code does
const envelope = { kind: "paragon.integration-credentials", context: { operation: "create", integration: { type: "jira" } }, document: { integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4", project_id: "6c9880c7-66af-467a-b319-0ce70e886bac", oauth: { client_id: "id", client_secret: "MATRIXMARK", scopes: ["read"] }, extra_configuration: { clientId: "abc" } } };
const report: Report = validate(null, JSON.stringify(envelope));
const rules: RuleId[] = report.diagnostics.map((d) => d.rule);
console.log("RESULT " + JSON.stringify({ kinds: listKinds().length, ok: report.ok, rules }));

// credlint/inline types too: init() and initSync() take no argument there.
import { initSync as initInline, validate as validateInline } from "credlint/inline";
initInline();
const inlineReport: Report = validateInline(null, JSON.stringify(envelope));
if (JSON.stringify(inlineReport) !== JSON.stringify(report)) throw new Error("credlint/inline disagrees");
