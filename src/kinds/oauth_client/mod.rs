//! `oauth.client`: OAuth 2.0 client metadata (RFC 7591), checked against RFC 7591's own
//! consistency rules, RFC 8252 (native apps) and the OAuth 2.0 Security Best Current Practice
//! (RFC 9700). This is where credlint goes beyond any one platform: every OAuth client anywhere
//! should pass it.

mod fields;

use std::net::Ipv4Addr;

use serde_json::{Value, json};
use url::Host;

use super::Kind;
use crate::condition::{Clause, Cond, Need};
use crate::diagnostic::{Severity, Sink};
use crate::fix::{Op, Proposed};
use crate::json::{Member, Members, SpanRef, View, pointer};
use crate::rules::{Example, RuleMeta, Unit, doc, fix_doc};
use crate::structure::{Field, UnknownFields, is_scope_token};
use crate::text::{Described, clip, describe};

pub use fields::{AUTH_METHODS, GRANT_TYPES, RESPONSE_TYPE_SPELLINGS, RESPONSE_TYPES};

pub struct OAuthClient;

const KIND: &str = "oauth.client";

impl Kind for OAuthClient {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "OAuth 2.0 client metadata (RFC 7591)"
    }
    fn description(&self) -> &'static str {
        doc(
            "OAuth 2.0 dynamic client registration metadata (RFC 7591, with the names registered since), checked against RFC 7591, RFC 8252 and the OAuth 2.0 Security Best Current Practice (RFC 9700). Fields it does not declare are extension metadata (RFC 7591 §2: a server ignores what it does not understand): accepted, a near miss of a declared name being a warning.",
        )
    }
    fn language_tagged(&self) -> &'static [&'static str] {
        // RFC 7591 §2.2: human-readable values may be given per language as `name#tag`.
        &[
            "client_name",
            "client_uri",
            "logo_uri",
            "tos_uri",
            "policy_uri",
        ]
    }

    fn fields(&self) -> &'static [Field] {
        fields::FIELDS
    }
    /// RFC 7591 §2: "The authorization server MUST ignore any client metadata sent by the client
    /// that it does not understand"; registrations carry extension and profile metadata.
    fn unknown_fields(&self) -> UnknownFields {
        UnknownFields::Open
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

    fn check(&self, tree: SpanRef<'_>, _context: SpanRef<'_>, sink: &mut Sink) {
        if tree.as_object().is_none() {
            return;
        }
        let obj = tree;
        let grants = Grants::of(obj);
        let client = Client {
            native: obj.field("application_type").and_then(SpanRef::as_str) == Some("native"),
            implicit: grants.effective().contains(&"implicit"),
        };
        let redirect_uris = match obj.field("redirect_uris").map(SpanRef::view) {
            Some(View::Array(uris)) => uris
                .iter()
                .enumerate()
                .filter_map(|(i, uri)| {
                    let path = pointer::join("/redirect_uris", &i.to_string());
                    uri.as_str().map(|s| RedirectUri::read(s, path))
                })
                .collect(),
            _ => Vec::new(),
        };
        let input = Input {
            doc: obj,
            grants,
            client,
            redirect_uris,
        };
        for check in crate::rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }
}

/// What the rules read: the registration, its grants, what kind of client it is, and its
/// redirect URIs, each parsed once.
struct Input<'a> {
    /// The registration (an object).
    doc: SpanRef<'a>,
    grants: Grants<'a>,
    client: Client,
    redirect_uris: Vec<RedirectUri<'a>>,
}

impl Input<'_> {
    fn holds(&self, cond: &Cond) -> bool {
        cond.holds(None, Some(self.doc))
    }
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

// Registrations the rules' examples share.
const WEB: &str = r#"{"client_name": "Example", "redirect_uris": ["https://app.example.com/callback"], "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "token_endpoint_auth_method": "client_secret_basic", "scope": "openid profile"}"#;
const NATIVE: &str = r#"{"client_name": "Example app", "application_type": "native", "redirect_uris": ["http://127.0.0.1:51004/callback", "http://[::1]/callback", "com.example.app:/oauth2redirect"], "token_endpoint_auth_method": "none"}"#;

/// The kind's rules, in the order they run.
static UNITS: &[Unit<Check>] = &[
    Unit::new(&REDIRECT_URI_WILDCARD, redirect_uri_wildcard),
    Unit::new(&REDIRECT_URI_FRAGMENT, redirect_uri_fragment),
    Unit::new(&REDIRECT_URI_HTTPS, redirect_uri_https),
    Unit::new(&REDIRECT_URI_LOCALHOST, redirect_uri_localhost),
    Unit::written(&GRANT_TYPE, grant_type_schema, grant_type),
    Unit::new(&IMPLICIT_GRANT, implicit_grant),
    Unit::new(&PASSWORD_GRANT, password_grant),
    Unit::written(
        &GRANT_RESPONSE_MISMATCH,
        grant_response_mismatch_schema,
        grant_response_mismatch,
    ),
    Unit::written(
        &REDIRECT_URIS_MISSING,
        redirect_uris_missing_schema,
        redirect_uris_missing,
    ),
    // `token_endpoint_auth_method`'s values are declared by the fields; these check its use.
    Unit::when(
        &AUTH_METHOD,
        &Clause {
            when: METHOD_NONE,
            then: Need::Absent(&["client_secret"]),
        },
        auth_method,
    ),
    Unit::when(
        &PUBLIC_CLIENT_CREDENTIALS,
        &Clause {
            when: METHOD_NONE,
            then: Need::Lacks(&["grant_types"], "client_credentials"),
        },
        public_client_credentials,
    ),
    Unit::written(&JWKS_CONFLICT, jwks_conflict_schema, jwks_conflict),
    Unit::when(
        &AUTH_METHOD_KEYS,
        &Clause {
            when: KEYED_METHOD,
            then: Need::AnyOf(&["jwks", "jwks_uri"]),
        },
        auth_method_keys,
    ),
    Unit::when(
        &TLS_CLIENT_AUTH_SUBJECT,
        &Clause {
            when: TLS_CLIENT_AUTH,
            then: Need::OneOf(TLS_SUBJECTS),
        },
        tls_client_auth_subject,
    ),
    Unit::written(&AUTH_SIGNING_ALG, auth_signing_alg_schema, auth_signing_alg),
    Unit::new(&METADATA_URI, check_metadata_uris),
    Unit::new(&SCOPE_TOKEN, scope_token),
];

