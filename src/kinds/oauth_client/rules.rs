//! The rules of `oauth.client`, each with why it exists and its examples.

use super::KIND;
use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta, doc, fix_doc};

const WEB: &str = r#"{"client_name": "Example", "redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile"}"#;
const NATIVE: &str = r#"{"client_name": "Example app", "application_type": "native", "redirect_uris": ["http://127.0.0.1:51004/callback", "http://[::1]/callback", "com.example.app:/oauth2redirect"], "token_endpoint_auth_method": "none"}"#;

pub static REDIRECT_URI_HTTPS: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-https",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a redirect URI that is not `https`, loopback `http` or a private-use scheme for native apps",
    why: doc(
        "The authorization response carries a code (or a token) that must not travel in clear text or to a scheme any app can claim. Only `https` is allowed, except loopback `http://127.0.0.1` / `http://[::1]` (any port) and private-use schemes in reverse domain order (`com.example.app:/cb`, `com.example.app:cb`) for native apps. A URI that is not absolute cannot match at all, and `javascript:`, `vbscript:`, `data:` and `about:` URIs are absolute but run code or have no endpoint to receive the response. Two milder cases are warnings: loopback by the name `localhost` (it is resolved by name, so it may reach another interface or be answered by a firewall or proxy, and RFC 8252 says to use the IP literal), and a private-use scheme that is not in reverse domain order (`myapp:/cb`): RFC 8252 says MUST, since another app can register the same scheme, but widely used servers accept such schemes because real apps register them.",
    ),
    source: doc(
        "RFC 9700 §2.1, §4.1.1; RFC 8252 §7.1, §7.3, §8.3; RFC 6749 §3.1.2.1; RFC 3986 §4.3",
    ),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(KIND, "", NATIVE),
        Example::pass(
            KIND,
            "",
            r#"{"application_type": "native", "redirect_uris": ["com.example.app:oauth2redirect", "com.example.app:51004/oauth2redirect/provider"], "token_endpoint_auth_method": "none"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["http://app.example.com/callback"]}"#,
        ),
        Example::fail(KIND, "", r#"{"redirect_uris": ["myapp://callback"]}"#),
        Example::fail(KIND, "", r#"{"redirect_uris": ["/callback"]}"#),
        Example::fail(KIND, "", r#"{"redirect_uris": ["javascript:alert(1)"]}"#),
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
    fix: fix_doc(Some("unsafe: the `#` and everything after it are removed")),
    summary: "a redirect URI with a fragment (`#...`)",
    why: doc(
        "The redirection endpoint URI must not include a fragment component; servers reject it, and the response parameters cannot be appended correctly.",
    ),
    source: doc("RFC 6749 §3.1.2"),
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
    fix: None,
    summary: "a wildcard (`*`) in a redirect URI",
    why: doc(
        "Redirect URIs must be compared by exact string matching; wildcard patterns have repeatedly let attackers redirect codes and tokens to hosts or paths they control.",
    ),
    source: doc("RFC 9700 §2.1, §4.1.3"),
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
    fix: None,
    summary: "the implicit grant, or a response type that returns an access token from the authorization endpoint",
    why: doc(
        "Access tokens in the authorization response leak through browser history, referrers and logs and cannot be sender-constrained; the Security BCP says clients should not use the implicit grant or any response type that issues access tokens in the authorization response. Use the authorization code grant with PKCE.",
    ),
    source: doc("RFC 9700 §2.1.2"),
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
    fix: None,
    summary: "the resource owner password credentials grant (ROPC)",
    why: doc(
        "The password grant exposes the user's credentials to the client, cannot do multi-factor or federated login, and trains users to type passwords anywhere; the Security BCP says it must not be used.",
    ),
    source: doc("RFC 9700 §2.4"),
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
    fix: None,
    summary: "`grant_types` and `response_types` that contradict each other",
    why: doc(
        "The `code` response type needs the `authorization_code` grant and the `token` response type the `implicit` grant (OpenID Connect adds: `id_token` needs `implicit`), and back again. The defaults apply before the check, written or not: an omitted `grant_types` is `[\"authorization_code\"]` and an omitted `response_types` is `[\"code\"]`, so a client that never uses the authorization endpoint (client credentials, device code, token exchange) registers `\"response_types\": []`. The values of a response type are a set: `id_token code` is `code id_token`. A server may reject such a registration or silently change it.",
    ),
    source: doc(
        "RFC 7591 §2, §2.1; RFC 6749 §3.1.1; OpenID Connect Dynamic Client Registration 1.0 §2",
    ),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": []}"#,
        ),
        Example::pass(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code", "implicit"], "response_types": ["id_token code"]}"#,
        ),
        Example::fail(KIND, "", r#"{"grant_types": ["client_credentials"]}"#),
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
    fix: None,
    summary: "an unknown `token_endpoint_auth_method`, or `none` with a `client_secret`",
    why: doc(
        "Servers accept only the registered authentication methods (RFC 7591 §2, RFC 8705 §2). `none` declares a public client, which has no secret: a secret beside it is either a confidential client registered as public, or a secret shipped where it cannot be kept.",
    ),
    source: doc("RFC 7591 §2; RFC 8705 §2; RFC 6749 §2.1"),
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
    fix: None,
    summary: "a `scope` with an empty scope (two spaces, a leading or trailing space) or a scope holding other whitespace, `\"` or `\\`",
    why: doc(
        "`scope` is a list of scope tokens separated by single spaces; RFC 6749 §3.3 allows no other whitespace, `\"` or `\\` in a token, so such a value is split differently by every server that reads it.",
    ),
    source: doc("RFC 6749 §3.3; RFC 7591 §2"),
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

pub static GRANT_TYPE: RuleMeta = RuleMeta {
    id: "oauth/grant-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a `grant_types` value that is neither a registered grant type nor an absolute URI",
    why: doc(
        "A grant type is one of the registered names (`authorization_code`, `client_credentials`, `refresh_token`, ...) or, for an extension grant, an absolute URI (`urn:ietf:params:oauth:grant-type:device_code`, `urn:ietf:params:oauth:grant-type:jwt-bearer`, any `https:` or `urn:` URI a profile defines). Anything else is a typo the server rejects or a grant it will never issue.",
    ),
    source: doc("RFC 7591 §2; RFC 6749 §4.5; RFC 3986 §4.3"),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"grant_types": ["urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:pre-authorized_code"], "response_types": []}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code", "authorisation_code"]}"#,
        ),
    ],
};

