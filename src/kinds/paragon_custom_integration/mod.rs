//! `paragon.custom-integration`: a custom integration as an admin builds it in Paragon's custom
//! integration builder (seed 001), field names as in the SDK entity `ICustomIntegration`
//! (`@useparagon/connect` 2.4.0). Mistakes here otherwise surface late: in the Connect Portal
//! preview, at "Send test request", or at a user's first connection.

mod fields;
pub mod urls;

use crate::json::{Lookup, SpanRef, View};
use serde_json::{Value, json};

use super::Kind;
use super::paragon_credentials::SCOPE_TOKEN;
use crate::diagnostic::{Severity, Sink};
use crate::rules::{Example, RuleMeta, Unit, doc};
use crate::structure::{Field, SCOPE_FORBIDDEN, is_scope_token};
use crate::text::{clip, describe};
use fields::FIELDS;
use urls::{Piece, SchemeProblem};

pub struct ParagonCustomIntegration;

/// The builder's authentication methods (SDK `AuthenticationScheme`, the four a custom
/// integration can use).
pub const AUTH_TYPES: &[&str] = &[
    "oauth",
    "oauth_client_credential",
    "oauth_password",
    "basic",
];

/// What each authentication type needs and what it ignores (seed 001, Step 3).
struct AuthFields {
    auth_type: &'static str,
    label: &'static str,
    needs: &'static [&'static str],
    ignores: &'static [&'static str],
}

const AUTH: &[AuthFields] = &[
    AuthFields {
        auth_type: "oauth",
        label: "OAuth 2.0",
        needs: &[
            "oauthAuthorizationUrl",
            "oauthAccessTokenUrl",
            "oauthClientId",
            "oauthClientSecret",
        ],
        ignores: &[],
    },
    AuthFields {
        auth_type: "oauth_client_credential",
        label: "OAuth client credentials",
        needs: &["oauthAccessTokenUrl"],
        // The Connect Portal asks the user for the client id and secret; there is no
        // authorization step, so no authorization URL and no PKCE.
        ignores: &[
            "oauthAuthorizationUrl",
            "oauthClientId",
            "oauthClientSecret",
            "usePKCEInCodeExchange",
        ],
    },
    AuthFields {
        auth_type: "oauth_password",
        label: "OAuth 2.0 ROPC (password)",
        needs: &["oauthAccessTokenUrl", "oauthClientId", "oauthClientSecret"],
        ignores: &["oauthAuthorizationUrl", "usePKCEInCodeExchange"],
    },
    AuthFields {
        auth_type: "basic",
        label: "API keys (`basic`)",
        needs: &["inputFields"],
        ignores: &[
            "oauthAuthorizationUrl",
            "oauthAccessTokenUrl",
            "oauthClientId",
            "oauthClientSecret",
            "oauthScopes",
            "usePKCEInCodeExchange",
            "oauthIncludeClientAuthorizationHeader",
        ],
    },
];

/// Fields holding URLs that must be `https` (the test endpoint only when it is absolute).
const URL_FIELDS: &[&str] = &[
    "oauthAuthorizationUrl",
    "oauthAccessTokenUrl",
    "apiBaseUrl",
    "testEndpointPath",
];

// ---- the kind --------------------------------------------------------------------------------

