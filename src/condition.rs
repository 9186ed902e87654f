//! Context conditions: what must hold of an envelope (its `context` and its `document`) for a
//! context-dependent rule to apply, declared once and read two ways: [`Cond::holds`] decides it
//! for the check, [`Cond::schema`] writes it as the JSON Schema the envelope schema's `if` holds.
//! Both follow JSON Schema's meaning exactly (a member's test applies only to an object, and
//! `required` fails when the member is absent), so the check and the exported schema cannot
//! disagree about when a rule applies.
//!
//! Conditions are constants: a kind declares them once (`const CUSTOM: Cond = ...`) and both its
//! rules and its envelope schema use them.

use serde_json::{Value, json};

/// A condition on an envelope. Paths are member names from the envelope down (`["context",
/// "operation"]`, `["document", "creds_provider"]`).
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// The value at the path is the string `value` (`const`).
    Is(&'static [&'static str], &'static str),
    /// The value at the path is one of the strings `values` (`enum`).
    In(&'static [&'static str], &'static [&'static str]),
    /// The value at the path is a string that `test` accepts: `pattern` in the schema, the
    /// same test written as a regular expression (the envelope schema's differential test,
    /// `tests/schema.rs`, checks the two agree on the kinds' conditions).
    Matches {
        at: &'static [&'static str],
        pattern: &'static str,
        test: fn(&str) -> bool,
    },
    /// The value at the path is a string that `test` rejects: `{"type": "string", "not":
    /// {"pattern": ...}}` in the schema.
    Unmatched {
        at: &'static [&'static str],
        pattern: &'static str,
        test: fn(&str) -> bool,
    },
    /// The member at the path is present (whatever its value).
    Present(&'static [&'static str]),
    Not(&'static Cond),
    All(&'static [Cond]),
    Any(&'static [Cond]),
}

impl Cond {
    /// Whether the condition holds of the envelope whose `context` and `document` are given
    /// (`None`: absent), as the schema from [`Cond::schema`] would say.
    pub fn holds(&self, context: Option<&Value>, document: Option<&Value>) -> bool {
        let root = |path: &[&str]| -> Option<(Option<&Value>, usize)> {
            match path.first() {
                Some(&"context") => Some((context, 1)),
                Some(&"document") => Some((document, 1)),
                _ => None,
            }
        };
        match self {
            Cond::Is(at, value) => at_path(root(at), at, &|v| v.as_str() == Some(value)),
            Cond::In(at, values) => at_path(root(at), at, &|v| {
                v.as_str().is_some_and(|s| values.contains(&s))
            }),
            Cond::Matches { at, test, .. } => {
                at_path(root(at), at, &|v| v.as_str().is_some_and(test))
            }
            Cond::Unmatched { at, test, .. } => {
                at_path(root(at), at, &|v| v.as_str().is_some_and(|s| !test(s)))
            }
            Cond::Present(at) => at_path(root(at), at, &|_| true),
            Cond::Not(c) => !c.holds(context, document),
            Cond::All(cs) => cs.iter().all(|c| c.holds(context, document)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(context, document)),
        }
    }

    /// The condition as a JSON Schema over the envelope.
    pub fn schema(&self) -> Value {
        match self {
            Cond::Is(at, value) => nest(at, Some(json!({ "const": value }))),
            Cond::In(at, values) => nest(at, Some(json!({ "enum": values }))),
            Cond::Matches { at, pattern, .. } => {
                nest(at, Some(json!({"type": "string", "pattern": pattern})))
            }
            Cond::Unmatched { at, pattern, .. } => nest(
                at,
                Some(json!({"type": "string", "not": {"pattern": pattern}})),
            ),
            Cond::Present(at) => nest(at, None),
            Cond::Not(c) => json!({ "not": c.schema() }),
            Cond::All(cs) => json!({ "allOf": cs.iter().map(Cond::schema).collect::<Vec<_>>() }),
            Cond::Any(cs) => json!({ "anyOf": cs.iter().map(Cond::schema).collect::<Vec<_>>() }),
        }
    }
}

/// The `if` of a kind's context rule: the envelope is of the kind, and `when` holds.
pub fn if_kind(kind: &str, when: &Cond) -> Value {
    let mut all = vec![json!({"properties": {"kind": {"const": kind}}, "required": ["kind"]})];
    match when {
        Cond::All(cs) => all.extend(cs.iter().map(Cond::schema)),
        c => all.push(c.schema()),
    }
    json!({ "allOf": all })
}

/// `{"properties": {a: {"properties": {b: leaf}, "required": [b]}}, "required": [a]}`; without a
/// leaf schema the last member is only required.
fn nest(path: &[&str], leaf: Option<Value>) -> Value {
    let Some((last, outer)) = path.split_last() else {
        return leaf.unwrap_or(json!(true));
    };
    let mut schema = match leaf {
        Some(l) => json!({"properties": {*last: l}, "required": [last]}),
        None => json!({ "required": [last] }),
    };
    for token in outer.iter().rev() {
        schema = json!({"properties": {*token: schema}, "required": [token]});
    }
    schema
}

/// What [`nest`]'s schema says of `value` (the member at `path[from - 1]`, or the envelope's
/// `context`/`document`), with `leaf` the test at the end: at each level, a value that is not an
/// object passes (`properties` and `required` apply to objects only), an object without the next
/// member fails.
fn at_path(
    start: Option<(Option<&Value>, usize)>,
    path: &[&str],
    leaf: &dyn Fn(&Value) -> bool,
) -> bool {
    // A path outside `context` and `document` is not one a kind declares.
    let Some((mut value, from)) = start else {
        return false;
    };
    // The envelope itself is an object: its `context` or `document` is required.
    let Some(mut v) = value.take() else {
        return false;
    };
    for token in &path[from..] {
        let Value::Object(map) = v else { return true };
        // Contexts and documents are small objects: comparing a few names is cheaper than
        // hashing one.
        let child = if map.len() <= 16 {
            map.iter()
                .find(|(k, _)| k.as_str() == *token)
                .map(|(_, c)| c)
        } else {
            map.get(*token)
        };
        match child {
            Some(child) => v = child,
            None => return false,
        }
    }
    leaf(v)
}
