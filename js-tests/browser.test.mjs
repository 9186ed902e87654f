// The form example in Debian's headless Chromium, driven by playwright-core: a reserved key in the
// extra configuration, then scopes on a custom integration, each shown next to its field; fixed,
// no diagnostics and the output is the valid document. Saves a screenshot in artifacts/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const artifacts = join(fileURLToPath(new URL(".", import.meta.url)), "artifacts");

const VALID = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "my-client", client_secret: "s3cret-value" },
  extra_configuration: { region: "eu-west-1", retry_count: 3 },
};

let server;
let browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is installed (scripts/install-wasm-tools.sh)`);
  server = await serve();
  // playwright's launch() starts Chromium with a fresh, empty profile of its own (a new
  // --user-data-dir each time), and removes it on close.
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

test("the admin form shows each field's diagnostics live and outputs the valid document", async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${server.url}/examples/form/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });

  // A built-in integration (jira), with scopes.
  await page.fill("#integration-id", VALID.integration_id);
  await page.fill("#project-id", VALID.project_id);
  await page.fill("#client-id", VALID.oauth.client_id);
  await page.fill("#client-secret", VALID.oauth.client_secret);
  await page.fill("#scopes", "read:jira-user offline_access");
  assert.equal(await page.textContent("#status"), "Valid: no problems found.");

  // 1. A reserved key in the extra configuration: the error is under that row.
  await page.click("#add-row");
  const key = page.locator(".extra-row .extra-key").first();
  await key.fill("clientId");
  await page.locator(".extra-row .extra-value").first().fill("abc");
  const rowErrors = page.locator(".extra-row-diagnostics").first().locator(".diagnostic.error");
  await rowErrors.first().waitFor();
  assert.equal(await rowErrors.first().getAttribute("data-rule"), "paragon/reserved-extra-key");
  assert.match(await rowErrors.first().textContent(), /reserved key `clientId`/);
  assert.equal(await page.locator('[data-for="/oauth/scopes"] .diagnostic').count(), 0);

  // 2. Switch to a custom OAuth integration, scopes still filled: the scopes error.
  await page.fill("#integration-type", "custom");
  await page.selectOption("#authentication-type", "oauth");
  const scopeErrors = page.locator('[data-for="/oauth/scopes"] .diagnostic.error');
  await scopeErrors.first().waitFor();
  assert.equal(await scopeErrors.first().getAttribute("data-rule"), "paragon/custom-scopes");
  assert.equal(await rowErrors.count(), 1, "the row's error is still there");
  assert.equal(await page.getAttribute("#output", "data-state"), "invalid");
  assert.equal(await page.isDisabled("#copy"), true);
  await page.screenshot({ path: join(mkdirOut(), "form-errors.png"), fullPage: true });

  // 3. Fix both: no diagnostics anywhere, and the output is the valid document.
  await key.fill("region");
  await page.locator(".extra-row .extra-value").first().fill("eu-west-1");
  await page.click("#add-row");
  await page.locator(".extra-row .extra-key").nth(1).fill("retry_count");
  await page.locator(".extra-row .extra-type").nth(1).selectOption("number");
  await page.locator(".extra-row .extra-value").nth(1).fill("3");
  await page.fill("#scopes", "");
  await page.waitForSelector("#output[data-state=valid]");
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostics on the page");
  assert.equal(await page.isHidden("#general"), true);
  assert.equal(await page.textContent("#status"), "Valid: no problems found.");
  assert.deepEqual(JSON.parse(await page.textContent("#output")), VALID);
  assert.equal(await page.isEnabled("#copy"), true);

  // The Terraform view: the resource, with the secret as a variable, never its value.
  await page.check('input[name="output-format"][value="terraform"]');
  const tf = await page.textContent("#output");
  assert.match(tf, /resource "paragon_integration_credentials" "custom" \{/);
  assert.match(tf, /client_secret = var\.client_secret/);
  assert.match(tf, /retry_count\s+= 3/);
  assert.doesNotMatch(tf, /s3cret-value/);
  await page.check('input[name="output-format"][value="json"]');

  await page.screenshot({ path: join(mkdirOut(), "form-valid.png"), fullPage: true });
  assert.deepEqual(problems, [], "no errors in the page");
});

function mkdirOut() {
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}
