// The custom integration builder: a `paragon.custom-integration` document, checked by credlint's
// WebAssembly build on every change (one `validate`: the verdict and every diagnostic, each shown
// once, at the field its path names, once that field has been touched or the form submitted; see
// form-kit.js). No framework: plain DOM, text only (never HTML from data). Which fields an
// authentication method shows is not written here either: it is learnt from the engine's own
// `paragon/auth-field-unused` rule at start-up, so the page and the rules cannot disagree. The
// result pane masks the secrets the kind's schema marks (`writeOnly`).
import { $, $$, Place, labelText, loadCredlint, maskSecrets, placeAll, plural, show, summarise } from "./form-kit.js";

let validate;
let schema;

const KIND = "paragon.custom-integration";

const form = $("#form");
const rows = $("#input-rows");
const output = $("#output");
const copy = $("#copy");
const status = $("#status");
const summary = $("#summary");
const authType = $("#authentication-type");
/** The document's top-level fields (the input-field rows are read separately). */
const controls = $$("[data-pointer]", form);

/** The top-level key a control's pointer names (none of them holds `~` or `/`). */
const keyOf = (control) => control.dataset.pointer.slice(1);

/** Whether the form has been submitted: every field then shows its diagnostics. */
let submitted = false;
/** The pointers of the fields the user has left or changed; input-field rows are marked on the row. */
const touched = new Set();
const rowTouched = (row) => submitted || row.dataset.touched === "true";

/**
 * For each authentication method, the pointers of the fields it does not use, as the engine
 * reports them: a document with every field of the page set, checked once per method, and the
 * paths of its `paragon/auth-field-unused` warnings kept. Those fields are hidden, and left out
 * of the document, while that method is chosen.
 */
function learnUnusedFields() {
  const probe = { name: "probe", inputFields: [{ id: "probe", title: "Probe", type: "text", required: true }] };
  for (const control of controls) {
    if (control === authType) continue;
    probe[keyOf(control)] = control.type === "checkbox" ? true : control.tagName === "SELECT" ? control.options[0].value : "probe";
  }
  return new Map(
    [...authType.options].map(({ value }) => {
      const report = validate(KIND, { ...probe, authenticationType: value });
      const unused = report.diagnostics.filter((d) => d.rule === "paragon/auth-field-unused").map((d) => d.path);
      return [value, new Set(unused)];
    }),
  );
}

let unusedBy = new Map();

/** Shows the fields the chosen method uses; hides a fieldset left with no field to show. */
function applyMethod() {
  const unused = unusedBy.get(authType.value) ?? new Set();
  for (const control of controls) control.closest(".field").hidden = unused.has(control.dataset.pointer);
  for (const fieldset of $$("fieldset", form)) {
    const fields = $$(".field", fieldset);
    fieldset.hidden = fields.length > 0 && fields.every((f) => f.hidden) && !$("table", fieldset);
  }
}

const isHidden = (element) => element.closest("[hidden]") !== null;

/** A control's value in the document: `undefined` (left out) for an empty optional input. */
function valueOf(control) {
  if (control.type === "checkbox") return control.checked ? true : undefined;
  if (control.value === "" && !control.required) return undefined;
  return control.value;
}

function inputRows() {
  return $$(".input-row", rows).map((row) => ({
    row,
    list: $(".diagnostics", row.nextElementSibling),
    value: {
      id: $(".input-id", row).value,
      title: $(".input-title", row).value,
      type: $(".input-type", row).value,
      required: $(".input-required", row).checked,
    },
  }));
}

/** The document the page describes, in the page's order, without the hidden fields. */
function documentOf() {
  const doc = {};
  for (const node of $$("[data-pointer], #input-fields", form)) {
    if (node.id === "input-fields") {
      doc.inputFields = inputRows().map((r) => r.value);
      continue;
    }
    if (isHidden(node)) continue;
    const value = valueOf(node);
    if (value !== undefined) doc[keyOf(node)] = value;
  }
  return doc;
}

let lastValid = null;

