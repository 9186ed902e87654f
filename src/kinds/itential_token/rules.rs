//! The rules of `itential.token-config`, each with why it exists and its examples.

use super::KIND;
use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta, doc};

const PASSWORD: &str = r#"{"flow": "password", "username": "svc-itential", "password": "p", "token_url": "https://idp.example.com/oauth/token"}"#;
const CLIENT_CREDENTIALS: &str = r#"{"flow": "clientCredentials", "client_id": "id", "client_secret": "s", "token_url": "https://idp.example.com/oauth/token"}"#;
const TOKEN: &str = r#"{"flow": "password", "username": "svc-itential", "password": "p", "token_url": "https://idp.example.com/oauth/token", "refresh_url": "https://idp.example.com/oauth/refresh", "token": {"access_token": "a", "refresh_token": "r", "token_type": "Bearer", "expires_in": 3600, "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-05-01T11:00:00Z"}}"#;
const NOW_BEFORE: &str = r#"{"now": "2024-05-01T10:30:00Z"}"#;
const NOW_AFTER: &str = r#"{"now": "2024-05-01T11:30:00Z"}"#;

pub static FLOW_FIELDS: RuleMeta = RuleMeta {
    id: "itential/flow-fields",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a field the token flow needs is missing or empty (`clientCredentials`: `client_id`, `client_secret`, `token_url`; `password`: `username`, `password`, `token_url`)",
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

pub static UNSUPPORTED_FLOW: RuleMeta = RuleMeta {
    id: "itential/unsupported-flow",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "an OAuth flow other than `password` / `clientCredentials`",
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

pub static FIRST_SCHEME_ONLY: RuleMeta = RuleMeta {
    id: "itential/first-scheme-only",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "several security schemes in the OpenAPI document: only the first is used",
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

pub static REFRESH_WITHOUT_URL: RuleMeta = RuleMeta {
    id: "itential/refresh-without-url",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "a `refresh_token` but no usable `refresh_url`",
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

pub static TOKEN_TYPE: RuleMeta = RuleMeta {
    id: "itential/token-type",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "`token.token_type` other than `Bearer`",
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

pub static TOKEN_TIMES: RuleMeta = RuleMeta {
    id: "itential/token-times",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "`expires_at` before `created_at`, `created_at + expires_in` more than a minute away from `expires_at`, or a time that is not a real date",
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

pub static TOKEN_EXPIRED: RuleMeta = RuleMeta {
    id: "itential/token-expired",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: "the token has expired at the context's `now`: the next call refreshes it or fetches a new one",
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

pub static MANUAL_TOKEN: RuleMeta = RuleMeta {
    id: "itential/manual-token",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: "a hand-entered `access_token` (one without `created_at` or `expires_at`)",
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

pub static FLOW_MISMATCH: RuleMeta = RuleMeta {
    id: "itential/flow-mismatch",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: "`flow` disagrees with the OpenAPI document's first security scheme",
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
