// Hostile and mistaken input from JavaScript: each gives a clear Error or a diagnostic, never a
// trap, and the same instance answers the next (good) call correctly.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import * as credlint from "credlint";
// The bin's own build and entry (not part of the package's API).
import { readFileSync } from "node:fs";
import { initSync, runCli } from "../pkg/credlint_cli.js";

initSync({ module: readFileSync(new URL("../pkg/credlint_cli_bg.wasm", import.meta.url)) });

/** A host for `runCli` that answers from memory and keeps what is written. */
function memoryHost(files = {}) {
  const out = { stdout: "", stderr: "" };
  const host = {
    out,
    read: (path) => (path in files ? new TextEncoder().encode(files[path]) : { errno: -2 }),
    readStdin: () => new Uint8Array(0),
    readDir: () => ({ errno: -2 }),
    stat: (path) => (path in files ? "file" : { errno: -2 }),
    realpath: (path) => path,
    mkdirp: () => null,
    writeFile: () => null,
    stdout: (t) => { out.stdout += t; },
    stderr: (t) => { out.stderr += t; },
    cwd: () => "/nowhere",
    env: () => undefined,
    now: () => "2024-01-01T00:00:00Z",
  };
  return host;
}

const KIND = "paragon.integration-credentials";
const CONTEXT = { operation: "create", integration: { type: "jira" } };
const GOOD = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "id", client_secret: "s", scopes: ["read"] },
};

/** The instance still works, and gives the same answers as before. */
function stillWorks() {
  const report = credlint.validate(KIND, GOOD, { context: CONTEXT });
  assert.equal(report.ok, true);
  assert.deepEqual(report.diagnostics, []);
  const text = credlint.validate(KIND, JSON.stringify({ ...GOOD, project_id: 1 }), { context: CONTEXT });
  assert.deepEqual(text.diagnostics.map((d) => [d.path, d.line]), [["/project_id", 1]]);
  assert.deepEqual(credlint.listKinds(), [KIND, ...credlint.listKinds().slice(1)]);
}

/** `fn` throws an Error (of `type`) whose message matches `message`; then the instance works. */
function throwsClearly(fn, message, type = Error) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof type, `${e?.constructor?.name}: ${e?.message}`);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /unreachable|RuntimeError|panicked/);
    return true;
  });
  stillWorks();
}

/** `fn` returns a report with a diagnostic of `rule` at `path`; then the instance works. */
function diagnoses(fn, rule, path) {
  const result = fn();
  const diagnostics = Array.isArray(result) ? result : result.diagnostics;
  assert.ok(diagnostics.some((d) => d.rule === rule && d.path === path),
    `expected ${rule} at ${path}, got ${JSON.stringify(diagnostics.map((d) => [d.rule, d.path]))}`);
  stillWorks();
  return result;
}

