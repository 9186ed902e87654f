#!/usr/bin/env node
// credlint against the validators users would reach for instead (ajv 8, @cfworker/json-schema,
// ajv-cli), measured in one run on the same documents, printed as ONE table of ratios and written
// to bench/results.md.
//
//   node bench/run.mjs           full run (about 5-10 minutes on 2 cores)
//   node bench/run.mjs --quick   harness check for CI: small sizes, asserts that credlint, ajv and
//                                @cfworker/json-schema agree where they should and that counts
//                                match; timings are printed but mean nothing
//
// Needs: bench/node_modules (npm ci in bench/), pkg/ built (scripts/build-pkg.sh),
// target/release/credlint (cargo build --release), target/release/examples/io-floor
// (cargo build --release --example io-floor), python3 (peak memory of child processes).
// `bash scripts/bench.sh [--quick]` sees to all of them.
//
// Everything a peer is timed on is what credlint is timed on: the same JSON text, the same files.
// Peer libraries are imported dynamically, so the cold-start children (this file with --cold)
// load nothing but what they measure.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { ajvPageEntry } from "../scripts/ajv-page.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, "..");
const pkgDir = join(root, "pkg");
const schemasDir = join(root, "schemas");
const workDir = join(root, "target", "bench");
const nativeBin = join(root, "target", "release", "credlint");
const ioFloorBin = join(root, "target", "release", "examples", "io-floor");
const nodeBin = join(pkgDir, "bin", "credlint.js");
const ajvCli = join(benchDir, "node_modules", "ajv-cli", "dist", "index.js");
const SCHEMA_BASE = "https://credlint.dev/schemas/";

// ---------------------------------------------------------------------------------------------
// Cold start child: `node run.mjs --cold <subject> <file>` prints {ms, ok}. Time from before the
// first import to the first verdict, in a fresh process (Node's own boot is the same for all
// subjects and is reported separately by the parent as the whole process's wall time).
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === "--cold") {
  const [subject, file] = process.argv.slice(3);
  const t0 = performance.now();
  const text = readFileSync(file, "utf8");
  let ok;
  if (subject === "credlint") {
    const { validate } = await import(pathToFileURL(join(pkgDir, "node.js")).href);
    ok = validate(null, text).ok;
  } else if (subject === "ajv") {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    for (const name of readdirSync(schemasDir).sort()) {
      if (name !== "envelope.schema.json") ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, name), "utf8")));
    }
    const validate = ajv.compile(JSON.parse(readFileSync(join(schemasDir, "envelope.schema.json"), "utf8")));
    ok = validate(JSON.parse(text));
  } else if (subject === "cfworker") {
    const { Validator } = await import("@cfworker/json-schema");
    const validator = new Validator(JSON.parse(readFileSync(join(schemasDir, "envelope.schema.json"), "utf8")), "2020-12", false);
    for (const name of readdirSync(schemasDir).sort()) {
      if (name !== "envelope.schema.json") validator.addSchema(JSON.parse(readFileSync(join(schemasDir, name), "utf8")));
    }
    ok = validator.validate(JSON.parse(text)).valid;
  } else {
    throw new Error(`unknown cold-start subject ${subject}`);
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, ok }));
  process.exit(0);
}

const QUICK = process.argv.includes("--quick");
const SIZES = QUICK
  ? { generated: 1_000, jsonFiles: 200, tfFiles: 20, coldRuns: 2, cliRuns: 1, minSeconds: 0, smallCalls: 1_000, memBatchBytes: 2e6, memPlanBytes: 2e6, memWorstBytes: 1e6 }
  : { generated: 100_000, jsonFiles: 10_000, tfFiles: 1_000, coldRuns: 15, cliRuns: 3, minSeconds: 1, smallCalls: 10_000, memBatchBytes: 50e6, memPlanBytes: 50e6, memWorstBytes: 10e6 };