impl Kind for ParagonCustomIntegration {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "Paragon custom integration"
    }
    fn description(&self) -> &'static str {
        doc(
            "A custom integration as built in Paragon's custom integration builder (name, icon, authentication method and its OAuth or API-key fields, input fields, API setup), field names as in the SDK entity `ICustomIntegration`. Values a user supplies at connect time are written `{{fieldId}}` inside URLs.",
        )
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn rules(&self) -> Vec<&'static RuleMeta> {
        crate::rules::metas(KIND, UNITS)
    }
    fn context_fields(&self) -> &'static [Field] {
        &[]
    }

    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)> {
        crate::rules::envelope(KIND, UNITS)
    }

    /// No public API receives a custom integration (it is built in the dashboard), and the SDK
    /// entity stores URLs as `TokenizedSource` parts whose encoding of `{{fieldId}}` is not
    /// documented, so credlint does not invent a body.
    fn to_wire(&self, doc: &Value, _ctx: &Value) -> Result<Value, String> {
        let slug = doc
            .field("name")
            .and_then(Value::as_str)
            .map(urls::slug)
            .filter(|s| !s.is_empty());
        let addressed = slug
            .map(|s| {
                format!(
                    " The SDK addresses this one as `custom.{}`.",
                    crate::text::clip(&s)
                )
            })
            .unwrap_or_default();
        Err(format!(
            "`{KIND}` has no wire form: Paragon has no API that receives a custom integration (it is built in the dashboard's custom integration builder), and the SDK entity `ICustomIntegration` stores its URLs in an undocumented tokenized form.{addressed}"
        ))
    }

    fn check(&self, tree: SpanRef<'_>, _context: SpanRef<'_>, sink: &mut Sink) {
        if tree.as_object().is_none() {
            return;
        }
        let obj = tree;
        let input_ids = input_ids(obj);
        let input = Input {
            doc: obj,
            auth: obj
                .field("authenticationType")
                .and_then(SpanRef::as_str)
                .and_then(|a| AUTH.iter().find(|x| x.auth_type == a)),
            declared: input_ids
                .iter()
                .filter(|e| e.repeats.is_none())
                .filter_map(|e| e.id)
                .collect(),
            input_ids,
        };
        for check in crate::rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }
}

/// What the rules read: the integration, its authentication type's fields, and its input
/// fields' ids.
struct Input<'a> {
    /// The integration (an object).
    doc: SpanRef<'a>,
    auth: Option<&'static AuthFields>,
    input_ids: Vec<InputId<'a>>,
    /// The ids a `{{…}}` placeholder can name: each input field's, trimmed, once.
    declared: Vec<&'a str>,
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

pub(super) const KIND: &str = "paragon.custom-integration";

const BASIC: &str = r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password", "required": true}], "apiBaseUrl": "https://api.acme.com/v1", "testEndpointPath": "/me", "apiAuthorization": {"type": "bearer"}}"#;
const OAUTH: &str = r##"{"name": "Acme", "icon": "https://cdn.acme.com/acme.svg", "accentColor": "#ff8800", "authenticationType": "oauth", "inputFields": [{"id": "subdomain", "title": "Subdomain", "type": "text", "required": true}], "oauthAuthorizationUrl": "https://{{subdomain}}.acme.com/oauth/authorize", "oauthAccessTokenUrl": "https://{{subdomain}}.acme.com/oauth/token", "oauthClientId": "client-id", "oauthClientSecret": "client-secret", "oauthScopes": "read write", "apiBaseUrl": "https://{{subdomain}}.acme.com/api", "testEndpointPath": "/me", "testEndpointMethod": "GET"}"##;
const CLIENT_CREDENTIAL: &str = r#"{"name": "Acme", "authenticationType": "oauth_client_credential", "oauthAccessTokenUrl": "https://auth.acme.com/token", "apiBaseUrl": "https://api.acme.com"}"#;

pub static TEST_ENDPOINT_METHOD: RuleMeta = RuleMeta {
    id: "paragon/test-endpoint-method",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a test endpoint method other than `GET`"),
    why: doc(
        "Paragon calls the test endpoint to check that a user's credentials are valid, and the endpoint must be reachable by a `GET` request.",
    ),
    source: doc(
        "seed 001 (Step 4. API Setup: \"This endpoint must be reachable via a GET request\")",
    ),
    examples: &[
        Example::pass(KIND, "", OAUTH),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "apiBaseUrl": "https://api.acme.com", "testEndpointPath": "/me", "testEndpointMethod": "POST"}"#,
        ),
    ],
};

