//! The `oauth.client` rules the envelope schema encodes beside `oauth/auth-method` and
//! `oauth/grant-response-mismatch` (extension grant types, redirect URIs a redirect grant needs,
//! `jwks` vs `jwks_uri`, the keys and certificate subject an authentication method needs, the
//! client credentials grant of a public client, the signing algorithm of a JWT method): over
//! every combination of the fields they read, the engine and the schema give the same verdict.

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

/// The engine's verdict on what the envelope schema encodes, with the rules it reported.
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

/// Compares one document's verdicts; the envelope and the engine's verdict go to `cases`.
fn compare(
    v: &jsonschema::Validator,
    doc: Value,
    disagreements: &mut Vec<String>,
    cases: &mut Vec<Value>,
) -> bool {
    let e = json!({"kind": "oauth.client", "document": doc});
    let (engine, reported) = engine_ok(&e);
    if engine != v.is_valid(&e) {
        disagreements.push(format!("engine {engine} {reported:?}: {e}"));
    }
    cases.push(json!({"schema": "envelope.schema.json", "instance": e, "valid": engine}));
    engine
}

/// Writes the compared envelopes with the engine's verdicts (the format of `tests/schema.rs`'s
/// `target/schema-differential/` files), for a run with another validator such as ajv.
fn dump_cases(name: &str, cases: &[Value]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("schema-differential");
    std::fs::create_dir_all(&dir).expect("target dir");
    std::fs::write(dir.join(name), serde_json::to_string(cases).expect("json"))
        .expect("write cases");
}

#[test]
fn the_new_envelope_rules_are_encoded_in_the_schema() {
    let kind = kinds::find("oauth.client").expect("kind");
    let encoded: Vec<&str> = kind
        .envelope_rules()
        .into_iter()
        .map(|(r, _)| r.id)
        .collect();
    for id in [
        "oauth/grant-type",
        "oauth/redirect-uris-missing",
        "oauth/jwks-conflict",
        "oauth/auth-method-keys",
        "oauth/tls-client-auth-subject",
        "oauth/public-client-credentials",
        "oauth/auth-signing-alg",
    ] {
        assert!(encoded.contains(&id), "{id} is not in the envelope schema");
    }
    let text = schema::to_text(&schema::envelope_schema());
    assert!(text.contains("dependentSchemas"), "jwks vs jwks_uri");
}

#[test]
fn authentication_rules_agree() {
    let v = validator();
    let methods = [
        None,
        Some("none"),
        Some("client_secret_basic"),
        Some("client_secret_jwt"),
        Some("private_key_jwt"),
        Some("tls_client_auth"),
        Some("self_signed_tls_client_auth"),
    ];
    let keys: [&[&str]; 4] = [&[], &["jwks"], &["jwks_uri"], &["jwks", "jwks_uri"]];
    let subjects: [&[&str]; 4] = [
        &[],
        &["tls_client_auth_subject_dn"],
        &["tls_client_auth_subject_dn", "tls_client_auth_san_dns"],
        &["tls_client_auth_san_ip"],
    ];
    let algs = [
        None,
        Some("none"),
        Some("HS256"),
        Some("RS256"),
        Some("EdDSA"),
        Some("foo"),
    ];
    let (mut compared, mut valid) = (0, 0);
    let (mut disagreements, mut cases) = (Vec::new(), Vec::new());
    for method in methods {
        for k in keys {
            for s in subjects {
                for alg in algs {
                    let mut doc =
                        json!({"grant_types": ["client_credentials"], "response_types": []});
                    if let Some(m) = method {
                        doc["token_endpoint_auth_method"] = json!(m);
                    }
                    for key in k {
                        doc[*key] = match *key {
                            "jwks" => json!({"keys": []}),
                            _ => json!("https://app.example.com/jwks.json"),
                        };
                    }
                    for subject in s {
                        doc[*subject] = json!("x");
                    }
                    if let Some(a) = alg {
                        doc["token_endpoint_auth_signing_alg"] = json!(a);
                    }
                    compared += 1;
                    valid += usize::from(compare(&v, doc, &mut disagreements, &mut cases));
                }
            }
        }
    }
    dump_cases("oauth-authentication.json", &cases);
    println!("oauth.client authentication differential: {compared} envelopes, {valid} valid");
    assert!(valid > 0 && valid < compared);
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn grant_and_redirect_rules_agree() {
    let v = validator();
    let grants: [Option<Value>; 9] = [
        None,
        Some(json!([])),
        Some(json!(["client_credentials"])),
        Some(json!(["authorization_code", "refresh_token"])),
        Some(json!(["implicit"])),
        Some(json!(["urn:ietf:params:oauth:grant-type:device_code"])),
        Some(json!([
            "urn:ietf:params:oauth:grant-type:token-exchange",
            "magic"
        ])),
        Some(json!(["https://grants.example.com/x#y"])),
        Some(json!(["client_credentials", "x:y"])),
    ];
    let responses = [
        None,
        Some(json!([])),
        Some(json!(["code"])),
        Some(json!(["none"])),
        Some(json!(["id_token code"])),
    ];
    let redirects = [
        None,
        Some(json!([])),
        Some(json!(["https://app.example.com/cb"])),
    ];
    let (mut compared, mut valid) = (0, 0);
    let (mut disagreements, mut cases) = (Vec::new(), Vec::new());
    for method in [None, Some("none"), Some("client_secret_basic")] {
        for g in &grants {
            for r in &responses {
                for u in &redirects {
                    let mut doc = json!({});
                    if let Some(m) = method {
                        doc["token_endpoint_auth_method"] = json!(m);
                    }
                    if let Some(g) = g {
                        doc["grant_types"] = g.clone();
                    }
                    if let Some(r) = r {
                        doc["response_types"] = r.clone();
                    }
                    if let Some(u) = u {
                        doc["redirect_uris"] = u.clone();
                    }
                    compared += 1;
                    valid += usize::from(compare(&v, doc, &mut disagreements, &mut cases));
                }
            }
        }
    }
    dump_cases("oauth-grants.json", &cases);
    println!("oauth.client grant and redirect differential: {compared} envelopes, {valid} valid");
    assert!(valid > 0 && valid < compared);
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
