//! Context conditions mean the same to the check and to the schema: for every condition shape
//! and every envelope below, `Cond::holds` equals what a JSON Schema validator (the `jsonschema`
//! crate) says of `Cond::schema`, including contexts and members that are not objects.

use credlint::condition::Cond;
use serde_json::json;

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
                let holds = cond.holds(context.as_ref(), document.as_ref());
                assert_eq!(
                    holds,
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