/// The kind's rules, in the order they run (the declared one in the structure check, first).
/// `paragon/scope-token`, which `oauthScopes` holds, is listed with the credentials kind it
/// belongs to.
static UNITS: &[Unit<Check>] = &[
    Unit::declared(&TEST_ENDPOINT_METHOD),
    Unit::new(&SLUG_EMPTY, check_name),
    Unit::new(&ICON_FORMAT, check_icon),
    Unit::new(&INPUT_FIELD_ID, input_field_id),
    Unit::new(&AUTH_FIELDS, auth_fields),
    Unit::new(&AUTH_FIELD_UNUSED, auth_field_unused),
    Unit::new(&URL_PLACEHOLDER, url_placeholder),
    Unit::new(&URL_SCHEME, url_scheme),
    Unit::new(&TEST_ENDPOINT_RELATIVE, check_test_endpoint_host),
    Unit::written(&SCOPE_TOKEN, scope_token_schema, scope_token),
];

/// `oauthScopes` is one space-separated string; the structure language has no type for it,
/// so the envelope schema carries its `paragon/scope-token` check.
fn scope_token_schema() -> Value {
    json!({
        "if": {"properties": {"kind": {"const": KIND}}, "required": ["kind"]},
        "then": {"properties": {"document": {"properties": {"oauthScopes": {"pattern": scope_list_pattern()}}}}}
    })
}

/// The URL fields the authentication type reads (it ignores some), with their text.
fn url_fields<'a>(i: &Input<'a>) -> impl Iterator<Item = (&'static str, &'a str)> {
    URL_FIELDS
        .iter()
        .copied()
        .filter(|f| !i.auth.is_some_and(|a| a.ignores.contains(f)))
        .filter_map(|f| Some((f, i.doc.field(f)?.as_str()?)))
}

pub static URL_PLACEHOLDER: RuleMeta = RuleMeta {
    id: "paragon/url-placeholder",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a `{{fieldId}}` in a URL that no input field declares"),
    why: doc(
        "Values the user supplies at connect time are written `{{fieldId}}` inside URLs and filled from the input field with that id. A placeholder without its input field (a typo, a renamed or deleted field) or an unclosed `{{` is sent literally, so the URL is wrong for every user.",
    ),
    source: doc(
        "seed 001 (Step 3: \"If the URL includes a value that must be supplied by your end-user, use the Advanced Options to add input fields\")",
    ),
    examples: &[
        Example::pass(KIND, "", OAUTH),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "apiBaseUrl": "https://{{subdomain}}.acme.com/api"}"#,
        ),
    ],
};

fn url_placeholder(i: &Input, sink: &mut Sink) {
    for (field, value) in url_fields(i) {
        check_placeholders(field, value, &i.declared, sink);
    }
}

pub static URL_SCHEME: RuleMeta = RuleMeta {
    id: "paragon/url-scheme",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "an OAuth or API URL that is not absolute `https://` (plain `http://` only on loopback)",
    ),
    why: doc(
        "Tokens, client secrets and API keys travel to these URLs; over plain `http` anyone on the path can read them (RFC 6749 §3.1, §3.2 require TLS). A relative or scheme-less URL cannot be called at all. `{{fieldId}}` placeholders are filled in with a neutral value before parsing.",
    ),
    source: doc("RFC 6749 §3.1, §3.2; RFC 8252 §8.3 (loopback); seed 001"),
    examples: &[
        Example::pass(KIND, "", OAUTH),
        Example::pass(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "oauth_client_credential", "oauthAccessTokenUrl": "http://127.0.0.1:8080/token"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "oauth_client_credential", "oauthAccessTokenUrl": "http://auth.acme.com/token"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "apiBaseUrl": "api.acme.com/v1"}"#,
        ),
    ],
};

fn url_scheme(i: &Input, sink: &mut Sink) {
    for (field, value) in url_fields(i) {
        check_url_scheme(field, value, sink);
    }
}

fn scope_token(i: &Input, sink: &mut Sink) {
    if let Some(scopes) = i.doc.field("oauthScopes").and_then(SpanRef::as_str) {
        check_scope_tokens(scopes, sink);
    }
}

