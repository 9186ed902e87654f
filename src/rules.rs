//! The rule registry: every rule in one place with its id, default severity, why it exists and
//! its passing and failing examples. `credlint rules`, `credlint explain` and the example test read
//! from here, so the docs cannot drift from the code.

use crate::condition::Clause;
use crate::diagnostic::Severity;
use serde_json::Value;

#[derive(Debug)]
pub struct RuleMeta {
    /// `family/name`, kebab case; a public contract that never changes once released.
    pub id: &'static str,
    /// The kind this rule belongs to, or `*` for rules that apply to every kind.
    pub kind: &'static str,
    pub severity: Severity,
    /// How the rule fixes what it reports, when it does (`credlint check --fix`, `fix()` in
    /// JavaScript): one line for `explain` and the rule docs, saying whether the fix is safe.
    pub fix: Option<&'static str>,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it exists: the platform behaviour it mirrors.
    pub why: &'static str,
    /// Where that behaviour is documented (seed, provider code, RFC).
    pub source: &'static str,
    pub examples: &'static [Example],
}

/// A document (as JSON text) with the context it is checked in. A `fail` example must produce at
/// least one diagnostic of its rule; a `pass` example none.
#[derive(Debug)]
pub struct Example {
    pub pass: bool,
    pub kind: &'static str,
    /// JSON text of the context object, or `""` for none.
    pub context: &'static str,
    pub document: &'static str,
    /// JSON text of the policy it is checked under, or `""` for the default.
    pub policy: &'static str,
}

impl Example {
    /// A passing example. Its text is documentation ([`doc`]): the library builds, which only
    /// probe with failing examples, leave it out.
    pub const fn pass(kind: &'static str, context: &'static str, document: &'static str) -> Self {
        Example {
            pass: true,
            kind,
            context: doc(context),
            document: doc(document),
            policy: "",
        }
    }
    pub const fn fail(kind: &'static str, context: &'static str, document: &'static str) -> Self {
        Example {
            pass: false,
            kind,
            context,
            document,
            policy: "",
        }
    }
    /// The same example under a policy (for rules a policy's options switch on).
    pub const fn with_policy(self, policy: &'static str) -> Self {
        Example { policy, ..self }
    }
}

/// A rule's documentation text (`summary`, `why`, `source`), or a field's or a kind's description
/// (its JSON Schema's `description`), as the builds that show it keep it: the command line, the
/// tests and the docs (cargo feature `docs`). The WebAssembly library builds keep ids,
/// severities, failing examples and field labels; the package's `rules.js` carries the rules' text for `listRules()`
/// (generated from the bin's `credlint rules --format json`) and its `schemas.js` the schemas
/// for `exportSchema()` (from the bin's `exportSchema`).
pub const fn doc(text: &'static str) -> &'static str {
    if cfg!(feature = "docs") { text } else { "" }
}

/// A rule's fix description ([`RuleMeta::fix`]) as [`doc`] keeps text: without the feature the
/// rule still says that it fixes, with no words.
pub const fn fix_doc(text: Option<&'static str>) -> Option<&'static str> {
    match text {
        Some(_) if !cfg!(feature = "docs") => Some(""),
        other => other,
    }
}

/// One rule of a kind, as one unit: its metadata (id, severity, documentation, examples) and
/// its check, declared together. A kind lists its units in the order they run (the order
/// `credlint rules` lists them) and has no check of its own beyond running them.
///
/// `C` is the kind's check signature: a function of what the kind's rules read (the document and
/// the facts the kind works out once for all its rules, such as its context) and the sink.
pub struct Unit<C: 'static> {
    pub meta: &'static RuleMeta,
    pub check: Checked<C>,
    /// What the envelope schema says of the rule, beside what the kind's fields say.
    pub schema: InSchema,
}

/// How a rule is checked.
pub enum Checked<C: 'static> {
    /// By its own function.
    By(C),
    /// By the kind's field declarations, which name it (a type whose values it reports): the
    /// structure check runs it and the exported schema says it, from the one declaration.
    Declared,
}