const log = (...a) => console.error("bench:", ...a);
const failures = [];
/** A harness-correctness check: recorded, reported at the end, fatal (exit 1) in every mode. */
function check(cond, message) {
  if (!cond) {
    failures.push(message);
    log(`CHECK FAILED: ${message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs: the conformance corpus, and generated documents (seeded, so every run sees the same).
// ---------------------------------------------------------------------------------------------

/** A small, fast, seeded PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every envelope of the corpus (batches split into their elements), in a stable order. */
function corpusEnvelopes(kinds) {
  const out = [];
  const corpus = join(root, "corpus");
  for (const dir of readdirSync(corpus).sort()) {
    for (const file of readdirSync(join(corpus, dir)).sort()) {
      if (!file.endsWith(".json") || file.endsWith(".expect.json")) continue;
      let value;
      try {
        value = JSON.parse(readFileSync(join(corpus, dir, file), "utf8"));
      } catch {
        continue; // the invalid-JSON cases: nothing for a schema validator to compare
      }
      for (const e of Array.isArray(value) ? value : [value]) {
        const isEnvelope = e && typeof e === "object" && !Array.isArray(e) && kinds.includes(e.kind) &&
          e.document && typeof e.document === "object" && !Array.isArray(e.document);
        if (isEnvelope) out.push(e);
      }
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Free-text fields whose value no rule looks at beyond "present, non-blank". */
const FREE_TEXT = new Set([
  "name", "client_name", "description", "client_id", "client_secret", "username", "password",
  "access_token", "refresh_token", "externalId", "software_id", "software_version",
]);
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomText(rand, length) {
  let s = "";
  for (let i = 0; i < length; i++) s += ALNUM[Math.floor(rand() * ALNUM.length)];
  return s;
}

function randomUuid(rand) {
  const h = () => Math.floor(rand() * 16).toString(16);
  const hex = (n) => Array.from({ length: n }, h).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
}

/** A copy of a corpus document with its identifiers and free text made new (its verdict kept). */
function perturb(value, rand, key = "") {
  if (Array.isArray(value)) return value.map((v) => perturb(v, rand));
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = perturb(v, rand, k);
    return out;
  }
  if (typeof value === "string") {
    if (UUID.test(value)) return randomUuid(rand);
    if (FREE_TEXT.has(key) && value.trim() !== "") return `${key.slice(0, 3)}-${randomText(rand, 6 + Math.floor(rand() * 18))}`;
  }
  return value;
}

/**
 * A structural mistake of the kind people make (a misspelt or extra field, a missing required
 * one, a number where text belongs), chosen from the kind's exported schema.
 */
function structuralMistake(doc, kindSchema, rand) {
  const out = structuredClone(doc);
  const props = Object.entries(kindSchema.properties ?? {});
  const present = props.filter(([k]) => k in out);
  const choice = Math.floor(rand() * 3);
  if (choice === 0 && kindSchema.additionalProperties === false && present.length) {
    const [k] = present[Math.floor(rand() * present.length)];
    out[`${k}s`] = out[k]; // a misspelt duplicate of a known field
    return out;
  }
  const required = (kindSchema.required ?? []).filter((k) => k in out);
  if (choice <= 1 && required.length) {
    delete out[required[Math.floor(rand() * required.length)]];
    return out;
  }
  const strings = present.filter(([, s]) => s.type === "string");
  if (strings.length) {
    out[strings[Math.floor(rand() * strings.length)][0]] = 1 + Math.floor(rand() * 1000);
    return out;
  }
  out.unexpected_field = true;
  return out;
}

/**
 * `n` envelopes as pretty-printed JSON text (as they sit in a repository): about 86% from the
 * corpus's error-free envelopes, 7% from its envelopes with semantic errors only, 7% with a
 * structural mistake; identifiers and free text are fresh in each.
 */
function generate(n, seed, pools, kindSchemas) {
  const rand = prng(seed);
  const texts = [];
  const kinds = [];
  const pick = (pool) => pool[Math.floor(rand() * pool.length)];
  for (let i = 0; i < n; i++) {
    const r = rand();
    let envelope;
    if (r < 0.07) {
      envelope = perturb(pick(pools.semantic), rand);
    } else if (r < 0.14) {
      envelope = perturb(pick(pools.clean), rand);
      envelope.document = structuralMistake(envelope.document, kindSchemas[envelope.kind], rand);
    } else {
      envelope = perturb(pick(pools.clean), rand);
    }
    texts.push(JSON.stringify(envelope, null, 2));
    kinds.push(envelope.kind);
  }
  return { texts, kinds };
}

/** Terraform files like those in a repository: credentials and Genesys clients, some with mistakes. */
function generateTf(n, seed) {
  const rand = prng(seed);
  const files = [];
  for (let i = 0; i < n; i++) {
    const blocks = [`locals {\n  project_id = "${randomUuid(rand)}"\n}\n`];
    const resources = 1 + Math.floor(rand() * 4);
    for (let j = 0; j < resources; j++) {
      const name = `svc_${i}_${j}`;
      const r = rand();
      if (r < 0.45) {
        const literalSecret = rand() < 0.08;
        blocks.push(`variable "${name}_secret" {\n  type      = string\n  sensitive = true\n}\n
resource "paragon_integration_credentials" "${name}" {
  integration_id = "${randomUuid(rand)}"
  project_id     = local.project_id
  oauth = {
    client_id     = "cid-${randomText(rand, 12)}"
    client_secret = ${literalSecret ? `"${randomText(rand, 24)}"` : `var.${name}_secret`}
    scopes        = ["offline_access", "read:jira-user"${rand() < 0.05 ? ', "read:jira-user"' : ""}]
  }
}\n`);
      } else if (r < 0.7) {
        const bad = rand() < 0.1;
        blocks.push(`resource "paragon_integration_credentials" "${name}" {
  integration_id = data.paragon_integrations.all.integrations["custom.${randomText(rand, 6)}"].id
  project_id     = local.project_id
  oauth = {
    client_id     = "cid-${randomText(rand, 12)}"
    client_secret = var.client_secret${bad ? `\n    scopes        = ["read"]` : ""}
  }
  extra_configuration = {
    region      = "us-east-1"
    api_version = "v2"${bad ? `\n    clientId    = "x"` : ""}
  }
}\n`);
      } else if (r < 0.85) {
        blocks.push(`resource "genesyscloud_oauth_client" "${name}" {
  name                          = "client ${randomText(rand, 8)}"
  description                   = "machine-to-machine client"
  access_token_validity_seconds = ${rand() < 0.05 ? 100 : 86400}
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  roles {
    role_id     = genesyscloud_auth_role.${name}.id
    division_id = "*"
  }
}\n`);
      } else {
        blocks.push(`resource "genesyscloud_oauth_client" "${name}" {
  name                     = "web ${randomText(rand, 8)}"
  authorized_grant_type    = "CODE"
  registered_redirect_uris = ["${rand() < 0.1 ? "app.example.com/cb" : `https://${randomText(rand, 6)}.example.com/cb`}"]
  scopes                   = ["users", "analytics"]
}\n`);
      }
    }
    if (rand() < 0.1) blocks.push(`output "${`svc_${i}`}_oauth" {\n  value = paragon_integration_credentials.svc_${i}_0.oauth\n}\n`);
    files.push(blocks.join("\n"));
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Which of credlint's diagnostics the exported schemas can say: read from the schemas
// themselves (each kind schema lists the rules beyond it; the envelope schema the
// context-dependent ones it encodes), as tests/schema.rs counts them.
// ---------------------------------------------------------------------------------------------
function schemaCountedRules(rules, kindSchemas, envelopeSchema) {
  const encoded = new Set((envelopeSchema.description.split("encoded here:")[1] ?? "").split(",").map((s) => s.trim().replace(/\.$/, "")).filter(Boolean));
  const counted = {};
  for (const [kind, schema] of Object.entries(kindSchemas)) {
    const beyond = new Set();
    const tail = schema.description.split("beyond this schema")[1] ?? "";
    for (const m of tail.matchAll(/([a-z]+\/[a-z0-9-]+) \((?:error|warning|info)\)/g)) beyond.add(m[1]);
    counted[kind] = new Set(
      // Every rule id, not only the kind's own: a kind may report another kind's rule (several
      // kinds report `paragon/scope-token`).
      rules.filter((r) => !r.id.startsWith("secrets/") && (!beyond.has(r.id) || encoded.has(r.id))).map((r) => r.id),
    );
  }
  return counted;
}

// ---------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Documents per second of `pass` (which checks `count` documents), repeated for at least minSeconds. */
function throughput(count, pass) {
  pass(Math.min(count, 2000)); // warm-up: JIT and the WebAssembly tiers
  let done = 0;
  const t0 = performance.now();
  do {
    pass(count);
    done += count;
  } while (performance.now() - t0 < SIZES.minSeconds * 1000);
  return (done / (performance.now() - t0)) * 1000;
}

/** Runs a command through a python3 wrapper: wall seconds and the child's peak RSS (MiB). */
function measured(cmd, args, outFile) {
  const wrapper = `
import json, resource, subprocess, sys, time
out = open(sys.argv[1], "wb")
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT)
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": p.returncode}))
`;
  const r = spawnSync("python3", ["-c", wrapper, outFile, cmd, ...args], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 wrapper failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * `SIZES.cliRuns` runs of a command: median wall seconds, peak RSS (MiB, max over runs), every
 * run's exit code, and the last run's output (stdout and stderr).
 */
function runs(cmd, args, name) {
  const out = join(workDir, `${name}.out`);
  const rs = [];
  for (let i = 0; i < SIZES.cliRuns; i++) rs.push(measured(cmd, args, out));
  return { wall: median(rs.map((r) => r.wall)), rssMiB: Math.max(...rs.map((r) => r.rss_kib)) / 1024, code: rs[0].code, codes: rs.map((r) => r.code), out: readFileSync(out, "utf8") };
}

const gzipBytes = (buf) => gzipSync(buf, { level: 9 }).length;

async function esbuildBundle(entry, name) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: benchDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  });
  const bytes = result.outputFiles[0].contents;
  writeFileSync(join(workDir, `${name}.min.js`), bytes);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------
for (const [what, path] of [["pkg/ (scripts/build-pkg.sh)", join(pkgDir, "credlint_bg.wasm")], ["target/release/credlint (cargo build --release)", nativeBin], ["target/release/examples/io-floor (cargo build --release --example io-floor)", ioFloorBin], ["bench/node_modules (npm ci in bench/)", ajvCli]]) {
  if (!existsSync(path)) {
    log(`missing ${what}: run 'bash scripts/bench.sh${QUICK ? " --quick" : ""}'`);
    process.exit(2);
  }
}
mkdirSync(workDir, { recursive: true });

const credlint = await import(pathToFileURL(join(pkgDir, "node.js")).href);
const { default: Ajv2020 } = await import("ajv/dist/2020.js");
const { default: addFormats } = await import("ajv-formats");
const { Validator } = await import("@cfworker/json-schema");

const kindIds = credlint.listKinds();
const kindSchemas = Object.fromEntries(kindIds.map((k) => [k, JSON.parse(readFileSync(join(schemasDir, `${k}.schema.json`), "utf8"))]));
const envelopeSchema = JSON.parse(readFileSync(join(schemasDir, "envelope.schema.json"), "utf8"));
for (const k of kindIds) check(kindSchemas[k].$id === `${SCHEMA_BASE}${k}.schema.json`, `schemas/${k}.schema.json has $id ${kindSchemas[k].$id}`);
const counted = schemaCountedRules(credlint.listRules(), kindSchemas, envelopeSchema);

// ajv as its README shows it (draft 2020-12, strict, all errors: credlint reports every error too).
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
for (const k of kindIds) ajv.addSchema(kindSchemas[k]);
const ajvValidate = ajv.compile(envelopeSchema);
const cfw = new Validator(envelopeSchema, "2020-12", false);
for (const k of kindIds) cfw.addSchema(kindSchemas[k]);

/** credlint's structural verdict: no error that the exported schemas can say. */
const structurallyOk = (diagnostics, kind) => !diagnostics.some((d) => d.severity === "error" && counted[kind].has(d.rule));

// Pools for generation: the corpus's envelopes by credlint's verdict.
const corpus = corpusEnvelopes(kindIds);
const pools = { clean: [], semantic: [] };
for (const e of corpus) {
  const r = credlint.validate(null, JSON.stringify(e));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!errors.length) pools.clean.push(e);
  else if (structurallyOk(errors, e.kind)) pools.semantic.push(e);
}
log(`corpus: ${corpus.length} envelopes (${pools.clean.length} without errors, ${pools.semantic.length} with semantic errors only)`);
check(kindIds.every((k) => pools.clean.some((e) => e.kind === k)), "every kind has an error-free corpus envelope to generate from");

const corpusSet = { texts: corpus.map((e) => JSON.stringify(e, null, 2)), kinds: corpus.map((e) => e.kind) };
const t0 = performance.now();
const generatedSet = generate(SIZES.generated, 0xc0ffee, pools, kindSchemas);
log(`generated ${SIZES.generated} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rows = [];
const row = (r) => {
  rows.push(r);
  log(`${r.metric}: credlint ${r.credlint}, ${r.peerName} ${r.peer}, ratio ${r.ratio}`);
};
const fmtRatio = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)) + "×";
const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
const verdict = (met) => (met === undefined ? "—" : met ? "met" : "**not met**");