pub static REDIRECT_URIS_MISSING: RuleMeta = RuleMeta {
    id: "oauth/redirect-uris-missing",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a client using a redirect-based grant (`authorization_code`, the default, or `implicit`) or response type (`code`, the default, ...) with no `redirect_uris`",
    why: doc(
        "Clients using flows with redirection must register their redirect URIs: the server compares the `redirect_uri` of every authorization request with them, so a client without any cannot complete a login. `grant_types` defaults to `[\"authorization_code\"]` and `response_types` to `[\"code\"]`, so a registration that names neither uses the redirect flow; one that never does registers `\"response_types\": []`.",
    ),
    source: doc("RFC 7591 §2; RFC 6749 §3.1.2.2"),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": []}"#,
        ),
        Example::fail(KIND, "", r#"{"client_name": "Example"}"#),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": [], "grant_types": ["authorization_code"]}"#,
        ),
    ],
};

pub static REDIRECT_URI_LOCALHOST: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-localhost",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "an `https` redirect URI on `localhost` or a loopback address, for a native app or a web client using the implicit grant",
    why: doc(
        "A native app's loopback redirect uses plain `http` on the IP literal (the traffic never leaves the device, and no certificate can be had for it); an `https` redirect URI is a claimed URI, which needs a domain the app controls, and no app can claim `localhost`. A web client using the implicit grant receives the token in the redirect itself, and OpenID Connect forbids `localhost` for it.",
    ),
    source: doc(
        "RFC 8252 §7.2, §7.3, §8.3; OpenID Connect Dynamic Client Registration 1.0 §2 (`application_type`)",
    ),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(KIND, "", NATIVE),
        Example::fail(
            KIND,
            "",
            r#"{"application_type": "native", "redirect_uris": ["https://localhost/callback"], "token_endpoint_auth_method": "none"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://localhost:8443/callback"], "grant_types": ["implicit"], "response_types": ["id_token"]}"#,
        ),
    ],
};

pub static METADATA_URI: RuleMeta = RuleMeta {
    id: "oauth/metadata-uri",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "URL-valued metadata (`client_uri`, `logo_uri`, `jwks_uri`, `sector_identifier_uri`, `request_uris`, the logout URIs, ...) that is not an absolute URL, or not `https` where it must be",
    why: doc(
        "These values are fetched by the server or shown to the user, so each must be an absolute URL. `sector_identifier_uri` and `initiate_login_uri` must use `https` (the server fetches the first to decide pairwise subjects; the second starts a login). Plain `http` for `jwks_uri`, `request_uris` and `backchannel_logout_uri` is a warning: keys, request objects and logout tokens fetched or sent in clear text can be substituted or read on the way.",
    ),
    source: doc(
        "RFC 7591 §2; OpenID Connect Dynamic Client Registration 1.0 §2; OpenID Connect Front-Channel Logout 1.0 §2; OpenID Connect Back-Channel Logout 1.0 §2.2",
    ),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"redirect_uris": ["https://client.example.org/cb"], "client_uri": "https://client.example.org/", "logo_uri": "https://client.example.org/logo.png", "sector_identifier_uri": "https://other.example.net/file_of_redirect_uris.json", "request_uris": ["https://client.example.org/rf.txt#qpXaRLh_n93TTR9F252ValdatUQvQiJi5BDub2BeznA"]}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://client.example.org/cb"], "logo_uri": "client.example.org/logo.png"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://client.example.org/cb"], "subject_type": "pairwise", "sector_identifier_uri": "http://other.example.net/redirect_uris.json"}"#,
        ),
    ],
};

