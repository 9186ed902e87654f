// The admin form: each field's diagnostics live, next to the field, from credlint's WebAssembly
// build (`validateField` per field, so cross-field rules show where they apply; `validate` once for
// the verdict and for findings no field owns). No framework: plain DOM, text only (never HTML from
// data). Served from the repository root, the package is at ../../pkg/; in an app, import "credlint".
// The package is imported dynamically, so that a page that cannot load it (the folder served
// alone, without ../../pkg/, or pkg/ not built) says so instead of hanging on "Loading the checker…".
const PKG = "../../pkg/credlint.js";
let validate;
let validateField;
async function init() {
  let credlint;
  try {
    credlint = await import(PKG);
  } catch (e) {
    throw new Error(`credlint's package is not at ${new URL(PKG, import.meta.url).pathname} (serve the repository root, after scripts/build-pkg.sh; in an app, import "credlint"). ${e.message}`);
  }
  await credlint.default();
  ({ validate, validateField } = credlint);
}

const KIND = "paragon.integration-credentials";
const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const form = $("#form");
const rows = $("#extra-rows");
const output = $("#output");
const copy = $("#copy");
const status = $("#status");

/** RFC 6901: `~` and `/` in a key. */
const token = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

function context() {
  const type = $("#integration-type").value.trim();
  const integration = {};
  if (type) integration.type = type;
  // The authentication type only means something for custom integrations.
  const custom = type === "custom" || type.startsWith("custom.");
  $("#authentication-type").disabled = !custom;
  if (custom) integration.authentication_type = $("#authentication-type").value;
  return { operation: $("#operation").value, integration };
}

function scopes() {
  const text = $("#scopes").value.trim();
  return text ? text.split(/[\s,]+/).filter(Boolean) : undefined;
}

/** An extra-configuration row's value in its type (a number input that is not a number is NaN). */
function rowValue(row) {
  const type = $(".extra-type", row).value;
  const raw = $(".extra-value", row).value;
  if (type === "number") return raw.trim() === "" ? NaN : Number(raw);
  if (type === "boolean") return raw === "true";
  return raw;
}

function extraRows() {
  return $$(".extra-row", rows).map((row) => ({
    row,
    key: $(".extra-key", row).value,
    value: rowValue(row),
    list: $(".diagnostics", row.nextElementSibling),
  }));
}

/** The document the form describes. */
function documentOf() {
  const oauth = { client_id: $("#client-id").value, client_secret: $("#client-secret").value };
  const s = scopes();
  if (s !== undefined) oauth.scopes = s;
  const doc = { integration_id: $("#integration-id").value.trim(), project_id: $("#project-id").value.trim(), oauth };
  const extra = extraRows().filter((r) => r.key !== "");
  if (extra.length) doc.extra_configuration = Object.fromEntries(extra.map((r) => [r.key, r.value]));
  return doc;
}

function valueAt(doc, pointer) {
  let node = doc;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node == null ? undefined : node[key];
  }
  return node;
}

function show(list, diagnostics) {
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `diagnostic ${d.severity}`;
      li.dataset.rule = d.rule;
      const message = document.createElement("span");
      message.textContent = d.message;
      const rule = document.createElement("code");
      rule.textContent = d.rule;
      li.append(message, " ", rule);
      if (d.hint) {
        const hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = d.hint;
        li.append(hint);
      }
      return li;
    }),
  );
  const field = list.closest(".field, .extra-row-diagnostics");
  const worst = diagnostics.some((d) => d.severity === "error") ? "error" : diagnostics.length ? "warning" : "";
  if (field) field.dataset.state = worst;
}

/** A message from the form itself (not a credlint rule), e.g. a key given twice. */
const local = (message) => ({ rule: "form", severity: "error", message, path: "" });

function hcl(value, indent = "") {
  if (typeof value === "string") return JSON.stringify(value).replaceAll("${", "$${").replaceAll("%{", "%%{");
  if (Array.isArray(value)) return `[${value.map((v) => hcl(v, indent)).join(", ")}]`;
  if (value && typeof value === "object") {
    const inner = `${indent}  `;
    const keys = Object.keys(value);
    const width = Math.max(...keys.map((k) => hclKey(k).length));
    const lines = keys.map((k) => `${inner}${hclKey(k).padEnd(width)} = ${k === "client_secret" ? "var.client_secret" : hcl(value[k], inner)}`);
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return String(value);
}

const hclKey = (k) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k));