// 1. Package size ------------------------------------------------------------------------------
{
  const wasm = readFileSync(join(pkgDir, "credlint_bg.wasm"));
  const glue = readFileSync(join(pkgDir, "credlint.js"));
  const credlintGz = gzipBytes(wasm) + gzipBytes(glue);
  const ajvGz = gzipBytes(await esbuildBundle(`export { default } from "ajv/dist/2020.js";`, "ajv2020"));
  const cfwGz = gzipBytes(await esbuildBundle(`export { Validator } from "@cfworker/json-schema";`, "cfworker"));
  // What a page validating the same documents with JSON Schema ships instead (scripts/ajv-page.mjs).
  const pageGz = gzipBytes(await esbuildBundle(ajvPageEntry(schemasDir), "ajv2020-formats-schemas"));
  log(`package: wasm ${wasm.length} B (${gzipBytes(wasm)} gz), glue ${glue.length} B (${gzipBytes(glue)} gz)`);
  check(ajvGz > 10_000 && cfwGz > 3_000 && pageGz > ajvGz, `peer bundles are implausibly small (ajv ${ajvGz} B, with formats and schemas ${pageGz} B, cfworker ${cfwGz} B)`);
  const page = credlintGz / pageGz;
  row({ metric: "Package, gzip -9 (wasm + JS glue; peers: esbuild --minify bundle)", credlint: `${fmtInt(credlintGz)} B`, peerName: "ajv 8 (`ajv/dist/2020`) + ajv-formats + credlint's exported schemas", peer: `${fmtInt(pageGz)} B`, ratio: fmtRatio(page), target: "≤ 1.0×", met: page <= 1 });
  const r = credlintGz / ajvGz;
  row({ metric: "Package, gzip -9", credlint: `${fmtInt(credlintGz)} B`, peerName: "ajv 8 (`ajv/dist/2020`) alone", peer: `${fmtInt(ajvGz)} B`, ratio: fmtRatio(r), target: "≤ 1.0× (stretch)", met: r <= 1 });
  row({ metric: "Package, gzip -9", credlint: `${fmtInt(credlintGz)} B`, peerName: "@cfworker/json-schema", peer: `${fmtInt(cfwGz)} B`, ratio: fmtRatio(credlintGz / cfwGz), target: "—" });
}

