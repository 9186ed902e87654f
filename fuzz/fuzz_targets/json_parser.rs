//! Differential: credlint's JSON parser against serde_json, on any text.
//!
//! - Both accept, or both reject. The parser's two deliberate differences are left out: a UTF-8
//!   byte order mark at the start is skipped (editors on Windows write one; serde_json sees the
//!   text without it here), and nesting is limited by `max_depth` (serde_json's own limit is
//!   128 levels: inputs deeper than either are not compared).
//! - What both accept is the same value. Numbers compare by value: `-0` is the integer 0 here
//!   (`Number.isInteger(-0)` in JavaScript) where serde_json keeps the float -0.0. The span
//!   tree's leaves hold the same values (`SpanRef::agrees_with`), streamed elements' too.
//! - `parse_tree` (the tree only, what the checks read) fails exactly where `parse` fails and
//!   makes the same tree with the same duplicate keys; the tree's value (`SpanRef::to_value`)
//!   is `parse`'s value.
//! - `parse_each` (tree only), with each top-level member built, skipped or streamed by a
//!   choice the input makes, fails exactly where `parse` fails (same message, same offset) and
//!   hands over the same elements, values and duplicate keys as `parse` keeps.
#![no_main]

use credlint::json::{self, Take, TopLevel, Tree};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const DEPTH: usize = 100;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = json::parse(text, DEPTH);
    let theirs: Result<Value, _> = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));

    let too_deep = matches!(&ours, Err(e) if e.message.starts_with("nesting deeper"))
        || matches!(&theirs, Err(e) if e.to_string().contains("recursion limit"));
    if !too_deep {
        match (&ours, &theirs) {
            (Ok(p), Ok(v)) => {
                assert!(same(&p.value, v), "the parsers read different values");
                assert!(p.spans.root().agrees_with(&p.value), "the tree's values differ");
                assert_eq!(p.spans.root().to_value(), p.value, "the tree's value differs");
            }
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) => panic!("credlint accepts what serde_json rejects ({e})"),
            (Err(e), Ok(_)) => panic!("credlint rejects what serde_json accepts ({e:?})"),
        }
    }

    // parse_tree against parse.
    match (&ours, json::parse_tree(text, DEPTH)) {
        (Ok(p), Ok(t)) => {
            assert_eq!(format!("{:?}", p.spans), format!("{:?}", t.spans), "parse_tree's tree differs");
            assert!(t.spans.root().agrees_with(&p.value), "parse_tree's values differ");
            assert_eq!(p.duplicates, t.duplicates, "parse_tree's duplicate keys differ");
        }
        (Err(a), Err(b)) => assert_eq!(a, &b, "parse_tree fails elsewhere than parse"),
        (a, b) => panic!("parse gave {:?}, parse_tree {:?}", a.is_ok(), b.is_ok()),
    }

    // parse_each against parse. The first byte picks, by a key's length, what is skipped and
    // what is streamed.
    let choice = data.first().copied().unwrap_or(0);
    let mut streamed: Vec<(usize, Tree)> = Vec::new();
    let each = parse_each_with(text, choice, &mut streamed);
    match (&ours, each) {
        (Err(a), Err(b)) => assert_eq!(a, &b, "parse_each fails elsewhere than parse"),
        (Ok(whole), Ok(TopLevel::List { elements })) => {
            let Value::Array(items) = &whole.value else {
                panic!("parse_each streamed a list that parse did not read as one")
            };
            assert_eq!(elements, items.len());
            assert_eq!(streamed.len(), items.len());
            for ((i, element), item) in streamed.iter().zip(items) {
                assert!(element.spans.root().agrees_with(item), "a streamed tree's values differ");
                assert_eq!(&element.spans.root().to_value(), item);
                let span = whole.spans.get(&format!("/{i}"));
                assert_eq!(format!("{:?}", Some(&element.spans)), format!("{span:?}"));
            }
            let dups: Vec<_> = streamed.iter().flat_map(|(_, e)| &e.duplicates).collect();
            assert_eq!(dups, whole.duplicates.iter().collect::<Vec<_>>());
        }
        (Ok(whole), Ok(TopLevel::Value { parsed, partial })) => {
            let value = parsed.spans.root().to_value();
            let Some(object) = whole.value.as_object() else {
                assert!(parsed.spans.root().agrees_with(&whole.value), "the top value's tree differs");
                assert_eq!(value, whole.value);
                assert!(!partial && streamed.is_empty());
                return;
            };
            // Each member the choice builds is there, with the value that counts; the others are
            // not, and the elements of each streamed list came in order.
            let mut left_out = false;
            for (key, member) in object {
                match pick(choice, key) {
                    Take::Build => assert_eq!(value.get(key), Some(member)),
                    Take::Stream if member.is_array() => left_out = true,
                    Take::Stream => assert_eq!(value.get(key), Some(member)),
                    Take::Skip => left_out = true,
                }
            }
            if !left_out {
                assert_eq!(value, whole.value);
                assert!(parsed.spans.root().agrees_with(&whole.value), "the top object's tree differs");
            }
            assert!(partial || !left_out);
        }
        (a, b) => panic!("parse gave {:?}, parse_each {:?}", a.is_ok(), b.map(|_| ())),
    }
});

fn pick(choice: u8, key: &str) -> Take {
    match (key.len() + usize::from(choice)) % 3 {
        0 => Take::Build,
        1 => Take::Skip,
        _ => Take::Stream,
    }
}

fn parse_each_with(
    text: &str,
    choice: u8,
    streamed: &mut Vec<(usize, Tree)>,
) -> Result<TopLevel, json::ParseError> {
    json::parse_each(text, DEPTH, &mut |key| pick(choice, key), &mut |i, element| {
        streamed.push((i, element.clone()))
    })
}

/// Equal JSON values, numbers by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(p), Some(q), _, _) => p == q,
            (_, _, Some(p), Some(q)) => p == q,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        _ => a == b,
    }
}