describe("wrong argument types", () => {
  test("kind: undefined, null, a number, unknown", () => {
    throwsClearly(() => credlint.validate(undefined, GOOD), /the kind must be a string \(one of: paragon\.integration-credentials, .*\), not undefined/, TypeError);
    throwsClearly(() => credlint.validate(null, GOOD), /the kind must be a string/, TypeError);
    throwsClearly(() => credlint.validate(42, GOOD), /not a number/, TypeError);
    throwsClearly(() => credlint.validate("paragon.nope", GOOD), /unknown kind `paragon\.nope`; known kinds: paragon\.integration-credentials, /);
    throwsClearly(() => credlint.exportSchema(undefined), /the kind must be a string/, TypeError);
    throwsClearly(() => credlint.exportSchema({}), /not an object/, TypeError);
  });

  test("document: undefined is an Error; null, numbers, arrays are diagnostics", () => {
    throwsClearly(() => credlint.validate(KIND, undefined), /the document is undefined/, TypeError);
    throwsClearly(() => credlint.validate(KIND, () => 1), /must be an object or JSON text, not a function/, TypeError);
    throwsClearly(() => credlint.validate(KIND, Symbol("x")), /not a symbol/, TypeError);
    throwsClearly(() => credlint.validate(KIND, 10n), /BigInt/, TypeError);
    diagnoses(() => credlint.validate(KIND, null), "structure/type", "");
    diagnoses(() => credlint.validate(KIND, 0), "structure/type", "");
    diagnoses(() => credlint.validate(KIND, true), "structure/type", "");
    diagnoses(() => credlint.validate(KIND, [GOOD]), "structure/type", "");
    diagnoses(() => credlint.validate(KIND, ""), "structure/invalid-json", "");
    diagnoses(() => credlint.validate(KIND, "{ not json"), "structure/invalid-json", "");
  });

  test("options: not an object, unknown keys, bad context and policy", () => {
    throwsClearly(() => credlint.validate(KIND, GOOD, 5), /options must be an object/, TypeError);
    throwsClearly(() => credlint.validate(KIND, GOOD, "context"), /options must be an object/, TypeError);
    throwsClearly(() => credlint.validate(KIND, GOOD, { context: "custom" }), /invalid context: a context must be a JSON object/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { context: { operation: "delete" } }), /invalid context/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { context: { operation: NaN } }), /NaN or Infinity/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { policy: [] }), /invalid policy/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { policy: { rules: { "structure/type": "loud" } } }), /not a severity/);
    throwsClearly(() => credlint.validateField(KIND, 5, "x"), /the pointer must be a string, not a number/, TypeError);
    throwsClearly(() => credlint.validateField(KIND, "/oauth", undefined), /undefined/, TypeError);
    throwsClearly(() => credlint.validateField(KIND, "/a/0/b", "x", { a: "s" }), /not an object or list/);
    throwsClearly(() => credlint.validateField(KIND, "/a", "x", "doc"), /the document must be an object, not a string/, TypeError);
    throwsClearly(() => credlint.toWire(KIND, null), /the document must be an object, not null/, TypeError);
    assert.equal(credlint.runCli, undefined, "the bin's entry is not part of the API");
    throwsClearly(() => runCli(7), /runCli takes the arguments/, TypeError);
    const host = memoryHost();
    assert.equal(runCli(["frobnicate"], host), 2);
    assert.match(host.out.stderr, /unrecognized subcommand 'frobnicate'/);
    stillWorks();
  });
});

