//! JSON Schema (draft 2020-12) export, derived from each kind's structure declaration.

use serde_json::{Map, Value, json};

use crate::kinds::Kind;
use crate::structure::{Field, SCOPE_FORBIDDEN, Str, Ty, UnknownFields};

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
pub const BASE_ID: &str = "https://credlint.dev/schemas/";

/// The JSON Schema of one kind.
pub fn kind_schema(kind: &dyn Kind) -> Value {
    let mut root = object_schema(kind.fields());
    // An open kind accepts members it does not declare (its near misses are only warnings).
    if kind.unknown_fields() == UnknownFields::Open
        && let Value::Object(m) = &mut root
    {
        m.remove("additionalProperties");
    }
    let tagged: Vec<&Field> = kind
        .fields()
        .iter()
        .filter(|f| kind.language_tagged().contains(&f.name))
        .collect();
    if !tagged.is_empty()
        && let Value::Object(m) = &mut root
    {
        let mut patterns = Map::new();
        for f in tagged {
            let mut p = match type_schema(&f.ty) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            p.insert(
                "description".into(),
                json!(format!(
                    "`{}` in another language (RFC 7591 §2.2: `{}#<BCP 47 tag>`).",
                    f.name, f.name
                )),
            );
            // `[\s\S]`: any character, as the engine accepts any non-empty tag.
            patterns.insert(format!("^{}#[\\s\\S]", f.name), Value::Object(p));
        }
        m.insert("patternProperties".into(), Value::Object(patterns));
    }
    let mut out = Map::new();
    out.insert("$schema".into(), json!(DRAFT));
    out.insert(
        "$id".into(),
        json!(format!("{BASE_ID}{}.schema.json", kind.id())),
    );
    out.insert("title".into(), json!(kind.title()));
    let semantic: Vec<String> = kind
        .rules()
        .iter()
        .filter(|r| !kind.schema_encodes(r.id))
        .map(|r| format!("{} ({}): {}", r.id, r.severity.as_str(), r.summary))
        .collect();
    out.insert(
        "description".into(),
        json!(format!(
            "{} Checked by credlint beyond this schema (context, cross-field and drift rules; run `credlint check`): {}.",
            kind.description(),
            semantic.join("; ")
        )),
    );
    if let Value::Object(m) = &mut root {
        out.append(m);
    }
    Value::Object(out)
}

/// Serialises a schema the one way the CLI, `exportSchema` and `schemas/` all use.
pub fn to_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

fn object_schema(fields: &[Field]) -> Value {
    let mut props = Map::new();
    for f in fields {
        let mut p = match type_schema(&f.ty) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        p.insert("title".into(), json!(f.label));
        p.insert("description".into(), json!(f.description));
        if f.sensitive() {
            p.insert("writeOnly".into(), json!(true));
        }
        props.insert(f.name.into(), Value::Object(p));
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    m.insert("properties".into(), Value::Object(props));
    if !required.is_empty() {
        m.insert("required".into(), json!(required));
    }
    m.insert("additionalProperties".into(), json!(false));
    Value::Object(m)
}

fn string_schema(s: &Str) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    if s.min_length > 0 {
        m.insert("minLength".into(), json!(s.min_length));
    }
    if let Some((values, _)) = s.one_of {
        m.insert("enum".into(), json!(values));
    }
    if let Some(f) = s.format {
        m.insert("pattern".into(), json!(f.pattern()));
    }
    if s.token.is_some() {
        let class: String = SCOPE_FORBIDDEN.iter().map(|c| regex_escape(*c)).collect();
        m.insert("pattern".into(), json!(format!("^[^{class}]+$")));
    }
    Value::Object(m)
}

fn regex_escape(c: char) -> String {
    match c {
        '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
        '\t' => "\\t".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\u{c}' => "\\f".into(),
        '\u{b}' => "\\v".into(),
        c if (c as u32) > 0x7e => format!("\\u{:04x}", c as u32),
        c => c.to_string(),
    }
}

fn type_schema(ty: &Ty) -> Value {
    match ty {
        Ty::String(s) => string_schema(s),
        Ty::Integer { min, max, .. } => {
            let mut m = Map::new();
            m.insert("type".into(), json!("integer"));
            if let Some(a) = min {
                m.insert("minimum".into(), json!(a));
            }
            if let Some(b) = max {
                m.insert("maximum".into(), json!(b));
            }
            Value::Object(m)
        }
        Ty::Number { min, max, .. } => {
            let mut m = Map::new();
            m.insert("type".into(), json!("number"));
            if let Some(a) = min {
                m.insert("minimum".into(), json!(a));
            }
            if let Some(b) = max {
                m.insert("maximum".into(), json!(b));
            }
            Value::Object(m)
        }
        Ty::Boolean => json!({"type": "boolean"}),
        Ty::Array {
            items,
            min_items,
            unique,
        } => {
            let mut m = Map::new();
            m.insert("type".into(), json!("array"));
            m.insert("items".into(), type_schema(items));
            if *min_items > 0 {
                m.insert("minItems".into(), json!(min_items));
            }
            if unique.is_some() {
                m.insert("uniqueItems".into(), json!(true));
            }
            Value::Object(m)
        }
        Ty::Object(fields) => object_schema(fields),
        Ty::OpenObject(fields) => {
            let mut v = object_schema(fields);
            if let Value::Object(m) = &mut v {
                m.remove("additionalProperties");
            }
            v
        }
        Ty::Either(a, b) => json!({"anyOf": [type_schema(a), type_schema(b)]}),
        Ty::Any => json!({}),
        Ty::Map(spec) => {
            let reserved: Vec<&str> = spec.reserved.iter().map(|(k, _)| *k).collect();
            json!({
                "type": "object",
                "propertyNames": {"not": {"enum": reserved}},
                "additionalProperties": {"type": ["string", "number", "boolean"]}
            })
        }
    }
}

