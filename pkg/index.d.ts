// Types of the credlint package. Hand-written against src/wasm.rs (js-tests/package.test.mjs
// checks that every export is declared here); the kind and rule id unions in ids.d.ts are
// generated from the built package by scripts/build-pkg.sh, and so are each kind's document and
// context interfaces in kinds.d.ts (from the kinds' schemas, from their structure declaration).

import type { KindId, RuleId } from "./ids.js";
import type { KindContexts, KindDocuments } from "./kinds.js";

export type { KindId, RuleId };
export * from "./kinds.js";

/** A kind's document type (`KindDocument<"oauth.client">` is `OauthClientDocument`). */
export type KindDocument<K extends KindId> = KindDocuments[K];

/** A kind's context type: the facts the platform would look up. */
export type KindContext<K extends KindId> = KindContexts[K];

/** How serious a diagnostic is. Only `error` makes a report not `ok` (and the CLI exit 1). */
export type Severity = "error" | "warning" | "info";

/** JSON data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A document as JavaScript builds it: converted like `JSON.stringify` (`undefined` members are
 * left out, `toJSON` is honoured), except that NaN and ±Infinity are reported as diagnostics
 * instead of becoming null, and cycles, BigInts, Maps, Sets and lone surrogates throw. Any object
 * type, an `interface` included (a linter checks documents that are not yet right); a kind's own
 * type is `KindDocument<K>`.
 */
export type DocumentInput = object;

/** One finding. */
export interface Diagnostic {
  /** The `file` option (or the file name, from the bin). */
  file?: string;
  /** The element of a batch the finding is in. */
  index?: number;
  rule: RuleId;
  severity: Severity;
  /** RFC 6901 JSON Pointer into the document (`""` for the document or the envelope itself). */
  path: string;
  /** 1-based; only when the input was text. */
  line?: number;
  /** 1-based, in Unicode scalar values; only when the input was text. */
  column?: number;
  /** Never holds a secret value. */
  message: string;
  hint?: string;
  /**
   * The label of the field the diagnostic is about, for a form (`validate` of a document given as
   * an object, `validateField`; not for JSON text, whose report is the CLI's): the app's own from
   * `options.labels`, else the kind's declared one ("Client ID"); an item of a list or an entry of
   * a map has its field's label. Absent when `path` is not a declared field (the document itself,
   * an unknown member) and no app label names it.
   */
  label?: string;
  /** How to fix this finding, when a rule knows (`fix()` applies it). */
  fix?: Fix;
}

/** A fix: `safe` ones `fix()` and `credlint check --fix` apply; `unsafe` ones change what is sent, and need `{ unsafe: true }` / `--unsafe-fixes`. */
export interface Fix {
  /** What the fix does; never quotes a value. */
  title: string;
  applicability: "safe" | "unsafe";
  /** Byte ranges of the input text and their replacements, in text order; empty when the input was a value, not text. */
  edits: Edit[];
}

/** One edit: the UTF-8 bytes `start..end` of the input (1-based `line`/`column` to `end_line`/`end_column`) become `replacement`. */
export interface Edit {
  start: number;
  end: number;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** `null` when it would carry a value credlint never shows (a secret moved, scopes split): then `withheld` names the field, and only `fix()` or `--fix` can apply it. */
  replacement: string | null;
  withheld?: string;
}

/** A rule that could not run because a fact it needs (usually context) was missing. */
export interface Skipped {
  file?: string;
  index?: number;
  rule: RuleId;
  reason: string;
}

export interface Summary {
  files: number;
  documents: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Problems fixed (`credlint check --fix`), only when some were; the counts above are what remains. */
  fixed?: number;
}

/** The same fields as `credlint check --format json`. */
export interface Report {
  /** No diagnostic of severity `error`. */
  ok: boolean;
  diagnostics: Diagnostic[];
  skipped: Skipped[];
  summary: Summary;
}

/** A rule's severity in a policy, or `off`. */
export type RuleSetting = Severity | "off";

/** A policy (what a `credlint.json` holds). Unknown rule ids and fields throw. */
export interface Policy {
  $schema?: string;
  rules?: { [id in RuleId]?: RuleSetting };
  /** Rule options; unknown rules and options throw. */
  options?: RuleOptions;
}

/** The rules that take options, and their options. */
export interface RuleOptions {
  /** Also check JSON inputs for hard-coded secrets (off by default). */
  "secrets/hardcoded-secret"?: { json?: boolean };
  /** The only scopes a document may request (every kind with scopes). */
  "policy/scope-not-allowed"?: { allowed?: string[] };
  /** The longest a token may live, in seconds (Genesys validity, Itential `expires_in`). */
  "policy/token-lifetime"?: { max_seconds?: number };
}