// 2. Cold start ---------------------------------------------------------------------------------
{
  // An error-free envelope: every validator must say valid.
  const file = join(root, "corpus", "paragon.integration-credentials", "seed-advanced-config-builtin.json");
  const cold = (subject) => {
    const inner = [];
    const wall = [];
    for (let i = 0; i < SIZES.coldRuns; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--cold", subject, file], { cwd: benchDir, encoding: "utf8" });
      wall.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`cold start of ${subject} failed: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      inner.push(out.ms);
      check(out.ok === true, `cold start ${subject}: the error-free envelope was judged invalid`);
    }
    return { ms: median(inner), wall: median(wall) };
  };
  const c = cold("credlint");
  const a = cold("ajv");
  const w = cold("cfworker");
  const r = c.ms / a.ms;
  row({ metric: `Cold start: import + first verdict, median of ${SIZES.coldRuns} fresh processes (whole process: ${c.wall.toFixed(0)} vs ${a.wall.toFixed(0)} ms)`, credlint: `${c.ms.toFixed(1)} ms`, peerName: "ajv 8 (import + compile exported schemas)", peer: `${a.ms.toFixed(1)} ms`, ratio: fmtRatio(r), target: "≤ 0.5×", met: r <= 0.5 });
  row({ metric: "Cold start", credlint: `${c.ms.toFixed(1)} ms`, peerName: "@cfworker/json-schema (import + schemas)", peer: `${w.ms.toFixed(1)} ms`, ratio: fmtRatio(c.ms / w.ms), target: "—" });
}

// 3. Throughput in Node -------------------------------------------------------------------------
{
  for (const [label, set] of [["corpus", corpusSet], ["generated", generatedSet]]) {
    const { texts, kinds } = set;
    const n = texts.length;
    // Correctness first (untimed): verdicts agree where they should, counts match.
    let withErrors = 0;
    let disagreeAjv = 0;
    let disagreeCfw = 0;
    let errorCount = 0;
    let schemaInvalid = 0;
    const examples = [];
    for (let i = 0; i < n; i++) {
      const report = credlint.validate(null, texts[i]);
      if (!report.ok) withErrors++;
      errorCount += report.summary.errors;
      const doc = JSON.parse(texts[i]);
      const mine = structurallyOk(report.diagnostics, kinds[i]);
      const theirs = ajvValidate(doc);
      if (!theirs) schemaInvalid++;
      if (mine !== theirs) {
        disagreeAjv++;
        if (examples.length < 3) examples.push(`credlint ${mine} [${report.diagnostics.map((d) => d.rule)}], ajv ${theirs} ${JSON.stringify(ajvValidate.errors?.slice(0, 2))}: ${texts[i].slice(0, 300)}`);
      }
      if (cfw.validate(doc).valid !== theirs) disagreeCfw++;
    }
    const batchSize = 1000;
    const batches = [];
    for (let i = 0; i < n; i += batchSize) batches.push({ text: `[${texts.slice(i, i + batchSize).join(",")}]`, count: Math.min(batchSize, n - i) });
    let batchDocs = 0;
    let batchErrors = 0;
    for (const b of batches) {
      const report = credlint.validateBatch(b.text);
      batchDocs += report.summary.documents;
      batchErrors += report.summary.errors;
    }
    log(`${label}: ${n} documents, ${withErrors} (${((withErrors / n) * 100).toFixed(1)}%) with errors, ${errorCount} errors, ${schemaInvalid} invalid by the exported schema; structural verdict: ${disagreeAjv} disagreements with ajv, ${disagreeCfw} between ajv and cfworker`);
    for (const e of examples) log(`  disagreement: ${e}`);
    check(disagreeAjv === 0, `${label}: credlint's structural verdict and ajv's disagree on ${disagreeAjv} documents`);
    check(disagreeCfw === 0, `${label}: ajv and @cfworker/json-schema disagree on ${disagreeCfw} documents`);
    check(batchDocs === n && batchErrors === errorCount, `${label}: validateBatch counted ${batchDocs} documents / ${batchErrors} errors, validate ${n} / ${errorCount}`);
    if (label === "generated") {
      const share = withErrors / n;
      check(share >= 0.08 && share <= 0.25, `generated: ${(share * 100).toFixed(1)}% of documents have errors (want about 10-20%)`);
    }

    // Timed.
    let sink = 0;
    const perDoc = throughput(n, (m) => {
      for (let i = 0; i < m; i++) sink += credlint.validate(null, texts[i]).ok ? 1 : 0;
    });
    const batch = throughput(n, (m) => {
      let done = 0;
      for (const b of batches) {
        if (done >= m) break;
        sink += credlint.validateBatch(b.text).ok ? 1 : 0;
        done += b.count;
      }
    });
    const ajvRate = throughput(n, (m) => {
      for (let i = 0; i < m; i++) sink += ajvValidate(JSON.parse(texts[i])) ? 1 : 0;
    });
    const cfwRate = throughput(n, (m) => {
      for (let i = 0; i < m; i++) sink += cfw.validate(JSON.parse(texts[i])).valid ? 1 : 0;
    });
    if (sink < 0) log(sink);
    const what = label === "corpus" ? `conformance corpus (${n} envelopes)` : `${fmtInt(n)} generated envelopes, ${((withErrors / n) * 100).toFixed(0)}% with errors`;
    const ajvName = "`JSON.parse` + ajv 8 (compiled, allErrors)";
    row({ metric: `Throughput, docs/s, ${what}: \`validateBatch\` (up to 1,000 per call)`, credlint: fmtInt(batch), peerName: ajvName, peer: fmtInt(ajvRate), ratio: fmtRatio(batch / ajvRate), target: label === "generated" ? "≥ 1.0×" : "—", met: label === "generated" ? batch / ajvRate >= 1 : undefined });
    row({ metric: `Throughput, docs/s, ${what}: \`validate\` per document`, credlint: fmtInt(perDoc), peerName: ajvName, peer: fmtInt(ajvRate), ratio: fmtRatio(perDoc / ajvRate), target: "—" });
    row({ metric: `Throughput, docs/s, ${what}: \`validateBatch\``, credlint: fmtInt(batch), peerName: "`JSON.parse` + @cfworker/json-schema", peer: fmtInt(cfwRate), ratio: fmtRatio(batch / cfwRate), target: "—" });
  }
}