/// The envelope schema: `kind` as the discriminator, each kind's document schema by `$ref`.
pub fn envelope_schema() -> Value {
    let kinds = crate::kinds::all();
    let ids: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
    let mut branches: Vec<Value> = kinds
        .iter()
        .map(|k| {
            json!({
                "if": {"properties": {"kind": {"const": k.id()}}, "required": ["kind"]},
                "then": {"properties": {
                    "document": {"$ref": format!("{}.schema.json", k.id())},
                    "context": object_schema(k.context_fields()),
                }}
            })
        })
        .collect();
    let mut encoded = Vec::new();
    for k in kinds {
        for (rule, clause) in k.envelope_rules() {
            let mut clause = clause;
            if let Value::Object(m) = &mut clause {
                m.insert(
                    "$comment".into(),
                    json!(format!(
                        "{} ({}): {}",
                        rule.id,
                        rule.severity.as_str(),
                        rule.summary
                    )),
                );
            }
            branches.push(clause);
            encoded.push(rule.id);
        }
    }
    for b in &mut branches {
        add_implied_types(b);
    }
    json!({
        "$schema": DRAFT,
        "$id": format!("{BASE_ID}envelope.schema.json"),
        "title": "credlint envelope",
        "description": format!("A self-describing credlint input: the document, its kind, and the context the platform would look up. A JSON array of envelopes is a batch. Context-dependent rules encoded here: {}.", encoded.join(", ")),
        "type": "object",
        "required": ["kind", "document"],
        "properties": {
            "$schema": {"type": "string", "description": "The JSON Schema this file follows (for editors)."},
            "kind": {"enum": ids, "description": "The kind of the document."},
            "context": {"type": "object", "description": "Facts the platform would look up (integration type, operation...); see each kind."},
            "document": {"type": "object", "description": "The document to check; diagnostics' paths point into it."}
        },
        "additionalProperties": false,
        "allOf": branches
    })
}

/// Says the type every object or list keyword applies to (`"type": "object"` beside `properties`
/// or `required`), as ajv's strict mode asks. Where the instance has another type the platform
/// rejects it through the kind schema anyway, so no verdict changes (the differential tests hold
/// it to that).
fn add_implied_types(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if !m.contains_key("type")
                && !m.contains_key("const")
                && !m.contains_key("enum")
                && !m.contains_key("$ref")
            {
                let object = [
                    "properties",
                    "required",
                    "propertyNames",
                    "additionalProperties",
                    "dependentSchemas",
                    "dependentRequired",
                ]
                .iter()
                .any(|k| m.contains_key(*k));
                let array = [
                    "items",
                    "minItems",
                    "uniqueItems",
                    "contains",
                    "maxItems",
                    "prefixItems",
                ]
                .iter()
                .any(|k| m.contains_key(*k));
                let string = ["pattern", "minLength", "maxLength"]
                    .iter()
                    .any(|k| m.contains_key(*k));
                let number = ["minimum", "maximum"].iter().any(|k| m.contains_key(*k));
                let implied = [
                    (object, "object"),
                    (array, "array"),
                    (string, "string"),
                    (number, "number"),
                ];
                if let Some((_, t)) = implied.iter().find(|(yes, _)| *yes) {
                    m.insert("type".into(), json!(t));
                }
            }
            // ajv's strictRequired: every required name is also a (here unconstrained) property.
            if let Some(Value::Array(required)) = m.get("required").cloned() {
                let props = m.entry("properties").or_insert_with(|| json!({}));
                if let Value::Object(props) = props {
                    for r in required.iter().filter_map(Value::as_str) {
                        props.entry(r.to_owned()).or_insert(Value::Bool(true));
                    }
                }
            }
            for child in m.values_mut() {
                add_implied_types(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_implied_types),
        _ => {}
    }
}

/// Every schema file `credlint schema --all` writes: one per kind, and the envelope's.
pub fn all_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = crate::kinds::all()
        .iter()
        .map(|k| (format!("{}.schema.json", k.id()), to_text(&kind_schema(*k))))
        .collect();
    files.push(("envelope.schema.json".into(), to_text(&envelope_schema())));
    files
}