/// A value is set when it is a non-blank string, `true`, or anything else but `null`/`false`
/// (a wrong type is `structure/type`'s business).
fn is_set(v: Option<SpanRef>) -> bool {
    match v.map(SpanRef::view) {
        None | Some(View::Null) | Some(View::Bool(false)) => false,
        Some(View::String(s)) => !s.trim().is_empty(),
        Some(View::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

pub static AUTH_FIELDS: RuleMeta = RuleMeta {
    id: "paragon/auth-fields",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a field the chosen authentication type needs is missing"),
    why: doc(
        "OAuth 2.0 needs the authorization URL, access-token URL, client id and client secret; OAuth client credentials needs the access-token URL (the Connect Portal asks the user for the client id and secret); ROPC (`oauth_password`) needs the access-token URL, client id and client secret; API keys (`basic`) need at least one input field for the user to fill. Without them the integration cannot be enabled in the Connect Portal preview.",
    ),
    source: doc("seed 001 (Step 3. Authentication Setup)"),
    examples: &[
        Example::pass(KIND, "", OAUTH),
        Example::pass(KIND, "", CLIENT_CREDENTIAL),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "oauth", "oauthAuthorizationUrl": "https://acme.com/oauth/authorize", "oauthClientId": "id", "oauthClientSecret": "s"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": []}"#,
        ),
    ],
};

fn auth_fields(i: &Input, sink: &mut Sink) {
    let (obj, Some(auth)) = (i.doc, i.auth) else {
        return;
    };
    for field in auth.needs {
        if is_set(obj.field(field)) {
            continue;
        }
        let path = format!("/{field}");
        let (msg, hint) = if *field == "inputFields" {
            (
                format!(
                    "{} needs at least one input field for the user to fill",
                    auth.label
                ),
                "add an input field for the API key (or the user details the provider needs)"
                    .to_string(),
            )
        } else {
            let state = if obj.field(field).is_some() {
                "is empty"
            } else {
                "is missing"
            };
            (
                format!("{} {state}: {} needs it", describe(&path), auth.label),
                format!(
                    "set {}, or choose another authentication type",
                    describe(&path)
                ),
            )
        };
        sink.report(&AUTH_FIELDS, path, msg)
            .hint(hint)
            .related("/authenticationType");
    }
}

pub static AUTH_FIELD_UNUSED: RuleMeta = RuleMeta {
    id: "paragon/auth-field-unused",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("a field the chosen authentication type ignores"),
    why: doc(
        "Client credentials and ROPC have no authorization step, so an authorization URL (and PKCE) is never used; with client credentials the user supplies the client id and secret; API keys use none of the OAuth fields. A value there is dead configuration, often left over from another authentication type.",
    ),
    source: doc("seed 001 (Step 3. Authentication Setup)"),
    examples: &[
        Example::pass(KIND, "", CLIENT_CREDENTIAL),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "oauth_client_credential", "oauthAccessTokenUrl": "https://auth.acme.com/token", "oauthAuthorizationUrl": "https://auth.acme.com/authorize"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "oauthClientSecret": "s"}"#,
        ),
    ],
};

fn auth_field_unused(i: &Input, sink: &mut Sink) {
    let (obj, Some(auth)) = (i.doc, i.auth) else {
        return;
    };
    for field in auth.ignores {
        if !is_set(obj.field(field)) {
            continue;
        }
        let path = format!("/{field}");
        let why = match (auth.auth_type, *field) {
            ("oauth_client_credential", "oauthClientId" | "oauthClientSecret") => {
                ": the Connect Portal asks each user for the client id and secret"
            }
            (_, "usePKCEInCodeExchange") => ": PKCE only applies to the authorization-code flow",
            (_, "oauthAuthorizationUrl") => ": this flow has no authorization step",
            _ => "",
        };
        sink.report(&AUTH_FIELD_UNUSED, path.clone(), || {
            format!("{} is ignored by {}{why}", describe(&path), auth.label)
        })
        .hint(|| {
            format!(
                "remove {}, or choose the authentication type that uses it",
                describe(&path)
            )
        })
        .related("/authenticationType");
    }
}