// 3b. One small document per call, as a live form checks it ---------------------------------------
{
  // An error-free credentials document of about 300 bytes (pretty-printed, as a form's JSON view
  // or a file holds it), bare: `validate(kind, text)` vs ajv's compiled kind schema (the same ajv
  // instance and options as above).
  const KIND = "paragon.integration-credentials";
  const candidates = pools.clean.filter((e) => e.kind === KIND).map((e) => JSON.stringify(e.document, null, 2));
  check(candidates.length > 0, `no error-free ${KIND} envelope in the corpus`);
  const text = candidates.sort((a, b) => Math.abs(Buffer.byteLength(a) - 300) - Math.abs(Buffer.byteLength(b) - 300))[0] ?? "{}";
  const bytes = Buffer.byteLength(text);
  const ajvKind = ajv.getSchema(kindSchemas[KIND].$id);
  const report = credlint.validate(KIND, text);
  check(report.ok && report.summary.documents === 1 && report.summary.errors === 0, `small document: credlint says ${JSON.stringify(report.summary)}, want one document without errors`);
  check(ajvKind?.(JSON.parse(text)) === true, `small document: ajv's ${KIND} schema says invalid: ${JSON.stringify(ajvKind?.errors?.slice(0, 2))}`);
  check(bytes >= 200 && bytes <= 400, `small document is ${bytes} bytes, want about 300`);
  // Both really check the document: without its required `integration_id`, both say invalid.
  const broken = JSON.stringify({ ...JSON.parse(text), integration_id: undefined }, null, 2);
  check(!credlint.validate(KIND, broken).ok && ajvKind?.(JSON.parse(broken)) === false, "small document: credlint or ajv accepts the document without its required integration_id");
  const n = SIZES.smallCalls;
  let sink = 0;
  const mine = throughput(n, (m) => {
    for (let i = 0; i < m; i++) sink += credlint.validate(KIND, text).ok ? 1 : 0;
  });
  const theirs = throughput(n, (m) => {
    for (let i = 0; i < m; i++) sink += ajvKind(JSON.parse(text)) ? 1 : 0;
  });
  if (sink < 0) log(sink);
  const r = mine / theirs;
  row({ metric: `Throughput, docs/s, one ${bytes}-byte \`${KIND}\` document per \`validate(kind, text)\` call (a live form)`, credlint: fmtInt(mine), peerName: "`JSON.parse` + ajv 8 (compiled kind schema, allErrors)", peer: fmtInt(theirs), ratio: fmtRatio(r), target: "≥ 1.0×", met: r >= 1 });
  // The same document as a form holds it: an object (credlint converts it from JavaScript; ajv
  // reads it as it is). No target: what a form pays per check, next to the text row.
  const object = JSON.parse(text);
  check(credlint.validate(KIND, object).ok && ajvKind(object) === true, "small document: credlint or ajv rejects the document as an object");
  const mineObject = throughput(n, (m) => {
    for (let i = 0; i < m; i++) sink += credlint.validate(KIND, object).ok ? 1 : 0;
  });
  const theirsObject = throughput(n, (m) => {
    for (let i = 0; i < m; i++) sink += ajvKind(object) ? 1 : 0;
  });
  row({ metric: `Throughput, docs/s, the same document as an object per \`validate(kind, object)\` call (a form's state)`, credlint: fmtInt(mineObject), peerName: "ajv 8 on the object (compiled kind schema, allErrors)", peer: fmtInt(theirsObject), ratio: fmtRatio(mineObject / theirsObject), target: "—", met: undefined });
}

