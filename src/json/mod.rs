//! JSON with positions: the parser, JSON Pointers and line/column conversion.

mod parse;
pub mod pointer;
mod span;

pub use parse::{
    DuplicateKey, ParseError, Parsed, Take, TopLevel, Tree, parse, parse_each, parse_tree,
};
pub use span::{
    Items, LineIndex, MAX_SCALAR_LEN, Member, Members, Scalar, Shape, SpanRef, SpanTree, View,
};

/// The member `key` of `map`. Envelopes, documents and contexts have a few members: comparing
/// names is cheaper than hashing the key (as `Map::get` does); a large object is looked up by
/// hash.
pub fn member<'a>(
    map: &'a serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<&'a serde_json::Value> {
    if map.len() <= 16 {
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// The member `key` of `value` when it is an object ([`member`]).
pub fn field<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    value.as_object().and_then(|m| member(m, key))
}

/// [`member`] as a method of objects and values, for the kinds' lookups of their fields:
/// `doc.field("oauth")` compares names (a document's objects are small) where `doc.get("oauth")`
/// would hash the key with SipHash.
pub trait Lookup {
    fn field(&self, key: &str) -> Option<&serde_json::Value>;
}

impl Lookup for serde_json::Value {
    fn field(&self, key: &str) -> Option<&serde_json::Value> {
        field(self, key)
    }
}

impl Lookup for serde_json::Map<String, serde_json::Value> {
    fn field(&self, key: &str) -> Option<&serde_json::Value> {
        member(self, key)
    }
}

/// The JSON type name users know (`string`, `number`, ...), for messages.
pub fn type_name(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The type with its article, for messages: "an integer", "a list", "null".
pub fn a_type_name(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
