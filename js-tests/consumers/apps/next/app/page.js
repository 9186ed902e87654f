// A server component: credlint runs in the server render (at build time, prerendered).
import { listKinds, validate } from "credlint";
import Client from "./client";

export default function Page() {
  const envelope = { kind: "paragon.integration-credentials", context: { operation: "create", integration: { type: "jira" } }, document: { integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4", project_id: "6c9880c7-66af-467a-b319-0ce70e886bac", oauth: { client_id: "id", client_secret: "MATRIXMARK", scopes: ["read"] }, extra_configuration: { clientId: "abc" } } };
  const report = validate(null, JSON.stringify(envelope));
  const result = { kinds: listKinds().length, ok: report.ok, rules: report.diagnostics.map((d) => d.rule) };
  return (
    <main>
      <pre id="server">{JSON.stringify(result)}</pre>
      <Client />
    </main>
  );
}