// ---- redirect URIs ---------------------------------------------------------------------------

/// What a redirect URI's client is, as far as its checks need.
#[derive(Clone, Copy)]
struct Client {
    /// `application_type: native`.
    native: bool,
    /// Uses the implicit grant.
    implicit: bool,
}

/// Why a scheme can never be a redirect URI's, for the absolute URIs that have one.
fn no_endpoint(scheme: &str) -> Option<&'static str> {
    match scheme {
        "javascript" | "vbscript" => {
            Some("which runs script in the browser instead of reaching an endpoint")
        }
        "data" => {
            Some("which carries its content inline: there is no endpoint to receive the response")
        }
        "about" => Some(
            "which names a browser-internal page: there is no endpoint to receive the response",
        ),
        _ => None,
    }
}

/// A loopback host: `localhost` (or a name under it), `127.0.0.0/8` or `[::1]`.
fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
        None => false,
    }
}

/// Reports what is wrong with one redirect URI. Messages name the scheme or host at most: a URL's
/// userinfo, path and query may hold secrets and are never echoed.
/// A redirect URI as its rules read it: parsed once.
struct RedirectUri<'a> {
    text: &'a str,
    path: String,
    shape: UriShape,
}

impl RedirectUri<'_> {
    /// The URI named in messages (never quoted: it may carry credentials), written only into a
    /// message that is kept.
    fn what(&self) -> Described<'_> {
        Described(&self.path)
    }
}

enum UriShape {
    /// A scheme that can never be an endpoint (`javascript:`, `data:`, ...), and why.
    NoEndpoint(String, &'static str),
    /// Not an absolute URL.
    NotAbsolute,
    Url(url::Url),
}

impl<'a> RedirectUri<'a> {
    fn read(text: &'a str, path: String) -> Self {
        let parsed = crate::weburl::parse(text)
            .ok()
            .filter(|_| text.trim() == text);
        let shape = match parsed {
            Some(u) => match no_endpoint(u.scheme()) {
                Some(why) => UriShape::NoEndpoint(u.scheme().to_owned(), why),
                // `localhost:8080/cb` parses with the scheme `localhost` and nothing after it:
                // not a URL. A private-use scheme in reverse domain order is an absolute URI
                // whatever its path (`com.example.app:cb`,
                // `com.example.app:51004/oauth2redirect/provider`).
                None if !u.cannot_be_a_base()
                    || text.contains(":/")
                    || is_private_use(u.scheme()) =>
                {
                    UriShape::Url(u)
                }
                None => UriShape::NotAbsolute,
            },
            None => UriShape::NotAbsolute,
        };
        RedirectUri { text, path, shape }
    }
}

pub static REDIRECT_URI_WILDCARD: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-wildcard",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a wildcard (`*`) in a redirect URI"),
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

fn redirect_uri_wildcard(i: &Input, sink: &mut Sink) {
    for uri in i.redirect_uris.iter().filter(|u| u.text.contains('*')) {
        sink.report(&REDIRECT_URI_WILDCARD, uri.path.as_str(), || {
            format!(
                "{} holds a `*`: redirect URIs are matched exactly, never as patterns",
                uri.what()
            )
        })
        .hint("register every redirect URI in full");
    }
}

pub static REDIRECT_URI_FRAGMENT: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-fragment",
    kind: KIND,
    severity: Severity::Error,
    fix: fix_doc(Some("unsafe: the `#` and everything after it are removed")),
    summary: doc("a redirect URI with a fragment (`#...`)"),
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

fn redirect_uri_fragment(i: &Input, sink: &mut Sink) {
    for uri in &i.redirect_uris {
        let fragment = match &uri.shape {
            UriShape::NoEndpoint(..) => false,
            UriShape::NotAbsolute => uri.text.contains('#'),
            UriShape::Url(u) => u.fragment().is_some(),
        };
        if fragment {
            report_fragment(uri.what(), uri.text, &uri.path, sink);
        }
    }
}

pub static REDIRECT_URI_HTTPS: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-https",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a redirect URI that is not `https`, loopback `http` or a private-use scheme for native apps",
    ),
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

fn redirect_uri_https(i: &Input, sink: &mut Sink) {
    for uri in &i.redirect_uris {
        let (path, what) = (uri.path.as_str(), uri.what());
        let parsed = match &uri.shape {
            UriShape::NoEndpoint(scheme, why) => {
                sink.report(
                    &REDIRECT_URI_HTTPS,
                    path,
                    || format!("{what} uses the scheme `{scheme}:`, {why}"),
                )
                .hint("register an endpoint of the client: `https://app.example.com/callback`, loopback `http://127.0.0.1/callback` or, for a native app, a reverse-domain scheme such as `com.example.app:/callback`");
                continue;
            }
            UriShape::NotAbsolute => {
                sink.report(&REDIRECT_URI_HTTPS, path, || {
                    format!("{what} is not an absolute URL")
                })
                .hint("write the full URI, such as `https://app.example.com/callback`");
                continue;
            }
            UriShape::Url(u) => u,
        };
        match parsed.scheme() {
            "https" => {}
            "http" => match parsed.host() {
                Some(Host::Ipv4(ip)) if ip == Ipv4Addr::LOCALHOST => {}
                Some(Host::Ipv6(ip)) if ip.is_loopback() => {}
                Some(Host::Domain(d)) if d == "localhost" || d.ends_with(".localhost") => {
                    // RULES.md: loopback by name is this rule's milder case.
                    sink.report_at_most(&REDIRECT_URI_HTTPS, Severity::Warning, path, || format!("{what} uses `localhost`: use the loopback IP literal `127.0.0.1` or `[::1]`"))
                        .hint("replace `localhost` with `127.0.0.1` (or `[::1]`); the server allows any port on loopback");
                }
                _ => {
                    sink.report(&REDIRECT_URI_HTTPS, path, || format!("{what} uses plain `http` on a host that is not loopback: the authorization code would travel in clear text"))
                        .hint("use `https`; plain `http` is only for the loopback address `127.0.0.1` or `[::1]` of a native app");
                }
            },
            scheme if is_private_use(scheme) => {}
            scheme => {
                // RFC 8252 §7.1 says MUST, but servers accept such schemes because apps register
                // them.
                let why = if scheme.contains('.') {
                    "is not a domain name in reverse order"
                } else {
                    "is not based on a domain name in reverse order (`com.example.app:`)"
                };
                sink.report_at_most(&REDIRECT_URI_HTTPS, Severity::Warning, path, || format!("{what} uses the private-use scheme `{}:`, which {why}: another app can register the same scheme and receive the authorization code", clip(scheme)))
                    .hint("use a scheme made from a domain you control, reversed (`com.example.app:/callback`), or a claimed `https` URI; some servers refuse other schemes (RFC 8252 §7.1)");
            }
        }
    }
}