pub static SLUG_EMPTY: RuleMeta = RuleMeta {
    id: "paragon/slug-empty",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a name without an ASCII letter or digit, so the SDK slug is empty"),
    why: doc(
        "The SDK addresses a custom integration as `custom.<slug>`, the slug being the name without non-alphanumeric characters (JavaScript's `[\\W_]`, so non-ASCII letters go too), lower-cased. A name with none left gives `custom.`, which cannot be told apart from any other such integration.",
    ),
    source: doc("seed 001 (Paragon SDK: prefix with `custom.`); SDK `generateSlugForIntegration`"),
    examples: &[
        Example::pass(KIND, "", BASIC),
        Example::fail(
            KIND,
            "",
            r#"{"name": "—", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}]}"#,
        ),
    ],
};

fn check_name(i: &Input, sink: &mut Sink) {
    let obj = i.doc;
    let Some(name) = obj.field("name").and_then(SpanRef::as_str) else {
        return;
    };
    // An empty name is `structure/min-length`; the SDK then has no slug at all.
    if !name.is_empty() && urls::slug(name).is_empty() {
        sink.report(&SLUG_EMPTY, "/name", "`name` has no ASCII letter or digit, so the SDK slug is empty (`custom.`)")
            .hint("the SDK keeps only ASCII letters and digits of the name, lower-cased: include some, e.g. `Acme` for `custom.acme`");
    }
}

pub static ICON_FORMAT: RuleMeta = RuleMeta {
    id: "paragon/icon-format",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("an icon that is not SVG"),
    why: doc(
        "The builder accepts only SVG app icons: an `.svg` file or URL, an `image/svg+xml` data URL, or inline `<svg>` markup.",
    ),
    source: doc(
        "seed 001 (Step 1. Basic Info: \"App Icon - Only SVG formats accepted\"); SDK `ICustomIntegration.icon` (\"SVG-format icon file\")",
    ),
    examples: &[
        Example::pass(KIND, "", OAUTH),
        Example::pass(
            KIND,
            "",
            r#"{"name": "Acme", "icon": "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "icon": "https://cdn.acme.com/acme.png", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}]}"#,
        ),
    ],
};

fn check_icon(i: &Input, sink: &mut Sink) {
    let obj = i.doc;
    let Some(icon) = obj.field("icon").and_then(SpanRef::as_str) else {
        return;
    };
    let icon = icon.trim();
    if icon.is_empty() || is_svg(icon) {
        return;
    }
    let what = raster_kind(icon)
        .map(|k| format!(" (it looks like {k})"))
        .unwrap_or_default();
    sink.report(&ICON_FORMAT, "/icon", || {
        format!("`icon` is not SVG{what}; only SVG icons are accepted")
    })
    .hint("use an `.svg` file or URL, an `image/svg+xml` data URL, or inline `<svg>` markup");
}

/// `.svg` path or URL (before any query or fragment), `data:image/svg+xml` URL, or inline markup.
fn is_svg(icon: &str) -> bool {
    let lower = icon.to_ascii_lowercase();
    if let Some(data) = lower.strip_prefix("data:") {
        return data.starts_with("image/svg+xml")
            && matches!(
                data.as_bytes().get("image/svg+xml".len()),
                Some(b';' | b',')
            );
    }
    if lower.starts_with('<') {
        let body = lower
            .strip_prefix("<?xml")
            .map(|_| {
                lower
                    .split_once("?>")
                    .map(|(_, r)| r.trim_start())
                    .unwrap_or("")
            })
            .unwrap_or(&lower);
        return body.starts_with("<svg")
            || (body.starts_with("<!--") || body.starts_with("<!doctype"))
                && lower.contains("<svg");
    }
    let path = lower.split(['?', '#']).next().unwrap_or("");
    path.ends_with(".svg")
}