describe("values JSON cannot carry", () => {
  test("NaN and ±Infinity are reported as what they are, not as null", () => {
    const doc = { ...GOOD, extra_configuration: { a: NaN, b: Infinity, c: -Infinity, ok: 1.5 } };
    const report = diagnoses(() => credlint.validate(KIND, doc, { context: CONTEXT }), "paragon/extra-value-non-finite", "/extra_configuration/a");
    const paths = report.diagnostics.filter((d) => d.rule === "paragon/extra-value-non-finite").map((d) => d.path);
    assert.deepEqual(paths, ["/extra_configuration/a", "/extra_configuration/b", "/extra_configuration/c"]);
    assert.ok(!report.diagnostics.some((d) => /null/.test(d.message)));
    // Elsewhere (no rule of the kind's own), structure/type reports it.
    diagnoses(() => credlint.validate(KIND, { ...GOOD, project_id: NaN }), "structure/type", "/project_id");
    throwsClearly(() => credlint.toWire(KIND, { ...GOOD, extra_configuration: { a: NaN } }, CONTEXT), /`extra_configuration\.a` of the document is NaN or Infinity/);
  });

  test("undefined, functions and symbols are left out as JSON.stringify does; Dates become strings", () => {
    const doc = { ...GOOD, extra_configuration: { gone: undefined, fn() {}, [Symbol("s")]: 1, when: new Date(0) } };
    const report = credlint.validate(KIND, doc, { context: CONTEXT });
    assert.ok(!report.diagnostics.some((d) => /gone|fn/.test(d.path)), JSON.stringify(report.diagnostics));
    const arr = credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, scopes: ["a", undefined] } }, { context: CONTEXT });
    assert.ok(arr.diagnostics.some((d) => d.path === "/oauth/scopes/1"), "undefined in an array becomes null, like JSON.stringify");
    stillWorks();
  });

  test("BigInt, Map and Set are errors, not silent {}", () => {
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, extra_configuration: { n: 1n } }), /`extra_configuration\.n` of the document is a BigInt/, TypeError);
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, extra_configuration: new Map([["a", 1]]) }), /Map or Set/, TypeError);
  });

  test("cyclic objects are an Error, not a stack overflow", () => {
    const doc = { ...GOOD, extra_configuration: {} };
    doc.extra_configuration.self = doc;
    throwsClearly(() => credlint.validate(KIND, doc), /`extra_configuration\.self` of the document contains itself \(a cyclic structure\)/, TypeError);
    const arr = [];
    arr.push(arr);
    throwsClearly(() => credlint.validateField(KIND, "/oauth/scopes", arr, GOOD), /cyclic/, TypeError);
    // A shared (not cyclic) object is fine.
    const shared = { x: "1" };
    const ok = credlint.validate(KIND, { ...GOOD, extra_configuration: { a: "1" }, id: "x", scheme: "oauth_app", creds_provider: "jira", shared1: shared, shared2: shared });
    assert.equal(typeof ok.ok, "boolean");
    stillWorks();
  });

  test("very deep nesting: an Error for values, a diagnostic for text", () => {
    let deep = {};
    for (let i = 0; i < 100000; i++) deep = { d: deep };
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, extra_configuration: deep }), /nested deeper than 128 levels/);
    const text = "[".repeat(100000) + "]".repeat(100000);
    diagnoses(() => credlint.validate(KIND, text), "structure/invalid-json", "");
  });

  test("lone surrogates: in values, in keys, in text", () => {
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, client_id: "ab\uD800" } }),
      /`oauth\.client_id` of the document is a string with a lone surrogate/);
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, extra_configuration: { ["k\uDC00"]: "v" } }), /a key with a lone surrogate/);
    throwsClearly(() => credlint.validate(KIND, `{\n  "integration_id": "x\uDBFF"\n}`), /lone surrogate .* at line 2, column 23/);
    throwsClearly(() => credlint.validateField(KIND, "/oauth/client_id\uD800", "x"), /pointer has a lone surrogate/);
    // A real U+FFFD (the replacement character) and paired surrogates are fine.
    const ok = credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, client_id: "\uFFFD\uD83D\uDE00" } }, { context: CONTEXT });
    assert.equal(ok.ok, true);
    const escaped = credlint.validate(KIND, '{"integration_id": "\\ud800"}');
    assert.equal(escaped.diagnostics[0].rule, "structure/invalid-json");
    stillWorks();
  });

  test("__proto__ keys are plain keys, in and out; no prototype is polluted", () => {
    const doc = JSON.parse(`{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
      "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
      "oauth": {"client_id": "id", "client_secret": "s"},
      "extra_configuration": {"__proto__": {"polluted": "yes"}, "constructor": "c"}}`);
    assert.ok(Object.hasOwn(doc.extra_configuration, "__proto__"));
    const custom = { integration: { type: "custom", authentication_type: "oauth" } };
    diagnoses(() => credlint.validate(KIND, doc, { context: custom }), "paragon/extra-value-type", "/extra_configuration/__proto__");
    const flat = JSON.parse(`{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
      "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
      "oauth": {"client_id": "id", "client_secret": "s"},
      "extra_configuration": {"__proto__": "p"}}`);
    const wire = credlint.toWire(KIND, flat, custom);
    assert.ok(Object.hasOwn(wire.values, "__proto__"), "an own __proto__ property in the result");
    assert.equal(wire.values.__proto__, "p");
    assert.equal(Object.getPrototypeOf(wire.values), Object.prototype);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
    // A policy with a __proto__ key is an unknown field, not a prototype.
    throwsClearly(() => credlint.validate(KIND, GOOD, { policy: JSON.parse('{"__proto__": {"rules": {}}}') }), /unknown policy field `__proto__`/);
  });

  test("getters and toJSON that throw, and revoked proxies, are Errors", () => {
    const doc = { ...GOOD };
    Object.defineProperty(doc, "project_id", { enumerable: true, get() { throw new Error("boom"); } });
    throwsClearly(() => credlint.validate(KIND, doc), /reading `project_id` of the document threw an exception/);
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, oauth: { toJSON() { throw new Error("boom"); } } }), /toJSON method of `oauth`/);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, extra_configuration: proxy }), /reading `extra_configuration` of the document threw an exception/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { get context() { throw new Error("boom"); } }), /options\.context threw/);
  });
});

