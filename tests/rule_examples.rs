//! Every rule's own passing and failing examples, from the registry.

use credlint::engine::{self, Options};
use credlint::{kinds, registry};

#[test]
fn every_rule_has_examples_and_they_hold() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for rule in registry::all() {
        assert!(
            rule.examples.iter().any(|e| e.pass),
            "{} has no passing example",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| !e.pass),
            "{} has no failing example",
            rule.id
        );
        for ex in rule.examples {
            if ex.kind == "terraform" {
                let result =
                    engine::check_file("main.tf", ex.document.as_bytes(), &Options::default())
                        .expect("example runs");
                let fired = result.diagnostics.iter().any(|d| d.rule == rule.id);
                if fired == ex.pass {
                    failures.push(format!(
                        "{}: {} terraform example {}",
                        rule.id,
                        if ex.pass { "passing" } else { "failing" },
                        ex.document
                    ));
                }
                ran += 1;
                continue;
            }
            let Some(kind) = kinds::find(ex.kind) else {
                // An example in a kind that does not exist never runs: a failure, not a skip.
                failures.push(format!(
                    "{}: example of unknown kind `{}` (not run)",
                    rule.id, ex.kind
                ));
                continue;
            };
            let context = if ex.context.is_empty() {
                None
            } else {
                Some(
                    engine::ContextSource::from_value(
                        serde_json::from_str(ex.context).expect("example context is JSON"),
                    )
                    .expect("context"),
                )
            };
            let policy = if ex.policy.is_empty() {
                Default::default()
            } else {
                credlint::policy::Policy::from_text(ex.policy).expect("example policy is valid")
            };
            let opts = Options {
                kind: Some(kind),
                context,
                policy,
                ..Default::default()
            };
            let result = engine::check_text(ex.document, None, &opts).expect("example runs");
            let fired = result.diagnostics.iter().any(|d| d.rule == rule.id);
            if fired == ex.pass {
                failures.push(format!(
                    "{}: {} example {} (got {:?})",
                    rule.id,
                    if ex.pass { "passing" } else { "failing" },
                    ex.document,
                    result
                        .diagnostics
                        .iter()
                        .map(|d| d.rule)
                        .collect::<Vec<_>>()
                ));
            }
            ran += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every example ran (none skipped).
    let examples: usize = registry::all().map(|r| r.examples.len()).sum();
    assert_eq!(ran, examples, "examples that did not run");
    println!("rule examples: {ran} ran");
    // Every rule of every registered kind ran both ways.
    for kind in kinds::all() {
        for rule in kind.rules() {
            assert!(
                rule.examples.iter().any(|e| e.pass && e.kind == kind.id()),
                "{}: no passing example of its kind",
                rule.id
            );
            assert!(
                rule.examples.iter().any(|e| !e.pass && e.kind == kind.id()),
                "{}: no failing example of its kind",
                rule.id
            );
        }
    }
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in registry::all() {
        assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
        let (family, name) = rule.id.split_once('/').expect("family/name");
        for part in [family, name] {
            assert!(
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.id
            );
        }
    }
}
