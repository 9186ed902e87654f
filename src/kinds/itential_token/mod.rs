//! `itential.token-config`: an Itential integration's authentication settings and its stored
//! token (seed 002). The platform retrieves tokens programmatically for the `password` and
//! `clientCredentials` flows only, reads the flow from the integration model's OpenAPI document
//! (first security scheme only), and decides on every call whether to use, refresh or fetch the
//! token. credlint checks the settings offline and answers that decision with [`token_action`].
//!
//! How the OpenAPI document travels: the document's `openapi` field holds it (the whole OpenAPI
//! document, or at least its `components.securitySchemes`). When it is absent, `flow` names the
//! flow. When both are given, the OpenAPI document decides, as on the platform, and a `flow` that
//! disagrees is `itential/flow-mismatch`.

mod setup;
mod time;

use serde_json::Value;

use super::Kind;
use crate::diagnostic::{Severity, Sink};
use crate::json::{SpanRef, View, pointer};
use crate::rules::{Example, RuleMeta, Unit, doc};
use crate::structure::{Field, Format, Role, Str, Ty};
use crate::text::{clip, describe, suggest};

use setup::{OpenApi, SCHEMES_PATH, SUPPORTED, Scheme, endpoint, read_openapi, text, usable_url};
pub use time::Instant;

pub struct ItentialToken;

const KIND: &str = "itential.token-config";

