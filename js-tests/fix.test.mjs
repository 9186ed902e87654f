// Fixes through the package: `fix()` in every entry, diagnostics carrying their fix, and the bin's
// `check --fix` / `--diff` / `--stdin --fix` giving the native CLI's answer.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import * as credlint from "credlint";
import { runBin, runNative } from "./helpers.mjs";

const KIND = "paragon.integration-credentials";
// A repeated scope (safe fix) and a reserved key to move into `oauth` (unsafe), in CRLF text.
const TEXT = [
  "{",
  '  "kind": "paragon.integration-credentials",',
  '  "document": {',
  '    "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",',
  '    "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",',
  '    "oauth": {"client_secret": "S3CR3TMARK", "scopes": ["read", "read", "write"]},',
  '    "extra_configuration": {"clientId": "ID4MARK"}',
  "  }",
  "}",
  "",
].join("\r\n");
const SAFE = TEXT.replace('"read", "read"', '"read"');

test("fix() applies safe fixes by default, unsafe ones when asked, and keeps every other byte", () => {
  const safe = credlint.fix(null, TEXT);
  assert.equal(safe.text, SAFE);
  assert.equal(safe.applied, 1);
  assert.equal(safe.remaining.ok, false);
  assert.ok(safe.remaining.diagnostics.some((d) => d.rule === "paragon/reserved-extra-key" && d.fix?.applicability === "unsafe"));
  const all = credlint.fix(null, TEXT, { unsafe: true });
  assert.equal(all.applied, 2);
  assert.ok(all.text.includes('"scopes": ["read", "write"], "client_id": "ID4MARK"},\r\n    "extra_configuration": {}\r\n'));
  assert.equal(all.remaining.ok, true);
  // A second run changes nothing.
  assert.deepEqual([credlint.fix(null, all.text, { unsafe: true }).applied], [0]);
  assert.throws(() => credlint.fix(null, TEXT, { unsafe: "yes" }), { name: "TypeError", message: /options\.unsafe must be a boolean/ });
  assert.throws(() => credlint.fix(null, TEXT, { nope: 1 }), { name: "TypeError", message: /unknown option `nope`/ });
});

test("fix() of a document value gives the fixed value back", () => {
  const doc = {
    integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
    project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
    oauth: { client_id: "id", client_secret: "s", scopes: ["read", "write", "read"] },
  };
  const r = credlint.fix(KIND, doc, { context: { integration: { type: "jira" } } });
  assert.equal(r.applied, 1);
  assert.deepEqual(r.document.oauth.scopes, ["read", "write"]);
  assert.equal(r.remaining.ok, true);
});

test("fix() with `only` applies the fixes of one finding (a form's Fix button), and checks the option", () => {
  const doc = {
    integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
    project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
    oauth: { client_secret: "S3CR3TMARK", scopes: ["read", "read", "write", "write"] },
    extra_configuration: { clientId: "ID4MARK" },
  };
  const options = { unsafe: true, context: { integration: { type: "jira" } } };
  const report = credlint.validate(KIND, doc, { context: options.context });
  const dups = report.diagnostics.filter((d) => d.rule === "paragon/duplicate-scope").map((d) => d.path);
  assert.deepEqual(dups, ["/oauth/scopes/1", "/oauth/scopes/3"]);
  // One finding: the second "write" goes; the repeated "read" and the reserved key stay.
  const one = credlint.fix(KIND, doc, { ...options, only: { rule: "paragon/duplicate-scope", path: "/oauth/scopes/3" } });
  assert.equal(one.applied, 1);
  assert.deepEqual(one.document.oauth.scopes, ["read", "read", "write"]);
  assert.deepEqual(one.document.extra_configuration, { clientId: "ID4MARK" });
  // One rule: every repeated scope, nothing else.
  const rule = credlint.fix(KIND, doc, { ...options, only: { rule: "paragon/duplicate-scope" } });
  assert.deepEqual(rule.document.oauth.scopes, ["read", "write"]);
  assert.ok(rule.remaining.diagnostics.some((d) => d.rule === "paragon/reserved-extra-key"));
  // An unsafe fix still needs `unsafe`.
  const move = { rule: "paragon/reserved-extra-key", path: "/extra_configuration/clientId" };
  assert.equal(credlint.fix(KIND, doc, { context: options.context, only: move }).applied, 0);
  const moved = credlint.fix(KIND, doc, { ...options, only: move });
  assert.equal(moved.document.oauth.client_id, "ID4MARK");
  assert.deepEqual(moved.document.oauth.scopes, doc.oauth.scopes);
  // A finding with no fix, or a path with nothing there: nothing applied.
  assert.equal(credlint.fix(KIND, doc, { ...options, only: { rule: "paragon/duplicate-scope", path: "/oauth/scopes/0" } }).applied, 0);
  assert.throws(() => credlint.fix(KIND, doc, { only: { rule: "no/such-rule" } }), { name: "TypeError", message: /options\.only\.rule: unknown rule `no\/such-rule`/ });
  assert.throws(() => credlint.fix(KIND, doc, { only: {} }), { name: "TypeError", message: /options\.only\.rule must be a string, not undefined/ });
  assert.throws(() => credlint.fix(KIND, doc, { only: "paragon/duplicate-scope" }), { name: "TypeError", message: /options\.only must be an object like \{ rule, path \}, not a string/ });
  assert.throws(() => credlint.fix(KIND, doc, { only: { rule: "paragon/duplicate-scope", path: 3 } }), { name: "TypeError", message: /options\.only\.path must be a string, not a number/ });
});

