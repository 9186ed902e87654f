//! The Paragon credentials kind through the engine: no panic on hostile input, the wire body,
//! `validate_field` (no secret in any output: the property in `tests/properties.rs`).

use credlint::engine::{self, Options};
use credlint::{Report, kinds, render};
use serde_json::json;

fn render_all(report: &Report) -> String {
    format!("{}\n{}", render::human(report), render::json(report))
}

fn report_for_text(text: &str, kind: bool) -> Report {
    let opts = Options {
        kind: kind.then(|| engine::kind("paragon.integration-credentials").expect("kind")),
        ..Default::default()
    };
    let mut r = Report::new();
    r.extend(engine::check_text(text, Some("f.json"), &opts).expect("runs"));
    r
}

#[test]
fn wire_body_follows_the_provider() {
    let kind = kinds::find("paragon.integration-credentials").expect("kind");
    let doc = json!({"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                     "oauth": {"client_id": "id", "client_secret": "sec", "scopes": ["a", "b"]},
                     "extra_configuration": {"t": "30s", "n": "10", "f": "1.5", "b": "true", "num": 3, "flag": false}});
    let ctx = json!({"operation": "create", "integration": {"type": "jira"}, "name": "admin@example.com"});
    let wire = engine::to_wire(kind, &doc, Some(&ctx), &Options::default()).expect("valid");
    assert_eq!(
        wire,
        json!({"name": "admin@example.com",
               "values": {"clientId": "id", "clientSecret": "sec", "scopes": "a b", "t": "30s", "n": 10, "f": 1.5, "b": true, "num": 3, "flag": false},
               "provider": "jira", "scheme": "oauth_app", "integrationId": "d589fe10-b66e-4cb2-885a-0440393886f4"})
    );
    // Custom integrations send empty scopes and provider `custom`.
    let mut custom = doc.clone();
    custom["oauth"].as_object_mut().unwrap().remove("scopes");
    let ctx = json!({"integration": {"type": "custom.acme", "authentication_type": "oauth"}});
    let wire = engine::to_wire(kind, &custom, Some(&ctx), &Options::default()).expect("valid");
    assert_eq!(
        (wire["values"]["scopes"].as_str(), wire["provider"].as_str()),
        (Some(""), Some("custom"))
    );
    // Invalid documents have no wire body, and unknown custom-ness is an error, not a guess.
    assert!(matches!(
        engine::to_wire(
            kind,
            &custom,
            Some(&json!({"integration": {"type": "jira"}})),
            &Options::default()
        ),
        Err(engine::Error::HasErrors(_))
    ));
    assert!(engine::to_wire(kind, &doc, None, &Options::default()).is_err());
}

