// Type-checked (never run) by `tsc --noEmit`: how a TypeScript user calls the package. Each
// `@ts-expect-error` line proves the types reject a mistake, not just accept anything.
import init, {
  exportSchema,
  fix,
  listKinds,
  listRules,
  standardSchema,
  toWire,
  tokenAction,
  validate,
  validateBatch,
  validateField,
  version,
  type Diagnostic,
  type FixResult,
  type KindContext,
  type KindDocument,
  type OauthClientDocument,
  type ParagonIntegrationCredentialsContext,
  type ParagonIntegrationCredentialsDocument,
  type KindId,
  type Policy,
  type Report,
  type RuleId,
  type RuleInfo,
  type Severity,
  type StandardSchemaV1,
  type TokenAction,
  type ValidateOptions,
} from "credlint";

await init();

const kind: KindId = "paragon.integration-credentials";
// @ts-expect-error: not a kind id
const wrongKind: KindId = "paragon.integration-credential";

const policy: Policy = { rules: { "paragon/duplicate-scope": "off", "structure/type": "warning" } };
// @ts-expect-error: not a rule id
const badPolicy: Policy = { rules: { "paragon/no-such-rule": "off" } };
// @ts-expect-error: not a severity
const badSetting: Policy = { rules: { "paragon/duplicate-scope": "loud" } };
const withOptions: Policy = {
  rules: { "policy/token-lifetime": "warning" },
  options: { "policy/scope-not-allowed": { allowed: ["read"] }, "policy/token-lifetime": { max_seconds: 3600 } },
};
// @ts-expect-error: the allowed scopes are a list
const badOption: Policy = { options: { "policy/scope-not-allowed": { allowed: "read" } } };
// @ts-expect-error: only rules that take options
const noOptions: Policy = { options: { "paragon/id-format": { json: true } } };
const limited: ValidateOptions = { maxBytes: 1 << 20, maxDepth: 64, maxDiagnostics: 10, policy: withOptions };

const options: ValidateOptions = {
  context: { operation: "create", integration: { type: "custom", authentication_type: "oauth" } },
  policy,
  file: "form",
};

const report: Report = validate(kind, { integration_id: "x", project_id: "y", oauth: { client_id: "a", client_secret: "b" } }, options);
const fromText: Report = validate(null, '{"kind": "paragon.integration-credentials", "document": {}}');
const ok: boolean = report.ok && fromText.ok;
const first: Diagnostic | undefined = report.diagnostics[0];
if (first) {
  const severity: Severity = first.severity;
  const rule: RuleId = first.rule;
  const where: string = `${first.path}:${first.line ?? "?"}:${first.column ?? "?"}`;
  // @ts-expect-error: severities are a closed set
  const notSeverity: Severity = "fatal";
  void [severity, rule, where, notSeverity];
}
const counts: number = report.summary.errors + report.summary.warnings + report.summary.infos;
// @ts-expect-error: an object document needs a kind
validate(null, { integration_id: "x" });
// @ts-expect-error: options are checked
validate(kind, {}, { contxt: {} });

const field: Diagnostic[] = validateField(kind, "/extra_configuration/clientId", "abc", { oauth: {} }, { context: options.context });
const batch: Report = validateBatch("[]", { kind });
// @ts-expect-error: a batch is JSON text
validateBatch([{ kind, document: {} }]);

const schema = exportSchema(kind);
const schemaDialect: string = schema.$schema;
const kinds: KindId[] = listKinds();
const rules: RuleInfo[] = listRules();
const ruleKinds: (KindId | "*")[] = rules.map((r) => r.kind);
const wire = toWire(kind, { integration_id: "x" }, { integration: { type: "jira" } });
const v: string = version();
const action: TokenAction = tokenAction({ token: { access_token: "t" } }, "2030-01-01T00:00:00Z");
// @ts-expect-error: the actions are a closed set
const notAction: TokenAction = "renew";

void [wrongKind, badPolicy, badSetting, badOption, noOptions, limited, ok, counts, field, batch, schemaDialect, kinds, ruleKinds, wire, v, action, notAction];

// Standard Schema v1: what a form library's resolver takes (as react-hook-form's
// `standardSchemaResolver<Input extends FieldValues, Context, Output>(schema: StandardSchemaV1<Input, Output>)`).
declare function resolverLike<Input extends Record<string, any>, Output>(schema: StandardSchemaV1<Input, Output>): (values: Input) => Output;
const formSchema = standardSchema(kind, { context: options.context, policy });
const asStandard: StandardSchemaV1 = formSchema;
const standardResult = formSchema["~standard"].validate({});
if (standardResult.issues) {
  const issuePath: ReadonlyArray<string | number> = standardResult.issues[0]?.path ?? [];
  const issueRule: RuleId | undefined = standardResult.issues[0]?.rule;
  void [issuePath, issueRule];
} else {
  const value: ParagonIntegrationCredentialsDocument = standardResult.value;
  void value;
}
const vendor: "credlint" = formSchema["~standard"].vendor;
interface CredentialsForm {
  integration_id: string;
  project_id: string;
  extra_configuration?: { [key: string]: string };
}
const typedSchema = standardSchema<typeof kind, CredentialsForm>(kind);
const resolve = resolverLike(typedSchema);
const resolved: CredentialsForm = resolve({ integration_id: "x", project_id: "y" });
type Inferred = StandardSchemaV1.InferOutput<typeof typedSchema>;
const inferred: Inferred = resolved;
// @ts-expect-error: not a kind id
standardSchema("paragon.integration-credential");
// @ts-expect-error: options are checked
standardSchema(kind, { contxt: {} });
// @ts-expect-error: the form's values are typed from the schema
resolve({ integration_id: 1, project_id: "y" });

