// The package's `credlint` bin against the native CLI, on real files: the same stdout, stderr and
// exit code (0 no error, 1 errors, 2 could not run) for every command line here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { root, runBin, runNative } from "./helpers.mjs";

const KIND = "paragon.integration-credentials";
const BARE = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "id", client_secret: "s", scopes: ["read", "read"] },
};

let top;
let project;

before(() => {
  top = mkdtempSync(join(tmpdir(), "credlint-bin-"));
  project = join(top, "project");
  const w = (rel, content) => {
    mkdirSync(join(top, rel, ".."), { recursive: true });
    writeFileSync(join(top, rel), content);
  };
  // A policy found upward from the working directory.
  w("credlint.json", JSON.stringify({ rules: { "paragon/id-format": "warning" } }));
  w("policy-unknown-rule.json", JSON.stringify({ rules: { "paragon/nope": "off" } }));
  w("policy-not-json.json", "{ rules: ");
  mkdirSync(project, { recursive: true });
  copyFileSync(join(root, "examples/credentials.json"), join(project, "a.json"));
  for (const name of ["seed-jira-scopes.json", "rules-fail-batch.json", "duplicate-keys.json", "invalid-json-crlf.json"]) {
    mkdirSync(join(project, "sub"), { recursive: true });
    copyFileSync(join(root, "corpus", KIND, name), join(project, "sub", name));
  }
  w("project/.hidden/skipped.json", "{ not even json");
  w("project/node_modules/dep/skipped.json", "{ not even json");
  w("project/target/skipped.json", "{ not even json");
  w("project/package.json", JSON.stringify({ name: "not-ours", version: "1.0.0" }));
  w("project/bare.json", JSON.stringify(BARE, null, 2));
  w("project/ctx.json", JSON.stringify({ operation: "create", integration: { type: "jira" } }));
  w("project/ctx-bad.json", "{ nope");
  w("project/ctx-wrong.json", JSON.stringify({ operation: "delete" }));
  w("project/warnings-only.json", JSON.stringify({ kind: KIND, context: { operation: "create", integration: { type: "jira" } }, document: BARE }, null, 2));
  w("project/clean.json", JSON.stringify({ kind: KIND, context: { operation: "create", integration: { type: "jira" } }, document: { ...BARE, oauth: { ...BARE.oauth, scopes: ["read"] } } }, null, 2));
  writeFileSync(join(project, "latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  w("project/empty-dir/.keep", "");
  w("project/tf/.keep", "");
  w("project/locked/x.json", "{}");
  chmodSync(join(project, "locked"), 0o000);
  // A folder with a file that cannot be read (a dangling link: unreadable even for root) before a
  // checked one.
  mkdirSync(join(top, "broken"));
  symlinkSync(join(top, "nowhere.json"), join(top, "broken", "a-gone.json"));
  copyFileSync(join(root, "examples/credentials.json"), join(top, "broken", "b.json"));
});

after(() => {
  try {
    chmodSync(join(project, "locked"), 0o755);
  } catch {}
  rmSync(top, { recursive: true, force: true });
});

/** Runs both with the same arguments (and stdin), in `cwd`, and compares everything. */
function same(args, { cwd = project, input, code } = {}) {
  const n = runNative(args, { cwd, input });
  const b = runBin(args, { cwd, input });
  assert.equal(b.stdout, n.stdout, `stdout of credlint ${args.join(" ")}`);
  assert.equal(b.stderr, n.stderr, `stderr of credlint ${args.join(" ")}`);
  assert.equal(b.code, n.code, `exit code of credlint ${args.join(" ")}`);
  if (code !== undefined) assert.equal(b.code, code, `credlint ${args.join(" ")} exits ${code}`);
  return b;
}

// Root can read a chmod 000 folder; only compare that case where permissions hold.
const rootUser = process.getuid?.() === 0;

describe("check", () => {
  test("the working directory by default, with credlint.json found upward", () => {
    const r = same(["check"], { code: 1 });
    assert.match(r.stdout, /a\.json:\d+:\d+: error\[paragon\/custom-scopes\]/);
    assert.doesNotMatch(r.stdout, /skipped\.json|package\.json|ctx\.json/);
    same(["check", "--format", "json"], { code: 1 });
    same(["check", "."], { code: 1 });
    same(["check", "./"], { code: 1 });
  });

  test("files and folders, human and json", () => {
    same(["check", "a.json"], { code: 1 });
    same(["check", "a.json", "sub", "--format", "json"], { code: 1 });
    same(["check", "sub/rules-fail-batch.json", "--format=json"], { code: 1 });
    same(["check", "a.json", "sub", "--format", "sarif"], { code: 1 });
    same(["check", "a.json", "--format", "github"], { code: 1 });
    same(["check", "clean.json"], { code: 0 });
    same(["check", "clean.json", "--format", "json"], { code: 0 });
    same(["check", "warnings-only.json"], { code: 0 });
    same(["check", "empty-dir"], { code: 0 });
  });

  test("invalid JSON and invalid UTF-8 are diagnostics (exit 1)", () => {
    same(["check", "sub/invalid-json-crlf.json"], { code: 1 });
    same(["check", "sub/duplicate-keys.json", "--format", "json"], { code: 1 });
    same(["check", "latin1.json"], { code: 1 });
  });

  test("bare documents need --kind; --context gives the context", () => {
    // Shaped like a known kind but not in an envelope: an error, never passed over.
    same(["check", "bare.json"], { code: 1 });
    same(["check", "package.json"], { code: 2 });
    same(["check", "bare.json", "--kind", KIND], { code: 0 });
    same(["check", "bare.json", "--kind", KIND, "--context", "ctx.json", "--format", "json"], { code: 0 });
    same(["check", "bare.json", "--kind", "paragon.nope"], { code: 2 });
    same(["check", "bare.json", "--kind", KIND, "--context", "ctx-bad.json"], { code: 2 });
    same(["check", "bare.json", "--kind", KIND, "--context", "ctx-wrong.json"], { code: 2 });
    same(["check", "bare.json", "--kind", KIND, "--context", "missing.json"], { code: 2 });
  });

  test("policies: found upward, given, wrong", () => {
    // id-format is a warning under ../credlint.json: compare from a folder with no policy above.
    same(["check", join(project, "a.json"), "--format", "json"], { cwd: project });
    same(["check", join(project, "a.json"), "--format", "json"], { cwd: tmpdir() });
    same(["check", "a.json", "--policy", "../policy-unknown-rule.json"], { code: 2 });
    same(["check", "a.json", "--policy", "../policy-not-json.json"], { code: 2 });
    same(["check", "a.json", "--policy", "../missing.json"], { code: 2 });
  });

  test("resource bounds: --max-bytes, --max-depth, --max-diagnostics", () => {
    same(["check", "a.json", "--max-bytes", "100"], { code: 1 });
    same(["check", "a.json", "--max-depth", "2", "--format", "json"], { code: 1 });
    same(["check", "sub", "--max-diagnostics", "1"], { code: 1 });
    same(["check", "--stdin", "--max-bytes", "10"], { input: readFileSync(join(project, "a.json")), code: 1 });
  });

  test("Terraform: .tf files in folders and by name", () => {
    writeFileSync(join(project, "tf", "main.tf"), `resource "paragon_integration_credentials" "jira" {
  integration_id = "d589fe10-b66e-4cb2-885a-0440393886f4"
  project_id     = "6c9880c7-66af-467a-b319-0ce70e886bac"
  oauth = {
    client_id     = "client_id"
    client_secret = var.secret
    scopes        = ["read", "read"]
  }
  extra_configuration = { clientId = "x" }
}
`);
    same(["check", "tf"]);
    same(["check", "tf/main.tf", "--format", "json"]);
    same(["check", "--stdin", "--stdin-filename", "x.tf"], { input: readFileSync(join(project, "tf", "main.tf")) });
    // A whole field known only at apply: every rule it skips is named.
    writeFileSync(join(project, "tf", "merge.tf"), readFileSync(join(project, "tf", "main.tf"), "utf8").replace('extra_configuration = { clientId = "x" }', 'extra_configuration = merge({ clientId = "x" }, {})'));
    const merged = JSON.parse(same(["check", "tf/merge.tf", "--format", "json"]).stdout);
    assert.ok(merged.skipped.some((s) => s.rule === "paragon/reserved-extra-key" && /apply/.test(s.reason)), JSON.stringify(merged.skipped));
  });

  test("unreadable files: reported, the rest still checked (exit 2)", () => {
    same(["check", "missing.json", "a.json"], { code: 2 });
    same(["check", "a.json", "missing.json", "--format", "json"], { code: 2 });
    if (!rootUser) same(["check", "locked"], { code: 2 });
    const r = same(["check", "broken"], { cwd: top, code: 2 });
    assert.match(r.stderr, /^credlint: cannot read broken\/a-gone\.json: /);
    assert.match(r.stdout, /broken\/b\.json:\d+:\d+: error\[paragon\/custom-scopes\]/, "the readable file is still checked");
  });

  test("--stdin", () => {
    const text = readFileSync(join(project, "a.json"));
    same(["check", "--stdin"], { input: text, code: 1 });
    same(["check", "--stdin", "--stdin-filename", "creds.json", "--format", "json"], { input: text, code: 1 });
    same(["check", "--stdin"], { input: "", code: 1 });
    same(["check", "--stdin"], { input: JSON.stringify(BARE), code: 1 });
    same(["check", "--stdin"], { input: JSON.stringify({ name: "x" }), code: 2 });
    same(["check", "--stdin", "--kind", KIND], { input: JSON.stringify(BARE), code: 0 });
  });
});

describe("schema, rules, explain", () => {
  test("schema KIND and unknown kinds", () => {
    same(["schema", KIND], { code: 0 });
    same(["schema", "nope"], { code: 2 });
    same(["schema"], { code: 2 });
    same(["schema", "--all"], { code: 2 });
  });

  test("schema --all --out-dir writes the same files as the native CLI", () => {
    const n = join(top, "schemas-native");
    const b = join(top, "schemas-bin");
    assert.equal(runNative(["schema", "--all", "--out-dir", n]).code, 0);
    const r = runBin(["schema", "--all", "--out-dir", b]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    const names = readdirSync(n).sort();
    assert.deepEqual(readdirSync(b).sort(), names);
    for (const name of names) assert.equal(readFileSync(join(b, name), "utf8"), readFileSync(join(n, name), "utf8"), name);
    assert.deepEqual(names, readdirSync(join(root, "schemas")).sort());
    same(["schema", "--all", "--out-dir", join(project, "a.json", "x")], { code: 2 });
  });

  test("rules and explain", () => {
    same(["rules"], { code: 0 });
    same(["rules", "--format", "json"], { code: 0 });
    // `rules` and `token-action` print no diagnostics: human or JSON only, a usage error otherwise.
    for (const f of ["sarif", "github"]) {
      const r = same(["rules", "--format", f], { code: 2 });
      assert.match(r.stderr, /\[possible values: human, json\]/);
      same(["token-action", "x.json", "--format", f], { code: 2 });
    }
    same(["explain", "paragon/reserved-extra-key"], { code: 0 });
    same(["explain", "paragon/reserved-extra-kee"], { code: 2 });
  });
});

describe("token-action", () => {
  test("an itential.token-config file, with --now and formats", () => {
    const file = join(root, "corpus/itential.token-config/seed-manual-token.json");
    same(["token-action", file, "--now", "2030-01-01T00:00:00Z"], { code: 0 });
    same(["token-action", file, "--now", "2030-01-01T00:00:00Z", "--format", "json"], { code: 0 });
    same(["token-action", "a.json", "--now", "2030-01-01T00:00:00Z"], { code: 2 });
    same(["token-action", "missing.json"], { code: 2 });
    same(["token-action", file, "--now", "not-a-time"], { code: 2 });
    same(["token-action"], { code: 2 });
    // Without --now, the clock: the same action (the token has no expiry).
    const r = runBin(["token-action", file, "--format", "json"]);
    assert.equal(r.code, 0);
    assert.match(JSON.parse(r.stdout).now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe("arguments", () => {
  test("bad flags, missing values, help and version", () => {
    same([], { code: 2 });
    same(["frobnicate"], { code: 2 });
    same(["check", "--bogus"], { code: 2 });
    same(["check", "--format", "xml"], { code: 2 });
    same(["check", "--kind"], { code: 2 });
    same(["check", "--kind", "a", "--kind", "b"], { code: 2 });
    same(["check", "--kind", "--stdin"], { code: 2 });
    same(["check", "--max-bytes", "x"], { code: 2 });
    same(["check", "--max-bytes", "-1"], { code: 2 });
    same(["check", "--max-bytes="], { code: 2 });
    same(["check", "--format", "yaml"], { code: 2 });
    same(["explain"], { code: 2 });
    same(["rules", "extra"], { code: 2 });
    same(["--version"], { code: 0 });
    same(["--help"], { code: 0 });
    for (const command of ["check", "schema", "rules", "explain", "token-action"]) same([command, "--help"], { code: 0 });
  });

  test("`--` ends options", () => {
    same(["check", "--", "a.json"], { code: 1 });
  });
});

// Nothing unchecked may pass: the same verdicts through the bin as natively, byte for byte.
describe("verdict integrity", () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "credlint-integrity-"));
    mkdirSync(join(dir, ".git"));
    const w = (rel, content) => {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), content);
    };
    const rules = JSON.parse(runNative(["rules", "--format", "json"]).stdout);
    const ids = (Array.isArray(rules) ? rules : rules.rules).map((r) => r.id);
    const off = Object.fromEntries(ids.filter((id) => !/^structure\/invalid-(json|envelope)$/.test(id)).map((id) => [id, "off"]));
    w("off.json", JSON.stringify({ rules: off }));
    w("silence.json", JSON.stringify({ rules: { "structure/invalid-json": "off" } }));
    const env = JSON.stringify({ kind: KIND, document: BARE });
    w("in/truncated.json", env.slice(0, 40));
    writeFileSync(join(dir, "in/latin1.json"), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    w("in/oversized.json", env);
    w("in/unknown-kind.json", JSON.stringify({ kind: "paragon.integration_credentials", document: BARE }));
    w("in/document-array.json", JSON.stringify({ kind: KIND, document: [BARE] }));
    w("in/misspelt.json", JSON.stringify({ Kind: KIND, document: BARE }));
    w("in/plan-key.json", JSON.stringify({ kind: KIND, document: BARE, resource_changes: [] }));
    w("in/batch.json", JSON.stringify([JSON.parse(env), BARE]));
    w("in/esc.json", JSON.stringify({ kind: "\u001b[2K\rAll checks passed", document: {} }));
    w("walk/main.tf.json", JSON.stringify({ resource: { paragon_integration_credentials: { jira: { ...BARE, oauth: { ...BARE.oauth, client_secret: "QZLITERALQZ" } } } } }, null, 2));
    w("walk/terraform.tfvars", 'jira_client_secret = "QZTFVARSQZ"\n');
    w("walk/UPPER.JSON", JSON.stringify({ kind: KIND, document: { integration_id: 7 } }));
    w("walk/package.json", JSON.stringify({ name: "app", version: "1.0.0" }));
    w("walk/tsconfig.app.json", '{\n  // comment\n  "compilerOptions": { "strict": true, },\n}\n');
    w("badpolicy/credlint.json", JSON.stringify({ kind: KIND, document: BARE }));
    mkdirSync(join(dir, "loops"));
    symlinkSync(".", join(dir, "loops", "a"));
    symlinkSync("/", join(dir, "loops", "r"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("no policy lets an input that was not checked pass", () => {
    for (const name of ["truncated", "latin1", "unknown-kind", "document-array", "misspelt", "plan-key", "batch"]) {
      for (const format of ["human", "json", "sarif"]) {
        const r = same(["check", `in/${name}.json`, "--policy", "off.json", "--format", format], { cwd: dir, code: 1 });
        assert.doesNotMatch(r.stdout, /All checks passed/);
      }
    }
    same(["check", "in/oversized.json", "--policy", "off.json", "--max-bytes", "100"], { cwd: dir, code: 1 });
    const r = same(["check", "in/truncated.json", "--policy", "silence.json"], { cwd: dir, code: 2 });
    assert.match(r.stderr, /cannot be configured/);
  });

  test("walks check .tf.json, .tfvars and any-case extensions, and say what they pass over", () => {
    const r = same(["check", "walk", "--verbose", "--format", "json"], { cwd: dir, code: 1 });
    const rules = JSON.parse(r.stdout).diagnostics.map((d) => `${d.file.split("/").pop()} ${d.rule}`);
    assert.ok(rules.includes("main.tf.json secrets/hardcoded-secret"), rules.join("\n"));
    assert.ok(rules.includes("terraform.tfvars secrets/hardcoded-secret"), rules.join("\n"));
    assert.ok(rules.includes("UPPER.JSON structure/type"), rules.join("\n"));
    assert.match(r.stderr, /passed over walk\/package\.json/);
    assert.match(r.stderr, /passed over walk\/tsconfig\.app\.json/);
    assert.doesNotMatch(r.stdout + r.stderr, /QZLITERALQZ|QZTFVARSQZ/);
    same(["check", "walk/package.json", "--skip-unrelated"], { cwd: dir, code: 0 });
    same(["check", "badpolicy"], { cwd: dir, code: 2 });
    same(["check", "loops", "--verbose"], { cwd: dir, code: 0 });
  });

  test("outputs tell the truth", () => {
    for (const format of ["human", "json", "sarif", "github"]) same(["check", "missing.json", "--format", format], { cwd: dir, code: 2 });
    const j = JSON.parse(same(["check", "missing.json", "--format", "json"], { cwd: dir }).stdout);
    assert.equal(j.ok, false);
    const s = JSON.parse(same(["check", "missing.json", "--format", "sarif"], { cwd: dir }).stdout);
    assert.equal(s.runs[0].invocations[0].executionSuccessful, false);
    const h = same(["check", "in/esc.json"], { cwd: dir, code: 1 });
    assert.doesNotMatch(h.stdout, /\u001b|\r/);
    same(["check", "--stdin", "--max-diagnostics", "0"], { cwd: dir, input: readFileSync(join(root, "examples/credentials.json")), code: 1 });
    same(["token-action", "/dev/zero"], { cwd: dir, code: 2 });
    same(["check", "in/batch.json", "--policy", "/dev/zero"], { cwd: dir, code: 2 });
  });
});

// The one driver's walk through the bin: .gitignore in a throwaway git repository, and hostile
// trees (link loops, a link to /, a FIFO, a name that is not UTF-8), each at once and byte for
// byte as natively.
describe("walk", () => {
  let dir;
  const BAD = JSON.stringify({ kind: KIND, document: { integration_id: 7 } });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "credlint-walk-"));
    const w = (rel, content) => {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), content);
    };
    spawnSync("git", ["init", "-q"], { cwd: join(dir) });
    mkdirSync(join(dir, ".git"), { recursive: true });
    w(".gitignore", "build/\n");
    w("build/bad.json", BAD);
    w("src/checked.json", BAD);
    w("vendor/.ignore", "*.json\n");
    w("vendor/x.json", BAD);
    w("t/ok.json", BAD);
    symlinkSync(".", join(dir, "t", "a"));
    symlinkSync("/", join(dir, "t", "root"));
    spawnSync("mkfifo", [join(dir, "t", "pipe.json")]);
    writeFileSync(Buffer.concat([Buffer.from(join(dir, "t", "bad")), Buffer.from([0xff]), Buffer.from(".json")]), BAD);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("a .gitignore'd folder is not reported", () => {
    // (t/ holds a name that is not UTF-8: exit 2 for the whole tree.)
    const r = same(["check", "--format", "json"], { cwd: dir, code: 2 });
    assert.doesNotMatch(r.stdout, /build\/bad\.json|vendor\/x\.json/);
    assert.match(r.stdout, /src\/checked\.json/);
    same(["check", "build/bad.json"], { cwd: dir, code: 1 });
  });

  test("hostile trees finish at once, with the same notices", () => {
    for (const args of [["check", "t", "--verbose", "--format", "json"], ["check", "t", "--verbose", "--follow-links", "--format", "json"]]) {
      const start = Date.now();
      const r = same(args, { cwd: dir, code: 2 });
      assert.ok(Date.now() - start < 5000);
      assert.equal(JSON.parse(r.stdout).summary.files, 1, r.stdout);
      assert.match(r.stderr, /passed over t\/root/);
      assert.match(r.stderr, /the name is not valid UTF-8/);
    }
    same(["check", "t/pipe.json"], { cwd: dir, code: 2 });
  });
});
