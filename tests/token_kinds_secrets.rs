//! `itential.token-config`, `genesys.oauth-client`, `oauth.client`: no secret value in any output,
//! and no panic on documents of any shape.

use credlint::engine::{self, Options};
use credlint::kinds::itential_token::token_action;
use credlint::{Report, kinds, render, rules};
use serde_json::{Value, json};

const MARK: &str = "S3CR3TMARK";

fn rendered(kind: &str, doc: &Value, ctx: Option<&Value>) -> String {
    let kind = kinds::find(kind).expect("kind");
    let mut report = Report::new();
    report.extend(engine::check_value(kind, doc, ctx, &Options::default()).expect("runs"));
    let mut text = format!(
        "{}\n{}\n{}",
        render::human(&report),
        render::json(&report),
        render::sarif(&report)
    );
    // And as text, through the envelope (positions, duplicate keys).
    let mut env = json!({"kind": kind.id(), "document": doc});
    if let Some(c) = ctx {
        env["context"] = c.clone();
    }
    let mut r = Report::new();
    r.extend(
        engine::check_text(&env.to_string(), Some("f.json"), &Options::default()).expect("runs"),
    );
    text.push_str(&render::human(&r));
    text.push_str(&render::json(&r));
    text.push_str(&render::sarif(&r));
    // What remains after every fix, unsafe ones included.
    let fixed = engine::fix_text(
        &env.to_string(),
        Some("f.json"),
        &Options::default(),
        engine::FixMode::Unsafe,
    )
    .expect("runs");
    let mut r = Report::new();
    r.extend(fixed.result);
    text.push_str(&render::human(&r));
    text.push_str(&render::json(&r));
    text.push_str(&render::sarif(&r));
    text
}

#[test]
fn no_secret_in_any_output() {
    let m = MARK;
    let cases = vec![
        (
            "itential.token-config",
            json!({"flow": "password", "username": "u", "password": m, "client_id": m, "client_secret": m,
            "token_url": format!("https://{m}:{m}@idp/{m}?{m}"), "refresh_url": format!("{m} {m}"),
            "token": {"access_token": m, "refresh_token": m, "token_type": "MAC", "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-02-30T00:00:00Z"}}),
            Some(json!({"now": "2024-06-01T00:00:00Z"})),
        ),
        (
            "itential.token-config",
            json!({"flow": "clientCredentials", "client_id": [m], "client_secret": {"v": m}, "password": 5,
            "token": {"access_token": [m], "refresh_token": m, "expires_at": "soon", "created_at": 5}}),
            None,
        ),
        (
            "itential.token-config",
            json!({"client_id": m, "client_secret": "", "token_url": format!("{m}"),
            "openapi": {"components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": format!("http://{m}:{m}@x?{m}")}}}}}},
            "token": {"access_token": m, "refresh_token": m}}),
            Some(json!({"now": "2024-06-01T00:00:00Z"})),
        ),
        (
            "genesys.oauth-client",
            json!({"name": "n", "authorized_grant_type": "CODE", "client_secret": m, "client_id": m, "expose_client_secret": true,
            "registered_redirect_uris": [format!("{m}:{m}@host/{m}"), format!("https://{m}:{m}@h/?{m}#{m}"), format!(" https://h/{m}")], "roles": [{"role_id": "r"}]}),
            None,
        ),
        (
            "genesys.oauth-client",
            json!({"name": "n", "authorized_grant_type": "CLIENT-CREDENTIALS", "client_secret": [m], "client_id": {"a": m}}),
            None,
        ),
        (
            "oauth.client",
            json!({"token_endpoint_auth_method": "none", "client_secret": m, "client_id": m, "registration_access_token": m, "software_statement": m,
            "redirect_uris": [format!("http://{m}:{m}@example.com/cb?code={m}#{m}"), format!("https://*.{m}/cb"), format!("{m}://x"), format!("{m}"), format!("com.{m}:/cb?{m}")]}),
            None,
        ),
        (
            "oauth.client",
            json!({"token_endpoint_auth_method": "client_secret", "client_secret": [m], "client_id": 5}),
            None,
        ),
    ];
    for (kind, doc, ctx) in &cases {
        let out = rendered(kind, doc, ctx.as_ref());
        assert!(!out.contains(MARK), "secret leaked for {kind}:\n{out}");
        assert!(out.contains('['), "{kind}: expected diagnostics:\n{out}");
    }
    // token_action's errors name fields, never tokens.
    let c = json!({"token": {"access_token": MARK, "refresh_token": MARK, "expires_at": MARK}});
    let e = token_action(&c, "2024-05-01T00:00:00Z").expect_err("bad expires_at");
    assert!(e.contains("expires_at"), "{e}");
    assert!(
        token_action(
            &json!({"token": {"access_token": [MARK]}}),
            "2024-05-01T00:00:00Z"
        )
        .is_err_and(|e| !e.contains(MARK))
    );
}

