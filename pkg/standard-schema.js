// `standardSchema(kind, options)`: a credlint kind as a Standard Schema v1 validator
// (https://standardschema.dev), for form libraries that take one (react-hook-form's
// `standardSchemaResolver`, TanStack Form, VeeValidate...). Hand-written; each entry (credlint.js,
// credlint_full.js and so node.js, node.cjs and inline.js) exports `standardSchema` bound to its
// own `validate` (scripts/pkg-entries.mjs appends that export to the glue).
//
// Only diagnostics of severity `error` become issues (they are what makes a report not `ok`);
// warnings and infos do not block a form: call `validate` for them.

/**
 * A pointer's keys (RFC 6901, `~1` and `~0` unescaped), walking `value` beside it so that an
 * index into an array is a number and a key of an object stays a string (even "0").
 */
export function pointerKeys(pointer, value) {
  if (pointer === "") return [];
  const keys = [];
  let at = value;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const key = Array.isArray(at) && /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : token;
    keys.push(key);
    at = at !== null && typeof at === "object" ? at[key] : undefined;
  }
  return keys;
}

const PASSED = ["context", "policy", "labels", "maxBytes", "maxDepth", "maxDiagnostics"];

/** The Standard Schema of `kind`, checked with `validate` (an entry's own). */
export function standardSchemaWith(validate, kind, options) {
  const checkOptions = {};
  for (const name of PASSED) if (options != null && options[name] !== undefined) checkOptions[name] = options[name];
  return {
    "~standard": {
      version: 1,
      vendor: "credlint",
      validate(value) {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          return { issues: [{ message: `a \`${kind}\` document must be an object`, path: [], rule: "structure/type" }] };
        }
        const report = validate(kind, value, checkOptions);
        const issues = report.diagnostics
          .filter((d) => d.severity === "error")
          .map((d) => {
            const issue = { message: d.message, path: pointerKeys(d.path, value), rule: d.rule };
            // The field's label (options.labels' or the kind's own), for a form's summary.
            if (d.label !== undefined) issue.label = d.label;
            return issue;
          });
        return issues.length > 0 ? { issues } : { value };
      },
    },
  };
}
