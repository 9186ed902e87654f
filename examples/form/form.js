// The admin form (integration credentials): each field's diagnostics next to the field, from
// credlint's WebAssembly build. One `validate` per change gives the verdict and every diagnostic;
// each is shown once, at the field its path names (form-kit.js), and only once that field has been
// touched (left) or the form submitted. The page passes its own field labels to credlint
// (`options.labels`), so the error summary after a submit reads "Client secret: …". The result
// pane never shows a secret: the kind's schema marks them (`writeOnly`), and they are masked. A
// diagnostic that carries a fix has a "Fix" button: credlint's `fix` with `only` set to that
// finding gives the corrected document, and the form takes its values.
import { $, $$, Place, labelText, loadCredlint, maskSecrets, placeAll, plural, show, summarise, token } from "./form-kit.js";

let validate;
let fix;
let schema;

const KIND = "paragon.integration-credentials";

const form = $("#form");
const rows = $("#extra-rows");
const output = $("#output");
const copy = $("#copy");
const status = $("#status");
const summary = $("#summary");

/** Whether the form has been submitted: every field then shows its diagnostics. */
let submitted = false;
/** The pointers of the fields the user has left (blur); extra rows are marked on the row. */
const touched = new Set();

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

/** A message from the form itself (not a credlint rule), e.g. a key given twice. */
const local = (message) => ({ rule: "form", severity: "error", message, path: "" });

const isTouched = (row) => submitted || row.dataset.touched === "true";

/** The places diagnostics go: each field, each extra-configuration row, the extra list as a whole. */
function places(rowsNow) {
  const fields = $$("[data-pointer]", form).map((control) => new Place({
    list: $(`[data-for="${control.dataset.pointer}"]`),
    controls: [control],
    pointer: control.dataset.pointer,
    label: labelText(control),
    visible: () => submitted || touched.has(control.dataset.pointer),
  }));
  const seen = new Set();
  const extra = rowsNow.map((r) => {
    const pointer = r.key === "" || seen.has(r.key) ? null : `/extra_configuration/${token(r.key)}`;
    seen.add(r.key);
    return new Place({
      list: r.list,
      controls: [$(".extra-key", r.row), $(".extra-value", r.row)],
      pointer,
      label: r.key ? `Extra configuration: ${r.key}` : "Extra configuration",
      visible: () => isTouched(r.row),
    });
  });
  const list = new Place({
    list: $('[data-for="/extra_configuration"]'),
    controls: [],
    pointer: "/extra_configuration",
    label: "Extra configuration",
    visible: () => submitted || rowsNow.some((r) => isTouched(r.row)),
  });
  return { fields, extra, list };
}

/** The page's own labels, by pointer, for credlint's `options.labels` (the summary shows them). */
function labels(p) {
  return Object.fromEntries([...p.fields, ...p.extra].filter((x) => x.pointer).map((x) => [x.pointer, x.label]));
}

// Terraform: every secret (the schema's `writeOnly` members) is a sensitive variable, never its value.
const hclKey = (k) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k));
const variableName = (pointer) => pointer.slice(1).split("/").map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~")).join("_").replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");

