// examples/husky/ for real: husky 9 and lint-staged 16 (from npm) with the package's `credlint`
// bin in a throwaway git repository. A commit with a reserved extra-configuration key or a
// hard-coded secret is refused with the diagnostics (never the secret), the fixed commit goes
// through, JSON that is not a credential envelope (package.json, renovate.json,
// .vscode/settings.json, a commented tsconfig.app.json) passes by `--skip-unrelated`, not by the
// glob, and a misspelt kind is refused.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { pkgDir, root } from "./helpers.mjs";


const example = join(root, "examples", "husky");
const modules = join(root, "js-tests", "node_modules");

const creds = (extra) => `{
  "kind": "paragon.integration-credentials",
  "context": {"operation": "create", "integration": {"type": "jira"}},
  "document": {
    "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
    "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
    "oauth": {"client_id": "id", "client_secret": "HUSKYMARK", "scopes": ["read"]},
    "extra_configuration": {${extra}}
  }
}
`;
const tf = (secret) => `resource "paragon_integration_credentials" "jira" {
  integration_id = "d589fe10-b66e-4cb2-885a-0440393886f4"
  project_id     = "6c9880c7-66af-467a-b319-0ce70e886bac"
  oauth = {
    client_id     = "id"
    client_secret = ${secret}
    scopes        = ["read"]
  }
}
`;

test("husky + lint-staged run the npm bin on staged files: a bad commit is refused, the fix and config files go through", () => {
  const dir = mkdtempSync(join(tmpdir(), "credlint-husky-"));
  try {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com",
    };
    delete env.CREDLINT;
    const sh = (cmd, ...args) => {
      const r = spawnSync(cmd, args, { cwd: dir, env, encoding: "utf8" });
      if (r.error) throw r.error;
      return { code: r.status, out: r.stdout + r.stderr };
    };
    assert.equal(sh("git", "init", "-q").code, 0);
    // The example's files, and node_modules as `npm install` would lay it out (the package from
    // pkg/, husky and lint-staged from js-tests/).
    copyFileSync(join(example, "package.json"), join(dir, "package.json"));
    mkdirSync(join(dir, ".husky"));
    copyFileSync(join(example, ".husky", "pre-commit"), join(dir, ".husky", "pre-commit"));
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(pkgDir, join(dir, "node_modules", "credlint"));
    symlinkSync(join(modules, "husky"), join(dir, "node_modules", "husky"));
    symlinkSync(join(modules, "lint-staged"), join(dir, "node_modules", "lint-staged"));
    const binLink = (name, target) => symlinkSync(target, join(dir, "node_modules", ".bin", name));
    binLink("credlint", join(pkgDir, "bin", "credlint.js"));
    binLink("husky", join(modules, "husky", "bin.js"));
    binLink("lint-staged", join(modules, "lint-staged", "bin", "lint-staged.js"));
    chmodSync(join(pkgDir, "bin", "credlint.js"), 0o755);
    // What `npm install` runs: the `prepare` script.
    const prepared = sh("npx", "--no-install", "husky");
    assert.equal(prepared.code, 0, prepared.out);
    assert.equal(sh("git", "config", "core.hooksPath").out.trim(), ".husky/_");

    writeFileSync(join(dir, "creds.json"), creds(`"clientId": "HUSKYMARK"`));
    writeFileSync(join(dir, "main.tf"), tf(`"HUSKYMARK"`));
    sh("git", "add", ".");
    const refused = sh("git", "commit", "-qm", "bad");
    assert.notEqual(refused.code, 0, `the hook must refuse the commit:\n${refused.out}`);
    assert.match(refused.out, /creds\.json:8:29: error\[paragon\/reserved-extra-key\]/);
    assert.match(refused.out, /main\.tf:6:21: error\[secrets\/hardcoded-secret\]/);
    assert.ok(!refused.out.includes("HUSKYMARK"), refused.out);

    writeFileSync(join(dir, "creds.json"), creds(`"region": "eu"`));
    writeFileSync(join(dir, "main.tf"), tf("var.jira_client_secret"));
    sh("git", "add", ".");
    const accepted = sh("git", "commit", "-qm", "good");
    assert.equal(accepted.code, 0, accepted.out);
    assert.equal(sh("git", "log", "--oneline").out.trim().split("\n").length, 1);

    // JSON that is not a credential envelope goes through, whatever its name (the glob sends it).
    const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8"));
    assert.deepEqual(Object.keys(manifest["lint-staged"]), ["*.{json,tf,tfvars}"], "no exclusion by name");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, version: "1.0.1" }, null, 2));
    writeFileSync(join(dir, "renovate.json"), '{"extends": ["config:recommended"]}\n');
    mkdirSync(join(dir, ".vscode"));
    writeFileSync(join(dir, ".vscode", "settings.json"), '{"editor.formatOnSave": true}\n');
    writeFileSync(join(dir, "tsconfig.app.json"), '{\n  // the app\n  "compilerOptions": { "strict": true /* always */ }\n}\n');
    sh("git", "add", ".");
    const other = sh("git", "commit", "-qm", "config files");
    assert.equal(other.code, 0, other.out);
    assert.equal(sh("git", "log", "--oneline").out.trim().split("\n").length, 2);

    // A near-envelope with a misspelt kind is still an error.
    writeFileSync(join(dir, "typo.json"), '{"kind": "paragon.integration-credental", "document": {}}\n');
    sh("git", "add", "typo.json");
    const typo = sh("git", "commit", "-qm", "typo");
    assert.notEqual(typo.code, 0, `a misspelt kind must be refused:\n${typo.out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
