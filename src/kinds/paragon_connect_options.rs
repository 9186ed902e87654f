//! `paragon.connect-options`: the options an app passes to `paragon.installIntegration(name,
//! options)`, `paragon.connect(name, options)` or `paragon.installFlow.start(name, options)`, with
//! the integration's name (seed 003, `@useparagon/connect` 2.4.0). The SDK checks some of these
//! only when the Connect Portal opens, others only when the user's first connection fails.

use crate::json::{Lookup, SpanRef, View};
use serde_json::{Map, Value, json};

use super::Kind;
use super::paragon_credentials::SCOPE_TOKEN;
use super::paragon_custom_integration::urls;
use crate::diagnostic::{Severity, Sink};
use crate::rules::{self, Example, RuleMeta, Unit, doc, fix_doc};
use crate::structure::{Field, Role, Str, Ty};
use crate::text::describe;

pub struct ParagonConnectOptions;

const KIND: &str = "paragon.connect-options";

const DEFAULT: &str = "default";
const USER_CONFIGURED: &str = "user-configured-oauth";

/// Integrations that support User-Configured OAuth (seed 003, "Supported Integrations"). Data,
/// not code: the list grows as Paragon adds integrations.
pub const USER_CONFIGURED_OAUTH_INTEGRATIONS: &[&str] = &[
    "gmail",
    "jira",
    "outlook",
    "salesforce",
    "sharepoint",
    "slack",
    "zendesk",
];

static ACCOUNT_TYPE: Ty = Ty::String(Str::one_of_rule(
    &[DEFAULT, USER_CONFIGURED],
    &ACCOUNT_TYPE_VALUE,
));
static ACCOUNT_TYPES: Ty = Ty::Array {
    items: &ACCOUNT_TYPE,
    min_items: 1,
    unique: Some(&ACCOUNT_TYPE_VALUE),
};
static SCOPE: Ty = Ty::String(Str {
    token: Some(&SCOPE_TOKEN),
    ..Str::ANY
});