pub static JWKS_CONFLICT: RuleMeta = RuleMeta {
    id: "oauth/jwks-conflict",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "both `jwks` and `jwks_uri`",
    why: doc(
        "The client's keys are given either by value (`jwks`) or by reference (`jwks_uri`), never both: the two could disagree, and the server would not know which to trust.",
    ),
    source: doc("RFC 7591 §2"),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "private_key_jwt", "jwks": {"keys": []}, "jwks_uri": "https://app.example.com/jwks.json"}"#,
        ),
    ],
};

pub static AUTH_METHOD_KEYS: RuleMeta = RuleMeta {
    id: "oauth/auth-method-keys",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "`private_key_jwt` or `self_signed_tls_client_auth` with neither `jwks` nor `jwks_uri`",
    why: doc(
        "With `private_key_jwt` the client proves itself with a JWT signed by its private key, and with `self_signed_tls_client_auth` with its own certificate: the server checks either against the public keys the client registered, in `jwks` or at `jwks_uri`. Without them the client can never authenticate.",
    ),
    source: doc("OpenID Connect Core 1.0 §9; RFC 7523 §3; RFC 8705 §2.2"),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "https://app.example.com/jwks.json"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "private_key_jwt"}"#,
        ),
    ],
};

pub static TLS_CLIENT_AUTH_SUBJECT: RuleMeta = RuleMeta {
    id: "oauth/tls-client-auth-subject",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "`tls_client_auth` without exactly one certificate subject (`tls_client_auth_subject_dn`, `tls_client_auth_san_dns`, `..._san_uri`, `..._san_ip`, `..._san_email`)",
    why: doc(
        "With `tls_client_auth` the server accepts a certificate from a trusted CA whose subject matches the one registered: exactly one of the five subject parameters says which. With none the server cannot tell the client's certificate from any other the CA issued; with several it cannot tell which one to compare.",
    ),
    source: doc("RFC 8705 §2.1.2"),
    examples: &[
        Example::pass(KIND, "", WEB),
        Example::pass(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth", "tls_client_auth_san_dns": "service.example.com"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "tls_client_auth", "tls_client_auth_subject_dn": "CN=service", "tls_client_auth_san_dns": "service.example.com"}"#,
        ),
    ],
};

pub static PUBLIC_CLIENT_CREDENTIALS: RuleMeta = RuleMeta {
    id: "oauth/public-client-credentials",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "the `client_credentials` grant for a public client (`token_endpoint_auth_method: none`)",
    why: doc(
        "The client credentials grant issues tokens to whoever presents the client's credentials; a public client has none, so anyone who knows its `client_id` would get tokens. The grant must only be used by confidential clients.",
    ),
    source: doc("RFC 6749 §4.4, §2.1"),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "none"}"#,
        ),
    ],
};

pub static AUTH_SIGNING_ALG: RuleMeta = RuleMeta {
    id: "oauth/auth-signing-alg",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: "a `token_endpoint_auth_signing_alg` that cannot fit: `none`, a symmetric `HS*` with `private_key_jwt`, an asymmetric one with `client_secret_jwt`",
    why: doc(
        "The client authenticates with a signed JWT, so `none` (no signature) is never allowed. `private_key_jwt` signs with the client's private key, which needs an asymmetric algorithm (`RS256`, `PS256`, `ES256`, `EdDSA`, ...); `client_secret_jwt` signs with the shared client secret, which needs an HMAC (`HS256`, `HS384`, `HS512`).",
    ),
    source: doc(
        "OpenID Connect Dynamic Client Registration 1.0 §2; OpenID Connect Core 1.0 §9; RFC 7518 §3.1",
    ),
    examples: &[
        Example::pass(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "PS256", "jwks_uri": "https://app.example.com/jwks.json"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "HS256", "jwks_uri": "https://app.example.com/jwks.json"}"#,
        ),
        Example::fail(
            KIND,
            "",
            r#"{"redirect_uris": ["https://app.example.com/callback"], "token_endpoint_auth_method": "client_secret_jwt", "token_endpoint_auth_signing_alg": "none"}"#,
        ),
    ],
};
