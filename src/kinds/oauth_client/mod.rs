//! `oauth.client`: OAuth 2.0 client metadata (RFC 7591), checked against RFC 7591's own
//! consistency rules, RFC 8252 (native apps) and the OAuth 2.0 Security Best Current Practice
//! (RFC 9700). This is where credlint goes beyond any one platform: every OAuth client anywhere
//! should pass it.

mod fields;
mod rules;

use std::net::Ipv4Addr;

use serde_json::{Map, Value, json};
use url::Host;

use super::Kind;
use crate::diagnostic::{Severity, Sink};
use crate::json::pointer;
use crate::rules::RuleMeta;
use crate::structure::{Field, clip, describe, is_scope_token};

pub use fields::{AUTH_METHODS, GRANT_TYPES, RESPONSE_TYPES};
pub use rules::*;

pub struct OAuthClient;

const KIND: &str = "oauth.client";

impl Kind for OAuthClient {
    fn scopes<'d>(&self, document: &'d Value) -> Vec<(String, &'d str)> {
        super::scope_string(document, "/scope")
    }
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "OAuth 2.0 client metadata (RFC 7591)"
    }
    fn description(&self) -> &'static str {
        "OAuth 2.0 dynamic client registration metadata (RFC 7591, with the names registered since), checked against RFC 7591, RFC 8252 and the OAuth 2.0 Security Best Current Practice (RFC 9700)."
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
    fn rules(&self) -> &'static [&'static RuleMeta] {
        RULES
    }
    fn schema_encodes(&self, rule: &str) -> bool {
        rule == AUTH_METHOD.id
    }
    fn context_fields(&self) -> &'static [Field] {
        &[]
    }
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)> {
        envelope_rules()
    }

    fn check(&self, doc: &Value, _ctx: &Value, sink: &mut Sink) {
        let Some(obj) = doc.as_object() else { return };
        if let Some(Value::Array(uris)) = obj.get("redirect_uris") {
            for (i, uri) in uris.iter().enumerate() {
                if let Some(s) = uri.as_str() {
                    check_redirect_uri(s, &pointer::join("/redirect_uris", &i.to_string()), sink);
                }
            }
        }
        check_grants(obj, sink);
        if obj
            .get("token_endpoint_auth_method")
            .and_then(Value::as_str)
            == Some("none")
            && obj.contains_key("client_secret")
        {
            sink.report(&AUTH_METHOD, "/client_secret", "`token_endpoint_auth_method` is `none` (a public client), but a `client_secret` is given")
                .hint("a public client has no secret: remove `client_secret`, or register a confidential client with `client_secret_basic`, `private_key_jwt`, ...")
                .related("/token_endpoint_auth_method");
        }
        if let Some(scope) = obj.get("scope").and_then(Value::as_str) {
            check_scope(scope, sink);
        }
    }
}

// ---- redirect URIs ---------------------------------------------------------------------------

/// Reports what is wrong with one redirect URI. Messages name the scheme or host at most: a URL's
/// userinfo, path and query may hold secrets and are never echoed.
fn check_redirect_uri(s: &str, path: &str, sink: &mut Sink) {
    let what = describe(path);
    if s.contains('*') {
        sink.report(
            &REDIRECT_URI_WILDCARD,
            path,
            format!("{what} holds a `*`: redirect URIs are matched exactly, never as patterns"),
        )
        .hint("register every redirect URI in full");
    }
    let parsed = match crate::weburl::parse(s) {
        // `localhost:8080/cb` parses with the scheme `localhost` and nothing after it: not a URL.
        Ok(u) if s.trim() == s && (!u.cannot_be_a_base() || s.contains(":/")) => u,
        _ => {
            if s.contains('#') {
                report_fragment(&what, path, sink);
            }
            sink.report(
                &REDIRECT_URI_HTTPS,
                path,
                format!("{what} is not an absolute URL"),
            )
            .hint("write the full URI, such as `https://app.example.com/callback`");
            return;
        }
    };
    if parsed.fragment().is_some() {
        report_fragment(&what, path, sink);
    }
    match parsed.scheme() {
        "https" => {}
        "http" => match parsed.host() {
            Some(Host::Ipv4(ip)) if ip == Ipv4Addr::LOCALHOST => {}
            Some(Host::Ipv6(ip)) if ip.is_loopback() => {}
            Some(Host::Domain(d)) if d == "localhost" || d.ends_with(".localhost") => {
                // RULES.md: loopback by name is this rule's milder case.
                sink.report(&REDIRECT_URI_HTTPS, path, format!("{what} uses `localhost`: use the loopback IP literal `127.0.0.1` or `[::1]`"))
                    .at_most(Severity::Warning)
                    .hint("replace `localhost` with `127.0.0.1` (or `[::1]`); the server allows any port on loopback");
            }
            _ => {
                sink.report(&REDIRECT_URI_HTTPS, path, format!("{what} uses plain `http` on a host that is not loopback: the authorization code would travel in clear text"))
                    .hint("use `https`; plain `http` is only for the loopback address `127.0.0.1` or `[::1]` of a native app");
            }
        },
        scheme if is_private_use(scheme) => {}
        scheme => {
            let why = if scheme.contains('.') {
                "is not a private-use scheme in reverse domain order"
            } else {
                "is neither `https`, loopback `http`, nor a private-use scheme in reverse domain order (`com.example.app:`)"
            };
            sink.report(&REDIRECT_URI_HTTPS, path, format!("{what} uses the scheme `{}:`, which {why}", clip(scheme)))
                .hint("use `https`; a native app may use loopback `http://127.0.0.1` or a scheme based on a domain it controls, reversed (`com.example.app:/callback`)");
        }
    }
}

