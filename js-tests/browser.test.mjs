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

test("a page that cannot load the package says so, instead of hanging on \"Loading the checker…\"", async () => {
  for (const page of ["index.html", "custom-integration.html"]) {
    const tab = await browser.newPage();
    // As when examples/form/ is served alone: the package's files are not there.
    await tab.route("**/pkg/**", (route) => route.fulfill({ status: 404, body: "not found" }));
    await tab.goto(`${server.url}/examples/form/${page}`);
    await tab.waitForFunction(() => document.getElementById("status")?.dataset.state === "invalid", null, { timeout: 15000 });
    const text = await tab.textContent("#status");
    assert.match(text, /^The checker could not load: credlint's package is not at \/pkg\/credlint\.js \(serve the repository root/, page);
    assert.equal(await tab.getAttribute("body", "data-ready"), null, page);
    await tab.close();
  }
});

function mkdirOut() {
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}

// The custom integration builder (examples/form/custom-integration.html): the fields shown follow
// the authentication method, each field's diagnostics come live from `validateField`, and hidden
// fields are left out of the document.
const ZENDESK = {
  name: "Zendesk",
  description: "Customer service software",
  icon: "https://cdn.example.com/zendesk.svg",
  accentColor: "#03363d",
  authenticationType: "oauth",
  inputFields: [{ id: "subdomain", title: "Subdomain", type: "text", required: true }],
  oauthAuthorizationUrl: "https://{{subdomain}}.zendesk.com/oauth/authorizations/new",
  oauthAccessTokenUrl: "https://{{subdomain}}.zendesk.com/oauth/tokens",
  oauthClientId: "zendesk-client",
  oauthClientSecret: "zd-s3cret-value",
  oauthScopes: "read write",
  usePKCEInCodeExchange: true,
  apiBaseUrl: "https://{{subdomain}}.zendesk.com/api/v2",
  testEndpointPath: "/users/me.json",
  testEndpointMethod: "GET",
};
/** The same integration with API keys: none of the OAuth fields. */
const ZENDESK_BASIC = Object.fromEntries(
  Object.entries({ ...ZENDESK, authenticationType: "basic" }).filter(([k]) => !k.startsWith("oauth") && k !== "usePKCEInCodeExchange"),
);
const OAUTH_ONLY = ["#oauth-authorization-url", "#oauth-client-id", "#oauth-client-secret", "#use-pkce"];

test("the custom integration builder shows the chosen method's fields, checks each live and outputs the valid document", async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
  const problems = [];
  const consoleText = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    consoleText.push(m.text());
    if (m.type() === "error") problems.push(m.text());
  });
  const ready = () => page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  const list = (pointer) => page.locator(`[data-for="${pointer}"] .diagnostic`);

  // The two example pages link to each other.
  await page.goto(`${server.url}/examples/form/custom-integration.html`);
  await ready();
  await page.click("nav.pages a");
  await page.waitForURL(/\/examples\/form\/index\.html$/);
  assert.equal(await page.textContent("h1"), "Paragon integration credentials");
  await page.click("nav.pages a");
  await page.waitForURL(/\/examples\/form\/custom-integration\.html$/);
  await ready();
  assert.equal(await page.textContent("h1"), "Paragon custom integration");

  // 1. OAuth: every OAuth field is shown; each needed one says so until it is filled.
  await page.selectOption("#authentication-type", "oauth");
  for (const selector of [...OAUTH_ONLY, "#oauth-access-token-url", "#oauth-scopes"]) {
    assert.equal(await page.isVisible(selector), true, `${selector} is shown for oauth`);
  }
  assert.equal(await list("/oauthClientSecret").getAttribute("data-rule"), "paragon/auth-fields");
  assert.match(await list("/oauthClientSecret").textContent(), /`oauthClientSecret` is missing/);
  await page.fill("#name", ZENDESK.name);
  await page.fill("#description", ZENDESK.description);
  await page.fill("#icon", ZENDESK.icon);
  await page.fill("#accent-color", ZENDESK.accentColor);
  await page.click("#add-input-field");
  await page.locator(".input-row .input-id").first().fill("subdomain");
  await page.locator(".input-row .input-title").first().fill("Subdomain");
  await page.fill("#oauth-authorization-url", ZENDESK.oauthAuthorizationUrl);
  await page.fill("#oauth-client-id", ZENDESK.oauthClientId);
  await page.fill("#oauth-client-secret", ZENDESK.oauthClientSecret);
  assert.equal(await list("/oauthClientSecret").count(), 0, "the secret's diagnostic is gone once it is filled");
  await page.fill("#oauth-scopes", ZENDESK.oauthScopes);
  await page.fill("#api-base-url", ZENDESK.apiBaseUrl);
  await page.fill("#test-endpoint-path", ZENDESK.testEndpointPath);

  // A placeholder no input field declares (a typo of `subdomain`): the error is next to that URL.
  await page.fill("#oauth-access-token-url", "https://{{subdomian}}.zendesk.com/oauth/tokens");
  const tokenUrl = list("/oauthAccessTokenUrl");
  await tokenUrl.first().waitFor();
  assert.equal(await tokenUrl.count(), 1);
  assert.equal(await tokenUrl.getAttribute("data-rule"), "paragon/url-placeholder");
  assert.match(await tokenUrl.getAttribute("class"), /\berror\b/);
  assert.match(await tokenUrl.textContent(), /`\{\{subdomian\}\}`, but no input field has the id `subdomian`/);
  assert.match(await tokenUrl.locator(".hint").textContent(), /did you mean `\{\{subdomain\}\}`/);
  assert.equal(await list("/oauthAuthorizationUrl").count(), 0, "the authorization URL's `{{subdomain}}` is declared");
  assert.equal(await page.textContent("#status"), "Not valid yet: 1 error, 0 warnings.");
  assert.equal(await page.getAttribute("#output", "data-state"), "invalid");
  assert.equal(await page.isDisabled("#copy"), true);

  // 2. Client credentials: no authorization URL, client id, secret or PKCE (and they are left out
  // of the document: no `paragon/auth-field-unused` for them); the token URL is still wrong.
  await page.check("#use-pkce");
  await page.selectOption("#authentication-type", "oauth_client_credential");
  for (const selector of OAUTH_ONLY) assert.equal(await page.isHidden(selector), true, `${selector} is hidden`);
  for (const selector of ["#oauth-access-token-url", "#oauth-scopes", "#api-base-url", "#input-fields"]) {
    assert.equal(await page.isVisible(selector), true, `${selector} is still shown`);
  }
  assert.equal(await tokenUrl.count(), 1);
  assert.equal(await tokenUrl.getAttribute("data-rule"), "paragon/url-placeholder");
  assert.equal(await page.locator('.diagnostic[data-rule="paragon/auth-field-unused"]').count(), 0);
  assert.equal(await page.textContent("#status"), "Not valid yet: 1 error, 0 warnings.");

  // The input field removed, the API base URL's `{{subdomain}}` is now undeclared too.
  await page.click(".input-row .remove-row");
  assert.equal(await page.locator(".input-row").count(), 0);
  assert.equal(await list("/apiBaseUrl").getAttribute("data-rule"), "paragon/url-placeholder");
  assert.equal(await page.textContent("#status"), "Not valid yet: 2 errors, 0 warnings.");

  // 3. API keys without an input field: the OAuth fields are gone, and the list says it needs one.
  await page.selectOption("#authentication-type", "basic");
  assert.equal(await page.isHidden("#oauth-settings"), true);
  assert.equal(await page.isHidden("#oauth-access-token-url"), true);
  assert.equal(await tokenUrl.count(), 0, "no diagnostics left next to a hidden field");
  const listErrors = page.locator('[data-for="/inputFields"] .diagnostic[data-rule="paragon/auth-fields"]');
  assert.equal(await listErrors.count(), 1);
  assert.match(await listErrors.textContent(), /needs at least one input field/);
  assert.equal(await page.textContent("#status"), "Not valid yet: 2 errors, 0 warnings.");

  // 4. Fixed: the input field is back, so basic is valid, and its output has no OAuth field.
  await page.click("#add-input-field");
  await page.locator(".input-row .input-id").first().fill("subdomain");
  await page.locator(".input-row .input-title").first().fill("Subdomain");
  await page.waitForSelector("#output[data-state=valid]");
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostics on the page");
  assert.deepEqual(JSON.parse(await page.textContent("#output")), ZENDESK_BASIC);

  // Back to OAuth, the hidden values come back, with the typo; fixed, the document is valid.
  await page.selectOption("#authentication-type", "oauth");
  assert.equal(await tokenUrl.getAttribute("data-rule"), "paragon/url-placeholder");
  assert.equal(await page.getAttribute("#output", "data-state"), "invalid");
  await page.fill("#oauth-access-token-url", ZENDESK.oauthAccessTokenUrl);
  await page.waitForSelector("#output[data-state=valid]");
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostics on the page");
  assert.equal(await page.isHidden("#general"), true);
  assert.equal(await page.textContent("#status"), "Valid: no problems found.");
  assert.deepEqual(JSON.parse(await page.textContent("#output")), ZENDESK);
  assert.equal(await page.isEnabled("#copy"), true);
  // At the end: a full-page screenshot resizes the viewport, and Chromium may then move the page
  // under the next click.
  await page.screenshot({ path: join(mkdirOut(), "custom-integration.png"), fullPage: true });

  assert.deepEqual(problems, [], "no errors in the page");
  assert.ok(!consoleText.some((t) => t.includes(ZENDESK.oauthClientSecret)), "the secret is never logged");
});