void [asStandard, vendor, inferred];

// Per-kind types (kinds.d.ts, generated from the kinds' structure declaration), accepted as
// interfaces; a misspelt field of a kind's document type is rejected.
const typedDoc: ParagonIntegrationCredentialsDocument = {
  integration_id: "d589fe10-b66e-4cb2-885a-0440393886f4",
  project_id: "6c9880c7-66af-467a-b319-0ce70e886bac",
  oauth: { client_id: "a", client_secret: "b", scopes: ["read"] },
  extra_configuration: { region: "eu", retries: 3 },
};
const misspelt: ParagonIntegrationCredentialsDocument = {
  integration_id: "x",
  project_id: "y",
  oauth: { client_id: "a", client_secret: "b" },
  // @ts-expect-error: `extra_configuraton` is not a field of the kind
  extra_configuraton: {},
};
// @ts-expect-error: extra configuration values are scalars
const notScalar: KindDocument<typeof kind> = { integration_id: "x", project_id: "y", oauth: { client_id: "a", client_secret: "b" }, extra_configuration: { a: [1] } };
const typedContext: KindContext<typeof kind> = { operation: "update", integration: { type: "custom", authentication_type: "oauth" } };
// @ts-expect-error: the operations are a closed set
const badContext: ParagonIntegrationCredentialsContext = { operation: "delete" };
const typedReport: Report = validate(kind, typedDoc, { context: typedContext });
// An app's own interface (no index signature) is accepted by validate and standardSchema.
interface AppCredentials {
  integration_id: string;
  project_id: string;
  oauth: { client_id: string; client_secret: string };
}
const appDoc: AppCredentials = { integration_id: "x", project_id: "y", oauth: { client_id: "a", client_secret: "b" } };
const appReport: Report = validate(kind, appDoc);
const appSchema = standardSchema<typeof kind, AppCredentials>(kind, { context: typedContext });
// oauth.client is open: members it does not declare are allowed.
const openDoc: OauthClientDocument = { redirect_uris: ["https://app.example/cb"], "client_name#fr": "Client", x_vendor_extension: true };
const sameType: KindDocument<"oauth.client"> = openDoc;
// The schema's values are the kind's document type by default.
const kindResolve = resolverLike(standardSchema(kind, { context: typedContext }));
const kindValues: ParagonIntegrationCredentialsDocument = kindResolve(typedDoc);
// @ts-expect-error: a misspelt field of the kind's document, in the form's values
kindResolve({ ...typedDoc, projct_id: "y" });

void [misspelt, notScalar, badContext, typedReport, appReport, appSchema, sameType, kindValues];

// Field labels: the app's own by pointer (validate of a document, validateField, standardSchema);
// each diagnostic and issue may carry one. JSON text and batches take no labels.
const labelled: Report = validate(kind, { oauth: {} }, { labels: { "/oauth/client_secret": "App secret" } });
const firstLabel: string | undefined = labelled.diagnostics[0]?.label;
const fieldLabels: Diagnostic[] = validateField(kind, "/oauth/client_id", "", undefined, { labels: { "/oauth/client_id": "Key" } });
const labelledSchema = standardSchema(kind, { labels: { "/oauth/scopes": "Permissions" } });
const issueLabel = (() => {
  const r = labelledSchema["~standard"].validate({});
  return "issues" in r && r.issues ? r.issues[0]?.label : undefined;
})();
// @ts-expect-error: a label is a string
validate(kind, { oauth: {} }, { labels: { "/oauth": 3 } });
// @ts-expect-error: JSON text gets the CLI's report, without labels
validate(kind, "{}", { labels: {} });
// @ts-expect-error: a batch takes no labels
validateBatch("[]", { labels: {} });
export const labelUses = [firstLabel, fieldLabels, issueLabel];
// Fixes: text or a value; safe by default, unsafe on request; a diagnostic's fix is typed.
const fixedText: FixResult = fix(null, "{}", { unsafe: true });
const fixedText2: string = fixedText.text;
const fixedValue = fix("paragon.integration-credentials", { oauth: {} });
const fixedDoc: object = fixedValue.document;
const firstFix = fixedText.remaining.diagnostics[0]?.fix;
const applicability: "safe" | "unsafe" | undefined = firstFix?.applicability;
const replacement: string | null | undefined = firstFix?.edits[0]?.replacement;
// @ts-expect-error `unsafe` is a boolean
fix(null, "{}", { unsafe: "yes" });
void [fixedText2, fixedDoc, applicability, replacement];
