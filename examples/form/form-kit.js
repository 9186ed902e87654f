// What both example pages share, and what a form of your own would copy: loading the package with
// a clear message when it cannot, showing each diagnostic once at its field (only once the field
// has been touched or the form submitted), the ARIA attributes of a field with problems, an error
// summary that uses each field's label, a "Fix" button on a diagnostic that carries a fix, and the
// result with its secrets masked. Plain DOM, text only (never HTML from data).

// Served from the repository root, the package is at ../../pkg/; in an app, import "credlint".
const PKG = "../../pkg/credlint.js";

/**
 * The package, loaded. Imported dynamically so that a page that cannot load it (the folder served
 * alone, without ../../pkg/, or pkg/ not built) says so instead of hanging on "Loading the
 * checker…": a static import that 404s stops the module before any of its code runs.
 */
export async function loadCredlint() {
  let credlint;
  try {
    credlint = await import(PKG);
  } catch (e) {
    throw new Error(`credlint's package is not at ${new URL(PKG, import.meta.url).pathname} (serve the repository root, after scripts/build-pkg.sh; in an app, import "credlint"). ${e.message}`);
  }
  await credlint.default();
  return credlint;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** Whether `path` is `pointer` or lies below it (RFC 6901). */
export const atOrBelow = (path, pointer) => path === pointer || path.startsWith(`${pointer}/`);

/** RFC 6901: `~` and `/` in a key. */
export const token = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/** A `<label>`'s text without its hint ("Scopes (separated by spaces)" → "Scopes"). */
export function labelText(control) {
  const label = control.labels?.[0];
  if (!label) return control.getAttribute("aria-label") ?? "";
  const copy = label.cloneNode(true);
  for (const node of $$(".hint, input, select", copy)) node.remove();
  return copy.textContent.trim();
}

/**
 * One place on the page where diagnostics are shown: the list, the controls it describes (they
 * get `aria-invalid` and `aria-describedby`), the pointer it owns (diagnostics at or below it
 * land here, unless a longer pointer's place takes them), and whether it may show them yet.
 */
export class Place {
  constructor({ list, controls = [], pointer = null, label = "", visible = () => true }) {
    this.list = list;
    this.controls = controls;
    this.pointer = pointer;
    this.label = label;
    this.visible = visible;
    if (!list.id) list.id = `diagnostics-${++Place.count}`;
  }
}
Place.count = 0;

/**
 * Puts each diagnostic in exactly one place: the one whose pointer is the longest at or above the
 * diagnostic's path, else `fallback`. A diagnostic is identified by rule, path and message, so a
 * cross-field finding reached from two fields is still shown once.
 */
export function placeAll(diagnostics, places, fallback) {
  const out = new Map([...places, fallback].map((p) => [p, []]));
  const seen = new Set();
  for (const d of diagnostics) {
    const id = `${d.rule}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    let best = fallback;
    for (const p of places) {
      if (p.pointer !== null && atOrBelow(d.path, p.pointer) && (best === fallback || p.pointer.length > best.pointer.length)) best = p;
    }
    out.get(best).push(d);
  }
  return out;
}

/**
 * Renders `diagnostics` in `place` (nothing while it may not show them) and sets its controls' ARIA.
 * With `onFix`, a diagnostic that carries a fix gets a "Fix" button that calls `onFix(diagnostic, place)`.
 * The list is rebuilt only when what it shows changes: a button replaced between a click's
 * mousedown (which blurs a field, so the page re-renders) and its mouseup would never be clicked.
 */
export function show(place, diagnostics, onFix = null) {
  const shown = place.visible() ? diagnostics : [];
  const key = JSON.stringify(shown.map((d) => [d.rule, d.path, d.severity, d.message, d.hint, onFix && d.fix ? d.fix.title : null]));
  if (place.list.dataset.key !== key) {
    place.list.replaceChildren(...shown.map((d) => item(d, onFix && ((x) => onFix(x, place)))));
    place.list.dataset.key = key;
  }
  const worst = shown.some((d) => d.severity === "error") ? "error" : shown.length ? "warning" : "";
  const field = place.list.closest(".field, .extra-row-diagnostics, .input-row-diagnostics");
  if (field) field.dataset.state = worst;
  for (const control of place.controls) {
    if (worst === "error") control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    const others = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== place.list.id);
    const ids = shown.length ? [...others, place.list.id] : others;
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }
  return shown;
}

function item(d, onFix) {
  const li = document.createElement("li");
  li.className = `diagnostic ${d.severity}`;
  li.dataset.rule = d.rule;
  li.dataset.path = d.path;
  const message = document.createElement("span");
  message.textContent = d.message;
  const rule = document.createElement("code");
  rule.textContent = d.rule;
  li.append(message, " ", rule);
  if (d.fix && onFix) {
    // The fix's title says what it does (never a value); an unsafe one changes what is sent.
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fix";
    button.textContent = "Fix";
    const unsafe = d.fix.applicability === "unsafe";
    button.title = unsafe ? `${d.fix.title} (changes what is sent: check the result)` : d.fix.title;
    button.setAttribute("aria-label", `Fix: ${button.title}`);
    button.addEventListener("click", () => onFix(d));
    li.append(" ", button);
  }
  if (d.hint) {
    const hint = document.createElement("div");
    hint.className = "hint";
    hint.textContent = d.hint;
    li.append(hint);
  }
  return li;
}

/**
 * The error summary shown after a submit: one link per error, "Label: message", to its field
 * (GOV.UK's pattern). The label is the diagnostic's `label` (the page's own, passed to credlint as
 * `options.labels`, or the kind's declared one), else the place's.
 */
export function summarise(summary, placed) {
  const links = [];
  for (const [place, diagnostics] of placed) {
    for (const d of diagnostics.filter((x) => x.severity === "error")) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      const target = place.controls[0];
      a.href = target?.id ? `#${target.id}` : `#${place.list.id}`;
      const label = d.label ?? place.label;
      a.textContent = label ? `${label}: ${d.message}` : d.message;
      a.addEventListener("click", (event) => {
        if (!target) return;
        event.preventDefault();
        target.focus();
      });
      li.append(a);
      links.push(li);
    }
  }
  // Rebuilt only when it changes: a link replaced between a click's mousedown (which blurs a
  // field, so the page re-renders) and its mouseup would never receive the click.
  const key = links.map((li) => `${li.firstChild.href} ${li.textContent}`).join("\n");
  if (summary.dataset.key !== key) {
    $("ul", summary).replaceChildren(...links);
    summary.dataset.key = key;
  }
  summary.hidden = links.length === 0;
  return links.length;
}