/**
 * The facts the platform would look up, per kind (for `paragon.integration-credentials`:
 * `{ operation?: "create" | "update", integration?: { type?: string, authentication_type?: string } }`),
 * or the `integrations` map of the `paragon_integrations` Terraform data source.
 * Any object type, an `interface` included; a kind's own type is `KindContext<K>`.
 */
export type Context = object;

/** Resource bounds, as the CLI's `--max-bytes`, `--max-depth` and `--max-diagnostics`. */
export interface Limits {
  /** Largest input, in bytes of JSON text (default 67108864). */
  maxBytes?: number | null | undefined;
  /** Deepest nesting of objects and arrays (default 128, at most 512). */
  maxDepth?: number | null | undefined;
  /** Most diagnostics kept per input (default 1000); the last says how many more there were. */
  maxDiagnostics?: number | null | undefined;
}

/**
 * An app's own labels for its fields, by JSON Pointer (`{ "/oauth/client_id": "App key" }`): a
 * diagnostic at that field, or at an item or entry inside it, gets this `label` instead of the
 * kind's declared one. Messages are not changed.
 */
export type Labels = Readonly<Record<string, string>>;

export interface ValidateOptions extends Limits {
  context?: Context | null | undefined;
  policy?: Policy | null | undefined;
  /** The file name to put in diagnostics. */
  file?: string | null | undefined;
  /** The app's own field labels (see `Diagnostic.label`). */
  labels?: Labels | null | undefined;
}

export interface BatchOptions extends Omit<ValidateOptions, "labels"> {
  /** The kind of bare (non-envelope) documents in the batch. */
  kind?: KindId | null | undefined;
}

export interface FieldOptions extends Limits {
  context?: Context | null | undefined;
  policy?: Policy | null | undefined;
  /** The app's own field labels (see `Diagnostic.label`). */
  labels?: Labels | null | undefined;
}

export interface RuleInfo {
  id: RuleId;
  /** The kind the rule belongs to, or `*` for every kind. */
  kind: KindId | "*";
  /** The default severity. */
  severity: Severity;
  description: string;
  /** The platform behaviour the rule mirrors. */
  why: string;
  /** Where that behaviour is documented. */
  source: string;
  /** How the rule fixes what it reports, when it does. */
  fix?: string;
}

/** A JSON Schema, draft 2020-12. */
export interface JsonSchema extends JsonObject {
  $schema: string;
}

/** The options of `validate` for one kind: its context typed. */
export interface KindValidateOptions<K extends KindId> extends Omit<ValidateOptions, "context"> {
  context?: KindContext<K> | null | undefined;
}

/**
 * Checks a document (an object) of `kind`; or JSON text: a bare document of `kind`, or
 * self-describing envelopes / a batch of them (then `kind` may be null). Text gives `line` and
 * `column`. Throws an `Error` (a `TypeError` for wrong argument types) when the check cannot run.
 * The first overload types the document and context by kind; the second takes any object (a
 * document being edited, or parsed JSON).
 */
export function validate<K extends KindId>(kind: K, document: KindDocument<K>, options?: KindValidateOptions<K> | null): Report;
export function validate(kind: KindId, document: DocumentInput, options?: ValidateOptions | null): Report;
export function validate(kind: KindId | null, text: string, options?: Omit<ValidateOptions, "labels"> | null): Report;

/**
 * For live forms: sets `value` at `pointer` in `document`, checks it, and returns only the
 * diagnostics to show next to that field (including cross-field rules that involve it).
 */
export function validateField(
  kind: KindId,
  pointer: string,
  value: unknown,
  document?: DocumentInput | null,
  options?: FieldOptions | null,
): Diagnostic[];

export interface FixOptions extends ValidateOptions {
  /** Apply unsafe fixes too (they change what is sent: review them). Default: safe fixes only. */
  unsafe?: boolean | null | undefined;
  /**
   * Only the fixes of one finding: the diagnostics of `rule` (at `path`, a JSON Pointer, when
   * given), as a form's "Fix" button next to one diagnostic asks. Unsafe fixes still need `unsafe`.
   */
  only?: { rule: RuleId; path?: string | null | undefined } | null | undefined;
}

export interface FixResult {
  /** The fixed text; every byte outside the edits as it was (for a value: its JSON text, indented by two spaces). */
  text: string;
  /** How many fixes were applied (conflicting fixes are applied in later passes, up to 10). */
  applied: number;
  /** What remains in `text`. */
  remaining: Report;
  /** When the input was a value: the fixed value. */
  document?: JsonObject;
}

/**
 * Applies the fixes of what `validate` reports (safe ones; unsafe ones too with `{ unsafe: true }`)
 * to JSON text (a bare document of `kind`, or envelopes, for which `kind` may be null) or to a
 * document given as a value.
 */
export function fix(kind: KindId | null, input: string, options?: FixOptions | null): FixResult;
export function fix(kind: KindId, document: DocumentInput, options?: FixOptions | null): FixResult & { document: JsonObject };