// 4. The CLI over a repository ------------------------------------------------------------------
{
  const repo = join(workDir, `repo-${SIZES.jsonFiles}-${SIZES.tfFiles}`);
  const repoSet = generate(SIZES.jsonFiles, 0x5eed, pools, kindSchemas);
  const tf = generateTf(SIZES.tfFiles, 0x7f);
  const digest = createHash("sha256").update(repoSet.texts.join("\0") + tf.join("\0")).digest("hex").slice(0, 16);
  const stamp = join(repo, ".generated");
  const jsonPath = (i) => join(repo, `team-${String(i % 50).padStart(2, "0")}`, "credentials", `svc-${String(i).padStart(5, "0")}.json`);
  const tfPath = (i) => join(repo, `team-${String(i % 50).padStart(2, "0")}`, "terraform", `svc-${String(i).padStart(4, "0")}.tf`);
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== digest) {
    rmSync(repo, { recursive: true, force: true });
    for (let i = 0; i < repoSet.texts.length; i++) {
      mkdirSync(dirname(jsonPath(i)), { recursive: true });
      writeFileSync(jsonPath(i), repoSet.texts[i] + "\n");
    }
    for (let i = 0; i < tf.length; i++) {
      mkdirSync(dirname(tfPath(i)), { recursive: true });
      writeFileSync(tfPath(i), tf[i]);
    }
    writeFileSync(stamp, digest);
    log(`wrote ${repoSet.texts.length} JSON and ${tf.length} .tf files to ${relative(root, repo)}`);
  }
  // Expected: files (JSON) whose envelope has a schema-sayable error, by credlint's package.
  const expectInvalid = new Set();
  for (let i = 0; i < repoSet.texts.length; i++) {
    if (!structurallyOk(credlint.validate(null, repoSet.texts[i]).diagnostics, repoSet.kinds[i])) expectInvalid.add(relative(root, jsonPath(i)));
  }

  const repoRel = relative(root, repo);
  const native = runs(nativeBin, ["check", repoRel, "--format", "json"], "native");
  const viaNode = runs(process.execPath, [nodeBin, "check", repoRel, "--format", "json"], "node-bin");
  const kindRefs = kindIds.flatMap((k) => ["-r", join("schemas", `${k}.schema.json`)]);
  const ajvArgs = [ajvCli, "validate", "--spec=draft2020", "--strict=true", "--allow-union-types", "--all-errors", "--errors=line", "-s", join("schemas", "envelope.schema.json"), ...kindRefs, "-d", `${repoRel}/**/*.json`];
  const viaAjv = runs(process.execPath, ajvArgs, "ajv-cli");

  // Correctness: the two credlint shells agree; ajv-cli flags exactly the files credlint's
  // structural verdict does.
  const nativeReport = JSON.parse(native.out);
  const nodeReport = JSON.parse(viaNode.out);
  const docs = repoSet.texts.length;
  check(nativeReport.summary.files === SIZES.jsonFiles + SIZES.tfFiles, `native CLI checked ${nativeReport.summary.files} files, want ${SIZES.jsonFiles + SIZES.tfFiles}`);
  check(nativeReport.summary.documents > docs, `native CLI saw ${nativeReport.summary.documents} documents (JSON ${docs} + Terraform resources)`);
  check(JSON.stringify(nativeReport.summary) === JSON.stringify(nodeReport.summary), `native ${JSON.stringify(nativeReport.summary)} vs Node bin ${JSON.stringify(nodeReport.summary)}`);
  check(native.code === viaNode.code, `exit codes: native ${native.code}, Node bin ${viaNode.code}`);
  const ajvInvalid = new Set([...viaAjv.out.matchAll(/^(\S+\.json) invalid/gm)].map((m) => m[1]));
  const ajvValid = [...viaAjv.out.matchAll(/^(\S+\.json) valid/gm)].length;
  check(ajvInvalid.size + ajvValid === SIZES.jsonFiles, `ajv-cli reported on ${ajvInvalid.size + ajvValid} files, want ${SIZES.jsonFiles}`);
  const mismatched = [...expectInvalid].filter((f) => !ajvInvalid.has(f)).length + [...ajvInvalid].filter((f) => !expectInvalid.has(f)).length;
  check(mismatched === 0, `ajv-cli and credlint disagree on ${mismatched} files (ajv-cli: ${ajvInvalid.size} invalid, credlint: ${expectInvalid.size})`);
  log(`CLI: ${nativeReport.summary.files} files, ${nativeReport.summary.documents} documents, ${nativeReport.summary.errors} errors; ajv-cli: ${ajvInvalid.size} invalid of ${SIZES.jsonFiles} JSON files`);

  const files = `${fmtInt(SIZES.jsonFiles)} JSON + ${fmtInt(SIZES.tfFiles)} .tf files`;
  const rW = native.wall / viaAjv.wall;
  row({ metric: `CLI wall time, ${files} (ajv-cli: the JSON files only), median of ${SIZES.cliRuns} — ${fmtRatio(1 / rW)} faster`, credlint: `${(native.wall * 1000).toFixed(0)} ms (native)`, peerName: "`ajv-cli validate` (draft2020, exported schemas)", peer: `${(viaAjv.wall * 1000).toFixed(0)} ms`, ratio: fmtRatio(rW), target: "≤ 0.05× (20× faster)", met: rW <= 0.05 });
  row({ metric: "CLI peak RSS (max over runs)", credlint: `${native.rssMiB.toFixed(1)} MiB (native)`, peerName: "`ajv-cli validate`", peer: `${viaAjv.rssMiB.toFixed(1)} MiB`, ratio: fmtRatio(native.rssMiB / viaAjv.rssMiB), target: "native < 100 MB", met: native.rssMiB * 1.048576 < 100 });
  row({ metric: `CLI wall time, ${files} — ${fmtRatio(viaAjv.wall / viaNode.wall)} faster than ajv-cli`, credlint: `${(viaNode.wall * 1000).toFixed(0)} ms (Node bin)`, peerName: "`ajv-cli validate`", peer: `${(viaAjv.wall * 1000).toFixed(0)} ms`, ratio: fmtRatio(viaNode.wall / viaAjv.wall), target: "—" });
  row({ metric: "CLI peak RSS", credlint: `${viaNode.rssMiB.toFixed(1)} MiB (Node bin)`, peerName: "`ajv-cli validate`", peer: `${viaAjv.rssMiB.toFixed(1)} MiB`, ratio: fmtRatio(viaNode.rssMiB / viaAjv.rssMiB), target: "—" });
  // The bin reads each file when the driver asks for it: its memory is a bare Node process's plus
  // the largest file (and the engine), not the tree.
  const bare = runs(process.execPath, ["-e", ""], "node-bare");
  const largestMiB = Math.max(...repoSet.texts.map((t) => Buffer.byteLength(t) + 1), ...tf.map((t) => Buffer.byteLength(t))) / 1048576;
  const floor = bare.rssMiB + largestMiB;
  row({ metric: "Node bin peak RSS ÷ (bare `node -e ''` + largest file)", credlint: `${viaNode.rssMiB.toFixed(1)} MiB (Node bin)`, peerName: "`node -e ''` + largest file", peer: `${floor.toFixed(1)} MiB`, ratio: fmtRatio(viaNode.rssMiB / floor), target: "≤ 1.5×", met: viaNode.rssMiB / floor <= 1.5 });
  // What plain Node costs to walk the same tree and read every file (nothing checked): the part
  // of the bin's memory that is Node's own.
  const walkRead = runs(process.execPath, [join(root, "bench", "walk-read.mjs"), repoRel], "node-walk-read");
  check(Number(walkRead.out.trim()) === SIZES.jsonFiles + SIZES.tfFiles + 1, `walk-read.mjs read ${walkRead.out.trim()} files`);
  row({ metric: "Node bin peak RSS ÷ plain Node walking the tree and reading every file", credlint: `${viaNode.rssMiB.toFixed(1)} MiB (Node bin)`, peerName: "`node bench/walk-read.mjs`", peer: `${walkRead.rssMiB.toFixed(1)} MiB`, ratio: fmtRatio(viaNode.rssMiB / walkRead.rssMiB), target: "—" });

  // The I/O floor: a native program (bench/io_floor.rs) walking the same tree on as many threads
  // as the CLI and reading every file it would check, nothing else. The CLI and the floor run in
  // turn (the page cache warm for both, other load shared alike); medians of as many runs.
  const floorArgs = [repoRel];
  const nativeArgs = ["check", repoRel, "--format", "json"];
  const pairs = [];
  for (let i = 0; i < SIZES.cliRuns; i++) {
    const n = measured(nativeBin, nativeArgs, join(workDir, "native-vs-floor.out"));
    const f = measured(ioFloorBin, floorArgs, join(workDir, "io-floor.out"));
    pairs.push({ n, f });
  }
  const floorOut = readFileSync(join(workDir, "io-floor.out"), "utf8").trim().split(/\s+/).map(Number);
  const treeBytes = repoSet.texts.reduce((a, t) => a + Buffer.byteLength(t) + 1, 0) + tf.reduce((a, t) => a + Buffer.byteLength(t), 0);
  check(pairs.every((p) => p.f.code === 0), `io-floor exited ${pairs.map((p) => p.f.code)}`);
  check(floorOut[0] === SIZES.jsonFiles + SIZES.tfFiles && floorOut[0] === nativeReport.summary.files, `io-floor read ${floorOut[0]} files, the CLI checked ${nativeReport.summary.files}, want ${SIZES.jsonFiles + SIZES.tfFiles}`);
  check(floorOut[1] === treeBytes, `io-floor read ${floorOut[1]} bytes, the tree holds ${treeBytes}`);
  check(pairs.every((p) => p.n.code === native.code), `native CLI exit codes ${pairs.map((p) => p.n.code)} beside the floor, ${native.code} before`);
  const nWall = median(pairs.map((p) => p.n.wall));
  const fWall = median(pairs.map((p) => p.f.wall));
  row({ metric: `CLI wall time ÷ I/O floor (open + read every file of the same tree, same threads), ${files}, median of ${SIZES.cliRuns} alternating runs`, credlint: `${(nWall * 1000).toFixed(0)} ms (native)`, peerName: "`bench/io_floor.rs` (`ignore` parallel walk + read)", peer: `${(fWall * 1000).toFixed(0)} ms`, ratio: fmtRatio(nWall / fWall), target: "≤ 1.25×", met: nWall / fWall <= 1.25 });
}