fn report_fragment(what: &str, path: &str, sink: &mut Sink) {
    sink.report(
        &REDIRECT_URI_FRAGMENT,
        path,
        format!("{what} has a fragment (`#...`), which a redirect URI may not have"),
    )
    .hint("remove the `#` and everything after it");
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
fn list<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<Vec<(usize, &'a str)>> {
    let items = obj.get(key)?.as_array()?;
    Some(
        items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.as_str()?)))
            .collect(),
    )
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

fn check_grants(obj: &Map<String, Value>, sink: &mut Sink) {
    let grants = list(obj, "grant_types");
    let responses = list(obj, "response_types");
    let effective_grants: Vec<&str> = match &grants {
        Some(g) => g.iter().map(|(_, s)| *s).collect(),
        None => vec!["authorization_code"],
    };
    let effective_responses: Vec<&str> = match &responses {
        Some(r) => r.iter().map(|(_, s)| *s).collect(),
        None => vec!["code"],
    };

    // OpenID Connect registers the implicit grant for `id_token` and hybrid response types too;
    // only those that return an access token from the authorization endpoint are what RFC 9700
    // warns against, so an implicit grant used only for ID tokens is not reported.
    let has = |r: &str, part: &str| r.split(' ').any(|p| p == part);
    let implicit_for_id_tokens_only = responses.as_ref().is_some_and(|r| {
        r.iter().any(|(_, r)| has(r, "id_token")) && !r.iter().any(|(_, r)| has(r, "token"))
    });

    for (i, g) in grants.iter().flatten() {
        let path = pointer::join("/grant_types", &i.to_string());
        match *g {
            "implicit" if !implicit_for_id_tokens_only => {
                sink.report(&IMPLICIT_GRANT, path.clone(), "the implicit grant returns access tokens in the browser; the OAuth 2.0 Security BCP says not to use it")
                    .hint("use `authorization_code` with PKCE instead");
            }
            "password" => {
                sink.report(&PASSWORD_GRANT, path.clone(), "the resource owner password credentials grant must not be used (OAuth 2.0 Security BCP)")
                    .hint("use `authorization_code` with PKCE for users, or `client_credentials` for a service acting as itself");
            }
            _ => {}
        }
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
                path,
                format!("the `{g}` grant needs a response type with `{}`, and `response_types` has none{default}", needs.join("` or `")),
            )
            .hint(format!("add `{}` to `response_types`, or remove the `{g}` grant", needs[0]))
            .related("/response_types");
        }
    }

    for (i, r) in responses.iter().flatten() {
        let path = pointer::join("/response_types", &i.to_string());
        if r.split(' ').any(|p| p == "token") {
            sink.report(&IMPLICIT_GRANT, path.clone(), format!("the `{r}` response type returns an access token from the authorization endpoint; the OAuth 2.0 Security BCP says not to use it"))
                .hint("use the `code` response type with PKCE");
        }
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
                path,
                format!("the `{r}` response type needs the `{}` grant, which `grant_types` does not list{default}", missing.join("` and `")),
            )
            .hint(format!("add `{}` to `grant_types`, or remove the `{r}` response type", missing.join("`, `")))
            .related("/grant_types");
        }
    }
}

// ---- the envelope schema's share ------------------------------------------------------------

/// The cross-field halves of `oauth/auth-method` and `oauth/grant-response-mismatch`, as the
/// envelope schema says them (the same verdict as `check`, proven by the differential tests).
fn envelope_rules() -> Vec<(&'static RuleMeta, Value)> {
    let kind = json!({"properties": {"kind": {"const": KIND}}, "required": ["kind"]});
    let doc = |inner: Value| json!({"properties": {"document": inner}});
    let part = |p: &str| json!({"type": "string", "pattern": format!("(^| )({p})( |$)")});
    let lists = |field: &str, item: Value| {
        doc(
            json!({"properties": {field: {"type": "array", "contains": item}}, "required": [field]}),
        )
    };
    let contains =
        |field: &str, item: Value| doc(json!({"properties": {field: {"contains": item}}}));
    let requires = |field: &str, item: Value| {
        doc(json!({"properties": {field: {"contains": item}}, "required": [field]}))
    };
    let public_client = doc(
        json!({"properties": {"token_endpoint_auth_method": {"const": "none"}}, "required": ["token_endpoint_auth_method"]}),
    );
    let implicit_part = "token|id_token";
    vec![
        (
            &AUTH_METHOD,
            json!({"if": {"allOf": [kind, public_client]}, "then": doc(json!({"not": {"required": ["client_secret"]}}))}),
        ),
        (
            &GRANT_RESPONSE_MISMATCH,
            json!({"if": kind, "then": {"allOf": [
                // A response type with `code` needs the authorization code grant (the default).
                {"if": lists("response_types", part("code")), "then": contains("grant_types", json!({"const": "authorization_code"}))},
                // One with `token` or `id_token` needs the implicit grant, which is never a default.
                {"if": lists("response_types", part(implicit_part)), "then": requires("grant_types", json!({"const": "implicit"}))},
                // And back: the authorization code grant needs a `code` response type (the default).
                {"if": lists("grant_types", json!({"const": "authorization_code"})), "then": contains("response_types", part("code"))},
                {"if": lists("grant_types", json!({"const": "implicit"})), "then": requires("response_types", part(implicit_part))}
            ]}}),
        ),
    ]
}

// ---- scope -----------------------------------------------------------------------------------

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
            sink.report(
                &SCOPE_TOKEN,
                "/scope",
                format!(
                    "scope {} of `scope` holds whitespace other than a single space, `\"` or `\\`",
                    i + 1
                ),
            )
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