static TOKEN_FIELDS: &[Field] = &[
    Field {
        name: "access_token",
        label: "Access token",
        description: doc(
            "The access token used by integration tasks. Retrieved programmatically when empty or expired; enter it by hand only as in earlier versions (not recommended).",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "refresh_token",
        label: "Refresh token",
        description: doc(
            "The refresh token; used to retrieve a new access token when `refresh_url` is set.",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "token_type",
        label: "Token type",
        description: doc("The token type, used as the authorization scheme. Default `Bearer`."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "expires_in",
        label: "Expires in",
        description: doc("How long the access token is valid, in seconds."),
        required: false,
        role: Role::TokenLifetime,
        ty: Ty::Integer {
            min: Some(0),
            max: None,
            rule: None,
        },
    },
    Field {
        name: "expires_at",
        label: "Expires at",
        description: doc(
            "When the access token expires (RFC 3339). Checked on every integration task to decide whether a new token is retrieved.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::format(Format::DateTime)),
    },
    Field {
        name: "created_at",
        label: "Created at",
        description: doc("When the access token was created (RFC 3339)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::format(Format::DateTime)),
    },
    Field {
        name: "scope",
        label: "Scope",
        description: doc("The scope granted with the token (space-separated)."),
        required: false,
        role: Role::Scopes,
        ty: Ty::String(Str::ANY),
    },
];

static COMPONENTS_FIELDS: &[Field] = &[Field {
    name: "securitySchemes",
    label: "Security schemes",
    description: doc(
        "The OpenAPI security schemes, by name. Only the first is used: an OAuth 2 scheme (`type: oauth2`) with a `password` or `clientCredentials` flow (`tokenUrl`, `refreshUrl`).",
    ),
    required: false,
    role: Role::Plain,
    ty: Ty::OpenObject(&[]),
}];

static OPENAPI_FIELDS: &[Field] = &[Field {
    name: "components",
    label: "Components",
    description: doc("The OpenAPI document's components."),
    required: false,
    role: Role::Plain,
    ty: Ty::OpenObject(COMPONENTS_FIELDS),
}];

static FIELDS: &[Field] = &[
    Field {
        name: "flow",
        label: "Flow",
        description: doc(
            "The token flow: `password` or `clientCredentials` (the two Itential retrieves tokens for). Read from `openapi` instead when that is given.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "client_id",
        label: "Client ID",
        description: doc("Client id provided by the service (`clientCredentials` flow)."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "client_secret",
        label: "Client secret",
        description: doc("Client secret provided by the service (`clientCredentials` flow)."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "username",
        label: "Username",
        description: doc("Account user name (`password` flow)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "password",
        label: "Password",
        description: doc("Account password (`password` flow)."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "token_url",
        label: "Token URL",
        description: doc(
            "The service's token endpoint (absolute URL). Filled from the OpenAPI flow's `tokenUrl` when empty.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "refresh_url",
        label: "Refresh URL",
        description: doc(
            "The service's refresh endpoint (absolute URL); without it a refresh token is never used. Filled from the OpenAPI flow's `refreshUrl` when empty.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "token",
        label: "Token",
        description: doc("The stored token. Editing these fields is not recommended."),
        required: false,
        role: Role::Plain,
        ty: Ty::Object(TOKEN_FIELDS),
    },
    Field {
        name: "openapi",
        label: "OpenAPI document",
        description: doc(
            "The integration model's OpenAPI document (at least `components.securitySchemes`), where the platform reads the flow and its endpoints from.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::OpenObject(OPENAPI_FIELDS),
    },
];

pub static CONTEXT_FIELDS: &[Field] = &[Field {
    name: "now",
    label: "Current time",
    description: doc("The time to judge the token at (RFC 3339), for `itential/token-expired`."),
    required: false,
    role: Role::Plain,
    ty: Ty::String(Str::format(Format::DateTime)),
}];

// ---- the platform's token decision ------------------------------------------------------------

/// What the platform does with the stored token when an integration task runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenAction {
    /// The access token is used as is.
    Use,
    /// The token has expired and a refresh token and refresh URL are present: it is refreshed.
    Refresh,
    /// There is no access token, or it has expired and cannot be refreshed: a new one is fetched.
    Fetch,
}

impl TokenAction {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenAction::Use => "use",
            TokenAction::Refresh => "refresh",
            TokenAction::Fetch => "fetch",
        }
    }
}

/// The platform's decision for the stored token of `config` (an `itential.token-config` document)
/// at `now` (RFC 3339), as seed 002 describes it:
/// - no `token`, or an empty or missing `access_token`: `Fetch`;
/// - an access token without `expires_at` (or with an empty one; a hand-entered token): `Use`;
/// - `now` before `expires_at`: `Use`; at or after it (the token expires *at* `expires_at`): `Refresh`
///   when `token.refresh_token` and a refresh URL (`refresh_url`, or the OpenAPI flow's
///   `refreshUrl`) are both non-empty, else `Fetch`.
///
/// `Err` (never a panic) when `now` or `expires_at` is not an RFC 3339 date-time, or the token's
/// shape cannot be read; the message names the field and never holds a token.
pub fn token_action(config: &Value, now: &str) -> Result<TokenAction, String> {
    let now = Instant::parse(now).map_err(|e| format!("`now`: {e}"))?;
    let tree = crate::json::SpanTree::from_value(config);
    let config = tree.root();
    if config.as_object().is_none() {
        return Err(format!(
            "the configuration must be an object, not {}",
            config.a_type_name()
        ));
    }
    let token = match config.field("token").map(|t| (t, t.view())) {
        None | Some((_, View::Null)) => return Ok(TokenAction::Fetch),
        Some((t, View::Object(_))) => t,
        Some((other, _)) => {
            return Err(format!(
                "`token` must be an object, not {}",
                other.a_type_name()
            ));
        }
    };
    match token.field("access_token").map(|t| (t, t.view())) {
        None | Some((_, View::Null)) => return Ok(TokenAction::Fetch),
        Some((_, View::String(""))) => return Ok(TokenAction::Fetch),
        Some((_, View::String(_))) => {}
        Some((other, _)) => {
            return Err(format!(
                "`token.access_token` must be a string, not {}",
                other.a_type_name()
            ));
        }
    }
    let expires_at = match token.field("expires_at").map(|t| (t, t.view())) {
        None | Some((_, View::Null)) => return Ok(TokenAction::Use),
        Some((_, View::String(""))) => return Ok(TokenAction::Use),
        Some((_, View::String(s))) => {
            Instant::parse(s).map_err(|e| format!("`token.expires_at`: {e}"))?
        }
        Some((other, _)) => {
            return Err(format!(
                "`token.expires_at` must be an RFC 3339 string, not {}",
                other.a_type_name()
            ));
        }
    };
    Ok(if now < expires_at {
        TokenAction::Use
    } else {
        renewal(config, &read_openapi(config))
    })
}

/// How an expired token is renewed.
fn renewal(doc: SpanRef<'_>, openapi: &OpenApi<'_>) -> TokenAction {
    let refresh_token = text(doc.field("token"), "refresh_token").is_some();
    if refresh_token && endpoint(doc, "refresh_url", openapi, "refreshUrl").is_some() {
        TokenAction::Refresh
    } else {
        TokenAction::Fetch
    }
}

// ---- the kind --------------------------------------------------------------------------------

impl Kind for ItentialToken {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "Itential integration token configuration"
    }
    fn description(&self) -> &'static str {
        doc(
            "An Itential integration's authentication settings (`password` or `clientCredentials` flow) and its stored token; the flow may come from the integration model's OpenAPI document under `openapi`.",
        )
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::metas(KIND, UNITS)
    }
    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)> {
        crate::rules::envelope(KIND, UNITS)
    }
    fn context_fields(&self) -> &'static [Field] {
        CONTEXT_FIELDS
    }

    fn check(&self, tree: SpanRef<'_>, context: SpanRef<'_>, sink: &mut Sink) {
        let doc = tree;
        if doc.as_object().is_none() {
            return;
        }
        let openapi = read_openapi(doc);
        let token = doc.field("token").filter(|t| t.as_object().is_some());
        let input = Input {
            doc,
            ctx: context,
            flow: effective_flow(doc, &openapi),
            openapi,
            token,
            expires: token
                .and_then(|t| read_time(t, "expires_at"))
                .and_then(Result::ok),
        };
        for check in crate::rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }
}

/// What the rules read: the configuration, its context, what its OpenAPI document says, the
/// flow the platform runs (with the pointer that names it), and the token when there is one.
struct Input<'a> {
    /// The configuration (an object).
    doc: SpanRef<'a>,
    ctx: SpanRef<'a>,
    openapi: OpenApi<'a>,
    flow: Option<(&'a str, String)>,
    /// `token`, when it is an object.
    token: Option<SpanRef<'a>>,
    /// `token.expires_at`, when it is readable.
    expires: Option<Instant>,
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

const PASSWORD: &str = r#"{"flow": "password", "username": "svc-itential", "password": "p", "token_url": "https://idp.example.com/oauth/token"}"#;
const CLIENT_CREDENTIALS: &str = r#"{"flow": "clientCredentials", "client_id": "id", "client_secret": "s", "token_url": "https://idp.example.com/oauth/token"}"#;
const TOKEN: &str = r#"{"flow": "password", "username": "svc-itential", "password": "p", "token_url": "https://idp.example.com/oauth/token", "refresh_url": "https://idp.example.com/oauth/refresh", "token": {"access_token": "a", "refresh_token": "r", "token_type": "Bearer", "expires_in": 3600, "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T11:00:00Z"}}"#;
const NOW_BEFORE: &str = r#"{"now": "2024-05-01T10:30:00Z"}"#;
const NOW_AFTER: &str = r#"{"now": "2024-05-01T11:30:00Z"}"#;

/// The kind's rules, in the order they run.
static UNITS: &[Unit<Check>] = &[
    Unit::new(&FIRST_SCHEME_ONLY, first_scheme_only),
    Unit::new(&UNSUPPORTED_FLOW, unsupported_flow),
    Unit::new(&FLOW_MISMATCH, flow_mismatch),
    Unit::new(&FLOW_FIELDS, flow_fields),
    Unit::new(&REFRESH_WITHOUT_URL, refresh_without_url),
    Unit::new(&TOKEN_TYPE, token_type),
    Unit::new(&TOKEN_TIMES, token_times),
    Unit::new(&TOKEN_EXPIRED, token_expired),
    Unit::new(&MANUAL_TOKEN, manual_token),
];

// ---- the rules: each rule's metadata, then its check ------------------------------------------

pub static FIRST_SCHEME_ONLY: RuleMeta = RuleMeta {
    id: "itential/first-scheme-only",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("several security schemes in the OpenAPI document: only the first is used"),
    why: doc(
        "The platform reads the token configuration from the first entry of `components.securitySchemes` and ignores the rest, so a password or client-credentials scheme listed second never takes effect.",
    ),
    source: doc("seed 002 (property configurations); platform behaviour"),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"username": "u", "password": "p", "openapi": {"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/oauth/token", "scopes": {}}}}}}}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"username": "u", "password": "p", "openapi": {"components": {"securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}, "oauth": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/oauth/token", "scopes": {}}}}}}}}"#,
        ),
    ],
};

