//! `genesys.oauth-client`: the `genesyscloud_oauth_client` Terraform resource (seed 004). The
//! provider checks only the validity range and the two enums at plan time; the grant-dependent
//! requirements (roles for client credentials, scopes for every other grant, redirect URIs for
//! the browser grants) fail only at the API. credlint checks all of them offline.

use super::Kind;
use crate::condition::{Clause, Cond, Need};
use crate::diagnostic::{Severity, Sink};
use crate::fix::{Op, Proposed};
use crate::json::{SpanRef, View, pointer};
use crate::rules::{self, Example, RuleMeta, Unit, doc, fix_doc};
use crate::structure::{Field, Role, Str, Ty};
use crate::text::describe;

pub struct GenesysOAuthClient;

const KIND: &str = "genesys.oauth-client";

/// The provider's `validation.IntBetween(300, 38880000)`.
const VALIDITY_MIN: i64 = 300;
const VALIDITY_MAX: i64 = 38_880_000;
/// 48 hours: the most a client may have unless it is a Genesys Cloud SCIM client.
const VALIDITY_NON_SCIM_MAX: i64 = 172_800;

/// The provider's `validation.StringInSlice(..., false)`: case-sensitive.
const GRANT_TYPES: &[&str] = &[
    "CODE",
    "TOKEN",
    "SAML2-BEARER",
    "SAML2BEARER",
    "PASSWORD",
    "CLIENT-CREDENTIALS",
];
const CLIENT_CREDENTIALS: &str = "CLIENT-CREDENTIALS";

// The grant conditions, declared once: the rules decide with them and the envelope schema's
// `if`s are written from them.
const GRANT: &[&str] = &["document", "authorized_grant_type"];
const CLIENT_CREDENTIALS_GRANT: Cond = Cond::Is(GRANT, CLIENT_CREDENTIALS);
/// A known grant other than `CLIENT-CREDENTIALS`: a client acting for a user.
const USER_GRANT: Cond = Cond::All(&[
    Cond::In(GRANT, GRANT_TYPES),
    Cond::Not(&CLIENT_CREDENTIALS_GRANT),
]);

