"use client";
// A client component: server-rendered first (credlint is imported there too), then in the browser
// it loads the WebAssembly with init() and validates.
import { useEffect, useState } from "react";
import init, { listKinds, validate } from "credlint";

export default function Client() {
  const [result, setResult] = useState("loading");
  useEffect(() => {
    const envelope = { kind: "paragon.integration-credentials", context: { operation: "create", integration: { type: "jira" } }, document: { integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4", project_id: "6c9880c7-66af-467a-b319-0ce70e886bac", oauth: { client_id: "id", client_secret: "MATRIXMARK", scopes: ["read"] }, extra_configuration: { clientId: "abc" } } };
    init().then(
      () => {
        const report = validate(null, JSON.stringify(envelope));
        setResult(JSON.stringify({ kinds: listKinds().length, ok: report.ok, rules: report.diagnostics.map((d) => d.rule) }));
      },
      (e) => setResult(JSON.stringify({ error: e.message })),
    );
  }, []);
  return <pre id="client">{result}</pre>;
}