fn first_scheme_only(i: &Input, sink: &mut Sink) {
    let schemes = &i.openapi.schemes;
    if schemes.len() > 1 {
        let ignored: Vec<String> = schemes[1..]
            .iter()
            .map(|s| format!("`{}`", clip(s)))
            .collect();
        sink.report(&FIRST_SCHEME_ONLY, SCHEMES_PATH, || {
            format!(
                "{} security schemes: only the first, `{}`, is used; {} ignored",
                schemes.len(),
                clip(schemes[0]),
                ignored.join(", ")
            )
        })
        .hint("put the OAuth 2 scheme the platform should use first, or remove the others");
    }
}

pub static UNSUPPORTED_FLOW: RuleMeta = RuleMeta {
    id: "itential/unsupported-flow",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("an OAuth flow other than `password` / `clientCredentials`"),
    why: doc(
        "Only the `password` and `clientCredentials` configurations are available for programmatic token retrieval; with any other flow (or a first security scheme that is not OAuth 2) token management does not run and the token must be supplied by hand.",
    ),
    source: doc("seed 002 (\"Two types of configurations are currently available\")"),
    examples: &[
        Example::pass(KIND, "", PASSWORD),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "authorizationCode", "token_url": "https://idp.example.com/oauth/token"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"openapi": {"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://idp.example.com/authorize", "scopes": {}}}}}}}}"#,
        ),
    ],
};