describe("size", () => {
  test("a 50 MB string as text: parsed and checked (under the 64 MiB limit), then the next call works", () => {
    const big = "a".repeat(50 * 1024 * 1024);
    const text = `{"integration_id": "${big}", "project_id": 5}`;
    const started = Date.now();
    const report = diagnoses(() => credlint.validate(KIND, text), "structure/type", "/project_id");
    assert.ok(Date.now() - started < 30000);
    // No diagnostic repeats the 50 MB value.
    assert.ok(JSON.stringify(report).length < 10000);
  });

  test("a 50 MB string as a value: checked; over the limit: an Error, not a crash", () => {
    const big = "b".repeat(50 * 1024 * 1024);
    const report = diagnoses(() => credlint.validate(KIND, { ...GOOD, integration_id: big }), "paragon/id-format", "/integration_id");
    assert.ok(JSON.stringify(report).length < 10000);
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, a: big, b: big }), /larger than the limit of 67108864 bytes/);
  });

  test("over the size limit as text: a diagnostic", () => {
    const text = `"${"c".repeat(70 * 1024 * 1024)}"`;
    diagnoses(() => credlint.validate(KIND, text), "structure/invalid-json", "");
  });

  test("a huge sparse array is refused before it is walked", () => {
    const sparse = [];
    sparse.length = 2 ** 31;
    const started = Date.now();
    throwsClearly(() => credlint.validate(KIND, { ...GOOD, oauth: { ...GOOD.oauth, scopes: sparse } }), /larger than the limit/);
    assert.ok(Date.now() - started < 2000);
  });

  test("a 50 MB string in a field: validateField", () => {
    const big = "d".repeat(50 * 1024 * 1024);
    diagnoses(() => credlint.validateField(KIND, "/project_id", big, GOOD), "paragon/id-format", "/project_id");
  });
});

