//! Context conditions: what must hold of an envelope (its `context` and its `document`) for a
//! context-dependent rule to apply, declared once and read two ways: [`Cond::holds`] decides it
//! for the check, [`Cond::schema`] writes it as the JSON Schema the envelope schema's `if` holds.
//! Both follow JSON Schema's meaning exactly (a member's test applies only to an object, and
//! `required` fails when the member is absent), so the check and the exported schema cannot
//! disagree about when a rule applies.
//!
//! Conditions are constants: a kind declares them once (`const CUSTOM: Cond = ...`) and both its
//! rules and its envelope schema use them.
//!
//! A context rule is a [`Clause`]: its condition and what it then requires of the document (a
//! [`Need`]), declared once on the rule's unit. The need, too, is read two ways: the kind runs the
//! rule's check only where [`Need::unmet`] says the document falls short (the check then decides
//! the condition and writes the message), and the envelope schema's `then` is [`Need::schema`].

use serde_json::{Value, json};

use crate::json::SpanRef;

/// The member `key` of `v`: `None` when `v` is not an object, `Some(None)` when it is one
/// without the member (the last given counts, as in `JSON.parse`).
fn member<'a>(v: SpanRef<'a>, key: &str) -> Option<Option<SpanRef<'a>>> {
    v.as_object().map(|m| m.find(key).map(|m| m.value))
}

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
    pub fn holds(&self, context: Option<SpanRef<'_>>, document: Option<SpanRef<'_>>) -> bool {
        let root = |path: &[&str]| -> Option<(Option<SpanRef<'_>>, usize)> {
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

/// A context rule: when `when` holds of an envelope of the kind, the document must meet `then`.
#[derive(Debug, Clone, Copy)]
pub struct Clause {
    pub when: Cond,
    pub then: Need,
}

impl Clause {
    /// The clause as the envelope schema says it for the kind `kind`.
    pub fn schema(&self, kind: &str) -> Value {
        json!({"if": if_kind(kind, &self.when), "then": self.then.schema()})
    }
}

/// What a context rule requires of the document. Paths are member names from the document down.
///
/// [`Need::unmet`] is the check's reading: the document falls short only where the members above
/// the subject are objects and the subject has the type the need is about (a member of another
/// type is `structure/type`'s finding, not this rule's). [`Need::schema`] is the schema's reading;
/// on such documents the two agree (`tests/condition.rs`), and on the others the envelope is
/// rejected by the type check either way.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Nothing meets it: where the condition holds, the document is wrong whatever it says.
    Never,
    /// The member at the path is absent.
    Absent(&'static [&'static str]),
    /// The member at the path is present (whatever its value).
    Present(&'static [&'static str]),
    /// The list at the path is given and not empty (`null`, Terraform's "not set", is not given).
    NonEmpty(&'static [&'static str]),
    /// At least one of the document's members is present.
    AnyOf(&'static [&'static str]),
    /// Exactly one of the document's members is present.
    OneOf(&'static [&'static str]),
    /// The list at the path does not hold the string.
    Lacks(&'static [&'static str], &'static str),
}

impl Need {
    /// Whether the document falls short of the need (see [`Need`] for which documents can).
    pub fn unmet(&self, document: SpanRef<'_>) -> bool {
        let at = |path: &[&str]| -> Option<Option<SpanRef<'_>>> {
            let (last, above) = path.split_last()?;
            let mut v = document;
            for token in above {
                v = member(v, token).flatten()?;
            }
            member(v, last)
        };
        // `None` when the document is not an object.
        let count = |names: &[&str]| {
            names.iter().try_fold(0, |n, name| {
                Some(n + usize::from(member(document, name)?.is_some()))
            })
        };
        match self {
            Need::Never => true,
            Need::Absent(path) => matches!(at(path), Some(Some(_))),
            Need::Present(path) => matches!(at(path), Some(None)),
            Need::NonEmpty(path) => match at(path) {
                Some(None) => true,
                Some(Some(v)) if v.is_null() => true,
                Some(Some(v)) => v.as_array().is_some_and(|items| items.is_empty()),
                None => false,
            },
            Need::AnyOf(names) => count(names) == Some(0),
            Need::OneOf(names) => count(names).is_some_and(|n| n != 1),
            Need::Lacks(path, value) => match at(path) {
                Some(Some(v)) => v
                    .as_array()
                    .is_some_and(|items| items.iter().any(|i| i.as_str() == Some(value))),
                _ => false,
            },
        }
    }

    /// The need as a JSON Schema over the envelope (the `then` of its clause).
    pub fn schema(&self) -> Value {
        let document = |inner: Value| json!({"properties": {"document": inner}});
        // `{"properties": {a: {"properties": {b: leaf}}}}`: the members above the subject are
        // not required (a document without them does not fall short).
        let within = |path: &[&str], leaf: &dyn Fn(&str) -> Value| -> Value {
            let Some((last, above)) = path.split_last() else {
                return json!(true);
            };
            let mut schema = leaf(last);
            for token in above.iter().rev() {
                schema = json!({ "properties": { *token: schema } });
            }
            document(schema)
        };
        let each = |names: &[&str]| -> Vec<Value> {
            names.iter().map(|n| json!({ "required": [n] })).collect()
        };
        match self {
            Need::Never => json!(false),
            Need::Absent(path) => within(path, &|last| json!({"not": {"required": [last]}})),
            Need::Present(path) => within(path, &|last| json!({ "required": [last] })),
            Need::NonEmpty(path) => within(
                path,
                &|last| json!({"properties": {last: {"type": "array", "minItems": 1}}, "required": [last]}),
            ),
            Need::AnyOf(names) => document(json!({ "anyOf": each(names) })),
            Need::OneOf(names) => document(json!({ "oneOf": each(names) })),
            Need::Lacks(path, value) => within(
                path,
                &|last| json!({"properties": {last: {"not": {"contains": {"const": value}}}}}),
            ),
        }
    }
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
    start: Option<(Option<SpanRef<'_>>, usize)>,
    path: &[&str],
    leaf: &dyn Fn(SpanRef<'_>) -> bool,
) -> bool {
    // A path outside `context` and `document` is not one a kind declares.
    let Some((value, from)) = start else {
        return false;
    };
    // The envelope itself is an object: its `context` or `document` is required.
    let Some(mut v) = value else {
        return false;
    };
    for token in &path[from..] {
        match member(v, token) {
            None => return true,
            Some(Some(child)) => v = child,
            Some(None) => return false,
        }
    }
    leaf(v)
}