/// The first security scheme is not OAuth 2 or has no flow the platform runs; or, with no
/// OpenAPI document, `flow` names one it does not run.
fn unsupported_flow(i: &Input, sink: &mut Sink) {
    match &i.openapi.first {
        Scheme::NotOAuth { path, ty } => {
            let what = ty
                .map(|t| format!("of type `{}`", clip(t)))
                .unwrap_or_else(|| "without a `type`".into());
            sink.report(
                &UNSUPPORTED_FLOW,
                path.clone(),
                || format!("the first security scheme is {what}, not OAuth 2 (`oauth2`): token management will not run"),
            )
            .hint("for programmatic tokens, make the first scheme `type: oauth2` with a `password` or `clientCredentials` flow");
        }
        Scheme::NoSupportedFlow { path, flows } => {
            let what = if flows.is_empty() {
                "has no flows".to_string()
            } else {
                format!(
                    "has only {}",
                    flows
                        .iter()
                        .map(|f| format!("`{}`", clip(f)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            sink.report(
                &UNSUPPORTED_FLOW,
                path.clone(),
                || format!("the first security scheme {what}: the platform retrieves tokens only for `password` and `clientCredentials`, so token management will not run"),
            )
            .hint("add a `password` or `clientCredentials` flow, or supply the token another way");
        }
        Scheme::Absent => {
            if let Some(w) = written_flow(i.doc)
                && !SUPPORTED.contains(&w)
            {
                let d = sink.report(
                    &UNSUPPORTED_FLOW,
                    "/flow",
                    || format!("`{}` is not a flow the platform retrieves tokens for (`password`, `clientCredentials`): token management will not run", clip(w)),
                );
                match suggest(w, SUPPORTED.iter().copied()) {
                    Some(s) => d.hint(|| format!("did you mean `{s}`?")),
                    None => d.hint(
                        "use `password` or `clientCredentials`, or supply the token another way",
                    ),
                };
            }
        }
        Scheme::Flow { .. } => {}
    }
}

pub static FLOW_MISMATCH: RuleMeta = RuleMeta {
    id: "itential/flow-mismatch",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`flow` disagrees with the OpenAPI document's first security scheme"),
    why: doc(
        "The platform takes the flow from the integration model's OpenAPI document, not from a field beside it; when the two disagree, the fields filled in for `flow` are not the ones the platform asks for.",
    ),
    source: doc(
        "seed 002 (\"You must manually configure these in when you import an integration model\")",
    ),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "openapi": {"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/oauth/token", "scopes": {}}}}}}}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "clientCredentials", "client_id": "id", "client_secret": "s", "openapi": {"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/oauth/token", "scopes": {}}}}}}}}"#,
        ),
    ],
};

