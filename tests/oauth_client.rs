//! `oauth.client` as real registrations are written: what the corpus cannot pin (severities,
//! messages, hints, the schema's open root), checked on the engine's own output.

use credlint::engine::{self, Options};
use credlint::{Severity, kinds, registry, schema};
use serde_json::{Value, json};

/// Every diagnostic of one `oauth.client` document: (rule, severity, path, message, hint).
fn check(kind: &str, doc: Value) -> Vec<(&'static str, Severity, String, String, String)> {
    let text = json!({"kind": kind, "document": doc}).to_string();
    let result = engine::check_text(&text, None, &Options::default()).expect("runs");
    result
        .diagnostics
        .into_iter()
        .map(|d| {
            (
                d.rule,
                d.severity,
                d.path,
                d.message,
                d.hint.unwrap_or_default(),
            )
        })
        .collect()
}

fn oauth(doc: Value) -> Vec<(&'static str, Severity, String, String, String)> {
    check("oauth.client", doc)
}

const WEB: &str = "https://app.example.com/callback";

#[test]
fn unknown_fields_are_extension_metadata_and_near_misses_are_warnings() {
    let d = oauth(json!({
        "redirect_uris": [WEB],
        "example_extension_parameter": "example_value",
        "software_roles": ["payments"],
        "client_secrets": "hunter2-do-not-echo",
        "redirect_uri": WEB,
    }));
    let unknown: Vec<_> = d
        .iter()
        .filter(|d| d.0 == "structure/unknown-field")
        .collect();
    assert_eq!(unknown.len(), 2, "{d:?}");
    for (_, severity, path, message, hint) in &unknown {
        assert_eq!(*severity, Severity::Warning, "{path}");
        assert!(hint.starts_with("did you mean `"), "{hint}");
        assert!(!message.contains("hunter2") && !hint.contains("hunter2"));
    }
    assert!(
        unknown
            .iter()
            .any(|d| d.2 == "/client_secrets" && d.4.contains("`client_secret`"))
    );
    assert!(
        unknown
            .iter()
            .any(|d| d.2 == "/redirect_uri" && d.4.contains("`redirect_uris`"))
    );
    // The same in a closed kind is an error, as before.
    let closed = check(
        "genesys.oauth-client",
        json!({"name": "c", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "r", "division_id": "*"}], "example_extension_parameter": 1}),
    );
    assert!(
        closed
            .iter()
            .any(|d| d.0 == "structure/unknown-field" && d.1 == Severity::Error),
        "{closed:?}"
    );
}

#[test]
fn kinds_declare_open_or_closed_and_the_schema_says_the_same() {
    for kind in kinds::all() {
        let s = schema::kind_schema(*kind);
        let open = kind.unknown_fields() == credlint::structure::UnknownFields::Open;
        assert_eq!(open, kind.id() == "oauth.client", "{}", kind.id());
        assert_eq!(
            s.get("additionalProperties").is_none(),
            open,
            "{}: additionalProperties only on closed kinds",
            kind.id()
        );
    }
}