/// A rule's share of the envelope schema (`schemas/envelope.schema.json`).
#[derive(Clone, Copy)]
pub enum InSchema {
    /// None (the fields' schema says the rule, or JSON Schema cannot).
    No,
    /// A context rule declared as data: its check runs only where the clause's need is unmet,
    /// and the schema's `if`/`then` is written from the same clause.
    Clause(&'static Clause),
    /// A clause JSON Schema can say but [`Clause`] cannot (an `if` of the kind alone, or
    /// conditions on lists), written out by the rule.
    Written(fn() -> Value),
}

impl<C> Unit<C> {
    pub const fn new(meta: &'static RuleMeta, check: C) -> Self {
        Unit {
            meta,
            check: Checked::By(check),
            schema: InSchema::No,
        }
    }
    pub const fn declared(meta: &'static RuleMeta) -> Self {
        Unit {
            meta,
            check: Checked::Declared,
            schema: InSchema::No,
        }
    }
    /// The rule is the context rule `clause`.
    pub const fn when(meta: &'static RuleMeta, clause: &'static Clause, check: C) -> Self {
        Unit {
            meta,
            check: Checked::By(check),
            schema: InSchema::Clause(clause),
        }
    }
    /// The rule's envelope-schema clause is written by `schema` (kept only in the builds that
    /// write schemas, feature `docs`: elsewhere the function is left out of the binary).
    pub const fn written(meta: &'static RuleMeta, schema: fn() -> Value, check: C) -> Self {
        Unit {
            meta,
            check: Checked::By(check),
            schema: if cfg!(feature = "docs") {
                InSchema::Written(schema)
            } else {
                InSchema::No
            },
        }
    }
}

/// The metadata of the units of the kind `kind`, in order. A kind may also run a rule of another
/// kind (the same check on the same kind of field): that rule is listed with the kind it
/// belongs to, once.
pub fn metas<C>(kind: &str, units: &'static [Unit<C>]) -> Vec<&'static RuleMeta> {
    units
        .iter()
        .map(|u| u.meta)
        .filter(|m| m.kind == kind)
        .collect()
}

/// The checks to run on `document`, in order: each unit's own check, except a context rule's
/// where its clause's need is met (nothing there for the rule to find).
pub fn checks<'d, C>(
    units: &'static [Unit<C>],
    document: crate::json::SpanRef<'d>,
) -> impl Iterator<Item = &'static C> + 'd {
    units
        .iter()
        .filter_map(move |u| match (&u.check, u.schema) {
            (Checked::Declared, _) => None,
            (Checked::By(_), InSchema::Clause(c)) if !c.then.unmet(document) => None,
            (Checked::By(check), _) => Some(check),
        })
}

/// The envelope schema's clauses of the units of the kind `kind`, in order, with their rules.
#[cfg(feature = "docs")]
pub fn envelope<C>(kind: &str, units: &'static [Unit<C>]) -> Vec<(&'static RuleMeta, Value)> {
    units
        .iter()
        .filter_map(|u| match u.schema {
            InSchema::No => None,
            InSchema::Clause(c) => Some((u.meta, c.schema(kind))),
            InSchema::Written(schema) => Some((u.meta, schema())),
        })
        .collect()
}

const STRUCT_KIND: &str = "paragon.integration-credentials";
const GOOD: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}"#;

pub static INVALID_JSON: RuleMeta = RuleMeta {
    id: "structure/invalid-json",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "the input does not parse as JSON (or is too large, or not UTF-8): it was not checked",
    ),
    why: doc(
        "A file that does not parse cannot be checked, and the platform would reject it. The position of the first error is given. An input that was not checked always fails the run and `apply`: no policy can lower or turn off this rule.",
    ),
    source: doc("RFC 8259"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(STRUCT_KIND, "", r#"{"integration_id": "x", }"#),
    ],
};

pub static INVALID_ENVELOPE: RuleMeta = RuleMeta {
    id: "structure/invalid-envelope",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "the input is not a credential envelope credlint can check: unknown kind, a document that is not an object, a misspelt envelope key, a batch element that is not an envelope",
    ),
    why: doc(
        "A document credlint cannot identify is a document it did not check. Saying nothing would let a misspelt kind or envelope key pass a gate unchecked, so it always fails the run and `apply`: no policy can lower or turn off this rule.",
    ),
    source: doc("credlint's envelope (README: Inputs)"),
    examples: &[
        Example::pass(
            STRUCT_KIND,
            "",
            r#"{"kind": "paragon.integration-credentials", "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}}"#,
        ),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"kind": "paragon.integration_credentials", "document": {}}"#,
        ),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"kind": "paragon.integration-credentials", "document": []}"#,
        ),
    ],
};

/// Whether `id` means "this input was not checked": such a finding always fails the run and
/// `apply`, and a policy may not configure it.
pub fn is_input_failure(id: &str) -> bool {
    id == INVALID_JSON.id || id == INVALID_ENVELOPE.id
}

pub static DUPLICATE_KEY: RuleMeta = RuleMeta {
    id: "structure/duplicate-key",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("a key appears twice in one object"),
    why: doc(
        "JSON parsers silently keep one of the two values (JSON.parse and Go keep the last, some keep the first), so a reviewer may read one value while the platform uses the other: a smuggling risk.",
    ),
    source: doc("RFC 8259 §4 (names SHOULD be unique)"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "a", "integration_id": "b", "project_id": "p", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}"#,
        ),
    ],
};

