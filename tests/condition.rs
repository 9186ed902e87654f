//! Context conditions mean the same to the check and to the schema: for every condition shape
//! and every envelope below, `Cond::holds` equals what a JSON Schema validator (the `jsonschema`
//! crate) says of `Cond::schema`, including contexts and members that are not objects. Likewise
//! what a context rule then requires: `Need::unmet` is the schema's `Need::schema` rejecting the
//! document, on every document whose subject has the type the need is about. Both read the span
//! tree parsed from the envelope's parts, and a repeated key counts with its last value, as in
//! `JSON.parse`.

use credlint::condition::{Cond, Need};
use credlint::json::{SpanTree, parse};
use serde_json::Value;
use serde_json::json;

/// The span tree of `value`'s text, as the parser makes it for a document.
fn tree(value: &Value) -> SpanTree {
    parse(&value.to_string(), 64).expect("parses").spans
}

fn starts_with_x(s: &str) -> bool {
    s.starts_with('x')
}

const OP: &[&str] = &["context", "operation"];
const TYPE: &[&str] = &["context", "integration", "type"];
const PROVIDER: &[&str] = &["document", "creds_provider"];
const IS: Cond = Cond::Is(OP, "update");
const X: Cond = Cond::Matches {
    at: TYPE,
    pattern: "^x",
    test: starts_with_x,
};
const NOT_X: Cond = Cond::Unmatched {
    at: PROVIDER,
    pattern: "^x",
    test: starts_with_x,
};
const CONDITIONS: &[Cond] = &[
    IS,
    X,
    NOT_X,
    Cond::Present(TYPE),
    Cond::Present(&["document"]),
    Cond::Not(&IS),
    Cond::All(&[IS, Cond::Present(PROVIDER)]),
    Cond::Any(&[Cond::All(&[IS, NOT_X]), Cond::All(&[Cond::Not(&IS), X])]),
    Cond::All(&[Cond::Present(OP), Cond::Not(&Cond::Is(OP, "create"))]),
    Cond::In(OP, &["update", "create"]),
    Cond::All(&[
        Cond::In(TYPE, &["xyz", "abc"]),
        Cond::Not(&Cond::Is(TYPE, "abc")),
    ]),
];