static ROLE_FIELDS: &[Field] = &[
    Field {
        name: "role_id",
        label: "Role",
        description: doc("Role to be associated with the given division, which forms a grant."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "division_id",
        label: "Division",
        description: doc(
            "Division of the grant. If not set, the home division is used; `*` means all divisions.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];

static STRING: Ty = Ty::String(Str::ANY);
static ROLE: Ty = Ty::Object(ROLE_FIELDS);

static FIELDS: &[Field] = &[
    Field {
        name: "name",
        label: "App Name",
        description: doc("The name of the OAuth client."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "description",
        label: "Description",
        description: doc("The description of the OAuth client."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "access_token_validity_seconds",
        label: "Token Duration",
        description: doc(
            "Seconds until tokens created with this client expire: 300 (5 min) to 172800 (48 h); only Genesys Cloud SCIM (Identity Management) clients may go up to 38880000 (450 days). Default 86400.",
        ),
        required: false,
        role: Role::TokenLifetime,
        ty: Ty::Integer {
            min: Some(VALIDITY_MIN),
            max: Some(VALIDITY_MAX),
            rule: Some(&VALIDITY_RANGE),
        },
    },
    Field {
        name: "registered_redirect_uris",
        label: "Authorized redirect URIs",
        description: doc(
            "Allowed callbacks for this client (absolute URLs, such as `https://myapp.example.com/auth/callback`). Required for the `CODE` and `TOKEN` grants.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Array {
            items: &STRING,
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "authorized_grant_type",
        label: "Grant Types",
        description: doc(
            "The OAuth grant/client type: `CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD` or `CLIENT-CREDENTIALS` (`SAML2BEARER` is accepted as an alias that drifts).",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::one_of_rule(GRANT_TYPES, &GRANT_TYPE)),
    },
    Field {
        name: "scopes",
        label: "Scope",
        description: doc(
            "The scopes requested by this client. Required for every grant but `CLIENT-CREDENTIALS`, which ignores them.",
        ),
        required: false,
        role: Role::Scopes,
        ty: Ty::Array {
            items: &STRING,
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "roles",
        label: "Roles",
        description: doc(
            "Roles and their divisions. Required for `CLIENT-CREDENTIALS` and ignored by every other grant; the roles must already be assigned to the OAuth client Terraform uses.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Array {
            items: &ROLE,
            min_items: 0,
            unique: None,
        },
    },
    Field {
        name: "state",
        label: "State",
        description: doc(
            "`active` or `inactive` (no access tokens can be created with an inactive client). Default `active`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::one_of_rule(&["active", "inactive"], &STATE)),
    },
    Field {
        name: "integration_credential_name",
        label: "Integration credential name",
        description: doc(
            "Name of an integration credential (type `pureCloudOAuthClient`) to create with this client.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "expose_client_secret",
        label: "Expose client secret",
        description: doc(
            "Expose the client secret as a sensitive attribute. This stores the secret in the Terraform state. Default false.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "directory_client_secret",
        label: "Client secret directory",
        description: doc("Directory where the secret can be stored."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "client_secret",
        label: "Client Secret",
        description: doc(
            "Computed: the client secret, only populated when `expose_client_secret` is true.",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "client_id",
        label: "Client ID",
        description: doc("Computed: the client id."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "id",
        label: "ID",
        description: doc("Computed: the ID of this resource."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "integration_credential_id",
        label: "Integration credential ID",
        description: doc(
            "Computed: the id of the integration credential created with this client.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];

// ---- the rules' shared examples, the declared rules, the run order ----------------------------

const CODE: &str = r#"{"name": "Example OAuth Client", "description": "For example purposes only", "access_token_validity_seconds": 600, "registered_redirect_uris": ["https://example.com/auth"], "authorized_grant_type": "CODE", "scopes": ["users"], "state": "active"}"#;
const CC: &str = r#"{"name": "Automation", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "5a8bbc4a-6a5e-4b43-9c4e-59b1c0a7f2a1", "division_id": "*"}]}"#;

pub static VALIDITY_RANGE: RuleMeta = RuleMeta {
    id: "genesys/validity-range",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`access_token_validity_seconds` outside 300..38880000"),
    why: doc(
        "The provider accepts token lifetimes from 5 minutes to 450 days only (`validation.IntBetween(300, 38880000)`) and rejects anything else at plan time.",
    ),
    source: doc("seed 004; provider schema `access_token_validity_seconds`"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"], "access_token_validity_seconds": 299}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"], "access_token_validity_seconds": 38880001}"#,
        ),
    ],
};

pub static GRANT_TYPE: RuleMeta = RuleMeta {
    id: "genesys/grant-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "`authorized_grant_type` not one of `CODE`, `TOKEN`, `SAML2-BEARER`, `SAML2BEARER`, `PASSWORD`, `CLIENT-CREDENTIALS`",
    ),
    why: doc(
        "The provider accepts only these values, case-sensitively (`validation.StringInSlice(..., false)`); `client_credentials` or `Code` fail at plan time.",
    ),
    source: doc("seed 004; provider schema `authorized_grant_type`"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "client_credentials", "roles": [{"role_id": "r"}]}"#,
        ),
    ],
};

pub static STATE: RuleMeta = RuleMeta {
    id: "genesys/state",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`state` not `active` / `inactive`"),
    why: doc(
        "The provider accepts only `active` and `inactive` (case-sensitive); the API's own `disabled` state is not accepted by the provider.",
    ),
    source: doc("seed 004; provider schema `state`"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"], "state": "disabled"}"#,
        ),
    ],
};

/// What the rules read: the document, and its grant when it is one Genesys Cloud knows (an
/// unknown or missing grant is `genesys/grant-type` or `structure/required`, and the rules that
/// depend on the grant wait for a known one).
struct Input<'a> {
    /// The document (an object).
    doc: SpanRef<'a>,
    grant: Option<&'a str>,
}

impl Input<'_> {
    fn holds(&self, cond: &Cond) -> bool {
        cond.holds(None, Some(self.doc))
    }
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

/// The kind's rules, in the order they run (the declared ones in the structure check, first).
static UNITS: &[Unit<Check>] = &[
    Unit::declared(&VALIDITY_RANGE),
    Unit::declared(&GRANT_TYPE),
    Unit::declared(&STATE),
    Unit::new(&VALIDITY_SCIM_ONLY, validity_scim_only),
    Unit::new(&GRANT_TYPE_ALIAS, grant_type_alias),
    Unit::new(&IMPLICIT_GRANT, implicit_grant),
    Unit::when(
        &ROLES_REQUIRED,
        &Clause {
            when: CLIENT_CREDENTIALS_GRANT,
            then: Need::NonEmpty(&["roles"]),
        },
        roles_required,
    ),
    Unit::new(&ROLES_IGNORED, roles_ignored),
    Unit::when(
        &SCOPES_REQUIRED,
        &Clause {
            when: USER_GRANT,
            then: Need::NonEmpty(&["scopes"]),
        },
        scopes_required,
    ),
    Unit::new(&SCOPES_IGNORED, scopes_ignored),
    Unit::new(&REDIRECT_URI, redirect_uri),
    Unit::new(&EXPOSE_SECRET, expose_secret),
];

// ---- the kind --------------------------------------------------------------------------------

impl Kind for GenesysOAuthClient {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "Genesys Cloud OAuth client (genesyscloud_oauth_client)"
    }
    fn description(&self) -> &'static str {
        doc(
            "A Genesys Cloud OAuth client: the attributes of the `genesyscloud_oauth_client` Terraform resource, or its state.",
        )
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn rules(&self) -> Vec<&'static RuleMeta> {
        rules::metas(KIND, UNITS)
    }
    fn context_fields(&self) -> &'static [Field] {
        &[]
    }
    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, serde_json::Value)> {
        rules::envelope(KIND, UNITS)
    }

    fn check(&self, tree: SpanRef<'_>, _context: SpanRef<'_>, sink: &mut Sink) {
        if tree.as_object().is_none() {
            return;
        }
        let input = Input {
            doc: tree,
            grant: tree
                .field("authorized_grant_type")
                .and_then(SpanRef::as_str)
                .filter(|g| GRANT_TYPES.contains(g)),
        };
        for check in rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }
}

// ---- the rules: each rule's metadata, then its check ------------------------------------------

pub static VALIDITY_SCIM_ONLY: RuleMeta = RuleMeta {
    id: "genesys/validity-scim-only",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`access_token_validity_seconds` above 172800 (48 hours)"),
    why: doc(
        "Tokens may live between 5 minutes and 48 hours; only clients using Genesys Cloud SCIM (Identity Management) may go up to 38880000 seconds (450 days). The provider accepts the whole range, so any other client fails at the API.",
    ),
    source: doc("seed 004 (`access_token_validity_seconds`)"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::pass(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"], "access_token_validity_seconds": 172800}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "SCIM", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "r"}], "access_token_validity_seconds": 172801}"#,
        ),
    ],
};

fn validity_scim_only(i: &Input, sink: &mut Sink) {
    if let Some(n) = i
        .doc
        .field("access_token_validity_seconds")
        .and_then(SpanRef::as_f64)
        && n > VALIDITY_NON_SCIM_MAX as f64
        && n <= VALIDITY_MAX as f64
    {
        sink.report(
            &VALIDITY_SCIM_ONLY,
            "/access_token_validity_seconds",
            || format!("a token lifetime of {} days is above 48 hours (172800 seconds): only Genesys Cloud SCIM clients may go that high", crate::text::Float((n / 86_400.0 * 10.0).round() / 10.0)),
        )
        .hint("use 172800 seconds or less unless this client is used for Genesys Cloud SCIM (Identity Management)");
    }
}

pub static GRANT_TYPE_ALIAS: RuleMeta = RuleMeta {
    id: "genesys/grant-type-alias",
    kind: KIND,
    severity: Severity::Warning,
    fix: fix_doc(Some("safe: `SAML2BEARER` is written `SAML2-BEARER`")),
    summary: doc("`SAML2BEARER` instead of `SAML2-BEARER`"),
    why: doc(
        "The provider accepts both spellings, but the API answers `SAML2-BEARER`, so a configuration that says `SAML2BEARER` shows a change on every plan.",
    ),
    source: doc("seed 004 (grant types); provider schema"),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "SAML2-BEARER", "scopes": ["users"]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "SAML2BEARER", "scopes": ["users"]}"#,
        ),
    ],
};

fn grant_type_alias(i: &Input, sink: &mut Sink) {
    if i.grant == Some("SAML2BEARER") {
        sink.report(&GRANT_TYPE_ALIAS, "/authorized_grant_type", "`SAML2BEARER` is an alias: the API answers `SAML2-BEARER`, so every plan shows a change")
            .hint("write `SAML2-BEARER`")
            .fix(Proposed::safe(
                "write `SAML2-BEARER`",
                Op::Replace("/authorized_grant_type".into(), "\"SAML2-BEARER\"".into()),
            ));
    }
}

pub static IMPLICIT_GRANT: RuleMeta = RuleMeta {
    id: "genesys/implicit-grant",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`TOKEN` (the implicit grant)"),
    why: doc(
        "The implicit grant returns the access token in the browser's address bar, where it leaks through history, referrers and logs; the OAuth 2.0 Security Best Current Practice says not to use it. Use `CODE` (with PKCE) instead.",
    ),
    source: doc("RFC 9700 §2.1.2"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "TOKEN", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"]}"#,
        ),
    ],
};

fn implicit_grant(i: &Input, sink: &mut Sink) {
    if i.grant == Some("TOKEN") {
        sink.report(&IMPLICIT_GRANT, "/authorized_grant_type", "`TOKEN` is the implicit grant, which the OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use")
            .hint("use `CODE` (the authorization code grant, with PKCE) instead");
    }
}

/// Whether the list `key` is given and not empty; `None` for a value of the wrong type
/// (`structure/type` says so).
fn present(i: &Input, key: &str) -> Option<bool> {
    match i.doc.field(key).map(SpanRef::view) {
        None | Some(View::Null) => Some(false),
        Some(View::Array(a)) => Some(!a.is_empty()),
        Some(_) => None,
    }
}

pub static ROLES_REQUIRED: RuleMeta = RuleMeta {
    id: "genesys/roles-required",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`CLIENT-CREDENTIALS` without `roles`"),
    why: doc(
        "A client-credentials client acts as itself, with the roles it is given; the API rejects one without roles. The provider does not check it, so it fails only at apply.",
    ),
    source: doc(
        "seed 004 (`roles`: \"Roles must be set for clients using the CLIENT-CREDENTIALS grant\")",
    ),
    examples: &[
        Example::pass(KIND, "", CC),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Automation", "authorized_grant_type": "CLIENT-CREDENTIALS"}"#,
        ),
    ],
};

/// Runs where `roles` is not given or empty (its clause).
fn roles_required(i: &Input, sink: &mut Sink) {
    if i.holds(&CLIENT_CREDENTIALS_GRANT) {
        sink.report(&ROLES_REQUIRED, "/roles", "`CLIENT-CREDENTIALS` clients need `roles`: the API rejects one without")
            .hint("add a `roles` block with the `role_id` (and optionally `division_id`, `*` for all divisions) the client acts with")
            .related("/authorized_grant_type");
    }
}

pub static ROLES_IGNORED: RuleMeta = RuleMeta {
    id: "genesys/roles-ignored",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`roles` on a grant other than `CLIENT-CREDENTIALS`"),
    why: doc(
        "Roles only apply to client-credentials clients; on any other grant the client acts as the signed-in user and the roles are ignored.",
    ),
    source: doc("seed 004 (example: \"Roles are only applicable to CLIENT-CREDENTIALS grants\")"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"], "scopes": ["users"], "roles": [{"role_id": "r", "division_id": "d"}]}"#,
        ),
    ],
};