fn flow_mismatch(i: &Input, sink: &mut Sink) {
    let (Some(w), Some((name, path))) = (written_flow(i.doc), openapi_flow(&i.openapi)) else {
        return;
    };
    if Some(w) != name {
        let theirs = name
            .map(|n| format!("`{n}`"))
            .unwrap_or_else(|| "no supported flow".into());
        sink.report(
            &FLOW_MISMATCH,
            "/flow",
            || format!("`flow` is `{}`, but the OpenAPI document's first security scheme has {theirs}, and the platform follows the OpenAPI document", clip(w)),
        )
        .hint("make `flow` match the OpenAPI document, or remove it")
        .related(path);
    }
}

pub static FLOW_FIELDS: RuleMeta = RuleMeta {
    id: "itential/flow-fields",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a field the token flow needs is missing or empty (`clientCredentials`: `client_id`, `client_secret`, `token_url`; `password`: `username`, `password`, `token_url`)",
    ),
    why: doc(
        "Itential retrieves the token programmatically with these fields; without one of them (or with a `token_url` that is not an absolute http(s) URL) the request cannot be made and every integration task fails. `token_url` may come from the OpenAPI document's `tokenUrl`, as the platform fills it in when it creates the instance.",
    ),
    source: doc(
        "seed 002 (Authentication parameters; \"You will need to fill in the authentication fields in order for programmatic token retrieval to work properly\")",
    ),
    examples: &[
        Example::pass(KIND, "", CLIENT_CREDENTIALS),
        Example::pass(KIND, "", PASSWORD),
        Example::pass(
            KIND,
            "",
            r#"{"username": "u", "password": "p", "openapi": {"components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"password": {"tokenUrl": "https://idp.example.com/oauth/token", "scopes": {}}}}}}}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "clientCredentials", "client_id": "id", "token_url": "https://idp.example.com/oauth/token"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "", "token_url": "https://idp.example.com/oauth/token"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "idp.example.com/oauth/token"}"#,
        ),
    ],
};

fn flow_fields(i: &Input, sink: &mut Sink) {
    match &i.flow {
        Some((name, path)) => check_flow_fields(i.doc, &i.openapi, name, path, sink),
        None if matches!(i.openapi.first, Scheme::Absent)
            && i.doc.field("flow").is_none_or(|f| f.as_str().is_none()) =>
        {
            sink.skip(
                &FLOW_FIELDS,
                "no flow: give `flow` (`password` or `clientCredentials`) or the integration's OpenAPI document as `openapi`",
            )
        }
        None => {}
    }
}

pub static REFRESH_WITHOUT_URL: RuleMeta = RuleMeta {
    id: "itential/refresh-without-url",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("a `refresh_token` but no usable `refresh_url`"),
    why: doc(
        "The refresh token is only used together with the refresh URL; without one, an expired token is fetched again with the flow's credentials, and the refresh token is dead weight.",
    ),
    source: doc(
        "seed 002 (\"If present with the refresh_url, the refresh_token will be used to retrieve a new access_token\")",
    ),
    examples: &[
        Example::pass(KIND, "", TOKEN),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a", "refresh_token": "r", "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T11:00:00Z"}}"#,
        ),
    ],
};

fn refresh_without_url(i: &Input, sink: &mut Sink) {
    if let Some(token) = i.token {
        check_refresh(i.doc, &i.openapi, token, sink);
    }
}

pub static TOKEN_TYPE: RuleMeta = RuleMeta {
    id: "itential/token-type",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`token.token_type` other than `Bearer`"),
    why: doc(
        "The token type is used as the authorization scheme of every call; the default is `Bearer` (RFC 6750), and almost every API expects it. Any other value (`MAC`, `DPoP`, a typo) is usually a mistake. The comparison ignores case, as RFC 6749 §5.1 does.",
    ),
    source: doc("seed 002 (token_type: \"The default value is Bearer\"); RFC 6749 §7.1"),
    examples: &[
        Example::pass(KIND, "", TOKEN),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a", "token_type": "Token", "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T11:00:00Z"}}"#,
        ),
    ],
};