function hcl(value, indent, secrets, pointer = "") {
  if (secrets.has(pointer)) return `var.${variableName(pointer)}`;
  if (typeof value === "string") return JSON.stringify(value).replaceAll("${", "$${").replaceAll("%{", "%%{");
  if (Array.isArray(value)) return `[${value.map((v, i) => hcl(v, indent, secrets, `${pointer}/${i}`)).join(", ")}]`;
  if (value && typeof value === "object") {
    const inner = `${indent}  `;
    const keys = Object.keys(value);
    const width = Math.max(...keys.map((k) => hclKey(k).length));
    const lines = keys.map((k) => `${inner}${hclKey(k).padEnd(width)} = ${hcl(value[k], inner, secrets, `${pointer}/${token(k)}`)}`);
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return String(value);
}

function terraform(doc) {
  const name = (($("#integration-type").value.trim() || "integration").replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1"));
  const secrets = new Map();
  maskSecrets(doc, schema, (pointer, value) => secrets.set(pointer, typeof value === "number" ? "number" : typeof value === "boolean" ? "bool" : "string"));
  const body = hcl(doc, "", secrets).slice(2, -2).split("\n").map((l) => l.slice(2)).join("\n");
  const variables = [...secrets].map(([pointer, type]) => `variable "${variableName(pointer)}" {
  type      = ${type}
  sensitive = true
}
`).join("\n");
  return `# Secrets are variables: keep them out of source control.
${variables}
resource "paragon_integration_credentials" "${name}" {
${body.split("\n").map((l) => `  ${l}`).join("\n")}
}
`;
}

/** Puts `doc` (the form's document, fixed) back into the fields; extra rows are rebuilt if they changed. */
function fill(doc) {
  $("#integration-id").value = doc.integration_id ?? "";
  $("#project-id").value = doc.project_id ?? "";
  $("#client-id").value = doc.oauth?.client_id ?? "";
  $("#client-secret").value = doc.oauth?.client_secret ?? "";
  const s = doc.oauth?.scopes;
  $("#scopes").value = Array.isArray(s) ? s.join(" ") : (s ?? "");
  const extra = Object.entries(doc.extra_configuration ?? {});
  const now = extraRows().filter((r) => r.key !== "").map((r) => [r.key, r.value]);
  if (JSON.stringify(extra) === JSON.stringify(now)) return;
  for (const r of extraRows()) {
    r.row.nextElementSibling.remove();
    r.row.remove();
  }
  for (const [key, value] of extra) {
    const type = typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string";
    addRow(key, type, String(value)).dataset.touched = "true";
  }
}

/**
 * The "Fix" button of diagnostic `d` at `place`: that finding's fix only (an unsafe one too: the
 * user asked for it, and its title says what changes); the focus goes back to the field.
 */
function fixOne(d, place) {
  let fixed;
  try {
    fixed = fix(KIND, documentOf(), {
      context: context(),
      unsafe: d.fix.applicability === "unsafe",
      only: { rule: d.rule, path: d.path },
    });
  } catch (e) {
    // The document cannot be fixed as it is (a number field that is not a number...).
    fixed = { applied: 0, error: e.message };
  }
  if (fixed.applied === 0) {
    status.textContent = `Could not apply "${d.fix.title}" here${fixed.error ? ` (${fixed.error})` : ""}: change the field by hand.`;
    status.dataset.state = "invalid";
    return;
  }
  fill(fixed.document);
  render();
  status.textContent = `Fixed: ${d.fix.title}. ${status.textContent}`;
  // The field's control, unless the fix removed it (an extra-configuration row moved away).
  place.controls.find((c) => c.isConnected)?.focus();
}

let lastValid = null;

function render() {
  const doc = documentOf();
  const rowsNow = extraRows();
  const p = places(rowsNow);
  const contextPlace = new Place({ list: $('[data-for="context"]'), controls: [$("#integration-type")] });
  let report;
  try {
    report = validate(KIND, doc, { context: context(), labels: labels(p) });
    show(contextPlace, []);
  } catch (e) {
    // The context itself is wrong (an unknown authentication type...): say so by the integration.
    show(contextPlace, [local(e.message)]);
    return;
  }

  // Each diagnostic in one place: the field (or row) its path names, else "Other findings".
  const general = new Place({ list: $("#general-diagnostics"), visible: () => submitted });
  const placed = placeAll(report.diagnostics, [...p.fields, ...p.extra, p.list], general);

  // The form's own checks on the rows: a value without a key, a key given twice.
  const seen = new Set();
  let formProblems = 0;
  rowsNow.forEach((r, i) => {
    const place = p.extra[i];
    if (r.key === "" && $(".extra-value", r.row).value) placed.get(place).push(local("enter a key for this value"));
    else if (r.key !== "" && seen.has(r.key)) placed.get(place).push(local(`the key \`${r.key}\` is already used above; the platform would keep only one value`));
    seen.add(r.key);
    formProblems += placed.get(place).filter((d) => d.rule === "form").length;
  });

  for (const [place, diagnostics] of placed) show(place, diagnostics, fixOne);
  $("#general").hidden = !general.visible() || placed.get(general).length === 0;
  if (submitted) summarise(summary, placed);

  const skipped = $("#skipped");
  skipped.hidden = report.skipped.length === 0;
  skipped.textContent = report.skipped.length
    ? `Not checked for lack of context: ${report.skipped.map((s) => `${s.rule} (${s.reason})`).join("; ")}`
    : "";

  const valid = report.ok && formProblems === 0;
  lastValid = valid ? doc : null;
  const counts = `${plural(report.summary.errors + formProblems, "error")}, ${plural(report.summary.warnings, "warning")}`;
  if (!submitted && touched.size === 0 && !rowsNow.some((r) => isTouched(r.row))) {
    status.textContent = "Fill in the form: each field is checked when you leave it.";
    status.dataset.state = "";
  } else {
    status.textContent = valid ? (report.diagnostics.length ? `Valid, with ${counts}.` : "Valid: no problems found.") : `Not valid yet: ${counts}.`;
    status.dataset.state = valid ? "valid" : "invalid";
  }
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
    // Secrets masked (JSON) or variables (Terraform): the page never prints one.
    output.textContent = format === "json" ? `${JSON.stringify(maskSecrets(lastValid, schema), null, 2)}\n` : terraform(lastValid);
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

/** A field counts as touched once the user leaves it (or changes a select or checkbox). */
function touch(event) {
  const target = event.target;
  if (target.dataset?.pointer) touched.add(target.dataset.pointer);
  const row = target.closest?.(".extra-row");
  if (row) row.dataset.touched = "true";
}

try {
  const credlint = await loadCredlint();
  validate = credlint.validate;
  fix = credlint.fix;
  schema = credlint.exportSchema(KIND);
  form.addEventListener("input", render);
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") touch(event);
    render();
  });
  form.addEventListener("focusout", (event) => {
    // Leaving a field (not a button or a summary link) touches it.
    if (!event.target.matches("input, select, textarea")) return;
    touch(event);
    render();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitted = true;
    render();
    // With errors, the summary takes the focus (its links lead to the fields); else the result.
    if (!summary.hidden) summary.focus();
    else output.focus();
  });
  render();
  document.body.dataset.ready = "true";
} catch (e) {
  status.textContent = `The checker could not load: ${e.message}`;
  status.dataset.state = "invalid";
}
