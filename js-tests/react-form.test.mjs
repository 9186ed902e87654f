// The React + react-hook-form example (examples/react-form/), built by Vite against the packed
// tarball (`npm pack` of pkg/, unpacked as node_modules/credlint, as npm would), in Debian's
// headless Chromium: `standardSchemaResolver(standardSchema(...))` puts credlint's reserved-key
// error under the extra configuration row that has the key, and clears it when the key is fixed.
// Screenshots in artifacts/. The example's npm install is cached (package-lock.json; `npm ci`
// only when its node_modules is missing).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { pkgDir, root, run } from "./helpers.mjs";
import { serve } from "./serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const artifacts = join(fileURLToPath(new URL(".", import.meta.url)), "artifacts");
const example = join(root, "examples", "react-form");
const out = join(artifacts, "react-form-dist");
const SECRET = "REACTFORM-SECRET-4711";

let server;
let browser;

function ok(r, what) {
  assert.equal(r.code, 0, `${what} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is installed (scripts/install-wasm-tools.sh)`);
  if (!existsSync(join(example, "node_modules", "vite"))) {
    ok(run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: example }), "npm ci in examples/react-form");
  }
  // The package as a user gets it: the tarball, unpacked where npm would put it.
  const packs = mkdtempSync(join(tmpdir(), "credlint-react-form-"));
  try {
    ok(run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], { cwd: pkgDir }), "npm pack");
    const tarball = readdirSync(packs).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack wrote a tarball");
    const dest = join(example, "node_modules", "credlint");
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    ok(run("tar", ["-xzf", join(packs, tarball), "-C", dest, "--strip-components=1"]), "tar");
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
  rmSync(out, { recursive: true, force: true });
  ok(run(join(example, "node_modules", ".bin", "vite"), ["build", "--base", "./", "--outDir", out, "--emptyOutDir"], { cwd: example }), "vite build");
  assert.ok(readdirSync(join(out, "assets")).some((f) => f.endsWith(".wasm")), "Vite emitted credlint's .wasm");
  server = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("react-hook-form with standardSchemaResolver(standardSchema(...)): a reserved key's error under its row, cleared when fixed", async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  page.setDefaultTimeout(10000);
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${server.url}/js-tests/artifacts/react-form-dist/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });

  // Nothing touched, nothing shown.
  assert.equal(await page.locator(".error").count(), 0);

  await page.fill("#integration-id", "d589fe10-b66e-4cb2-885a-0440393886f4");
  await page.fill("#project-id", "6c9880c7-66af-467a-b319-0ce70e886bac");
  await page.fill("#client-id", "my-client");
  await page.fill("#client-secret", SECRET);
  await page.fill("#scopes", "read:jira-user offline_access");

  // A touched field with a wrong value shows credlint's error under it.
  await page.fill("#integration-id", "");
  await page.press("#integration-id", "Tab");
  const idError = page.locator('[data-field="integration-id"] .error');
  await idError.waitFor();
  assert.match(await idError.textContent(), /`integration_id` must not be empty/);
  assert.equal(await page.getAttribute("#integration-id", "aria-invalid"), "true");
  await page.fill("#integration-id", "d589fe10-b66e-4cb2-885a-0440393886f4");
  await idError.waitFor({ state: "detached" });

  // The reserved key: the error is under the row that has it.
  await page.click("#add-row");
  await page.click("#add-row");
  await page.fill("#extra-0-key", "region");
  await page.fill(".extra-row:nth-child(2) .extra-value", "eu-west-1");
  await page.fill("#extra-1-key", "clientId");
  await page.fill(".extra-row:nth-child(3) .extra-value", SECRET);
  await page.press("#extra-1-key", "Tab");
  const rowError = page.locator("#extra-1-error");
  await rowError.waitFor();
  assert.match(await rowError.textContent(), /reserved key `clientId`/);
  assert.equal(await page.getAttribute("#extra-1-key", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#extra-1-key", "aria-describedby"), "extra-1-error");
  assert.equal(await page.locator("#extra-0-error").count(), 0, "not under the other row");
  assert.equal(await page.locator(".error").count(), 1, "one error on the page");
  await page.click("#save");
  assert.notEqual(await page.textContent("#status"), "Valid: ready to save.");
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "react-form-error.png"), fullPage: true });
  assert.ok(!(await page.locator("body").innerText()).includes(SECRET), "no secret shown");

  // Fixed: the error clears, and the form submits.
  await page.fill("#extra-1-key", "tenant");
  await rowError.waitFor({ state: "detached" });
  assert.equal(await page.getAttribute("#extra-1-key", "aria-invalid"), "false");
  await page.click("#save");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Valid: ready to save.");
  assert.equal(await page.locator(".error").count(), 0);
  await page.screenshot({ path: join(artifacts, "react-form-valid.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
