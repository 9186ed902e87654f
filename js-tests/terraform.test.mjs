// Terraform inputs through the package's bin: the same diagnostics (and lines) as the native CLI,
// SARIF that validates against the SARIF 2.1.0 schema, and the pre-commit hook running the Node bin
// in a real git repository.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import Ajv4 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { bin, root, runBin, runNative } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const fixtures = [
  "tests/fixtures/terraform/main.tf",
  "tests/fixtures/terraform/plan.json",
  "tests/fixtures/terraform/seed-000.tf",
  "tests/fixtures/terraform/seed-004.tf",
];

test("fixtures give the same diagnostics through the bin as natively, at the expected lines", () => {
  for (const f of fixtures) {
    const n = runNative(["check", "--format", "json", f]);
    const b = runBin(["check", "--format", "json", f]);
    assert.equal(b.code, n.code, f);
    assert.equal(b.stdout, n.stdout, f);
  }
  const report = JSON.parse(runBin(["check", "--format", "json", fixtures[0]]).stdout);
  const at = report.diagnostics.map((d) => `${d.rule}@${d.line}:${d.column}`);
  assert.deepEqual(at, [
    "secrets/hardcoded-secret@25:21",
    "paragon/custom-scopes@26:5",
    "paragon/reserved-extra-key@29:5",
    "secrets/sensitive-output@36:11",
    "secrets/hardcoded-secret@40:13",
  ]);
});

test("SARIF output validates against the SARIF 2.1.0 schema", () => {
  // The OASIS schema as shipped in @microsoft/jest-sarif (draft-04; one pattern is not valid with
  // the `u` flag, hence unicodeRegExp: false).
  const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  let checked = 0;
  for (const f of [...fixtures, "examples/credentials.json"]) {
    for (const run of [runNative, runBin]) {
      const log = JSON.parse(run(["check", "--format", "sarif", f]).stdout);
      assert.ok(validate(log), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      // One result per diagnostic (none for the valid seed 004), rules and all.
      const diagnostics = JSON.parse(run(["check", "--format", "json", f]).stdout).diagnostics;
      assert.equal(log.runs[0].results.length, diagnostics.length, f);
      checked++;
    }
  }
  // The validator can fail: a wrong level is rejected.
  const log = JSON.parse(runNative(["check", "--format", "sarif", fixtures[0]]).stdout);
  log.runs[0].results[0].level = "fatal";
  assert.equal(validate(log), false);
  console.log(`SARIF logs validated: ${checked}`);
});

test("pre-commit hook with the Node bin refuses a bad commit and accepts the fix", () => {
  const dir = mkdtempSync(join(tmpdir(), "credlint-hook-"));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com",
    CREDLINT: `${process.execPath} ${bin}`,
  };
  const git = (...args) => spawnSync("git", args, { cwd: dir, env, encoding: "utf8" });
  assert.equal(git("init", "-q").status, 0);
  copyFileSync(join(root, "hooks", "pre-commit"), join(dir, ".git", "hooks", "pre-commit"));
  const bad = readFileSync(join(root, "tests/fixtures/terraform/main.tf"), "utf8");
  writeFileSync(join(dir, "main.tf"), bad);
  git("add", ".");
  const refused = git("commit", "-qm", "bad");
  assert.notEqual(refused.status, 0, "the hook must refuse");
  const out = refused.stdout + refused.stderr;
  assert.match(out, /main\.tf:25:21: error\[secrets\/hardcoded-secret\]/);
  assert.ok(!out.includes("S3CR3TMARK") && !out.includes("hunter2"), out);
  const good = `resource "paragon_integration_credentials" "jira" {
  integration_id = "d589fe10-b66e-4cb2-885a-0440393886f4"
  project_id     = "6c9880c7-66af-467a-b319-0ce70e886bac"
  oauth = {
    client_id     = "client_id"
    client_secret = var.jira_client_secret
    scopes        = ["read"]
  }
}
`;
  writeFileSync(join(dir, "main.tf"), good);
  git("add", "main.tf");
  const accepted = git("commit", "-qm", "good");
  assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
});
