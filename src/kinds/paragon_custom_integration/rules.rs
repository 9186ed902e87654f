//! The rules of `paragon.custom-integration`, each with why it exists and its examples.

use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta, doc};

pub(super) const KIND: &str = "paragon.custom-integration";

const BASIC: &str = r#"{"name": "Acme", "authenticationType": "basic", "inputFields": [{"id": "apiKey", "title": "API key", "type": "password", "required": true}], "apiBaseUrl": "https://api.acme.com/v1", "testEndpointPath": "/me", "apiAuthorization": {"type": "bearer"}}"#;
const OAUTH: &str = r##"{"name": "Acme", "icon": "https://cdn.acme.com/acme.svg", "accentColor": "#ff8800", "authenticationType": "oauth", "inputFields": [{"id": "subdomain", "title": "Subdomain", "type": "text", "required": true}], "oauthAuthorizationUrl": "https://{{subdomain}}.acme.com/oauth/authorize", "oauthAccessTokenUrl": "https://{{subdomain}}.acme.com/oauth/token", "oauthClientId": "client-id", "oauthClientSecret": "client-secret", "oauthScopes": "read write", "apiBaseUrl": "https://{{subdomain}}.acme.com/api", "testEndpointPath": "/me", "testEndpointMethod": "GET"}"##;
const CLIENT_CREDENTIAL: &str = r#"{"name": "Acme", "authenticationType": "oauth_client_credential", "oauthAccessTokenUrl": "https://auth.acme.com/token", "apiBaseUrl": "https://api.acme.com"}"#;

pub static AUTH_FIELDS: RuleMeta = RuleMeta {
    id: "paragon/auth-fields",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a field the chosen authentication type needs is missing",
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

pub static AUTH_FIELD_UNUSED: RuleMeta = RuleMeta {
    id: "paragon/auth-field-unused",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "a field the chosen authentication type ignores",
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

pub static URL_SCHEME: RuleMeta = RuleMeta {
    id: "paragon/url-scheme",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "an OAuth or API URL that is not absolute `https://` (plain `http://` only on loopback)",
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

pub static URL_PLACEHOLDER: RuleMeta = RuleMeta {
    id: "paragon/url-placeholder",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a `{{fieldId}}` in a URL that no input field declares",
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

pub static TEST_ENDPOINT_METHOD: RuleMeta = RuleMeta {
    id: "paragon/test-endpoint-method",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a test endpoint method other than `GET`",
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

pub static TEST_ENDPOINT_RELATIVE: RuleMeta = RuleMeta {
    id: "paragon/test-endpoint-relative",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "a test endpoint that is an absolute URL on another host than the API base URL",
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

pub static ICON_FORMAT: RuleMeta = RuleMeta {
    id: "paragon/icon-format",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "an icon that is not SVG",
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

pub static SLUG_EMPTY: RuleMeta = RuleMeta {
    id: "paragon/slug-empty",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a name without an ASCII letter or digit, so the SDK slug is empty",
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

pub static INPUT_FIELD_ID: RuleMeta = RuleMeta {
    id: "paragon/input-field-id",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "an input field id that is blank, has spaces around it, or is used twice",
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
