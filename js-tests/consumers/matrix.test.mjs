// The consumer matrix: each toolchain an admin app is built with builds and runs a minimal app
// (apps/<name>/, no credlint-specific configuration) against the packed tarball (`npm pack` of
// pkg/, installed with `npm install` as a user would). Browser apps run in Debian's headless
// Chromium under a strict CSP (`script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-eval').
// Every app validates the same envelope (an `extra_configuration` with the reserved `clientId`)
// and reports what it got; each test asserts the rule, the verdict and the number of kinds (from
// the package itself), and that the secret is never printed.
//
// Run by scripts/test-consumers.sh (which installs the toolchains of package.json, once).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const pkgDir = join(root, "pkg");
const work = join(here, ".work");
const bin = (name) => join(here, "node_modules", ".bin", name);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SECRET = "MATRIXMARK";
const RULE = "paragon/reserved-extra-key";

// What every app must report: the kinds the package knows, from the package itself.
const kinds = createRequire(import.meta.url)(join(pkgDir, "node.cjs")).listKinds().length;

// Every step is bounded, so a toolchain that hangs fails its test (with what it printed) instead
// of holding CI until its deadline; each step's start and time go to stderr as it runs.
const STEP_TIMEOUT = 300_000;
const started = Date.now();
function progress(what) {
  process.stderr.write(`# [matrix ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}\n`);
}

function sh(cmd, args, { cwd, env = {}, timeout = STEP_TIMEOUT } = {}) {
  const what = `${cwd ? `${cwd.split(sep).at(-1)}: ` : ""}${cmd.split(sep).at(-1)} ${args.join(" ")}`;
  progress(`start: ${what}`);
  const r = spawnSync(cmd, args, {
    cwd, encoding: "utf8", timeout, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
  });
  progress(`done (${r.status ?? r.signal}): ${what}`);
  if (r.error?.code === "ETIMEDOUT") throw new Error(`${what} did not finish in ${timeout / 1000} s:\n${r.stdout}${r.stderr}`);
  if (r.error) throw r.error;
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function ok(r, what) {
  assert.equal(r.code, 0, `${what} failed:\n${r.out}`);
  assert.ok(!r.out.includes(SECRET), `${what} printed the secret`);
  return r.out;
}

/** The app's `RESULT {...}` line (Node apps) or a result text (pages), checked. */
function checkResult(text, what) {
  assert.ok(!String(text).includes(SECRET), `${what}: the secret is in the output`);
  const line = String(text).split("\n").find((l) => l.startsWith("RESULT ") || l.startsWith("{"));
  assert.ok(line, `${what}: no result in:\n${text}`);
  const result = JSON.parse(line.replace(/^RESULT /, ""));
  assert.equal(result.error, undefined, `${what}: ${result.error}`);
  assert.equal(result.kinds, kinds, `${what}: listKinds()`);
  assert.equal(result.ok, false, `${what}: the envelope has an error`);
  assert.ok(result.rules.includes(RULE), `${what}: ${RULE} in ${JSON.stringify(result.rules)}`);
  return result;
}

const BEFORE_INIT = /^credlint: call `await init\(\)` before `validate`/;

// A static server with a strict CSP: only same-origin scripts, and WebAssembly compilation.
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src data:";
function serveStatic(dir) {
  const server = createServer((req, res) => {
    let file = normalize(join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      return res.writeHead(404).end("not found");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": CSP });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((d) => {
    server.close(d);
    server.closeAllConnections();
  }) })));
}