static USER_OAUTH_FIELDS: &[Field] = &[
    Field {
        name: "clientId",
        label: "Client ID",
        description: doc("The Client ID of the user's own OAuth application."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "clientSecret",
        label: "Client Secret",
        description: doc("The Client Secret of the user's own OAuth application."),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "scopes",
        label: "Scopes",
        description: doc(
            "OAuth scopes to request, one per item (pre-filled with the integration's default scopes).",
        ),
        required: false,
        role: Role::Scopes,
        ty: Ty::Array {
            items: &SCOPE,
            min_items: 0,
            unique: None,
        },
    },
];

static FIELDS: &[Field] = &[
    Field {
        name: "integration",
        label: "Integration",
        description: doc(
            "The integration's name as the SDK addresses it: a built-in type such as `zendesk`, or `custom.<slug>` for a custom integration.",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "accountType",
        label: "Account type",
        description: doc(
            "The account types offered: `default` (your OAuth app) and/or `user-configured-oauth` (the user's own OAuth client). Several show an account-type selection screen.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Either(&ACCOUNT_TYPE, &ACCOUNT_TYPES),
    },
    Field {
        name: "overrideRedirectUrl",
        label: "Redirect URL override",
        description: doc(
            "Replaces Paragon's redirect URL (`https://passport.useparagon.com/oauth`); `https://` is prefixed to a value without a scheme.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "externalId",
        label: "External ID",
        description: doc(
            "A customer-supplied identifier stored on the new credential (an `ext:` prefix is stripped). Cannot be combined with `selectedCredentialId`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "selectedCredentialId",
        label: "Credential",
        description: doc(
            "The existing credential to re-authenticate: a credential UUID, an `externalId`, or `ext:<externalId>`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "selectedConfigurationId",
        label: "Configuration",
        description: doc("The credential configuration to use."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "userConfiguredOAuth",
        label: "User-Configured OAuth",
        description: doc(
            "Values for the User-Configured OAuth step: the user's own client id and secret, and scopes.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Object(USER_OAUTH_FIELDS),
    },
    Field {
        name: "allowMultipleCredentials",
        label: "Allow multiple credentials",
        description: doc("Allow the user to connect more than one account of this integration."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "isApiInstallation",
        label: "API installation",
        description: doc("Install through the API (headless)."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "showPortalAfterInstall",
        label: "Show portal after install",
        description: doc("`installIntegration`: show the Connect Portal after installing."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "bypassPostOAuthPrompt",
        label: "Bypass post-OAuth prompt",
        description: doc("`installIntegration`: skip the post-OAuth prompt."),
        required: false,
        role: Role::Plain,
        ty: Ty::Boolean,
    },
    Field {
        name: "oauthTimeout",
        label: "OAuth timeout",
        description: doc(
            "`installFlow.start`: milliseconds before the OAuth popup is closed with an error.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::Number {
            min: Some(0.0),
            max: None,
            rule: None,
        },
    },
    Field {
        name: "mapObjectFields",
        label: "Field mapping",
        description: doc("Dynamic field mapping options (not checked)."),
        required: false,
        role: Role::Plain,
        ty: Ty::Any,
    },
    Field {
        name: "dropdowns",
        label: "Dropdowns",
        description: doc("Custom dropdown options (not checked)."),
        required: false,
        role: Role::Plain,
        ty: Ty::Any,
    },
];

static INTEGRATION_FIELDS: &[Field] = &[
    Field {
        name: "type",
        label: "Integration type",
        description: doc(
            "The integration's type: a built-in type such as `zendesk`, `custom` or `custom.<slug>` (the `paragon_integrations` data source's key) for a custom integration.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "name",
        label: "Integration name",
        description: doc(
            "A custom integration's name as set in the builder; its SDK name is `custom.<slug of the name>`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];

/// The context: what the integration named in the document is.
pub static CONTEXT_FIELDS: &[Field] = &[Field {
    name: "integration",
    label: "Integration",
    description: doc("The integration the options are for."),
    required: false,
    role: Role::Plain,
    ty: Ty::Object(INTEGRATION_FIELDS),
}];

// ---- the rules' shared examples, the declared rules, the run order ----------------------------

const SEED_BOTH: &str =
    r#"{"integration": "zendesk", "accountType": ["default", "user-configured-oauth"]}"#;
const SEED_ONLY: &str = r#"{"integration": "zendesk", "accountType": ["user-configured-oauth"]}"#;
const CUSTOM_CTX: &str = r#"{"integration": {"type": "custom", "name": "Acme CRM"}}"#;

pub static ACCOUNT_TYPE_VALUE: RuleMeta = RuleMeta {
    id: "paragon/account-type-value",
    kind: KIND,
    severity: Severity::Error,
    fix: fix_doc(Some("safe: a repeated account type is removed")),
    summary: doc(
        "an account type other than `default` / `user-configured-oauth`, or one listed twice",
    ),
    why: doc(
        "The SDK matches account types by exact id and only warns in the browser console about one it does not know, then falls back to the default flow: a typo silently removes the User-Configured OAuth option. An empty list is `structure/min-items`.",
    ),
    source: doc(
        "seed 003 (Enabling User-Configured OAuth); SDK `connect` / `findSelectedAccountType`",
    ),
    examples: &[
        Example::pass(KIND, "", SEED_BOTH),
        Example::pass(
            KIND,
            "",
            r#"{"integration": "zendesk", "accountType": "user-configured-oauth"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "accountType": ["default", "user-configured"]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "accountType": ["default", "default"]}"#,
        ),
    ],
};

/// What the rules read: the options, their context, the integration's name and the account
/// types offered (each with its pointer).
struct Input<'a> {
    /// The options (an object).
    doc: SpanRef<'a>,
    ctx: SpanRef<'a>,
    integration: Option<&'a str>,
    types: Option<Vec<(&'a str, String)>>,
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

/// The kind's rules, in the order they run (the declared ones in the structure check, first).
/// `paragon/scope-token` is listed with the credentials kind it belongs to.
static UNITS: &[Unit<Check>] = &[
    Unit::declared(&ACCOUNT_TYPE_VALUE),
    Unit::declared(&SCOPE_TOKEN),
    Unit::new(&USER_OAUTH_UNSUPPORTED, user_oauth_unsupported),
    Unit::new(&USER_OAUTH_CREDENTIALS, user_oauth_credentials),
    Unit::new(&REDIRECT_URL, redirect_url),
    Unit::new(&EXTERNAL_ID, external_id),
    Unit::new(&INTEGRATION_NAME, integration_name),
];

// ---- the kind --------------------------------------------------------------------------------

impl Kind for ParagonConnectOptions {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "Paragon Connect SDK install options"
    }
    fn description(&self) -> &'static str {
        doc(
            "The options passed to `paragon.installIntegration(name, options)`, `paragon.connect(name, options)` or `paragon.installFlow.start(name, options)` (`@useparagon/connect`), with the integration's name as `integration`.",
        )
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn rules(&self) -> Vec<&'static RuleMeta> {
        rules::metas(KIND, UNITS)
    }
    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)> {
        rules::envelope(KIND, UNITS)
    }
    fn context_fields(&self) -> &'static [Field] {
        CONTEXT_FIELDS
    }

    /// The data source keys custom integrations as `custom.<slug>`: the entry whose key (or
    /// `type`) is the document's integration, or `custom.<slug of it>` when the document names a
    /// custom integration by its plain name.
    fn context_from_integrations(
        &self,
        document: SpanRef<'_>,
        integrations: &Map<String, Value>,
    ) -> Option<Value> {
        let name = document.field("integration")?.as_str()?;
        let type_of = |(key, entry): (&String, &Value)| {
            entry
                .field("type")
                .and_then(Value::as_str)
                .filter(|t| t.starts_with("custom.") || !key.starts_with("custom."))
                .unwrap_or(key)
                .to_owned()
        };
        let exact = integrations
            .iter()
            .find(|(k, e)| *k == name || e.field("type").and_then(Value::as_str) == Some(name));
        let by_slug = || {
            let wanted = format!("custom.{}", urls::slug(name));
            integrations.iter().find(|(k, _)| **k == wanted)
        };
        let found = exact.or_else(by_slug)?;
        Some(json!({ "integration": { "type": type_of(found) } }))
    }

    fn check(&self, tree: SpanRef<'_>, context: SpanRef<'_>, sink: &mut Sink) {
        if tree.as_object().is_none() {
            return;
        }
        let input = Input {
            doc: tree,
            ctx: context,
            integration: tree.field("integration").and_then(SpanRef::as_str),
            types: account_types(tree.field("accountType")),
        };
        for check in rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }
}

// ---- the rules: each rule's metadata, then its check ------------------------------------------

pub static USER_OAUTH_UNSUPPORTED: RuleMeta = RuleMeta {
    id: "paragon/user-oauth-unsupported",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`user-configured-oauth` for an integration that does not support it"),
    why: doc(
        "User-Configured OAuth is supported for Gmail, Jira, Microsoft Outlook, Salesforce, SharePoint, Slack and Zendesk only; for any other integration the account type is not offered, so the user cannot bring their own OAuth client.",
    ),
    source: doc("seed 003 (Supported Integrations)"),
    examples: &[
        Example::pass(KIND, "", SEED_BOTH),
        Example::pass(KIND, "", SEED_ONLY),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "hubspot", "accountType": ["default", "user-configured-oauth"]}"#,
        ),
    ],
};

fn user_oauth_unsupported(i: &Input, sink: &mut Sink) {
    if let (Some(name), Some(types)) = (i.integration, &i.types)
        && let Some(n) = types.iter().position(|(t, _)| *t == USER_CONFIGURED)
        && !USER_CONFIGURED_OAUTH_INTEGRATIONS.contains(&name)
    {
        let path = types[n].1.clone();
        let close = USER_CONFIGURED_OAUTH_INTEGRATIONS
            .iter()
            .find(|s| s.eq_ignore_ascii_case(name.trim()));
        sink.report(
            &USER_OAUTH_UNSUPPORTED,
            path,
            "`user-configured-oauth` is not supported for this integration".to_string(),
        )
        .hint(match close {
            Some(s) => format!("the SDK matches integration names exactly: did you mean `{s}`?"),
            None => format!(
                "User-Configured OAuth is supported for {} only; offer `default` instead",
                USER_CONFIGURED_OAUTH_INTEGRATIONS
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .related("/integration");
    }
}

pub static USER_OAUTH_CREDENTIALS: RuleMeta = RuleMeta {
    id: "paragon/user-oauth-credentials",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("User-Configured OAuth as the only account type with a blank client id or secret"),
    why: doc(
        "When `user-configured-oauth` is the only account type, the OAuth handshake runs against the user's own client: it cannot start without a client id and client secret. (Scopes must be valid scope tokens: `paragon/scope-token`.)",
    ),
    source: doc("seed 003 (What your users will be prompted for)"),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"integration": "zendesk", "accountType": ["user-configured-oauth"], "userConfiguredOAuth": {"clientId": "id", "clientSecret": "s", "scopes": ["read", "write"]}}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "accountType": ["user-configured-oauth"], "userConfiguredOAuth": {"clientId": "id", "clientSecret": " "}}"#,
        ),
    ],
};

fn user_oauth_credentials(i: &Input, sink: &mut Sink) {
    let only_user_configured = i
        .types
        .as_ref()
        .is_some_and(|t| !t.is_empty() && t.iter().all(|(v, _)| *v == USER_CONFIGURED));
    let Some(user) = i
        .doc
        .field("userConfiguredOAuth")
        .filter(|u| u.as_object().is_some())
    else {
        return;
    };
    if !only_user_configured {
        return;
    }
    for (field, label) in [("clientId", "client id"), ("clientSecret", "client secret")] {
        let path = format!("/userConfiguredOAuth/{field}");
        let blank = match user.field(field).map(SpanRef::view) {
            None | Some(View::Null) => true,
            Some(View::String(s)) => s.trim().is_empty(),
            Some(_) => false,
        };
        if blank {
            let state = if user.field(field).is_some() {
                "is blank"
            } else {
                "is missing"
            };
            sink.report(&USER_OAUTH_CREDENTIALS, path, || format!("{} {state}: with `user-configured-oauth` as the only account type, the OAuth flow needs the user's {label}", describe(&format!("/userConfiguredOAuth/{field}"))))
                .hint(|| format!("give the {label} of the user's OAuth application, or also offer the `default` account type"))
                .related("/accountType");
        }
    }
}

pub static REDIRECT_URL: RuleMeta = RuleMeta {
    id: "paragon/redirect-url",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "an `overrideRedirectUrl` that does not parse, or plain `http` off loopback (warning)",
    ),
    why: doc(
        "The SDK prefixes `https://` to a value without a scheme and throws \"… is not valid url\" when the result does not parse. A plain `http` redirect URL on a non-loopback host lets anyone on the path read the authorization code (reported as a warning).",
    ),
    source: doc(
        "SDK `isValidUrl` / `sanitizeUrl` (`@useparagon/connect` 2.4.0); RFC 6749 §3.1.2.1; RFC 8252 §8.3",
    ),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"integration": "zendesk", "overrideRedirectUrl": "app.example.com/oauth/callback"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "overrideRedirectUrl": "https://app example.com/callback"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "overrideRedirectUrl": "http://app.example.com/callback"}"#,
        ),
    ],
};

fn redirect_url(i: &Input, sink: &mut Sink) {
    if let Some(url) = i.doc.field("overrideRedirectUrl").and_then(SpanRef::as_str) {
        check_redirect_url(url, sink);
    }
}

pub static EXTERNAL_ID: RuleMeta = RuleMeta {
    id: "paragon/external-id",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`externalId` blank after trimming, or given with `selectedCredentialId`"),
    why: doc(
        "The SDK strips an `ext:` prefix, trims, and throws on an empty result; `externalId` labels a new credential while `selectedCredentialId` re-authenticates an existing one, so the SDK rejects the two together.",
    ),
    source: doc(
        "SDK `validateExternalIdOptions` / `sanitizeExternalConfigId` (`@useparagon/connect` 2.4.0)",
    ),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"integration": "zendesk", "externalId": "acct-42"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "externalId": "ext: "}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"integration": "zendesk", "externalId": "acct-42", "selectedCredentialId": "b9447451-56e0-4f70-a6df-2be85597e859"}"#,
        ),
    ],
};

fn external_id(i: &Input, sink: &mut Sink) {
    let Some(external) = i.doc.field("externalId").and_then(SpanRef::as_str) else {
        return;
    };
    let sanitized = match external.strip_prefix("ext:") {
        // `split("ext:").pop()`: what follows the last `ext:`.
        Some(_) => external.rsplit("ext:").next().unwrap_or(""),
        None => external,
    };
    if urls::js_trim(sanitized).is_empty() {
        sink.report(&EXTERNAL_ID, "/externalId", "`externalId` is blank once an `ext:` prefix and surrounding whitespace are removed: the SDK throws")
            .hint("give a non-blank identifier, or remove `externalId`");
    }
    if i.doc
        .field("selectedCredentialId")
        .and_then(SpanRef::as_str)
        .is_some_and(|s| !s.is_empty())
    {
        sink.report(&EXTERNAL_ID, "/externalId", "`externalId` cannot be combined with `selectedCredentialId`: the SDK throws")
            .hint("use `externalId` to label a new credential, or `selectedCredentialId` to re-authenticate an existing one, not both")
            .related("/selectedCredentialId");
    }
}

pub static INTEGRATION_NAME: RuleMeta = RuleMeta {
    id: "paragon/integration-name",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("a custom integration not addressed as `custom.<slug>`"),
    why: doc(
        "The SDK finds a custom integration only by `custom.` + its name without non-alphanumerics, lower-cased (`custom.github`); any other spelling fails with \"Integration not found\" when the Connect Portal should open.",
    ),
    source: doc(
        "seed 001 (Paragon SDK); SDK `getIntegrationTypeName` / `generateSlugForIntegration`",
    ),
    examples: &[
        Example::pass(KIND, CUSTOM_CTX, r#"{"integration": "custom.acmecrm"}"#),
        Example::pass(KIND, r#"{"integration": {"type": "zendesk"}}"#, SEED_BOTH),
        Example::fail(KIND, CUSTOM_CTX, r#"{"integration": "Acme CRM"}"#),
        Example::fail(KIND, "", r#"{"integration": "custom.Acme-CRM"}"#),
    ],
};

fn integration_name(i: &Input, sink: &mut Sink) {
    if let Some(name) = i.integration.filter(|n| !n.is_empty()) {
        check_integration_name(name, i.ctx, sink);
    }
}

/// The account types given, each with its pointer; `None` when absent or not of the right shape.
fn account_types(v: Option<SpanRef<'_>>) -> Option<Vec<(&str, String)>> {
    match v?.view() {
        // The SDK trims a single account type (`getAccountName`).
        View::String(s) => Some(vec![(s.trim(), "/accountType".to_string())]),
        View::Array(list) => Some(
            list.iter()
                .enumerate()
                .filter_map(|(i, t)| t.as_str().map(|s| (s, format!("/accountType/{i}"))))
                .collect(),
        ),
        _ => None,
    }
}

fn check_redirect_url(url: &str, sink: &mut Sink) {
    // The SDK skips an empty value (`r && !isValidUrl(r)`).
    if url.is_empty() {
        return;
    }
    let sanitized = urls::sdk_sanitize_url(url);
    let parsed = match crate::weburl::parse(&sanitized) {
        Ok(u) => u,
        Err(e) => {
            sink.report(&REDIRECT_URL, "/overrideRedirectUrl", || format!("`overrideRedirectUrl` is not a valid URL ({e}): the SDK throws before the Connect Portal opens"))
                .hint("give an absolute URL such as `https://app.example.com/oauth/callback` (the SDK prefixes `https://` when the scheme is missing)");
            return;
        }
    };
    if parsed.scheme() == "http" && !urls::is_loopback(&parsed) {
        // RULES.md: this case is a warning.
        sink.report_at_most(&REDIRECT_URL, Severity::Warning, "/overrideRedirectUrl", "`overrideRedirectUrl` uses plain `http` on a host that is not loopback: the authorization code would travel unencrypted")
            .hint("use `https://` (plain `http` is only safe for `localhost`, `127.0.0.1` or `[::1]`)");
    }
}

/// A custom integration must be addressed as `custom.<slug>`.
fn check_integration_name(name: &str, ctx: SpanRef<'_>, sink: &mut Sink) {
    let integration = ctx.field("integration");
    let ctx_type = integration
        .and_then(|i| i.field("type"))
        .and_then(SpanRef::as_str);
    let ctx_name = integration
        .and_then(|i| i.field("name"))
        .and_then(SpanRef::as_str);
    // What the SDK name must be, when known.
    let expected = match (ctx_name, ctx_type) {
        (Some(n), _) if ctx_type.is_none_or(|t| t == "custom" || t.starts_with("custom.")) => {
            Some(format!("custom.{}", urls::slug(n)))
        }
        (_, Some(t)) if t.starts_with("custom.") => Some(t.to_owned()),
        (_, Some(t)) if t != "custom" => return, // a built-in integration: its plain type is right
        _ => None,
    };
    match expected {
        Some(want) if want != name => {
            sink.report(&INTEGRATION_NAME, "/integration", "this custom integration is not addressed by its SDK name, so the SDK will not find it")
                .hint(if want == "custom." {
                    "the custom integration's name has no ASCII letter or digit, so it has no usable SDK name; rename it in the builder".to_string()
                } else {
                    format!("use `{}`", crate::text::clip(&want))
                });
        }
        Some(_) => {}
        None => match name.strip_prefix("custom.") {
            None if ctx_type == Some("custom") => {
                let slug = urls::slug(name);
                let d = sink.report(&INTEGRATION_NAME, "/integration", "this custom integration is not addressed as `custom.<slug>`, so the SDK will not find it");
                if !slug.is_empty() {
                    d.hint(|| format!("use `custom.{}` if that is the integration's name in the builder", crate::text::clip(&slug)));
                }
            }
            Some(rest) => {
                let slug = urls::slug(rest);
                if slug != rest {
                    let d = sink.report(&INTEGRATION_NAME, "/integration", "the part after `custom.` is not a slug (only lower-case ASCII letters and digits), so the SDK will not find this custom integration");
                    if slug.is_empty() {
                        d.hint("write `custom.` followed by the integration's name without non-alphanumeric characters, lower-cased");
                    } else {
                        d.hint(|| format!("use `custom.{}`", crate::text::clip(&slug)));
                    }
                }
            }
            None => sink.skip(&INTEGRATION_NAME, "context does not say whether the integration is custom (give `context.integration.type`, `context.integration.name` for a custom integration, or the `paragon_integrations` map as context: `--context FILE` on the command line, `options.context` in JavaScript)"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_types_are_read_as_the_sdk_reads_them() {
        let v = crate::json::SpanTree::from_value(&json!(" user-configured-oauth "));
        assert_eq!(
            account_types(Some(v.root())),
            Some(vec![(USER_CONFIGURED, "/accountType".to_string())])
        );
        let v = crate::json::SpanTree::from_value(&json!(["default", 3, "user-configured-oauth"]));
        assert_eq!(account_types(Some(v.root())).map(|t| t.len()), Some(2));
    }

    #[test]
    fn integrations_map_gives_the_custom_type() {
        let map = json!({"custom.acmecrm": {"id": "a", "type": "custom"}, "zendesk": {"id": "b", "type": "zendesk"}});
        let map = map.as_object().expect("object");
        let k = ParagonConnectOptions;
        assert_eq!(
            k.context_from_integrations(
                crate::json::SpanTree::from_value(&json!({"integration": "Acme CRM"})).root(),
                map
            ),
            Some(json!({"integration": {"type": "custom.acmecrm"}}))
        );
        assert_eq!(
            k.context_from_integrations(
                crate::json::SpanTree::from_value(&json!({"integration": "zendesk"})).root(),
                map
            ),
            Some(json!({"integration": {"type": "zendesk"}}))
        );
        assert_eq!(
            k.context_from_integrations(
                crate::json::SpanTree::from_value(&json!({"integration": "hubspot"})).root(),
                map
            ),
            None
        );
    }
}