/**
 * The Standard Schema v1 interface (https://standardschema.dev), as the spec asks vendors to copy
 * it: what react-hook-form's `standardSchemaResolver`, TanStack Form and others accept.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** An issue of a credlint Standard Schema: one diagnostic of severity `error`. */
export interface CredlintIssue extends StandardSchemaV1.Issue {
  /** Never holds a secret value. */
  readonly message: string;
  /** The diagnostic's JSON Pointer as keys (RFC 6901 unescaped; an index into an array is a number). */
  readonly path: ReadonlyArray<string | number>;
  readonly rule: RuleId;
  /** The field's label: `options.labels`' or the kind's own (see `Diagnostic.label`). */
  readonly label?: string;
}

/** The `~standard` properties of a credlint Standard Schema: its `validate` is synchronous. */
export interface CredlintStandardProps<Document> extends StandardSchemaV1.Props<Document, Document> {
  readonly vendor: "credlint";
  readonly validate: (value: unknown) => StandardSchemaV1.SuccessResult<Document> | CredlintFailureResult;
}

/** The result of a credlint Standard Schema's `validate` with errors. */
export interface CredlintFailureResult extends StandardSchemaV1.FailureResult {
  readonly issues: ReadonlyArray<CredlintIssue>;
}

/** What `standardSchema` returns: a Standard Schema v1. */
export interface CredlintStandardSchema<Document> extends StandardSchemaV1<Document, Document> {
  readonly "~standard": CredlintStandardProps<Document>;
}

export interface StandardSchemaOptions<K extends KindId = KindId> extends Limits {
  context?: KindContext<K> | Context | null | undefined;
  policy?: Policy | null | undefined;
  /** The app's own field labels, given to each issue as `label` (see `Diagnostic.label`). */
  labels?: Labels | null | undefined;
}

/**
 * A kind as a Standard Schema v1 validator, for form libraries
 * (`standardSchemaResolver(standardSchema("paragon.integration-credentials", { context }))`).
 * Its `validate(value)` returns `{ value }`, or `{ issues }` with one issue per diagnostic of
 * severity `error`, each with `message` and `path` (the keys of the field it is about). Its
 * values are typed as the kind's document (`KindDocument<K>`) unless `Document` says otherwise.
 * Warnings
 * and infos are not issues (they do not block a form): call `validate(kind, value, options)` and
 * read `diagnostics` for them. May be made before `init()`; its `validate` needs the WebAssembly.
 */
export function standardSchema<K extends KindId, Document extends object = KindDocument<K>>(
  kind: K,
  options?: StandardSchemaOptions<K> | null,
): CredlintStandardSchema<Document>;

/** One call for many documents: JSON text of an array of envelopes (or of bare documents with `options.kind`). */
export function validateBatch(input: string, options?: BatchOptions | null): Report;

/**
 * The JSON Schema (draft 2020-12) of a kind, as `credlint schema KIND` prints it (a fresh copy).
 * The schemas come from the package's `schemas.js`, not the WebAssembly: a bundle that never
 * calls `exportSchema` leaves them out. Needs `init()` (the kind is checked in the WebAssembly).
 */
export function exportSchema(kind: KindId): JsonSchema;

export function listKinds(): KindId[];

/**
 * Every rule, as `credlint rules --format json` lists them. The documentation comes from the
 * package's `rules.js`, not the WebAssembly: a bundle that never calls `listRules` leaves it out,
 * and it needs no `init()`.
 */
export function listRules(): RuleInfo[];

/** The body `credlint apply` would send for a valid document; throws when it has errors. */
export function toWire(kind: KindId, document: DocumentInput, context?: Context | null): JsonObject;

/** What Itential does with the stored token of an `itential.token-config` configuration. */
export type TokenAction = "use" | "refresh" | "fetch";

/**
 * What the platform does with the stored token of an `itential.token-config` document at `now`
 * (an RFC 3339 date-time). Throws when `now` or the token's `expires_at` is not RFC 3339.
 */
export function tokenAction(config: DocumentInput, now: string): TokenAction;

/** The package's (and the crate's) version. */
export function version(): string;

/** What `init` accepts: a URL or path of `credlint_bg.wasm`, its bytes, a compiled module, or a fetch Response. */
export type InitInput = string | { readonly href: string } | ArrayBuffer | ArrayBufferView | object;

/** The instantiated module's exports (internal). */
export type InitOutput = object;

/**
 * Loads the WebAssembly (browsers and bundlers: call once before anything else; Node: already
 * loaded, harmless). Without an argument it fetches `credlint_bg.wasm` next to `credlint.js`.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Loads the WebAssembly synchronously from its bytes or a compiled module. */
export function initSync(module: { module: ArrayBuffer | ArrayBufferView | object } | ArrayBuffer | ArrayBufferView): InitOutput;