pub static REQUIRED: RuleMeta = RuleMeta {
    id: "structure/required",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("a required field is missing"),
    why: doc("The platform rejects a document without it."),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "a", "project_id": "p", "oauth": {"client_id": "id"}}"#,
        ),
    ],
};

pub static TYPE: RuleMeta = RuleMeta {
    id: "structure/type",
    kind: "*",
    severity: Severity::Error,
    fix: fix_doc(Some(
        "unsafe: a string of space-separated scopes where a list of scopes is expected becomes that list",
    )),
    summary: doc("a value has the wrong JSON type"),
    why: doc(
        "The platform expects a string, a list, an object... and rejects or misreads anything else.",
    ),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": 7, "project_id": "p", "oauth": {"client_id": "id", "client_secret": "s"}}"#,
        ),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": "read write"}}"#,
        ),
    ],
};

pub static ENUM: RuleMeta = RuleMeta {
    id: "structure/enum",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("a value is not one of the allowed values"),
    why: doc("The platform accepts only a fixed set of values here; the message lists them."),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(
            "oauth.client",
            "",
            r#"{"redirect_uris": ["https://app.example.com/cb"], "token_endpoint_auth_method": "client_secret_basic"}"#,
        ),
        Example::fail(
            "oauth.client",
            "",
            r#"{"redirect_uris": ["https://app.example.com/cb"], "application_type": "desktop"}"#,
        ),
    ],
};

pub static MIN_LENGTH: RuleMeta = RuleMeta {
    id: "structure/min-length",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("an empty string where one character or more is required"),
    why: doc(
        "The platform rejects an empty value here (the Paragon provider: `LengthAtLeast(1)` on client id and secret).",
    ),
    source: doc("each kind's schema; Paragon provider schema"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "a", "project_id": "p", "oauth": {"client_id": "", "client_secret": "s", "scopes": ["read"]}}"#,
        ),
    ],
};

pub static MIN_ITEMS: RuleMeta = RuleMeta {
    id: "structure/min-items",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("an empty list where one item or more is required"),
    why: doc(
        "The platform rejects an empty list here (the Paragon provider: `SizeAtLeast(1)` on scopes).",
    ),
    source: doc("each kind's schema; Paragon provider schema"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "a", "project_id": "p", "oauth": {"client_id": "id", "client_secret": "s", "scopes": []}}"#,
        ),
    ],
};

pub static RANGE: RuleMeta = RuleMeta {
    id: "structure/range",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("a number outside its bounds"),
    why: doc(
        "The platform accepts only numbers in a given range here; the message gives the bounds.",
    ),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(
            "itential.token-config",
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/token", "token": {"expires_in": 3600}}"#,
        ),
        Example::fail(
            "itential.token-config",
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/token", "token": {"expires_in": -5}}"#,
        ),
    ],
};

pub static FORMAT: RuleMeta = RuleMeta {
    id: "structure/format",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc("a malformed URL, UUID, colour..."),
    why: doc(
        "The platform cannot use a value that does not have the expected form. A sensitive value is never echoed.",
    ),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(
            "paragon.custom-integration",
            "",
            r##"{"name": "Acme", "accentColor": "#ff8800", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password", "required": true}]}"##,
        ),
        Example::fail(
            "paragon.custom-integration",
            "",
            r##"{"name": "Acme", "accentColor": "orange", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password", "required": true}]}"##,
        ),
    ],
};

pub static UNKNOWN_FIELD: RuleMeta = RuleMeta {
    id: "structure/unknown-field",
    kind: "*",
    severity: Severity::Error,
    fix: fix_doc(Some(
        "unsafe: a near miss of a known field (the \"did you mean\" one) is renamed to it, unless that field is already set",
    )),
    summary: doc("a field the platform does not know"),
    why: doc(
        "Terraform rejects unknown attributes; an API silently drops them, so a misspelt field is a setting that never arrives.",
    ),
    source: doc("each kind's schema"),
    examples: &[
        Example::pass(STRUCT_KIND, "", GOOD),
        Example::fail(
            STRUCT_KIND,
            "",
            r#"{"integration_id": "a", "project_id": "p", "oauth": {"client_id": "id", "client_secret": "s", "scope": ["read"]}}"#,
        ),
    ],
};

/// Rules shared by every kind.
pub static STRUCTURE_RULES: &[&RuleMeta] = &[
    &INVALID_JSON,
    &INVALID_ENVELOPE,
    &DUPLICATE_KEY,
    &REQUIRED,
    &TYPE,
    &ENUM,
    &MIN_LENGTH,
    &MIN_ITEMS,
    &RANGE,
    &FORMAT,
    &UNKNOWN_FIELD,
];