pub static REDIRECT_URI_LOCALHOST: RuleMeta = RuleMeta {
    id: "oauth/redirect-uri-localhost",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "an `https` redirect URI on `localhost` or a loopback address, for a native app or a web client using the implicit grant",
    ),
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

fn redirect_uri_localhost(i: &Input, sink: &mut Sink) {
    for uri in &i.redirect_uris {
        let (path, what) = (uri.path.as_str(), uri.what());
        let UriShape::Url(parsed) = &uri.shape else {
            continue;
        };
        if parsed.scheme() != "https" || !is_loopback(parsed.host()) {
            continue;
        }
        if i.client.native {
            sink.report(&REDIRECT_URI_LOCALHOST, path, || format!("{what} is an `https` URI on a loopback host: a native app's loopback redirect uses `http`, and no app can claim `https` on `localhost`"))
                .hint("use `http://127.0.0.1:<port>/...` (or `http://[::1]`), or an `https` URI on a domain the app claims");
        } else if i.client.implicit {
            sink.report(&REDIRECT_URI_LOCALHOST, path, || format!("{what} is on a loopback host, which a web client using the implicit grant may not register"))
                .hint("register the client's public `https` URI, or use the `authorization_code` grant with PKCE")
                .related("/grant_types");
        }
    }
}

fn report_fragment(what: Described<'_>, uri: &str, path: &str, sink: &mut Sink) {
    let d = sink
        .report(&REDIRECT_URI_FRAGMENT, path, || {
            format!("{what} has a fragment (`#...`), which a redirect URI may not have")
        })
        .hint("remove the `#` and everything after it");
    // Unsafe: the URI registered changes, and the application must redirect to it.
    if let Some((kept, _)) = uri.split_once('#')
        && !kept.is_empty()
    {
        // Messages never quote a redirect URI (it may carry credentials): nor does the fix.
        d.fix(
            Proposed::unsafe_(
                "remove the fragment",
                Op::Replace(path.to_owned(), Value::String(kept.to_owned()).to_string()),
            )
            .withholding(describe(path)),
        );
    }
}

/// A private-use URI scheme as RFC 8252 §7.1 requires it: a domain name, reversed
/// (`com.example.app`), so at least two non-empty labels.
fn is_private_use(scheme: &str) -> bool {
    let labels: Vec<&str> = scheme.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && labels[0].bytes().all(|b| b.is_ascii_alphabetic())
}

// ---- grant and response types ----------------------------------------------------------------

/// The list at `key` as strings (items of another type are `structure/type`), or `None` when absent.
fn list<'a>(obj: SpanRef<'a>, key: &str) -> Option<Vec<(usize, &'a str)>> {
    let items = obj.field(key)?.as_array()?;
    Some(
        items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.as_str()?)))
            .collect(),
    )
}

/// The grant types, as written or by default (RFC 7591 §2: `["authorization_code"]`).
struct Grants<'a> {
    written: Option<Vec<(usize, &'a str)>>,
}

impl<'a> Grants<'a> {
    fn of(obj: SpanRef<'a>) -> Self {
        Grants {
            written: list(obj, "grant_types"),
        }
    }
    fn effective(&self) -> Vec<&'a str> {
        match &self.written {
            Some(g) => g.iter().map(|(_, s)| *s).collect(),
            None => vec!["authorization_code"],
        }
    }
    /// The pointer of `grant`, or `None` when it is the default.
    fn pointer(&self, grant: &str) -> Option<String> {
        let (i, _) = self.written.as_ref()?.iter().find(|(_, g)| *g == grant)?;
        Some(pointer::join("/grant_types", &i.to_string()))
    }
    /// How to name `grant` in a message: "the `x` grant", and "(the default ...)" when defaulted.
    fn name(&self, grant: &str) -> String {
        match self.written {
            Some(_) => format!("the `{grant}` grant"),
            None => format!(
                "the `{grant}` grant (the default when `grant_types` is omitted is `[\"authorization_code\"]`)"
            ),
        }
    }
}

/// The grants a response type needs: `code` the authorization code grant, `token` / `id_token`
/// the implicit grant (RFC 7591 §2.1; OpenID Connect Registration §2).
fn grants_for(response_type: &str) -> Vec<&'static str> {
    let parts: Vec<&str> = response_type.split(' ').collect();
    let mut out = Vec::new();
    if parts.contains(&"code") {
        out.push("authorization_code");
    }
    if parts.contains(&"token") || parts.contains(&"id_token") {
        out.push("implicit");
    }
    out
}

