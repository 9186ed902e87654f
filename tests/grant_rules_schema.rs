//! The grant-dependent rules of `oauth.client` and `genesys.oauth-client` are said twice: by the
//! kinds' `check` and by `if`/`then` clauses of the envelope schema. Over every combination of
//! grant and response types (and the fields they need), both must give the same verdict.

use credlint::engine::{self, Options};
use credlint::{Severity, kinds, rules, schema};
use serde_json::{Value, json};

fn validator() -> jsonschema::Validator {
    let mut registry = jsonschema::Registry::new();
    for k in kinds::all() {
        registry = registry
            .add(
                format!("{}{}.schema.json", schema::BASE_ID, k.id()),
                schema::kind_schema(*k),
            )
            .expect("add");
    }
    let registry = registry.prepare().expect("registry");
    jsonschema::options()
        .with_registry(&registry)
        .build(&schema::envelope_schema())
        .expect("compiles")
}

/// The engine's verdict on what the envelope schema encodes (structure, schema-encoded named
/// rules, envelope rules), with the rules it reported.
fn engine_ok(envelope: &Value) -> (bool, Vec<&'static str>) {
    let mut counted: Vec<&str> = rules::STRUCTURE_RULES.iter().map(|r| r.id).collect();
    for k in kinds::all() {
        counted.extend(
            k.rules()
                .iter()
                .filter(|r| k.schema_encodes(r.id))
                .map(|r| r.id),
        );
        counted.extend(k.envelope_rules().into_iter().map(|(r, _)| r.id));
    }
    let result =
        engine::check_text(&envelope.to_string(), None, &Options::default()).expect("runs");
    let ok = !result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error && counted.contains(&d.rule));
    (ok, result.diagnostics.iter().map(|d| d.rule).collect())
}

fn subsets(items: &[&str]) -> Vec<Option<Vec<String>>> {
    let mut out = vec![None];
    for mask in 0..(1u32 << items.len()) {
        out.push(Some(
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, s)| s.to_string())
                .collect(),
        ));
    }
    out
}

#[test]
fn oauth_grants_and_response_types() {
    let v = validator();
    let grants = subsets(&[
        "authorization_code",
        "implicit",
        "client_credentials",
        "refresh_token",
    ]);
    let responses = subsets(&["code", "token", "id_token", "code id_token", "none"]);
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for g in &grants {
        for r in &responses {
            for secret in [
                None,
                Some(("none", true)),
                Some(("none", false)),
                Some(("client_secret_basic", true)),
            ] {
                let mut doc = json!({"redirect_uris": ["https://app.example.com/callback"]});
                if let Some(g) = g {
                    doc["grant_types"] = json!(g);
                }
                if let Some(r) = r {
                    doc["response_types"] = json!(r);
                }
                if let Some((method, with_secret)) = secret {
                    doc["token_endpoint_auth_method"] = json!(method);
                    if with_secret {
                        doc["client_secret"] = json!("s");
                    }
                }
                let e = json!({"kind": "oauth.client", "document": doc});
                let (engine, reported) = engine_ok(&e);
                compared += 1;
                if engine != v.is_valid(&e) {
                    disagreements.push(format!("engine {engine} {reported:?}: {e}"));
                }
            }
        }
    }
    println!("oauth.client grant differential: {compared} envelopes compared");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn genesys_grants_roles_and_scopes() {
    let v = validator();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for grant in [
        "CODE",
        "TOKEN",
        "SAML2-BEARER",
        "SAML2BEARER",
        "PASSWORD",
        "CLIENT-CREDENTIALS",
        "client_credentials",
    ] {
        for roles in [
            None,
            Some(json!([])),
            Some(json!([{"role_id": "r", "division_id": "*"}])),
        ] {
            for scopes in [None, Some(json!([])), Some(json!(["users"]))] {
                let mut doc = json!({"name": "c", "authorized_grant_type": grant, "registered_redirect_uris": ["https://example.com/auth"]});
                if let Some(r) = &roles {
                    doc["roles"] = r.clone();
                }
                if let Some(s) = &scopes {
                    doc["scopes"] = s.clone();
                }
                let e = json!({"kind": "genesys.oauth-client", "document": doc});
                let (engine, reported) = engine_ok(&e);
                compared += 1;
                if engine != v.is_valid(&e) {
                    disagreements.push(format!("engine {engine} {reported:?}: {e}"));
                }
            }
        }
    }
    println!("genesys.oauth-client grant differential: {compared} envelopes compared");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