// 4b. The native CLI's peak memory ÷ input size -------------------------------------------------
{
  // (peak RSS − the same CLI's peak RSS on a tiny file) ÷ input bytes, on one large file of each
  // shape. --max-bytes is raised to let the largest in; the report must show it was checked.
  const memFile = (name, text) => {
    const path = join(workDir, name);
    writeFileSync(path, text);
    return { path: relative(root, path), bytes: Buffer.byteLength(text) };
  };
  const mib = (b) => b / 1048576;
  const tiny = memFile("mem-tiny.json", readFileSync(join(root, "corpus", "paragon.integration-credentials", "seed-jira-scopes.json"), "utf8"));
  const maxBytes = String(Math.max(SIZES.memBatchBytes, SIZES.memPlanBytes, SIZES.memWorstBytes) * 2);
  const memRun = (file, name) => {
    const r = runs(nativeBin, ["check", file.path, "--format", "json", "--max-bytes", maxBytes], name);
    let report;
    try {
      report = JSON.parse(r.out);
    } catch {
      report = { summary: {} };
    }
    return { ...r, report };
  };
  const base = memRun(tiny, "mem-tiny");
  check(base.codes.every((c) => c === 0) && base.report.summary.documents === 1, `tiny file: exit ${base.codes}, ${JSON.stringify(base.report.summary)}`);

  // (a) One batch file: a JSON array of generated envelopes.
  const avg = generatedSet.texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / generatedSet.texts.length;
  const batchSet = generate(Math.ceil(SIZES.memBatchBytes / (avg + 2)), 0xba7c4, pools, kindSchemas);
  const batch = memFile("mem-batch.json", `[${batchSet.texts.join(",\n")}]\n`);

  // (b) A Terraform plan (`terraform show -json`): planned_values, resource_changes and
  // configuration for many resources; credentials, Genesys clients and resources of other types.
  const rand = prng(0x91a4);
  const resources = [];
  const changes = [];
  let known = 0;
  const addResource = (i) => {
    const r = rand();
    const name = `svc_${i}`;
    let type;
    let after;
    let afterUnknown;
    let afterSensitive;
    if (r < 0.45) {
      type = "paragon_integration_credentials";
      after = { extra_configuration: rand() < 0.5 ? null : { region: "us-east-1", api_version: "v2" }, integration_id: randomUuid(rand), oauth: { client_id: `cid-${randomText(rand, 12)}`, client_secret: randomText(rand, 24), scopes: rand() < 0.5 ? null : ["offline_access", "read:jira-user"] }, project_id: randomUuid(rand) };
      afterUnknown = { creds_provider: true, id: true, oauth: {}, scheme: true };
      afterSensitive = { extra_configuration: true, oauth: true };
    } else if (r < 0.7) {
      type = "genesyscloud_oauth_client";
      after = { name: `client ${randomText(rand, 8)}`, description: "machine-to-machine client", authorized_grant_type: "CLIENT-CREDENTIALS", access_token_validity_seconds: 86400, registered_redirect_uris: null, roles: [{ role_id: randomUuid(rand), division_id: "*" }], scopes: null, state: "active" };
      afterUnknown = { client_id: true, client_secret: true, id: true, roles: [{}] };
      afterSensitive = { client_secret: true, roles: [{}] };
    } else {
      type = rand() < 0.5 ? "random_password" : "aws_s3_bucket";
      after = type === "random_password" ? { length: 32, special: true, upper: true, keepers: null } : { bucket: `bucket-${randomText(rand, 10)}`, force_destroy: false, tags: { team: `team-${i % 50}` } };
      afterUnknown = { id: true };
      afterSensitive = {};
    }
    const address = `${type}.${name}`;
    if (type === "paragon_integration_credentials" || type === "genesyscloud_oauth_client") known++;
    resources.push({ address, mode: "managed", type, name, provider_name: "registry.terraform.io/example/provider", schema_version: 0, values: after, sensitive_values: afterSensitive });
    changes.push({ address, mode: "managed", type, name, provider_name: "registry.terraform.io/example/provider", change: { actions: ["create"], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: afterSensitive } });
  };
  const planJson = () => JSON.stringify({ format_version: "1.2", terraform_version: "1.9.5", planned_values: { root_module: { resources } }, resource_changes: changes, configuration: { root_module: {} } }, null, 2);
  // 200 resources give the size of one; then as many as the target size needs.
  for (let i = 0; i < 200; i++) addResource(i);
  const perResource = Buffer.byteLength(planJson()) / 200;
  for (let i = 200; i < Math.ceil(SIZES.memPlanBytes / perResource); i++) addResource(i);
  const planText = planJson();
  const plan = memFile("mem-plan.json", planText + "\n");

  // (c) The worst shape: one credentials document whose `extra_configuration` holds one list of
  // one-digit numbers (every value a node of its own; tests/hostile.rs's shape).
  const digits = Math.floor((SIZES.memWorstBytes - 300) / 2);
  const list = Array.from({ length: digits }, (_, i) => String(i % 10)).join(",");
  const worst = memFile("mem-worst.json", `{"kind": "paragon.integration-credentials", "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "client_id", "client_secret": "secret", "scopes": ["read"]}, "extra_configuration": {"a": [${list}]}}}\n`);

  for (const [label, file, docs, name, target, bound] of [
    [`one batch file of ${fmtInt(batchSet.texts.length)} generated envelopes`, batch, batchSet.texts.length, "mem-batch", "≤ 3×", 3],
    [`Terraform plan JSON, ${fmtInt(changes.length)} resources (${fmtInt(known)} checked)`, plan, known, "mem-plan", "≤ 3×", 3],
    [`worst shape: one document, \`extra_configuration\` a list of ${fmtInt(digits)} one-digit numbers`, worst, 1, "mem-worst", "≤ 10×", 10],
  ]) {
    const r = memRun(file, name);
    check(r.codes.every((c) => c === 0 || c === 1), `${name}: the CLI exited ${r.codes} (0 or 1 wanted: checked): ${r.out.slice(0, 300)}`);
    check(r.report.summary.files === 1 && r.report.summary.documents === docs, `${name}: the CLI reported ${JSON.stringify(r.report.summary)}, want 1 file, ${docs} documents`);
    const over = r.rssMiB - base.rssMiB;
    const ratio = over / mib(file.bytes);
    log(`${name}: ${file.bytes} B, peak ${r.rssMiB.toFixed(1)} MiB, tiny file ${base.rssMiB.toFixed(1)} MiB, ${r.wall.toFixed(2)} s`);
    row({ metric: `CLI peak RSS ÷ input size, ${label} (peak − peak on a tiny file, ${base.rssMiB.toFixed(1)} MiB)`, credlint: `${over.toFixed(1)} MiB (native)`, peerName: "input size", peer: `${mib(file.bytes).toFixed(1)} MiB`, ratio: fmtRatio(ratio), target, met: ratio <= bound });
  }
}

