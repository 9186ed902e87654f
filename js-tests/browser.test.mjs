// The form example in Debian's headless Chromium, driven by playwright-core: nothing is shown on an
// untouched page; a field's errors appear once it is left (blur), every field's on submit, each
// diagnostic once, at its field, with `aria-invalid` and `aria-describedby`, and an error summary
// that uses the page's labels; a reserved key in the extra configuration, then scopes on a custom
// integration, each shown next to its field; fixed, no diagnostics, and the result pane is the
// valid document with its secrets masked; a "Fix" button corrects its field. A page that cannot load the package says so. Saves
// screenshots in artifacts/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import * as credlint from "credlint";
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

/** What the result pane shows for a secret (examples/form/form-kit.js). */
const MASK = "••••••••";
/** VALID as the result pane shows it: the kind's writeOnly members (client id and secret, every extra value) masked. */
const VALID_SHOWN = {
  integration_id: VALID.integration_id,
  project_id: VALID.project_id,
  oauth: { client_id: MASK, client_secret: MASK },
  extra_configuration: { region: MASK, retry_count: MASK },
};

let server;
let browser;

/** The diagnostics on the page, as `rule path message` lines (sorted), errors and warnings. */
async function shownDiagnostics(page) {
  return page.locator(".diagnostic").evaluateAll((items) =>
    items.map((li) => `${li.dataset.rule} ${li.dataset.path} ${li.querySelector("span").textContent}`).sort());
}

