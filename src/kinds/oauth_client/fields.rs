//! The structure of OAuth 2.0 client metadata: every name in the IANA "OAuth Dynamic Client
//! Registration Metadata" registry (RFC 7591, RFC 7592, OpenID Connect Dynamic Client Registration
//! and Session/Logout, RFC 8705, RFC 9101, RFC 9126, RFC 9396, RFC 9449, RFC 9701, JARM, CIBA), so
//! that a misspelt name is caught instead of being silently ignored by the server.

use super::AUTH_METHOD;
use crate::rules::doc;
use crate::structure::{Field, Role, Str, Ty};

/// RFC 7591 §2 grant types and the grant types registered since (device code, token exchange,
/// UMA, CIBA). Any absolute URI is also a grant type (an extension grant, RFC 6749 §4.5):
/// `oauth/grant-type` reports the rest.
pub const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "implicit",
    "password",
    "client_credentials",
    "refresh_token",
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "urn:ietf:params:oauth:grant-type:device_code",
    "urn:ietf:params:oauth:grant-type:token-exchange",
    "urn:ietf:params:oauth:grant-type:uma-ticket",
    "urn:openid:params:grant-type:ciba",
];

/// The IANA "OAuth Authorization Endpoint Response Types" registry, as registered.
pub const RESPONSE_TYPES: &[&str] = &[
    "code",
    "token",
    "id_token",
    "id_token token",
    "code id_token",
    "code token",
    "code id_token token",
    "none",
];

/// Every value of `response_types` the structure accepts: each registered response type with its
/// space-delimited values in any order (RFC 6749 §3.1.1: their order does not matter).
pub const RESPONSE_TYPE_SPELLINGS: &[&str] = &[
    "code",
    "token",
    "id_token",
    "none",
    "id_token token",
    "token id_token",
    "code id_token",
    "id_token code",
    "code token",
    "token code",
    "code id_token token",
    "code token id_token",
    "id_token code token",
    "id_token token code",
    "token code id_token",
    "token id_token code",
];

/// RFC 7591 §2 and RFC 8705 §2 token endpoint authentication methods.
pub const AUTH_METHODS: &[&str] = &[
    "none",
    "client_secret_post",
    "client_secret_basic",
    "client_secret_jwt",
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
];

const fn opt(name: &'static str, label: &'static str, description: &'static str, ty: Ty) -> Field {
    Field {
        name,
        label,
        description: doc(description),
        required: false,
        role: Role::Plain,
        ty,
    }
}

const fn secret(name: &'static str, label: &'static str, description: &'static str) -> Field {
    Field {
        name,
        label,
        description: doc(description),
        required: false,
        role: Role::Secret,
        ty: Ty::String(Str::ANY),
    }
}

const STRING: Ty = Ty::String(Str::ANY);
static ANY_STRING: Ty = Ty::String(Str::ANY);
static RESPONSE: Ty = Ty::String(Str::one_of(RESPONSE_TYPE_SPELLINGS));
const STRINGS: Ty = Ty::Array {
    items: &ANY_STRING,
    min_items: 0,
    unique: None,
};
static ANY: Ty = Ty::Any;
const SECONDS: Ty = Ty::Integer {
    min: Some(0),
    max: None,
    rule: None,
};

static JWKS_FIELDS: &[Field] = &[Field {
    name: "keys",
    label: "Keys",
    description: doc("The client's public keys (RFC 7517 JWK Set)."),
    required: true,
    role: Role::Plain,
    ty: Ty::Array {
        items: &ANY,
        min_items: 0,
        unique: None,
    },
}];