export const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What stands for a secret in the result: the same whatever the secret, so not even its length shows. */
export const MASK = "••••••••";

/** The schema (JSON Schema of a kind, `exportSchema`) of member `key` of an object of `schema`. */
function memberSchema(schema, key) {
  if (!schema || typeof schema !== "object") return undefined;
  // Either of two types (`anyOf`): the branch that declares the member.
  for (const branch of schema.anyOf ?? []) {
    const sub = memberSchema(branch, key);
    if (sub) return sub;
  }
  if (schema.properties && key in schema.properties) return schema.properties[key];
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) if (new RegExp(pattern, "u").test(key)) return sub;
  return typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
}

/**
 * `value` with every secret replaced by `MASK`: every value at or inside a member the kind's
 * schema marks `writeOnly` (credlint's sensitive fields: client secrets, Paragon's client id and
 * extra configuration...). Keys stay, so the shape is still readable. `onSecret(pointer, value)`
 * is told each masked leaf (for Terraform variables).
 */
export function maskSecrets(value, schema, onSecret = () => {}, pointer = "", secret = false) {
  if (Array.isArray(value)) {
    const items = schema?.items ?? schema?.anyOf?.find((b) => b.items)?.items;
    return value.map((v, i) => maskSecrets(v, items, onSecret, `${pointer}/${i}`, secret));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const sub = memberSchema(schema, k);
        return [k, maskSecrets(v, sub, onSecret, `${pointer}/${token(k)}`, secret || sub?.writeOnly === true)];
      }),
    );
  }
  if (!secret) return value;
  onSecret(pointer, value);
  return MASK;
}