test("diagnostics carry their fix: with edits from text, title only from a value or a field; no secret", () => {
  const report = credlint.validate(null, TEXT);
  const dup = report.diagnostics.find((d) => d.rule === "paragon/duplicate-scope");
  assert.deepEqual(dup.fix.title, "remove the repeated scope");
  assert.equal(dup.fix.applicability, "safe");
  const [edit] = dup.fix.edits;
  assert.equal(edit.replacement, "");
  assert.equal(edit.line, 6);
  assert.equal(Buffer.from(TEXT).subarray(edit.start, edit.end).toString(), '"read", ');
  const move = report.diagnostics.find((d) => d.rule === "paragon/reserved-extra-key");
  assert.equal(move.fix.applicability, "unsafe");
  assert.ok(move.fix.edits.some((e) => e.replacement === null && e.withheld === "`extra_configuration.clientId`"));
  assert.ok(!JSON.stringify(report).includes("ID4MARK"));

  const fieldDiags = credlint.validateField(KIND, "/oauth/scopes", ["a", "a"], { oauth: { client_id: "i", client_secret: "s" } });
  const fromField = fieldDiags.find((d) => d.rule === "paragon/duplicate-scope");
  assert.deepEqual(fromField.fix, { title: "remove the repeated scope", applicability: "safe", edits: [] });
});

test("every entry exports fix()", async () => {
  const inline = await import("credlint/inline");
  await inline.default();
  assert.equal(inline.fix(null, TEXT).text, SAFE);
  const cjs = createRequire(import.meta.url)("credlint");
  assert.equal(cjs.fix(null, TEXT).text, SAFE);
  assert.equal(typeof credlint.fix, "function");
});

test("the bin's check --fix, --diff and --stdin --fix give the native CLI's answer", () => {
  for (const [name, runner] of [["bin", runBin], ["native", runNative]]) {
    const dir = mkdtempSync(join(tmpdir(), "credlint-fix-"));
    try {
      const file = join(dir, "c.json");
      writeFileSync(file, TEXT);
      const diff = runner(["check", "--diff", "c.json"], { cwd: dir });
      assert.equal(diff.code, 1, name);
      assert.ok(diff.stdout.startsWith("--- c.json\n+++ c.json\n@@"), `${name}: ${diff.stdout}`);
      assert.equal(readFileSync(file, "utf8"), TEXT, name);
      const fixed = runner(["check", "--fix", "c.json"], { cwd: dir });
      assert.equal(fixed.code, 1, name);
      assert.match(fixed.stdout, /Fixed 1 problem;/, name);
      assert.equal(readFileSync(file, "utf8"), SAFE, name);
      const stdin = runner(["check", "--stdin", "--fix", "--unsafe-fixes", "--stdin-filename", "c.json"], { cwd: dir, input: TEXT });
      assert.equal(stdin.code, 0, `${name}: ${stdin.stderr}`);
      assert.equal(stdin.stdout, credlint.fix(null, TEXT, { unsafe: true }).text, name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
