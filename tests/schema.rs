//! The exported JSON Schemas: valid against the draft 2020-12 meta-schema, and in agreement with
//! the engine, document by document, over the corpus and generated variants (every field removed,
//! every field given each wrong JSON type). Validator: the `jsonschema` crate.

use std::collections::HashSet;
use std::path::Path;

use credlint::diagnostic::{Severity, Sink};
use credlint::engine::{self, Options};
use credlint::kinds::{self, Kind};
use credlint::policy::Policy;
use credlint::{registry, rules, schema, structure};
use serde_json::{Value, json};

/// Every envelope of the corpus (batches flattened), as values.
fn corpus_envelopes() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let name = f.to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.ends_with(".expect.json") {
                continue;
            }
            let Ok(v) = serde_json::from_slice::<Value>(&std::fs::read(&f).expect("read")) else {
                continue;
            };
            match v {
                Value::Array(items) => out.extend(items.into_iter().filter(Value::is_object)),
                v @ Value::Object(_) => out.push(v),
                _ => {}
            }
        }
    }
    out
}

const WRONG: &[&str] = &[
    r#"null"#,
    "true",
    "0",
    "-1",
    "1.5",
    "300",
    "100000000",
    r#""""#,
    r#""x""#,
    "[]",
    r#"["x"]"#,
    "{}",
    r#"{"a": "b"}"#,
];