#[test]
fn validate_field_shows_only_that_fields_diagnostics() {
    let kind = kinds::find("paragon.integration-credentials").expect("kind");
    let form = json!({"integration_id": "jira", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b"}});
    let ctx = json!({"integration": {"type": "custom", "authentication_type": "oauth"}});
    let ds = engine::validate_field(
        kind,
        "/extra_configuration/clientId",
        json!("x"),
        Some(&form),
        Some(&ctx),
        &[],
        &Options::default(),
    )
    .expect("runs");
    let rules: Vec<&str> = ds.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        vec!["paragon/reserved-extra-key"],
        "not the id-format warning of another field"
    );
    let ds = engine::validate_field(
        kind,
        "/oauth/scopes",
        json!(["read"]),
        Some(&form),
        Some(&ctx),
        &[],
        &Options::default(),
    )
    .expect("runs");
    assert_eq!(
        ds.iter().map(|d| d.rule).collect::<Vec<_>>(),
        vec!["paragon/custom-scopes"]
    );
    let ds = engine::validate_field(
        kind,
        "/oauth/scopes",
        json!(["read"]),
        Some(&form),
        Some(&json!({"integration": {"type": "jira"}})),
        &[],
        &Options::default(),
    )
    .expect("runs");
    assert!(ds.is_empty(), "{ds:?}");
    assert!(
        engine::validate_field(
            kind,
            "oauth",
            json!(1),
            Some(&form),
            None,
            &[],
            &Options::default()
        )
        .is_err()
    );
    assert!(
        engine::validate_field(
            kind,
            "/oauth/client_id/x",
            json!(1),
            Some(&form),
            None,
            &[],
            &Options::default()
        )
        .is_err()
    );
}

#[test]
fn hostile_inputs_give_diagnostics_not_panics() {
    // 10,000-deep nesting, inside and outside the document.
    for text in [
        "[".repeat(10_000),
        format!(
            "{{\"kind\": \"paragon.integration-credentials\", \"document\": {{\"a\": {}}}}}",
            "[".repeat(10_000)
        ),
    ] {
        let r = report_for_text(&text, true);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].rule, "structure/invalid-json");
        assert!(r.diagnostics[0].message.contains("nesting deeper than"));
    }
    // A 50 MB string validates (and is not echoed).
    let big = "x".repeat(50 * 1024 * 1024);
    let text = format!(
        r#"{{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {{"client_id": "a", "client_secret": "{big}", "scopes": ["read"]}}}}"#
    );
    let r = report_for_text(&text, true);
    assert!(r.ok && render_all(&r).len() < 10_000);
    // Over the size limit: one clear diagnostic.
    let opts = Options {
        kind: kinds::find("paragon.integration-credentials"),
        limits: engine::Limits {
            max_bytes: 1000,
            ..Default::default()
        },
        ..Default::default()
    };
    let r = engine::check_text(&text, None, &opts).expect("runs");
    assert!(r.diagnostics[0].message.contains("larger than the limit"));
    // Documents that are not objects.
    for text in ["\"x\"", "3", "null", "true", "{}", "[1]"] {
        let r = report_for_text(text, true);
        assert!(!r.ok, "{text}");
    }
    // An empty array is an empty batch: nothing to check, and said so.
    assert_eq!(report_for_text("[]", true).summary.documents, 0);
    // Every field given every wrong type.
    let valid = json!({"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b", "scopes": ["read"]}, "extra_configuration": {"k": "v"}, "id": "i", "creds_provider": "jira", "scheme": "oauth_app"});
    let wrong = [
        json!(null),
        json!(true),
        json!(1),
        json!(1.5),
        json!("s"),
        json!([]),
        json!({}),
        json!([[["deep"]]]),
    ];
    let kind = kinds::find("paragon.integration-credentials").expect("kind");
    let paths: Vec<Vec<&str>> = vec![
        vec!["integration_id"],
        vec!["project_id"],
        vec!["oauth"],
        vec!["oauth", "client_id"],
        vec!["oauth", "client_secret"],
        vec!["oauth", "scopes"],
        vec!["extra_configuration"],
        vec!["extra_configuration", "k"],
        vec!["id"],
        vec!["creds_provider"],
        vec!["scheme"],
    ];
    let mut checked = 0;
    for path in &paths {
        for w in &wrong {
            let mut doc = valid.clone();
            let mut node = &mut doc;
            for p in &path[..path.len() - 1] {
                node = &mut node[*p];
            }
            node[path[path.len() - 1]] = w.clone();
            for ctx in [
                None,
                Some(
                    json!({"operation": "update", "integration": {"type": "custom", "authentication_type": "oauth"}}),
                ),
            ] {
                let _ = engine::check_value(kind, &doc, ctx.as_ref(), &Options::default())
                    .expect("runs");
                let _ = engine::check_text(
                    &doc.to_string(),
                    None,
                    &Options {
                        kind: Some(kind),
                        ..Default::default()
                    },
                )
                .expect("runs");
                let _ = engine::to_wire(kind, &doc, ctx.as_ref(), &Options::default());
                checked += 1;
            }
        }
    }
    println!("wrong-type variants checked: {checked}");
    // Lone surrogates, BOM, CRLF.
    let r = report_for_text(r#"{"oauth": {"client_id": "\ud800"}}"#, true);
    assert!(r.diagnostics[0].message.contains("lone surrogate"));
    let r = report_for_text("\u{feff}{\r\n  \"integration_id\": 1\r\n}", true);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/type")
        .expect("type error");
    assert_eq!((d.line, d.column), (Some(2), Some(3)));
}

/// A context given in the options is made a tree and checked once per kind, not once per
/// document; each kind still gets its own verdict: a context that suits the credentials kind
/// but not the Genesys kind fails a batch that holds a Genesys envelope, in either order, and
/// only then.
#[test]
fn an_options_context_is_checked_for_each_kind_it_meets() {
    let creds = r#"{"kind": "paragon.integration-credentials", "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}}"#;
    let genesys = r#"{"kind": "genesys.oauth-client", "document": {"name": "c", "authorized_grant_type": "CLIENT-CREDENTIALS", "roles": [{"role_id": "r"}]}}"#;
    let context = engine::ContextSource::from_value(json!({"operation": "create"}))
        .expect("a context object");
    let opts = Options {
        context: Some(context),
        ..Default::default()
    };
    let run = |batch: &[&str]| engine::check_text(&format!("[{}]", batch.join(",")), None, &opts);
    let both = run(&[creds, creds]).expect("suits the credentials kind");
    assert_eq!(both.documents, 2);
    for batch in [[creds, genesys], [genesys, creds]] {
        match run(&batch) {
            Err(engine::Error::InvalidContext(e)) => assert!(e.contains("`operation`"), "{e}"),
            other => panic!("a context Genesys has no field for: {other:?}"),
        }
    }
    // The verdicts were kept per kind: the credentials kind's is still a pass.
    assert_eq!(run(&[creds]).expect("still suits").documents, 1);
}