pub static FIELDS: &[Field] = &[
    // RFC 7591 §2
    opt(
        "redirect_uris",
        "Redirect URIs",
        "Redirection URIs for redirect-based flows, matched exactly: `https`, loopback `http://127.0.0.1` / `http://[::1]` (any port), or a private-use scheme in reverse domain order for native apps; no fragment, no wildcard.",
        Ty::Array {
            items: &ANY_STRING,
            min_items: 0,
            unique: None,
        },
    ),
    opt(
        "token_endpoint_auth_method",
        "Token endpoint authentication method",
        "How the client authenticates at the token endpoint: `none`, `client_secret_post`, `client_secret_basic` (default), `client_secret_jwt`, `private_key_jwt`, `tls_client_auth`, `self_signed_tls_client_auth`.",
        Ty::String(Str::one_of_rule(AUTH_METHODS, &AUTH_METHOD)),
    ),
    opt(
        "grant_types",
        "Grant types",
        "Grant types the client may use (default `[\"authorization_code\"]`): registered names, or an absolute URI for an extension grant (RFC 6749 §4.5); must agree with `response_types` (RFC 7591 §2.1).",
        Ty::Array {
            items: &ANY_STRING,
            min_items: 0,
            unique: None,
        },
    ),
    opt(
        "response_types",
        "Response types",
        "Response types the client may use at the authorization endpoint (default `[\"code\"]`), their space-delimited values in any order; must agree with `grant_types` (RFC 7591 §2.1).",
        Ty::Array {
            items: &RESPONSE,
            min_items: 0,
            unique: None,
        },
    ),
    opt(
        "client_name",
        "Client name",
        "Human-readable name of the client.",
        STRING,
    ),
    opt(
        "client_uri",
        "Client URI",
        "URL of the client's home page.",
        STRING,
    ),
    opt("logo_uri", "Logo URI", "URL of the client's logo.", STRING),
    Field {
        role: Role::Scopes,
        ..opt(
            "scope",
            "Scope",
            "Scopes the client may request, separated by single spaces (RFC 6749 §3.3).",
            STRING,
        )
    },
    opt(
        "contacts",
        "Contacts",
        "Ways to contact the people responsible for the client, usually e-mail addresses.",
        STRINGS,
    ),
    opt(
        "tos_uri",
        "Terms of service URI",
        "URL of the client's terms of service.",
        STRING,
    ),
    opt(
        "policy_uri",
        "Policy URI",
        "URL of the client's privacy policy.",
        STRING,
    ),
    opt(
        "jwks_uri",
        "JWK Set URI",
        "URL of the client's JSON Web Key Set (do not give `jwks` too).",
        STRING,
    ),
    opt(
        "jwks",
        "JWK Set",
        "The client's JSON Web Key Set, by value (public keys only).",
        Ty::OpenObject(JWKS_FIELDS),
    ),
    opt(
        "software_id",
        "Software ID",
        "Identifier of the client software, the same for every instance.",
        STRING,
    ),
    opt(
        "software_version",
        "Software version",
        "Version of the client software.",
        STRING,
    ),
    secret(
        "software_statement",
        "Software statement",
        "A signed JWT asserting the client's metadata (RFC 7591 §2.3).",
    ),
    // RFC 7591 §3.2.1 and RFC 7592 (registration responses)
    secret(
        "client_id",
        "Client ID",
        "The client identifier issued by the server.",
    ),
    secret(
        "client_secret",
        "Client secret",
        "The client secret issued by the server; none for public clients (`token_endpoint_auth_method: none`).",
    ),
    opt(
        "client_id_issued_at",
        "Client ID issued at",
        "When the client id was issued (seconds since the epoch).",
        SECONDS,
    ),
    opt(
        "client_secret_expires_at",
        "Client secret expires at",
        "When the client secret expires (seconds since the epoch; 0: never).",
        SECONDS,
    ),
    secret(
        "registration_access_token",
        "Registration access token",
        "Access token for the client configuration endpoint (RFC 7592).",
    ),
    opt(
        "registration_client_uri",
        "Registration client URI",
        "The client configuration endpoint (RFC 7592).",
        STRING,
    ),
    // OpenID Connect Dynamic Client Registration 1.0 §2
    opt(
        "application_type",
        "Application type",
        "`web` (default) or `native`.",
        Ty::String(Str::one_of(&["web", "native"])),
    ),
    opt(
        "sector_identifier_uri",
        "Sector identifier URI",
        "URL of a file listing the redirect URIs of one sector (pairwise subjects).",
        STRING,
    ),
    opt(
        "subject_type",
        "Subject type",
        "`public` or `pairwise` subject identifiers.",
        Ty::String(Str::one_of(&["public", "pairwise"])),
    ),
    opt(
        "id_token_signed_response_alg",
        "ID token signing algorithm",
        "JWS algorithm for ID tokens.",
        STRING,
    ),
    opt(
        "id_token_encrypted_response_alg",
        "ID token encryption algorithm",
        "JWE key algorithm for ID tokens.",
        STRING,
    ),
    opt(
        "id_token_encrypted_response_enc",
        "ID token encryption encoding",
        "JWE content encryption for ID tokens.",
        STRING,
    ),
    opt(
        "userinfo_signed_response_alg",
        "UserInfo signing algorithm",
        "JWS algorithm for UserInfo responses.",
        STRING,
    ),
    opt(
        "userinfo_encrypted_response_alg",
        "UserInfo encryption algorithm",
        "JWE key algorithm for UserInfo responses.",
        STRING,
    ),
    opt(
        "userinfo_encrypted_response_enc",
        "UserInfo encryption encoding",
        "JWE content encryption for UserInfo responses.",
        STRING,
    ),
    opt(
        "request_object_signing_alg",
        "Request object signing algorithm",
        "JWS algorithm for request objects.",
        STRING,
    ),
    opt(
        "request_object_encryption_alg",
        "Request object encryption algorithm",
        "JWE key algorithm for request objects.",
        STRING,
    ),
    opt(
        "request_object_encryption_enc",
        "Request object encryption encoding",
        "JWE content encryption for request objects.",
        STRING,
    ),
    opt(
        "token_endpoint_auth_signing_alg",
        "Token endpoint authentication signing algorithm",
        "JWS algorithm for `private_key_jwt` / `client_secret_jwt` assertions.",
        STRING,
    ),
    opt(
        "default_max_age",
        "Default max age",
        "Default maximum authentication age, in seconds.",
        SECONDS,
    ),
    opt(
        "require_auth_time",
        "Require auth time",
        "Whether the `auth_time` claim is required in ID tokens.",
        Ty::Boolean,
    ),
    opt(
        "default_acr_values",
        "Default ACR values",
        "Default authentication context class references.",
        STRINGS,
    ),
    opt(
        "initiate_login_uri",
        "Initiate login URI",
        "URL a third party can use to start a login by the client.",
        STRING,
    ),
    opt(
        "request_uris",
        "Request URIs",
        "Pre-registered `request_uri` values.",
        STRINGS,
    ),
    // OpenID Connect RP-Initiated, Front-Channel and Back-Channel Logout
    opt(
        "post_logout_redirect_uris",
        "Post-logout redirect URIs",
        "Where the user may be sent after logout.",
        STRINGS,
    ),
    opt(
        "frontchannel_logout_uri",
        "Front-channel logout URI",
        "The client's front-channel logout URL.",
        STRING,
    ),
    opt(
        "frontchannel_logout_session_required",
        "Front-channel logout session required",
        "Whether front-channel logout needs `iss` and `sid`.",
        Ty::Boolean,
    ),
    opt(
        "backchannel_logout_uri",
        "Back-channel logout URI",
        "The client's back-channel logout URL.",
        STRING,
    ),
    opt(
        "backchannel_logout_session_required",
        "Back-channel logout session required",
        "Whether logout tokens must hold `sid`.",
        Ty::Boolean,
    ),
    // RFC 8705 (mutual TLS)
    opt(
        "tls_client_auth_subject_dn",
        "TLS client certificate subject DN",
        "Expected subject DN of the client certificate (`tls_client_auth`).",
        STRING,
    ),
    opt(
        "tls_client_auth_san_dns",
        "TLS client certificate SAN DNS name",
        "Expected dNSName SAN of the client certificate.",
        STRING,
    ),
    opt(
        "tls_client_auth_san_uri",
        "TLS client certificate SAN URI",
        "Expected uniformResourceIdentifier SAN of the client certificate.",
        STRING,
    ),
    opt(
        "tls_client_auth_san_ip",
        "TLS client certificate SAN IP address",
        "Expected iPAddress SAN of the client certificate.",
        STRING,
    ),
    opt(
        "tls_client_auth_san_email",
        "TLS client certificate SAN email",
        "Expected rfc822Name SAN of the client certificate.",
        STRING,
    ),
    opt(
        "tls_client_certificate_bound_access_tokens",
        "Certificate-bound access tokens",
        "Whether access tokens are bound to the client certificate.",
        Ty::Boolean,
    ),
    // RFC 9101, RFC 9126, RFC 9396, RFC 9449, RFC 9701
    opt(
        "require_signed_request_object",
        "Require signed request object",
        "Whether authorization requests must be signed request objects (JAR).",
        Ty::Boolean,
    ),
    opt(
        "require_pushed_authorization_requests",
        "Require pushed authorization requests",
        "Whether authorization requests must be pushed (PAR).",
        Ty::Boolean,
    ),
    opt(
        "authorization_details_types",
        "Authorization details types",
        "Rich authorization request types the client may use.",
        STRINGS,
    ),
    opt(
        "dpop_bound_access_tokens",
        "DPoP-bound access tokens",
        "Whether access tokens are always DPoP-bound.",
        Ty::Boolean,
    ),
    opt(
        "introspection_signed_response_alg",
        "Introspection signing algorithm",
        "JWS algorithm for JWT introspection responses.",
        STRING,
    ),
    opt(
        "introspection_encrypted_response_alg",
        "Introspection encryption algorithm",
        "JWE key algorithm for JWT introspection responses.",
        STRING,
    ),
    opt(
        "introspection_encrypted_response_enc",
        "Introspection encryption encoding",
        "JWE content encryption for JWT introspection responses.",
        STRING,
    ),
    // JARM
    opt(
        "authorization_signed_response_alg",
        "Authorization response signing algorithm",
        "JWS algorithm for JWT authorization responses.",
        STRING,
    ),
    opt(
        "authorization_encrypted_response_alg",
        "Authorization response encryption algorithm",
        "JWE key algorithm for JWT authorization responses.",
        STRING,
    ),
    opt(
        "authorization_encrypted_response_enc",
        "Authorization response encryption encoding",
        "JWE content encryption for JWT authorization responses.",
        STRING,
    ),
    // OpenID Connect CIBA
    opt(
        "backchannel_token_delivery_mode",
        "Backchannel token delivery mode",
        "`poll`, `ping` or `push`.",
        Ty::String(Str::one_of(&["poll", "ping", "push"])),
    ),
    opt(
        "backchannel_client_notification_endpoint",
        "Backchannel client notification endpoint",
        "Where `ping` and `push` notifications are sent.",
        STRING,
    ),
    opt(
        "backchannel_authentication_request_signing_alg",
        "Backchannel authentication request signing algorithm",
        "JWS algorithm for signed CIBA requests.",
        STRING,
    ),
    opt(
        "backchannel_user_code_parameter",
        "Backchannel user code parameter",
        "Whether the client supports the `user_code` parameter.",
        Ty::Boolean,
    ),
];
