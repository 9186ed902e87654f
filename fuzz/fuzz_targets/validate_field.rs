//! `validate_field` (the live-form entry): byte 0 picks the kind, byte 1 the context (and whether
//! the value is a JavaScript NaN); then the JSON Pointer up to the first newline, the value
//! (JSON, else the text as a string) up to the next, and the document (JSON, else none).
#![no_main]

use credlint::engine::{self, Findings, Options};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

mod common;

fuzz_target!(|data: &[u8]| {
    let [k, c, rest @ ..] = data else { return };
    let all = credlint::kinds::all();
    let kind = all[*k as usize % all.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut parts = text.splitn(3, '\n');
    let pointer = parts.next().unwrap_or("");
    let value_text = parts.next().unwrap_or("");
    let value = serde_json::from_str::<Value>(value_text)
        .unwrap_or_else(|_| Value::String(value_text.to_owned()));
    let document = parts
        .next()
        .and_then(|d| serde_json::from_str::<Value>(d).ok());
    let context = match c % 4 {
        0 => None,
        1 => Some(json!({})),
        2 => Some(
            json!({"operation": "update", "integration": {"type": "custom", "authentication_type": "oauth"}}),
        ),
        _ => Some(json!({"operation": "create", "integration": {"type": "jira"}})),
    };
    // Byte 1's third bit: the value came from JavaScript as NaN or Infinity.
    let non_finite = if c & 4 == 4 {
        vec![pointer.to_owned()]
    } else {
        Vec::new()
    };
    let opts = Options::default();
    match engine::validate_field(
        kind,
        pointer,
        value,
        document.as_ref(),
        context.as_ref(),
        &non_finite,
        &opts,
    ) {
        Ok(diagnostics) => {
            for d in &diagnostics {
                assert!(
                    d.path.starts_with(pointer) || !d.related.is_empty(),
                    "{d:?} is not about {pointer}"
                );
            }
            let result = Findings {
                diagnostics,
                documents: 1,
                ..Default::default()
            };
            common::render_all(result, &opts, 8);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
