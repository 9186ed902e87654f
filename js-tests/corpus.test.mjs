// The conformance corpus through the package: every `corpus/<kind>/<name>.json` gives exactly the
// native CLI's report (run here, in the same test), and matches `<name>.expect.json` as
// tests/corpus.rs reads it. The examples/ files are compared with the native CLI too.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import * as credlint from "credlint";
import { jsonFiles, root, runBin, runNative } from "./helpers.mjs";

const inputs = jsonFiles("corpus").filter((f) => !f.endsWith(".expect.json"));
// The shipped credlint inputs (not the npm manifests and lockfiles of examples/husky/ and
// examples/react-form/, which are not ours).
const examples = jsonFiles("examples").filter((f) => !/\/package(-lock)?\.json$/.test(f));

/** The package's report for a file, as `credlint check FILE --format json` would give it. */
function packageReport(file) {
  const bytes = readFileSync(join(root, file));
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: only bytes can say where; the bin reads the file's bytes.
    return JSON.parse(runBin(["check", file, "--format", "json"], { cwd: root }).stdout);
  }
  return credlint.validate(null, text, { file });
}

/** `.expect.json`'s projection: rule, path, line, column (and batch index); skipped rules. */
function project(report) {
  const diagnostics = report.diagnostics.map((d) => {
    const o = {};
    if (d.index !== undefined) o.index = d.index;
    Object.assign(o, { rule: d.rule, path: d.path, line: d.line ?? null, column: d.column ?? null });
    return o;
  });
  const skipped = report.skipped.map((s) => (s.index !== undefined ? { index: s.index, rule: s.rule } : { rule: s.rule }));
  return { diagnostics, skipped };
}

const sorted = (list) => list.map((x) => JSON.stringify(x)).sort();

describe("corpus", () => {
  test("the corpus is there", () => {
    assert.ok(inputs.length >= 10, `${inputs.length} corpus files`);
  });

  for (const file of inputs) {
    test(file, () => {
      const nativeRun = runNative(["check", file, "--format", "json"]);
      const nativeReport = JSON.parse(nativeRun.stdout);
      const report = packageReport(file);
      assert.deepEqual(report, nativeReport, "the package's report is the native CLI's");
      assert.equal(report.ok ? 0 : 1, nativeRun.code, "same verdict as the native exit code");

      const expectPath = join(root, file.replace(/\.json$/, ".expect.json"));
      assert.ok(existsSync(expectPath), `${file} has its .expect.json`);
      const expected = JSON.parse(readFileSync(expectPath, "utf8"));
      const expectedSkipped = (expected.skipped ?? []).map((s) => (typeof s === "string" ? { rule: s } : s));
      const actual = project(report);
      assert.deepEqual(sorted(actual.diagnostics), sorted(expected.diagnostics ?? []));
      assert.deepEqual(sorted(actual.skipped), sorted(expectedSkipped));
    });
  }

  test("the same documents as JavaScript values find the same problems (no positions)", () => {
    let compared = 0;
    for (const file of inputs) {
      const text = readFileSync(join(root, file), "utf8");
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      const fromText = credlint.validate(null, text);
      // Duplicate keys and envelope problems only exist in text.
      if (fromText.diagnostics.some((d) => d.rule === "structure/duplicate-key" || d.path === "")) continue;
      const units = Array.isArray(parsed) ? parsed : [parsed];
      units.forEach((unit, i) => {
        const report = credlint.validate(unit.kind, unit.document, { context: unit.context ?? undefined });
        const fromUnit = fromText.diagnostics.filter((d) => (Array.isArray(parsed) ? d.index === i : true));
        const strip = ({ rule, severity, path, message, hint }) => ({ rule, severity, path, message, hint });
        assert.deepEqual(sorted(report.diagnostics.map(strip)), sorted(fromUnit.map(strip)), `${file}[${i}]`);
        compared++;
      });
    }
    assert.ok(compared >= 10, `${compared} documents compared`);
  });
});

describe("examples", () => {
  for (const file of examples) {
    test(file, () => {
      const nativeReport = JSON.parse(runNative(["check", file, "--format", "json"]).stdout);
      assert.deepEqual(packageReport(file), nativeReport);
    });
  }
});