// 5. Native core (criterion) vs the package -----------------------------------------------------
if (QUICK) {
  log("criterion: skipped in --quick (benches/core.rs is compiled by `cargo build --all-targets`)");
} else {
  // --no-default-features: the bench needs only the library; building the `cli` binary in the
  // same invocation collides with the library built with dev-dependency features (crate-type
  // cdylib has no hash in its file name), which can break the link.
  const r = spawnSync("cargo", ["bench", "--bench", "core", "--no-default-features", "--", "--output-format", "bencher"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  check(r.status === 0, `cargo bench failed: ${r.stderr.slice(-2000)}`);
  const results = [...r.stdout.matchAll(/^test (\S+) +\.\.\. bench: +([\d,]+) ns\/iter/gm)].map((m) => ({ name: m[1], ns: Number(m[2].replace(/,/g, "")) }));
  check(results.length > 0, "no criterion results parsed");
  for (const { name, ns } of results) {
    const short = name.replace(/^check_text\//, "");
    const batchMatch = /^batch-(\d+)$/.exec(short);
    const count = batchMatch ? Number(batchMatch[1]) : 1;
    let text;
    if (batchMatch) {
      const items = ["genesys.oauth-client/rules-fail-batch", "oauth.client/rules-pass-batch", "itential.token-config/rules-pass-batch", "paragon.custom-integration/rules-fail-batch"].flatMap((p) => JSON.parse(readFileSync(join(root, "corpus", `${p}.json`), "utf8")));
      text = JSON.stringify(items);
    } else {
      const files = { "credentials-custom": "paragon.integration-credentials/seed-advanced-config-custom", "genesys-example": "genesys.oauth-client/seed-example", "oauth-rfc7591": "oauth.client/rfc7591-example", "custom-integration-oauth": "paragon.custom-integration/seed-oauth" };
      text = readFileSync(join(root, "corpus", `${files[short]}.json`), "utf8");
    }
    // The same text through the package, for the boundary's cost.
    const call = batchMatch ? () => credlint.validateBatch(text) : () => credlint.validate(null, text);
    for (let i = 0; i < 200; i++) call();
    let calls = 0;
    const t = performance.now();
    while (performance.now() - t < 500) {
      call();
      calls++;
    }
    const wasmNs = ((performance.now() - t) * 1e6) / calls;
    const nativeRate = (count * 1e9) / ns;
    const wasmRate = (count * 1e9) / wasmNs;
    row({ metric: `Core \`check_text\` (criterion), docs/s: ${short}${batchMatch ? "" : " (1 document)"}`, credlint: `${fmtInt(nativeRate)} (native)`, peerName: "same text through the package (wasm + boundary)", peer: fmtInt(wasmRate), ratio: fmtRatio(nativeRate / wasmRate), target: "—" });
  }
}

// The table ------------------------------------------------------------------------------------
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const header = "| Measure | credlint | peer | ratio (credlint ÷ peer) | target | |";
const lines = [
  `credlint benchmark${QUICK ? " (--quick: harness check, timings not meaningful)" : ""}, ${new Date().toISOString().slice(0, 10)}, ${machine}`,
  "",
  header,
  "|---|---:|---|---:|---|---|",
  ...rows.map((r) => `| ${r.metric} | ${r.credlint} | ${r.peerName}: ${r.peer} | ${r.ratio} | ${r.target} | ${verdict(r.met)} |`),
  "",
  failures.length ? `Harness checks: ${failures.length} FAILED:\n${failures.map((f) => `- ${f}`).join("\n")}` : "Harness checks: all passed (verdicts agree with ajv and @cfworker/json-schema, counts match).",
];
const table = lines.join("\n") + "\n";
process.stdout.write(table);
// A quick run's timings mean nothing: it leaves bench/results.md (the last full run's table) alone.
const resultsFile = QUICK ? join(workDir, "results-quick.md") : join(benchDir, "results.md");
writeFileSync(resultsFile, `<!-- Written by \`node bench/run.mjs${QUICK ? " --quick" : ""}\`; overwritten on every run. -->\n\n${table}`);
log(`table written to ${relative(root, resultsFile)}`);
process.exitCode = failures.length ? 1 : 0;