/// An absolute URI (RFC 3986 §4.3: a scheme, `:`, and no fragment), as an extension grant type
/// must be (RFC 6749 §4.5). The same test as [`ABSOLUTE_URI_PATTERN`].
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._~:/?[]@!$&'()*+,;=%-".contains(&b))
}

/// [`is_absolute_uri`] as the schema's regular expression.
const ABSOLUTE_URI_PATTERN: &str =
    "^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9._~:/?\\[\\]@!$&'()*+,;=%-]+$";

pub static GRANT_TYPE: RuleMeta = RuleMeta {
    id: "oauth/grant-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a `grant_types` value that is neither a registered grant type nor an absolute URI",
    ),
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

fn grant_type(i: &Input, sink: &mut Sink) {
    for (i, g) in list(i.doc, "grant_types").into_iter().flatten() {
        if GRANT_TYPES.contains(&g) || is_absolute_uri(g) {
            continue;
        }
        let path = pointer::join("/grant_types", &i.to_string());
        let d = sink.report(&GRANT_TYPE, path, || {
            format!(
                "`{}` is neither a registered grant type nor an absolute URI (an extension grant)",
                clip(g)
            )
        });
        match crate::text::suggest(g, GRANT_TYPES.iter().copied()) {
            Some(close) => d.hint(|| format!("did you mean `{close}`?")),
            None => d.hint("use a registered grant type (`authorization_code`, `client_credentials`, `refresh_token`, ...) or the full URI of an extension grant, such as `urn:ietf:params:oauth:grant-type:device_code`"),
        };
    }
}

fn grant_type_schema() -> Value {
    for_kind(in_document(
        json!({"properties": {"grant_types": {"items": {"anyOf": [
            {"enum": GRANT_TYPES},
            {"type": "string", "pattern": ABSOLUTE_URI_PATTERN}
        ]}}}}),
    ))
}

/// The grant and response types as written (`None` when omitted), and as they count (the
/// defaults when omitted: RFC 7591 §2).
struct Types<'a> {
    grants: Option<Vec<(usize, &'a str)>>,
    responses: Option<Vec<(usize, &'a str)>>,
}

impl<'a> Types<'a> {
    fn of(obj: SpanRef<'a>) -> Self {
        Types {
            grants: list(obj, "grant_types"),
            responses: list(obj, "response_types"),
        }
    }
    fn effective_grants(&self) -> Vec<&'a str> {
        match &self.grants {
            Some(g) => g.iter().map(|(_, s)| *s).collect(),
            None => vec!["authorization_code"],
        }
    }
    fn effective_responses(&self) -> Vec<&'a str> {
        match &self.responses {
            Some(r) => r.iter().map(|(_, s)| *s).collect(),
            None => vec!["code"],
        }
    }
}

fn has_part(r: &str, part: &str) -> bool {
    r.split(' ').any(|p| p == part)
}

