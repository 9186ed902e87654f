//! `itential.token-config`, `genesys.oauth-client`, `oauth.client`: no panic on documents of any
//! shape (no secret in any output: the property in `tests/properties.rs`).

use credlint::engine::{self, Options};
use credlint::kinds::itential_token::token_action;
use credlint::{kinds, registry};
use serde_json::json;

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
                            assert!(registry::find(d.rule).is_some(), "{what}: {}", d.rule);
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