/** Each control with `aria-invalid`, with the text of the lists its `aria-describedby` names. */
async function invalidControls(page) {
  return page.locator("[aria-invalid=true]").evaluateAll((controls) =>
    controls.map((c) => ({
      id: c.id || c.className,
      described: (c.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? `(no #${id})`).join(" | "),
    })));
}

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

  // Untouched: the empty form has errors, but none is shown yet, and nothing is marked invalid.
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostics on an untouched page");
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  assert.equal(await page.locator("[aria-describedby]").count(), 0);
  assert.equal(await page.textContent("#status"), "Fill in the form: each field is checked when you leave it.");
  assert.equal(await page.isHidden("#summary"), true);
  await page.screenshot({ path: join(mkdirOut(), "form-untouched.png"), fullPage: true });

  // Typing is not leaving: still nothing. Leaving the client secret empty (blur): its error, there
  // only, and the field says so to assistive technology.
  await page.focus("#client-secret");
  await page.keyboard.type("x");
  await page.keyboard.press("Backspace");
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostic while the field has the focus");
  await page.locator("#client-secret").blur();
  const secretList = page.locator('[data-for="/oauth/client_secret"]');
  await secretList.locator(".diagnostic.error").first().waitFor();
  assert.equal(await page.locator(".diagnostic").count(), await secretList.locator(".diagnostic").count(), "only the left field shows diagnostics");
  assert.equal(await page.getAttribute("#client-secret", "aria-invalid"), "true");
  const secretListId = await secretList.getAttribute("id");
  assert.ok(secretListId, "the field's list has an id");
  assert.equal(await page.getAttribute("#client-secret", "aria-describedby"), secretListId);
  assert.equal(await page.getAttribute("#project-id", "aria-invalid"), null, "an untouched field is not marked");
  assert.match(await page.textContent("#status"), /^Not valid yet: \d+ errors?/);

  // Submit (Enter in a field): every diagnostic of the empty form, each exactly once, at its field.
  await page.focus("#project-id");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#summary:not([hidden])");
  const emptyDoc = { integration_id: "", project_id: "", oauth: { client_id: "", client_secret: "" } };
  const expected = credlint.validate("paragon.integration-credentials", emptyDoc, { context: { operation: "create", integration: { type: "jira" } } });
  assert.ok(expected.summary.errors >= 4, "the empty form has errors");
  assert.deepEqual(await shownDiagnostics(page), expected.diagnostics.map((d) => `${d.rule} ${d.path} ${d.message}`).sort(),
    "each diagnostic of the report is shown once");
  for (const d of expected.diagnostics) {
    assert.equal(await page.locator(`[data-for="${d.path}"] .diagnostic[data-rule="${d.rule}"]`).count(), 1, `${d.rule} at ${d.path}, at its field`);
  }
  assert.equal(await page.textContent("#status"), `Not valid yet: ${expected.summary.errors} errors, ${expected.summary.warnings} warning${expected.summary.warnings === 1 ? "" : "s"}.`);
  // aria: each field with an error is invalid and described by its own list, which holds its errors.
  const invalid = await invalidControls(page);
  const errorPaths = [...new Set(expected.diagnostics.filter((d) => d.severity === "error").map((d) => d.path))];
  assert.equal(invalid.length, errorPaths.length, "one invalid control per field with an error");
  for (const { id, described } of invalid) assert.ok(described.length > 0 && !described.includes("(no #"), `${id} is described by its diagnostics`);
  // The summary: one link per error, with the page's label for its field, leading to the field.
  const links = page.locator("#summary a");
  assert.equal(await links.count(), expected.summary.errors);
  const secretLink = links.filter({ hasText: /^Client secret: / });
  assert.equal(await secretLink.count(), 1, "the summary uses the page's label, \"Client secret\"");
  assert.equal(await secretLink.getAttribute("href"), "#client-secret");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "summary", "the summary takes the focus");
  await secretLink.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "client-secret");
  await page.screenshot({ path: join(mkdirOut(), "form-submitted.png"), fullPage: true });

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
  assert.equal(await page.locator("[aria-invalid]").count(), 0, "no field marked invalid");
  assert.equal(await page.locator("[aria-describedby]").count(), 0, "no field described by an empty list");
  assert.equal(await page.isHidden("#summary"), true);
  // The result pane: the valid document with every secret masked (the kind's writeOnly members).
  const json = await page.textContent("#output");
  assert.deepEqual(JSON.parse(json), VALID_SHOWN);
  for (const secret of [VALID.oauth.client_secret, VALID.oauth.client_id, "eu-west-1"]) assert.ok(!json.includes(secret), "no secret in the JSON");
  assert.equal(await page.isEnabled("#copy"), true);

  // The Terraform view: the resource, with each secret a sensitive variable, never its value.
  await page.check('input[name="output-format"][value="terraform"]');
  const tf = await page.textContent("#output");
  assert.match(tf, /resource "paragon_integration_credentials" "custom" \{/);
  assert.match(tf, /client_secret = var\.oauth_client_secret/);
  assert.match(tf, /variable "oauth_client_secret" \{\n  type      = string\n  sensitive = true\n\}/);
  assert.match(tf, /retry_count\s+= var\.extra_configuration_retry_count/);
  assert.match(tf, /variable "extra_configuration_retry_count" \{\n  type      = number\n/);
  assert.match(tf, /integration_id\s+= "d589fe10-b66e-4cb2-885a-0440393886f4"/);
  for (const secret of [VALID.oauth.client_secret, VALID.oauth.client_id, "eu-west-1"]) assert.ok(!tf.includes(secret), "no secret in the Terraform");
  await page.check('input[name="output-format"][value="json"]');

  await page.screenshot({ path: join(mkdirOut(), "form-valid.png"), fullPage: true });

  // 4. A "Fix" button: a repeated scope on a built-in integration (a warning whose fix is safe).
  // Clicking it applies that finding's fix only: the field is corrected, its diagnostic gone, the
  // focus back in the field.
  await page.fill("#integration-type", "jira");
  await page.fill("#scopes", "read:jira-user offline_access read:jira-user");
  await page.locator("#scopes").blur();
  const dup = page.locator('[data-for="/oauth/scopes"] .diagnostic.warning[data-rule="paragon/duplicate-scope"]');
  await dup.waitFor();
  // A built-in integration with extra configuration: that note (severity info) stays, at the list.
  const builtin = "paragon/extra-config-builtin /extra_configuration `extra_configuration` on a built-in (non-custom) integration may interfere with its standard behaviour";
  assert.deepEqual(await shownDiagnostics(page), [`paragon/duplicate-scope /oauth/scopes/2 ${await dup.locator("span").textContent()}`, builtin]);
  assert.equal(await page.textContent("#status"), "Valid, with 0 errors, 1 warning.");
  const fixButton = dup.locator("button.fix");
  assert.equal(await fixButton.getAttribute("aria-label"), "Fix: remove the repeated scope");
  assert.equal(await page.locator("button.fix").count(), 1, "a button only on the diagnostic that has a fix");
  await page.screenshot({ path: join(mkdirOut(), "form-fix.png"), fullPage: true });
  await fixButton.click();
  assert.equal(await page.inputValue("#scopes"), "read:jira-user offline_access");
  assert.deepEqual(await shownDiagnostics(page), [builtin], "the fixed diagnostic is gone");
  assert.equal(await page.textContent("#status"), "Fixed: remove the repeated scope. Valid, with 0 errors, 0 warnings.");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "scopes", "the focus is back in the field");
  assert.deepEqual(JSON.parse(await page.textContent("#output")).oauth.scopes, ["read:jira-user", "offline_access"]);

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
    await tab.screenshot({ path: join(mkdirOut(), `load-failure-${page.replace(".html", "")}.png`) });
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
/** ZENDESK as the result pane shows it: its secrets (the kind's writeOnly members) masked. */
const ZENDESK_SHOWN = { ...ZENDESK, oauthClientId: MASK, oauthClientSecret: MASK };
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

  // Untouched: nothing shown, nothing marked.
  assert.equal(await page.locator(".diagnostic").count(), 0, "no diagnostics on an untouched page");
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  assert.equal(await page.textContent("#status"), "Fill in the form: each field is checked when you leave it.");
  // Leaving the name empty: its error only.
  await page.focus("#name");
  await page.locator("#name").blur();
  await list("/name").first().waitFor();
  assert.equal(await page.locator(".diagnostic").count(), await list("/name").count(), "only the left field shows diagnostics");
  assert.equal(await page.getAttribute("#name", "aria-invalid"), "true");

  // Submitted empty: each diagnostic once (the four `paragon/auth-fields` errors were shown twice:
  // nine boxes for five errors), as many as the status counts, each error in the summary.
  await page.click("#submit");
  await page.waitForSelector("#summary:not([hidden])");
  const shown = await shownDiagnostics(page);
  assert.deepEqual(shown, [...new Set(shown)], "no diagnostic is shown twice");
  const [, errors, warnings] = /^Not valid yet: (\d+) errors?, (\d+) warnings?\.$/.exec(await page.textContent("#status"));
  assert.equal(await page.locator(".diagnostic.error").count(), Number(errors), "one box per error");
  assert.equal(await page.locator(".diagnostic.warning").count(), Number(warnings), "one box per warning");
  assert.ok(await page.locator('.diagnostic[data-rule="paragon/auth-fields"]').count() >= 3);
  assert.equal(await page.locator("#summary a").count(), Number(errors));
  assert.equal(await page.locator("#summary a").filter({ hasText: /^Client secret: / }).count(), 1, "the summary uses the page's label");
  assert.equal(await page.getAttribute("#oauth-client-secret", "aria-invalid"), "true");
  const secretList = await page.getAttribute('[data-for="/oauthClientSecret"]', "id");
  assert.equal(await page.getAttribute("#oauth-client-secret", "aria-describedby"), secretList);
  for (const { id, described } of await invalidControls(page)) assert.ok(described.length > 0 && !described.includes("(no #"), `${id} is described by its diagnostics`);
  await page.screenshot({ path: join(mkdirOut(), "custom-integration-submitted.png"), fullPage: true });

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
  assert.equal(await page.locator("[aria-invalid]").count(), 0, "no field marked invalid");
  // The result pane: the valid integration, its client id and secret masked.
  const json = await page.textContent("#output");
  assert.deepEqual(JSON.parse(json), ZENDESK_SHOWN);
  assert.ok(!json.includes(ZENDESK.oauthClientSecret) && !json.includes(ZENDESK.oauthClientId), "no secret in the result pane");
  assert.equal(await page.isEnabled("#copy"), true);
  // At the end: a full-page screenshot resizes the viewport, and Chromium may then move the page
  // under the next click.
  await page.screenshot({ path: join(mkdirOut(), "custom-integration.png"), fullPage: true });

  assert.deepEqual(problems, [], "no errors in the page");
  assert.ok(!consoleText.some((t) => t.includes(ZENDESK.oauthClientSecret)), "the secret is never logged");
});
