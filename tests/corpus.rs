//! The conformance corpus: every `corpus/<kind>/<name>.json` (an envelope or a batch) is checked
//! and compared with `<name>.expect.json` (rule, path, line, column, batch index; skipped rules).
//! `js-tests/` runs the same files through the npm package.

use std::path::Path;

mod common;
use common::corpus_files;

use credlint::engine::{self, Options};
use serde_json::{Value, json};

fn normalise_expected(v: &Value) -> (Vec<Value>, Vec<Value>) {
    let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
    let skipped = v["skipped"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|s| match s {
            Value::String(rule) => json!({ "rule": rule }),
            other => other,
        })
        .collect();
    (diags, skipped)
}

fn actual(file: &Path) -> (Vec<Value>, Vec<Value>) {
    let bytes = std::fs::read(file).expect("readable");
    let result = engine::check_bytes(&bytes, Some("x"), &Options::default()).expect("runs");
    let diags = result
        .diagnostics
        .iter()
        .map(|d| {
            let mut o = serde_json::Map::new();
            if let Some(i) = d.index {
                o.insert("index".into(), json!(i));
            }
            o.insert("rule".into(), json!(d.rule));
            o.insert("path".into(), json!(d.path));
            o.insert("line".into(), json!(d.line));
            o.insert("column".into(), json!(d.column));
            Value::Object(o)
        })
        .collect();
    let skipped = result
        .skipped
        .iter()
        .map(|s| match s.index {
            Some(i) => json!({ "index": i, "rule": s.rule }),
            None => json!({ "rule": s.rule }),
        })
        .collect();
    (diags, skipped)
}

fn sorted(mut v: Vec<Value>) -> Vec<Value> {
    v.sort_by_key(|x| x.to_string());
    v
}

#[test]
fn corpus_matches_expectations() {
    let files = corpus_files();
    assert!(files.len() >= 10, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    let mut documents = 0;
    for file in &files {
        let expect_path = file.with_extension("expect.json");
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expect_path)
                .unwrap_or_else(|_| panic!("{} has no .expect.json", file.display())),
        )
        .expect("expectation is JSON");
        let (ed, es) = normalise_expected(&expected);
        let (ad, as_) = actual(file);
        documents += match serde_json::from_slice::<Value>(&std::fs::read(file).expect("readable"))
        {
            Ok(Value::Array(a)) => a.len(),
            _ => 1,
        };
        if sorted(ed.clone()) != sorted(ad.clone()) {
            failures.push(format!(
                "{}: diagnostics\n  expected {}\n  actual   {}",
                file.display(),
                json!(ed),
                json!(ad)
            ));
        }
        if sorted(es.clone()) != sorted(as_.clone()) {
            failures.push(format!(
                "{}: skipped\n  expected {}\n  actual   {}",
                file.display(),
                json!(es),
                json!(as_)
            ));
        }
    }
    println!(
        "corpus: {} files, {} documents compared",
        files.len(),
        documents
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
