//! The rules of `oauth.client`, each with why it exists and its examples.

use super::KIND;
use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

const WEB: &str = r#"{"client_name": "Example", "redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile"}"#;
const NATIVE: &str = r#"{"client_name": "Example app", "application_type": "native", "redirect_uris": ["http://127.0.0.1:51004/callback", "http://[::1]/callback", "com.example.app:/oauth2redirect"], "token_endpoint_auth_method": "none"}"#;

pub static REDIRECT_URI_HTTPS: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-https",
    kind: KIND,
    severity: Severity::Error,
    summary: "a redirect URI that is not `https`, loopback `http` or a private-use scheme for native apps",
    why: "The authorization response carries a code (or a token) that must not travel in clear text or to a scheme any app can claim. Only `https` is allowed, except loopback `http://127.0.0.1` / `http://[::1]` (any port) and private-use schemes in reverse domain order (`com.example.app:/cb`) for native apps. A URI that is not absolute cannot match at all. Loopback by the name `localhost` is a warning, not an error: it is resolved by name, so it may reach another interface or be answered by a firewall or proxy, and RFC 8252 says to use the IP literal.",
    source: "RFC 9700 §2.1, §4.1.1; RFC 8252 §7.1, §7.3, §8.3; RFC 6749 §3.1.2.1",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(KIND, "", NATIVE),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["http://app.example.com/callback"]}"#,
        ),
        Example::fail(KIND, "", r#"{"redirect_uris": ["myapp://callback"]}"#),
        Example::fail(KIND, "", r#"{"redirect_uris": ["/callback"]}"#),
        Example::fail(
            KIND,
            "",
            r#"{"application_type": "native", "redirect_uris": ["http://localhost:8080/callback"], "token_endpoint_auth_method": "none"}"#,
        ),
    ],
};

pub static REDIRECT_URI_FRAGMENT: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-fragment",
    kind: KIND,
    severity: Severity::Error,
    summary: "a redirect URI with a fragment (`#...`)",
    why: "The redirection endpoint URI must not include a fragment component; servers reject it, and the response parameters cannot be appended correctly.",
    source: "RFC 6749 §3.1.2",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback#done"]}"#,
        ),
    ],
};

pub static REDIRECT_URI_WILDCARD: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-wildcard",
    kind: KIND,
    severity: Severity::Error,
    summary: "a wildcard (`*`) in a redirect URI",
    why: "Redirect URIs must be compared by exact string matching; wildcard patterns have repeatedly let attackers redirect codes and tokens to hosts or paths they control.",
    source: "RFC 9700 §2.1, §4.1.3",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://*.example.com/callback"]}"#,
        ),
    ],
};

pub static IMPLICIT_GRANT: RuleMeta = RuleMeta {
    id: "oauth/implicit-grant",
    kind: KIND,
    severity: Severity::Warning,
    summary: "the implicit grant, or a response type that returns an access token from the authorization endpoint",
    why: "Access tokens in the authorization response leak through browser history, referrers and logs and cannot be sender-constrained; the Security BCP says clients should not use the implicit grant or any response type that issues access tokens in the authorization response. Use the authorization code grant with PKCE.",
    source: "RFC 9700 §2.1.2",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "grant_types": ["implicit"], "response_types": ["token"]}"#,
        ),
    ],
};

pub static PASSWORD_GRANT: RuleMeta = RuleMeta {
    id: "oauth/password-grant",
    kind: KIND,
    severity: Severity::Warning,
    summary: "the resource owner password credentials grant (ROPC)",
    why: "The password grant exposes the user's credentials to the client, cannot do multi-factor or federated login, and trains users to type passwords anywhere; the Security BCP says it must not be used.",
    source: "RFC 9700 §2.4",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"grant_types": ["password", "refresh_token"], "response_types": []}"#,
        ),
    ],
};

pub static GRANT_RESPONSE_MISMATCH: RuleMeta = RuleMeta {
    id: "oauth/grant-response-mismatch",
    kind: KIND,
    severity: Severity::Error,
    summary: "`grant_types` and `response_types` that contradict each other",
    why: "The `code` response type needs the `authorization_code` grant and the `token` response type the `implicit` grant (OpenID Connect adds: `id_token` needs `implicit`), and back again; with the defaults `[\"authorization_code\"]` and `[\"code\"]` for omitted fields. A server may reject such a registration or silently change it. A client that omits `response_types` and uses no redirect grant is not reported.",
    source: "RFC 7591 §2.1; OpenID Connect Dynamic Client Registration 1.0 §2",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(KIND, "", r#"{"grant_types": ["client_credentials"]}"#),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code"], "response_types": ["token"]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "grant_types": ["implicit"]}"#,
        ),
    ],
};

pub static AUTH_METHOD: RuleMeta = RuleMeta {
    id: "oauth/auth-method",
    kind: KIND,
    severity: Severity::Error,
    summary: "an unknown `token_endpoint_auth_method`, or `none` with a `client_secret`",
    why: "Servers accept only the registered authentication methods (RFC 7591 §2, RFC 8705 §2). `none` declares a public client, which has no secret: a secret beside it is either a confidential client registered as public, or a secret shipped where it cannot be kept.",
    source: "RFC 7591 §2; RFC 8705 §2; RFC 6749 §2.1",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(KIND, "", NATIVE),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "client_secret"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "none", "client_secret": "s"}"#,
        ),
    ],
};

pub static SCOPE_TOKEN: RuleMeta = RuleMeta {
    id: "oauth/scope-token",
    kind: KIND,
    severity: Severity::Error,
    summary: "a `scope` with an empty scope (two spaces, a leading or trailing space) or a scope holding other whitespace, `\"` or `\\`",
    why: "`scope` is a list of scope tokens separated by single spaces; RFC 6749 §3.3 allows no other whitespace, `\"` or `\\` in a token, so such a value is split differently by every server that reads it.",
    source: "RFC 6749 §3.3; RFC 7591 §2",
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "scope": "openid  profile"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "scope": "openid\tprofile"}"#,
        ),
    ],
};

pub static RULES: &[&RuleMeta] = &[
    &REDIRECT_URI_HTTPS,
    &REDIRECT_URI_FRAGMENT,
    &REDIRECT_URI_WILDCARD,
    &IMPLICIT_GRANT,
    &PASSWORD_GRANT,
    &GRANT_RESPONSE_MISMATCH,
    &AUTH_METHOD,
    &SCOPE_TOKEN,
];