function terraform(doc) {
  const name = (($("#integration-type").value.trim() || "integration").replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1"));
  const body = hcl(doc).slice(2, -2).split("\n").map((l) => l.slice(2)).join("\n");
  return `# The client secret is a variable: keep it out of source control.
variable "client_secret" {
  type      = string
  sensitive = true
}

resource "paragon_integration_credentials" "${name}" {
${body.split("\n").map((l) => `  ${l}`).join("\n")}
}
`;
}

let lastValid = null;

function render() {
  const doc = documentOf();
  const options = { context: context() };
  const shown = new Set();
  let report;
  try {
    report = validate(KIND, doc, options);
    show($('[data-for="context"]'), []);
  } catch (e) {
    // The context itself is wrong (an unknown authentication type...): say so by the integration.
    show($('[data-for="context"]'), [local(e.message)]);
    return;
  }

  for (const input of $$("[data-pointer]", form)) {
    const pointer = input.dataset.pointer;
    const value = valueAt(doc, pointer);
    const diagnostics = value === undefined ? report.diagnostics.filter((d) => d.path === pointer)
      : validateField(KIND, pointer, value, doc, options);
    diagnostics.forEach((d) => shown.add(`${d.rule} ${d.path}`));
    show($(`[data-for="${pointer}"]`), diagnostics);
  }

  const seen = new Map();
  for (const r of extraRows()) {
    if (r.key === "") {
      show(r.list, $(".extra-value", r.row).value ? [local("enter a key for this value")] : []);
      continue;
    }
    const pointer = `/extra_configuration/${token(r.key)}`;
    if (seen.has(r.key)) {
      show(r.list, [local(`the key \`${r.key}\` is already used above; the platform would keep only one value`)]);
      continue;
    }
    seen.set(r.key, r);
    const diagnostics = validateField(KIND, pointer, r.value, doc, options);
    diagnostics.forEach((d) => shown.add(`${d.rule} ${d.path}`));
    show(r.list, diagnostics);
  }

  const extraList = $('[data-for="/extra_configuration"]');
  const onExtra = report.diagnostics.filter((d) => d.path === "/extra_configuration");
  onExtra.forEach((d) => shown.add(`${d.rule} ${d.path}`));
  show(extraList, onExtra);

  const rest = report.diagnostics.filter((d) => !shown.has(`${d.rule} ${d.path}`));
  show($("#general-diagnostics"), rest);
  $("#general").hidden = rest.length === 0;

  const skipped = $("#skipped");
  skipped.hidden = report.skipped.length === 0;
  skipped.textContent = report.skipped.length
    ? `Not checked for lack of context: ${report.skipped.map((s) => `${s.rule} (${s.reason})`).join("; ")}`
    : "";

  const formProblems = $$(".extra-row-diagnostics .diagnostic[data-rule=form]", rows).length > 0;
  const valid = report.ok && !formProblems;
  lastValid = valid ? doc : null;
  const counts = `${report.summary.errors} error${report.summary.errors === 1 ? "" : "s"}, ${report.summary.warnings} warning${report.summary.warnings === 1 ? "" : "s"}`;
  status.textContent = valid ? (report.diagnostics.length ? `Valid, with ${counts}.` : "Valid: no problems found.") : `Not valid yet: ${counts}.`;
  status.dataset.state = valid ? "valid" : "invalid";
  renderOutput();
}

function renderOutput() {
  const format = $('input[name="output-format"]:checked').value;
  copy.textContent = format === "json" ? "Copy JSON" : "Copy Terraform";
  copy.disabled = lastValid === null;
  output.dataset.state = lastValid === null ? "invalid" : "valid";
  output.dataset.format = format;
  if (lastValid === null) {
    output.textContent = "Fix the errors above to get the configuration.";
  } else {
    output.textContent = format === "json" ? `${JSON.stringify(lastValid, null, 2)}\n` : terraform(lastValid);
  }
}

function addRow(key = "", type = "string", value = "") {
  const fragment = $("#extra-row").content.cloneNode(true);
  const [row] = fragment.children;
  $(".extra-key", row).value = key;
  $(".extra-type", row).value = type;
  $(".extra-value", row).value = value;
  rows.append(fragment);
  return row;
}

rows.addEventListener("click", (event) => {
  const button = event.target.closest(".remove-row");
  if (!button) return;
  const row = button.closest(".extra-row");
  row.nextElementSibling.remove();
  row.remove();
  render();
});

$("#add-row").addEventListener("click", () => {
  $(".extra-key", addRow()).focus();
  render();
});

copy.addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(output.textContent);
    status.textContent = "Copied.";
  } catch {
    // Without clipboard permission (http, some browsers): select the text for the user.
    getSelection().selectAllChildren(output);
    status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected text.";
  }
});

try {
  await init();
  form.addEventListener("input", render);
  form.addEventListener("change", render);
  render();
  document.body.dataset.ready = "true";
} catch (e) {
  status.textContent = `The checker could not load: ${e.message}`;
  status.dataset.state = "invalid";
}