describe("hostile input, with the native suite's cases (tests/hostile.rs)", () => {
  const envelope = (document) => JSON.stringify({ kind: KIND, context: CONTEXT, document });

  test("a million keys in one object, as text and as a value: checked, diagnostics capped", () => {
    const keys = {};
    for (let i = 0; i < 1_000_000; i++) keys[`k${i}`] = "v";
    let started = Date.now();
    const fromText = credlint.validate(null, envelope({ ...GOOD, ...keys }));
    assert.equal(fromText.diagnostics.length, 1000);
    assert.ok(fromText.diagnostics.every((d) => d.rule === "structure/unknown-field" && d.line === 1));
    assert.match(fromText.diagnostics[999].hint, /999000 more diagnostics in this input were not shown \(limit 1000\)/);
    assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
    started = Date.now();
    const fromValue = credlint.validate(KIND, { ...GOOD, extra_configuration: keys }, { context: CONTEXT });
    assert.equal(fromValue.ok, true, JSON.stringify(fromValue.diagnostics.slice(0, 3)));
    assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
    stillWorks();
  });

  test("a 100 MB document: one diagnostic at 1:1 naming the limit", () => {
    const secret = "x".repeat(100 * 1024 * 1024);
    const report = credlint.validate(null, envelope({ ...GOOD, oauth: { ...GOOD.oauth, client_secret: secret } }));
    assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.line, d.column]), [["structure/invalid-json", 1, 1]]);
    assert.match(report.diagnostics[0].message, /larger than the limit of 67108864 bytes/);
    assert.match(report.diagnostics[0].hint, /maxBytes/);
    assert.ok(JSON.stringify(report).length < 10_000);
    stillWorks();
  });

  test("a BOM and CRLF or lone CR line endings: the same lines and columns as plain LF", () => {
    const lf = JSON.stringify({ kind: KIND, document: { ...GOOD, project_id: 1, oauth: { ...GOOD.oauth, client_id: "" } } }, null, 2);
    const where = (text) => credlint.validate(null, text).diagnostics.map((d) => [d.rule, d.line, d.column]);
    const expected = where(lf);
    assert.ok(expected.length >= 2, JSON.stringify(expected));
    assert.deepEqual(where(`\uFEFF${lf}`), expected);
    assert.deepEqual(where(lf.replaceAll("\n", "\r\n")), expected);
    assert.deepEqual(where(`\uFEFF${lf.replaceAll("\n", "\r")}`), expected);
  });

  test("duplicate keys in text: reported at the repeat, naming the first line, never the value", () => {
    const text = `{"kind": "${KIND}", "document": {\n  "oauth": {"client_id": "id",\n    "client_secret": "QZSECRET1",\n    "client_secret": "QZSECRET2"}}}`;
    const report = credlint.validate(null, text);
    const dup = report.diagnostics.find((d) => d.rule === "structure/duplicate-key");
    assert.deepEqual([dup.path, dup.line, dup.column], ["/oauth/client_secret", 4, 5]);
    assert.match(dup.message, /first on line 3/);
    assert.doesNotMatch(JSON.stringify(report), /QZSECRET/);
  });

  test("limits as options: maxBytes, maxDepth (at most 512), maxDiagnostics", () => {
    const bad = { ...GOOD, integration_id: 1, project_id: 2, oauth: { client_id: 3, client_secret: 4 } };
    const capped = credlint.validate(KIND, bad, { maxDiagnostics: 2 });
    assert.equal(capped.diagnostics.length, 2);
    assert.match(capped.diagnostics[1].hint, /more diagnostics in this input were not shown \(limit 2\)/);
    assert.equal(credlint.validateBatch(JSON.stringify([{ kind: 1 }, { kind: 1 }, { kind: 1 }, { kind: 1 }]), { maxDiagnostics: 3 }).diagnostics.length, 3);
    diagnoses(() => credlint.validate(KIND, JSON.stringify(GOOD), { maxBytes: 10 }), "structure/invalid-json", "");
    throwsClearly(() => credlint.validate(KIND, GOOD, { maxBytes: 10 }), /larger than the limit of 10 bytes/);
    throwsClearly(() => credlint.validate(KIND, GOOD, { maxDepth: 513 }), /may be at most 512, not 513/);
    throwsClearly(() => credlint.validateField(KIND, "/project_id", "x", GOOD, { maxDepth: 1e9 }), /may be at most 512/);
    for (const wrong of [-1, 1.5, "3", NaN, Infinity, {}]) {
      throwsClearly(() => credlint.validate(KIND, GOOD, { maxDepth: wrong }), /options\.maxDepth must be a whole number/, TypeError);
    }
    throwsClearly(() => credlint.validate(KIND, GOOD, { maxdepth: 3 }), /unknown option `maxdepth`; the options are: context, policy, file, labels, maxBytes, maxDepth, maxDiagnostics/, TypeError);
  });

  test("nesting right up to maxDepth 512 fits the WebAssembly stack, as text and as a value", () => {
    // The envelope, `document` and `extra_configuration` are three levels (two for a value).
    const nested = (levels, inner) => {
      let v = inner;
      for (let i = 0; i < levels; i++) v = { a: v };
      return v;
    };
    const text = envelope({ ...GOOD, extra_configuration: { a: nested(509, 1) } });
    const report = credlint.validate(null, text, { maxDepth: 512 });
    const rules = (r) => r.diagnostics.map((d) => d.rule).sort();
    assert.deepEqual(rules(report), ["paragon/extra-config-builtin", "paragon/extra-value-type"]);
    const deeper = credlint.validate(null, envelope({ ...GOOD, extra_configuration: { a: nested(510, 1) } }), { maxDepth: 512 });
    assert.match(deeper.diagnostics[0].message, /nesting deeper than 512 levels/);
    const value = credlint.validate(KIND, { ...GOOD, extra_configuration: { a: nested(509, [1]) } }, { context: CONTEXT, maxDepth: 512 });
    assert.deepEqual(rules(value), ["paragon/extra-config-builtin", "paragon/extra-value-type"]);
    stillWorks();
  });

  test("validateField with a 100,000-token pointer: an Error, not a stack overflow", () => {
    const pointer = "/extra_configuration" + "/a".repeat(100_000);
    throwsClearly(() => credlint.validateField(KIND, pointer, 1, GOOD), /the pointer has 100001 tokens, deeper than the nesting limit of 128 levels/);
  });
});