fn roles_ignored(i: &Input, sink: &mut Sink) {
    if let Some(grant) = i.grant
        && grant != CLIENT_CREDENTIALS
        && present(i, "roles") == Some(true)
    {
        sink.report(&ROLES_IGNORED, "/roles", || format!("`roles` only apply to `CLIENT-CREDENTIALS` clients; the `{grant}` grant ignores them"))
            .hint("remove `roles`; a client on this grant acts with the signed-in user's permissions")
            .related("/authorized_grant_type");
    }
}

pub static SCOPES_REQUIRED: RuleMeta = RuleMeta {
    id: "genesys/scopes-required",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a grant other than `CLIENT-CREDENTIALS` without `scopes`"),
    why: doc(
        "Clients that act for a user must say which scopes they request; the API rejects one without scopes. The provider does not check it, so it fails only at apply.",
    ),
    source: doc(
        "seed 004 (`scopes`: \"Scopes must be set for clients not using the CLIENT-CREDENTIALS grant\")",
    ),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "registered_redirect_uris": ["https://example.com/auth"]}"#,
        ),
    ],
};

/// Runs where `scopes` is not given or empty (its clause).
fn scopes_required(i: &Input, sink: &mut Sink) {
    if let Some(grant) = i.grant
        && i.holds(&USER_GRANT)
    {
        sink.report(&SCOPES_REQUIRED, "/scopes", || {
            format!("the `{grant}` grant needs `scopes`: the API rejects a client without them")
        })
        .hint("list the scopes the client requests, such as `users`")
        .related("/authorized_grant_type");
    }
}