fn raster_kind(icon: &str) -> Option<&'static str> {
    let lower = icon.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or("");
    let media = lower
        .strip_prefix("data:")
        .map(|d| d.split([';', ',']).next().unwrap_or(""));
    for (ext, mime, name) in [
        (".png", "image/png", "a PNG image"),
        (".jpg", "image/jpeg", "a JPEG image"),
        (".jpeg", "image/jpeg", "a JPEG image"),
        (".gif", "image/gif", "a GIF image"),
        (".webp", "image/webp", "a WebP image"),
        (".ico", "image/x-icon", "an ICO image"),
        (".bmp", "image/bmp", "a BMP image"),
    ] {
        if path.ends_with(ext) || media == Some(mime) {
            return Some(name);
        }
    }
    None
}

/// Reports blank and repeated ids; returns the declared ids.
/// An input field's id as the Connect Portal reads it.
struct InputId<'a> {
    /// Position in `inputFields`.
    index: usize,
    /// As written.
    raw: &'a str,
    /// Trimmed; `None` when blank (not empty, and only whitespace).
    id: Option<&'a str>,
    /// The earlier field with the same id.
    repeats: Option<usize>,
}

/// Every input field's id (fields without a string id are left out).
fn input_ids(obj: SpanRef<'_>) -> Vec<InputId<'_>> {
    let Some(list) = obj.field("inputFields").and_then(SpanRef::as_array) else {
        return Vec::new();
    };
    let mut out: Vec<InputId> = Vec::new();
    let mut first_at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (index, field) in list.iter().enumerate() {
        let Some(raw) = field.field("id").and_then(SpanRef::as_str) else {
            continue;
        };
        // An empty id is `structure/min-length`; a blank one passes the schema but cannot be used.
        let id = Some(raw.trim()).filter(|t| raw.is_empty() || !t.is_empty());
        let repeats = id.and_then(|id| match first_at.get(id) {
            Some(first) => Some(*first),
            None => {
                first_at.insert(id, index);
                None
            }
        });
        out.push(InputId {
            index,
            raw,
            id,
            repeats,
        });
    }
    out
}

pub static INPUT_FIELD_ID: RuleMeta = RuleMeta {
    id: "paragon/input-field-id",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("an input field id that is blank, has spaces around it, or is used twice"),
    why: doc(
        "Each input field's value is stored and referenced (`{{fieldId}}`) by its id: a blank id cannot be referenced, an id with spaces around it cannot either (placeholders are read without the spaces inside the braces), and two fields with one id overwrite each other's value. A missing `id` is `structure/required`.",
    ),
    source: doc("seed 001 (Step 3, input fields); SDK `IntegrationConnectInput.id`"),
    examples: &[
        Example::pass(KIND, "", BASIC),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}, {"id": "apiKey", "title": "Secret", "type": "password"}]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "  ", "title": "API key", "type": "password"}]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": " subdomain", "title": "Subdomain", "type": "text"}], "apiBaseUrl": "https://{{subdomain}}.example.com"}"#,
        ),
    ],
};

fn input_field_id(i: &Input, sink: &mut Sink) {
    for entry in &i.input_ids {
        let n = entry.index;
        let path = format!("/inputFields/{n}/id");
        let Some(id) = entry.id else {
            sink.report(&INPUT_FIELD_ID, path, || format!("{} is blank", describe(&format!("/inputFields/{n}/id"))))
                .hint("give the field an id of letters and digits, e.g. `apiKey`, to reference it as `{{apiKey}}`");
            continue;
        };
        if id != entry.raw {
            // Reported once here; placeholders naming the trimmed id are not reported again.
            sink.report(
                &INPUT_FIELD_ID,
                path.clone(),
                || format!(
                    "{} has spaces around it, so no `{{{{…}}}}` placeholder can name it",
                    describe(&path)
                ),
            )
            .hint(|| format!(
                "write the id as `{}`: a placeholder is read without the spaces inside its braces",
                clip(id)
            ));
        }
        if let Some(first) = entry.repeats {
            let first_path = format!("/inputFields/{first}/id");
            sink.report(&INPUT_FIELD_ID, path.clone(), || {
                format!(
                    "{} repeats the id of {}",
                    describe(&path),
                    describe(&first_path)
                )
            })
            .hint(
                "give each input field its own id: fields with one id overwrite each other's value",
            )
            .related(first_path);
        }
    }
}