#[test]
fn documents_of_any_shape_give_diagnostics_not_panics() {
    let shapes = [
        json!({}),
        json!({"flow": 1, "token": [], "openapi": {"components": {"securitySchemes": {"a": 1, "b": []}}}}),
        json!({"openapi": {"components": {"securitySchemes": {"a": {"type": "oauth2", "flows": []}}}}}),
        json!({"openapi": {"components": {"securitySchemes": {"a": {"type": "oauth2", "flows": {"password": 7}}}}}, "token": {"access_token": "a", "refresh_token": "r", "expires_at": "2024-05-01T11:00:00Z", "expires_in": 1e300, "created_at": "0000-01-01T00:00:00Z"}}),
        json!({"openapi": [], "token": {"expires_in": -1, "expires_at": "9999-12-31T23:59:60+23:59", "created_at": "0000-01-01T00:00:00-23:59"}}),
        json!({"authorized_grant_type": 5, "roles": {"role_id": "r"}, "scopes": "users", "registered_redirect_uris": "https://x", "access_token_validity_seconds": 1e300}),
        json!({"authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [1, null], "scopes": [null], "registered_redirect_uris": [1, "", "\u{0}"], "access_token_validity_seconds": -1e300}),
        json!({"redirect_uris": [1, null, "", "http://[::1", "https://", "a:", "\u{0}://x"], "grant_types": "implicit", "response_types": [5], "scope": 5}),
        json!({"redirect_uris": {}, "grant_types": [[]], "response_types": "code", "scope": "\u{2028}", "jwks": []}),
    ];
    for kind in [
        "itential.token-config",
        "genesys.oauth-client",
        "oauth.client",
    ] {
        let mut found = 0;
        for (i, doc) in shapes.iter().enumerate() {
            for ctx in [
                None,
                Some(json!({"now": "2024-05-01T11:00:00Z"})),
                Some(json!({"now": 5})),
            ] {
                let k = kinds::find(kind).expect("kind");
                let what = format!("{kind} shape {i} context {ctx:?}");
                match engine::check_value(k, doc, ctx.as_ref(), &Options::default()) {
                    // Diagnostics, each of a known rule, located in the document.
                    Ok(r) => {
                        found += r.diagnostics.len();
                        for d in &r.diagnostics {
                            assert!(rules::find(d.rule).is_some(), "{what}: {}", d.rule);
                            assert!(
                                d.path.is_empty() || d.path.starts_with('/'),
                                "{what}: {} at {}",
                                d.rule,
                                d.path
                            );
                        }
                    }
                    // Only a context the kind does not take is refused, saying so.
                    Err(e) => assert!(
                        ctx.is_some() && e.to_string().contains("invalid context"),
                        "{what}: {e}"
                    ),
                }
                // The token decision answers or says why not; it never echoes the document.
                match token_action(doc, "2024-05-01T11:00:00Z") {
                    Ok(action) => assert!(!action.as_str().is_empty(), "{what}"),
                    Err(e) => assert!(!e.is_empty(), "{what}"),
                }
            }
        }
        assert!(found > shapes.len(), "{kind}: only {found} diagnostics");
    }
}
