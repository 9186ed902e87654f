// hooks/pre-commit without Rust: in a throwaway git repository whose node_modules holds the npm
// package (its bin), with no native `credlint` on PATH and no CREDLINT. The hook runs the local
// bin (never npx, which would ask the registry), from the repository root, on the staged content;
// JSON that is not a credential envelope is passed over by `--skip-unrelated`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";

import { bin, pkgDir, root } from "./helpers.mjs";


const creds = (extra) => `{
  "kind": "paragon.integration-credentials",
  "context": {"operation": "create", "integration": {"type": "jira"}},
  "document": {
    "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
    "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
    "oauth": {"client_id": "id", "client_secret": "HOOKMARK", "scopes": ["read"]},
    "extra_configuration": {${extra}}
  }
}
`;

test("the shell hook with the npm package's bin, no native credlint on PATH", () => {
  const dir = mkdtempSync(join(tmpdir(), "credlint-hook-"));
  try {
    const d = join(dir, "repo");
    const fakes = join(dir, "fakes");
    mkdirSync(d);
    mkdirSync(fakes);
    // npx, if the hook ever called it, leaves a mark (it would ask the registry).
    writeFileSync(join(fakes, "npx"), `#!/bin/sh\necho called > "${join(dir, "npx-called")}"\nexit 3\n`);
    chmodSync(join(fakes, "npx"), 0o755);
    const env = {
      PATH: `${fakes}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: dir,
      GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com",
    };
    const sh = (cmd, ...args) => {
      const r = spawnSync(cmd, args, { cwd: d, env, encoding: "utf8" });
      if (r.error) throw r.error;
      return { code: r.status, out: r.stdout + r.stderr };
    };
    assert.notEqual(sh("sh", "-c", "command -v credlint").code, 0, "no native credlint on this PATH");
    assert.equal(sh("git", "init", "-q").code, 0);
    copyFileSync(join(root, "hooks", "pre-commit"), join(d, ".git", "hooks", "pre-commit"));
    chmodSync(join(d, ".git", "hooks", "pre-commit"), 0o755);
    // node_modules as `npm install --save-dev credlint` lays it out.
    mkdirSync(join(d, "node_modules", ".bin"), { recursive: true });
    symlinkSync(pkgDir, join(d, "node_modules", "credlint"));
    symlinkSync(join("..", "credlint", "bin", "credlint.js"), join(d, "node_modules", ".bin", "credlint"));
    chmodSync(bin, 0o755);

    mkdirSync(join(d, "config"));
    writeFileSync(join(d, "config", "creds.json"), creds(`"clientId": "HOOKMARK"`));
    writeFileSync(join(d, "package.json"), '{"name": "x", "devDependencies": {"credlint": "^0.1.0"}}\n');
    sh("git", "add", "config", "package.json");
    // The commit is made from a subfolder: the hook still runs from the root.
    const refused = spawnSync("git", ["commit", "-qm", "bad"], { cwd: join(d, "config"), env, encoding: "utf8" });
    const out = refused.stdout + refused.stderr;
    assert.notEqual(refused.status, 0, `the hook must refuse the commit:\n${out}`);
    assert.match(out, /config\/creds\.json:8:29: error\[paragon\/reserved-extra-key\]/);
    assert.ok(!out.includes("HOOKMARK"), out);

    // Fixed in the working tree but not staged: still refused (the hook reads the index).
    writeFileSync(join(d, "config", "creds.json"), creds(`"region": "eu"`));
    assert.notEqual(sh("git", "commit", "-qm", "unstaged fix").code, 0);
    sh("git", "add", "config/creds.json");
    const accepted = sh("git", "commit", "-qm", "good");
    assert.equal(accepted.code, 0, accepted.out);

    // Config files that are not envelopes pass (with a notice), by rule rather than by name.
    writeFileSync(join(d, "renovate.json"), '{"extends": ["config:recommended"]}\n');
    mkdirSync(join(d, ".vscode"));
    writeFileSync(join(d, ".vscode", "settings.json"), '{"editor.formatOnSave": true}\n');
    writeFileSync(join(d, "tsconfig.app.json"), '{\n  // the app\n  "compilerOptions": { "strict": true /* always */ }\n}\n');
    sh("git", "add", ".");
    const config = sh("git", "commit", "-qm", "config");
    assert.equal(config.code, 0, config.out);

    // A near-envelope with a misspelt kind is still an error.
    writeFileSync(join(d, "config", "typo.json"), '{"kind": "paragon.integration-credental", "document": {}}\n');
    sh("git", "add", ".");
    assert.notEqual(sh("git", "commit", "-qm", "typo").code, 0, "a misspelt kind is refused");
    assert.ok(!existsSync(join(dir, "npx-called")), "the hook never ran npx");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