fn check_placeholders(field: &str, value: &str, ids: &[&str], sink: &mut Sink) {
    let path = format!("/{field}");
    let declared: std::collections::HashSet<&str> = ids.iter().copied().collect();
    let mut undeclared: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for piece in urls::pieces(value) {
        match piece {
            Piece::Field(id) if !declared.contains(id) && seen.insert(id) => undeclared.push(id),
            Piece::Unclosed(_) => {
                sink.report(&URL_PLACEHOLDER, path.clone(), || {
                    format!(
                        "{} has a `{{{{` that is never closed with `}}}}`",
                        describe(&path)
                    )
                })
                .hint("write a user-supplied value as `{{fieldId}}`");
            }
            _ => {}
        }
    }
    let names = crate::text::Suggester::new(ids.iter().copied());
    for id in undeclared {
        if id.is_empty() {
            sink.report(&URL_PLACEHOLDER, path.clone(), || {
                format!("{} has an empty placeholder `{{{{}}}}`", describe(&path))
            })
            .hint("write the input field's id between the braces, e.g. `{{subdomain}}`")
            .related("/inputFields");
            continue;
        }
        let d = {
            sink.report(&URL_PLACEHOLDER, path.clone(), || {
                format!(
                    "{} uses `{{{{{}}}}}`, but no input field has the id `{}`",
                    describe(&path),
                    crate::text::clip(id),
                    crate::text::clip(id)
                )
            })
        };
        let close = names.suggest(id);
        d.hint(match close {
            Some(c) => {
                format!("did you mean `{{{{{c}}}}}`? Otherwise add an input field with this id")
            }
            None => "add an input field with this id, or fix the placeholder".to_string(),
        })
        .related("/inputFields");
    }
}

fn check_url_scheme(field: &str, value: &str, sink: &mut Sink) {
    let path = format!("/{field}");
    let text = value.trim();
    if text.is_empty()
        || (field == "testEndpointPath" && !urls::has_scheme(text))
        || text.starts_with("{{")
    {
        // Blank (auth-fields' business), a path relative to the base URL, or a URL whose scheme
        // the user supplies: no scheme to check.
        return;
    }
    let problem = urls::https_problem(&urls::substitute(text, urls::neutral));
    let (msg, hint) = match problem {
        None => return,
        Some(SchemeProblem::NotAbsolute) => (
            format!("{} is not an absolute URL", describe(&path)),
            "write the full URL, starting with `https://`",
        ),
        Some(SchemeProblem::Other(scheme)) => (
            format!(
                "{} uses the `{}` scheme; only `https` is allowed",
                describe(&path),
                crate::text::clip(&scheme)
            ),
            "use an `https://` URL",
        ),
        Some(SchemeProblem::PlainHttp) => (
            format!(
                "{} uses plain `http` on a host that is not loopback: tokens and secrets would travel unencrypted",
                describe(&path)
            ),
            "use `https://` (plain `http` is only allowed for `localhost`, `127.0.0.1` or `[::1]`)",
        ),
    };
    sink.report(&URL_SCHEME, path, msg).hint(hint);
}