pub static SCOPES_IGNORED: RuleMeta = RuleMeta {
    id: "genesys/scopes-ignored",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`scopes` on `CLIENT-CREDENTIALS`"),
    why: doc(
        "A client-credentials client's permissions come from its roles; scopes on it are ignored.",
    ),
    source: doc("seed 004 (`scopes`, `roles`)"),
    examples: &[
        Example::pass(KIND, "", CC),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Automation", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "r"}], "scopes": ["users"]}"#,
        ),
    ],
};

fn scopes_ignored(i: &Input, sink: &mut Sink) {
    if i.grant == Some(CLIENT_CREDENTIALS) && present(i, "scopes") == Some(true) {
        sink.report(&SCOPES_IGNORED, "/scopes", "`scopes` are ignored on `CLIENT-CREDENTIALS` clients: their permissions come from `roles`")
            .hint("remove `scopes`")
            .related("/authorized_grant_type");
    }
}

pub static REDIRECT_URI: RuleMeta = RuleMeta {
    id: "genesys/redirect-uri",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a redirect URI that is not an absolute URL, or `CODE` / `TOKEN` without any redirect URI",
    ),
    why: doc(
        "The browser grants send the user back to a registered callback, matched exactly; a relative or malformed URI can never match, and a `CODE` or `TOKEN` client without one cannot complete a login.",
    ),
    source: doc("seed 004 (`registered_redirect_uris`); RFC 6749 §3.1.2"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "scopes": ["users"]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "c", "authorized_grant_type": "CODE", "scopes": ["users"], "registered_redirect_uris": ["/auth/callback"]}"#,
        ),
    ],
};