#[test]
fn private_use_schemes_that_are_not_reverse_domains_are_warnings() {
    let d = oauth(
        json!({"application_type": "native", "token_endpoint_auth_method": "none",
        "redirect_uris": ["myapp:/cb", "cursor://anysphere.cursor-retrieval/oauth/callback"]}),
    );
    assert_eq!(d.len(), 2, "{d:?}");
    for (rule, severity, _, message, hint) in &d {
        assert_eq!(*rule, "oauth/redirect-uri-https");
        assert_eq!(*severity, Severity::Warning);
        assert!(message.contains("private-use scheme"), "{message}");
        assert!(hint.contains("com.example.app"), "{hint}");
    }
    // Reverse-domain schemes are absolute URIs whatever their path.
    let d = oauth(
        json!({"application_type": "native", "token_endpoint_auth_method": "none",
        "redirect_uris": ["com.example.app:cb", "com.example.app:51004/oauth2redirect/provider"]}),
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn script_and_inline_schemes_are_refused_for_what_they_are() {
    for (uri, reason) in [
        ("javascript:alert(1)", "runs script"),
        ("vbscript:msgbox(1)", "runs script"),
        ("data:text/html,hi", "no endpoint"),
        ("about:blank", "no endpoint"),
    ] {
        let d = oauth(json!({"redirect_uris": [uri]}));
        assert_eq!(d.len(), 1, "{uri}: {d:?}");
        let (rule, severity, _, message, _) = &d[0];
        assert_eq!(
            (*rule, *severity),
            ("oauth/redirect-uri-https", Severity::Error)
        );
        assert!(message.contains(reason), "{uri}: {message}");
        assert!(!message.contains("not an absolute URL"), "{uri}: {message}");
    }
    let d = oauth(json!({"redirect_uris": ["localhost:8080/cb"]}));
    assert!(d[0].3.contains("not an absolute URL"), "{d:?}");
}

#[test]
fn messages_say_when_a_value_came_from_a_default() {
    let d = oauth(json!({"client_name": "x"}));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "oauth/redirect-uris-missing");
    assert!(d[0].3.contains("default"), "{}", d[0].3);
    let d = oauth(json!({"grant_types": ["client_credentials"]}));
    let mut rules: Vec<&str> = d.iter().map(|d| d.0).collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        [
            "oauth/grant-response-mismatch",
            "oauth/redirect-uris-missing"
        ],
        "{d:?}"
    );
    for d in &d {
        assert!(d.3.contains("default"), "{}", d.3);
        assert!(d.4.contains("\"response_types\": []"), "{}", d.4);
    }
    // Spelling the default out gives the same rules.
    let spelled = oauth(json!({"grant_types": ["client_credentials"], "response_types": ["code"]}));
    let mut spelled: Vec<&str> = spelled.iter().map(|d| d.0).collect();
    spelled.sort_unstable();
    assert_eq!(spelled, rules);
    let written = oauth(
        json!({"client_name": "x", "grant_types": ["authorization_code"], "response_types": ["code"]}),
    );
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].0, "oauth/redirect-uris-missing");
    assert!(!written[0].3.contains("default"), "{}", written[0].3);
}

#[test]
fn metadata_uri_severities() {
    let d = oauth(json!({"redirect_uris": [WEB],
        "jwks_uri": "http://app.example.com/jwks", "request_uris": ["http://app.example.com/r"],
        "backchannel_logout_uri": "http://app.example.com/bc",
        "sector_identifier_uri": "http://app.example.com/s", "initiate_login_uri": "http://app.example.com/l",
        "client_uri": "http://app.example.com/", "logo_uri": "https://user:pw@app.example.com/not-a-secret-path/x"}));
    let by_path = |p: &str| d.iter().find(|d| d.2 == p).map(|d| d.1);
    assert_eq!(by_path("/jwks_uri"), Some(Severity::Warning));
    assert_eq!(by_path("/request_uris/0"), Some(Severity::Warning));
    assert_eq!(by_path("/backchannel_logout_uri"), Some(Severity::Warning));
    assert_eq!(by_path("/sector_identifier_uri"), Some(Severity::Error));
    assert_eq!(by_path("/initiate_login_uri"), Some(Severity::Error));
    assert_eq!(by_path("/client_uri"), None);
    assert_eq!(by_path("/logo_uri"), None);
    assert_eq!(d.len(), 5, "{d:?}");
    for d in &d {
        assert_eq!(d.0, "oauth/metadata-uri");
        assert!(
            !d.3.contains("app.example.com"),
            "no value is echoed: {}",
            d.3
        );
    }
}

#[test]
fn every_new_rule_names_its_source() {
    for id in [
        "oauth/grant-type",
        "oauth/redirect-uris-missing",
        "oauth/redirect-uri-localhost",
        "oauth/metadata-uri",
        "oauth/jwks-conflict",
        "oauth/auth-method-keys",
        "oauth/tls-client-auth-subject",
        "oauth/public-client-credentials",
        "oauth/auth-signing-alg",
    ] {
        let rule = registry::find(id).unwrap_or_else(|| panic!("{id} is registered"));
        assert_eq!(rule.kind, "oauth.client");
        assert!(
            rule.source.contains("RFC") || rule.source.contains("OpenID Connect"),
            "{id}: {}",
            rule.source
        );
        assert!(rule.source.contains('§'), "{id}: {}", rule.source);
    }
}