pub static TEST_ENDPOINT_RELATIVE: RuleMeta = RuleMeta {
    id: "paragon/test-endpoint-relative",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("a test endpoint that is an absolute URL on another host than the API base URL"),
    why: doc(
        "The test endpoint checks that the user's credentials work against the integration's API; one on another host tests something else (and receives the user's credentials). Write it as a path relative to the API base URL.",
    ),
    source: doc("seed 001 (Step 4. API Setup)"),
    examples: &[
        Example::pass(KIND, "", BASIC),
        Example::pass(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "apiBaseUrl": "https://api.acme.com/v1", "testEndpointPath": "https://api.acme.com/v1/me"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password"}], "apiBaseUrl": "https://api.acme.com/v1", "testEndpointPath": "https://status.example.com/ping"}"#,
        ),
    ],
};

fn check_test_endpoint_host(i: &Input, sink: &mut Sink) {
    let obj = i.doc;
    let (Some(test), Some(base)) = (
        obj.field("testEndpointPath").and_then(SpanRef::as_str),
        obj.field("apiBaseUrl").and_then(SpanRef::as_str),
    ) else {
        return;
    };
    let (test, base) = (test.trim(), base.trim());
    if !urls::has_scheme(test) || !urls::has_scheme(base) {
        return;
    }
    let host = |s: &str| {
        crate::weburl::parse(&urls::substitute(s, urls::distinct))
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
    };
    if let (Some(t), Some(b)) = (host(test), host(base))
        && t != b
    {
        sink.report(
            &TEST_ENDPOINT_RELATIVE,
            "/testEndpointPath",
            "`testEndpointPath` is an absolute URL on another host than `apiBaseUrl`",
        )
        .hint("write the test endpoint as a path relative to the API base URL, e.g. `/me`")
        .related("/apiBaseUrl");
    }
}

/// `scope-token *( SP scope-token )` or empty, as a regular expression that Rust's `jsonschema`
/// and JavaScript (ajv, `u` flag) read alike (the characters listed, never `\s`).
fn scope_list_pattern() -> String {
    let class: String = SCOPE_FORBIDDEN
        .iter()
        .map(|c| match c {
            '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
            '\t' => "\\t".into(),
            '\n' => "\\n".into(),
            '\r' => "\\r".into(),
            '\u{c}' => "\\f".into(),
            '\u{b}' => "\\v".into(),
            c if (*c as u32) > 0x7e => format!("\\u{:04x}", *c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("^([^{class}]+( [^{class}]+)*)?$")
}

/// Control characters and unusual whitespace made visible, for naming a scope in a message.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == ' ' || !(c.is_whitespace() || c.is_control()) {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect()
}

/// `oauthScopes` is one space-separated string (RFC 6749 §3.3: `scope-token *( SP scope-token )`).
fn check_scope_tokens(scopes: &str, sink: &mut Sink) {
    if scopes.is_empty() {
        return;
    }
    for (i, token) in scopes.split(' ').enumerate() {
        if is_scope_token(token) {
            continue;
        }
        let n = i + 1;
        let msg = if token.is_empty() {
            format!(
                "scope {n} of `oauthScopes` is empty: scopes are separated by exactly one space, with none at either end"
            )
        } else {
            format!(
                "scope {n} of `oauthScopes` (`{}`) holds `\"`, `\\` or whitespace other than the single spaces that separate scopes",
                visible(&crate::text::clip(token))
            )
        };
        sink.report(&SCOPE_TOKEN, "/oauthScopes", msg).hint("separate scopes with single spaces; a scope may not contain tabs, line breaks, `\"` or `\\`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_icons() {
        for ok in [
            "acme.svg",
            "https://cdn.x.com/a.SVG?v=2",
            "data:image/svg+xml;base64,AAA",
            "data:image/svg+xml,%3Csvg",
            "<svg xmlns='x'/>",
            "<?xml version=\"1.0\"?>\n<svg/>",
        ] {
            assert!(is_svg(ok), "{ok}");
        }
        for bad in [
            "acme.png",
            "data:image/png;base64,AAA",
            "data:image/svg+xmlfoo,",
            "<png>",
            "https://x.com/svg",
        ] {
            assert!(!is_svg(bad), "{bad}");
        }
        assert_eq!(raster_kind("https://x.com/a.PNG#x"), Some("a PNG image"));
    }
}
