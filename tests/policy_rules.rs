//! Policy rule options: `policy/scope-not-allowed` and `policy/token-lifetime` over every kind
//! that has scopes or token lifetimes, their option errors, and a policy file through the CLI.

use credlint::engine::{self, Options};
use credlint::kinds;
use credlint::policy::Policy;
use serde_json::{Value, json};

fn policy(text: &str) -> Policy {
    Policy::from_text(text).expect("valid policy")
}

fn found(kind: &str, document: Value, policy: &Policy) -> Vec<(&'static str, String)> {
    let kind = kinds::find(kind).expect("kind");
    let opts = Options {
        policy: policy.clone(),
        ..Default::default()
    };
    engine::check_value(kind, &document, None, &opts)
        .expect("runs")
        .diagnostics
        .into_iter()
        .filter(|d| d.rule.starts_with("policy/"))
        .map(|d| (d.rule, d.path))
        .collect()
}

#[test]
fn allowed_scopes_cover_every_kind_with_scopes() {
    let p = policy(r#"{"options": {"policy/scope-not-allowed": {"allowed": ["read", "openid"]}}}"#);
    let cases = [
        (
            "paragon.integration-credentials",
            json!({"oauth": {"scopes": ["read", "admin"]}}),
            vec!["/oauth/scopes/1"],
        ),
        (
            "paragon.custom-integration",
            json!({"name": "A", "oauthScopes": "read admin  write"}),
            vec!["/oauthScopes", "/oauthScopes"],
        ),
        (
            "paragon.connect-options",
            json!({"integration": "zendesk", "userConfiguredOAuth": {"scopes": ["admin", "read"]}}),
            vec!["/userConfiguredOAuth/scopes/0"],
        ),
        (
            "itential.token-config",
            json!({"token": {"scope": "openid admin"}}),
            vec!["/token/scope"],
        ),
        (
            "genesys.oauth-client",
            json!({"scopes": ["read", "admin", "read"]}),
            vec!["/scopes/1"],
        ),
        ("oauth.client", json!({"scope": "openid read"}), vec![]),
    ];
    for (kind, doc, expected) in cases {
        let got = found(kind, doc.clone(), &p);
        let paths: Vec<&str> = got.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(paths, expected, "{kind}");
        assert!(
            got.iter().all(|(r, _)| *r == "policy/scope-not-allowed"),
            "{kind}: {got:?}"
        );
        // Without the option, nothing.
        assert!(found(kind, doc, &Policy::default()).is_empty(), "{kind}");
    }
    // The message names the scope and the field; the hint the allowed ones.
    let kind = kinds::find("paragon.integration-credentials").expect("kind");
    let opts = Options {
        policy: p,
        ..Default::default()
    };
    let r = engine::check_value(kind, &json!({"oauth": {"scopes": ["admin"]}}), None, &opts)
        .expect("runs");
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "policy/scope-not-allowed")
        .expect("reported");
    assert_eq!(
        d.message,
        "`oauth.scopes[0]` requests the scope `admin`, which the policy does not allow"
    );
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("`read`, `openid`")),
        "{d:?}"
    );
}

#[test]
fn maximum_token_lifetime_covers_genesys_and_itential() {
    let p = policy(r#"{"options": {"policy/token-lifetime": {"max_seconds": 3600}}}"#);
    assert_eq!(
        found(
            "genesys.oauth-client",
            json!({"access_token_validity_seconds": 86400}),
            &p
        ),
        vec![(
            "policy/token-lifetime",
            "/access_token_validity_seconds".to_owned()
        )]
    );
    assert!(
        found(
            "genesys.oauth-client",
            json!({"access_token_validity_seconds": 3600}),
            &p
        )
        .is_empty()
    );
    assert_eq!(
        found(
            "itential.token-config",
            json!({"token": {"expires_in": 7200}}),
            &p
        ),
        vec![("policy/token-lifetime", "/token/expires_in".to_owned())]
    );
    assert!(
        found(
            "itential.token-config",
            json!({"token": {"expires_in": 60}}),
            &p
        )
        .is_empty()
    );
    // Severity from the policy like any rule; off is off.
    let lowered = policy(
        r#"{"rules": {"policy/token-lifetime": "warning"}, "options": {"policy/token-lifetime": {"max_seconds": 60}}}"#,
    );
    let kind = kinds::find("genesys.oauth-client").expect("kind");
    let opts = Options {
        policy: lowered,
        ..Default::default()
    };
    let r = engine::check_value(
        kind,
        &json!({"access_token_validity_seconds": 600}),
        None,
        &opts,
    )
    .expect("runs");
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "policy/token-lifetime")
        .expect("reported");
    assert_eq!(d.severity.as_str(), "warning");
    let off = policy(
        r#"{"rules": {"policy/token-lifetime": "off"}, "options": {"policy/token-lifetime": {"max_seconds": 60}}}"#,
    );
    assert!(
        found(
            "genesys.oauth-client",
            json!({"access_token_validity_seconds": 600}),
            &off
        )
        .is_empty()
    );
}