/// Every path in a value (objects and arrays, recursively), parents first.
fn paths(v: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(k.clone());
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(i.to_string());
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn edit(doc: &Value, path: &[String], new: Option<&Value>) -> Value {
    let mut doc = doc.clone();
    let mut node = &mut doc;
    for t in &path[..path.len() - 1] {
        node = match node {
            Value::Object(m) => m.get_mut(t).expect("path exists"),
            Value::Array(a) => &mut a[t.parse::<usize>().expect("index")],
            _ => unreachable!(),
        };
    }
    let last = &path[path.len() - 1];
    match (node, new) {
        (Value::Object(m), Some(v)) => {
            m.insert(last.clone(), v.clone());
        }
        (Value::Object(m), None) => {
            m.shift_remove(last);
        }
        (Value::Array(a), Some(v)) => a[last.parse::<usize>().expect("index")] = v.clone(),
        (Value::Array(a), None) => {
            a.remove(last.parse::<usize>().expect("index"));
        }
        _ => unreachable!(),
    }
    doc
}

/// The document, every field removed, every field given each wrong type.
fn variants(doc: &Value) -> Vec<Value> {
    let wrong: Vec<Value> = WRONG
        .iter()
        .map(|w| serde_json::from_str(w).expect("json"))
        .collect();
    let mut all = vec![doc.clone()];
    let mut ps = Vec::new();
    paths(doc, &mut Vec::new(), &mut ps);
    for p in &ps {
        all.push(edit(doc, p, None));
        for w in &wrong {
            all.push(edit(doc, p, Some(w)));
        }
    }
    all
}

/// Writes the compared documents with the engine's verdicts, for the same differential with ajv
/// in `js-tests/schema-differential.test.mjs`.
fn dump_cases(name: &str, cases: &[Value]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("schema-differential");
    std::fs::create_dir_all(&dir).expect("target dir");
    std::fs::write(dir.join(name), serde_json::to_string(cases).expect("json"))
        .expect("write cases");
}

fn walker_valid(kind: &dyn Kind, doc: &Value) -> bool {
    let policy = Policy::default();
    let mut sink = Sink::new(&policy);
    let tree = credlint::json::SpanTree::from_value(doc);
    structure::check_root(
        kind.fields(),
        kind.language_tagged(),
        kind.unknown_fields(),
        tree.root(),
        &mut sink,
    );
    !sink.has_errors()
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for (name, text) in schema::all_files() {
        let v: Value = serde_json::from_str(&text).expect("schema is JSON");
        assert_eq!(v["$schema"], schema::DRAFT, "{name}");
        if let Err(e) = jsonschema::meta::validate(&v) {
            panic!("{name} is not a valid draft 2020-12 schema: {e}");
        }
        // Every property has a description (recursively).
        fn described(v: &Value, at: &str) {
            if let Some(Value::Object(props)) = v.get("properties") {
                for (k, p) in props {
                    assert!(
                        p.get("description")
                            .and_then(Value::as_str)
                            .is_some_and(|d| !d.is_empty()),
                        "{at}/{k} has no description"
                    );
                    described(p, &format!("{at}/{k}"));
                }
            }
            for key in ["items", "additionalProperties"] {
                if let Some(child) = v.get(key).filter(|c| c.is_object()) {
                    described(child, at);
                }
            }
            if let Some(Value::Array(branches)) = v.get("anyOf") {
                for b in branches {
                    described(b, at);
                }
            }
        }
        described(&v, &name);
    }
}

#[test]
fn kind_schemas_agree_with_the_engine() {
    let envelopes = corpus_envelopes();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    let mut cases = Vec::new();
    for kind in kinds::all() {
        let schema = schema::kind_schema(*kind);
        let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
        let docs: Vec<&Value> = envelopes
            .iter()
            .filter(|e| e["kind"] == kind.id())
            .filter_map(|e| e.get("document"))
            .filter(|d| d.is_object())
            .collect();
        assert!(!docs.is_empty(), "the corpus has no {} document", kind.id());
        let mut seen = HashSet::new();
        for doc in docs {
            for v in variants(doc) {
                if !seen.insert(v.to_string()) {
                    continue;
                }
                compared += 1;
                let (engine_ok, schema_ok) = (walker_valid(*kind, &v), validator.is_valid(&v));
                cases.push(json!({"schema": format!("{}.schema.json", kind.id()), "instance": v, "valid": engine_ok}));
                if engine_ok != schema_ok {
                    disagreements.push(format!(
                        "{}: engine {engine_ok}, schema {schema_ok}: {v}",
                        kind.id()
                    ));
                }
            }
        }
    }
    dump_cases("kinds.json", &cases);
    println!(
        "schema differential (jsonschema crate): {compared} documents compared, {} disagreements",
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{}",
        disagreements
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The rules whose verdict the envelope schema carries for one kind: structure, named rules the
/// kind schema encodes, and the context-dependent rules of the kind's envelope clauses.
fn envelope_rule_ids(kind: &dyn Kind) -> HashSet<&'static str> {
    let mut ids: HashSet<&str> = rules::STRUCTURE_RULES.iter().map(|r| r.id).collect();
    ids.extend(
        registry::all()
            .filter(|r| kind.schema_encodes(r.id))
            .map(|r| r.id),
    );
    ids.extend(kind.envelope_rules().into_iter().map(|(r, _)| r.id));
    ids
}

#[test]
fn envelope_schema_agrees_with_the_engine() {
    let base = schema::BASE_ID;
    let mut registry = jsonschema::Registry::new();
    for k in kinds::all() {
        registry = registry
            .add(
                format!("{base}{}.schema.json", k.id()),
                schema::kind_schema(*k),
            )
            .expect("add");
    }
    let registry = registry.prepare().expect("registry");
    let envelope_schema = schema::envelope_schema();
    let validator = jsonschema::options()
        .with_registry(&registry)
        .build(&envelope_schema)
        .expect("envelope schema compiles");

    let contexts = [
        None,
        Some(json!({})),
        Some(json!({"operation": "update"})),
        Some(json!({"operation": "create"})),
        Some(json!({"integration": {"type": "custom", "authentication_type": "oauth"}})),
        Some(
            json!({"operation": "update", "integration": {"type": "custom.acme", "authentication_type": "basic"}}),
        ),
        Some(json!({"integration": {"type": "custom"}})),
        Some(json!({"operation": "create", "integration": {"type": "jira"}})),
        Some(
            json!({"operation": "update", "integration": {"type": "jira", "authentication_type": ""}}),
        ),
        Some(json!({"operation": "delete"})),
        Some(json!("custom")),
    ];
    let mutations: Vec<(&str, Option<Value>)> = vec![
        ("", None),
        ("/creds_provider", Some(json!("custom"))),
        ("/creds_provider", Some(json!("jira"))),
        ("/scheme", Some(json!("api_key"))),
        ("/scheme", Some(json!("oauth_app"))),
        ("/oauth/scopes", Some(json!(["read"]))),
        ("/extra_configuration", Some(json!({}))),
    ];
    let mut compared = 0;
    let mut disagreements = Vec::new();
    let mut seen = HashSet::new();
    let mut cases = Vec::new();
    for env in corpus_envelopes() {
        let Some(doc) = env.get("document").filter(|d| d.is_object()) else {
            continue;
        };
        let mut docs = vec![doc.clone()];
        for (path, value) in &mutations {
            if path.is_empty() {
                continue;
            }
            let tokens: Vec<String> = path
                .trim_start_matches('/')
                .split('/')
                .map(str::to_owned)
                .collect();
            if tokens.len() == 2 && !doc.get(&tokens[0]).is_some_and(Value::is_object) {
                continue;
            }
            docs.push(edit_or_insert(doc, &tokens, value.as_ref()));
        }
        if let Some(Value::Object(oauth)) = doc.get("oauth")
            && oauth.contains_key("scopes")
        {
            docs.push(edit(doc, &["oauth".into(), "scopes".into()], None));
        }
        for d in docs {
            for ctx in &contexts {
                let mut e = json!({"kind": env["kind"], "document": d});
                if let Some(c) = ctx {
                    e["context"] = c.clone();
                }
                if !seen.insert(e.to_string()) {
                    continue;
                }
                compared += 1;
                let result =
                    engine::check_text(&e.to_string(), None, &Options::default()).expect("runs");
                // An envelope of an unknown kind counts structure rules only.
                let counted = match kinds::find(env["kind"].as_str().unwrap_or_default()) {
                    Some(k) => envelope_rule_ids(k),
                    None => rules::STRUCTURE_RULES.iter().map(|r| r.id).collect(),
                };
                let engine_ok = !result
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error && counted.contains(d.rule));
                let schema_ok = validator.is_valid(&e);
                cases.push(
                    json!({"schema": "envelope.schema.json", "instance": e, "valid": engine_ok}),
                );
                if engine_ok != schema_ok {
                    let rules: Vec<&str> = result.diagnostics.iter().map(|d| d.rule).collect();
                    disagreements.push(format!(
                        "engine {engine_ok} {rules:?}, schema {schema_ok}: {e}"
                    ));
                }
            }
        }
    }
    dump_cases("envelopes.json", &cases);
    println!(
        "envelope schema differential (jsonschema crate): {compared} envelopes compared, {} disagreements",
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{}",
        disagreements
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn edit_or_insert(doc: &Value, path: &[String], value: Option<&Value>) -> Value {
    let mut doc = doc.clone();
    let mut node = &mut doc;
    for t in &path[..path.len() - 1] {
        node = node.get_mut(t).expect("parent exists");
    }
    if let (Value::Object(m), Some(v)) = (node, value) {
        m.insert(path[path.len() - 1].clone(), v.clone());
    }
    doc
}

/// Which rules the schemas encode comes from the field declarations (a type naming the rule that
/// reports a value outside it), not from a list kept beside them; this pins the result per kind.
#[test]
fn schema_encoded_rules_are_the_declared_ones() {
    let got: Vec<(&str, Vec<&str>)> = kinds::all()
        .iter()
        .map(|k| {
            let declared = structure::declared_rules(k.fields());
            for rule in &declared {
                assert!(k.schema_encodes(rule.id));
            }
            (k.id(), declared.iter().map(|r| r.id).collect())
        })
        .collect();
    let encoded = |k: &dyn Kind| registry::all().filter(|r| k.schema_encodes(r.id)).count();
    for k in kinds::all() {
        assert_eq!(
            encoded(*k),
            structure::declared_rules(k.fields()).len(),
            "{}",
            k.id()
        );
    }
    assert_eq!(
        got,
        [
            (
                "paragon.integration-credentials",
                vec![
                    "paragon/scope-token",
                    "paragon/reserved-extra-key",
                    "paragon/extra-value-type"
                ]
            ),
            (
                "paragon.custom-integration",
                vec!["paragon/test-endpoint-method"]
            ),
            (
                "paragon.connect-options",
                vec!["paragon/account-type-value", "paragon/scope-token"]
            ),
            ("itential.token-config", vec![]),
            (
                "genesys.oauth-client",
                vec![
                    "genesys/validity-range",
                    "genesys/grant-type",
                    "genesys/state"
                ]
            ),
            ("oauth.client", vec!["oauth/auth-method"]),
        ]
    );
}