/// A grant that sends the user back needs a redirect URI, and each must be an absolute URL.
fn redirect_uri(i: &Input, sink: &mut Sink) {
    if let Some(grant @ ("CODE" | "TOKEN")) = i.grant
        && present(i, "registered_redirect_uris") == Some(false)
    {
        sink.report(
            &REDIRECT_URI,
            "/registered_redirect_uris",
            || format!("the `{grant}` grant sends the user back to a registered redirect URI, and there is none"),
        )
        .hint("add the application's callback URL, such as `https://myapp.example.com/auth/callback`")
        .related("/authorized_grant_type");
    }
    if let Some(uris) = i
        .doc
        .field("registered_redirect_uris")
        .and_then(SpanRef::as_array)
    {
        for (n, uri) in uris.iter().enumerate() {
            let Some(s) = uri.as_str() else { continue };
            if let Some(problem) = not_absolute(s) {
                let path = pointer::join("/registered_redirect_uris", &n.to_string());
                sink.report(&REDIRECT_URI, path.clone(), || format!("{} {problem}", describe(&path)))
                    .hint("write the full callback URL the application listens on, such as `https://myapp.example.com/auth/callback`");
            }
        }
    }
}

pub static EXPOSE_SECRET: RuleMeta = RuleMeta {
    id: "genesys/expose-secret",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: doc("`expose_client_secret = true` stores the client secret in the Terraform state"),
    why: doc(
        "Anyone who can read the state (a shared backend, a CI artefact) can read the secret; keep the state encrypted and access-controlled, or leave the secret unexposed.",
    ),
    source: doc("seed 004 (`expose_client_secret`)"),
    examples: &[
        Example::pass(KIND, "", CODE),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Automation", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "r"}], "expose_client_secret": true}"#,
        ),
    ],
};

fn expose_secret(i: &Input, sink: &mut Sink) {
    if i.doc
        .field("expose_client_secret")
        .and_then(SpanRef::as_bool)
        == Some(true)
    {
        sink.report(&EXPOSE_SECRET, "/expose_client_secret", "`expose_client_secret = true` stores the client secret in the Terraform state")
            .hint("keep the state encrypted and access-controlled, or leave the secret unexposed and read it from the Genesys Cloud admin UI");
    }
}

/// Why `s` is not an absolute URL, or `None` when it is one. Says nothing of the URL's text.
fn not_absolute(s: &str) -> Option<&'static str> {
    if s.trim() != s {
        return Some("has spaces around it, so it can never match a callback exactly");
    }
    match crate::weburl::parse(s) {
        Ok(u) if u.cannot_be_a_base() && !s.contains(":/") => Some(
            "is not an absolute URL: the text before its first `:` reads as a scheme, and no `//host` or `/path` follows it",
        ),
        Ok(_) => None,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Some("is not an absolute URL: it has no scheme such as `https://`")
        }
        Err(_) => Some("is not a valid URL"),
    }
}