pub static IMPLICIT_GRANT: RuleMeta = RuleMeta {
    id: "oauth/implicit-grant",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc(
        "the implicit grant, or a response type that returns an access token from the authorization endpoint",
    ),
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

fn implicit_grant(i: &Input, sink: &mut Sink) {
    let types = Types::of(i.doc);
    // OpenID Connect registers the implicit grant for `id_token` and hybrid response types too;
    // only those that return an access token from the authorization endpoint are what RFC 9700
    // warns against, so an implicit grant used only for ID tokens is not reported.
    let implicit_for_id_tokens_only = types.responses.as_ref().is_some_and(|r| {
        r.iter().any(|(_, r)| has_part(r, "id_token"))
            && !r.iter().any(|(_, r)| has_part(r, "token"))
    });
    for (n, g) in types.grants.iter().flatten() {
        if *g == "implicit" && !implicit_for_id_tokens_only {
            let path = pointer::join("/grant_types", &n.to_string());
            sink.report(&IMPLICIT_GRANT, path, "the implicit grant returns access tokens in the browser; the OAuth 2.0 Security BCP says not to use it")
                .hint("use `authorization_code` with PKCE instead");
        }
    }
    for (n, r) in types.responses.iter().flatten() {
        if has_part(r, "token") {
            let path = pointer::join("/response_types", &n.to_string());
            sink.report(&IMPLICIT_GRANT, path, || format!("the `{r}` response type returns an access token from the authorization endpoint; the OAuth 2.0 Security BCP says not to use it"))
                .hint("use the `code` response type with PKCE");
        }
    }
}

pub static PASSWORD_GRANT: RuleMeta = RuleMeta {
    id: "oauth/password-grant",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("the resource owner password credentials grant (ROPC)"),
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

fn password_grant(i: &Input, sink: &mut Sink) {
    for (n, g) in i.grants.written.iter().flatten() {
        if *g == "password" {
            let path = pointer::join("/grant_types", &n.to_string());
            sink.report(&PASSWORD_GRANT, path, "the resource owner password credentials grant must not be used (OAuth 2.0 Security BCP)")
                .hint("use `authorization_code` with PKCE for users, or `client_credentials` for a service acting as itself");
        }
    }
}

pub static GRANT_RESPONSE_MISMATCH: RuleMeta = RuleMeta {
    id: "oauth/grant-response-mismatch",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`grant_types` and `response_types` that contradict each other"),
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

fn grant_response_mismatch(i: &Input, sink: &mut Sink) {
    let types = Types::of(i.doc);
    let (grants, responses) = (&types.grants, &types.responses);
    let effective_grants = types.effective_grants();
    let effective_responses = types.effective_responses();
    for (n, g) in grants.iter().flatten() {
        let needs: &[&str] = match *g {
            "authorization_code" => &["code"],
            "implicit" => &["token", "id_token"],
            _ => continue,
        };
        let served = effective_responses
            .iter()
            .any(|r| r.split(' ').any(|p| needs.contains(&p)));
        if !served {
            let default = if responses.is_none() {
                " (the default when `response_types` is omitted is `[\"code\"]`)"
            } else {
                ""
            };
            sink.report(
                &GRANT_RESPONSE_MISMATCH,
                pointer::join("/grant_types", &n.to_string()),
                || format!("the `{g}` grant needs a response type with `{}`, and `response_types` has none{default}", needs.join("` or `")),
            )
            .hint(|| format!("add `{}` to `response_types`, or remove the `{g}` grant", needs[0]))
            .related("/response_types");
        }
    }

    for (n, r) in responses.iter().flatten() {
        let missing: Vec<&str> = grants_for(r)
            .into_iter()
            .filter(|g| !effective_grants.contains(g))
            .collect();
        if !missing.is_empty() {
            let default = if grants.is_none() {
                " (the default when `grant_types` is omitted is `[\"authorization_code\"]`)"
            } else {
                ""
            };
            sink.report(
                &GRANT_RESPONSE_MISMATCH,
                pointer::join("/response_types", &n.to_string()),
                || format!("the `{r}` response type needs the `{}` grant, which `grant_types` does not list{default}", missing.join("` and `")),
            )
            .hint(|| format!("add `{}` to `grant_types`, or remove the `{r}` response type", missing.join("`, `")))
            .related("/grant_types");
        }
    }

    // An omitted `response_types` is `["code"]` (RFC 7591 §2), which needs the authorization code
    // grant whether it is written or not.
    // (A written `implicit` grant is reported above for the same default.)
    if responses.is_none()
        && let Some(written) = grants
        && !written
            .iter()
            .any(|(_, g)| matches!(*g, "authorization_code" | "implicit"))
    {
        sink.report(
            &GRANT_RESPONSE_MISMATCH,
            "/grant_types",
            "`response_types` is omitted, so it is `[\"code\"]` by default, which needs the `authorization_code` grant; `grant_types` does not list it",
        )
        .hint("a client that does not use the authorization endpoint registers `\"response_types\": []`; otherwise add `authorization_code` to `grant_types`");
    }
}

fn grant_response_mismatch_schema() -> Value {
    for_kind(json!({"allOf": [
        // A response type with `code`, or an omitted `response_types` (`["code"]`), needs
        // the authorization code grant (the default).
        {"if": {"anyOf": [lists("response_types", with_part("code")), absent("response_types")]}, "then": contains("grant_types", json!({"const": "authorization_code"}))},
        // One with `token` or `id_token` needs the implicit grant, which is never a default.
        {"if": lists("response_types", with_part(IMPLICIT_PARTS)), "then": requires("grant_types", json!({"const": "implicit"}))},
        // And back: the authorization code grant needs a `code` response type (the default).
        {"if": lists("grant_types", json!({"const": "authorization_code"})), "then": contains("response_types", with_part("code"))},
        {"if": lists("grant_types", json!({"const": "implicit"})), "then": requires("response_types", with_part(IMPLICIT_PARTS))}
    ]}))
}

// ---- redirect URIs present -------------------------------------------------------------------

pub static REDIRECT_URIS_MISSING: RuleMeta = RuleMeta {
    id: "oauth/redirect-uris-missing",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a client using a redirect-based grant (`authorization_code`, the default, or `implicit`) or response type (`code`, the default, ...) with no `redirect_uris`",
    ),
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

fn redirect_uris_missing(i: &Input, sink: &mut Sink) {
    let (obj, grants) = (i.doc, &i.grants);
    let missing = match obj.field("redirect_uris").map(SpanRef::view) {
        None => true,
        Some(View::Array(a)) => a.is_empty(),
        Some(_) => false,
    };
    if !missing {
        return;
    }
    let effective = grants.effective();
    let by_grant = ["authorization_code", "implicit"]
        .into_iter()
        .find(|g| effective.contains(g));
    // An omitted `response_types` is `["code"]` (RFC 7591 §2), a redirect-based response type.
    let responses = list(obj, "response_types");
    let by_response = match &responses {
        Some(r) => r.iter().find(|(_, r)| *r != "none").map(|(i, r)| {
            (
                format!("the `{}` response type", clip(r)),
                Some(pointer::join("/response_types", &i.to_string())),
            )
        }),
        None => Some((
            "the `code` response type (the default when `response_types` is omitted is `[\"code\"]`)".to_owned(),
            None,
        )),
    };
    let (why, related) = match (by_grant, by_response) {
        (Some(g), _) => (grants.name(g), grants.pointer(g)),
        (None, Some(by_response)) => by_response,
        (None, None) => return,
    };
    let what = if obj.field("redirect_uris").is_some() {
        "`redirect_uris` is empty"
    } else {
        "`redirect_uris` is missing"
    };
    let d = sink
        .report(
            &REDIRECT_URIS_MISSING,
            "/redirect_uris",
            || format!("{what}, but {why} redirects the user back to the client"),
        )
        .hint("register every redirect URI the client uses; a client that never uses the authorization endpoint lists only non-redirect grants (`client_credentials`, ...) with `\"response_types\": []`");
    if let Some(r) = related {
        d.related(r);
    }
}

fn redirect_uris_missing_schema() -> Value {
    let uses_redirects = json!({"anyOf": [
        absent("grant_types"),
        contains("grant_types", json!({"enum": ["authorization_code", "implicit"]})),
        absent("response_types"),
        lists("response_types", json!({"not": {"const": "none"}}))
    ]});
    json!({
        "if": {"allOf": [of_kind(), uses_redirects]},
        "then": in_document(json!({"required": ["redirect_uris"], "properties": {"redirect_uris": {"minItems": 1}}})),
    })
}

// ---- client authentication -------------------------------------------------------------------

// Conditions on the authentication method, declared once: the rules decide with them and the
// envelope schema's `if`s are written from them.
const METHOD: &[&str] = &["document", "token_endpoint_auth_method"];
/// A public client.
const METHOD_NONE: Cond = Cond::Is(METHOD, "none");
/// A method whose client proves itself with a key the server must know.
const KEYED_METHOD: Cond = Cond::In(METHOD, &["private_key_jwt", "self_signed_tls_client_auth"]);
const TLS_CLIENT_AUTH: Cond = Cond::Is(METHOD, "tls_client_auth");
const PRIVATE_KEY_JWT: Cond = Cond::Is(METHOD, "private_key_jwt");
const CLIENT_SECRET_JWT: Cond = Cond::Is(METHOD, "client_secret_jwt");

/// RFC 8705 §2.1.2: the certificate subject parameters of `tls_client_auth`.
const TLS_SUBJECTS: &[&str] = &[
    "tls_client_auth_subject_dn",
    "tls_client_auth_san_dns",
    "tls_client_auth_san_uri",
    "tls_client_auth_san_ip",
    "tls_client_auth_san_email",
];

/// A symmetric JWS algorithm (HMAC), as [`SYMMETRIC_ALG_PATTERN`] says.
fn is_symmetric_alg(alg: &str) -> bool {
    alg.strip_prefix("HS")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
const SYMMETRIC_ALG_PATTERN: &str = "^HS[0-9]+$";

/// An asymmetric JWS algorithm (RSA, RSA-PSS, ECDSA, EdDSA), as [`ASYMMETRIC_ALG_PATTERN`] says.
fn is_asymmetric_alg(alg: &str) -> bool {
    let numbered = ["RS", "PS", "ES"].iter().any(|p| {
        alg.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    numbered || matches!(alg, "ES256K" | "EdDSA" | "Ed25519" | "Ed448")
}
const ASYMMETRIC_ALG_PATTERN: &str = "^((RS|PS|ES)[0-9]+|ES256K|EdDSA|Ed25519|Ed448)$";

/// `token_endpoint_auth_method`, when it is a string.
fn auth_method_of<'a>(i: &Input<'a>) -> Option<&'a str> {
    i.doc
        .field("token_endpoint_auth_method")
        .and_then(SpanRef::as_str)
}

pub static AUTH_METHOD: RuleMeta = RuleMeta {
    id: "oauth/auth-method",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("an unknown `token_endpoint_auth_method`, or `none` with a `client_secret`"),
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

/// Runs where `client_secret` is given (its clause).
fn auth_method(i: &Input, sink: &mut Sink) {
    if i.holds(&METHOD_NONE) {
        sink.report(&AUTH_METHOD, "/client_secret", "`token_endpoint_auth_method` is `none` (a public client), but a `client_secret` is given")
            .hint("a public client has no secret: remove `client_secret`, or register a confidential client with `client_secret_basic`, `private_key_jwt`, ...")
            .related("/token_endpoint_auth_method");
    }
}

pub static PUBLIC_CLIENT_CREDENTIALS: RuleMeta = RuleMeta {
    id: "oauth/public-client-credentials",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "the `client_credentials` grant for a public client (`token_endpoint_auth_method: none`)",
    ),
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

/// Runs where `grant_types` lists `client_credentials` (its clause).
fn public_client_credentials(i: &Input, sink: &mut Sink) {
    if i.holds(&METHOD_NONE)
        && let Some(path) = i.grants.pointer("client_credentials")
    {
        sink.report(&PUBLIC_CLIENT_CREDENTIALS, path, "the `client_credentials` grant is for confidential clients only, and `token_endpoint_auth_method: none` registers a public client")
            .hint("authenticate the client (`private_key_jwt`, `tls_client_auth`, `client_secret_basic`, ...), or remove the `client_credentials` grant")
            .related("/token_endpoint_auth_method");
    }
}

pub static JWKS_CONFLICT: RuleMeta = RuleMeta {
    id: "oauth/jwks-conflict",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("both `jwks` and `jwks_uri`"),
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

fn jwks_conflict(i: &Input, sink: &mut Sink) {
    if i.doc.field("jwks").is_some() && i.doc.field("jwks_uri").is_some() {
        sink.report(
            &JWKS_CONFLICT,
            "/jwks_uri",
            "both `jwks` and `jwks_uri` are given; a client registers its keys one way only",
        )
        .hint("keep `jwks_uri` if the keys rotate (the server fetches them again), otherwise `jwks`; remove the other")
        .related("/jwks");
    }
}

fn jwks_conflict_schema() -> Value {
    for_kind(in_document(
        json!({"dependentSchemas": {"jwks": {"not": {"required": ["jwks_uri"]}}}}),
    ))
}

pub static AUTH_METHOD_KEYS: RuleMeta = RuleMeta {
    id: "oauth/auth-method-keys",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "`private_key_jwt` or `self_signed_tls_client_auth` with neither `jwks` nor `jwks_uri`",
    ),
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

/// Runs where neither `jwks` nor `jwks_uri` is given (its clause).
fn auth_method_keys(i: &Input, sink: &mut Sink) {
    if let Some(m) = auth_method_of(i)
        && i.holds(&KEYED_METHOD)
    {
        let what = if m == "private_key_jwt" {
            "the keys that verify its signed JWTs"
        } else {
            "the certificate it presents"
        };
        sink.report(&AUTH_METHOD_KEYS, "/token_endpoint_auth_method", || format!("`token_endpoint_auth_method` is `{m}`, but neither `jwks` nor `jwks_uri` gives {what}"))
            .hint("add `jwks_uri` (the URL of the client's public JWK Set) or `jwks` (the set itself, public keys only)");
    }
}

pub static TLS_CLIENT_AUTH_SUBJECT: RuleMeta = RuleMeta {
    id: "oauth/tls-client-auth-subject",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "`tls_client_auth` without exactly one certificate subject (`tls_client_auth_subject_dn`, `tls_client_auth_san_dns`, `..._san_uri`, `..._san_ip`, `..._san_email`)",
    ),
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

/// Runs where not exactly one certificate subject is given (its clause).
fn tls_client_auth_subject(i: &Input, sink: &mut Sink) {
    if i.holds(&TLS_CLIENT_AUTH) {
        let given: Vec<&str> = TLS_SUBJECTS
            .iter()
            .copied()
            .filter(|k| i.doc.field(k).is_some())
            .collect();
        match given.len() {
            1 => {}
            0 => {
                sink.report(&TLS_CLIENT_AUTH_SUBJECT, "/token_endpoint_auth_method", "`token_endpoint_auth_method` is `tls_client_auth`, but no certificate subject is given")
                    .hint("add exactly one of `tls_client_auth_subject_dn`, `tls_client_auth_san_dns`, `tls_client_auth_san_uri`, `tls_client_auth_san_ip`, `tls_client_auth_san_email`");
            }
            _ => {
                sink.report(
                    &TLS_CLIENT_AUTH_SUBJECT,
                    pointer::join("", given[1]),
                    || format!(
                        "`tls_client_auth` takes exactly one certificate subject, and {} are given: `{}`",
                        given.len(),
                        given.join("`, `")
                    ),
                )
                .hint("keep the one parameter the server should compare, and remove the others")
                .related(pointer::join("", given[0]));
            }
        }
    }
}

pub static AUTH_SIGNING_ALG: RuleMeta = RuleMeta {
    id: "oauth/auth-signing-alg",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a `token_endpoint_auth_signing_alg` that cannot fit: `none`, a symmetric `HS*` with `private_key_jwt`, an asymmetric one with `client_secret_jwt`",
    ),
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

fn auth_signing_alg(i: &Input, sink: &mut Sink) {
    if let Some(alg) = i
        .doc
        .field("token_endpoint_auth_signing_alg")
        .and_then(SpanRef::as_str)
    {
        let path = "/token_endpoint_auth_signing_alg";
        if alg == "none" {
            sink.report(&AUTH_SIGNING_ALG, path, "`token_endpoint_auth_signing_alg` is `none`: an unsigned client assertion proves nothing, and the value is never allowed")
                .hint("use the algorithm of the client's key: `RS256`, `PS256`, `ES256` with `private_key_jwt`, `HS256` with `client_secret_jwt`");
        } else if i.holds(&PRIVATE_KEY_JWT) && is_symmetric_alg(alg) {
            sink.report(&AUTH_SIGNING_ALG, path, || format!("`{}` is an HMAC, keyed with a shared secret, but `private_key_jwt` signs with the client's private key", clip(alg)))
                .hint("use an asymmetric algorithm (`RS256`, `PS256`, `ES256`, `EdDSA`), or `client_secret_jwt` for an HMAC with the client secret")
                .related("/token_endpoint_auth_method");
        } else if i.holds(&CLIENT_SECRET_JWT) && is_asymmetric_alg(alg) {
            sink.report(&AUTH_SIGNING_ALG, path, || format!("`{}` signs with a private key, but `client_secret_jwt` signs with the client secret, which needs an HMAC", clip(alg)))
                .hint("use `HS256` (or `HS384`, `HS512`), or `private_key_jwt` for a private key")
                .related("/token_endpoint_auth_method");
        }
    }
}

fn auth_signing_alg_schema() -> Value {
    let alg_not = |pattern: &str| {
        in_document(
            json!({"properties": {"token_endpoint_auth_signing_alg": {"not": {"type": "string", "pattern": pattern}}}}),
        )
    };
    for_kind(json!({"allOf": [
        in_document(json!({"properties": {"token_endpoint_auth_signing_alg": {"not": {"const": "none"}}}})),
        {"if": PRIVATE_KEY_JWT.schema(), "then": alg_not(SYMMETRIC_ALG_PATTERN)},
        {"if": CLIENT_SECRET_JWT.schema(), "then": alg_not(ASYMMETRIC_ALG_PATTERN)}
    ]}))
}

// ---- other URL-valued metadata ---------------------------------------------------------------

/// What a URL-valued metadata field must be.
#[derive(Clone, Copy, PartialEq)]
enum UrlNeed {
    /// An absolute URI of any scheme (a native app's post-logout redirect).
    AnyScheme,
    /// An absolute `http` or `https` URL.
    Web,
    /// `https`; plain `http` is a warning.
    HttpsShould,
    /// `https`.
    HttpsMust,
}

const METADATA_URIS: &[(&str, UrlNeed)] = &[
    ("client_uri", UrlNeed::Web),
    ("logo_uri", UrlNeed::Web),
    ("policy_uri", UrlNeed::Web),
    ("tos_uri", UrlNeed::Web),
    ("jwks_uri", UrlNeed::HttpsShould),
    ("initiate_login_uri", UrlNeed::HttpsMust),
    ("sector_identifier_uri", UrlNeed::HttpsMust),
    ("request_uris", UrlNeed::HttpsShould),
    ("post_logout_redirect_uris", UrlNeed::AnyScheme),
    ("frontchannel_logout_uri", UrlNeed::Web),
    ("backchannel_logout_uri", UrlNeed::HttpsShould),
];

pub static METADATA_URI: RuleMeta = RuleMeta {
    id: "oauth/metadata-uri",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "URL-valued metadata (`client_uri`, `logo_uri`, `jwks_uri`, `sector_identifier_uri`, `request_uris`, the logout URIs, ...) that is not an absolute URL, or not `https` where it must be",
    ),
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

fn check_metadata_uris(i: &Input, sink: &mut Sink) {
    let members = i.doc.as_object().into_iter().flat_map(Members::distinct);
    for Member { key, value, .. } in members {
        // Language-tagged variants (`logo_uri#fr`) are the field itself (RFC 7591 §2.2).
        let base = match key.split_once('#') {
            Some((b, tag)) if !tag.is_empty() && OAuthClient.language_tagged().contains(&b) => b,
            _ => key,
        };
        let Some((_, need)) = METADATA_URIS.iter().find(|(f, _)| *f == base) else {
            continue;
        };
        let field = pointer::join("", key);
        match value.view() {
            View::String(s) => check_metadata_uri(s, &field, *need, sink),
            View::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(s) = item.as_str() {
                        check_metadata_uri(s, &pointer::join(&field, &i.to_string()), *need, sink);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reports one URL-valued metadata value. Messages name the field and the scheme at most.
fn check_metadata_uri(s: &str, path: &str, need: UrlNeed, sink: &mut Sink) {
    let what = describe(path);
    let parsed = crate::weburl::parse(s).ok().filter(|_| s.trim() == s);
    let scheme = parsed.as_ref().map(|u| u.scheme());
    let absolute = match (&parsed, need) {
        (Some(u), UrlNeed::AnyScheme) => {
            no_endpoint(u.scheme()).is_none()
                && (!u.cannot_be_a_base() || s.contains(":/") || is_private_use(u.scheme()))
        }
        (Some(u), _) => matches!(u.scheme(), "http" | "https") && u.host().is_some(),
        (None, _) => false,
    };
    if let Some(u) = &parsed
        && let Some(why) = no_endpoint(u.scheme())
    {
        sink.report(&METADATA_URI, path, || {
            format!("{what} uses the scheme `{}:`, {why}", u.scheme())
        })
        .hint("write the full `https` URL of the client's page or endpoint");
        return;
    }
    if !absolute {
        let (expected, example) = match need {
            UrlNeed::AnyScheme => ("an absolute URI", "`https://client.example.org/logged-out`"),
            UrlNeed::Web => (
                "an absolute `http` or `https` URL",
                "`https://client.example.org/...`",
            ),
            _ => (
                "an absolute `https` URL",
                "`https://client.example.org/...`",
            ),
        };
        sink.report(&METADATA_URI, path, || format!("{what} is not {expected}"))
            .hint(|| format!("write the full URL, such as {example}"));
        return;
    }
    if scheme == Some("http") && matches!(need, UrlNeed::HttpsShould | UrlNeed::HttpsMust) {
        let d = if need == UrlNeed::HttpsShould {
            sink.report_at_most(
                &METADATA_URI,
                Severity::Warning,
                path,
                || format!("{what} uses plain `http`: what the server fetches or sends there travels in clear text and can be changed on the way"),
            )
        } else {
            sink.report(
                &METADATA_URI,
                path,
                || format!("{what} uses plain `http`, and OpenID Connect Registration requires `https` for it: the server fetches or opens it, and clear text can be changed on the way"),
            )
        };
        d.hint("use `https`");
    }
}

// ---- the envelope schema's share ------------------------------------------------------------

// The rules JSON Schema can say but a [`Clause`] cannot (an `if` of the kind alone, or
// conditions on lists) write their clauses beside their checks (`..._schema`, named on the
// rule's unit) with these helpers; the same verdict as their checks, proven by the differential
// tests.

fn of_kind() -> Value {
    json!({"properties": {"kind": {"const": KIND}}, "required": ["kind"]})
}
/// For every `oauth.client` envelope, `then`.
fn for_kind(then: Value) -> Value {
    json!({"if": of_kind(), "then": then})
}
fn in_document(inner: Value) -> Value {
    json!({"properties": {"document": inner}})
}
/// A response type string with one of the space-separated `parts`.
fn with_part(parts: &str) -> Value {
    json!({"type": "string", "pattern": format!("(^| )({parts})( |$)")})
}
/// `field` is a list with an item `item` accepts.
fn lists(field: &str, item: Value) -> Value {
    in_document(
        json!({"properties": {field: {"type": "array", "contains": item}}, "required": [field]}),
    )
}
/// `field`, when given, has an item `item` accepts.
fn contains(field: &str, item: Value) -> Value {
    in_document(json!({"properties": {field: {"contains": item}}}))
}
/// `field` is given and has an item `item` accepts.
fn requires(field: &str, item: Value) -> Value {
    in_document(json!({"properties": {field: {"contains": item}}, "required": [field]}))
}
fn absent(field: &str) -> Value {
    in_document(json!({"not": {"required": [field]}}))
}
const IMPLICIT_PARTS: &str = "token|id_token";

// ---- scope -----------------------------------------------------------------------------------

pub static SCOPE_TOKEN: RuleMeta = RuleMeta {
    id: "oauth/scope-token",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a `scope` with an empty scope (two spaces, a leading or trailing space) or a scope holding other whitespace, `\"` or `\\`",
    ),
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

fn scope_token(i: &Input, sink: &mut Sink) {
    if let Some(scope) = i.doc.field("scope").and_then(SpanRef::as_str) {
        check_scope(scope, sink);
    }
}

fn check_scope(scope: &str, sink: &mut Sink) {
    let hint = "separate scopes with single spaces, and use no other whitespace, `\"` or `\\` (RFC 6749 §3.3)";
    if scope.is_empty() {
        sink.report(&SCOPE_TOKEN, "/scope", "`scope` is empty")
            .hint("remove `scope`, or list at least one scope");
        return;
    }
    let tokens: Vec<&str> = scope.split(' ').collect();
    if tokens.iter().any(|t| t.is_empty()) {
        sink.report(
            &SCOPE_TOKEN,
            "/scope",
            "`scope` has an empty scope: two spaces in a row, or a space at the start or end",
        )
        .hint(hint);
    }
    for (i, t) in tokens.iter().enumerate() {
        if !t.is_empty() && !is_scope_token(t) {
            sink.report(&SCOPE_TOKEN, "/scope", || {
                format!(
                    "scope {} of `scope` holds whitespace other than a single space, `\"` or `\\`",
                    i + 1
                )
            })
            .hint(hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_schemes_are_reverse_domains() {
        assert!(is_private_use("com.example.app"));
        assert!(is_private_use("io.github.some-user"));
        assert!(!is_private_use("myapp"));
        assert!(!is_private_use("com..app"));
        assert!(!is_private_use("com.example+app"));
        assert!(!is_private_use("1com.example"));
    }

    #[test]
    fn response_types_need_grants() {
        assert_eq!(grants_for("code"), vec!["authorization_code"]);
        assert_eq!(grants_for("token"), vec!["implicit"]);
        assert_eq!(
            grants_for("code id_token"),
            vec!["authorization_code", "implicit"]
        );
        assert!(grants_for("none").is_empty());
    }
}