/** A port nothing listens on now (the system picks it), for a server started by a child process. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let browser;
let server;
const problems = [];
/** Opens a page and returns the text of `selector` once it is no longer "loading". */
async function openPage(url, selector = "#result") {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Failed requests by URL (the console only says "Failed to load resource"); a missing favicon is not ours.
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(`${r.status()} ${r.url()}`));
  progress(`open ${url}`);
  try {
    await page.goto(url, { timeout: 60_000 });
    await page
      .waitForFunction((sel) => document.querySelector(sel)?.textContent.trim() !== "loading", selector, { timeout: 30_000 })
      .catch(() => {});
    const text = await page.textContent(selector, { timeout: 30_000 });
    return { text, errors };
  } finally {
    await page.close();
  }
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The tarball, as `npm publish` would make it (CREDLINT_TARBALL: another one, e.g. an older
  // release, to see the matrix fail on it).
  if (process.env.CREDLINT_TARBALL) {
    cpSync(process.env.CREDLINT_TARBALL, join(work, "credlint.tgz"));
  } else {
    const packed = sh("npm", ["pack", "--json", "--pack-destination", work], { cwd: pkgDir });
    assert.equal(packed.code, 0, packed.out);
    const name = JSON.parse(packed.out.slice(packed.out.indexOf("["))).at(0).filename;
    cpSync(join(work, name), join(work, "credlint.tgz"));
  }
  for (const app of readdirSync(join(here, "apps"))) cpSync(join(here, "apps", app), join(work, app), { recursive: true });
  cpSync(join(here, "apps", "next"), join(work, "next-webpack"), { recursive: true });
  // `npm install` of the tarball in every app (no registry needed: it has no dependencies).
  // One app at a time (twelve npm processes on one cache at once gained nothing), each bounded
  // and tried twice: a stalled install is retried once, then fails with what npm printed.
  for (const d of readdirSync(work).filter((d) => existsSync(join(work, d, "package.json")))) {
    const install = () => sh("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--prefer-offline", "--no-update-notifier"], { cwd: join(work, d), timeout: 120_000 });
    let r;
    try {
      r = install();
    } catch (e) {
      progress(`retrying npm install in ${d}: ${e.message.split("\n")[0]}`);
      r = install();
    }
    assert.equal(r.code, 0, `npm install in ${d}:\n${r.out}`);
  }
  progress("installed; launching Chromium");
  const { chromium } = await import("playwright-core");
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is installed`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 60_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  server = await serveStatic(work);
  progress("ready");
}, { timeout: 2 * STEP_TIMEOUT });

after(async () => {
  await browser?.close();
  await server?.close();
}, { timeout: 60_000 });

describe("Node", () => {
  test("Node ESM: import { validate } from \"credlint\" (loaded synchronously)", () => {
    checkResult(ok(sh(process.execPath, ["index.js"], { cwd: join(work, "node-esm") }), "node index.js"), "Node ESM");
  });

  test("Node require(): a CommonJS entry, also with require(esm) off (as on Node 18 and 20 < 20.19)", () => {
    const cwd = join(work, "node-require");
    checkResult(ok(sh(process.execPath, ["index.js"], { cwd }), "node index.js"), "require");
    checkResult(ok(sh(process.execPath, ["--no-experimental-require-module", "index.js"], { cwd }), "node --no-experimental-require-module"), "require, no require(esm)");
  });

  test("TypeScript CommonJS (module node16, package type commonjs): tsc, then node", () => {
    const cwd = join(work, "ts-cjs");
    ok(sh(bin("tsc"), ["-p", "."], { cwd }), "tsc");
    checkResult(ok(sh(process.execPath, ["--no-experimental-require-module", "dist/index.js"], { cwd }), "node dist/index.js"), "TypeScript CJS");
  });

  test("TypeScript ESM (module nodenext, package type module): tsc, then node", () => {
    const cwd = join(work, "ts-esm");
    ok(sh(bin("tsc"), ["-p", "."], { cwd }), "tsc");
    checkResult(ok(sh(process.execPath, ["dist/index.js"], { cwd }), "node dist/index.js"), "TypeScript ESM");
  });

  test("esbuild --bundle --platform=node: the bundle runs from another folder, with no node_modules", () => {
    const cwd = join(work, "esbuild-node");
    ok(sh(bin("esbuild"), ["index.js", "--bundle", "--platform=node", "--format=esm", "--outfile=dist/app.mjs"], { cwd }), "esbuild");
    const elsewhere = mkdtempSync(join(tmpdir(), "credlint-esbuild-node-"));
    try {
      cpSync(join(cwd, "dist", "app.mjs"), join(elsewhere, "app.mjs"));
      checkResult(ok(sh(process.execPath, ["app.mjs"], { cwd: elsewhere }), "node app.mjs"), "esbuild node bundle");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("test runners", () => {
  test("Jest 29 (no config; node and jsdom environments)", () => {
    const cwd = join(work, "jest");
    const out = ok(sh(bin("jest"), ["--ci", "--rootDir", "."], { cwd, env: { CREDLINT_KINDS: String(kinds) } }), "jest");
    assert.match(out, /Tests:\s+2 passed, 2 total/);
  });

  test("Vitest (no config)", () => {
    const cwd = join(work, "vitest");
    const out = ok(sh(bin("vitest"), ["run"], { cwd, env: { CREDLINT_KINDS: String(kinds) } }), "vitest");
    assert.match(out, /Tests\s+1 passed \(1\)/);
  });
});

describe("browser bundles, in Chromium with a strict CSP", () => {
  async function page(url, what) {
    const { text, errors } = await openPage(url);
    const result = checkResult(text, what);
    assert.match(result.before, BEFORE_INIT, `${what}: calling validate before init`);
    assert.deepEqual(errors, [], `${what}: page errors`);
    return result;
  }

  test("Vite (vite build): import init from \"credlint\"", async () => {
    const cwd = join(work, "vite");
    ok(sh(bin("vite"), ["build", "--base", "./"], { cwd }), "vite build");
    await page(`${server.url}/vite/dist/index.html`, "Vite");
  });

  test("webpack 5 (no config file): import init from \"credlint\"", async () => {
    const cwd = join(work, "webpack");
    ok(sh(bin("webpack"), ["--mode", "production"], { cwd }), "webpack");
    assert.ok(readdirSync(join(cwd, "dist")).some((f) => f.endsWith(".wasm")), "webpack emitted the .wasm");
    await page(`${server.url}/webpack/index.html`, "webpack");
  });

  test("esbuild --bundle --format=esm: import init from \"credlint/inline\"; the plain entry fails clearly", async () => {
    const cwd = join(work, "esbuild-browser");
    ok(sh(bin("esbuild"), ["main.js", "plain.js", "--bundle", "--format=esm", "--outdir=dist"], { cwd }), "esbuild");
    await page(`${server.url}/esbuild-browser/index.html`, "esbuild");
    // esbuild emits no .wasm for the plain entry: the error says what to do.
    const { text } = await openPage(`${server.url}/esbuild-browser/plain.html`);
    const plain = JSON.parse(text);
    assert.match(plain.error ?? "", /credlint: could not load its WebAssembly .*import from "credlint\/inline"/, text);
  });

  test("Rollup + @rollup/plugin-node-resolve: import init from \"credlint/inline\"", async () => {
    const cwd = join(work, "rollup");
    ok(sh(bin("rollup"), ["-c"], { cwd }), "rollup");
    await page(`${server.url}/rollup/index.html`, "Rollup");
  });
});

describe("Next.js 16 (App Router): server component and \"use client\" component", () => {
  /** Starts `next ARGS` in cwd, waits for the page, checks the server render and the client component in Chromium. */
  async function servePage(cwd, args, port, what) {
    const p = spawn(bin("next"), [...args, "-p", String(port), "-H", "127.0.0.1"], {
      cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
    });
    let log = "";
    p.stdout.on("data", (c) => (log += c));
    p.stderr.on("data", (c) => (log += c));
    try {
      const url = `http://127.0.0.1:${port}/`;
      // Up to two minutes for the server to come up and render (each request bounded, so a server
      // that accepts and never answers cannot hold the loop).
      progress(`next ${args.join(" ")} on port ${port}: waiting for the page`);
      let response;
      let html;
      const deadline = Date.now() + 120_000;
      while (html === undefined && Date.now() < deadline && p.exitCode === null && p.signalCode === null) {
        try {
          response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
          html = await response.text();
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      assert.ok(html !== undefined, `next ${args[0]} did not answer (exit ${p.exitCode ?? p.signalCode}):\n${log}`);
      assert.equal(response.status, 200, `${what}: ${html.slice(0, 2000)}\n${log}`);
      assert.ok(!html.includes(SECRET));
      const server = /<pre id="server">([^<]*)<\/pre>/.exec(html);
      assert.ok(server, `the server render has the result:\n${html.slice(0, 2000)}\n${log}`);
      checkResult(server[1].replaceAll("&quot;", '"'), `${what} server component`);
      const { text, errors } = await openPage(url, "#client");
      checkResult(text, `${what} client component`);
      assert.deepEqual(errors, [], `${what}: page errors`);
      assert.ok(!log.includes(SECRET));
    } finally {
      // The server's whole process group: SIGTERM, then SIGKILL if it has not exited in 10 s.
      const exited = new Promise((r) => (p.exitCode === null && p.signalCode === null ? p.once("exit", r) : r()));
      const kill = (signal) => {
        try {
          process.kill(-p.pid, signal);
        } catch {}
      };
      kill("SIGTERM");
      const timer = setTimeout(() => kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      kill("SIGKILL");
      progress(`next ${args.join(" ")} stopped`);
    }
  }

  for (const [dir, flags, what] of [["next", [], "Turbopack"], ["next-webpack", ["--webpack"], "webpack"]]) {
    test(`next build (${what}), next start, the page in Chromium`, async () => {
      const cwd = join(work, dir);
      ok(sh(bin("next"), ["build", ...flags], { cwd }), `next build ${flags.join(" ")}`);
      await servePage(cwd, ["start"], await freePort(), `Next ${what} (start)`);
    });
  }

  test("next dev (Turbopack): the page in Chromium", async () => {
    await servePage(join(work, "next"), ["dev"], await freePort(), "Next dev");
  });
});

describe("package checks", () => {
  test("publint and @arethetypeswrong/cli on the tarball, npm publish --dry-run", () => {
    ok(sh(bin("publint"), ["run", "--strict", join(work, "credlint.tgz")], { cwd: work }), "publint");
    // credlint_bg.wasm is exported for copying, not importing: not a module entry point.
    ok(sh(bin("attw"), [join(work, "credlint.tgz"), "--exclude-entrypoints", "./credlint_bg.wasm"], { cwd: work }), "attw");
    const r = sh("npm", ["publish", "--dry-run", "--ignore-scripts"], { cwd: pkgDir });
    const warnings = ok(r, "npm publish --dry-run").split("\n").filter((l) => /\b(warn|ERR)/i.test(l) && !/requires you to be logged in/.test(l));
    assert.deepEqual(warnings, [], "npm publish --dry-run warns");
  });
});
