//! JSON with positions: the parser, JSON Pointers and line/column conversion.

mod parse;
pub mod pointer;
mod span;

pub use parse::{
    DuplicateKey, ParseError, Parsed, Take, TopLevel, Tree, parse, parse_each, parse_tree,
};
pub use span::{
    Graft, Items, LineIndex, MAX_SCALAR_LEN, Member, Members, Scalar, Shape, SpanRef, SpanTree,
    View,
};

/// The nearest `f64` to the decimal number `text` (an optional sign, digits with an optional
/// `.`, an optional exponent: a JSON number, or what Go's `ParseFloat` reads once its
/// underscores are gone), ±infinity past the range; `None` for any other text (Rust's own
/// `inf` and `nan` too). Correctly rounded on every target: natively by Rust's parser, in
/// WebAssembly by the JavaScript engine's `parseFloat`, which the page has anyway, so that the
/// browser build does not carry Rust's float parser and its table of powers of five
/// (docs/performance.md, "Where the bytes go").
pub fn parse_f64(text: &str) -> Option<f64> {
    if !is_decimal(text) {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    {
        // The whole text is one decimal number, which `parseFloat` reads exactly as Rust does.
        let v = js_sys::Number::parse_float(text);
        (!v.is_nan()).then_some(v)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.parse::<f64>().ok()
    }
}

/// `[+-]? (digits | digits '.' digits? | '.' digits) ([eE] [+-]? digits)?`: the numbers both
/// Rust's float parser and JavaScript's `parseFloat` read whole, and read alike.
fn is_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_from = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_end = digits_from(i);
    let mut digits = int_end - i;
    i = int_end;
    if b.get(i) == Some(&b'.') {
        let end = digits_from(i + 1);
        digits += end - (i + 1);
        i = end;
    }
    if digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits_from(i);
        if end == i {
            return false;
        }
        i = end;
    }
    i == b.len()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts made of number characters (and a few others) at random, deterministically.
    fn texts(count: usize) -> impl Iterator<Item = String> {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "9",
            "12345678901234567890",
            ".",
            "e",
            "E",
            "+",
            "-",
            "e-",
            "e+",
            "308",
            "309",
            "400",
            "4",
            "5",
            "x",
            "inf",
            "nan",
            "_",
            " ",
        ];
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d);
        (0..count).map(move |_| {
            let mut text = String::new();
            for _ in 0..1 + next() % 7 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            text
        })
    }

    #[test]
    fn decimal_text_is_what_rusts_parser_reads_but_its_words() {
        let mut decimals = 0;
        for text in texts(100_000) {
            let word = ["inf", "nan"]
                .iter()
                .any(|w| text.to_lowercase().contains(w));
            let rust = text.parse::<f64>().ok();
            assert_eq!(is_decimal(&text), rust.is_some() && !word, "{text:?}");
            assert_eq!(
                parse_f64(&text).map(f64::to_bits),
                rust.filter(|_| !word).map(f64::to_bits),
                "{text:?}"
            );
            decimals += usize::from(is_decimal(&text));
        }
        assert!(decimals > 10_000, "{decimals}");
        for text in ["1", "-0", "+1.", ".5", "1e5", "1E+5", "1.5e-5", "1e400"] {
            assert!(is_decimal(text), "{text}");
        }
        for text in [
            "", "+", ".", "e5", "1e", "1e+", "1.2.3", "1-2", "inf", "NaN", "0x10", " 1",
        ] {
            assert!(!is_decimal(text), "{text}");
        }
    }
}