describe("every export, hammered", () => {
  test("10,000 calls with throwing proxies and hostile lengths leave the instance intact", () => {
    const thrower = () =>
      new Proxy({}, {
        get() { throw new Error("boom"); },
        has() { throw new Error("boom"); },
        ownKeys() { throw new Error("boom"); },
        getOwnPropertyDescriptor() { throw new Error("boom"); },
        getPrototypeOf() { throw new Error("boom"); },
      });
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const hugeArray = () => new Proxy([], { get: (t, k) => (k === "length" ? 3.9e9 : undefined) });
    const fakeBytes = () => new Proxy(new Uint8Array(4), { get: (t, k) => (k === "length" || k === "byteLength" ? 3.9e9 : Reflect.get(t, k)) });
    const ownLength = () => {
      const b = new Uint8Array(4);
      Object.defineProperty(b, "length", { get() { throw new Error("boom"); } });
      return b;
    };
    const hostile = [thrower, revoked, hugeArray, fakeBytes, ownLength];
    const calls = [
      (h) => credlint.validate(KIND, h()),
      (h) => credlint.validate(KIND, GOOD, h()),
      (h) => credlint.validate(KIND, GOOD, { context: h() }),
      (h) => credlint.validate(KIND, GOOD, { policy: h() }),
      (h) => credlint.validateField(KIND, "/oauth", h(), GOOD),
      (h) => credlint.validateField(KIND, "/oauth", "x", h()),
      (h) => credlint.validateBatch(h()),
      (h) => credlint.toWire(KIND, h()),
      (h) => credlint.tokenAction(h(), "2024-01-01T00:00:00Z"),
      (h) => credlint.exportSchema(h()),
      (h) => runCli(h(), memoryHost()),
      (h) => runCli(["check", "a.json"], h()),
      (h) => runCli(["check", "a.json"], { ...memoryHost({ "a.json": "{}" }), read: () => h() }),
      (h) => runCli(["check", "."], { ...memoryHost(), stat: () => "dir", readDir: () => h() }),
      (h) => runCli(["check", "."], { ...memoryHost(), stat: () => "dir", readDir: () => [{ name: h(), kind: "file" }] }),
      (h) => runCli(["check", "a.json"], { ...memoryHost({ "a.json": "{}" }), stat: () => h() }),
      (h) => runCli(["check", "--stdin"], { ...memoryHost(), readStdin: () => h() }),
    ];
    let n = 0;
    while (n < 10_000) {
      for (const call of calls) {
        for (const h of hostile) {
          try {
            call(h);
          } catch (e) {
            assert.doesNotMatch(String(e?.message), /unreachable|memory access out of bounds|RuntimeError/);
          }
          n++;
        }
      }
    }
    stillWorks();
    const host = memoryHost({ "a.json": JSON.stringify({ kind: KIND, context: CONTEXT, document: GOOD }) });
    assert.equal(runCli(["check", "a.json", "--format", "json"], host), 0, host.out.stdout + host.out.stderr);
    assert.equal(JSON.parse(host.out.stdout).summary.documents, 1);
  });
});