fn token_type(i: &Input, sink: &mut Sink) {
    if let Some(t) = i
        .token
        .and_then(|t| t.field("token_type"))
        .and_then(SpanRef::as_str)
        && !t.eq_ignore_ascii_case("bearer")
    {
        let what = if t.is_empty() {
            "empty".to_string()
        } else {
            format!("`{}`", clip(t))
        };
        sink.report(&TOKEN_TYPE, "/token/token_type", || {
            format!("`token.token_type` is {what}, not `Bearer`")
        })
        .hint(
            "use `Bearer` (the default) unless the service documents another authorization scheme",
        );
    }
}

pub static TOKEN_TIMES: RuleMeta = RuleMeta {
    id: "itential/token-times",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "`expires_at` before `created_at`, `created_at + expires_in` more than a minute away from `expires_at`, or a time that is not a real date",
    ),
    why: doc(
        "`expires_at` decides whether a new token is retrieved; when it contradicts the other times (or names a day that does not exist), the token is either used after it has expired or refreshed on every call.",
    ),
    source: doc("seed 002 (expires_in, expires_at, created_at)"),
    examples: &[
        Example::pass(KIND, "", TOKEN),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a", "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T09:00:00Z"}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a", "expires_in": 3600, "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T12:00:00Z"}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a", "created_at": "2023-02-29T10:00:00Z"}}"#,
        ),
    ],
};

fn token_times(i: &Input, sink: &mut Sink) {
    if let Some(token) = i.token {
        check_times(token, sink);
    }
}

/// The token has an access token and an expiry.
fn has_access_token(i: &Input) -> bool {
    text(i.token, "access_token").is_some()
}

pub static TOKEN_EXPIRED: RuleMeta = RuleMeta {
    id: "itential/token-expired",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: doc(
        "the token has expired at the context's `now`: the next call refreshes it or fetches a new one",
    ),
    why: doc(
        "`expires_at` is checked on every integration task; at or after it the platform retrieves a new token (with the refresh token when a refresh URL is set). Worth knowing when a hand-entered token is expected to keep working. Needs `now` in the context.",
    ),
    source: doc(
        "seed 002 (expires_at: \"this value is used to check if a new token should be retrieved\")",
    ),
    examples: &[
        Example::pass(KIND, NOW_BEFORE, TOKEN),
        Example::fail(KIND, NOW_AFTER, TOKEN),
        Example::fail(KIND, r#"{"now": "2024-05-01T11:00:00Z"}"#, TOKEN),
    ],
};

fn token_expired(i: &Input, sink: &mut Sink) {
    if let Some(expires) = i.expires
        && has_access_token(i)
    {
        check_expired(i.doc, &i.openapi, i.ctx, expires, sink);
    }
}

pub static MANUAL_TOKEN: RuleMeta = RuleMeta {
    id: "itential/manual-token",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: doc("a hand-entered `access_token` (one without `created_at` or `expires_at`)"),
    why: doc(
        "A token the platform retrieved carries its `created_at` and `expires_at`; one without them was typed in, as in earlier versions. It is used as is and never renewed until it is removed, and editing the token fields is not recommended.",
    ),
    source: doc(
        "seed 002 (\"Editing these fields is not recommended, unless you would like to manually enter an access_token\")",
    ),
    examples: &[
        Example::pass(KIND, "", TOKEN),
        Example::fail(
            KIND,
            "",
            r#"{"flow": "password", "username": "u", "password": "p", "token_url": "https://idp.example.com/oauth/token", "token": {"access_token": "a"}}"#,
        ),
    ],
};

fn manual_token(i: &Input, sink: &mut Sink) {
    let Some(token) = i.token else { return };
    if has_access_token(i)
        && token.field("created_at").is_none()
        && token.field("expires_at").is_none()
    {
        sink.report(
            &MANUAL_TOKEN,
            "/token/access_token",
            "`token.access_token` looks hand-entered (it has no `created_at` or `expires_at`): it is used as is and never renewed",
        )
        .hint("leave the token fields empty so that the platform retrieves and renews the token itself; editing them is not recommended");
    }
}

/// `flow` as written, when it is a non-empty string.
fn written_flow(doc: SpanRef<'_>) -> Option<&str> {
    doc.field("flow")
        .and_then(SpanRef::as_str)
        .filter(|f| !f.is_empty())
}

/// The flow the OpenAPI document's first security scheme names (none when it has no supported
/// one), and where; `None` without an OpenAPI security scheme.
fn openapi_flow<'a>(openapi: &OpenApi<'a>) -> Option<(Option<&'a str>, String)> {
    match &openapi.first {
        Scheme::Absent => None,
        Scheme::Flow { name, path, .. } => Some((Some(*name), path.clone())),
        Scheme::NotOAuth { path, .. } | Scheme::NoSupportedFlow { path, .. } => {
            Some((None, path.clone()))
        }
    }
}

