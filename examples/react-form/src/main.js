// Paragon integration credentials in a react-hook-form form, validated by credlint through
// Standard Schema: `standardSchemaResolver(standardSchema(kind, { context }))`. Every credlint
// error lands on its field (the path is the field's keys); warnings are not errors (call
// `validate` to show them). Plain `createElement` (no JSX), so the page needs no compiler plugin.
import { createElement as h, useState } from "react";
import { createRoot } from "react-dom/client";
import { Controller, useForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import init, { standardSchema } from "credlint";

const KIND = "paragon.integration-credentials";
// What the platform would look up: here a built-in integration (Jira), being created.
const context = { operation: "create", integration: { type: "jira" } };
// Made once; it checks with the WebAssembly, loaded below before the form is shown.
const schema = standardSchema(KIND, { context });

const EMPTY = {
  integration_id: "",
  project_id: "",
  oauth: { client_id: "", client_secret: "", scopes: [] },
  extra_configuration: {},
};

/** The error message at a path of react-hook-form's `errors`, if any. */
const messageAt = (errors, ...keys) => keys.reduce((e, k) => (e == null ? undefined : e[k]), errors)?.message;

/** The errors of `errors` at fields `touched` marks (a nested object, as react-hook-form keeps it). */
function touchedOnly(errors, touched) {
  const out = {};
  for (const [key, error] of Object.entries(errors ?? {})) {
    const t = touched?.[key];
    if (t === true) out[key] = error;
    else if (t && typeof t === "object" && error && !error.message) {
      const inner = touchedOnly(error, t);
      if (Object.keys(inner).length > 0) out[key] = inner;
    }
  }
  return out;
}

function Field({ id, label, error, children }) {
  return h(
    "div",
    { className: "field", "data-field": id },
    h("label", { htmlFor: id }, label),
    children,
    error ? h("p", { className: "error", id: `${id}-error`, role: "alert" }, error) : null,
  );
}

// Scopes are typed as one space-separated string and kept as the list the document holds.
const AS = { "oauth.scopes": { setValueAs: (v) => (Array.isArray(v) ? v : String(v).split(/\s+/).filter(Boolean)) } };

function input(register, name, id, error, props = {}) {
  return h("input", {
    id,
    ...register(name, AS[name]),
    "aria-invalid": error ? "true" : "false",
    ...(error ? { "aria-describedby": `${id}-error` } : {}),
    ...props,
  });
}

/**
 * The extra configuration: rows of key and value, the form's value an object of them. Its errors
 * are per key (`extra_configuration.clientId`), below the one field react-hook-form knows (which
 * keeps only errors at a field it knows when one field is validated), so it validates the whole
 * form with `trigger()` (on blur, then on each change); the form shows only touched fields' errors.
 */
function ExtraConfiguration({ value, onChange, onBlur: fieldBlur, trigger, errors }) {
  const [rows, setRows] = useState(() => Object.entries(value ?? {}).map(([key, v]) => ({ key, value: String(v) })));
  const [touched, setTouched] = useState(false);
  const update = (next) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter((r) => r.key !== "").map((r) => [r.key, r.value])));
    if (touched) trigger();
  };
  const onBlur = () => {
    fieldBlur();
    setTouched(true);
    trigger();
  };
  return h(
    "fieldset",
    { id: "extra-configuration" },
    h("legend", null, "Extra configuration"),
    rows.map((row, i) => {
      const error = row.key === "" ? undefined : messageAt(errors, "extra_configuration", row.key);
      const id = `extra-${i}`;
      return h(
        "div",
        { className: "extra-row", key: i },
        h("input", {
          id: `${id}-key`,
          className: "extra-key",
          "aria-label": "Key",
          value: row.key,
          onBlur,
          onChange: (e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r))),
          "aria-invalid": error ? "true" : "false",
          ...(error ? { "aria-describedby": `${id}-error` } : {}),
        }),
        h("input", {
          className: "extra-value",
          "aria-label": "Value",
          type: "password",
          value: row.value,
          onBlur,
          onChange: (e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r))),
        }),
        error ? h("p", { className: "error", id: `${id}-error`, role: "alert" }, error) : null,
      );
    }),
    h("button", { type: "button", id: "add-row", onClick: () => update([...rows, { key: "", value: "" }]) }, "Add a value"),
  );
}

function CredentialsForm() {
  const [saved, setSaved] = useState(false);
  const { register, control, handleSubmit, trigger, formState } = useForm({
    resolver: standardSchemaResolver(schema),
    defaultValues: EMPTY,
    mode: "onTouched",
  });
  // Errors of the fields the user has left (or all, once submitted): nothing red before typing.
  const { touchedFields, isSubmitted } = formState;
  const errors = isSubmitted ? formState.errors : touchedOnly(formState.errors, touchedFields);
  const onSubmit = () => setSaved(true);
  return h(
    "form",
    { onSubmit: handleSubmit(onSubmit, () => setSaved(false)), noValidate: true },
    h("h1", null, "Paragon integration credentials"),
    h(Field, { id: "integration-id", label: "Integration id", error: messageAt(errors, "integration_id") },
      input(register, "integration_id", "integration-id", messageAt(errors, "integration_id"))),
    h(Field, { id: "project-id", label: "Project id", error: messageAt(errors, "project_id") },
      input(register, "project_id", "project-id", messageAt(errors, "project_id"))),
    h(Field, { id: "client-id", label: "Client id", error: messageAt(errors, "oauth", "client_id") },
      input(register, "oauth.client_id", "client-id", messageAt(errors, "oauth", "client_id"))),
    h(Field, { id: "client-secret", label: "Client secret", error: messageAt(errors, "oauth", "client_secret") },
      input(register, "oauth.client_secret", "client-secret", messageAt(errors, "oauth", "client_secret"), { type: "password", autoComplete: "off" })),
    h(Field, { id: "scopes", label: "Scopes (space-separated)", error: messageAt(errors, "oauth", "scopes") },
      input(register, "oauth.scopes", "scopes", messageAt(errors, "oauth", "scopes"))),
    h(Controller, {
      name: "extra_configuration",
      control,
      render: ({ field }) => h(ExtraConfiguration, { value: field.value, onChange: field.onChange, onBlur: field.onBlur, trigger, errors }),
    }),
    h("button", { type: "submit", id: "save" }, "Save"),
    h("p", { id: "status", role: "status" }, saved ? "Valid: ready to save." : Object.keys(errors).length > 0 ? "Fix the fields marked above." : ""),
  );
}

const root = createRoot(document.getElementById("root"));
init()
  .then(() => {
    root.render(h(CredentialsForm));
    document.body.dataset.ready = "true";
  })
  .catch((e) => {
    root.render(h("p", { id: "status", role: "alert" }, `The checker could not load: ${e.message}`));
  });