#[test]
fn bad_options_are_errors_not_ignored() {
    for (text, says) in [
        (
            r#"{"options": {"policy/scope-not-allowed": {"allowed": "read"}}}"#,
            "must be a list of scopes",
        ),
        (
            r#"{"options": {"policy/scope-not-allowed": {"allowed": ["read", 1]}}}"#,
            "must be a list of scopes",
        ),
        (
            r#"{"options": {"policy/scope-not-allowed": {"allow": ["read"]}}}"#,
            "unknown option `allow`",
        ),
        (
            r#"{"options": {"policy/token-lifetime": {"max_seconds": 0}}}"#,
            "above 0",
        ),
        (
            r#"{"options": {"policy/token-lifetime": {"max_seconds": "1h"}}}"#,
            "whole number",
        ),
        (
            r#"{"options": {"policy/token-lifetime": 3600}}"#,
            "must be an object",
        ),
        (
            r#"{"options": {"paragon/id-format": {"x": 1}}}"#,
            "no options for rule `paragon/id-format`",
        ),
    ] {
        let e = Policy::from_text(text).expect_err(text);
        assert!(e.contains(says), "{text}: {e}");
    }
}

#[test]
fn a_policy_file_with_options_through_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    let policy = dir.path().join("credlint.json");
    std::fs::write(&policy, r#"{"options": {"policy/scope-not-allowed": {"allowed": ["read"]}, "policy/token-lifetime": {"max_seconds": 3600}}}"#).expect("write");
    let doc = dir.path().join("c.json");
    std::fs::write(
        &doc,
        "{\"kind\": \"genesys.oauth-client\", \"document\": {\n  \"name\": \"c\", \"authorized_grant_type\": \"CODE\",\n  \"registered_redirect_uris\": [\"https://app.example.com/cb\"],\n  \"access_token_validity_seconds\": 86400,\n  \"scopes\": [\"read\", \"admin\"]\n}}\n",
    )
    .expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_credlint"))
        .args(["check", "--format", "json", "--policy"])
        .arg(&policy)
        .arg(&doc)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let at: Vec<(String, u64, u64)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("policy/")))
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("policy/token-lifetime".to_owned(), 4, 3),
            ("policy/scope-not-allowed".to_owned(), 5, 22)
        ]
    );
}

/// The policy rules read field roles, not per-kind hooks: every field named like a scope list or
/// a token lifetime, in every kind and at any depth, declares that role (a new kind cannot escape
/// the policy by leaving it out), and no other field does.
#[test]
fn scope_and_lifetime_fields_declare_their_roles() {
    use credlint::structure::{Field, Role, Ty};
    fn walk(fields: &'static [Field], path: &str, out: &mut Vec<(String, &'static str, Role)>) {
        for f in fields {
            let p = format!("{path}/{}", f.name);
            out.push((p.clone(), f.name, f.role));
            if let Ty::Object(inner) | Ty::OpenObject(inner) = &f.ty {
                walk(inner, &p, out);
            }
        }
    }
    let mut roles = Vec::new();
    for kind in kinds::all() {
        let mut fields = Vec::new();
        walk(kind.fields(), "", &mut fields);
        for (path, name, role) in fields {
            let scopes = matches!(name, "scope" | "scopes" | "oauthScopes");
            let lifetime = name == "expires_in" || name.ends_with("_validity_seconds");
            assert_eq!(
                role == Role::Scopes,
                scopes,
                "{} {path}: {role:?}",
                kind.id()
            );
            assert_eq!(
                role == Role::TokenLifetime,
                lifetime,
                "{} {path}: {role:?}",
                kind.id()
            );
            if role != Role::Plain && role != Role::Secret {
                roles.push(format!("{} {path} {role:?}", kind.id()));
            }
        }
    }
    roles.sort();
    assert_eq!(
        roles,
        [
            "genesys.oauth-client /access_token_validity_seconds TokenLifetime",
            "genesys.oauth-client /scopes Scopes",
            "itential.token-config /token/expires_in TokenLifetime",
            "itential.token-config /token/scope Scopes",
            "oauth.client /scope Scopes",
            "paragon.connect-options /userConfiguredOAuth/scopes Scopes",
            "paragon.custom-integration /oauthScopes Scopes",
            "paragon.integration-credentials /oauth/scopes Scopes",
        ]
    );
}