/// The flow the platform runs and the pointer that names it: the OpenAPI document's, which
/// wins over `flow`, else a supported `flow`.
fn effective_flow<'a>(doc: SpanRef<'a>, openapi: &OpenApi<'a>) -> Option<(&'a str, String)> {
    match (written_flow(doc), openapi_flow(openapi)) {
        (_, Some((name, path))) => name.map(|n| (n, path)),
        (Some(w), None) if SUPPORTED.contains(&w) => Some((w, "/flow".into())),
        _ => None,
    }
}

fn check_flow_fields(
    doc: SpanRef<'_>,
    openapi: &OpenApi<'_>,
    flow: &str,
    flow_path: &str,
    sink: &mut Sink,
) {
    let needed: &[&str] = if flow == "password" {
        &["username", "password"]
    } else {
        &["client_id", "client_secret"]
    };
    for field in needed {
        let path = pointer::join("", field);
        let problem = match doc.field(field).map(SpanRef::view) {
            None | Some(View::Null) => "is missing",
            Some(View::String("")) => "is empty",
            _ => continue,
        };
        sink.report(&FLOW_FIELDS, path.clone(), || {
            format!(
                "{} {problem}, and the `{flow}` flow needs it to retrieve a token",
                describe(&path)
            )
        })
        .hint("fill in the authentication fields the service provides")
        .related(flow_path.to_owned());
    }
    if doc
        .field("token_url")
        .is_some_and(|v| v.as_str().is_none() && !v.is_null())
    {
        return; // a wrong type: `structure/type` says so
    }
    match endpoint(doc, "token_url", openapi, "tokenUrl") {
        None => {
            sink.report(&FLOW_FIELDS, "/token_url", || {
                format!(
                    "`token_url` is missing, and the `{flow}` flow needs it to retrieve a token"
                )
            })
            .hint("give the service's token endpoint, here or as the OpenAPI flow's `tokenUrl`")
            .related(flow_path.to_owned());
        }
        Some(ep) if !usable_url(ep.url) => {
            sink.report(&FLOW_FIELDS, ep.path.clone(), || {
                format!(
                    "{} is not an absolute http(s) URL, so no token can be retrieved",
                    describe(&ep.path)
                )
            })
            .hint("write the full endpoint, such as `https://idp.example.com/oauth/token`")
            .related(flow_path.to_owned());
        }
        Some(_) => {}
    }
}

fn check_refresh(doc: SpanRef<'_>, openapi: &OpenApi<'_>, token: SpanRef<'_>, sink: &mut Sink) {
    if text(Some(token), "refresh_token").is_none() {
        return;
    }
    match endpoint(doc, "refresh_url", openapi, "refreshUrl") {
        None => {
            sink.report(
                &REFRESH_WITHOUT_URL,
                "/token/refresh_token",
                "`token.refresh_token` is set but there is no `refresh_url`: the token cannot be refreshed, only fetched again",
            )
            .hint("give the service's refresh endpoint as `refresh_url` (or the OpenAPI flow's `refreshUrl`), or remove the refresh token")
            .related("/refresh_url");
        }
        Some(ep) if !usable_url(ep.url) => {
            sink.report(&REFRESH_WITHOUT_URL, ep.path.clone(), || {
                format!(
                    "{} is not an absolute http(s) URL, so `token.refresh_token` cannot be used",
                    describe(&ep.path)
                )
            })
            .hint("write the full endpoint, such as `https://idp.example.com/oauth/token`")
            .related("/token/refresh_token");
        }
        Some(_) => {}
    }
}