function render() {
  applyMethod();
  const doc = documentOf();
  const rowsNow = inputRows();

  const fields = controls.map((control) => new Place({
    list: $(`[data-for="${control.dataset.pointer}"]`),
    controls: [control],
    // A hidden field owns nothing: whatever is reported there goes to "Other findings".
    pointer: isHidden(control) ? null : control.dataset.pointer,
    label: labelText(control),
    visible: () => submitted || touched.has(control.dataset.pointer),
  }));
  const inputs = rowsNow.map((r, i) => new Place({
    list: r.list,
    controls: $$("input", r.row),
    pointer: `/inputFields/${i}`,
    label: `Input field ${i + 1}`,
    visible: () => rowTouched(r.row),
  }));
  const list = new Place({
    // No control of its own (aria-invalid does not belong on a button): its list follows the table.
    list: $('[data-for="/inputFields"]'),
    controls: [],
    pointer: "/inputFields",
    label: "Input fields",
    visible: () => submitted || rowsNow.some((r) => rowTouched(r.row)),
  });
  const general = new Place({ list: $("#general-diagnostics"), visible: () => submitted });

  // The page's own labels (its <label>s), so that the summary reads "Client secret: …".
  const labels = Object.fromEntries([...fields, ...inputs, list].filter((p) => p.pointer).map((p) => [p.pointer, p.label]));
  const report = validate(KIND, doc, { labels });
  const placed = placeAll(report.diagnostics, [...fields, ...inputs, list], general);
  for (const [place, diagnostics] of placed) show(place, diagnostics);
  $("#general").hidden = !general.visible() || placed.get(general).length === 0;
  if (submitted) summarise(summary, placed);

  lastValid = report.ok ? doc : null;
  const counts = `${plural(report.summary.errors, "error")}, ${plural(report.summary.warnings, "warning")}`;
  if (!submitted && touched.size === 0 && !rowsNow.some((r) => rowTouched(r.row))) {
    status.textContent = "Fill in the form: each field is checked when you leave it.";
    status.dataset.state = "";
  } else {
    status.textContent = report.ok ? (report.diagnostics.length ? `Valid, with ${counts}.` : "Valid: no problems found.") : `Not valid yet: ${counts}.`;
    status.dataset.state = report.ok ? "valid" : "invalid";
  }

  copy.disabled = lastValid === null;
  output.dataset.state = lastValid === null ? "invalid" : "valid";
  // The secrets the kind's schema marks (`writeOnly`) are masked: the page never prints one.
  output.textContent = lastValid === null ? "Fix the errors above to get the custom integration." : `${JSON.stringify(maskSecrets(lastValid, schema), null, 2)}\n`;
}

function update() {
  try {
    render();
  } catch (e) {
    // The checker's messages never hold a field's value.
    status.textContent = `The check could not run: ${e.message}`;
    status.dataset.state = "invalid";
  }
}

function addRow() {
  const fragment = $("#input-row").content.cloneNode(true);
  const [row] = fragment.children;
  rows.append(fragment);
  return row;
}

rows.addEventListener("click", (event) => {
  const button = event.target.closest(".remove-row");
  if (!button) return;
  const row = button.closest(".input-row");
  row.nextElementSibling.remove();
  row.remove();
  update();
});

$("#add-input-field").addEventListener("click", () => {
  $(".input-id", addRow()).focus();
  update();
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
  const row = target.closest?.(".input-row");
  if (row) row.dataset.touched = "true";
}

try {
  const credlint = await loadCredlint();
  validate = credlint.validate;
  schema = credlint.exportSchema(KIND);
  unusedBy = learnUnusedFields();
  form.addEventListener("input", update);
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT" || event.target.type === "checkbox") touch(event);
    update();
  });
  form.addEventListener("focusout", (event) => {
    // Leaving a field (not a button or a summary link) touches it.
    if (!event.target.matches("input, select, textarea")) return;
    touch(event);
    update();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitted = true;
    update();
    // With errors, the summary takes the focus (its links lead to the fields); else the result.
    if (!summary.hidden) summary.focus();
    else output.focus();
  });
  update();
  document.body.dataset.ready = "true";
} catch (e) {
  status.textContent = `The checker could not load: ${e.message}`;
  status.dataset.state = "invalid";
}
