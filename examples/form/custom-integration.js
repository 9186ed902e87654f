// The custom integration builder: a `paragon.custom-integration` document, each field's diagnostics
// live next to the field, from credlint's WebAssembly build (`validateField` per field, `validate`
// once for the verdict and for findings no field owns). No framework: plain DOM, text only (never
// HTML from data). Which fields an authentication method shows is not written here either: it is
// learnt from the engine's own `paragon/auth-field-unused` rule at start-up, so the page and the
// rules cannot disagree. Served from the repository root, the package is at ../../pkg/; in an app,
// import "credlint".
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

const KIND = "paragon.custom-integration";
const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const form = $("#form");
const rows = $("#input-rows");
const output = $("#output");
const copy = $("#copy");
const status = $("#status");
const authType = $("#authentication-type");
/** The document's top-level fields (the input-field rows are read separately). */
const controls = $$("[data-pointer]", form);

/** Whether `path` is `pointer` or lies below it (RFC 6901). */
const atOrBelow = (path, pointer) => path === pointer || path.startsWith(`${pointer}/`);
/** The top-level key a control's pointer names (none of them holds `~` or `/`). */
const keyOf = (control) => control.dataset.pointer.slice(1);

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
  const field = list.closest(".field, .input-row-diagnostics");
  const worst = diagnostics.some((d) => d.severity === "error") ? "error" : diagnostics.length ? "warning" : "";
  if (field) field.dataset.state = worst;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const id = (d) => `${d.rule} ${d.path} ${d.message}`;

let lastValid = null;

function render() {
  applyMethod();
  const doc = documentOf();
  const report = validate(KIND, doc);
  const shown = new Set();
  const place = (list, diagnostics) => {
    diagnostics.forEach((d) => shown.add(id(d)));
    show(list, diagnostics);
  };

  for (const control of controls) {
    const pointer = control.dataset.pointer;
    const list = $(`[data-for="${pointer}"]`);
    if (isHidden(control)) {
      show(list, []);
      continue;
    }
    const value = doc[keyOf(control)];
    // A field left out of the document (empty) can only have findings at its own path.
    place(list, value === undefined ? report.diagnostics.filter((d) => atOrBelow(d.path, pointer)) : validateField(KIND, pointer, value, doc));
  }

  inputRows().forEach((r, i) => place(r.list, validateField(KIND, `/inputFields/${i}`, r.value, doc)));
  // The list as a whole (at least one field; placeholders no field declares), not each row's own.
  const onList = validateField(KIND, "/inputFields", doc.inputFields, doc).filter((d) => !d.path.startsWith("/inputFields/"));
  place($('[data-for="/inputFields"]'), onList);

  const rest = report.diagnostics.filter((d) => !shown.has(id(d)));
  show($("#general-diagnostics"), rest);
  $("#general").hidden = rest.length === 0;

  lastValid = report.ok ? doc : null;
  const counts = `${plural(report.summary.errors, "error")}, ${plural(report.summary.warnings, "warning")}`;
  status.textContent = report.ok ? (report.diagnostics.length ? `Valid, with ${counts}.` : "Valid: no problems found.") : `Not valid yet: ${counts}.`;
  status.dataset.state = report.ok ? "valid" : "invalid";

  copy.disabled = lastValid === null;
  output.dataset.state = lastValid === null ? "invalid" : "valid";
  output.textContent = lastValid === null ? "Fix the errors above to get the custom integration." : `${JSON.stringify(lastValid, null, 2)}\n`;
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

try {
  await init();
  unusedBy = learnUnusedFields();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
  document.body.dataset.ready = "true";
} catch (e) {
  status.textContent = `The checker could not load: ${e.message}`;
  status.dataset.state = "invalid";
}