/// The token's time `field`: `None` when it is absent or not shaped as a date-time (a malformed
/// shape is `structure/format`), an error when it is well-formed but impossible (ours).
fn read_time(token: SpanRef<'_>, field: &str) -> Option<Result<Instant, String>> {
    let s = token.field(field)?.as_str()?;
    if !Format::DateTime.matches(s) {
        return None;
    }
    Some(Instant::parse(s).map_err(|e| e.to_string()))
}

/// Checks the token's times against each other.
fn check_times(token: SpanRef<'_>, sink: &mut Sink) {
    let mut read = |field: &str| match read_time(token, field)? {
        Ok(t) => Some(t),
        Err(e) => {
            let path = pointer::join("/token", field);
            let what = describe(&path);
            sink.report(&TOKEN_TIMES, path, || format!("{what}: {e}"))
                .hint("write a real RFC 3339 date-time, such as `2024-05-01T11:00:00Z`");
            None
        }
    };
    let created = read("created_at");
    let expires = read("expires_at");
    let expires_in = token
        .field("expires_in")
        .and_then(SpanRef::as_f64)
        .filter(|n| *n >= 0.0 && n.fract() == 0.0);
    if let (Some(c), Some(e)) = (created, expires) {
        if e < c {
            sink.report(&TOKEN_TIMES, "/token/expires_at", "`token.expires_at` is before `token.created_at`")
                .hint("the token cannot expire before it was created; clear the token fields so that the platform retrieves a new token")
                .related("/token/created_at");
        } else if let Some(n) = expires_in {
            let off = e.seconds_since(c.plus_seconds(n));
            if off.abs() > 60.0 {
                sink.report(
                    &TOKEN_TIMES,
                    "/token/expires_at",
                    || format!(
                        "`token.expires_at` is {} {} `created_at + expires_in` (more than a minute apart)",
                        human_duration(off.abs()),
                        if off > 0.0 { "after" } else { "before" }
                    ),
                )
                .hint("`expires_at` decides when the token is renewed; make the three times agree, or clear the token fields")
                .related("/token/created_at")
                .related("/token/expires_in");
            }
        }
    }
}

fn check_expired(
    doc: SpanRef<'_>,
    openapi: &OpenApi<'_>,
    ctx: SpanRef<'_>,
    expires: Instant,
    sink: &mut Sink,
) {
    let now = match ctx.field("now").and_then(SpanRef::as_str) {
        Some(s) => match Instant::parse(s) {
            Ok(now) => now,
            Err(e) => {
                return sink.skip(&TOKEN_EXPIRED, format!("context `now` cannot be read: {e}"));
            }
        },
        _ => {
            return sink.skip(
                &TOKEN_EXPIRED,
                "context has no `now` (an RFC 3339 date-time) to judge `token.expires_at` at",
            );
        }
    };
    if now < expires {
        return;
    }
    let next = match renewal(doc, openapi) {
        TokenAction::Refresh => "refreshes it with the refresh token",
        _ => "fetches a new one",
    };
    let ago = now.seconds_since(expires);
    let when = if ago == 0.0 {
        "exactly at `now`".to_string()
    } else {
        format!("{} before `now`", human_duration(ago))
    };
    sink.report(&TOKEN_EXPIRED, "/token/expires_at", || {
        format!("the token expired {when}: the next integration task {next}")
    })
    .hint(
        "nothing to do if the platform can retrieve tokens; a hand-entered token must be replaced",
    );
}

/// `90 s`, `2 h 5 min`, `3 days`: a readable length of time.
fn human_duration(seconds: f64) -> String {
    let s = seconds.round() as i64;
    match s {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        s => format!("{} days", s / 86_400),
    }
}

#[cfg(test)]
mod tests;