#[test]
fn holds_is_what_the_schema_says() {
    let contexts = [
        None,
        Some(json!({})),
        Some(json!("text")),
        Some(json!({"operation": "update"})),
        Some(json!({"operation": "create", "integration": {"type": "xyz"}})),
        Some(json!({"operation": 3, "integration": {"type": "abc"}})),
        Some(json!({"integration": "x"})),
        Some(json!({"integration": {"type": 7}})),
        Some(json!({"integration": {}})),
    ];
    let documents = [
        None,
        Some(json!({})),
        Some(json!([])),
        Some(json!({"creds_provider": "xero"})),
        Some(json!({"creds_provider": "jira"})),
        Some(json!({"creds_provider": null})),
    ];
    let mut compared = 0;
    for cond in CONDITIONS {
        let validator = jsonschema::validator_for(&cond.schema()).expect("the schema compiles");
        for context in &contexts {
            for document in &documents {
                let mut envelope = json!({"kind": "k"});
                if let Some(c) = context {
                    envelope["context"] = c.clone();
                }
                if let Some(d) = document {
                    envelope["document"] = d.clone();
                }
                let (c, d) = (context.as_ref().map(tree), document.as_ref().map(tree));
                assert_eq!(
                    cond.holds(
                        c.as_ref().map(SpanTree::root),
                        d.as_ref().map(SpanTree::root)
                    ),
                    validator.is_valid(&envelope),
                    "{cond:?} on {envelope}: schema {}",
                    cond.schema()
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, CONDITIONS.len() * 9 * 6);
}

#[test]
fn schemas_nest_members_and_require_them() {
    assert_eq!(
        Cond::Is(OP, "update").schema(),
        json!({"properties": {"context": {"properties": {"operation": {"const": "update"}}, "required": ["operation"]}}, "required": ["context"]})
    );
    assert_eq!(
        Cond::Present(TYPE).schema(),
        json!({"properties": {"context": {"properties": {"integration": {"required": ["type"]}}, "required": ["integration"]}}, "required": ["context"]})
    );
    assert_eq!(
        NOT_X.schema(),
        json!({"properties": {"document": {"properties": {"creds_provider": {"type": "string", "not": {"pattern": "^x"}}}, "required": ["creds_provider"]}}, "required": ["document"]})
    );
}

const NEEDS: &[Need] = &[
    Need::Never,
    Need::Absent(&["secret"]),
    Need::Absent(&["oauth", "scopes"]),
    Need::Present(&["oauth", "scopes"]),
    Need::NonEmpty(&["roles"]),
    Need::NonEmpty(&["oauth", "scopes"]),
    Need::AnyOf(&["jwks", "jwks_uri"]),
    Need::OneOf(&["jwks", "jwks_uri", "secret"]),
    Need::Lacks(&["grants"], "client_credentials"),
];

/// The documents a need is about: an object whose members above the need's subject are objects
/// where given, and whose list subject (`NonEmpty`, `Lacks`) is a list, `null` or absent. A value
/// of another type is `structure/type`'s finding (and the exported schema, whose clauses get the
/// types their keywords imply, rejects the envelope either way).
fn well_typed(need: &Need, document: &Value) -> bool {
    let path: &[&str] = match need {
        Need::Never => &[],
        Need::Absent(p) | Need::Present(p) | Need::NonEmpty(p) | Need::Lacks(p, _) => p,
        Need::AnyOf(_) | Need::OneOf(_) => &[],
    };
    let Some((_, above)) = path.split_last() else {
        return document.is_object();
    };
    let mut v = document;
    if !v.is_object() {
        return false;
    }
    for token in above {
        match v.get(*token) {
            Some(child) if child.is_object() => v = child,
            Some(_) => return false,
            None => return true,
        }
    }
    let subject = path.last().and_then(|last| v.get(*last));
    match need {
        Need::NonEmpty(_) => subject.is_none_or(|s| s.is_array() || s.is_null()),
        Need::Lacks(..) => subject.is_none_or(Value::is_array),
        _ => true,
    }
}

#[test]
fn unmet_is_what_the_schema_rejects() {
    let documents = [
        json!({}),
        json!([]),
        json!({"secret": "s"}),
        json!({"secret": null, "jwks": {}}),
        json!({"jwks": {}, "jwks_uri": "https://x"}),
        json!({"jwks_uri": "https://x"}),
        json!({"oauth": "text"}),
        json!({"oauth": {}}),
        json!({"oauth": {"scopes": []}}),
        json!({"oauth": {"scopes": ["a"]}}),
        json!({"oauth": {"scopes": null}}),
        json!({"oauth": {"scopes": "a b"}}),
        json!({"roles": null}),
        json!({"roles": []}),
        json!({"roles": [{"role_id": "r"}]}),
        json!({"roles": "admin"}),
        json!({"grants": ["client_credentials"]}),
        json!({"grants": ["authorization_code", 7]}),
        json!({"grants": []}),
        json!({"grants": "client_credentials"}),
    ];
    let mut compared = 0;
    let mut unmet = 0;
    for need in NEEDS {
        let validator = jsonschema::validator_for(&need.schema()).expect("the schema compiles");
        for document in &documents {
            if !well_typed(need, document) {
                continue;
            }
            let envelope = json!({"kind": "k", "document": document});
            let is_unmet = need.unmet(tree(document).root());
            assert_eq!(
                is_unmet,
                !validator.is_valid(&envelope),
                "{need:?} on {document}: schema {}",
                need.schema()
            );
            compared += 1;
            unmet += usize::from(is_unmet);
        }
    }
    // Every need is compared on most documents, and both verdicts occur.
    assert!(compared > NEEDS.len() * 12, "{compared}");
    assert!(unmet > 20 && unmet < compared - 20, "{unmet} of {compared}");
}

#[test]
fn needs_write_the_schemas_the_rules_had() {
    assert_eq!(
        Need::Absent(&["oauth", "scopes"]).schema(),
        json!({"properties": {"document": {"properties": {"oauth": {"not": {"required": ["scopes"]}}}}}})
    );
    assert_eq!(
        Need::NonEmpty(&["roles"]).schema(),
        json!({"properties": {"document": {"properties": {"roles": {"type": "array", "minItems": 1}}, "required": ["roles"]}}})
    );
    assert_eq!(Need::Never.schema(), json!(false));
}

/// A repeated key counts with its last value, as in `JSON.parse`.
#[test]
fn the_tree_reads_a_repeated_key_last() {
    let cases = [
        (
            r#"{"roles": [], "roles": ["r"]}"#,
            Need::NonEmpty(&["roles"]),
            false,
        ),
        (
            r#"{"roles": ["r"], "roles": null}"#,
            Need::NonEmpty(&["roles"]),
            true,
        ),
        (
            r#"{"grants": ["client_credentials"], "grants": []}"#,
            Need::Lacks(&["grants"], "client_credentials"),
            false,
        ),
        (
            r#"{"oauth": {"scopes": []}, "oauth": {"scopes": ["a"]}}"#,
            Need::NonEmpty(&["oauth", "scopes"]),
            false,
        ),
    ];
    for (text, need, unmet) in cases {
        let parsed = parse(text, 64).expect("parses");
        assert_eq!(need.unmet(parsed.spans.root()), unmet, "{need:?} on {text}");
    }
    let text = r#"{"operation": "create", "operation": "update"}"#;
    let parsed = parse(text, 64).expect("parses");
    assert!(IS.holds(Some(parsed.spans.root()), None));
}
